"""Local fields 9XX: only Koha's 952 is converted (into Items: see test_items.py); Libol's
900/911/925/927/928/999 carry no bibliographic meaning and are counted, not reported."""

from kgtest import INSTANCE, convert
from helpers import VIETNAMESE, convert_record, read


def test_952_makes_an_item():
    out = convert("=001  T1\n=952  \\\\$aMAIN$pB1\n=245  00$aX")
    assert out.values(f"<{INSTANCE}T1> bf:hasItem ?v") == ["http://example.org/item/TEST/T1/B1"]


def test_libol_local_fields_are_counted_as_unhandled_not_reported():
    out = convert_record(read(VIETNAMESE / "vie_vnu_libol_10.iso", "TVL050000012"))
    assert {"900", "911", "925", "927", "928"} <= out.converted.unhandled
    assert not [p for p in out.problems if p.tag and p.tag.startswith("9")]
    assert not out.ask("?s ?p ?o FILTER(isLiteral(?o) && CONTAINS(STR(?o), 'VV-D2/00027'))")


def test_libol_999_course_data_is_not_converted():
    out = convert_record(read(VIETNAMESE / "vie_vnu_libol_10.iso", "TVL050000002"))
    assert "999" in out.converted.unhandled
    assert not out.ask("?s ?p ?o FILTER(isLiteral(?o) && CONTAINS(STR(?o), 'Ngành hoá học'))")
