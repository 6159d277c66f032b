"""Publications matched on valid numbers with agreeing titles; works clustered by creator and
title, and never across authors or volumes.  ISBNs here are made-up test numbers with valid
check digits (9786040000002 …), not real books' numbers."""

import csv

import pytest
from linkhelp import BASE, cluster_of, creator, ingest, link, mrk_file, open_store

NLV = """
=LDR  00000nam a2200000 a 4500
=001  N1
=020  \\\\$a978-604-0-00000-2$c45000đ
=100  0\\$aNguyễn Nhật Ánh,$d1955-
=245  10$aMắt biếc :$btiểu thuyết /$cNguyễn Nhật Ánh.

=LDR  00000nam a2200000 a 4500
=001  N2
=020  \\\\$a9786041000001
=100  0\\$aNguyễn Nhật Ánh,$d1955-
=245  10$aCho tôi xin một vé đi tuổi thơ.

=LDR  00000nam a2200000 a 4500
=001  N3
=020  \\\\$a9786042000000
=100  0\\$aXuân Diệu,$d1916-1985.
=245  10$aThơ.

=LDR  00000nam a2200000 a 4500
=001  N4
=100  0\\$aTô Hoài,$d1920-2014.
=245  10$aTuyển tập Tô Hoài.$nTập 1.

=LDR  00000nam a2200000 a 4500
=001  N5
=020  \\\\$a9786040000003
=245  00$aTuyển tập truyện ngắn.

=LDR  00000nam a2200000 a 4500
=001  N6
=020  \\\\$a9786043000009
=100  0\\$aXuân Yến.
=245  10$aVăn học tuồng.$nT.4.

=LDR  00000nam a2200000 a 4500
=001  N7
=020  \\\\$a9786043000009
=100  0\\$aXuân Yến.
=245  10$aVăn học tuồng.$nT.7.
"""

VNU = """
=LDR  00000nam a2200000 a 4500
=001  V1
=020  \\\\$a9786040000002 (bìa mềm)
=100  1\\$aNguyễn, Nhật Ánh
=245  10$aMắt biếc

=LDR  00000nam a2200000 a 4500
=001  V2
=020  \\\\$a978-604-1-00000-1
=100  1\\$aNguyễn, Nhật Ánh
=245  10$aNgồi khóc trên cây

=LDR  00000nam a2200000 a 4500
=001  V3
=100  0\\$aHàn Mặc Tử,$d1912-1940.
=245  10$aThơ.

=LDR  00000nam a2200000 a 4500
=001  V4
=100  1\\$aTô, Hoài
=245  10$aTuyển tập Tô Hoài.$nTập 2.

=LDR  00000nam a2200000 a 4500
=001  V5
=020  \\\\$a9786040000003
=245  00$aTuyển tập truyện ngắn

=LDR  00000nam a2200000 a 4500
=001  V6
=020  \\\\$a978-604-300-000-9
=100  0\\$aXuân Yến.
=245  10$aVăn học tuồng.$nT.4.

=LDR  00000nam a2200000 a 4500
=001  V7
=020  \\\\$a9786043000009
=100  0\\$aXuân Yến.
=245  10$aVăn học tuồng.$nT.7.
"""


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    d = tmp_path_factory.mktemp("pubs")
    hub = open_store(d / "store")
    ingest(hub, "NLV", mrk_file(d / "nlv.mrk", NLV))
    ingest(hub, "VNU", mrk_file(d / "vnu.mrk", VNU))
    summary = link(hub, str(d / "report.csv"))
    rows = list(csv.DictReader((d / "report.csv").read_text(encoding="utf-8-sig").splitlines()))
    yield hub, summary, rows
    hub.close()


def publication_of(hub, instance):
    rows = [r for r in hub.backend.select(
        "SELECT ?g ?p ?i WHERE { GRAPH ?g { ?p <http://www.w3.org/2002/07/owl#sameAs> ?i } }", g=hub.names.links)
        if r["p"].value.startswith(f"{BASE}instance/hub/")]
    for r in rows:
        if r["i"].value == f"{BASE}instance/{instance}":
            return r["p"].value, {x["i"].value for x in rows if x["p"] == r["p"]}
    return None, set()


def test_the_same_isbn_written_two_ways_is_one_publication(linked):
    hub, summary, _ = linked
    pub, members = publication_of(hub, "NLV/N1")
    assert pub == f"{BASE}instance/hub/isbn-9786040000002"
    assert members == {f"{BASE}instance/NLV/N1", f"{BASE}instance/VNU/V1"}


def test_an_isbn_on_two_different_titles_matches_nothing_and_is_reported(linked):
    hub, _, rows = linked
    assert publication_of(hub, "NLV/N2") == (None, set())  # V2 is another book with that number
    conflicts = [r for r in rows if r["section"].startswith("isbn shared") and "9786041000001" in r["detail"] + r["label"]]
    assert len(conflicts) == 1 and "Ngồi khóc trên cây" in conflicts[0]["label"]


def test_volumes_of_a_set_sharing_one_isbn_are_two_publications(linked):
    hub, _, _ = linked
    t4, t4_members = publication_of(hub, "NLV/N6")
    t7, t7_members = publication_of(hub, "NLV/N7")
    assert t4_members == {f"{BASE}instance/NLV/N6", f"{BASE}instance/VNU/V6"}
    assert t7_members == {f"{BASE}instance/NLV/N7", f"{BASE}instance/VNU/V7"}
    assert t4 != t7 and t4.startswith(f"{BASE}instance/hub/isbn-9786043000009-")


def test_an_invalid_isbn_is_never_used(linked):
    hub, _, _ = linked
    assert publication_of(hub, "NLV/N5") == (None, set())  # 9786040000003: wrong check digit


def test_the_same_work_under_two_name_forms_is_one_work(linked):
    hub, _, _ = linked
    assert f"{BASE}work/VNU/V1" in cluster_of(hub, f"{BASE}work/NLV/N1")


def test_same_title_by_different_authors_are_different_works(linked):
    hub, _, _ = linked
    assert f"{BASE}work/VNU/V3" not in cluster_of(hub, f"{BASE}work/NLV/N3")  # "Thơ": Xuân Diệu, Hàn Mặc Tử


def test_volumes_of_a_set_are_different_works_though_the_author_is_one(linked):
    hub, _, _ = linked
    assert creator(hub, "VNU", "V4") in cluster_of(hub, creator(hub, "NLV", "N4"))
    assert f"{BASE}work/VNU/V4" not in cluster_of(hub, f"{BASE}work/NLV/N4")
