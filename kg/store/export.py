"""``kg export``: the store (or one library) as a dump that ``oxigraph load`` and rdflib read back.

N-Quads keeps every record in its named graph; N-Triples and Turtle flatten the graphs into one
(the provenance then stays in each record's ``bf:adminMetadata``).  ``.gz`` output is gzip.
A library's dump holds its records, its registry entry and its statistics.
"""

from __future__ import annotations

from pyoxigraph import RdfFormat, Triple, serialize

from ..output import FORMATS, Writer, piece
from ..convert.terms import PREFIXES
from .hub import Hub

GROUP = 500


def graphs_of(hub: Hub, library: str | None) -> list[str]:
    if library is None:
        return sorted(hub.backend.named_graphs(hub.names.record_prefix))  # our graphs, not a server's own
    names = hub.names
    graphs = sorted(hub.backend.named_graphs(names.record_graph_prefix(library)))
    return graphs + [names.registry(library).value, names.stats(library).value]


def export(hub: Hub, path: str, fmt: str, library: str | None = None) -> int:
    if fmt not in ("nq", "nt", "ttl"):
        raise ValueError(fmt)
    writer = Writer(path, fmt)
    compress = path.endswith(".gz")
    total = 0
    try:
        graphs = graphs_of(hub, library)
        for i in range(0, len(graphs), GROUP):
            quads = [q for g in graphs[i : i + GROUP] for q in hub.backend.graph_quads(g)]
            if not quads:
                continue
            total += len(quads)
            if fmt == "nq":
                data = serialize(quads, format=RdfFormat.N_QUADS)
            else:
                triples = [Triple(q.subject, q.predicate, q.object) for q in quads]
                data = serialize(triples, format=FORMATS[fmt], prefixes=PREFIXES if fmt == "ttl" else None)
            writer.write(piece(data, fmt, compress))
    finally:
        writer.close()
    return total
