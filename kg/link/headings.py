"""Headings to authorities, within each library: the first step of ``kg link``.

Records loaded before the library's authorities (or before an authority gained a 4XX) still
point at heading-minted IRIs.  For every library, :func:`kg.store.aliases.library_aliases` says
which heading IRIs are a variant of, or carry the $0 of, one of its authorities; the records
using them are rewritten — read back from the store, every occurrence of the heading IRI
replaced by the authority's, written back atomically by batch — and re-indexed.  The rewrite is
what a fresh ``kg ingest`` of the same records would produce now, so running it twice changes
nothing the second time.

Then the report: headings of a library that has authorities and that match none of them — for
a cataloguer to add a 4XX or a new authority — each with the records using it and, when one
exists, an authority whose name folds alike (a likely typo: "Nguyen Du" for "Nguyễn Du").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode, RdfFormat, serialize

from ..store import extract
from ..store.aliases import AUTHORITY_RID, library_aliases
from ..store.hub import Hub
from ..store.ingest import redirect
from ..text.names import block_keys

BATCH = 500


@dataclass
class Redirected:
    headings: int = 0
    records: int = 0
    ambiguous: dict[str, list[str]] = field(default_factory=dict)


def redirect_headings(hub: Hub, library: str) -> Redirected:
    index, backend = hub.index, hub.backend
    aliases = library_aliases(index, library)
    out = Redirected(ambiguous=aliases.ambiguous)
    if not aliases.redirect:
        return out
    db = index.db
    db.execute("CREATE TEMP TABLE IF NOT EXISTS alias_keys (entity TEXT PRIMARY KEY)")
    db.execute("DELETE FROM alias_keys")
    db.executemany("INSERT INTO alias_keys VALUES (?)", [(k,) for k in aliases.redirect])
    rows = db.execute("SELECT DISTINCT e.rid, r.graph, r.hash FROM entities e JOIN alias_keys a ON a.entity = e.entity "
                      "JOIN records r ON r.library = e.library AND r.rid = e.rid "
                      "WHERE e.library = ? AND e.rid NOT LIKE ? ORDER BY e.rid", (library, AUTHORITY_RID)).fetchall()
    used = {r[0] for r in db.execute("SELECT DISTINCT e.entity FROM entities e JOIN alias_keys a ON a.entity = e.entity "
                                     "WHERE e.library = ?", (library,))}
    out.headings = len(used)
    targets = {k: NamedNode(v) for k, v in aliases.redirect.items()}
    for i in range(0, len(rows), BATCH):
        part = rows[i : i + BATCH]
        upserts, quads = [], []
        for rid, graph, digest in part:
            new = redirect(backend.graph_quads(graph), targets)
            quads.extend(new)
            upserts.append((rid, graph, digest, extract.facts(new)))
        index.mark_dirty()
        backend.replace([r[1] for r in part], serialize(quads, format=RdfFormat.N_QUADS))
        index.apply(library, upserts)
        out.records += len(part)
    return out


@dataclass
class Unlinked:
    library: str
    kind: str
    label: str
    entity: str
    records: int
    suggestion: str = ""


def unlinked_headings(hub: Hub, library: str) -> list[Unlinked]:
    """Headings (agents, concepts, name/title hubs) of ``library`` that are not an authority of
    it, when the library has authorities at all."""
    db = hub.index.db
    authorities: dict[str, str] = {}
    for entity, label in db.execute("SELECT entity, label FROM label_rows WHERE library = ? AND form = 'authorised'",
                                    (library,)):
        authorities.setdefault(entity, label)
    if not authorities:
        return []
    by_block: dict[str, str] = {}
    for entity, label in sorted(authorities.items()):
        for key in block_keys(label):
            by_block.setdefault(key, label)
    for entity, label in db.execute("SELECT entity, label FROM label_rows WHERE library = ? AND form = 'variant'",
                                    (library,)):
        for key in block_keys(label):
            by_block.setdefault(key, authorities.get(entity, label))
    out = []
    for entity, kind, refs in db.execute(
            "SELECT entity, kind, refs FROM entity_refs WHERE library = ? AND kind IN ('agent', 'concept') "
            "ORDER BY refs DESC, entity", (library,)):
        if entity in authorities:
            continue
        row = db.execute("SELECT label, cls FROM label_rows WHERE entity = ? AND library = ? AND rid NOT LIKE ? LIMIT 1",
                         (entity, library, AUTHORITY_RID)).fetchone()
        if row is None or row[1] == "Agent":
            continue  # bf:Agent: a publisher's or a linking entry's name, not a heading
        label = row[0]
        suggestion = next((by_block[k] for k in sorted(block_keys(label)) if k in by_block), "")
        out.append(Unlinked(library, kind, label, entity, refs, suggestion))
    return out
