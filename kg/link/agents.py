"""Agent clusters: the same person, family or body as several libraries (and headings) name it.

Evidence, strongest first (each union still subject to :mod:`kg.link.clusters`' constraints):

1. a cataloguer's ``kg link --same`` pin;
2. a shared external identifier — VIAF, ISNI, Wikidata, LC NAF, ORCID, GND — from 024/010/035 of
   an authority or $0/$1 of a heading;
3. the same name (:func:`kg.text.names.forms`: NFC, repaired encodings, canonical tone placement,
   inverted = direct order, dates set apart; **tones kept**), candidates found by blocking on
   the folded key (:func:`kg.text.names.block_keys`), never by comparing all pairs; an
   authority's 4XX variants count as its names (Tô Hoài's 400 "Nguyễn, Sen");
   - both dated, dates compatible: exact;
   - one undated, sharing a work title with the other: exact;
   - one undated, nothing else: close — and only when the name has a single dated identity
     (two Hoàng Cầm with different dates: the undated one stays alone).

Names that fold alike but differ by tone marks (Nguyễn Du / Nguyễn Dữ) are never merged by
name; they are reported as near misses for a cataloguer to look at.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..store.index import Index
from ..text import names
from .clusters import CLOSE, EXACT, Clusters

STRONG_IDS = ("viaf", "isni", "wikidata", "lcnaf", "orcid", "gnd")


@dataclass
class Agent:
    iri: str
    library: str
    cls: str
    authority: bool = False
    labels: list[str] = field(default_factory=list)  # as headings and the authorised form
    variants: list[str] = field(default_factory=list)  # an authority's 4XX
    ids: set[tuple[str, str]] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    refs: int = 0
    dates: names.Dates | None = None

    @property
    def label(self) -> str:
        """The display name: the authorised form, else the heading used most (first seen)."""
        return self.labels[0] if self.labels else (self.variants[0] if self.variants else self.iri)


def load(index: Index, title_key) -> dict[str, Agent]:
    """Every agent of the index with its names, identifiers and the titles it appears with."""
    db = index.db
    agents: dict[str, Agent] = {}
    rows = db.execute("SELECT library, entity, cls, form, label FROM label_rows WHERE kind = 'agent' "
                      "GROUP BY entity, form, label ORDER BY entity, form = 'heading', id")
    for library, entity, cls, form, label in rows:
        a = agents.get(entity)
        if a is None:
            a = agents[entity] = Agent(entity, library, cls or "Agent")
        if form == "authorised":
            a.authority = True
            a.cls = cls or a.cls
            a.labels.insert(0, label)
        elif form == "variant":
            a.variants.append(label)
        elif label not in a.labels:
            a.labels.append(label)
    for library, entity, refs in db.execute("SELECT library, entity, refs FROM entity_refs WHERE kind = 'agent'"):
        a = agents.get(entity)
        if a is not None:
            a.refs += refs
    placeholders = ",".join("?" * len(STRONG_IDS))
    for entity, scheme, value in db.execute(
            f"SELECT DISTINCT entity, scheme, value FROM link_ids WHERE scheme IN ({placeholders})", STRONG_IDS):
        a = agents.get(entity)
        if a is not None:
            a.ids.add((scheme, value))
    for entity, title, uniform in db.execute(
            "SELECT e.entity, w.title, w.uniform FROM entities e JOIN link_works w "
            "ON w.library = e.library AND w.rid = e.rid WHERE e.kind = 'agent'"):
        a = agents.get(entity)
        if a is not None:
            a.titles.add(title_key(uniform or title))
    for a in agents.values():
        for label in a.labels:
            _, dates = names.split_dates(label)
            if dates is not None:
                a.dates = dates
                break
    return agents


@dataclass
class NearMiss:
    """Clusters whose names fold alike: different by tone marks, or homonyms apart by dates."""

    folded: str
    forms: list[str]  # one display name per cluster
    agents: list[str]  # one member per cluster
    why: str


def cluster(agents: dict[str, Agent], same: list[tuple[str, str]], different: dict[str, set[str]]
            ) -> tuple[Clusters, list[NearMiss]]:
    c = Clusters(different)
    for iri in sorted(agents):
        a = agents[iri]
        c.add(iri, a.dates, a.cls)
    for a, b in same:
        if a in agents and b in agents:
            c.union(a, b, EXACT, forced=True)
    by_id: dict[tuple[str, str], list[str]] = defaultdict(list)
    for iri in sorted(agents):
        for key in agents[iri].ids:
            by_id[key].append(iri)
    for key in sorted(by_id):
        members = by_id[key]
        for m in members[1:]:
            c.union(members[0], m, EXACT)
    by_form: dict[str, list[str]] = defaultdict(list)
    by_block: dict[str, set[str]] = defaultdict(set)
    for iri in sorted(agents):
        a = agents[iri]
        seen: set[str] = set()
        for label in a.labels + a.variants:
            for form in names.forms(label):
                if form not in seen:
                    seen.add(form)
                    by_form[form].append(iri)
            for key in names.block_keys(label):
                by_block[key].add(iri)
    for form in sorted(by_form):
        group = by_form[form]
        if len(group) > 1:
            _name_group(c, agents, group)
    near: list[NearMiss] = []
    reported: set[frozenset[str]] = set()
    for key in sorted(by_block):
        iris = sorted(by_block[key])
        if len(iris) < 2:
            continue
        first: dict[str, str] = {}  # root -> its first member in the block
        for i in iris:
            first.setdefault(c.find(i), i)
        roots = frozenset(first)
        if len(roots) < 2 or roots in reported:
            continue
        reported.add(roots)
        members = sorted(first.values())
        exact = [names.forms(agents[m].label) for m in members]
        tones = any(not (a & b) for n, a in enumerate(exact) for b in exact[n + 1:])
        near.append(NearMiss(key, [agents[m].label for m in members], members,
                             "names differ by tone marks" if tones else "same name, told apart by dates or class"))
    return c, near


def _name_group(c: Clusters, agents: dict[str, Agent], group: list[str]) -> None:
    """One exact name shared by several agents: unite what the evidence allows."""
    dated = [i for i in group if agents[i].dates is not None]
    undated = [i for i in group if agents[i].dates is None]
    for i in dated[1:]:
        for j in dated[: dated.index(i)]:
            if names.compatible(agents[i].dates, agents[j].dates) and c.union(j, i, EXACT):
                break
    titles: dict[str, list[str]] = defaultdict(list)
    for i in group:
        for t in agents[i].titles:
            titles[t].append(i)
    for i in undated:
        for t in sorted(agents[i].titles):
            for j in titles[t]:
                if j != i:
                    c.union(i, j, EXACT)
    identities = {c.find(i) for i in dated}
    if len(identities) > 1:
        return  # homonyms told apart by their dates: an undated name cannot be given to either
    anchor = dated[0] if dated else undated[0]
    for i in undated:
        if not c.same(anchor, i):
            c.union(anchor, i, CLOSE)
