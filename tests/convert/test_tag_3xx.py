"""Physical description, content/media/carrier, frequency, characteristics: fields 300-388
(LC ConvSpec-3XX; mappings/rda_terms.csv)."""

import csv

import pytest
from kgtest import INSTANCE, ROOT, WORK, convert
from helpers import ldr

ID = "http://id.loc.gov/vocabulary/"
RDA = {"336": ("content", "contentTypes", WORK), "337": ("media", "mediaTypes", INSTANCE),
       "338": ("carrier", "carriers", INSTANCE)}


def _rows(name):
    with open(ROOT / "mappings" / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def rec(*lines, leader=None):
    head = [f"=LDR  {leader}"] if leader else []
    return "\n".join([*head, "=001  T1", r"=040  \\$aVNU$bvie", *lines, "=245  00$aX"])


# -- 300 --------------------------------------------------------------------------------------


REC_300 = rec(r"=300  \\$a431 trang :$bảnh, bản đồ ;$c24 cm +$e1 đĩa CD (12 cm)")


def test_300_a_to_extent_label_in_the_cataloguing_language():
    out = convert(REC_300)
    assert out.literals(f"<{INSTANCE}T1> bf:extent ?e . ?e a bf:Extent ; rdfs:label ?v") == [("431 trang", "vi")]


def test_300_a_f_g_joined_in_one_extent():
    out = convert(rec(r"=300  \\$a2$fhộp$g(30 x 40 cm)"))
    assert out.values(f"<{INSTANCE}T1> bf:extent/rdfs:label ?v") == ["2 hộp (30 x 40 cm)"]


def test_300_keeps_the_abbreviation_period_of_extent():
    out = convert(rec(r"=300  \\$a260 tr."))
    assert out.values(f"<{INSTANCE}T1> bf:extent/rdfs:label ?v") == ["260 tr."]


def test_300_b_to_physical_details_note():
    out = convert(REC_300)
    where = f"<{INSTANCE}T1> bf:note ?n . ?n a bf:Note ; bf:noteType 'physical details' ; rdfs:label ?v"
    assert out.literals(where) == [("ảnh, bản đồ", "vi")]


def test_300_c_to_dimensions_without_language():
    out = convert(REC_300)
    assert out.literals(f"<{INSTANCE}T1> bf:dimensions ?v") == [("24 cm", None)]


def test_300_e_to_accompanying_material_note_without_plus():
    out = convert(REC_300)
    where = f"<{INSTANCE}T1> bf:note ?n . ?n bf:noteType 'accompanying material' ; rdfs:label ?v"
    assert out.values(where) == ["1 đĩa CD (12 cm)"]


def test_300_without_extent_makes_no_extent():
    out = convert(rec(r"=300  \\$c19 cm."))
    assert out.values(f"<{INSTANCE}T1> bf:extent ?v") == []
    assert out.values(f"<{INSTANCE}T1> bf:dimensions ?v") == ["19 cm."]


def test_306_playing_time_to_work_duration():
    out = convert(rec(r"=306  \\$a003200$a001545"))
    assert out.values(f"<{WORK}T1> bf:duration ?v") == ["001545", "003200"]


# -- 310/321 frequency ------------------------------------------------------------------------


def test_310_a_to_frequency_label_and_b_to_its_date():
    out = convert(rec(r"=310  \\$aHằng tháng,$b2010-"))
    where = f"<{INSTANCE}T1> bf:frequency ?f . ?f a bf:Frequency ;"
    assert out.literals(where + " rdfs:label ?v") == [("Hằng tháng", "vi")]
    assert out.values(where + " bf:date ?v") == ["2010-"]


def test_321_former_frequency_is_a_frequency_too():
    out = convert(rec(r"=310  \\$aHằng tháng", r"=321  \\$aHằng quý,$b2005-2009"))
    assert out.values(f"<{INSTANCE}T1> bf:frequency/rdfs:label ?v") == ["Hằng quý", "Hằng tháng"]


# -- 336/337/338 ------------------------------------------------------------------------------


@pytest.mark.parametrize("tag, code", [("336", "txt"), ("337", "n"), ("338", "nc"), ("336", "sti"), ("338", "cr")])
def test_33x_b_code_to_vocabulary_iri(tag, code):
    prop, scheme, subject = RDA[tag]
    out = convert(rec(f"={tag}  \\\\$aanything$b{code}$2rda{prop}"))
    assert out.values(f"<{subject}T1> bf:{prop} ?v") == [f"{ID}{scheme}/{code}"]


@pytest.mark.parametrize("row", _rows("rda_terms.csv"), ids=lambda r: f"{r['tag']}-{r['term']}")
def test_33x_a_term_without_code_is_looked_up_in_rda_terms(row):
    prop, scheme, subject = RDA[row["tag"]]
    out = convert(rec(f"={row['tag']}  \\\\$a{row['term']}$2rda{prop}"))
    assert out.values(f"<{subject}T1> bf:{prop} ?v") == [f"{ID}{scheme}/{row['code']}"]
    assert out.problems == []


def test_33x_term_lookup_ignores_case_and_trailing_punctuation():
    out = convert(rec(r"=337  \\$aKhông qua thiết bị ;", r"=338  \\$aTập."))
    assert out.values(f"<{INSTANCE}T1> bf:media ?v") == [ID + "mediaTypes/n"]
    assert out.values(f"<{INSTANCE}T1> bf:carrier ?v") == [ID + "carriers/nc"]


def test_33x_repeated_codes_each_give_an_iri():
    out = convert(rec(r"=336  \\$btxt$bsti"))
    assert out.values(f"<{WORK}T1> bf:content ?v") == [ID + "contentTypes/sti", ID + "contentTypes/txt"]


def test_336_unknown_term_kept_as_label_and_reported():
    out = convert(rec(r"=336  \\$aâm nhạc"))
    assert out.literals(f"<{WORK}T1> bf:content ?c . ?c a bf:Content ; rdfs:label ?v") == [("âm nhạc", "vi")]
    assert [(p.tag, p.action) for p in out.problems] == [("336", "repaired")]


@pytest.mark.parametrize("code", ["{", "xyz", "t x t"])
def test_33x_code_not_in_the_vocabulary_is_a_reported_label_never_an_iri(code):
    out = convert(rec(rf"=337  \\$b{code}"))
    assert out.literals(f"<{INSTANCE}T1> bf:media ?c . ?c a bf:Media ; rdfs:label ?v") == [(code, "vi")]
    assert not [v for v in out.values(f"<{INSTANCE}T1> bf:media ?v") if v.startswith(ID)]
    assert [(p.tag, p.action) for p in out.problems] == [("337", "repaired")]


def test_336_unknown_term_still_replaces_the_default_content_type():
    out = convert(rec(r"=336  \\$aâm nhạc"))
    assert not out.ask(f"<{WORK}T1> bf:content <{ID}contentTypes/txt>")


@pytest.mark.parametrize("leader06, code", [("a", "txt"), ("c", "ntm"), ("e", "cri"), ("g", "tdi"), ("j", "prm"), ("m", "cop")])
def test_default_content_type_from_leader_06_when_no_336(leader06, code):
    out = convert(rec(leader=ldr(type_=leader06)))
    assert out.values(f"<{WORK}T1> bf:content ?v") == [f"{ID}contentTypes/{code}"]


def test_336_replaces_the_default_content_type():
    out = convert(rec(r"=336  \\$astill image$bsti", leader=ldr(type_="a")))
    assert out.values(f"<{WORK}T1> bf:content ?v") == [ID + "contentTypes/sti"]


def test_337_338_do_not_touch_the_work_content():
    out = convert(rec(r"=337  \\$bc", r"=338  \\$bcr"))
    assert out.values(f"<{WORK}T1> bf:content ?v") == [ID + "contentTypes/txt"]
    assert not out.ask(f"<{WORK}T1> bf:media ?m")


# -- characteristics, form, audience ----------------------------------------------------------


@pytest.mark.parametrize("tag, note_type, target", [
    ("340", "physical medium", INSTANCE),
    ("344", "sound characteristics", INSTANCE),
    ("347", "digital file characteristics", INSTANCE),
    ("362", "dates of publication and sequential designation", INSTANCE),
    ("370", "associated place", WORK),
    ("377", "associated language", WORK),
    ("382", "medium of performance", WORK),
    ("388", "time period of creation", WORK),
])
def test_characteristics_fields_become_typed_notes(tag, note_type, target):
    out = convert(rec(f"={tag}  \\\\$agiấy$bbìa cứng"))
    where = f"<{target}T1> bf:note ?n . ?n a bf:Note ; bf:noteType '{note_type}' ; rdfs:label ?v"
    assert out.literals(where) == [("giấy ; bìa cứng", "vi")]


def test_characteristics_numeric_subfields_are_left_out():
    out = convert(rec(r"=340  \\$agiấy$0http://example.org/x$2rdamat"))
    assert out.values(f"<{INSTANCE}T1> bf:note/rdfs:label ?v") == ["giấy"]


def test_380_form_of_work_to_genre_form():
    out = convert(rec(r"=380  \\$aTiểu thuyết."))
    assert out.literals(f"<{WORK}T1> bf:genreForm ?g . ?g a bf:GenreForm ; rdfs:label ?v") == [("Tiểu thuyết", "vi")]


def test_385_audience_to_intended_audience():
    out = convert(rec(r"=385  \\$aThiếu nhi"))
    assert out.values(f"<{WORK}T1> bf:intendedAudience ?a . ?a a bf:IntendedAudience ; rdfs:label ?v") == ["Thiếu nhi"]


MORE_CHARACTERISTICS = [
    ("345", r"=345  \\$aCinemaScope", "projection characteristics"),
    ("346", r"=346  \\$aVHS$bNTSC", "video characteristics"),
    ("348", r"=348  \\$aScore", "notated music format"),
    ("381", r"=381  \\$aBản dịch lần thứ hai", "other distinguishing characteristics"),
    ("383", r"=383  \\$aOp. 27, no. 2", "numeric designation of musical work"),
    ("384", r"=384  \\$aC# minor", "key"),
    ("386", r"=386  \\$aNhà văn Việt Nam", "creator/contributor characteristics"),
]


@pytest.mark.parametrize("tag, field, note_type", MORE_CHARACTERISTICS, ids=[c[0] for c in MORE_CHARACTERISTICS])
def test_more_characteristics_are_typed_notes(tag, field, note_type):
    out = convert(f"=001  T1\n{field}\n=245  00$aX")
    label = field.split("$a", 1)[1].split("$", 1)[0]
    assert out.ask(f"?s bf:note ?n . ?n bf:noteType '{note_type}' ; rdfs:label ?l . FILTER(STRSTARTS(?l, '{label}'))")
