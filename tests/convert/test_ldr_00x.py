"""Leader and control fields 001-008 (LC ConvSpec-LDR, ConvSpec-rdfType, ConvSpec-001-007,
ConvSpec-006-008): Work classes and issuance, administrative metadata, Instance subclasses,
the 008 date, country, language, audience and genre."""

import csv

import pytest
from kgtest import BASE, INSTANCE, ROOT, WORK, convert
from helpers import f008, ldr

BF = "http://id.loc.gov/ontologies/bibframe/"
ID = "http://id.loc.gov/vocabulary/"
LIBRARY = BASE + "library/TEST"
ADMIN = f"<{INSTANCE}T1> bf:adminMetadata ?a ."


def _rows(name):
    with open(ROOT / "mappings" / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def record(leader=None, *lines):
    head = [f"=LDR  {leader or ldr()}", "=001  T1"]
    return "\n".join(head + list(lines) + [r"=245  00$aA title"])


# -- leader/06-07: classes and issuance (ConvSpec-rdfType) ----------------------------------


@pytest.mark.parametrize("row", _rows("record_types.csv"), ids=lambda r: "ldr06-" + r["leader06"])
def test_leader_06_gives_work_class_manuscript_and_default_content(row):
    out = convert(record(ldr(type_=row["leader06"])))
    classes = out.values(f"<{WORK}T1> a ?v")
    assert BF + row["work_class"] in classes
    assert out.ask(f"<{INSTANCE}T1> a bf:Manuscript") is (row["manuscript"] == "yes")
    assert out.values(f"<{WORK}T1> bf:content ?v") == [ID + "contentTypes/" + row["content_code"]]


@pytest.mark.parametrize("row", _rows("issuance.csv"), ids=lambda r: "ldr07-" + r["leader07"])
def test_leader_07_gives_work_class_and_instance_issuance(row):
    out = convert(record(ldr(level=row["leader07"])))
    assert BF + row["work_class"] in out.values(f"<{WORK}T1> a ?v")
    assert out.values(f"<{INSTANCE}T1> bf:issuance ?v") == [ID + "issuance/" + row["issuance_code"]]


def test_language_material_monograph_is_text_and_monograph_only():
    out = convert(record())
    assert out.values(f"<{WORK}T1> a ?v") == sorted([BF + "Work", BF + "Text", BF + "Monograph"])
    assert out.values(f"<{INSTANCE}T1> bf:instanceOf ?v") == [WORK + "T1"]
    assert out.values(f"<{WORK}T1> bf:hasInstance ?v") == [INSTANCE + "T1"]


def test_leader_06_t_is_manuscript_text():
    out = convert(record(ldr(type_="t")))
    assert out.ask(f"<{WORK}T1> a bf:Text") and out.ask(f"<{INSTANCE}T1> a bf:Manuscript")
    assert not out.ask(f"<{INSTANCE}T1> a bf:Print")


def test_unknown_leader_07_gives_no_issuance():
    out = convert(record(ldr(level="u")))
    assert out.values(f"<{INSTANCE}T1> bf:issuance ?v") == []


# -- administrative metadata -----------------------------------------------------------------


def test_admin_metadata_shared_by_work_and_instance_with_library_as_assigner():
    out = convert(record())
    assert out.values(ADMIN + " ?a a ?v") == [BF + "AdminMetadata"]
    assert out.values(ADMIN + " ?a bf:assigner ?v") == [LIBRARY]
    assert out.ask(f"<{WORK}T1> bf:adminMetadata ?a . <{INSTANCE}T1> bf:adminMetadata ?a")


@pytest.mark.parametrize("leader05, status", [("a", "c"), ("c", "c"), ("d", "d"), ("n", "n"), ("p", "p")])
def test_leader_05_record_status(leader05, status):
    out = convert(record(ldr(status=leader05)))
    assert out.values(ADMIN + " ?a bf:status ?v") == [ID + "mstatus/" + status]


@pytest.mark.parametrize("leader17, level", [(" ", "f"), ("1", "1"), ("2", "7"), ("3", "3"), ("7", "7"), ("8", "8")])
def test_leader_17_encoding_level(leader17, level):
    out = convert(record(ldr(encoding=leader17)))
    assert out.values(ADMIN + " ?a bflc:encodingLevel ?v") == [ID + "menclvl/" + level]


def test_leader_17_unknown_gives_no_encoding_level():
    assert convert(record(ldr(encoding="u"))).values(ADMIN + " ?a bflc:encodingLevel ?v") == []


@pytest.mark.parametrize("leader18, conventions", [("a", ["aacr"]), ("i", ["isbd"]), ("c", ["isbd"]), (" ", []), ("u", [])])
def test_leader_18_description_conventions(leader18, conventions):
    out = convert(record(ldr(form=leader18)))
    assert out.values(ADMIN + " ?a bf:descriptionConventions ?v") == [ID + "descriptionConventions/" + c for c in conventions]


def test_040_e_rda_adds_description_conventions():
    out = convert(record(ldr(form="i"), r"=040  \\$aVNU$bvie$erda"))
    assert out.values(ADMIN + " ?a bf:descriptionConventions ?v") == [
        ID + "descriptionConventions/isbd", ID + "descriptionConventions/rda"
    ]


def test_001_is_local_identifier_with_003_as_assigner():
    out = convert(record(None, "=003  VNU"))
    where = ADMIN + " ?a bf:identifiedBy ?i . ?i a bf:Local ; rdf:value ?v"
    assert out.values(where) == ["T1"]
    assert out.values(ADMIN + " ?a bf:identifiedBy ?i . ?i bf:assigner ?o . ?o a bf:Organization ; bf:code ?v") == ["VNU"]


def test_001_without_003_has_no_assigner():
    out = convert(record())
    assert out.values(ADMIN + " ?a bf:identifiedBy/rdf:value ?v") == ["T1"]
    assert not out.ask(ADMIN + " ?a bf:identifiedBy/bf:assigner ?o")


def test_001_with_spaces_is_trimmed_for_iri_and_identifier():
    out = convert("=001  \\T7\\\n=245  00$aX")
    assert out.values(f"<{INSTANCE}T7> bf:adminMetadata/bf:identifiedBy/rdf:value ?v") == ["T7"]


def test_005_to_change_date_as_xsd_datetime():
    out = convert(record(None, "=005  20250315090100.0"))
    assert out.ask(ADMIN + " ?a bf:changeDate '2025-03-15T09:01:00'^^xsd:dateTime")


def test_005_date_only_is_accepted_as_midnight():
    # Koha writes "20121203" followed by blanks
    out = convert(record(None, r"=005  20121203\\\\\\\\"))
    assert out.ask(ADMIN + " ?a bf:changeDate '2012-12-03T00:00:00'^^xsd:dateTime")
    assert not [p for p in out.problems if p.tag == "005"]


def test_005_not_a_timestamp_is_dropped_and_reported():
    out = convert(record(None, "=005  20251399250000.0"))
    assert out.values(ADMIN + " ?a bf:changeDate ?v") == []
    assert [(p.tag, p.action) for p in out.problems] == [("005", "dropped")]


@pytest.mark.parametrize("entered, date", [("250315", "2025-03-15"), ("991231", "1999-12-31"), ("491231", "2049-12-31")])
def test_008_00_05_to_creation_date_with_century_window(entered, date):
    out = convert(record(None, f"=008  {f008(entered=entered)}"))
    assert out.ask(ADMIN + f" ?a bf:creationDate '{date}'^^xsd:date")


def test_008_00_05_not_a_date_gives_no_creation_date():
    out = convert(record(None, f"=008  {f008(entered='251399')}"))
    assert out.values(ADMIN + " ?a bf:creationDate ?v") == []


def test_040_b_to_description_language():
    out = convert(record(None, r"=040  \\$aVNU$bvie"))
    assert out.values(ADMIN + " ?a bf:descriptionLanguage ?v") == [ID + "languages/vie"]


def test_040_b_capitalised_is_accepted():
    out = convert(record(None, r"=040  \\$aVNU$bEng"))
    assert out.values(ADMIN + " ?a bf:descriptionLanguage ?v") == [ID + "languages/eng"]


def test_040_a_to_admin_metadata_source_code():
    out = convert(record(None, r"=040  \\$aVNU$bvie"))
    assert out.values(ADMIN + " ?a bf:source ?s . ?s a bf:Source ; bf:code ?v") == ["VNU"]


def test_record_without_001_gets_content_hash_iri_and_a_problem():
    out = convert(f"=008  {f008()}\n=245  00$aKhông có số")
    instances = out.values("?v a bf:Instance")
    assert len(instances) == 1
    assert instances[0].startswith(INSTANCE + "x-")
    assert len(instances[0]) == len(INSTANCE + "x-") + 16
    assert out.values("?v a bf:Work") == [instances[0].replace("/instance/", "/work/")]
    assert [(p.tag, p.action) for p in out.problems] == [("001", "repaired")]
    assert instances[0][len(INSTANCE):] in out.problems[0].problem


def test_record_without_001_gets_the_same_iri_each_time_and_another_for_other_content():
    text = "=245  00$aKhông có số"
    first = convert(text).values("?v a bf:Instance")
    assert convert(text).values("?v a bf:Instance") == first
    assert convert("=245  00$aMột sách khác").values("?v a bf:Instance") != first


# -- 007 and 008 form of item: Instance subclasses ----------------------------------------------


@pytest.mark.parametrize("f007, cls", [("cr\\|||||||||||", "Electronic"), ("he\\bmb024baca", "Microform"),
                                       ("ta", "Print"), ("fb\\a\\bnnnu", "Tactile")])
def test_007_00_category_gives_instance_class(f007, cls):
    out = convert(record(None, f"=007  {f007}"))
    assert BF + cls in out.values(f"<{INSTANCE}T1> a ?v")


@pytest.mark.parametrize("form, cls", [("o", "Electronic"), ("s", "Electronic"), ("q", "Electronic"),
                                       ("a", "Microform"), ("b", "Microform"), ("c", "Microform"),
                                       ("f", "Tactile"), ("r", "Print"), (" ", "Print")])
def test_008_23_form_of_item_for_books(form, cls):
    out = convert(record(None, f"=008  {f008(at={23: form})}"))
    assert out.values(f"<{INSTANCE}T1> a ?v") == sorted([BF + "Instance", BF + cls])


def test_008_form_of_item_for_maps_is_read_at_29_not_23():
    out = convert(record(ldr(type_="e"), f"=008  {f008(at={23: 'a', 29: 'o'})}"))
    assert out.ask(f"<{INSTANCE}T1> a bf:Electronic")
    assert not out.ask(f"<{INSTANCE}T1> a bf:Microform")


def test_008_blank_form_of_item_is_print_only_for_text_and_music():
    out = convert(record(ldr(type_="k"), f"=008  {f008()}"))
    assert not out.ask(f"<{INSTANCE}T1> a bf:Print")


def test_006_00_m_makes_the_instance_electronic():
    out = convert(record(None, r"=006  m\\\\\o\\d\\||||||"))
    assert out.ask(f"<{INSTANCE}T1> a bf:Electronic")


# -- 008 dates (ConvSpec-006-008 /06-14, Process 8) ------------------------------------------

EDTF = "http://id.loc.gov/datatypes/edtf"


def _publication_date(out):
    return out.literals(f"<{INSTANCE}T1> bf:provisionActivity ?p . ?p a bf:Publication ; bf:date ?v")


@pytest.mark.parametrize("kind, d1, d2, edtf", [
    ("s", "2016", "    ", "2016"),
    ("s", "19uu", "    ", "19XX"),
    ("s", "199u", "    ", "199X"),
    ("m", "1990", "1995", "1990/1995"),
    ("m", "1990", "1990", "1990"),
    ("m", "18uu", "1905", "18XX/1905"),
    ("q", "1950", "1959", "1950~/1959~"),
    ("q", "195u", "    ", "195X~"),
    ("c", "1990", "9999", "1990/.."),
    ("d", "1990", "2005", "1990/2005"),
    ("d", "195u", "196u", "195X/196X"),
    ("u", "1990", "9999", "1990/.."),
    ("t", "2015", "2014", "2015"),
])
def test_008_06_14_date_types_to_edtf(kind, d1, d2, edtf):
    out = convert(record(None, f"=008  {f008(date_type=kind, date1=d1, date2=d2)}"))
    assert _publication_date(out) == [(edtf, None)]
    assert out.ask(f"<{INSTANCE}T1> bf:provisionActivity/bf:date ?d FILTER(datatype(?d) = <{EDTF}>)")


@pytest.mark.parametrize("kind, d1", [("s", "uuuu"), ("n", "    "), ("s", "||||"), ("s", "20l6")])
def test_008_unknown_or_unreadable_date_gives_no_date(kind, d1):
    out = convert(record(None, f"=008  {f008(date_type=kind, date1=d1)}"))
    assert _publication_date(out) == []


def test_008_date_goes_on_the_264_publication_not_a_second_one():
    out = convert(record(None, f"=008  {f008(date1='2016')}", r"=264  \1$aHà Nội :$bVăn học,$c2016."))
    assert len(out.values(f"<{INSTANCE}T1> bf:provisionActivity ?v")) == 1
    assert _publication_date(out) == [("2016", None)]


def test_008_15_17_country_on_the_publication():
    out = convert(record(None, f"=008  {f008(country='vm ')}"))
    assert out.values(f"<{INSTANCE}T1> bf:provisionActivity ?p . ?p a bf:Publication ; bf:place ?v") == [
        ID + "countries/vm"
    ]


def test_008_15_17_unknown_country_is_dropped_and_reported():
    out = convert(record(None, f"=008  {f008(country='zz9')}"))
    assert not out.ask(f"<{INSTANCE}T1> bf:provisionActivity/bf:place ?p")
    assert [(p.tag, p.action) for p in out.problems] == [("008", "dropped")]


def test_008_35_37_language_to_work_language():
    out = convert(record(None, f"=008  {f008(lang='eng')}"))
    assert out.values(f"<{WORK}T1> bf:language ?v") == [ID + "languages/eng"]


def test_008_shorter_than_40_is_padded_and_reported():
    out = convert(record(None, "=008  250315s2016\\\\\\\\vm\\"))
    assert _publication_date(out) == [("2016", None)]
    assert [(p.tag, p.action) for p in out.problems] == [("008", "repaired")]


# -- 008 audience, nature of contents, literary form (mappings/fixed_008.csv) -------------------


@pytest.mark.parametrize("value, code", [("j", "juv"), ("e", "adu"), ("a", "pre"), ("g", "gen")])
def test_008_22_target_audience_to_maudience(value, code):
    out = convert(record(None, f"=008  {f008(at={22: value})}"))
    assert out.values(f"<{WORK}T1> bf:intendedAudience ?v") == [ID + "maudience/" + code]


def test_008_24_27_nature_of_contents_each_position_to_marcgt():
    out = convert(record(None, f"=008  {f008(at={24: 'bdm'})}"))
    assert out.values(f"<{WORK}T1> bf:genreForm ?v") == [ID + "marcgt/bib", ID + "marcgt/dic", ID + "marcgt/the"]


@pytest.mark.parametrize("value, code", [("1", "fic"), ("f", "nov"), ("p", "poe"), ("j", "sho"), ("d", "dra")])
def test_008_33_literary_form_to_marcgt(value, code):
    out = convert(record(None, f"=008  {f008(at={33: value})}"))
    assert out.values(f"<{WORK}T1> bf:genreForm ?v") == [ID + "marcgt/" + code]


def test_008_33_0_not_fiction_gives_no_genre():
    assert convert(record(None, f"=008  {f008(at={33: '0'})}")).values(f"<{WORK}T1> bf:genreForm ?v") == []


def test_008_29_conference_30_festschrift_34_biography():
    out = convert(record(None, f"=008  {f008(at={29: '1', 30: '1', 34: 'b'})}"))
    assert out.values(f"<{WORK}T1> bf:genreForm ?v") == [ID + "marcgt/bio", ID + "marcgt/cpb", ID + "marcgt/fes"]


def test_008_book_positions_are_not_read_for_other_material():
    # 008/33 of a map is "special format characteristics", not literary form
    out = convert(record(ldr(type_="e"), f"=008  {f008(at={33: 'p', 22: 'j'})}"))
    assert out.values(f"<{WORK}T1> bf:genreForm ?v") == []
    assert out.values(f"<{WORK}T1> bf:intendedAudience ?v") == []


def test_008_22_audience_for_music():
    out = convert(record(ldr(type_="j"), f"=008  {f008(at={22: 'j'})}"))
    assert out.values(f"<{WORK}T1> bf:intendedAudience ?v") == [ID + "maudience/juv"]


def test_008_nature_of_contents_value_repeated_gives_one_genre():
    out = convert(record(None, f"=008  {f008(at={24: 'bb'})}"))
    assert out.values(f"<{WORK}T1> bf:genreForm ?v") == [ID + "marcgt/bib"]
