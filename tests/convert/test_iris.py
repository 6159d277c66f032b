"""IRIs (kg.convert.iris.Minter): library-scoped, percent-encoded, deterministic; blank-node ids
derived from the record so that converting twice gives the same triples."""

import re

import pyoxigraph
import pytest
from kgtest import BASE, INSTANCE, WORK, convert
from helpers import VIETNAMESE, convert_record, read

from kg.convert import Minter

FULL = r"""
=001  VNU-0001
=041  \\$avie
=100  1\$aNguyễn, Du,$d1765-1820.
=245  10$aTruyện Kiều /$cNguyễn Du.
=260  \\$aH. :$bVăn học,$c2016.
=490  0\$aTủ sách Văn học ;$vt. 3
=650  \7$aThơ$xLịch sử$2tvqg
=653  \\$aTruyện thơ
=700  12$aNguyễn, Du.$tVăn chiêu hồn.
=776  08$tĐoạn trường tân thanh$z9786040000001
=952  \\$aMAIN$pB1
=952  \\$aMAIN$yBK
"""


def named(out):
    terms = set()
    for q in out.store:
        for term in (q.subject, q.object):
            if isinstance(term, pyoxigraph.NamedNode) and term.value.startswith(BASE):
                terms.add(term.value)
    return terms


def test_every_minted_iri_carries_the_library_code():
    out = convert(FULL, library="VNU")
    iris = named(out)
    kinds = {iri[len(BASE):].split("/")[0] for iri in iris}
    assert kinds == {"work", "instance", "item", "agent", "concept", "library"}
    for iri in iris:
        assert iri[len(BASE):].split("/")[1] == "VNU", iri


def test_work_instance_and_items_are_under_the_control_number():
    out = convert(FULL, library="VNU")
    instance = BASE + "instance/VNU/VNU-0001"
    assert out.values(f"<{instance}> bf:instanceOf ?v") == [BASE + "work/VNU/VNU-0001"]
    assert out.values(f"<{instance}> bf:hasItem ?v") == [BASE + "item/VNU/VNU-0001/2", BASE + "item/VNU/VNU-0001/B1"]
    assert out.values(f"<{instance}> bf:adminMetadata/bf:assigner ?v") == [BASE + "library/VNU"]


def test_same_001_in_two_libraries_gives_different_iris():
    one = named(convert(FULL, library="VNU"))
    two = named(convert(FULL, library="NLV"))
    assert one.isdisjoint(two)
    assert {re.sub(r"^(http://example\.org/[a-z]+/)VNU", r"\1NLV", iri) for iri in one} == two


@pytest.mark.parametrize("control, segment", [
    ("VNU 0001", "VNU%200001"),
    ("a/b", "a%2Fb"),
    ("TVL#12?x=1", "TVL%2312%3Fx%3D1"),
    ("Sách-01_v.2~", "S%C3%A1ch-01_v.2~"),
    ("100%", "100%25"),
])
def test_odd_control_numbers_are_percent_encoded(control, segment):
    out = convert(f"=001  {control}\n=245  00$aX")
    assert out.values("?v a bf:Instance") == [INSTANCE + segment]
    assert out.values("?v a bf:Work") == [WORK + segment]
    assert out.values(f"<{INSTANCE}{segment}> bf:adminMetadata/bf:identifiedBy/rdf:value ?v") == [control]


def test_library_code_with_spaces_and_diacritics_is_percent_encoded():
    minter = Minter("http://example.org/kg", "Thư viện A")
    assert minter.work("1").value == "http://example.org/kg/work/Th%C6%B0%20vi%E1%BB%87n%20A/1"
    assert minter.library_iri().value == "http://example.org/kg/library/Th%C6%B0%20vi%E1%BB%87n%20A"


def test_base_without_trailing_slash_gets_one():
    assert Minter("http://example.org/kg", "VNU").instance("1").value == "http://example.org/kg/instance/VNU/1"
    assert Minter("http://example.org/kg#", "VNU").instance("1").value == "http://example.org/kg#instance/VNU/1"


def test_item_copy_segment_is_percent_encoded():
    assert Minter(BASE, "VNU").item("1", "045/2008").value == BASE + "item/VNU/1/045%2F2008"


def test_heading_iris_have_a_readable_slug_and_identity_in_the_hash():
    minter = Minter(BASE, "VNU")
    du = minter.agent("Person", "Nguyễn Du")
    assert du.value.startswith(BASE + "agent/VNU/nguyen-du-")
    assert minter.agent("Person", "nguyễn du.") == du
    assert minter.agent("Person", "Nguyễn Dữ") != du  # same slug, different hash
    assert minter.agent("Person", "Nguyễn Dữ").value.startswith(BASE + "agent/VNU/nguyen-du-")
    assert minter.agent("Organization", "Nguyễn Du") != du


def test_concept_scheme_is_part_of_identity():
    minter = Minter(BASE, "VNU")
    assert minter.concept("Topic", "Thơ", "tvqg") != minter.concept("Topic", "Thơ", "")
    assert minter.concept("Topic", "Thơ", "tvqg") == minter.concept("Topic", "thơ.", "tvqg")


def test_hubs_and_related_works_live_under_work():
    minter = Minter(BASE, "VNU")
    assert minter.hub("Truyện Kiều").value.startswith(BASE + "work/VNU/hub/truyen-kieu-")
    assert minter.related_work("Truyện Kiều").value.startswith(BASE + "work/VNU/rel/truyen-kieu-")
    assert minter.related_work("Truyện Kiều") != minter.hub("Truyện Kiều")
    assert minter.related_instance("Truyện Kiều", "978").value.startswith(BASE + "instance/VNU/rel/truyen-kieu-")
    assert minter.related_instance("Truyện Kiều", "978") != minter.related_instance("Truyện Kiều", "979")


def test_heading_of_no_latin_letters_gets_slug_x():
    assert Minter(BASE, "VNU").concept("Topic", "詩").value.startswith(BASE + "concept/VNU/x-")


# -- determinism ------------------------------------------------------------------------------


def test_converting_the_same_record_twice_gives_identical_triples():
    one, two = convert(FULL).converted.triples, convert(FULL).converted.triples
    assert any(isinstance(t.subject, pyoxigraph.BlankNode) for t in one)
    assert one == two


def test_converting_a_real_record_twice_gives_identical_triples():
    path = VIETNAMESE / "vie_uefl_852_mojibake_2.iso"
    one = convert_record(read(path, "TVL080000001")).converted.triples
    two = convert_record(read(path, "TVL080000001")).converted.triples
    assert one == two


def test_blank_node_ids_of_two_records_never_clash():
    def blanks(text):
        return {t.subject.value for t in convert(text).converted.triples if isinstance(t.subject, pyoxigraph.BlankNode)}

    one = blanks(FULL)
    two = blanks(FULL.replace("VNU-0001", "VNU-0002"))
    assert one and two and one.isdisjoint(two)


def test_blank_node_ids_of_one_001_in_two_libraries_never_clash():
    def blanks(library):
        return {t.subject.value for t in convert(FULL, library=library).converted.triples
                if isinstance(t.subject, pyoxigraph.BlankNode)}

    assert blanks("VNU").isdisjoint(blanks("NLV"))


def test_record_without_001_gets_a_stable_content_iri():
    text = "=245  00$aKhông có số\n=653  \\\\$aThơ"
    first = convert(text).values("?v a bf:Instance")
    assert first == convert(text).values("?v a bf:Instance")
    assert first[0].startswith(INSTANCE + "x-")
    assert convert(text, library="NLV").values("?v a bf:Instance")[0].startswith(BASE + "instance/NLV/x-")
