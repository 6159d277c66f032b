"""Identifiers, languages, geographic codes, classification: fields 010-094
(LC ConvSpec-010-048, ConvSpec-050-088; mappings/identifiers.csv and classification.csv)."""

import csv

import pytest
from kgtest import INSTANCE, ROOT, WORK, convert
from helpers import VIETNAMESE, convert_record, f008, read

BF = "http://id.loc.gov/ontologies/bibframe/"
ID = "http://id.loc.gov/vocabulary/"
IDENT = f"<{INSTANCE}T1> bf:identifiedBy ?i ."
CLASS = f"<{WORK}T1> bf:classification ?c ."


def _rows(name):
    with open(ROOT / "mappings" / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def rec(*lines):
    return "\n".join(["=001  T1", *lines, "=245  00$aX"])


def idents(out, cls):
    return out.values(IDENT + f" ?i a bf:{cls} ; rdf:value ?v")


# -- identifiers (mappings/identifiers.csv) -------------------------------------------------


@pytest.mark.parametrize("row", _rows("identifiers.csv"), ids=lambda r: f"{r['tag']}-{r['ind1']}")
def test_identifier_tag_and_first_indicator_give_the_class_of_the_table(row):
    ind1 = " " if row["ind1"] == "*" else row["ind1"]
    out = convert(rec(f"={row['tag']}  {ind1}\\$aN-0042"))
    target = INSTANCE if row["target"] == "Instance" else WORK
    assert out.values(f"<{target}T1> bf:identifiedBy ?i . ?i rdf:value 'N-0042' . ?i a ?v") == [BF + row["class"]]


def test_010_a_lccn_trimmed_and_z_cancelled():
    out = convert(rec(r"=010  \\$a  2001012345 $zsh 85012345"))
    assert out.values(IDENT + " ?i a bf:Lccn ; rdf:value ?v FILTER NOT EXISTS { ?i bf:status ?s }") == ["2001012345"]
    assert out.values(IDENT + " ?i a bf:Lccn ; rdf:value ?v ; bf:status <http://id.loc.gov/vocabulary/mstatus/cancinv>") == [
        "sh 85012345"
    ]


def test_020_a_isbn_with_q_qualifiers():
    out = convert(rec(r"=020  \\$a9780300035131$qpbk.$qv. 1"))
    assert idents(out, "Isbn") == ["9780300035131"]
    assert out.values(IDENT + " ?i bf:qualifier ?v") == ["pbk.", "v. 1"]


def test_020_parenthesised_qualifier_after_the_number_becomes_a_qualifier():
    out = convert(rec(r"=040  \\$aVNU$bvie", r"=020  \\$a9786040000001 (bìa mềm) :$c45000đ"))
    assert idents(out, "Isbn") == ["9786040000001"]
    assert out.literals(IDENT + " ?i bf:qualifier ?v") == [("bìa mềm", "vi")]


def test_020_z_cancelled_isbn_has_cancinv_status():
    out = convert(rec(r"=020  \\$a9780300035131$z9780300035132"))
    assert out.values(IDENT + f" ?i a bf:Isbn ; rdf:value ?v ; bf:status <{ID}mstatus/cancinv>") == ["9780300035132"]
    assert out.values(IDENT + " ?i a bf:Isbn ; rdf:value '9780300035131' ; bf:status ?v") == []


def test_020_c_price_to_acquisition_terms_in_the_cataloguing_language():
    # UEFL writes only a price in its 020
    out = convert(rec(r"=041  \\$avie", r"=020  \\$c54500VNĐ"))
    assert out.literals(f"<{INSTANCE}T1> bf:acquisitionTerms ?v") == [("54500VNĐ", "vi")]
    assert idents(out, "Isbn") == []


def test_022_issn_issn_l_and_cancelled():
    out = convert(rec(r"=022  0\$a0028-0836$l0028-0836$z0028-0837$y0028-0838"))
    assert out.values(IDENT + " ?i a bf:Issn ; rdf:value ?v FILTER NOT EXISTS { ?i bf:status ?s }") == ["0028-0836"]
    assert idents(out, "IssnL") == ["0028-0836"]
    assert out.values(IDENT + f" ?i a bf:Issn ; rdf:value ?v ; bf:status <{ID}mstatus/cancinv>") == [
        "0028-0837", "0028-0838"
    ]


@pytest.mark.parametrize("ind1, cls", [("0", "Isrc"), ("1", "Upc"), ("2", "Ismn"), ("3", "Ean"), ("4", "Sici"), ("8", "Identifier")])
def test_024_first_indicator_gives_identifier_class(ind1, cls):
    out = convert(rec(f"=024  {ind1}\\$a0123456789"))
    assert idents(out, cls) == ["0123456789"]


@pytest.mark.parametrize("source, cls", [("doi", "Doi"), ("DOI", "Doi"), ("hdl", "Hdl"), ("isni", "Isni"), ("urn", "Urn")])
def test_024_ind1_7_source_in_2_gives_identifier_class(source, cls):
    out = convert(rec(f"=024  7\\$a10.1000/182$2{source}"))
    assert idents(out, cls) == ["10.1000/182"]


def test_024_ind1_7_unknown_source_is_identifier_with_source_code():
    out = convert(rec(r"=024  7\$aQ12345$2wikidata"))
    assert idents(out, "Identifier") == ["Q12345"]
    assert out.values(IDENT + " ?i bf:source ?s . ?s a bf:Source ; bf:code ?v") == ["wikidata"]


def test_024_undefined_first_indicator_is_kept_untyped_and_reported():
    out = convert(rec(r"=024  9\$a0123456789"))
    assert idents(out, "Identifier") == ["0123456789"]
    assert [(p.tag, p.action) for p in out.problems] == [("024", "repaired")]


def test_028_publisher_number_with_b_source_as_assigner():
    out = convert(rec(r"=028  02$aSRC 1234$bSony Classical"))
    assert idents(out, "AudioIssueNumber") == ["SRC 1234"]
    assert out.values(IDENT + " ?i bf:assigner ?a . ?a a bf:Agent ; rdfs:label ?v") == ["Sony Classical"]


@pytest.mark.parametrize("value", ["(OCoLC)ocm12345678", "(OCoLC)ocn12345678", "(OCoLC)on12345678", "(OCoLC)12345678",
                                   "(OCoLC) 12345678"])
def test_035_oclc_prefix_gives_oclc_number_without_ocm(value):
    out = convert(rec(f"=035  \\\\$a{value}"))
    assert idents(out, "OclcNumber") == ["12345678"]
    assert idents(out, "Local") == []


def test_035_other_prefix_gives_local_with_assigner_code():
    out = convert(rec(r"=035  \\$a(VNU)12"))
    assert out.values(IDENT + " ?i a bf:Local ; rdf:value '12' ; bf:assigner ?o . ?o a bf:Organization ; bf:code ?v") == ["VNU"]
    assert idents(out, "OclcNumber") == []


def test_035_without_prefix_is_local_without_assigner():
    out = convert(rec(r"=035  \\$aVNU-000123"))
    assert idents(out, "Local") == ["VNU-000123"]
    assert not out.ask(IDENT + " ?i bf:assigner ?o")


def test_035_z_cancelled_oclc_number():
    out = convert(rec(r"=035  \\$z(OCoLC)ocm999"))
    assert out.values(IDENT + f" ?i a bf:OclcNumber ; rdf:value ?v ; bf:status <{ID}mstatus/cancinv>") == ["999"]


def test_identifier_subfield_with_only_punctuation_is_ignored():
    out = convert(rec(r"=020  \\$a :"))
    assert idents(out, "Isbn") == []


# -- 041 languages ----------------------------------------------------------------------------


def languages(out):
    return out.values(f"<{WORK}T1> bf:language ?v")


def test_041_a_and_d_to_work_languages():
    out = convert(rec(r"=041  1\$avie$aeng$dfre"))
    assert languages(out) == [ID + "languages/eng", ID + "languages/fre", ID + "languages/vie"]


def test_041_libol_capitalised_code():
    out = convert(rec(r"=041  \\$aVie"))
    assert languages(out) == [ID + "languages/vie"]
    assert out.problems == []


@pytest.mark.parametrize("value, codes", [("vieeng", ["eng", "vie"]), ("vieengfre", ["eng", "fre", "vie"]),
                                          ("VIEENG", ["eng", "vie"])])
def test_041_run_together_codes_are_split(value, codes):
    out = convert(rec(f"=041  0\\$a{value}"))
    assert languages(out) == [ID + "languages/" + c for c in codes]
    assert out.problems == []


def test_041_language_already_from_008_is_not_repeated_and_not_reported():
    out = convert(rec(f"=008  {f008()}", r"=041  0\$avie$aeng"))
    assert languages(out) == [ID + "languages/eng", ID + "languages/vie"]


def test_041_invalid_codes_are_dropped_and_reported():
    out = convert(rec(r"=041  \\$avie$azz$aViệt$dxyz"))
    assert languages(out) == [ID + "languages/vie"]
    assert sorted((p.tag, p.action, p.problem) for p in out.problems) == [
        ("041", "dropped", "$a 'Việt' is not a MARC language code"),
        ("041", "dropped", "$a 'zz' is not a MARC language code"),
        ("041", "dropped", "$d 'xyz' is not a MARC language code"),
    ]


def test_041_ind2_7_iso639_1_codes_are_mapped_to_marc_codes():
    out = convert(rec(r"=041  \7$avi$aen$2iso639-1"))
    assert languages(out) == [ID + "languages/eng", ID + "languages/vie"]


def test_041_h_original_language_is_a_note():
    out = convert(rec(r"=041  1\$avie$hchi"))
    where = f"<{WORK}T1> bf:note ?n . ?n a bf:Note ; bf:noteType 'original language' ; bf:language ?v"
    assert out.values(where) == [ID + "languages/chi"]
    assert languages(out) == [ID + "languages/vie"]


def test_041_gives_the_literals_their_language_when_008_has_none():
    out = convert(r"""
        =001  T1
        =041  \\$aVie
        =245  00$aVật lý học đại cương
    """)
    assert out.literals(f"<{INSTANCE}T1> bf:title/bf:mainTitle ?v") == [("Vật lý học đại cương", "vi")]


# -- 043, 044 ---------------------------------------------------------------------------------


def test_043_geographic_area_codes_without_trailing_hyphens():
    out = convert(rec(r"=043  \\$aa-vt---$an-us---"))
    assert out.values(f"<{WORK}T1> bf:geographicCoverage ?v") == [
        ID + "geographicAreas/a-vt", ID + "geographicAreas/n-us"
    ]


def test_044_country_codes_on_the_publication():
    out = convert(rec(r"=044  \\$avm$afr"))
    assert out.values(f"<{INSTANCE}T1> bf:provisionActivity ?p . ?p a bf:Publication ; bf:place ?v") == [
        ID + "countries/fr", ID + "countries/vm"
    ]


def test_044_libol_upper_case_iso_vn_is_marc_vm():
    out = convert(rec(r"=044  \\$aVN"))
    assert out.values(f"<{INSTANCE}T1> bf:provisionActivity/bf:place ?v") == [ID + "countries/vm"]
    assert out.problems == []


def test_044_same_country_as_008_is_not_repeated():
    out = convert(rec(f"=008  {f008()}", r"=044  \\$aVN$aUS"))
    assert out.values(f"<{INSTANCE}T1> bf:provisionActivity ?p . ?p bf:place ?v") == [
        ID + "countries/vm", ID + "countries/xxu"
    ]
    assert len(out.values(f"<{INSTANCE}T1> bf:provisionActivity ?v")) == 1


def test_044_unknown_country_is_dropped_and_reported():
    out = convert(rec(r"=044  \\$axx9"))
    assert not out.ask(f"<{INSTANCE}T1> bf:provisionActivity/bf:place ?p")
    assert [(p.tag, p.action) for p in out.problems] == [("044", "dropped")]


def test_real_libol_record_041_vie_and_044_vn():
    out = convert_record(read(VIETNAMESE / "vie_vnu_libol_10.iso", "TVL050000002"))
    work, instance = WORK + "TVL050000002", INSTANCE + "TVL050000002"
    assert out.values(f"<{work}> bf:language ?v") == [ID + "languages/vie"]
    assert out.values(f"<{instance}> bf:provisionActivity/bf:place ?v") == [ID + "countries/vm"]
    assert out.values(f"<{work}> bf:classification ?c . ?c bf:classificationPortion ?v") == ["22.3z73"]
    assert out.literals(f"<{instance}> bf:title/bf:mainTitle ?v") == [("Vật lý học đại cương", "vi")]


# -- classification (mappings/classification.csv) ---------------------------------------------


@pytest.mark.parametrize("row", _rows("classification.csv"), ids=lambda r: r["tag"])
def test_classification_tag_gives_class_and_scheme_of_the_table(row):
    out = convert(rec(f"={row['tag']}  \\\\$a123.45$2xyz"))
    assert out.values(CLASS + " ?c bf:classificationPortion '123.45' ; a ?v") == [BF + row["class"]]
    scheme = {"084": "xyz", "086": "xyz"}.get(row["tag"], row["scheme"])
    assert out.values(CLASS + " ?c bf:source ?v") == ([ID + "classSchemes/" + scheme] if scheme else [])


def test_050_portion_and_item_and_ind2_0_assigner_dlc():
    out = convert(rec(r"=050  00$aPL4378.9.N5$bT7 1983"))
    assert out.values(CLASS + " ?c a bf:ClassificationLcc ; bf:classificationPortion ?v") == ["PL4378.9.N5"]
    assert out.values(CLASS + " ?c bf:itemPortion ?v") == ["T7 1983"]
    assert out.values(CLASS + " ?c bf:assigner ?o . ?o a bf:Organization ; bf:code ?v") == ["DLC"]
    assert out.values(CLASS + " ?c bf:source ?v") == [ID + "classSchemes/lcc"]


def test_050_ind2_4_has_no_assigner():
    out = convert(rec(r"=050  \4$aPL4378"))
    assert not out.ask(CLASS + " ?c bf:assigner ?o")


def test_050_repeated_a_gives_one_classification_each_item_on_the_first():
    out = convert(rec(r"=050  00$aPL4378$aPL4379$bT7"))
    assert out.values(CLASS + " ?c bf:classificationPortion ?v") == ["PL4378", "PL4379"]
    assert out.values(CLASS + " ?c bf:itemPortion 'T7' ; bf:classificationPortion ?v") == ["PL4378"]


def test_082_edition_from_2_and_ind1_full():
    out = convert(rec(r"=082  04$a895.9221$223"))
    assert out.values(CLASS + " ?c a bf:ClassificationDdc ; bf:classificationPortion ?v") == ["895.9221"]
    assert out.values(CLASS + " ?c bf:edition ?v") == ["23", "full"]


def test_082_ind1_1_abridged():
    out = convert(rec(r"=082  14$a895.92$214"))
    assert out.values(CLASS + " ?c bf:edition ?v") == ["14", "abridged"]


def test_082_trailing_slash_and_b_item_number():
    out = convert(rec(r"=082  \\$a332.64071 $bGI-108T"))
    assert out.values(CLASS + " ?c bf:classificationPortion ?v") == ["332.64071"]
    assert out.values(CLASS + " ?c bf:itemPortion ?v") == ["GI-108T"]
    assert out.values(CLASS + " ?c bf:edition ?v") == []


def test_084_scheme_from_2():
    out = convert(rec(r"=084  \\$a87z73$2bbk"))
    assert out.values(CLASS + " ?c a bf:Classification ; bf:source ?v") == [ID + "classSchemes/bbk"]


def test_084_without_2_has_no_source():
    out = convert(rec(r"=084  \\$a87z73"))
    assert out.values(CLASS + " ?c bf:classificationPortion ?v") == ["87z73"]
    assert not out.ask(CLASS + " ?c bf:source ?s")


@pytest.mark.parametrize("ind1, scheme", [("0", "sudocs"), ("1", "cacodoc")])
def test_086_ind1_gives_scheme(ind1, scheme):
    out = convert(rec(f"=086  {ind1}\\$aA 13.28"))
    assert out.values(CLASS + " ?c bf:source ?v") == [ID + "classSchemes/" + scheme]


def test_086_blank_ind1_scheme_from_2():
    out = convert(rec(r"=086  \\$aHE 20.6209$2CaOONL"))
    assert out.values(CLASS + " ?c bf:source ?v") == [ID + "classSchemes/caoonl"]


def test_094_libol_bbk():
    out = convert(rec(r"=094  1\$a22.3z73"))
    assert out.values(CLASS + " ?c a bf:Classification ; bf:classificationPortion ?v") == ["22.3z73"]
    assert out.values(CLASS + " ?c bf:source ?v") == [ID + "classSchemes/bbk"]
