"""Titles, edition and imprint (LC ConvSpec-200-247-Titles, -250-270)."""

import pytest
from kgtest import INSTANCE, WORK, convert

REC = r"""
=001  T1
=008  860101s1983\\\\ctu\\\\\\\\\\\000\p\eng\d
=245  14$aThe tale of Kiều :$ba bilingual edition of Nguyễn Du's Truyện Kiều /$ctranslated and annotated by Huỳnh Sanh Thông.
=246  30$aTruyện Kiều
=246  18$aKieu
=250  \\$a2nd ed.
=264  \1$aNew Haven :$bYale University Press,$c1983.
=264  \4$c©1983
"""


def test_245_a_to_main_title_and_b_to_subtitle():
    out = convert(REC)
    assert out.values(f"<{INSTANCE}T1> bf:title ?t . ?t a bf:Title ; bf:mainTitle ?v") == ["The tale of Kiều"]
    assert out.values(f"<{INSTANCE}T1> bf:title ?t . ?t a bf:Title ; bf:subtitle ?v") == [
        "a bilingual edition of Nguyễn Du's Truyện Kiều"
    ]


def test_245_c_to_responsibility_statement_without_final_period():
    out = convert(REC)
    assert out.values(f"<{INSTANCE}T1> bf:responsibilityStatement ?v") == [
        "translated and annotated by Huỳnh Sanh Thông"
    ]


def test_245_ind2_nonfiling_characters_left_out_of_sort_key():
    out = convert(REC)
    assert out.values(f"<{INSTANCE}T1> bf:title ?t . ?t a bf:Title ; bflc:titleSortKey ?v") == [
        "tale of Kiều : a bilingual edition of Nguyễn Du's Truyện Kiều"
    ]
    assert out.values(f"<{INSTANCE}T1> bf:title ?t . ?t a bf:Title ; bflc:nonSortNum ?v") == ["4"]


def test_245_gives_the_work_its_title_and_label_when_no_uniform_title():
    out = convert(REC)
    assert out.ask(f"<{WORK}T1> bf:title/bf:mainTitle 'The tale of Kiều'@en")
    assert out.ask(f"<{WORK}T1> rdfs:label ?l")


def test_literals_carry_the_resource_language():
    out = convert(REC)
    assert out.literals(f"<{INSTANCE}T1> bf:title ?t . ?t a bf:Title ; bf:mainTitle ?v") == [("The tale of Kiều", "en")]


def test_246_ind2_gives_variant_type():
    out = convert(REC)
    assert out.values(f"<{INSTANCE}T1> bf:title ?t . ?t a bf:VariantTitle ; bf:variantType 'spine' ; bf:mainTitle ?v") == ["Kieu"]
    assert out.values(f"<{INSTANCE}T1> bf:title ?t . ?t a bf:VariantTitle ; bf:variantType 'portion' ; bf:mainTitle ?v") == [
        "Truyện Kiều"
    ]
    assert not out.ask(f"<{INSTANCE}T1> bf:title ?t . ?t a bf:ParallelTitle")


def test_250_edition_statement():
    assert convert(REC).values(f"<{INSTANCE}T1> bf:editionStatement ?v") == ["2nd ed."]


def test_264_ind2_1_is_publication_with_place_agent_date():
    out = convert(REC)
    where = f"<{INSTANCE}T1> bf:provisionActivity ?p . ?p a bf:Publication ."
    assert out.values(where + " ?p bf:place/rdfs:label ?v") == ["New Haven"]
    assert out.values(where + " ?p bf:agent/rdfs:label ?v") == ["Yale University Press"]
    assert out.values(where + " ?p bflc:simpleDate ?v") == ["1983"]


def test_264_ind2_4_is_copyright_date():
    assert convert(REC).values(f"<{INSTANCE}T1> bf:copyrightDate ?v") == ["©1983"]


def test_008_date_and_country_on_the_publication():
    out = convert(REC)
    assert out.values(f"<{INSTANCE}T1> bf:provisionActivity/bf:date ?v") == ["1983"]
    assert out.ask(f"<{INSTANCE}T1> bf:provisionActivity/bf:place <http://id.loc.gov/vocabulary/countries/ctu>")


def test_260_vietnamese_imprint_keeps_abbreviated_place():
    out = convert("""
        =001  V1
        =041  \\\\$avie
        =245  00$aSố đỏ /$cVũ Trọng Phụng.
        =260  \\\\$aH. :$bVăn học,$c2016.
    """)
    where = f"<{INSTANCE}V1> bf:provisionActivity ?p . ?p a bf:Publication ."
    assert out.literals(where + " ?p bf:place/rdfs:label ?v") == [("H.", "vi")]
    assert out.values(where + " ?p bf:agent/rdfs:label ?v") == ["Văn học"]
    assert out.values(f"<{INSTANCE}V1> bf:publicationStatement ?v") == ["H. : Văn học, 2016"]


# -- the other title and descriptive fields, one case each ------------------------------------------

OTHER_2XX = [
    ("210", r"=210  0\$aJ. Viet. Stud.$b(Hà Nội)", "?t a bf:AbbreviatedTitle ; bf:mainTitle 'J. Viet. Stud.' ; bf:qualifier ?q"),
    ("222", r"=222  \4$aThe journal of Vietnamese studies", "?t a bf:KeyTitle ; bflc:titleSortKey 'journal of Vietnamese studies'"),
    ("242", r"=242  10$aThe tale of Kieu$yeng", "?t a bf:VariantTitle ; bf:variantType 'translated' ; bf:mainTitle 'The tale of Kieu'@en"),
    ("247", r"=247  10$aTạp chí Văn học$f1960-1990", "?t a bf:VariantTitle ; bf:variantType 'former' ; bf:date '1960-1990'"),
]


@pytest.mark.parametrize("tag, field, pattern", OTHER_2XX, ids=[c[0] for c in OTHER_2XX])
def test_other_title_fields(tag, field, pattern):
    out = convert(f"=001  T1\n{field}\n=245  00$aX")
    assert out.ask(f"<{INSTANCE}T1> bf:title ?t . {pattern}")


OTHER_DESCRIPTIVE = [
    ("254", r"=254  \\$aFull score.", f"<{INSTANCE}T1> bf:editionStatement 'Full score.'"),
    ("255", r"=255  \\$aTỷ lệ 1:50.000$bPhép chiếu UTM", f"<{WORK}T1> bf:scale/rdfs:label 'Tỷ lệ 1:50.000' ; bf:projection/rdfs:label 'Phép chiếu UTM'"),
    ("256", r"=256  \\$aComputer data.", f"<{INSTANCE}T1> bf:note [ bf:noteType 'computer file characteristics' ; rdfs:label 'Computer data.' ]"),
    ("257", r"=257  \\$aViệt Nam", f"<{INSTANCE}T1> bf:note [ bf:noteType 'country of producing entity' ; rdfs:label 'Việt Nam' ]"),
    ("258", r"=258  \\$aViệt Nam$bTem 2000", f"<{INSTANCE}T1> bf:note [ bf:noteType 'philatelic issue data' ]"),
    ("261", r"=261  \\$aHãng phim truyện Việt Nam", f"<{INSTANCE}T1> bf:note [ bf:noteType 'imprint (films)' ]"),
    ("262", r"=262  \\$aHà Nội$bHãng đĩa Hồng Hà", f"<{INSTANCE}T1> bf:note [ bf:noteType 'imprint (sound recordings)' ]"),
    ("263", r"=263  \\$a202712", f"<{INSTANCE}T1> bflc:projectedProvisionDate '202712'"),
    ("270", r"=270  \\$a36 Lý Thái Tổ, Hà Nội", f"<{INSTANCE}T1> bf:note [ bf:noteType 'address' ]"),
]


@pytest.mark.parametrize("tag, field, pattern", OTHER_DESCRIPTIVE, ids=[c[0] for c in OTHER_DESCRIPTIVE])
def test_other_descriptive_fields(tag, field, pattern):
    out = convert(f"=001  T1\n{field}\n=245  00$aX")  # no 041: plain literals
    assert out.ask(pattern)
