"""The series relation of 490 ind1 0, 440 and 800/810/811/830 (kg.convert.series; LC
ConvSpec-1XX_7XX_8XX-Names for 8XX, Process 6 of ConvSpec-Process0-9)."""

from kgtest import BASE, INSTANCE, WORK, convert

BF = "http://id.loc.gov/ontologies/bibframe/"
SERIES = "http://id.loc.gov/vocabulary/relationship/series"
RELATION = f"<{WORK}T1> bf:relation ?r . ?r a bf:Relation ; bf:relationship <{SERIES}> ; bf:associatedResource ?s ."


def rec(*lines, number="T1"):
    return "\n".join([f"=001  {number}", *lines, "=245  00$aX"])


def series(out, number="T1"):
    return out.values(f"<{WORK}{number}> bf:relation ?r . ?r bf:relationship <{SERIES}> ; bf:associatedResource ?v")


def test_830_relation_to_a_series_work():
    out = convert(rec(r"=830  \0$aTủ sách Khoa học ;$vt. 5"))
    (work,) = series(out)
    assert work.startswith(BASE + "work/TEST/rel/tu-sach-khoa-hoc-")
    assert out.values(f"<{work}> a ?v") == [BF + "Series", BF + "Work"]
    assert out.values(f"<{work}> rdfs:label ?v") == ["Tủ sách Khoa học"]
    assert out.values(f"<{work}> bf:title ?t . ?t a bf:Title ; bf:mainTitle ?v") == ["Tủ sách Khoa học"]


def test_830_v_to_series_enumeration_on_the_relation():
    out = convert(rec(r"=830  \0$aTủ sách Khoa học ;$vt. 5."))
    assert out.values(RELATION + " ?r bf:seriesEnumeration ?v") == ["t. 5"]
    assert not out.ask(f"<{INSTANCE}T1> bf:seriesEnumeration ?e")


def test_830_x_issn_on_the_series_work():
    out = convert(rec(r"=830  \0$aTạp chí Khoa học,$x1859-3100 ;$vsố 4"))
    assert out.values(RELATION + " ?s bf:identifiedBy ?i . ?i a bf:Issn ; rdf:value ?v") == ["1859-3100"]


def test_830_title_takes_part_number_and_name():
    out = convert(rec(r"=830  \0$aTủ sách Khoa học.$nPhần 2.$pVật lý ;$vt. 5"))
    assert out.values(RELATION + " ?s rdfs:label ?v") == ["Tủ sách Khoa học. Phần 2. Vật lý"]


def test_800_series_with_its_creator_as_primary_contribution():
    out = convert(rec(r"=800  1\$aNguyễn, Du,$d1765-1820.$tToàn tập ;$vt. 2"))
    assert out.values(RELATION + " ?s rdfs:label ?v") == ["Toàn tập"]
    assert out.values(RELATION + " ?r bf:seriesEnumeration ?v") == ["t. 2"]
    where = RELATION + " ?s bf:contribution ?c . ?c a bf:PrimaryContribution ; bf:agent ?a . ?a a bf:Person ; rdfs:label ?v"
    assert out.values(where) == ["Nguyễn, Du, 1765-1820"]


def test_800_creator_is_the_same_agent_as_the_100():
    out = convert(rec(r"=100  1\$aNguyễn, Du,$d1765-1820.", r"=800  1\$aNguyễn, Du,$d1765-1820.$tToàn tập"))
    assert out.values(RELATION + " ?s bf:contribution/bf:agent ?v") == out.values(f"<{WORK}T1> bf:contribution/bf:agent ?v")


def test_810_series_of_an_organization():
    out = convert(rec(r"=810  2\$aViện Văn học.$tTủ sách Nghiên cứu ;$v12"))
    assert out.values(RELATION + " ?s bf:contribution/bf:agent ?a . ?a a bf:Organization ; rdfs:label ?v") == ["Viện Văn học"]


def test_8xx_series_of_two_authors_with_the_same_title_are_two_series():
    one = series(convert(rec(r"=800  1\$aNguyễn, Du.$tToàn tập")))
    two = series(convert(rec(r"=800  0\$aHồ Chí Minh.$tToàn tập")))
    untitled = series(convert(rec(r"=830  \0$aToàn tập")))
    assert len({one[0], two[0], untitled[0]}) == 3


def test_800_without_title_is_dropped_and_reported():
    out = convert(rec(r"=800  1\$aNguyễn, Du"))
    assert series(out) == []
    assert [(p.tag, p.action) for p in out.problems] == [("800", "dropped")]


def test_same_series_in_two_records_of_one_library_is_one_series_work():
    one = series(convert(rec(r"=830  \0$aTủ sách Khoa học ;$vt. 5", number="A")), "A")
    two = series(convert(rec(r"=490  0\$aTủ sách khoa học ;$vt. 6", number="B")), "B")
    assert one == two


def test_same_series_in_two_libraries_is_two_series_works():
    text = rec(r"=830  \0$aTủ sách Khoa học")
    one = convert(text, library="VNU").values("?w a bf:Series BIND(?w AS ?v)")
    two = convert(text, library="NLV").values("?w a bf:Series BIND(?w AS ?v)")
    assert one != two


def test_series_named_twice_in_a_record_is_described_once():
    out = convert(rec(r"=490  0\$aTủ sách Khoa học ;$vt. 5", r"=830  \0$aTủ sách Khoa học ;$vt. 5"))
    (work,) = series(out)
    assert len(out.values(f"<{WORK}T1> bf:relation ?v")) == 2
    assert len(out.values(f"<{work}> bf:title ?v")) == 1


def test_811_series_of_a_meeting():
    out = convert(rec(r"=811  2\$aHội thảo Quốc tế Việt Nam học$n(4 :$d2012 :$cHà Nội).$tKỷ yếu ;$vt. 1"))
    assert out.values(RELATION + " ?s bf:contribution/bf:agent ?a . ?a a bf:Meeting ; rdfs:label ?v")
    assert out.values(RELATION + " ?r bf:seriesEnumeration ?v") == ["t. 1"]
