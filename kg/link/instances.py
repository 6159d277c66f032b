"""Instance matches: the same publication described by several libraries (the union catalogue).

Instances of different libraries that share a *valid* ISBN (compared as ISBN-13), ISSN or LCCN
(:mod:`kg.text.identifiers`) are one publication — provided their titles agree: Vietnamese
publishers have reused ISBNs, and a multi-volume set may carry one ISBN for all its volumes, so
instances whose title proper (with part number and name) differs are not matched on the number
alone and the conflict is reported.  Each description stays as its library wrote it; the links
graph adds a publication node ``{base}instance/hub/{scheme}-{number}`` that is ``owl:sameAs``
each of them.  When one number is found on different titles (the volumes of a set), each title
that several libraries share is its own publication, named ``{scheme}-{number}-{digest of the
title key}`` so that two volumes never share a node.  A number only one library has links nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..store.index import Index
from .works import title_key

SCHEMES = ("isbn", "issn", "lccn")


@dataclass
class Publication:
    scheme: str
    number: str
    title: str
    instances: list[str]  # sorted
    works: list[str]
    qualifier: str = ""  # the title key, when the number was found on different titles


@dataclass
class Conflict:
    scheme: str
    number: str
    titles: list[str]
    instances: list[str]


def match(index: Index, different: dict[str, set[str]] | None = None) -> tuple[list[Publication], list[Conflict]]:
    different = different or {}
    placeholders = ",".join("?" * len(SCHEMES))
    groups: dict[tuple[str, str], list[tuple[str, str, str, str]]] = defaultdict(list)
    for scheme, value, library, instance, work, title in index.db.execute(
            f"SELECT i.scheme, i.value, w.library, w.instance, w.work, w.title FROM link_ids i "
            f"JOIN link_works w ON w.library = i.library AND w.rid = i.rid AND w.instance = i.entity "
            f"WHERE i.scheme IN ({placeholders}) ORDER BY i.scheme, i.value, w.instance", SCHEMES):
        groups[(scheme, value)].append((library, instance, work, title))
    publications: list[Publication] = []
    conflicts: list[Conflict] = []
    for (scheme, number), members in sorted(groups.items()):
        if len({m[0] for m in members}) < 2:
            continue
        by_title: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        for m in members:
            by_title[title_key(m[3])].append(m)
        if len(by_title) > 1:
            conflicts.append(Conflict(scheme, number, sorted({m[3] for m in members}), sorted(m[1] for m in members)))
        for key, part in sorted(by_title.items()):
            if len({m[0] for m in part}) < 2:
                continue
            instances = sorted(m[1] for m in part)
            if any(other in instances for i in instances for other in different.get(i, ())):
                continue  # a cataloguer said two of them are different publications
            publications.append(Publication(scheme, number, part[0][3], instances, sorted(m[2] for m in part),
                                            key if len(by_title) > 1 else ""))
    return _merge(publications), conflicts


def _merge(publications: list[Publication]) -> list[Publication]:
    """One publication per set of instances: an ISBN and an LCCN of the same books are one."""
    owner: dict[str, int] = {}
    merged: list[Publication | None] = []
    for p in publications:  # sorted by (scheme, number): the first one names the publication
        hits = sorted({owner[i] for i in p.instances if i in owner})
        if not hits:
            merged.append(Publication(p.scheme, p.number, p.title, list(p.instances), list(p.works), p.qualifier))
            target = len(merged) - 1
        else:
            target = hits[0]
            keep = merged[target]
            for h in hits[1:]:
                other = merged[h]
                keep.instances += other.instances
                keep.works += other.works
                merged[h] = None
            keep.instances += p.instances
            keep.works += p.works
        keep = merged[target]
        keep.instances = sorted(set(keep.instances))
        keep.works = sorted(set(keep.works))
        for i in keep.instances:
            owner[i] = target
    return [p for p in merged if p is not None]
