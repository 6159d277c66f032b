"""Series statements 490 and the obsolete 440 (LC ConvSpec-490_510-Links; ConvSpec-1XX_7XX_8XX-Names:
"Convert 400, 410, 411, and 440 like 8XX")."""

from kgtest import INSTANCE, WORK, convert

SERIES = "http://id.loc.gov/vocabulary/relationship/series"
RELATION = f"<{WORK}T1> bf:relation ?r . ?r bf:relationship <{SERIES}> ; bf:associatedResource ?s ."


def rec(*lines):
    return "\n".join(["=001  T1", r"=041  \\$avie", *lines, "=245  00$aX"])


def test_490_a_to_series_statement_in_the_resource_language():
    out = convert(rec(r"=490  1\$aTủ sách Khoa học ;$vt. 5"))
    assert out.literals(f"<{INSTANCE}T1> bf:seriesStatement ?v") == [("Tủ sách Khoa học", "vi")]


def test_490_v_to_series_enumeration_of_the_instance():
    out = convert(rec(r"=490  1\$aTủ sách Khoa học ;$vt. 5."))
    assert out.literals(f"<{INSTANCE}T1> bf:seriesEnumeration ?v") == [("t. 5", "vi")]


def test_490_ind1_1_traced_makes_no_relation_of_its_own():
    out = convert(rec(r"=490  1\$aTủ sách Khoa học ;$vt. 5"))
    assert not out.ask(f"<{WORK}T1> bf:relation ?r")


def test_490_ind1_0_untraced_also_makes_a_series_relation():
    out = convert(rec(r"=490  0\$aTủ sách Văn học ;$vt. 3"))
    assert out.values(RELATION + " ?s rdfs:label ?v") == ["Tủ sách Văn học"]
    assert out.values(RELATION + " ?s a ?v") == [
        "http://id.loc.gov/ontologies/bibframe/Series", "http://id.loc.gov/ontologies/bibframe/Work"
    ]
    assert out.values(RELATION + " ?r bf:seriesEnumeration ?v") == ["t. 3"]
    assert out.values(f"<{INSTANCE}T1> bf:seriesStatement ?v") == ["Tủ sách Văn học"]


def test_490_ind1_0_x_issn_on_the_series():
    out = convert(rec(r"=490  0\$aTạp chí Khoa học,$x1859-3100 ;$vsố 4"))
    assert out.values(RELATION + " ?s bf:identifiedBy ?i . ?i a bf:Issn ; rdf:value ?v") == ["1859-3100"]


def test_490_repeated_a_are_separate_statements():
    out = convert(rec(r"=490  1\$aTủ sách A ;$v1.$aTủ sách B ;$v2"))
    assert out.values(f"<{INSTANCE}T1> bf:seriesStatement ?v") == ["Tủ sách A", "Tủ sách B"]
    assert out.values(f"<{INSTANCE}T1> bf:seriesEnumeration ?v") == ["1", "2"]


def test_440_is_a_statement_and_a_series_relation_like_830():
    out = convert(rec(r"=440  \0$aTủ sách Lịch sử.$pPhần cổ đại ;$vt. 1"))
    assert out.values(f"<{INSTANCE}T1> bf:seriesStatement ?v") == ["Tủ sách Lịch sử. Phần cổ đại"]
    assert out.values(RELATION + " ?s rdfs:label ?v") == ["Tủ sách Lịch sử. Phần cổ đại"]
    assert out.values(RELATION + " ?r bf:seriesEnumeration ?v") == ["t. 1"]


def test_440_and_830_of_the_same_series_are_one_series_work():
    out = convert(rec(r"=440  \0$aTủ sách Lịch sử ;$vt. 1"))
    other = convert(rec(r"=830  \0$aTủ sách lịch sử.$vt. 1"))
    assert out.values(RELATION + " BIND(?s AS ?v)") == other.values(RELATION + " BIND(?s AS ?v)")
