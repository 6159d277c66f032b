"""``kg link`` as a cataloguer runs it: a real process on a real store; decisions that stick."""

import csv

import pytest
from linkhelp import BASE, DEMO, kg

from kg.link.decisions import load
from kg.store import Hub

NGUYEN_DU_TVHN = f"{BASE}agent/TVHN/nguyen-du-7c57112e9710"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    s = ["--store", str(d / "store"), "--base-uri", BASE]
    for code, kind, bib in (("NLV", "national", "nlv.xml"), ("VNU", "university", "vnu.mrc"),
                            ("TVHN", "public", "tvhn.mrc")):
        kg("library", "add", code, "--name-vi", f"Thư viện {code}", "--type", kind, *s)
        kg("ingest", str(DEMO / bib), "--library", code, "--jobs", "1", "--quiet", *s)
        kg("ingest", str(DEMO / f"{code.lower()}-authorities.xml"), "--library", code, "--jobs", "1", "--quiet", *s)
    return d, s


def hub_of(s, member):
    with Hub(s[1], base_uri=BASE) as h:
        rows = h.backend.select("SELECT ?g ?hub ?m WHERE { GRAPH ?g { ?hub ?p ?m } }", g=h.names.links, m=__import__(
            "pyoxigraph").NamedNode(member))
    return rows[0]["hub"].value if rows else None


def test_link_summary_and_report(store):
    d, s = store
    proc = kg("link", "--report", str(d / "r.csv"), *s)
    assert "agent clusters" in proc.stderr and "work clusters" in proc.stderr
    rows = list(csv.DictReader((d / "r.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert {r["section"] for r in rows} >= {"unlinked heading", "names that fold alike, not merged"}
    assert any("Nguyễn Dữ" in r["label"] and "tone marks" in r["detail"] for r in rows)


def test_different_splits_a_cluster_and_forget_restores_it(store):
    _, s = store
    kg("link", "--quiet", *s)
    before = hub_of(s, NGUYEN_DU_TVHN)
    assert before and "nguyen-du-1765-1820" in before
    proc = kg("link", "--quiet", "--different", before, NGUYEN_DU_TVHN, *s)
    assert "decision recorded (different)" in proc.stderr
    assert hub_of(s, NGUYEN_DU_TVHN) is None  # alone now: no hub holds it
    with Hub(s[1], base_uri=BASE) as h:
        assert all(NGUYEN_DU_TVHN in pair for pair in load(h.backend, h.names).different)
    kg("link", "--quiet", "--forget", before, NGUYEN_DU_TVHN, *s)
    assert hub_of(s, NGUYEN_DU_TVHN) == before


def test_same_merges_what_the_evidence_keeps_apart(store):
    _, s = store
    poet, general = f"{BASE}agent/NLV/hoang-cam-1922-2010-57baf66135e3", f"{BASE}agent/NLV/hoang-cam-1920-2013-6e61d156a679"
    kg("link", "--quiet", *s)
    assert hub_of(s, general) is None
    kg("link", "--quiet", "--same", poet, general, *s)
    assert hub_of(s, general) == hub_of(s, poet) is not None
    kg("link", "--quiet", "--forget", poet, general, *s)
    assert hub_of(s, general) is None


def test_a_decision_needs_iris(store):
    _, s = store
    proc = kg("link", "--same", "Nguyễn Du", "Tố Như", *s, check=False)
    assert proc.returncode == 2 and "not an IRI" in proc.stderr
