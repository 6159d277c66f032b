"""Work clusters: one Work for the editions, printings and translations of a work, wherever held.

A record's main Work (its title, uniform title, variant titles and creator come from the index:
:class:`kg.store.extract.WorkRow`) joins another when

- they are Works of Instances matched as the same publication (:mod:`kg.link.instances`), or
- their creators are one agent cluster (:mod:`kg.link.agents`) **and** the work title of one —
  the uniform title (240/130, language part left out) when there is one, else the title proper
  with its part number/name — is the work title, the title proper or a variant title (246) of
  the other.  "The tale of Kiều" with 240 "Truyện Kiều. English" thus joins "Truyện Kiều",
  while "Truyện Kiều" by someone else never does, and "Tuyển tập. Tập 1" is not "Tập 2";
- or a cataloguer pinned them (``kg link --same`` / ``--different``).

Works without a creator join only through a uniform title (130), a matched publication or a pin:
a bare title ("Tuyển tập", "Thơ") says too little.

Titles are compared tone-sensitively (:func:`title_key`): NFC, canonical tone placement,
case and punctuation folded.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..store.index import Index
from ..text.heading import heading_key
from .clusters import EXACT, Clusters

_NON_WORD = re.compile(r"[^\w]+")
_LEADING_ARTICLE = re.compile(r"^(the|a|an) ")


def title_key(text: str) -> str:
    """The comparison form of a title: tones kept, case, punctuation and a leading English
    article folded.

    >>> title_key("Truyện Kiều :") == title_key("truyện  kiều") != title_key("Truyện Kiệu")
    True
    """
    key = " ".join(_NON_WORD.sub(" ", heading_key(text or "")).split())
    return _LEADING_ARTICLE.sub("", key)


@dataclass
class Work:
    iri: str
    library: str
    rid: str
    instance: str
    title: str
    creator: str | None
    uniform: str | None
    variants: list[str] = field(default_factory=list)
    language: str | None = None

    @property
    def key(self) -> str:
        return title_key(self.uniform or self.title)

    def keys(self) -> set[str]:
        out = {self.key, title_key(self.title)} | {title_key(v) for v in self.variants}
        out.discard("")
        return out


def load(index: Index) -> dict[str, Work]:
    works: dict[str, Work] = {}
    for library, rid, work, instance, title, creator, uniform, variants, language in index.db.execute(
            "SELECT library, rid, work, instance, title, creator, uniform, variants, language FROM link_works"):
        works[work] = Work(work, library, rid, instance, title, creator, uniform,
                           [v for v in variants.split("\x1f") if v], language)
    return works


def cluster(works: dict[str, Work], creator_of, same_publication: list[tuple[str, str]],
            same: list[tuple[str, str]], different: dict[str, set[str]]) -> Clusters:
    """``creator_of(agent IRI)`` gives the creator's cluster (its root), or the IRI itself."""
    c = Clusters(different)
    for iri in sorted(works):
        c.add(iri)
    for a, b in same:
        if a in works and b in works:
            c.union(a, b, EXACT, forced=True)
    for a, b in same_publication:
        if a in works and b in works:
            c.union(a, b, EXACT)
    by_key: dict[tuple[str | None, str], list[str]] = defaultdict(list)
    for iri in sorted(works):
        w = works[iri]
        creator = creator_of(w.creator) if w.creator else None
        if creator is None and not w.uniform:
            continue
        if w.key:
            by_key[(creator, w.key)].append(iri)
    for key in sorted(by_key, key=lambda k: (k[0] or "", k[1])):
        members = by_key[key]
        for m in members[1:]:
            c.union(members[0], m, EXACT)
    for iri in sorted(works):
        w = works[iri]
        if not w.creator:
            continue
        creator = creator_of(w.creator)
        for k in sorted(w.keys() - {w.key}):
            for other in by_key.get((creator, k), ()):
                if other != iri:
                    c.union(other, iri, EXACT)
    return c
