"""Subject access 600-662 and uncontrolled index terms 653 (LC ConvSpec-600-662,
ConvSpec-subjectThesaurus; mappings/subjects.csv, thesauri.csv, uncontrolled_terms.csv)."""

import pytest
from kgtest import BASE, WORK, convert
from helpers import VIETNAMESE, convert_record, describe, rdf_list, read

BF = "http://id.loc.gov/ontologies/bibframe/"
MADS = "http://www.loc.gov/mads/rdf/v1#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LCSH = "http://id.loc.gov/authorities/subjects"
SCHEMES = "http://id.loc.gov/vocabulary/subjectSchemes/"


def rec(*lines, number="T1"):
    return "\n".join([f"=001  {number}", r"=040  \\$aVNU$bvie", *lines, "=245  00$aX"])


def subjects(out, number="T1"):
    return out.values(f"<{WORK}{number}> bf:subject ?v")


def the_subject(out):
    (node,) = subjects(out)
    return node


# -- 600/610/611: names as subjects ---------------------------------------------------------


def test_600_without_subdivisions_is_the_agent_itself_with_its_mads_class():
    out = convert(rec(r"=600  10$aNguyễn, Du,$d1765-1820."))
    agent = the_subject(out)
    assert agent.startswith(BASE + "agent/TEST/")
    assert out.values(f"<{agent}> a ?v") == [BF + "Person", MADS + "PersonalName"]
    assert out.values(f"<{agent}> rdfs:label ?v") == ["Nguyễn, Du, 1765-1820"]
    assert out.values(f"<{agent}> madsrdf:isMemberOfMADSScheme ?v") == [LCSH]


@pytest.mark.parametrize("field, bf_class, mads_class", [
    (r"=600  30$aNguyễn (Dòng họ)", "Family", "FamilyName"),
    (r"=610  20$aĐại học Quốc gia Hà Nội", "Organization", "CorporateName"),
    (r"=610  10$aViệt Nam.$bQuốc hội", "Jurisdiction", "CorporateName"),
    (r"=611  20$aHội nghị Diên Hồng$d(1284)", "Meeting", "ConferenceName"),
])
def test_6x0_name_subject_classes(field, bf_class, mads_class):
    out = convert(rec(field))
    assert out.values(f"<{the_subject(out)}> a ?v") == sorted([BF + bf_class, MADS + mads_class])


def test_600_with_t_is_a_hub_by_the_agent():
    out = convert(rec(r"=600  10$aNguyễn, Du,$d1765-1820.$tTruyện Kiều."))
    hub = the_subject(out)
    assert hub.startswith(WORK + "hub/")
    assert out.values(f"<{hub}> a ?v") == [BF + "Hub"]
    assert out.values(f"<{hub}> bf:title/bf:mainTitle ?v") == ["Truyện Kiều"]
    assert out.values(f"<{hub}> bf:contribution ?c . ?c a bf:PrimaryContribution ; bf:agent/rdfs:label ?v") == [
        "Nguyễn, Du, 1765-1820"
    ]


def test_600_with_t_and_240_of_the_same_work_are_one_hub():
    out = convert(rec(r"=100  1\$aNguyễn, Du,$d1765-1820.", r"=240  10$aTruyện Kiều",
                      r"=600  10$aNguyễn, Du,$d1765-1820.$tTruyện Kiều."))
    assert subjects(out) == out.values(f"<{WORK}T1> bf:expressionOf ?v")


def test_630_uniform_title_subject_is_a_hub():
    out = convert(rec(r"=630  00$aTruyện Kiều."))
    hub = the_subject(out)
    assert out.values(f"<{hub}> a ?v") == [BF + "Hub"]
    assert out.values(f"<{hub}> rdfs:label ?v") == ["Truyện Kiều"]


# -- subdivided headings: ComplexSubject -------------------------------------------------------


COMPLEX = r"=650  \0$aVietnamese poetry$xHistory and criticism$zVietnam$y20th century$vTextbooks."


def test_650_with_subdivisions_is_a_topic_and_complex_subject_joined_by_double_hyphens():
    out = convert(rec(COMPLEX))
    node = the_subject(out)
    assert node.startswith(BASE + "concept/TEST/")
    assert out.values(f"<{node}> a ?v") == [BF + "Topic", MADS + "ComplexSubject"]
    label = "Vietnamese poetry--History and criticism--Vietnam--20th century--Textbooks"
    assert out.values(f"<{node}> rdfs:label ?v") == [label]
    assert out.values(f"<{node}> madsrdf:authoritativeLabel ?v") == [label]


def test_650_component_list_keeps_field_order_and_types_each_component():
    out = convert(rec(COMPLEX))
    components = [describe(out, c) for c in rdf_list(out, the_subject(out), MADS + "componentList")]
    assert [(c[RDF_TYPE], c[MADS + "authoritativeLabel"]) for c in components] == [
        ([MADS + "Topic"], ["Vietnamese poetry"]),
        ([MADS + "Topic"], ["History and criticism"]),
        ([MADS + "Geographic"], ["Vietnam"]),
        ([MADS + "Temporal"], ["20th century"]),
        ([MADS + "GenreForm"], ["Textbooks"]),
    ]


def test_600_with_subdivision_is_complex_and_its_head_a_personal_name():
    out = convert(rec(r"=600  10$aNguyễn, Du,$d1765-1820$xPhê bình và giải thích."))
    node = the_subject(out)
    assert out.values(f"<{node}> a ?v") == [BF + "Topic", MADS + "ComplexSubject"]
    components = [describe(out, c) for c in rdf_list(out, node, MADS + "componentList")]
    assert [c[RDF_TYPE] for c in components] == [[MADS + "PersonalName"], [MADS + "Topic"]]
    assert components[1][MADS + "authoritativeLabel"] == ["Phê bình và giải thích"]


def test_651_with_subdivision_head_is_geographic():
    out = convert(rec(r"=651  \0$aVietnam$xHistory$y1945-1975."))
    components = [describe(out, c) for c in rdf_list(out, the_subject(out), MADS + "componentList")]
    assert [c[RDF_TYPE] for c in components] == [[MADS + "Geographic"], [MADS + "Topic"], [MADS + "Temporal"]]


def test_heading_of_subdivisions_only_still_converts():
    out = convert(rec(r"=650  \4$xLịch sử$zViệt Nam"))
    assert out.values(f"<{the_subject(out)}> rdfs:label ?v") == ["Lịch sử--Việt Nam"]


def test_subject_without_any_term_is_dropped_and_reported():
    out = convert(rec(r"=650  \4$2tvqg"))
    assert subjects(out) == []
    assert [(p.tag, p.action) for p in out.problems] == [("650", "dropped")]


# -- simple headings --------------------------------------------------------------------------


def test_650_simple_topic_in_the_cataloguing_language():
    out = convert(rec(r"=650  \7$aThị trường chứng khoán.$2tvqg"))
    node = the_subject(out)
    assert out.values(f"<{node}> a ?v") == [BF + "Topic", MADS + "Topic"]
    assert out.literals(f"<{node}> rdfs:label ?v") == [("Thị trường chứng khoán", "vi")]


def test_651_is_a_place_and_madsrdf_geographic():
    out = convert(rec(r"=651  \4$aHà Nội (Việt Nam)"))
    node = the_subject(out)
    assert out.values(f"<{node}> a ?v") == [BF + "Place", MADS + "Geographic"]
    assert out.values(f"<{node}> rdfs:label ?v") == ["Hà Nội (Việt Nam)"]


def test_655_is_a_genre_form_through_bf_genre_form():
    out = convert(rec(r"=655  \7$aTruyện thơ Nôm$2tvqg"))
    assert subjects(out) == []
    (node,) = out.values(f"<{WORK}T1> bf:genreForm ?v")
    assert out.values(f"<{node}> a ?v") == [BF + "GenreForm", MADS + "GenreForm"]
    assert out.values(f"<{node}> rdfs:label ?v") == ["Truyện thơ Nôm"]


def test_648_chronological_subject_is_temporal():
    out = convert(rec(r"=648  \7$a1945-1975$2tvqg"))
    assert out.values(f"<{the_subject(out)}> a ?v") == [BF + "Temporal", MADS + "Temporal"]


# -- thesaurus (ConvSpec-subjectThesaurus; mappings/thesauri.csv) -------------------------------


def test_ind2_0_is_lcsh():
    out = convert(rec(r"=650  \0$aPoetry."))
    node = the_subject(out)
    assert out.values(f"<{node}> bf:source ?v") == [LCSH]
    assert out.values(f"<{node}> madsrdf:isMemberOfMADSScheme ?v") == [LCSH]


@pytest.mark.parametrize("ind2, scheme", [("1", "http://id.loc.gov/authorities/childrensSubjects"),
                                          ("2", SCHEMES + "mesh"), ("6", SCHEMES + "rvm")])
def test_ind2_gives_the_thesaurus(ind2, scheme):
    out = convert(rec(f"=650  \\{ind2}$aPoetry."))
    assert out.values(f"<{the_subject(out)}> bf:source ?v") == [scheme]


def test_ind2_7_scheme_from_2():
    out = convert(rec(r"=650  \7$aThơ$2TVQG."))
    assert out.values(f"<{the_subject(out)}> bf:source ?v") == [SCHEMES + "tvqg"]


def test_ind2_4_has_no_source():
    out = convert(rec(r"=650  \4$aThơ"))
    node = the_subject(out)
    assert not out.ask(f"<{node}> bf:source ?s")
    assert not out.ask(f"<{node}> madsrdf:isMemberOfMADSScheme ?s")


def test_ind2_7_without_2_has_no_source():
    out = convert(rec(r"=650  \7$aThơ"))
    assert not out.ask(f"<{the_subject(out)}> bf:source ?s")


def test_scheme_is_part_of_the_concept_identity():
    lcsh = the_subject(convert(rec(r"=650  \0$aPoetry.")))
    local = the_subject(convert(rec(r"=650  \7$aPoetry.$2tvqg")))
    unspecified = the_subject(convert(rec(r"=650  \4$aPoetry.")))
    assert len({lcsh, local, unspecified}) == 3


def test_same_heading_and_scheme_in_two_records_is_one_concept():
    one = subjects(convert(rec(r"=650  \7$aChứng khoán$xMua$2tvqg", number="A")), "A")
    two = subjects(convert(rec(r"=650  \7$achứng khoán$xMua.$2tvqg", number="B")), "B")
    assert one == two


def test_topic_and_place_with_the_same_label_are_different_concepts():
    topic = the_subject(convert(rec(r"=650  \4$aHà Nội")))
    place = the_subject(convert(rec(r"=651  \4$aHà Nội")))
    assert topic != place


def test_concept_used_twice_in_a_record_is_described_once():
    out = convert(rec(r"=650  \4$aThơ", r"=650  \4$aThơ."))
    node = the_subject(out)
    assert out.values(f"<{node}> rdfs:label ?v") == ["Thơ"]
    assert len(out.values(f"<{WORK}T1> bf:subject ?v")) == 1


# -- 653 uncontrolled -------------------------------------------------------------------------


def test_653_every_a_is_a_separate_topic():
    out = convert(rec(r"=653  \\$aCơ học$aNhiệt học."))
    nodes = subjects(out)
    assert len(nodes) == 2
    assert out.literals(f"<{WORK}T1> bf:subject ?s . ?s a bf:Topic ; rdfs:label ?v") == [("Cơ học", "vi"), ("Nhiệt học", "vi")]
    assert all(n.startswith(BASE + "concept/TEST/") for n in nodes)


@pytest.mark.parametrize("ind2, cls", [("0", "Topic"), ("1", "Person"), ("2", "Organization"), ("3", "Meeting"),
                                       ("4", "Temporal"), ("5", "Place")])
def test_653_ind2_gives_the_kind_of_term(ind2, cls):
    out = convert(rec(f"=653  \\{ind2}$aTừ khóa"))
    assert out.values(f"<{the_subject(out)}> a ?v") == [BF + cls]


def test_653_ind2_6_is_a_genre_form_through_bf_genre_form():
    out = convert(rec(r"=653  \6$aTiểu thuyết"))
    assert subjects(out) == []
    (node,) = out.values(f"<{WORK}T1> bf:genreForm ?v")
    assert out.values(f"<{node}> a ?v") == [BF + "GenreForm"]


def test_653_term_and_650_term_with_no_source_are_one_concept():
    out = convert(rec(r"=650  \4$aTriết học", r"=653  \\$aTriết học"))
    assert len(subjects(out)) == 1


def test_653_real_libol_record_gives_one_vietnamese_topic_per_keyword():
    out = convert_record(read(VIETNAMESE / "vie_vnu_libol_10.iso", "TVL050000002"))
    work = WORK + "TVL050000002"
    assert out.literals(f"<{work}> bf:subject ?s . ?s a bf:Topic ; rdfs:label ?v") == [
        ("Cơ học", "vi"), ("Nhiệt học", "vi"), ("Vật lý đại cương", "vi")
    ]
    assert len(out.values(f"<{work}> bf:subject ?v")) == 3


def test_653_real_libol_record_keywords_shared_between_records():
    records = read(VIETNAMESE / "vie_vnu_libol_10.iso")
    one = [r for r in records if r.control_number == "TVL050000012"][0]
    two = [r for r in records if r.control_number == "TVL050000013"][0]
    first = convert_record(one).values(f"<{WORK}TVL050000012> bf:subject ?v")
    second = convert_record(two).values(f"<{WORK}TVL050000013> bf:subject ?v")
    assert len(first) == 5 and first == second


def test_630_and_130_of_the_same_uniform_title_are_one_hub():
    out = convert(rec(r"=130  0\$aTruyện Kiều.", r"=630  00$aTruyện Kiều."))
    assert subjects(out) == out.values(f"<{WORK}T1> bf:expressionOf ?v")


def test_630_with_subdivisions_is_a_complex_topic():
    out = convert(rec(r"=630  00$aTruyện Kiều$xPhê bình."))
    assert out.values(f"<{the_subject(out)}> a ?v") == [BF + "Topic", MADS + "ComplexSubject"]


def test_lcsh_labels_are_english_whatever_the_cataloguing_language():
    """A Vietnamese library (040 $b vie) using LCSH: the heading is still English."""
    out = convert(rec(r"=650  \0$aPoetry$xHistory and criticism"))
    assert out.literals(f"<{the_subject(out)}> rdfs:label ?v") == [("Poetry--History and criticism", "en")]
    assert {lang for _, lang in out.literals(f"<{the_subject(out)}> madsrdf:componentList/rdf:rest*/rdf:first/madsrdf:authoritativeLabel ?v")} == {"en"}


def test_local_thesaurus_labels_are_in_the_cataloguing_language():
    out = convert(rec(r"=650  \7$aThơ Việt Nam$2tvqg"))
    assert out.literals(f"<{the_subject(out)}> rdfs:label ?v") == [("Thơ Việt Nam", "vi")]


MORE_SUBJECTS = [
    ("647", r"=647  \7$aChiến dịch Điện Biên Phủ$d(1954)$2tvqg", "Event"),
    ("654", r"=654  \\$aHóa học$bphân tích", "Topic"),
    ("656", r"=656  \7$aNhà văn$2tvqg", "Topic"),
    ("657", r"=657  \7$aQuản lý thư viện$2tvqg", "Topic"),
    ("658", r"=658  \\$aNgữ văn lớp 12", "Topic"),
    ("662", r"=662  \\$aViệt Nam$bHà Nội$dHoàn Kiếm", "Place"),
]


@pytest.mark.parametrize("tag, field, cls", MORE_SUBJECTS, ids=[c[0] for c in MORE_SUBJECTS])
def test_more_subject_fields(tag, field, cls):
    out = convert(rec(field))
    node = the_subject(out)
    assert BF + cls in out.values(f"<{node}> a ?v")
    assert out.values(f"<{node}> rdfs:label ?v")
