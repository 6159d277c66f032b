"""Names in any heading (kg.convert.agents; LC ConvSpec-1XX_7XX_8XX-Names, Process 1 of
ConvSpec-Process0-9): identity of agents, roles from $4/$e/$j, authority links from $0/$1."""

import pytest
from kgtest import WORK, convert

REL = "http://id.loc.gov/vocabulary/relators/"
CONTRIB = f"<{WORK}T1> bf:contribution ?c . ?c bf:agent ?a ."


def rec(*lines):
    return "\n".join(["=001  T1", *lines, "=245  00$aX"])


def agents(out):
    return out.values(CONTRIB + " BIND(?a AS ?v)")


def agent_of(field, number="T1"):
    (agent,) = convert(f"=001  {number}\n{field}\n=245  00$aX").values(
        f"<{WORK}{number}> bf:contribution/bf:agent ?v"
    )
    return agent


def roles(field):
    return convert(rec(field)).values(CONTRIB + " ?c bf:role ?v")


# -- identity ---------------------------------------------------------------------------------


def test_same_heading_in_100_and_600_is_the_same_agent():
    out = convert(rec(r"=100  1\$aNguyễn, Du,$d1765-1820,$etác giả.", r"=600  10$aNguyễn, Du,$d1765-1820."))
    (agent,) = agents(out)
    assert out.values(f"<{WORK}T1> bf:subject ?v") == [agent]
    assert out.values(f"<{agent}> rdfs:label ?v") == ["Nguyễn, Du, 1765-1820"]


def test_same_heading_in_two_records_of_a_library_is_the_same_agent():
    assert agent_of(r"=700  1\$aHuỳnh, Sanh Thông", "A") == agent_of(r"=700  1\$aHuỳnh, Sanh Thông.", "B")


def test_tone_marks_make_different_agents():
    assert agent_of(r"=100  0\$aNguyễn Du") != agent_of(r"=100  0\$aNguyễn Dữ")


def test_case_final_period_and_spacing_do_not_make_different_agents():
    assert agent_of(r"=100  0\$aNguyễn Du.") == agent_of(r"=100  0\$anguyễn  du")


def test_tone_placement_habit_does_not_make_different_agents():
    assert agent_of(r"=100  0\$aNguyễn Văn Hoà") == agent_of(r"=100  0\$aNguyễn Văn Hòa")


def test_missing_punctuation_between_subfields_does_not_make_different_agents():
    # Libol records leave out the ISBD commas LC records have
    assert agent_of(r"=100  1\$aNguyễn, Du,$d1765-1820.") == agent_of(r"=100  1\$aNguyễn, Du$d1765-1820")


def test_dates_make_a_different_agent():
    assert agent_of(r"=100  1\$aNguyễn, Du") != agent_of(r"=100  1\$aNguyễn, Du,$d1765-1820")


def test_person_and_organization_with_the_same_name_are_different_agents():
    assert agent_of(r"=100  0\$aHồ Chí Minh") != agent_of(r"=110  2\$aHồ Chí Minh")


def test_agents_of_different_libraries_are_different():
    text = rec(r"=100  0\$aNguyễn Du")
    one = convert(text, library="VNU").values("?c bf:agent ?v")
    two = convert(text, library="NLV").values("?c bf:agent ?v")
    assert one != two
    assert "/agent/VNU/" in one[0] and "/agent/NLV/" in two[0]


def test_agent_is_described_once_when_named_twice():
    out = convert(rec(r"=100  0\$aNguyễn Du", r"=700  0\$aNguyễn Du.$ehiệu đính"))
    (agent,) = agents(out)
    assert out.values(f"<{agent}> rdfs:label ?v") == ["Nguyễn Du"]
    assert len(out.values(f"<{WORK}T1> bf:contribution ?v")) == 2


# -- roles (Process 1.3; mappings/relator_terms.csv) ------------------------------------------


def test_role_from_4_relator_code():
    assert roles(r"=700  1\$aHuỳnh, Sanh Thông$4trl") == [REL + "trl"]


def test_role_from_4_code_with_period_and_capitals():
    assert roles(r"=700  1\$aHuỳnh, Sanh Thông$4Trl.") == [REL + "trl"]


def test_role_from_4_uri_kept_as_is():
    assert roles(r"=700  1\$aHuỳnh, Sanh Thông$4http://id.loc.gov/vocabulary/relators/edt") == [REL + "edt"]
    assert roles(r"=700  1\$aA$4https://example.org/roles/x") == ["https://example.org/roles/x"]


def test_role_4_neither_code_nor_uri_is_dropped_and_reported():
    out = convert(rec(r"=700  1\$aHuỳnh, Sanh Thông$4translator"))
    assert out.values(CONTRIB + " ?c bf:role ?v") == []
    assert [(p.tag, p.action) for p in out.problems] == [("700", "dropped")]


@pytest.mark.parametrize("term, code", [
    ("editor", "edt"),
    ("Editor.", "edt"),
    ("translator", "trl"),
    ("chủ biên", "edt"),
    ("Chủ biên", "edt"),
    ("dịch", "trl"),
    ("hiệu đính", "edt"),
    ("biên soạn", "com"),
    ("biên tập", "edt"),
    ("tác giả", "aut"),
])
def test_role_from_e_term_english_and_vietnamese(term, code):
    assert roles(f"=700  1\\$aHuỳnh, Sanh Thông,$e{term}") == [REL + code]


def test_role_e_with_two_terms_gives_two_roles():
    assert roles(r"=700  1\$aHuỳnh, Sanh Thông,$ebiên soạn, dịch.") == [REL + "com", REL + "trl"]


def test_role_e_terms_joined_by_va_and_and():
    assert roles(r"=700  1\$aA,$ebiên soạn và dịch") == [REL + "com", REL + "trl"]
    assert roles(r"=700  1\$aA,$eeditor and translator") == [REL + "edt", REL + "trl"]


def test_roles_from_e_and_4_are_not_repeated():
    assert roles(r"=700  1\$aA,$eeditor,$eEditor.$4edt") == [REL + "edt"]


def test_unknown_role_term_is_a_role_with_label_and_reported():
    out = convert(rec(r"=041  \\$avie", r"=700  1\$aHuỳnh, Sanh Thông,$ephù thủy"))
    assert out.literals(CONTRIB + " ?c bf:role ?r . ?r a bf:Role ; rdfs:label ?v") == [("phù thủy", "vi")]
    assert [(p.tag, p.action) for p in out.problems] == [("700", "repaired")]
    assert "phù thủy" in out.problems[0].problem


def test_111_roles_come_from_j_not_e():
    # in X11, $e is a subordinate unit and $j the relator term
    out = convert(rec(r"=111  2\$aHội nghị Việt Nam học$eBan tổ chức$jbiên tập"))
    assert out.values(CONTRIB + " ?c bf:role ?v") == [REL + "edt"]
    assert out.values(CONTRIB + " ?a rdfs:label ?v") == ["Hội nghị Việt Nam học Ban tổ chức"]


# -- $0 and $1 --------------------------------------------------------------------------------


def test_0_uri_is_the_authority():
    out = convert(rec(r"=100  1\$aNguyễn, Du$0http://id.loc.gov/authorities/names/n79021164"))
    assert out.values(CONTRIB + " ?a madsrdf:isIdentifiedByAuthority ?v") == ["http://id.loc.gov/authorities/names/n79021164"]
    assert not out.ask(CONTRIB + " ?a bf:identifiedBy ?i")


def test_0_with_source_prefix_is_an_identifier_with_source_code():
    out = convert(rec(r"=100  1\$aNguyễn, Du$0(DLC)n79021164"))
    where = CONTRIB + " ?a bf:identifiedBy ?i . ?i a bf:Identifier ;"
    assert out.values(where + " rdf:value ?v") == ["n79021164"]
    assert out.values(where + " bf:source ?s . ?s a bf:Source ; bf:code ?v") == ["DLC"]


def test_0_without_prefix_is_an_identifier_without_source():
    out = convert(rec(r"=100  1\$aNguyễn, Du$0VNU-A-0001"))
    assert out.values(CONTRIB + " ?a bf:identifiedBy/rdf:value ?v") == ["VNU-A-0001"]
    assert not out.ask(CONTRIB + " ?a bf:identifiedBy/bf:source ?s")


def test_1_uri_is_the_real_world_object():
    out = convert(rec(r"=100  1\$aNguyễn, Du$1http://www.wikidata.org/entity/Q331785"))
    assert out.values(CONTRIB + " ?a owl:sameAs ?v") == ["http://www.wikidata.org/entity/Q331785"]


def test_0_and_1_on_a_600_go_on_the_same_agent():
    out = convert(rec(r"=600  10$aNguyễn, Du$0http://id.loc.gov/authorities/names/n79021164"))
    (agent,) = out.values(f"<{WORK}T1> bf:subject ?v")
    assert out.values(f"<{agent}> madsrdf:isIdentifiedByAuthority ?v") == ["http://id.loc.gov/authorities/names/n79021164"]
