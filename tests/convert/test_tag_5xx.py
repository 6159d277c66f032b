"""Notes 500-588 (LC ConvSpec-5XX), driven by mappings/notes.csv."""

import csv

import pytest
from kgtest import INSTANCE, ROOT, WORK, convert

BF = "http://id.loc.gov/ontologies/bibframe/"


def _rows(name):
    with open(ROOT / "mappings" / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


NOTES = _rows("notes.csv")


def rec(*lines, cataloguing="eng", resource="vie"):
    return "\n".join(["=001  T1", f"=040  \\\\$aVNU$b{cataloguing}", f"=041  \\\\$a{resource}", *lines, "=245  00$aX"])


@pytest.mark.parametrize("row", NOTES, ids=lambda r: r["tag"])
def test_note_field_gives_the_property_class_and_note_type_of_the_table(row):
    out = convert(rec(f"={row['tag']}  \\\\$aNội dung của ghi chú."))
    subject = f"<{(WORK if row['target'] == 'Work' else INSTANCE)}T1>"
    if not row["class"]:
        assert [v for v, _ in out.literals(f"{subject} bf:{row['property']} ?v")] == ["Nội dung của ghi chú."]
        return
    node = f"{subject} bf:{row['property']} ?n ."
    assert out.values(node + " ?n a ?v") == [BF + row["class"]]
    assert [v for v, _ in out.literals(node + " ?n rdfs:label ?v")] == ["Nội dung của ghi chú."]
    assert out.values(node + " ?n bf:noteType ?v") == ([row["note_type"]] if row["note_type"] else [])


@pytest.mark.parametrize("row", [r for r in NOTES if "b" in r["label_subfields"]], ids=lambda r: r["tag"])
def test_note_label_joins_the_label_subfields_of_the_table(row):
    out = convert(rec(f"={row['tag']}  \\\\$aMột$bHai$5VNU"))
    subject = f"<{(WORK if row['target'] == 'Work' else INSTANCE)}T1>"
    path = f"bf:{row['property']}" + ("/rdfs:label" if row["class"] else "")
    assert out.values(f"{subject} {path} ?v") == ["Một Hai"]


def test_note_with_only_unmapped_subfields_gives_nothing():
    out = convert(rec(r"=500  \\$5VNU"))
    assert not out.ask(f"<{INSTANCE}T1> bf:note ?n")


def test_500_general_note_is_in_the_cataloguing_language():
    out = convert(rec(r"=500  \\$aBản ghi minh họa."))
    assert out.literals(f"<{INSTANCE}T1> bf:note/rdfs:label ?v") == [("Bản ghi minh họa.", "en")]


def test_500_cataloguing_language_is_vietnamese_for_a_vietnamese_record_without_040_b():
    out = convert("=001  T1\n=041  \\\\$aVie\n=500  \\\\$aBản ghi minh họa.\n=245  00$aX")
    assert out.literals(f"<{INSTANCE}T1> bf:note/rdfs:label ?v") == [("Bản ghi minh họa.", "vi")]


def test_500_without_any_language_has_no_tag():
    out = convert("=001  T1\n=500  \\\\$aA note.\n=245  00$aX")
    assert out.literals(f"<{INSTANCE}T1> bf:note/rdfs:label ?v") == [("A note.", None)]


def test_520_summary_is_in_the_resource_language():
    out = convert(rec(r"=520  \\$aTrình bày về động học chất điểm."))
    assert out.literals(f"<{WORK}T1> bf:summary ?s . ?s a bf:Summary ; rdfs:label ?v") == [
        ("Trình bày về động học chất điểm.", "vi")
    ]


def test_505_keeps_its_double_dash_separators_in_the_resource_language():
    out = convert(rec(r"=505  0\$aT.1. Cơ học -- T.2. Nhiệt học -- T.3. Điện học."))
    assert out.literals(f"<{INSTANCE}T1> bf:tableOfContents ?t . ?t a bf:TableOfContents ; rdfs:label ?v") == [
        ("T.1. Cơ học -- T.2. Nhiệt học -- T.3. Điện học.", "vi")
    ]


def test_505_enhanced_t_and_r_keep_their_order_and_punctuation():
    out = convert(rec(r"=505  00$tCơ học /$rNguyễn Viết Kính --$tNhiệt học /$rPhan Văn Thích."))
    assert out.values(f"<{INSTANCE}T1> bf:tableOfContents/rdfs:label ?v") == [
        "Cơ học / Nguyễn Viết Kính -- Nhiệt học / Phan Văn Thích."
    ]


def test_502_dissertation_degree_institution_and_date():
    out = convert(rec(r"=502  \\$bTiến sĩ$cĐại học Quốc gia Hà Nội,$d2015."))
    node = f"<{WORK}T1> bf:dissertation ?d . ?d a bf:Dissertation ;"
    assert out.values(node + " bf:degree ?v") == ["Tiến sĩ"]
    assert out.values(node + " bf:grantingInstitution ?g . ?g rdfs:label ?v") == ["Đại học Quốc gia Hà Nội"]
    assert out.literals(node + " bf:date ?v") == [("2015", None)]


def test_502_a_whole_note_is_the_label():
    out = convert(rec(r"=502  \\$aLuận án (Tiến sĩ)--Đại học Quốc gia Hà Nội, 2015."))
    assert out.values(f"<{WORK}T1> bf:dissertation/rdfs:label ?v") == ["Luận án (Tiến sĩ)--Đại học Quốc gia Hà Nội, 2015."]
    assert not out.ask(f"<{WORK}T1> bf:dissertation/bf:degree ?d")


def test_u_link_in_a_note_is_an_electronic_locator_of_the_note():
    out = convert(rec(r"=520  \\$aTóm tắt.$uhttp://example.org/abstract"))
    assert out.values(f"<{WORK}T1> bf:summary/bf:electronicLocator ?v") == ["http://example.org/abstract"]


def test_u_link_in_an_access_note_is_also_in_its_label():
    out = convert(rec(r"=506  \\$aHạn chế truy cập.$uhttp://example.org/policy"))
    node = f"<{INSTANCE}T1> bf:usageAndAccessPolicy ?p . ?p a bf:AccessPolicy ;"
    assert out.values(node + " bf:electronicLocator ?v") == ["http://example.org/policy"]
    assert out.values(node + " rdfs:label ?v") == ["Hạn chế truy cập. http://example.org/policy"]


def test_u_that_is_not_a_valid_iri_is_dropped_and_reported():
    out = convert(rec(r"=530  \\$aCó bản điện tử.$uhttp://example.org/x y"))
    assert out.values(f"<{INSTANCE}T1> bf:note/rdfs:label ?v") == ["Có bản điện tử."]
    assert not out.ask(f"<{INSTANCE}T1> bf:note/bf:electronicLocator ?l")
    assert [(p.tag, p.action) for p in out.problems] == [("530", "dropped")]


def test_u_that_is_not_http_is_not_a_locator():
    out = convert(rec(r"=530  \\$aCó bản điện tử.$uwww.example.org"))
    assert not out.ask(f"<{INSTANCE}T1> bf:note/bf:electronicLocator ?l")


def test_repeated_notes_are_separate_nodes():
    out = convert(rec(r"=500  \\$aMột.", r"=500  \\$aHai."))
    assert len(out.values(f"<{INSTANCE}T1> bf:note ?v")) == 2
    assert out.values(f"<{INSTANCE}T1> bf:note/rdfs:label ?v") == ["Hai.", "Một."]


def test_546_language_note_on_the_work():
    out = convert(rec(r"=546  \\$aTiếng Việt ;$bchữ Nôm và chữ Quốc ngữ."))
    assert out.values(f"<{WORK}T1> bf:note ?n . ?n bf:noteType 'language' ; rdfs:label ?v") == [
        "Tiếng Việt chữ Nôm và chữ Quốc ngữ."
    ]
