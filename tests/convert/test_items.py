"""Holdings -> bf:Item: 852, 876-878, Koha's 952 (kg.convert.items; mappings/holdings.csv and
item_status.csv).  LC marks 852 "nac" (ConvSpec-841-887) and makes no items: this is ours."""

from kgtest import BASE, INSTANCE, convert
from helpers import VIETNAMESE, convert_record, read

BF = "http://id.loc.gov/ontologies/bibframe/"
ITEM = BASE + "item/TEST/T1/"
LIBRARY = BASE + "library/TEST"
UEFL = VIETNAMESE / "vie_uefl_852_mojibake_2.iso"


def rec(*lines):
    return "\n".join(["=001  T1", *lines, "=245  00$aX"])


def items(out, instance=INSTANCE + "T1"):
    return out.values(f"<{instance}> bf:hasItem ?v")


def the_item(out):
    (item,) = items(out)
    return item


# -- 852, Libol style, from a real export -----------------------------------------------------


def test_libol_852_every_copy_is_an_item_of_the_instance_held_by_the_library():
    out = convert_record(read(UEFL, "TVL080000001"))
    instance = INSTANCE + "TVL080000001"
    found = items(out, instance)
    assert len(found) == 5
    for item in found:
        assert out.values(f"<{item}> a ?v") == [BF + "Item"]
        assert out.values(f"<{item}> bf:itemOf ?v") == [instance]
        assert out.values(f"<{item}> bf:heldBy ?v") == [LIBRARY]


def test_libol_852_j_registration_number_is_the_shelfmark_of_each_copy():
    out = convert_record(read(UEFL, "TVL080000001"))
    instance = INSTANCE + "TVL080000001"
    assert out.values(f"<{instance}> bf:hasItem ?i . ?i bf:shelfMark ?s . ?s a bf:ShelfMark ; rdfs:label ?v") == [
        "045/2008", "046/2008", "047/2008", "048/2008", "083/2008"
    ]
    for item in items(out, instance):
        assert len(out.values(f"<{item}> bf:shelfMark ?v")) == 1


def test_libol_852_b_sublocation_and_a_store_number():
    out = convert_record(read(UEFL, "TVL080000002"))
    instance = INSTANCE + "TVL080000002"
    where = f"<{instance}> bf:hasItem ?i . ?i bf:shelfMark/rdfs:label '093/2008' ."
    assert out.values(where + " ?i bf:sublocation ?s . ?s a bf:Sublocation ; rdfs:label ?v") == ["UEFL"]
    assert out.values(where + " ?i bf:physicalLocation ?v") == ["2"]


def test_libol_852_items_of_the_two_records_have_distinct_iris():
    first, second = read(UEFL)
    one, two = items(convert_record(first), INSTANCE + first.control_number), items(
        convert_record(second), INSTANCE + second.control_number
    )
    assert len(set(one) | set(two)) == 10
    assert all(i.startswith(BASE + "item/TEST/TVL080000001/") for i in one)


def test_converting_twice_gives_the_same_item_iris():
    record = read(UEFL, "TVL080000001")
    assert items(convert_record(record), INSTANCE + "TVL080000001") == items(
        convert_record(read(UEFL, "TVL080000001")), INSTANCE + "TVL080000001"
    )


# -- 852, MARC 21 style -----------------------------------------------------------------------


NLV_852 = r"=852  1\$aNLV$bKho Hán Nôm$h895.9221$iĐ406TR$pHN.16.00057$t1$xKiểm kê 2020$zĐọc tại chỗ"


def test_852_barcode_names_the_item_and_is_its_barcode():
    out = convert(rec(NLV_852))
    assert the_item(out) == ITEM + "HN.16.00057"
    assert out.values(f"<{ITEM}HN.16.00057> bf:identifiedBy ?b . ?b a bf:Barcode ; rdf:value ?v") == ["HN.16.00057"]


def test_852_ind1_1_h_and_i_make_one_ddc_shelfmark():
    out = convert(rec(NLV_852))
    assert out.values(f"<{the_item(out)}> bf:shelfMark ?s . ?s a ?v") == [BF + "ShelfMarkDdc"]
    assert out.values(f"<{the_item(out)}> bf:shelfMark/rdfs:label ?v") == ["895.9221 Đ406TR"]


def test_852_ind1_0_is_an_lcc_shelfmark_with_prefix_and_suffix():
    out = convert(rec(r"=852  0\$aDLC$kRef$hPL4378.9.N5$iT7 1983$mc.2"))
    assert out.values(f"<{the_item(out)}> bf:shelfMark ?s . ?s a bf:ShelfMarkLcc ; rdfs:label ?v") == [
        "Ref PL4378.9.N5 T7 1983 c.2"
    ]


def test_852_ind1_8_other_scheme_with_source():
    out = convert(rec(r"=852  8\$aVNU$h22.3z73$iV124$2bbk"))
    item = the_item(out)
    assert out.values(f"<{item}> bf:shelfMark ?s . ?s a bf:ShelfMark ; rdfs:label ?v") == ["22.3z73 V124"]
    assert out.values(f"<{item}> bf:shelfMark/bf:source ?s . ?s a bf:Source ; bf:code ?v") == ["bbk"]


def test_852_t_copy_number_note_and_z_public_note():
    out = convert(rec(NLV_852))
    item = the_item(out)
    assert out.values(f"<{item}> bf:note ?n . ?n bf:noteType 'copy number' ; rdfs:label ?v") == ["1"]
    assert out.values(f"<{item}> bf:note ?n . ?n bf:noteType 'public note' ; rdfs:label ?v") == ["Đọc tại chỗ"]


def test_852_x_nonpublic_note_is_not_output():
    out = convert(rec(NLV_852))
    assert not out.ask("?s ?p ?o FILTER(isLiteral(?o) && CONTAINS(STR(?o), 'Kiểm kê'))")


def test_852_without_barcode_item_iri_uses_the_copy_number():
    out = convert(rec(r"=852  \\$aVNU$jVV-D2/00027$t2"))
    assert the_item(out) == ITEM + "c2"


def test_852_without_any_readable_subfield_is_dropped_and_reported():
    out = convert(rec(r"=852  \\$xchỉ có ghi chú nội bộ"))
    assert items(out) == []
    assert [(p.tag, p.action) for p in out.problems] == [("852", "dropped")]


def test_876_linked_by_8_adds_to_the_852_item():
    out = convert(rec(r"=852  1\$81$aNLV$h895.9221$pHN.1", r"=876  \\$81.1$aINV-7$jĐang xử lý$pHN.1"))
    item = the_item(out)
    assert out.values(f"<{item}> bf:identifiedBy ?i . ?i a bf:Local ; rdf:value ?v") == ["INV-7"]
    assert out.values(f"<{item}> bf:usageAndAccessPolicy ?p . ?p a bf:AccessPolicy ; rdfs:label ?v") == ["Đang xử lý"]


def test_876_without_link_is_an_item_of_its_own():
    out = convert(rec(r"=852  1\$81$aNLV$h895.9221$pHN.1", r"=876  \\$aINV-7$pHN.2"))
    assert items(out) == [ITEM + "HN.1", ITEM + "HN.2"]


# -- Koha 952 ---------------------------------------------------------------------------------


KOHA = r"=952  \\$aMAIN$bMAIN$cREF$o895.92 N573$pB0001$yBK$70$10$00$40"


def test_952_p_barcode_names_the_item():
    out = convert(rec(KOHA))
    assert the_item(out) == ITEM + "B0001"
    assert out.values(f"<{ITEM}B0001> bf:identifiedBy ?b . ?b a bf:Barcode ; rdf:value ?v") == ["B0001"]


def test_952_o_call_number_is_a_shelfmark():
    out = convert(rec(KOHA))
    assert out.values(f"<{the_item(out)}> bf:shelfMark ?s . ?s a bf:ShelfMark ; rdfs:label ?v") == ["895.92 N573"]


def test_952_y_item_type_is_a_note():
    out = convert(rec(KOHA))
    assert out.values(f"<{the_item(out)}> bf:note ?n . ?n bf:noteType 'item type' ; rdfs:label ?v") == ["BK"]


def test_952_a_home_branch_once_when_holding_branch_is_the_same():
    out = convert(rec(KOHA))
    assert out.values(f"<{the_item(out)}> bf:sublocation/rdfs:label ?v") == ["MAIN"]
    assert out.values(f"<{the_item(out)}> bf:physicalLocation ?v") == ["REF"]


def test_952_b_holding_branch_when_different():
    out = convert(rec(r"=952  \\$aMAIN$bBR2$pB2"))
    assert out.values(f"<{the_item(out)}> bf:sublocation/rdfs:label ?v") == ["BR2", "MAIN"]


def test_952_statuses_0_give_no_policy():
    out = convert(rec(KOHA))
    assert not out.ask(f"<{the_item(out)}> bf:usageAndAccessPolicy ?p")


def test_952_7_1_is_not_for_loan_in_english_and_vietnamese():
    out = convert(rec(r"=952  \\$aMAIN$pB1$71"))
    assert out.literals(f"<{the_item(out)}> bf:usageAndAccessPolicy ?p . ?p a bf:AccessPolicy ; rdfs:label ?v") == [
        ("Không cho mượn về nhà", "vi"), ("Not for loan", "en")
    ]


def test_952_7_other_positive_value_is_not_for_loan_too():
    out = convert(rec(r"=952  \\$aMAIN$pB1$75"))
    assert ("Not for loan", "en") in out.literals(f"<{the_item(out)}> bf:usageAndAccessPolicy/rdfs:label ?v")


def test_952_1_lost():
    out = convert(rec(r"=952  \\$aMAIN$pB1$11"))
    assert out.literals(f"<{the_item(out)}> bf:usageAndAccessPolicy/rdfs:label ?v") == [("Lost", "en"), ("Đã mất", "vi")]


def test_952_0_withdrawn_and_4_damaged():
    out = convert(rec(r"=952  \\$aMAIN$pB1$01$41"))
    assert out.literals(f"<{the_item(out)}> bf:usageAndAccessPolicy/rdfs:label ?v") == [
        ("Damaged", "en"), ("Hư hỏng", "vi"), ("Withdrawn", "en"), ("Đã thanh lý", "vi")
    ]


def test_952_acquisition_data_is_left_out():
    out = convert(rec(r"=952  \\$aMAIN$pB1$g120000.00$d2020-01-05$eNhà sách Fahasa"))
    assert not out.ask("?s ?p ?o FILTER(isLiteral(?o) && (CONTAINS(STR(?o), '120000') || CONTAINS(STR(?o), 'Fahasa')))")


def test_two_952_without_barcode_are_distinct_items():
    out = convert(rec(r"=952  \\$aMAIN$o895.92 N573$yBK", r"=952  \\$aMAIN$o895.92 N573$yBK"))
    assert len(items(out)) == 2


def test_two_fields_with_the_same_barcode_are_distinct_items():
    out = convert(rec(r"=952  \\$aMAIN$pB1", r"=952  \\$aBR2$pB1"))
    assert len(items(out)) == 2
    assert ITEM + "B1" in items(out)


def test_items_of_a_record_get_the_same_iris_when_converted_twice():
    text = rec(r"=952  \\$aMAIN$yBK", r"=952  \\$aMAIN$pB1", r"=952  \\$aMAIN$t3")
    first = items(convert(text))
    assert len(first) == 3
    assert items(convert(text)) == first


def test_items_of_the_same_barcode_in_two_libraries_are_different():
    text = rec(r"=952  \\$aMAIN$pB1")
    assert convert(text, library="VNU").values("?v a bf:Item") != convert(text, library="NLV").values("?v a bf:Item")


def test_877_and_878_items_of_supplements_and_indexes():
    out = convert(rec(r"=877  \\$p300011$tc.1", r"=878  \\$p300012"))
    assert out.values(f"<{INSTANCE}T1> bf:hasItem/bf:identifiedBy ?b . ?b a bf:Barcode ; rdf:value ?v") == ["300011", "300012"]
