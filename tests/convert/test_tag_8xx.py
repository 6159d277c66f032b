"""Fields 800-887 (LC ConvSpec-841-887): 856 electronic location here; the series entries
800-830 are in test_series.py, the holdings 852/876-878 in test_items.py."""

from kgtest import INSTANCE, WORK, convert


def rec(*lines):
    return "\n".join(["=001  T1", r"=040  \\$aVNU$bvie", *lines, "=245  00$aX"])


def test_856_u_is_an_electronic_locator_of_the_instance():
    out = convert(rec(r"=856  40$uhttp://example.org/book.pdf"))
    assert out.values(f"<{INSTANCE}T1> bf:electronicLocator ?v") == ["http://example.org/book.pdf"]
    assert not out.ask(f"<{WORK}T1> bf:electronicLocator ?l")


def test_856_z_and_3_are_electronic_access_notes_in_the_cataloguing_language():
    out = convert(rec(r"=856  40$uhttp://example.org/book.pdf$zToàn văn$3Tập 1"))
    where = f"<{INSTANCE}T1> bf:note ?n . ?n a bf:Note ; bf:noteType 'electronic access' ; rdfs:label ?v"
    assert out.literals(where) == [("Toàn văn", "vi"), ("Tập 1", "vi")]


def test_856_repeated_u_each_a_locator():
    out = convert(rec(r"=856  40$uhttp://example.org/1$uhttps://example.org/2"))
    assert out.values(f"<{INSTANCE}T1> bf:electronicLocator ?v") == ["http://example.org/1", "https://example.org/2"]


def test_856_ind2_2_related_resource_is_a_note_of_the_work_with_the_link():
    out = convert(rec(r"=856  42$uhttp://example.org/review$yBài điểm sách"))
    where = f"<{WORK}T1> bf:note ?n . ?n bf:noteType 'related resource' ;"
    assert out.values(where + " bf:electronicLocator ?v") == ["http://example.org/review"]
    assert out.values(where + " rdfs:label ?v") == ["Bài điểm sách"]
    assert not out.ask(f"<{INSTANCE}T1> bf:electronicLocator ?l")


def test_856_link_without_scheme_is_dropped_and_reported():
    out = convert(rec(r"=856  4\$uwww.example.org/sach"))
    assert not out.ask(f"<{INSTANCE}T1> bf:electronicLocator ?l")
    assert [(p.tag, p.action) for p in out.problems] == [("856", "dropped")]


def test_856_link_that_is_not_an_iri_is_dropped_and_reported():
    out = convert(rec(r"=856  4\$uhttp://example.org/a b"))
    assert not out.ask(f"<{INSTANCE}T1> bf:electronicLocator ?l")
    assert [(p.tag, p.action) for p in out.problems] == [("856", "dropped")]


def test_856_ftp_link_is_kept():
    out = convert(rec(r"=856  4\$uftp://example.org/sach.pdf"))
    assert out.values(f"<{INSTANCE}T1> bf:electronicLocator ?v") == ["ftp://example.org/sach.pdf"]
