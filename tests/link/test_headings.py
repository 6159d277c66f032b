"""Headings of a library pointed at its own authorities: by 4XX variant, by $0, whatever the
order in which records and authorities were loaded; ambiguous variants left alone."""

import csv

import pytest
from linkhelp import BASE, canonical, creator, dump, ingest, link, mrk_file, open_store

BIBS = """
=LDR  00000nam a2200000 a 4500
=001  B1
=100  1\\$aNguyễn, Du,$d1765-1820.
=245  10$aTruyện Kiều /$cNguyễn Du.

=LDR  00000nam a2200000 a 4500
=001  B2
=100  0\\$aTố Như,$d1765-1820.
=245  10$aVăn chiêu hồn /$cTố Như.

=LDR  00000nam a2200000 a 4500
=001  B3
=100  0\\$aNguyễn Du$0(NLV)A1
=245  10$aThanh Hiên thi tập.

=LDR  00000nam a2200000 a 4500
=001  B4
=100  0\\$aNguyen Du.
=245  10$aKim Vân Kiều.

=LDR  00000nam a2200000 a 4500
=001  B5
=100  0\\$aNguyễn Du,$d1765-1820.
=245  10$aBắc hành tạp lục.
"""

AUTHORITIES = """
=LDR  00000nz  a2200000n  4500
=001  A1
=003  NLV
=008  250315n| azannaabn          |a aaa
=100  0\\$aNguyễn Du,$d1765-1820
=400  1\\$aNguyễn, Du,$d1765-1820
=400  0\\$aTố Như,$d1765-1820
=400  0\\$aNguyen Du
=670  \\\\$aTruyện Kiều, 2015

=LDR  00000nz  a2200000n  4500
=001  A2
=003  NLV
=008  250315n| azannaabn          |a aaa
=100  0\\$aNguyễn Dữ,$dthế kỷ 16
=400  0\\$aNguyen Du
"""

def authority_iri(hub, rid="A1"):
    rows = hub.backend.select(
        "SELECT ?g ?a WHERE { GRAPH ?g { ?a a <http://www.loc.gov/mads/rdf/v1#Authority> } }",
        g=__import__("pyoxigraph").NamedNode(f"{BASE}graph/NLV/authority/{rid}"))
    return rows[0]["a"].value


def record_graphs(hub) -> set:
    import io

    out = io.BytesIO()
    hub.backend.dump(out, [f"{BASE}graph/NLV/B{n}" for n in range(1, 6)])
    return canonical(out.getvalue())


@pytest.fixture
def files(tmp_path):
    return mrk_file(tmp_path / "bibs.mrk", BIBS), mrk_file(tmp_path / "auth.mrk", AUTHORITIES)


def test_records_loaded_before_their_authorities_are_pointed_at_them_by_kg_link(tmp_path, files):
    bibs, auth = files
    hub = open_store(tmp_path / "s")
    ingest(hub, "NLV", bibs)
    ingest(hub, "NLV", auth)
    a1 = authority_iri(hub)
    assert creator(hub, "NLV", "B1") != a1  # the inverted heading has its own IRI until linked
    summary = link(hub, str(tmp_path / "report.csv"))
    assert summary.redirected["NLV"].records == 3  # B1 (400 inverted), B2 (400 pen name), B3 ($0)
    assert [creator(hub, "NLV", r) == a1 for r in ("B1", "B2", "B3", "B5")] == [True] * 4
    assert creator(hub, "NLV", "B4") != a1  # "Nguyen Du" is a variant of Nguyễn Du AND Nguyễn Dữ
    rows = list(csv.DictReader((tmp_path / "report.csv").read_text(encoding="utf-8-sig").splitlines()))
    ambiguous = [r for r in rows if r["section"] == "ambiguous variant"]
    assert len(ambiguous) == 1 and authority_iri(hub, "A2") in ambiguous[0]["detail"]
    unlinked = [r["label"] for r in rows if r["section"] == "unlinked heading"]
    assert unlinked == ["Nguyen Du"]
    hub.close()


def test_load_order_does_not_matter(tmp_path, files):
    bibs, auth = files
    first = open_store(tmp_path / "bibs-first")
    ingest(first, "NLV", bibs)
    ingest(first, "NLV", auth)
    link(first)
    second = open_store(tmp_path / "authorities-first")
    ingest(second, "NLV", auth)
    ingest(second, "NLV", bibs)  # pointed at the authorities while being converted
    assert creator(second, "NLV", "B1") == authority_iri(second)
    link(second)
    assert record_graphs(first) == record_graphs(second)
    first.close()
    second.close()


def test_linking_twice_changes_nothing(tmp_path, files):
    bibs, auth = files
    hub = open_store(tmp_path / "s")
    ingest(hub, "NLV", bibs)
    ingest(hub, "NLV", auth)
    link(hub)
    before = canonical(dump(hub))
    again = link(hub)
    assert again.redirected["NLV"].records == 0
    after = canonical(dump(hub))
    assert {q for q in before ^ after if not q.predicate.value.endswith("linkRun")} == set()
    hub.close()


def test_the_index_follows_the_rewrite(tmp_path, files):
    bibs, auth = files
    hub = open_store(tmp_path / "s")
    ingest(hub, "NLV", bibs)
    ingest(hub, "NLV", auth)
    link(hub)
    a1 = authority_iri(hub)
    hits = hub.index.search("To Nhu")
    assert any(h.entity == a1 for h in hits)  # a variant label finds the authority
    rids = {r[0] for r in hub.index.db.execute("SELECT rid FROM entities WHERE entity = ?", (a1,))}
    assert rids >= {"B1", "B2", "B3", "B5", "authority/A1"}
    hub.close()
