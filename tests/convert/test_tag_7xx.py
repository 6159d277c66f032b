"""Added entries 700-758 and linking entries 760-787 (LC ConvSpec-1XX_7XX_8XX-Names,
ConvSpec-720_740-758, ConvSpec-760-788-Links; mappings/linking_entries.csv)."""

import csv

import pytest
from kgtest import BASE, INSTANCE, ROOT, WORK, convert

BF = "http://id.loc.gov/ontologies/bibframe/"
REL = "http://id.loc.gov/vocabulary/relators/"
RELATIONSHIP = "http://id.loc.gov/vocabulary/relationship/"


def _rows(name):
    with open(ROOT / "mappings" / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def rec(*lines):
    return "\n".join(["=001  T1", *lines, "=245  00$aX"])


def related(out, relationship):
    return out.values(
        f"<{WORK}T1> bf:relation ?r . ?r a bf:Relation ; bf:relationship <{RELATIONSHIP}{relationship}> ; "
        "bf:associatedResource ?v"
    )


# -- 700/710/711 ------------------------------------------------------------------------------


def test_700_is_a_contribution_that_is_not_primary():
    out = convert(rec(r"=100  1\$aNguyễn, Du", r"=700  1\$aHuỳnh, Sanh Thông,$edịch."))
    where = f"<{WORK}T1> bf:contribution ?c . ?c bf:agent ?a . ?a rdfs:label 'Huỳnh, Sanh Thông' ."
    assert out.values(where + " ?c a ?v") == [BF + "Contribution"]
    assert out.values(where + " ?c bf:role ?v") == [REL + "trl"]
    assert out.values(where + " ?a a ?v") == [BF + "Person"]


@pytest.mark.parametrize("field, cls", [(r"=710  2\$aViện Văn học", "Organization"), (r"=710  1\$aViệt Nam.$bQuốc hội", "Jurisdiction"),
                                        (r"=711  2\$aHội thảo Quốc tế Việt Nam học", "Meeting"), (r"=700  3\$aNguyễn Phúc (Dòng họ)", "Family")])
def test_7x0_agent_classes(field, cls):
    out = convert(rec(field))
    assert out.values(f"<{WORK}T1> bf:contribution/bf:agent ?a . ?a a ?v") == [BF + cls]
    assert not out.ask(f"<{WORK}T1> bf:contribution ?c . ?c a bf:PrimaryContribution")


def test_700_repeated_gives_one_contribution_each():
    out = convert(rec(r"=700  1\$aBạch Thành Công", r"=700  1\$aPhan Văn Thích"))
    assert out.values(f"<{WORK}T1> bf:contribution/bf:agent/rdfs:label ?v") == ["Bạch Thành Công", "Phan Văn Thích"]


def test_700_with_t_and_ind2_2_is_a_part_hub_created_by_the_700_agent():
    out = convert(rec(r"=700  12$aNguyễn, Du,$d1765-1820.$tVăn chiêu hồn."))
    (hub,) = out.values(f"<{WORK}T1> bf:hasPart ?v")
    assert out.values(f"<{hub}> a ?v") == [BF + "Hub"]
    assert out.values(f"<{hub}> bf:title/bf:mainTitle ?v") == ["Văn chiêu hồn"]
    assert out.values(f"<{hub}> rdfs:label ?v") == ["Nguyễn, Du, 1765-1820. Văn chiêu hồn"]
    assert out.values(f"<{hub}> bf:contribution ?c . ?c a bf:PrimaryContribution ; bf:agent/rdfs:label ?v") == [
        "Nguyễn, Du, 1765-1820"
    ]
    assert not out.ask(f"<{WORK}T1> bf:contribution ?c")
    assert not out.ask(f"<{WORK}T1> bf:relation ?r")


def test_700_with_t_without_ind2_2_is_a_related_work():
    out = convert(rec(r"=700  1\$aNguyễn, Du,$d1765-1820.$tTruyện Kiều."))
    (hub,) = related(out, "relatedwork")
    assert out.values(f"<{hub}> a ?v") == [BF + "Hub"]
    assert out.values(f"<{hub}> bf:title/bf:mainTitle ?v") == ["Truyện Kiều"]
    assert not out.ask(f"<{WORK}T1> bf:hasPart ?p")


def test_700_name_title_hub_agent_is_the_same_as_the_100_agent():
    out = convert(rec(r"=100  1\$aNguyễn, Du,$d1765-1820.", r"=700  12$aNguyễn, Du,$d1765-1820.$tVăn chiêu hồn."))
    assert out.values(f"<{WORK}T1> bf:hasPart/bf:contribution/bf:agent ?v") == out.values(
        f"<{WORK}T1> bf:contribution/bf:agent ?v"
    )


def test_720_uncontrolled_name_as_contribution():
    out = convert(rec(r"=720  1\$aTrần Văn A$edịch", r"=720  \\$aBan biên tập"))
    assert out.values(f"<{WORK}T1> bf:contribution/bf:agent ?a . ?a a bf:Person ; rdfs:label ?v") == ["Trần Văn A"]
    assert out.values(f"<{WORK}T1> bf:contribution/bf:agent ?a . ?a a bf:Agent ; rdfs:label ?v") == ["Ban biên tập"]
    assert out.values(f"<{WORK}T1> bf:contribution/bf:role ?v") == [REL + "trl"]


def test_730_ind2_2_is_a_part_hub():
    out = convert(rec(r"=730  02$aKinh Kim Cương."))
    (hub,) = out.values(f"<{WORK}T1> bf:hasPart ?v")
    assert out.values(f"<{hub}> a ?v") == [BF + "Hub"]
    assert out.values(f"<{hub}> rdfs:label ?v") == ["Kinh Kim Cương"]


def test_730_blank_ind2_is_a_related_hub():
    out = convert(rec(r"=730  0\$aKinh Kim Cương."))
    assert len(related(out, "relatedwork")) == 1
    assert not out.ask(f"<{WORK}T1> bf:hasPart ?p")


def test_740_ind2_2_is_a_part_work():
    out = convert(rec(r"=740  02$aTruyện Kiều.$nPhần 1."))
    (part,) = out.values(f"<{WORK}T1> bf:hasPart ?v")
    assert out.values(f"<{part}> a ?v") == [BF + "Work"]
    assert out.values(f"<{part}> bf:title/bf:mainTitle ?v") == ["Truyện Kiều. Phần 1"]


def test_740_blank_ind2_is_a_variant_title_of_the_instance():
    out = convert(rec(r"=041  \\$avie", r"=740  0\$aKim Vân Kiều."))
    assert out.literals(f"<{INSTANCE}T1> bf:title ?t . ?t a bf:VariantTitle ; bf:mainTitle ?v") == [("Kim Vân Kiều", "vi")]
    assert not out.ask(f"<{WORK}T1> bf:hasPart ?p")
    assert not out.ask(f"<{WORK}T1> bf:relation ?r")


def test_751_place_to_origin_place():
    out = convert(rec(r"=751  \\$aHuế (Việt Nam)"))
    assert out.values(f"<{WORK}T1> bf:originPlace ?p . ?p a bf:Place ; rdfs:label ?v") == ["Huế (Việt Nam)"]


def test_758_uri_to_a_related_resource():
    out = convert(rec(r"=758  \\$4http://rdaregistry.info/Elements/m/P30139$aTruyện Kiều$1http://www.wikidata.org/entity/Q1146037"))
    assert related(out, "relatedwork") == ["http://www.wikidata.org/entity/Q1146037"]


# -- 760-787 (mappings/linking_entries.csv) ---------------------------------------------------


@pytest.mark.parametrize("row", _rows("linking_entries.csv"), ids=lambda r: f"{r['tag']}-{r['ind2']}")
def test_linking_entry_relationship_and_associated_work_with_title(row):
    ind2 = " " if row["ind2"] == "*" else row["ind2"]
    out = convert(rec(f"={row['tag']}  0{ind2}$aNguyễn, Du.$tTạp chí Văn học."))
    (work,) = related(out, row["relationship"])
    assert work.startswith(BASE + "work/TEST/rel/")
    assert out.values(f"<{work}> a ?v") == [BF + "Work"]
    assert out.values(f"<{work}> bf:title ?t . ?t a bf:Title ; bf:mainTitle ?v") == ["Tạp chí Văn học"]
    assert out.values(f"<{work}> bf:contribution/bf:agent/rdfs:label ?v") == ["Nguyễn, Du"]
    assert len(out.values(f"<{WORK}T1> bf:relation ?v")) == 1


def test_linking_entry_brief_instance_with_issn_isbn_and_record_numbers():
    out = convert(rec(r"=776  08$iOnline version:$tĐoạn trường tân thanh$dHà Nội : Văn học, 2016$x1234-5678"
                      r"$z9786040000001$w(OCoLC)ocm123$w(DLC)2016000001$w(VNU)000042$w000099"))
    (work,) = related(out, "otherphysicalformat")
    (instance,) = out.values(f"?i bf:instanceOf <{work}> BIND(?i AS ?v)")
    assert instance.startswith(BASE + "instance/TEST/rel/")
    assert out.values(f"<{instance}> a ?v") == [BF + "Instance"]
    ident = f"<{instance}> bf:identifiedBy ?i . ?i rdf:value ?v ;"
    assert out.values(ident + " a bf:Issn") == ["1234-5678"]
    assert out.values(ident + " a bf:Isbn") == ["9786040000001"]
    assert out.values(ident + " a bf:OclcNumber") == ["123"]
    assert out.values(ident + " a bf:Lccn") == ["2016000001"]
    assert out.values(ident + " a bf:Local") == ["000042", "000099"]
    assert out.values(f"<{instance}> bf:identifiedBy ?i . ?i rdf:value '000042' ; bf:assigner/bf:code ?v") == ["VNU"]
    assert out.values(f"<{instance}> bf:provisionActivityStatement ?v") == ["Hà Nội : Văn học, 2016"]


def test_linking_entry_without_numbers_has_no_brief_instance():
    out = convert(rec(r"=787  08$tTạp chí Văn học"))
    (work,) = related(out, "relatedwork")
    assert not out.ask(f"?i bf:instanceOf <{work}>")


def test_identifier_only_776_relates_a_work_known_by_its_number():
    out = convert(rec(r"=776  08$iOnline version:$w(OCoLC)999"))
    (work,) = related(out, "otherphysicalformat")
    (instance,) = out.values(f"?i bf:instanceOf <{work}> BIND(?i AS ?v)")
    assert out.values(f"<{instance}> bf:identifiedBy ?i . ?i a bf:OclcNumber ; rdf:value ?v") == ["999"]
    assert out.problems == []


def test_linking_entry_without_title_or_number_is_dropped_and_reported():
    out = convert(rec(r"=773  0\$gVol. 3, no. 2"))
    assert not out.ask(f"<{WORK}T1> bf:relation ?r")
    assert [(p.tag, p.action) for p in out.problems] == [("773", "dropped")]


def test_same_related_title_in_two_records_is_one_related_work():
    one = related(convert(rec(r"=780  00$tTạp chí cũ$x1234-5678")), "continuationof")
    two = related(convert(rec(r"=780  00$ttạp chí cũ.")), "continuationof")
    assert one == two


def test_linking_entry_s_uniform_title_before_t():
    out = convert(rec(r"=765  0\$sTruyện Kiều.$tKim Vân Kiều truyện"))
    (work,) = related(out, "translationof")
    assert out.values(f"<{work}> bf:title/bf:mainTitle ?v") == ["Truyện Kiều"]


def test_752_hierarchical_place_is_the_origin_place():
    out = convert("=001  T1\n=752  \\\\$aViệt Nam$bHà Nội$dHoàn Kiếm\n=245  00$aX")
    assert out.values(f"<{WORK}T1> bf:originPlace/rdfs:label ?v") == ["Việt Nam, Hà Nội, Hoàn Kiếm"]
