"""The embedded backend's redo journal: a batch is either absent or there in full, even when the
writer is killed between committing the journal and finishing the batch."""

import json

import pyoxigraph
import pytest
from storehelp import BASE, V1, V2, canonical, dump, write

from kg.store import Hub, registry
from kg.store.embedded import EmbeddedBackend
from kg.store.ingest import IngestOptions, run


def records(quads):
    """The quads of the record graphs (the statistics are written from the index, not replayed)."""
    return {q for q in quads if "/graph/TVHN/" in q.graph_name.value}


def build(path, export):
    h = Hub(str(path), base_uri=BASE)
    registry.add(h.backend, h.names, registry.Library("TVHN", "Thư viện Hà Nội"))
    run([str(export)], IngestOptions("TVHN", BASE), h.backend, h.index, h.names, lambda p: None)
    return h


@pytest.mark.parametrize("progress", ["journal written", "graphs dropped", "batch loaded"])
def test_a_journal_left_by_a_killed_writer_is_replayed_once(tmp_path, progress):
    v1, v2 = write(tmp_path / "v1.mrk", V1), write(tmp_path / "v2.mrk", V2)
    reference = build(tmp_path / "ref", v1)
    run([str(v2)], IngestOptions("TVHN", BASE), reference.backend, reference.index, reference.names, lambda p: None)
    expected = canonical(dump(reference))
    reference.close()

    h = build(tmp_path / "s", v1)
    # the batch v2 makes: what the ingest would hand to replace(), captured
    batches = []
    original = EmbeddedBackend.replace
    EmbeddedBackend.replace = lambda self, graphs, nquads: batches.append((list(graphs), nquads))
    try:
        run([str(v2)], IngestOptions("TVHN", BASE), h.backend, h.index, h.names, lambda p: None)
    finally:
        EmbeddedBackend.replace = original
    [(graphs, nquads)] = batches
    # kill -9 after the journal commit, at three points of the application
    journal = tmp_path / "s" / "journal"
    journal.mkdir(exist_ok=True)
    (journal / "batch").write_bytes(json.dumps(graphs).encode() + b"\n" + nquads)
    store = h.backend.store
    if progress in ("graphs dropped", "batch loaded"):
        for g in graphs:
            store.remove_graph(pyoxigraph.NamedNode(g))
    if progress == "batch loaded":
        store.load(nquads, format=pyoxigraph.RdfFormat.N_QUADS)
    del store
    h.close()

    h = Hub(str(tmp_path / "s"), base_uri=BASE)  # opening replays the journal
    assert not (journal / "batch").exists()
    assert records(canonical(dump(h))) == records(expected)
    h.close()
