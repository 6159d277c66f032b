"""Main entries 100, 110, 111, 130 (LC ConvSpec-1XX_7XX_8XX-Names, ConvSpec-240_X30-UnifTitle;
Process 1 in ConvSpec-Process0-9)."""

import pytest
from kgtest import BASE, INSTANCE, WORK, convert
from helpers import VIETNAMESE, convert_record, read

BF = "http://id.loc.gov/ontologies/bibframe/"
REL = "http://id.loc.gov/vocabulary/relators/"
PRIMARY = f"<{WORK}T1> bf:contribution ?c . ?c a bf:PrimaryContribution ; bf:agent ?a ."


def rec(*lines):
    return "\n".join(["=001  T1", *lines, "=245  00$aX"])


@pytest.mark.parametrize("field, cls", [
    (r"=100  1\$aNguyễn, Du", "Person"),
    (r"=100  0\$aNguyễn Du", "Person"),
    (r"=100  3\$aNguyễn (Dòng họ)", "Family"),
    (r"=110  2\$aNhà xuất bản Giáo dục", "Organization"),
    (r"=110  1\$aViệt Nam.$bBộ Giáo dục và Đào tạo", "Jurisdiction"),
    (r"=111  2\$aHội nghị Khoa học Việt Nam học", "Meeting"),
])
def test_1xx_tag_and_ind1_give_the_agent_class(field, cls):
    out = convert(rec(field))
    assert out.values(PRIMARY + " ?a a ?v") == [BF + cls]


def test_100_makes_a_primary_contribution_of_the_work():
    out = convert(rec(r"=100  1\$aNguyễn, Du,$d1765-1820."))
    assert out.values(f"<{WORK}T1> bf:contribution ?c . ?c a ?v") == [BF + "Contribution", BF + "PrimaryContribution"]
    assert out.values(PRIMARY + " ?a rdfs:label ?v") == ["Nguyễn, Du, 1765-1820"]
    assert not out.ask(f"<{INSTANCE}T1> bf:contribution ?c")


def test_100_agent_iri_is_minted_in_the_library():
    out = convert(rec(r"=100  1\$aNguyễn, Du"))
    (agent,) = out.values(PRIMARY + " BIND(?a AS ?v)")
    assert agent.startswith(BASE + "agent/TEST/nguyen-du-")


def test_100_name_label_has_no_language_tag():
    out = convert(rec(r"=041  \\$avie", r"=100  1\$aNguyễn, Du"))
    assert out.literals(PRIMARY + " ?a rdfs:label ?v") == [("Nguyễn, Du", None)]


def test_100_label_takes_abcdjq_and_leaves_out_relator_and_authority_subfields():
    out = convert(rec(r"=100  0\$aJohn$bII,$cPope,$d1920-2005$q(Karol Wojtyła)$etác giả$4aut$0n79021164"))
    assert out.values(PRIMARY + " ?a rdfs:label ?v") == ["John II, Pope, 1920-2005 (Karol Wojtyła)"]


def test_110_label_takes_subordinate_units():
    out = convert(rec(r"=110  2\$aĐại học Quốc gia Hà Nội.$bTrường Đại học Khoa học Tự nhiên.$ebiên soạn"))
    assert out.values(PRIMARY + " ?a rdfs:label ?v") == ["Đại học Quốc gia Hà Nội. Trường Đại học Khoa học Tự nhiên"]


def test_111_label_takes_number_date_and_place_of_meeting():
    out = convert(rec(r"=111  2\$aHội nghị Khoa học Việt Nam học$n(3 :$d2008 :$cHà Nội)$jbiên tập"))
    assert out.values(PRIMARY + " ?a rdfs:label ?v") == ["Hội nghị Khoa học Việt Nam học (3 : 2008 : Hà Nội)"]


def test_100_without_name_is_dropped_and_reported():
    out = convert(rec(r"=100  1\$d1765-1820$etác giả"))
    assert not out.ask(f"<{WORK}T1> bf:contribution ?c")
    assert [(p.tag, p.action) for p in out.problems] == [("100", "dropped")]


def test_100_role_from_e_on_the_primary_contribution():
    out = convert(rec(r"=100  1\$aNguyễn, Du,$etác giả."))
    assert out.values(PRIMARY + " ?c bf:role ?v") == [REL + "aut"]


def test_1xx_agent_is_the_creator_of_the_240_hub():
    out = convert(rec(r"=100  1\$aNguyễn, Du,$d1765-1820.", r"=240  10$aTruyện Kiều"))
    (hub,) = out.values(f"<{WORK}T1> bf:expressionOf ?v")
    assert out.values(f"<{hub}> rdfs:label ?v") == ["Nguyễn, Du, 1765-1820. Truyện Kiều"]
    assert out.ask(f"<{hub}> bf:contribution ?hc . ?hc a bf:PrimaryContribution ; bf:agent ?a . {PRIMARY}")


# -- 130 ------------------------------------------------------------------------------------


def test_130_work_is_an_expression_of_a_hub_with_the_uniform_title():
    out = convert(rec(r"=130  0\$aTruyện Kiều."))
    (hub,) = out.values(f"<{WORK}T1> bf:expressionOf ?v")
    assert hub.startswith(WORK + "hub/truyen-kieu-")
    assert out.values(f"<{hub}> a ?v") == [BF + "Hub"]
    assert out.values(f"<{hub}> rdfs:label ?v") == ["Truyện Kiều"]
    assert out.values(f"<{hub}> bf:title ?t . ?t a bf:Title ; bf:mainTitle ?v") == ["Truyện Kiều"]
    assert not out.ask(f"<{hub}> bf:contribution ?c")


def test_130_keeps_the_245_title_off_the_work():
    out = convert(rec(r"=130  0\$aTruyện Kiều."))
    assert out.values(f"<{WORK}T1> bf:title/bf:mainTitle ?v") == []
    assert out.values(f"<{INSTANCE}T1> bf:title/bf:mainTitle ?v") == ["X"]


def test_130_same_uniform_title_in_two_records_is_one_hub():
    one = convert(rec(r"=130  0\$aTruyện Kiều.")).values(f"<{WORK}T1> bf:expressionOf ?v")
    two = convert("=001  T2\n=130  0\\$atruyện kiều\n=245  00$aY").values(f"<{WORK}T2> bf:expressionOf ?v")
    assert one == two


def test_130_with_language_and_date_gives_a_different_hub():
    one = convert(rec(r"=130  0\$aTruyện Kiều.")).values(f"<{WORK}T1> bf:expressionOf ?v")
    other = convert(rec(r"=130  0\$aTruyện Kiều.$lEnglish.")).values(f"<{WORK}T1> bf:expressionOf ?v")
    assert one != other


# -- real data --------------------------------------------------------------------------------


def test_libol_100_and_same_700_are_one_agent_with_two_contributions():
    out = convert_record(read(VIETNAMESE / "vie_vnu_libol_10.iso", "TVL050000014"))
    work = WORK + "TVL050000014"
    primary = out.values(f"<{work}> bf:contribution ?c . ?c a bf:PrimaryContribution ; bf:agent ?v")
    assert len(primary) == 1
    assert out.values(f"<{primary[0]}> rdfs:label ?v") == ["Nguyễn Minh Thuyết"]
    added = out.values(f"<{work}> bf:contribution ?c . ?c bf:agent ?v FILTER NOT EXISTS {{ ?c a bf:PrimaryContribution }}")
    assert primary[0] in added and len(added) == 2
    assert len(out.values(f"<{primary[0]}> rdfs:label ?v")) == 1
