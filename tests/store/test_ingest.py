"""``kg ingest`` into the embedded store: first loads, updates, deletions, idempotency."""

import json

import pytest
from storehelp import BASE, DEMO, V1, V2, canonical, dump, kg, write

from kg.store import Hub, registry
from kg.store.ingest import IngestOptions, run


@pytest.fixture
def hub(tmp_path):
    h = Hub(str(tmp_path / "store"), base_uri=BASE)
    registry.add(h.backend, h.names, registry.Library("TVHN", "Thư viện Hà Nội", "Hanoi Library", "Hà Nội", "public"))
    yield h
    h.close()


def ingest(hub, path, library="TVHN", **kw):
    problems = []
    summary = run([str(path)], IngestOptions(library, BASE, **kw), hub.backend, hub.index, hub.names, problems.append)
    return summary, problems


def counts(s):
    return (s.added, s.replaced, s.deleted, s.unchanged, s.rejected)


def titles(hub):
    rows = hub.backend.select(
        "PREFIX bf: <http://id.loc.gov/ontologies/bibframe/> "
        "SELECT DISTINCT ?i ?t WHERE { GRAPH ?g { ?i a bf:Instance ; bf:title/bf:mainTitle ?t } }")
    return sorted((r["i"].value.rsplit("/", 1)[1], r["t"].value) for r in rows)


def test_first_load_goes_through_the_bulk_loader(hub, tmp_path):
    summary, _ = ingest(hub, write(tmp_path / "v1.mrk", V1))
    assert summary.bulk and counts(summary) == (3, 0, 0, 0, 0)
    assert [t for t in titles(hub)] == [("A1", "Truyện Kiều"), ("A2", "Số đỏ"), ("A3", "Chí Phèo")]


def test_a_newer_export_replaces_exactly_its_records_and_leader_d_deletes(hub, tmp_path):
    ingest(hub, write(tmp_path / "v1.mrk", V1))
    summary, _ = ingest(hub, write(tmp_path / "v2.mrk", V2))
    assert not summary.bulk
    assert counts(summary) == (1, 1, 1, 1, 0)  # A4 added, A2 replaced, A3 deleted, A1 unchanged
    assert titles(hub) == [("A1", "Truyện Kiều"), ("A2", "Số đỏ : tiểu thuyết"), ("A4", "Dế Mèn phiêu lưu ký")]
    assert hub.backend.graph_quads(BASE + "graph/TVHN/A3") == []
    assert sorted(hub.index.manifest("TVHN")) == ["A1", "A2", "A4"]


def test_replace_all_removes_what_the_export_no_longer_has(hub, tmp_path):
    ingest(hub, write(tmp_path / "v2.mrk", V2))
    summary, _ = ingest(hub, write(tmp_path / "v1.mrk", V1), replace_all=True)
    assert counts(summary) == (1, 1, 1, 1, 0)  # A3 added back, A2 replaced, A4 removed, A1 unchanged
    assert [rid for rid, _ in titles(hub)] == ["A1", "A2", "A3"]


def test_the_same_file_twice_leaves_the_store_identical(hub):
    ingest(hub, DEMO / "tvhn.mrc")
    before = dump(hub)
    summary, _ = ingest(hub, DEMO / "tvhn.mrc")
    assert counts(summary) == (0, 0, 0, 15, 0)
    assert dump(hub) == before  # the very same quads, blank nodes included


def test_every_record_in_its_own_named_graph_with_its_manifest(hub):
    ingest(hub, DEMO / "tvhn.mrc")
    graphs = sorted(g for g in hub.backend.named_graphs(BASE + "graph/TVHN/"))
    assert len(graphs) == 15
    rows = hub.backend.select(
        "SELECT ?g ?rid WHERE { GRAPH ?g { ?g <https://w3id.org/thuvien-lienthong/ns#recordId> ?rid } }")
    assert sorted(r["g"].value for r in rows) == graphs
    assert all(r["g"].value.endswith("/" + r["rid"].value) for r in rows)


def test_duplicate_control_number_in_an_export_keeps_the_first(hub, tmp_path):
    path = write(tmp_path / "dup.mrk", V1 + "\n=LDR  00000nam a2200000 a 4500\n=001  A1\n=245  10$aBản sao\n")
    summary, problems = ingest(hub, path)
    assert counts(summary) == (3, 0, 0, 0, 1)
    assert [p.problem for p in problems if p.action == "rejected"] == [
        "record id A1 already read in this run (record 1): this later copy is ignored"]
    assert ("A1", "Truyện Kiều") in titles(hub)


def test_unregistered_library_is_refused_with_the_command_that_registers_it(tmp_path):
    proc = kg("ingest", str(DEMO / "tvhn.mrc"), "--library", "NOPE", "--store", str(tmp_path / "s"), check=False)
    assert proc.returncode == 2
    assert "library 'NOPE' is not registered" in proc.stderr and "kg library add NOPE" in proc.stderr


def test_cli_cycle_with_summary_report_stats_and_delete(tmp_path):
    store = ["--store", str(tmp_path / "s"), "--base-uri", BASE]
    kg("library", "add", "TVHN", "--name-vi", "Thư viện Hà Nội", "--name-en", "Hanoi Library", "--type", "public",
       "--city", "Hà Nội", *store)
    assert "TVHN       Thư viện Hà Nội / Hanoi Library (public, Hà Nội)" in kg("library", "list", *store).stdout
    first = kg("ingest", str(write(tmp_path / "v1.mrk", V1)), "--library", "TVHN", *store)
    assert "3 added (bulk load), 0 replaced, 0 deleted, 0 unchanged, 0 rejected" in first.stderr
    second = kg("ingest", str(write(tmp_path / "v2.mrk", V2)), "--library", "TVHN", "--report",
                str(tmp_path / "r.jsonl"), *store)
    assert "1 added, 1 replaced, 1 deleted, 1 unchanged, 0 rejected" in second.stderr
    figures = json.loads(kg("stats", "--json", *store).stdout)
    assert figures["TVHN"]["records"] == 3 and figures["TVHN"]["items"] == 1
    assert figures["TVHN"]["languages"] == {"vie": 1}
    assert "1 record(s) removed" in kg("delete", "--library", "TVHN", "A2", *store).stderr
    assert json.loads(kg("stats", "--json", *store).stdout)["TVHN"]["records"] == 2
    refused = kg("delete", "--library", "TVHN", *store, check=False)
    assert refused.returncode == 2 and "--all" in refused.stderr
    assert "2 record(s) removed" in kg("delete", "--library", "TVHN", "--all", *store).stderr


def test_parallel_ingest_builds_the_same_store_as_a_single_process(tmp_path):
    stores = []
    for jobs in (1, 2):
        h = Hub(str(tmp_path / f"s{jobs}"), base_uri=BASE)
        registry.add(h.backend, h.names, registry.Library("VNU", "Đại học Quốc gia Hà Nội"))
        problems = []
        run([str(DEMO / "vnu.mrc"), str(DEMO / "nlv.xml")], IngestOptions("VNU", BASE, jobs=jobs), h.backend, h.index,
            h.names, problems.append)
        stores.append(canonical(dump(h)))
        h.close()
    assert stores[0] == stores[1] and len(stores[0]) > 5000


def test_first_load_split_into_several_bulk_loads_with_workers(tmp_path, monkeypatch):
    """A bulk load restarted mid-run while worker processes exist (they must not hold the loader's
    pipe open: the load would never end) gives the same store as one load."""
    import faulthandler

    import kg.store.ingest as ingest_module

    faulthandler.dump_traceback_later(120, exit=True)  # a deadlock must fail loudly, not hang CI
    from test_faults import varied

    export = varied(tmp_path / "export.mrc", 6)
    monkeypatch.setattr(ingest_module, "BULK_TRIPLES", 500)  # hand every batch to the writer at once
    stores = []
    for size in (10**9, 50_000):
        monkeypatch.setattr(ingest_module, "BULK_SESSION_TRIPLES", size)
        h = Hub(str(tmp_path / f"s{size}"), base_uri=BASE)
        registry.add(h.backend, h.names, registry.Library("NLV", "Thư viện Quốc gia Việt Nam"))
        # a dozen batches: later ones are still in the workers when the first ones reach the
        # writer and the loader is restarted
        summary = run([str(export)], IngestOptions("NLV", BASE, jobs=2), h.backend, h.index, h.names, lambda p: None)
        assert summary.added > 2000
        stores.append(canonical(dump(h)))
        h.close()
    faulthandler.cancel_dump_traceback_later()
    assert stores[0] == stores[1]
