"""One ``kg link`` run, phase by phase.

1. headings -> authorities, per library (:mod:`kg.link.headings`): records rewritten in the store;
2. facts loaded from the index (never by querying the store: a million records' agents come
   out of SQLite in seconds, the same question to the store takes minutes);
3. instance matches (:mod:`kg.link.instances`), agent clusters (:mod:`kg.link.agents`), work
   clusters (:mod:`kg.link.works`, using both), all obeying the pinned decisions
   (:mod:`kg.link.decisions`);
4. the links graph replaced as a whole (:mod:`kg.link.graph`) — small ones atomically, large ones
   by a bulk load after clearing the old graph (a run killed there leaves a partial links graph
   that the next run replaces; the records are never touched by this step);
5. the report for cataloguers, if asked: unlinked headings, ambiguous variants, names that fold
   alike but are different, numbers shared by different titles.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass, field

from pyoxigraph import Literal, RdfFormat, serialize

from ..convert.terms import xsd
from ..store import registry
from ..store.hub import Hub
from ..store.names import term
from . import agents as agent_clusters
from . import decisions as pins
from . import instances as publications
from . import works as work_clusters
from .graph import Builder, agent_hubs, publication_hubs, work_hubs
from .headings import Redirected, Unlinked, redirect_headings, unlinked_headings

BULK_ABOVE = 200_000  # quads: above this the links graph is bulk-loaded, not one transaction


@dataclass
class Summary:
    redirected: dict[str, Redirected] = field(default_factory=dict)
    agents: int = 0
    agent_clusters: int = 0
    agents_clustered: int = 0
    close_links: int = 0
    works: int = 0
    work_clusters: int = 0
    works_clustered: int = 0
    publications: int = 0
    conflicts: int = 0
    near_misses: int = 0
    unlinked: int = 0
    triples: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def run(hub: Hub, report: str | None = None, progress=lambda message: None) -> Summary:
    out = Summary()
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        out.seconds[name] = round(now - clock, 2)
        clock = now
        progress(f"{name}: {out.seconds[name]:.1f} s")

    backend, index, names = hub.backend, hub.index, hub.names
    libraries = {lib.code: lib.kind for lib in registry.all_libraries(backend, names)}
    for code in sorted(set(libraries) | set(index.libraries())):
        out.redirected[code] = redirect_headings(hub, code)
    lap("headings")
    decided = pins.load(backend, names)
    different = decided.different_map()
    agents = agent_clusters.load(index, work_clusters.title_key)
    works = work_clusters.load(index)
    lap("facts")
    matched, conflicts = publications.match(index, different)
    same_publication = [(p.works[0], w) for p in matched for w in p.works[1:]]
    agent_c, near = agent_clusters.cluster(agents, decided.same, different)
    work_c = work_clusters.cluster(works, lambda iri: agent_c.find(iri) if iri in agent_c.parent else iri,
                                   same_publication, decided.same, different)
    lap("clusters")
    b = Builder(names.links, names.base, libraries)
    hub_of, hub_labels = agent_hubs(b, agents, agent_c)
    out.work_clusters = work_hubs(b, works, work_c, agents, hub_of, hub_labels)
    publication_hubs(b, matched)
    b.add(names.links, term("linkRun"), Literal(time.strftime("%Y-%m-%dT%H:%M:%S"), datatype=xsd.dateTime))
    _write(hub, b.quads)
    lap("write")
    groups = agent_c.groups()
    out.agents, out.agent_clusters = len(agents), len(groups)
    out.agents_clustered = sum(len(g) for g in groups)
    out.close_links = sum(1 for q in b.quads if q.predicate.value.endswith("hasCloseExternalAuthority"))
    out.works = len(works)
    out.works_clustered = sum(len(g) for g in work_c.groups())
    out.publications, out.conflicts, out.near_misses = len(matched), len(conflicts), len(near)
    out.triples = len(b.quads)
    if report:
        unlinked: list[Unlinked] = []
        for code in sorted(out.redirected):
            unlinked.extend(unlinked_headings(hub, code))
        out.unlinked = len(unlinked)
        _report(report, out, unlinked, near, conflicts, agents)
        lap("report")
    return out


def _write(hub: Hub, quads: list) -> None:
    backend, g = hub.backend, hub.names.links.value
    if len(quads) <= BULK_ABOVE:
        backend.replace([g], serialize(quads, format=RdfFormat.N_QUADS))
        return
    backend.replace([g], b"")
    session = backend.bulk_session()
    try:
        for i in range(0, len(quads), 100_000):
            session.write(serialize(quads[i : i + 100_000], format=RdfFormat.N_QUADS))
    except BaseException:
        session.abort()
        raise
    session.close()


def _report(path: str, out: Summary, unlinked, near, conflicts, agents) -> None:
    """A CSV a cataloguer opens in a spreadsheet (UTF-8 with BOM, so Excel shows Vietnamese)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["section", "library", "kind", "label", "records", "entity", "detail"])
        for u in unlinked:
            w.writerow(["unlinked heading", u.library, u.kind, u.label, u.records, u.entity,
                        f"an authority that folds alike: {u.suggestion}" if u.suggestion else ""])
        for code, r in sorted(out.redirected.items()):
            for variant, authorities in sorted(r.ambiguous.items()):
                w.writerow(["ambiguous variant", code, "agent", "", "", variant,
                            "variant or $0 of several authorities: " + " | ".join(authorities)])
        for n in near:
            w.writerow(["names that fold alike, not merged", " ".join(sorted({agents[i].library for i in n.agents})),
                        "agent", " | ".join(n.forms), "", " ".join(n.agents), f"not merged: {n.why}"])
        for c in conflicts:
            w.writerow([f"{c.scheme} shared by different titles", "", "instance", " | ".join(c.titles), "",
                        " ".join(c.instances), f"{c.scheme} {c.number}: not matched on the number alone"])
