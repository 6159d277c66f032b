"""Authority records (leader/06 = z) -> MADS/RDF + BIBFRAME entities (kg/convert/authority.py,
kg/convert/auth_fields.py; mappings/authority_tags.csv, authority_relations.csv,
authority_attributes.csv, identifier_sources.csv).

The key property comes first: an authority establishes the very IRI a bibliographic heading of
the same form gets in the same library, so headings and authorities meet without a lookup table.
Real records come from ``../shared/data/marc/authority`` (LC NAF/LCSH/LCGFT, NLM MeSH, a Libol
text export, IISH's Evergreen export); small records are written in MarcEdit mnemonic form.
"""

import pyoxigraph
import pytest
from kgtest import BASE, MARC, ROOT, Output, convert, mrk
from helpers import describe, rdf_list

from kg.batch import Options, minter_for, prepare, run
from kg.convert import Minter, NotAnAuthority, convert_record, record_id
from kg.convert.authority import RID_PREFIX, convert_authority
from kg.marc.source import chunks

BF = "http://id.loc.gov/ontologies/bibframe/"
MADS = "http://www.loc.gov/mads/rdf/v1#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
EDTF = "http://id.loc.gov/datatypes/edtf"
LCSH = "http://id.loc.gov/authorities/subjects"
SCHEMES = "http://id.loc.gov/vocabulary/subjectSchemes/"
LANGUAGES = "http://id.loc.gov/vocabulary/languages/"
MSTATUS = "http://id.loc.gov/vocabulary/mstatus/"

AUTHORITY = MARC / "authority"
LC = AUTHORITY / "eg_auth_lc.xml"
MESH = AUTHORITY / "eg_auth_mesh.xml"
LIBOL = AUTHORITY / "vie_libol_authority_text.txt"
IISH = AUTHORITY / "eg_auth-1066.mrc"
IISH_SUBSET = AUTHORITY / "eg_auth-subset100.mrc"
DEMO_AUTHORITIES = sorted((ROOT / "kg" / "demo" / "data").glob("*authorit*"))
LIB = "NLV"


# -- builders ----------------------------------------------------------------------------------


def a008(kind: str = "a", thesaurus: str = "n", entered: str = "250315") -> str:
    """An authority 008 (40 characters, mnemonic blanks): /09 kind of record, /11 thesaurus."""
    chars = [" "] * 40
    chars[0:6] = entered
    chars[6:12] = ["n", "|", " ", kind, "c", thesaurus]
    chars[12:18] = "nnaabn"
    chars[28:34] = " a aa "
    assert len(chars) == 40, chars
    return "".join(chars).replace(" ", "\\")


def authority(*fields: str, number: str = "A1", kind: str = "a", thesaurus: str = "n",
              f040: str = r"=040  \\$aNLV$bvie$cNLV"):
    """An authority record (leader/06 = z) from mnemonic lines."""
    lines = [r"=LDR  00000nz\\a2200000n\\4500", f"=001  {number}", f"=008  {a008(kind, thesaurus)}"]
    lines += [f040] if f040 else []
    return mrk("\n".join(lines + list(fields)))


def auth(*fields: str, library: str = LIB, **kw) -> Output:
    return Output(convert_authority(authority(*fields, **kw), Minter(BASE, library)))


def bib(*fields: str, library: str = LIB) -> Output:
    """A bibliographic record (001 B1) carrying the given headings."""
    return convert("\n".join(["=001  B1", r"=245  00$aX", *fields]), library)


def work(library: str = LIB) -> str:
    return f"<{BASE}work/{library}/B1>"


def agents_of(out: Output, library: str = LIB) -> list[str]:
    return out.values(f"{work(library)} bf:contribution/bf:agent ?v")


def subjects_of(out: Output, library: str = LIB) -> list[str]:
    return out.values(f"{work(library)} bf:subject ?v")


def hubs_of(out: Output, library: str = LIB) -> list[str]:
    """The hubs a record points at, directly (130, 600 $t, 700 ind2 2) or through a bf:Relation."""
    return out.values(f"?s ?p ?v . FILTER(STRSTARTS(STR(?v), '{BASE}work/{library}/hub/'))")


def established(out: Output) -> str:
    """The one entity the authority record establishes."""
    (node,) = out.values("?v a madsrdf:Authority")
    return node


def prepared(path):
    """The records of a real file as ``kg convert`` reads them (read, classified)."""
    return [prepare(chunk) for chunk in chunks(str(path))]


def converted(path, library: str = LIB) -> list[tuple[object, Output]]:
    """(prepared record, output) for every record of a real file that establishes a heading."""
    minter = minter_for(BASE, library)
    out = []
    for p in prepared(path):
        if p.record is None or p.kind != "authority":
            continue
        try:
            out.append((p, Output(convert_record(p.kind, p.record, minter))))
        except NotAnAuthority:
            continue
    return out


def real(path, control_number: str, library: str = LIB) -> Output:
    for p, out in converted(path, library):
        if p.record.control_number == control_number:
            return out
    raise LookupError(f"{control_number} not in {path}")


# -- 1. which IRI: the heading's, as a bibliographic record of the library mints it ------------


NGUYEN_DU = r"=100  0\$aNguyễn Du,$d1765-1820."


@pytest.mark.parametrize("bib_field, where", [
    (r"=100  0\$aNguyễn Du,$d1765-1820.", agents_of),
    (r"=700  0\$aNguyễn Du,$d1765-1820.", agents_of),
    (r"=600  00$aNguyễn Du,$d1765-1820.", subjects_of),
    (r"=600  04$aNguyễn Du,$d1765-1820.", subjects_of),
])
def test_100_heading_is_the_iri_a_bibliographic_100_600_700_with_the_same_name_gets(bib_field, where):
    """An authority 100 mints its entity exactly as a bibliographic 100/600/700 with the same
    name subfields (a 600's thesaurus does not matter for a name)."""
    assert where(bib(bib_field)) == [established(auth(NGUYEN_DU))]


@pytest.mark.parametrize("authority_field, bib_field", [
    (r"=100  0\$aNguyễn Du$d1765-1820", r"=100  0\$aNguyễn Du,$d1765-1820."),
    (r"=100  0\$aNguyễn Du,$d1765-1820.", r"=700  0\$aNguyễn Du$d1765-1820"),
])
def test_100_heading_matches_a_libol_heading_typed_without_punctuation(authority_field, bib_field):
    """Libol exports drop the ISBD punctuation between subfields: ``$aNguyễn Du$d1765-1820`` and
    ``$aNguyễn Du,$d1765-1820.`` are one agent, either way round."""
    assert agents_of(bib(bib_field)) == [established(auth(authority_field))]


def test_100_heading_of_another_library_is_another_agent():
    """IRIs are scoped to the library: the same 100 in VNU's authority file is not NLV's agent
    (a later linking step decides that)."""
    nlv, vnu = established(auth(NGUYEN_DU)), established(auth(NGUYEN_DU, library="VNU"))
    assert nlv != vnu
    assert vnu.startswith(f"{BASE}agent/VNU/")
    assert agents_of(bib(NGUYEN_DU, library="VNU"), "VNU") == [vnu]


def test_400_variant_is_the_iri_a_heading_typed_that_way_gets():
    """A record whose heading is typed as the 400 variant points at the variant node: ``kg link``
    can then follow madsrdf:hasVariant back to the authority."""
    out = auth(NGUYEN_DU, r"=400  0\$aTố Như,$d1765-1820")
    variants = out.values(f"<{established(out)}> madsrdf:hasVariant ?v")
    assert variants == agents_of(bib(r"=100  0\$aTố Như,$d1765-1820."))
    assert variants == subjects_of(bib(r"=600  00$aTố Như$d1765-1820"))


def test_400_name_title_variant_is_the_hub_a_700_typed_that_way_gets():
    """LC n82011242 (Shakespeare. Macbeth): the 400 $a $d $t variants are the hubs of headings
    typed that way."""
    out = real(LC, "n82011242")
    variants = out.values(f"<{established(out)}> madsrdf:hasVariant ?v")
    assert len(variants) == 9
    hub = hubs_of(bib(r"=700  12$aShakespeare, William,$d1564-1616.$tTragedy of Macbeth."))
    assert hub[0] in variants


@pytest.mark.parametrize("thesaurus, bib_field", [
    ("a", r"=650  \0$aPhilosophy, Chinese."),
    ("c", r"=650  \2$aPhilosophy, Chinese."),
])
def test_150_concept_has_the_iri_of_a_650_of_its_008_11_thesaurus(thesaurus, bib_field):
    """The thesaurus (008/11 a LCSH = 650 ind2 0, c MeSH = ind2 2) is part of a concept's
    identity exactly as ind2 is for a 650."""
    assert subjects_of(bib(bib_field)) == [established(auth(r"=150  \\$aPhilosophy, Chinese", thesaurus=thesaurus))]


def test_150_of_lcsh_and_mesh_are_different_concepts():
    """008/11 a and c: the same term in two thesauri is two concepts; neither is the 650 ind2 4."""
    lcsh = established(auth(r"=150  \\$aPhilosophy", thesaurus="a"))
    mesh = established(auth(r"=150  \\$aPhilosophy", thesaurus="c"))
    uncontrolled = subjects_of(bib(r"=650  \4$aPhilosophy"))
    assert len({lcsh, mesh, *uncontrolled}) == 3


def test_150_with_008_11_z_takes_its_thesaurus_from_040_f_like_a_650_ind2_7_2():
    """008/11 z: 040 $f names the thesaurus, as $2 does for a 650 ind2 7."""
    out = auth(r"=150  \\$aVăn học Việt Nam", thesaurus="z", f040=r"=040  \\$aVNU$bvie$cVNU$fBVTT")
    node = established(out)
    assert subjects_of(bib(r"=650  \7$aVăn học Việt Nam.$2bvtt")) == [node]
    assert out.values(f"<{node}> madsrdf:isMemberOfMADSScheme ?v") == [SCHEMES + "bvtt"]
    assert subjects_of(bib(r"=650  \7$aVăn học Việt Nam$2lcsh")) != [node]


def test_150_in_real_lcsh_and_mesh_records_is_the_650_concept():
    """LC sh85100886 (008/11 a) = 650 ind2 0; NLM D000136 (008/11 c) = 650 ind2 2; NLM
    D000136Q000187 (150 $a $x) = the complex 650 ind2 2 with the same subdivision."""
    assert subjects_of(bib(r"=650  \0$aPhilosophy, Chinese.")) == [established(real(LC, "sh85100886"))]
    assert subjects_of(bib(r"=650  \2$aAcid-Base Equilibrium.")) == [established(real(MESH, "D000136"))]
    assert subjects_of(bib(r"=650  \2$aAcid-Base Equilibrium$xdrug effects.")) == [
        established(real(MESH, "D000136Q000187"))]


def test_450_variant_is_the_concept_a_650_typed_that_way_gets():
    """MeSH D000136's 450 "Anion Gap" is the concept a 650 ind2 2 "Anion Gap" names."""
    out = real(MESH, "D000136")
    (node,) = subjects_of(bib(r"=650  \2$aAnion Gap."))
    assert node in out.values(f"<{established(out)}> madsrdf:hasVariant ?v")


def test_151_lcsh_place_is_the_651_ind2_0_place():
    """LC sh85082617 (151 Denali, Mount (Alaska))."""
    assert subjects_of(bib(r"=651  \0$aDenali, Mount (Alaska)")) == [established(real(LC, "sh85082617"))]


def test_155_lcgft_genre_is_the_655_7_lcgft_genre():
    """LC gf2014026362 (155 Graphic novels; 008/11 z, 040 $f lcgft) is the genre a 655 ind2 7
    $2 lcgft names."""
    out = bib(r"=655  \7$aGraphic novels.$2lcgft")
    assert out.values(f"{work()} bf:genreForm ?v") == [established(real(LC, "gf2014026362"))]


@pytest.mark.parametrize("bib_field", [
    r"=700  12$aShakespeare, William,$d1564-1616.$tMacbeth.",
    r"=700  1\$aShakespeare, William,$d1564-1616.$tMacbeth.",
    r"=600  10$aShakespeare, William,$d1564-1616.$tMacbeth.",
])
def test_100_t_name_title_authority_is_the_hub_of_a_700_or_600_with_the_same_subfields(bib_field):
    """LC n82011242: 100 $a $d $t establishes the hub a 700/600 $a $d $t gets."""
    assert hubs_of(bib(bib_field)) == [established(real(LC, "n82011242"))]


def test_130_uniform_title_authority_is_the_hub_of_a_bibliographic_130():
    """LC no2006000014 (130 Harry Potter and the goblet of fire (Motion picture))."""
    out = bib(r"=130  0\$aHarry Potter and the goblet of fire (Motion picture)")
    assert hubs_of(out) == [established(real(LC, "no2006000014"))]


def test_5xx_target_is_the_authority_its_own_record_establishes():
    """LC sh96001809 550 $w g "Philosophy, Ancient" is sh85100861; gf2014026362 555 $w g
    "Comics (Graphic works)" is gf2014026266: a see-also is a link to that authority."""
    epicureans = real(LC, "sh96001809")
    assert epicureans.values(f"<{established(epicureans)}> madsrdf:hasBroaderAuthority ?v") == [
        established(real(LC, "sh85100861"))]
    novels = real(LC, "gf2014026362")
    assert novels.values(f"<{established(novels)}> madsrdf:hasBroaderAuthority ?v") == [
        established(real(LC, "gf2014026266"))]


def test_libol_400_and_500_name_the_authorities_of_other_records():
    """Libol records 10 and 11: Hồ Chí Minh's authority is the 100 a bibliographic record types
    "Hồ Chí Minh,$d1890-1969" gets, and the 400 of Nguyễn Tất Thành's record is that IRI too."""
    records = converted(LIBOL)
    ho, thanh = records[9][1], records[10][1]
    node = established(ho)
    assert agents_of(bib(r"=100  1\$aHồ Chí Minh,$d1890-1969.")) == [node]
    assert thanh.values(f"<{established(thanh)}> madsrdf:hasVariant ?v") == [node]


# -- 2. classes and labels -----------------------------------------------------------------


@pytest.mark.parametrize("field, classes, label", [
    (r"=100  1\$aNguyễn, Du,$d1765-1820.", ["Person", "PersonalName"], "Nguyễn, Du, 1765-1820"),
    (r"=100  3\$aNguyễn (Dòng họ)", ["Family", "FamilyName"], "Nguyễn (Dòng họ)"),
    (r"=110  2\$aĐại học Quốc gia Hà Nội.", ["Organization", "CorporateName"], "Đại học Quốc gia Hà Nội"),
    (r"=110  1\$aViệt Nam.$bQuốc hội.", ["Jurisdiction", "CorporateName"], "Việt Nam. Quốc hội"),
    (r"=111  2\$aHội nghị Diên Hồng$d(1284)", ["Meeting", "ConferenceName"], "Hội nghị Diên Hồng (1284)"),
    (r"=130  \0$aTruyện Kiều.", ["Hub", "Work", "Title"], "Truyện Kiều"),
    (r"=147  \\$aHội nghị Paris$d(1973)", ["Event", "Title"], "Hội nghị Paris (1973)"),
    (r"=148  \\$aThế kỷ 20", ["Temporal", "Temporal"], "Thế kỷ 20"),
    (r"=150  \\$aVăn học", ["Topic", "Topic"], "Văn học"),
    (r"=151  \\$aHà Nội (Việt Nam)", ["Place", "Geographic"], "Hà Nội (Việt Nam)"),
    (r"=155  \\$aTiểu thuyết", ["GenreForm", "GenreForm"], "Tiểu thuyết"),
])
def test_1xx_heading_classes_and_labels(field, classes, label):
    """100 (ind1 3 Family), 110 (ind1 1 Jurisdiction), 111, 130, 147, 148, 150, 151, 155: the
    BIBFRAME class, the MADS/RDF class and madsrdf:Authority; rdfs:label = authoritativeLabel."""
    out = auth(field)
    node = established(out)
    bf_class, mads_class = classes[0], classes[-1]
    expected = {BF + bf_class, MADS + mads_class, MADS + "Authority"} | ({BF + "Work"} if bf_class == "Hub" else set())
    assert set(out.values(f"<{node}> a ?v")) == expected
    assert out.values(f"<{node}> madsrdf:authoritativeLabel ?v") == [label]
    assert out.values(f"<{node}> rdfs:label ?v") == [label]


def test_100_real_lc_name_is_person_personal_name_and_authority():
    """LC n78095332 (100 1 Shakespeare, William, 1564-1616)."""
    out = real(LC, "n78095332")
    node = established(out)
    assert node.startswith(f"{BASE}agent/{LIB}/shakespeare-william-1564-1616-")
    assert out.values(f"<{node}> a ?v") == [BF + "Person", MADS + "Authority", MADS + "PersonalName"]
    assert out.values(f"<{node}> madsrdf:authoritativeLabel ?v") == ["Shakespeare, William, 1564-1616"]


def test_100_t_is_a_name_title_hub_by_its_agent():
    """LC n82011242: bf:Hub + madsrdf:NameTitle, titled, with a primary contribution by the
    agent the 100's name part is (the Shakespeare of n78095332)."""
    out = real(LC, "n82011242")
    hub = established(out)
    assert out.values(f"<{hub}> a ?v") == [BF + "Hub", BF + "Work", MADS + "Authority", MADS + "NameTitle"]
    assert out.values(f"<{hub}> madsrdf:authoritativeLabel ?v") == ["Shakespeare, William, 1564-1616. Macbeth"]
    assert out.values(f"<{hub}> bf:title/bf:mainTitle ?v") == ["Macbeth"]
    assert out.values(f"<{hub}> bf:contribution ?c . ?c a bf:PrimaryContribution ; bf:agent ?v") == [
        established(real(LC, "n78095332"))]


def test_150_with_x_is_a_complex_subject_with_a_typed_component_list():
    """MeSH D000136Q000187 (150 $a Acid-Base Equilibrium $x drug effects)."""
    out = real(MESH, "D000136Q000187")
    node = established(out)
    assert out.values(f"<{node}> a ?v") == [BF + "Topic", MADS + "Authority", MADS + "ComplexSubject"]
    assert out.literals(f"<{node}> madsrdf:authoritativeLabel ?v") == [("Acid-Base Equilibrium--drug effects", "en")]
    components = [describe(out, c) for c in rdf_list(out, node, MADS + "componentList")]
    assert [(c[RDF_TYPE], c[MADS + "authoritativeLabel"]) for c in components] == [
        ([MADS + "Topic"], ["Acid-Base Equilibrium"]), ([MADS + "Topic"], ["drug effects"])]


def test_150_concept_is_member_of_its_thesaurus_and_labelled_in_its_language():
    """008/11 c (MeSH): bf:source and madsrdf:isMemberOfMADSScheme MeSH, English labels;
    008/11 a (LCSH) likewise with LCSH."""
    mesh = real(MESH, "D000136")
    node = established(mesh)
    assert mesh.values(f"<{node}> madsrdf:isMemberOfMADSScheme ?v") == [SCHEMES + "mesh"]
    assert mesh.values(f"<{node}> bf:source ?v") == [SCHEMES + "mesh"]
    assert mesh.literals(f"<{node}> rdfs:label ?v") == [("Acid-Base Equilibrium", "en")]
    lcsh = real(LC, "sh85100861")
    assert lcsh.values(f"<{established(lcsh)}> madsrdf:isMemberOfMADSScheme ?v") == [LCSH]


def test_151_is_a_place_and_geographic():
    """LC sh85082617 (151 Denali, Mount (Alaska))."""
    out = real(LC, "sh85082617")
    assert out.values(f"<{established(out)}> a ?v") == [BF + "Place", MADS + "Authority", MADS + "Geographic"]


def test_155_is_a_genre_form_of_lcgft():
    """LC gf2014026111 (155 Illustrated works; 040 $f lcgft)."""
    out = real(LC, "gf2014026111")
    node = established(out)
    assert out.values(f"<{node}> a ?v") == [BF + "GenreForm", MADS + "Authority", MADS + "GenreForm"]
    assert out.values(f"<{node}> madsrdf:isMemberOfMADSScheme ?v") == [SCHEMES + "lcgft"]


# -- 3. variants (4XX) and related headings (5XX) ---------------------------------------------


def test_400_variants_of_a_real_lc_name_including_non_latin_scripts():
    """LC n78095332: every 400 (Latin, Cyrillic, Hebrew, Arabic, Chinese) is a madsrdf:Variant of
    the PersonalName class with its madsrdf:variantLabel."""
    (p, out), = [(p, o) for p, o in converted(LC) if p.record.control_number == "n78095332"]
    node = established(out)
    n400 = sum(1 for f in p.record.fields if f.tag == "400")
    variants = out.values(f"<{node}> madsrdf:hasVariant ?v")
    assert len(variants) == n400 == 93
    assert out.values(f"<{node}> madsrdf:hasVariant ?x . ?x a ?v") == [MADS + "PersonalName", MADS + "Variant"]
    labels = out.values(f"<{node}> madsrdf:hasVariant/madsrdf:variantLabel ?v")
    assert len(labels) == n400
    for label in ("Шекспир, Вильям, 1564-1616", "שקספיר, ויליאם", "شكسبير، وليم", "莎士比亞, 1564-1616",
                  "Sha-ō, 1564-1616", "Shekspir, V. (Vilʹi͡am), 1564-1616"):
        assert label in labels
    assert node not in variants


@pytest.mark.parametrize("tag, heading, variant_field, mads_class", [
    ("410", r"=110  2\$aĐại học Quốc gia Hà Nội", r"=410  2\$aVNU", "CorporateName"),
    ("411", r"=111  2\$aHội nghị Diên Hồng$d(1284)", r"=411  2\$aHội nghị Bình Than", "ConferenceName"),
    ("430", r"=130  \0$aTruyện Kiều", r"=430  \0$aĐoạn trường tân thanh", "Title"),
    ("447", r"=147  \\$aHội nghị Paris$d(1973)", r"=447  \\$aHòa đàm Paris", "Title"),
    ("448", r"=148  \\$aThế kỷ 20", r"=448  \\$aThế kỷ XX", "Temporal"),
    ("450", r"=150  \\$aVăn học", r"=450  \\$aVăn chương", "Topic"),
    ("451", r"=151  \\$aThành phố Hồ Chí Minh", r"=451  \\$aSài Gòn", "Geographic"),
    ("455", r"=155  \\$aTiểu thuyết", r"=455  \\$aTruyện dài", "GenreForm"),
])
def test_4xx_see_from_tracings_are_variants_410_411_430_447_448_450_451_455(tag, heading, variant_field, mads_class):
    """Each 4XX is a madsrdf:Variant of its MADS class, with madsrdf:variantLabel."""
    out = auth(heading, variant_field)
    node = established(out)
    (variant,) = out.values(f"<{node}> madsrdf:hasVariant ?v")
    assert variant != node
    assert out.values(f"<{variant}> a ?v") == sorted([MADS + mads_class, MADS + "Variant"])
    assert len(out.values(f"<{variant}> madsrdf:variantLabel ?v")) == 1


@pytest.mark.parametrize("variant_field, label", [
    (r"=400  1\$aNguyễn, Văn Hoà", "Nguyễn, Văn Hoà"),  # tone placement: the same heading key
    (r"=400  1\$aNguyễn, Văn Hòa.", "Nguyễn, Văn Hòa"),  # punctuation only
    (r"=400  1\$aNGUYỄN, VĂN HÒA", "NGUYỄN, VĂN HÒA"),  # case only
])
def test_400_differing_only_by_tone_placement_or_punctuation_is_a_blank_variant(variant_field, label):
    """A 400 whose IRI would be the authority's own is kept as a blank madsrdf:Variant, so its
    label stays searchable without making the authority its own variant."""
    out = auth(r"=100  1\$aNguyễn, Văn Hòa", variant_field)
    node = established(out)
    (variant,) = out.values(f"<{node}> madsrdf:hasVariant ?v")
    assert variant != node
    assert out.ask(f"<{node}> madsrdf:hasVariant ?v . FILTER(isBlank(?v))")
    assert out.values(f"<{node}> madsrdf:hasVariant/madsrdf:variantLabel ?v") == [label]
    assert out.values(f"<{node}> madsrdf:hasVariant/a ?v") == [MADS + "PersonalName", MADS + "Variant"]


@pytest.mark.parametrize("w, prop", [
    ("$wg", "hasBroaderAuthority"),
    ("$wh", "hasNarrowerAuthority"),
    ("$wa", "hasEarlierEstablishedForm"),
    ("$wb", "hasLaterEstablishedForm"),
    ("$wr", "hasRelatedAuthority"),
    ("$wnnnc", "hasRelatedAuthority"),
    ("", "hasRelatedAuthority"),
])
def test_500_w_0_chooses_the_relation(w, prop):
    """500 $w/0: g broader, h narrower, a earlier, b later established form; r, n… or no $w
    related (mappings/authority_relations.csv)."""
    out = auth(r"=100  1\$aHồ Chí Minh,$d1890-1969", rf"=500  1\{w}$aNguyễn, Ái Quốc,$d1890-1969")
    node = established(out)
    target = agents_of(bib(r"=100  1\$aNguyễn, Ái Quốc,$d1890-1969."))
    assert out.values(f"<{node}> ?p ?v . FILTER(?p != madsrdf:hasVariant && STRSTARTS(STR(?v), '{BASE}agent/'))",
                      "p") == [MADS + prop]
    assert out.values(f"<{node}> madsrdf:{prop} ?v") == target


def test_510_w_t_is_the_corporate_parent():
    """510 $w t: madsrdf:hasCorporateParentAuthority, the target an Organization."""
    out = auth(r"=110  2\$aĐại học Quốc gia Hà Nội.$bTrường Đại học Khoa học Tự nhiên",
               r"=510  2\$wt$aĐại học Quốc gia Hà Nội")
    (parent,) = out.values(f"<{established(out)}> madsrdf:hasCorporateParentAuthority ?v")
    assert out.values(f"<{parent}> a ?v") == [BF + "Organization", MADS + "CorporateName"]


@pytest.mark.parametrize("heading, related, classes, label", [
    (r"=100  1\$aA", r"=500  1\$aNguyễn, Du,$d1765-1820.", ["bf:Person", "madsrdf:PersonalName"], "Nguyễn, Du, 1765-1820"),
    (r"=100  1\$aA", r"=510  2\$aViện Văn học.", ["bf:Organization", "madsrdf:CorporateName"], "Viện Văn học"),
    (r"=100  1\$aA", r"=511  2\$aHội nghị Diên Hồng", ["bf:Meeting", "madsrdf:ConferenceName"], "Hội nghị Diên Hồng"),
    (r"=130  \0$aA", r"=530  \0$aTruyện Kiều.", ["bf:Hub", "bf:Work", "madsrdf:Title"], "Truyện Kiều"),
    (r"=150  \\$aA", r"=547  \\$aHội nghị Paris", ["bf:Event", "madsrdf:Title"], "Hội nghị Paris"),
    (r"=150  \\$aA", r"=548  \\$aThế kỷ 20", ["bf:Temporal", "madsrdf:Temporal"], "Thế kỷ 20"),
    (r"=150  \\$aA", r"=550  \\$wg$aVăn học", ["bf:Topic", "madsrdf:Topic"], "Văn học"),
    (r"=150  \\$aA", r"=551  \\$aHà Nội", ["bf:Place", "madsrdf:Geographic"], "Hà Nội"),
    (r"=155  \\$aA", r"=555  \\$wg$aTruyện", ["bf:GenreForm", "madsrdf:GenreForm"], "Truyện"),
])
def test_5xx_target_500_510_511_530_547_548_550_551_555_is_described_with_type_and_label(heading, related, classes, label):
    """The see-also target is typed (BIBFRAME + MADS class) and labelled, so it reads on its own
    before its authority is loaded; it is not itself marked an authority."""
    out = auth(heading, related)
    node = established(out)
    (target,) = out.values(f"<{node}> ?p ?v . FILTER(STRSTARTS(STR(?v), '{BASE}'))")
    expected = sorted((BF if c.startswith("bf:") else MADS) + c.split(":")[1] for c in classes)
    assert out.values(f"<{target}> a ?v") == expected
    assert out.values(f"<{target}> rdfs:label ?v") == [label]


def test_550_in_lcsh_broader_targets_are_described_in_the_thesaurus():
    """LC sh85082617: 551 $w g "Alaska Range (Alaska)" (Geographic) and 550 $w g
    "Mountains $z Alaska" (ComplexSubject), both LCSH, English."""
    out = real(LC, "sh85082617")
    broader = out.values(f"<{established(out)}> madsrdf:hasBroaderAuthority ?v")
    assert len(broader) == 2
    assert out.literals(f"<{established(out)}> madsrdf:hasBroaderAuthority/rdfs:label ?v") == [
        ("Alaska Range (Alaska)", "en"), ("Mountains--Alaska", "en")]
    assert out.values(f"<{established(out)}> madsrdf:hasBroaderAuthority/a ?v") == [
        BF + "Place", BF + "Topic", MADS + "ComplexSubject", MADS + "Geographic"]
    assert out.values(f"<{established(out)}> madsrdf:hasBroaderAuthority/madsrdf:isMemberOfMADSScheme ?v") == [LCSH]
    assert subjects_of(bib(r"=650  \0$aMountains$zAlaska.")) == [b for b in broader if "mountains" in b]


def test_500_naming_the_record_itself_is_dropped_and_reported():
    out = auth(r"=100  1\$aNguyễn, Du,$d1765-1820.", r"=500  1\$wr$aNguyễn, Du,$d1765-1820")
    assert not out.ask(f"<{established(out)}> madsrdf:hasRelatedAuthority ?v")
    assert "500: see-also heading is the record's own heading" in out.problem_texts()


# -- 4. sources and notes ------------------------------------------------------------------


def test_670_is_a_found_source_with_citation_source_and_note():
    """670 $a citationSource (ISBD colon trimmed), $b citationNote, citationStatus "found";
    $u a URL as the source."""
    out = auth(r"=100  0\$aNguyễn Du", r"=670  \\$aTruyện Kiều, 2015:$bt.p. (Nguyễn Du)$uhttp://example.org/kieu")
    node = established(out)
    (src,) = out.values(f"<{node}> madsrdf:hasSource ?v")
    assert out.values(f"<{node}> madsrdf:hasSource/a ?v") == [MADS + "Source"]
    assert out.values(f"<{node}> madsrdf:hasSource/madsrdf:citationSource ?v") == ["Truyện Kiều, 2015", "http://example.org/kieu"]
    assert out.literals(f"<{node}> madsrdf:hasSource/madsrdf:citationNote ?v") == [("t.p. (Nguyễn Du)", "vi")]
    assert out.values(f"<{node}> madsrdf:hasSource/madsrdf:citationStatus ?v") == ["found"]


def test_670_sources_of_a_real_lc_record():
    """LC n78095332 has 26 670 fields: 26 sources, each found."""
    out = real(LC, "n78095332")
    node = established(out)
    assert len(out.values(f"<{node}> madsrdf:hasSource ?v")) == 26
    assert out.values(f"<{node}> madsrdf:hasSource/madsrdf:citationStatus ?v") == ["found"]
    assert "Hamleṭ ṿe-Sheḳspir, c1983" in out.values(f"<{node}> madsrdf:hasSource/madsrdf:citationSource ?v")
    assert "p. 19 (Ṿilyam Sheḳspir; b. 4-26-1564; d. 4-25-1616)" in out.values(
        f"<{node}> madsrdf:hasSource/madsrdf:citationNote ?v")


def test_675_is_a_notfound_source():
    out = auth(r"=100  0\$aNguyễn Du", r"=675  \\$aWikipedia, 2024$aBách khoa toàn thư Việt Nam")
    node = established(out)
    assert out.values(f"<{node}> madsrdf:hasSource/madsrdf:citationStatus ?v") == ["notfound"]
    assert out.values(f"<{node}> madsrdf:hasSource/madsrdf:citationSource ?v") == [
        "Bách khoa toàn thư Việt Nam", "Wikipedia, 2024"]


@pytest.mark.parametrize("path, control, prop, text", [
    (LC, "n78095332", "historyNote", "William Shakespeare (1564-1616) was an English poet, playwright, and actor."),
    (LC, "gf2014026362", "scopeNote",
     "Book-length narratives of any genre that consist of sequential art, either by itself or in combination with text."),
    (LC, "n78095332", "editorialNote", "Machine-derived non-Latin script reference project."),
    (MESH, "D000136", "editorialNote", "consider also ACID-BASE IMBALANCE"),
])
def test_678_history_680_scope_667_editorial_notes_of_real_records(path, control, prop, text):
    """678 -> madsrdf:historyNote, 680 ($i) -> madsrdf:scopeNote, 667 -> madsrdf:editorialNote."""
    out = real(path, control)
    assert text in out.values(f"<{established(out)}> madsrdf:{prop} ?v")


@pytest.mark.parametrize("tag, prop", [
    ("663", "note"), ("664", "note"), ("665", "historyNote"), ("666", "note"), ("667", "editorialNote"),
    ("678", "historyNote"), ("680", "scopeNote"), ("681", "exampleNote"), ("682", "deletionNote"),
    ("688", "historyNote"),
])
def test_notes_663_664_665_666_667_678_680_681_682_688(tag, prop):
    """Every note's text subfields joined, control subfields ($0 $5 $6 $8 $w…) left out, in the
    language of cataloguing."""
    out = auth(r"=100  0\$aNguyễn Du", rf"={tag}  \\$aGhi chú$bvề$iNguyễn Du.$5VNU$0http://x.org/1")
    assert out.literals(f"<{established(out)}> madsrdf:{prop} ?v") == [("Ghi chú về Nguyễn Du.", "vi")]


# -- 5. identifiers ------------------------------------------------------------------------


def test_010_is_a_normalised_lccn_with_id_loc_gov_links():
    """Libol's Christie record: 010 $a "n  79038407 " -> bf:Lccn "n79038407", owl:sameAs the
    real-world object, madsrdf:hasExactExternalAuthority the NAF authority; $z "sh 85025298" a
    cancelled Lccn, not linked."""
    out = converted(LIBOL)[1][1]
    node = established(out)
    assert out.values(f"<{node}> bf:identifiedBy ?i . ?i a bf:Lccn ; rdf:value ?v") == ["n79038407", "sh85025298"]
    assert out.values(f"<{node}> bf:identifiedBy ?i . ?i a bf:Lccn ; bf:status ?s ; rdf:value ?v") == ["sh85025298"]
    assert out.values(f"<{node}> bf:identifiedBy ?i . ?i rdf:value 'sh85025298' ; bf:status ?v") == [MSTATUS + "cancinv"]
    assert out.values(f"<{node}> owl:sameAs ?v") == ["http://id.loc.gov/rwo/agents/n79038407"]
    assert out.values(f"<{node}> madsrdf:hasExactExternalAuthority ?v") == [
        "http://id.loc.gov/authorities/names/n79038407"]


@pytest.mark.parametrize("path, control, external", [
    (LC, "sh85100861", "http://id.loc.gov/authorities/subjects/sh85100861"),
    (LC, "sj96005301", "http://id.loc.gov/authorities/childrensSubjects/sj96005301"),
    (LC, "gf2014026111", "http://id.loc.gov/authorities/genreForms/gf2014026111"),
    (LC, "no2006000014", "http://id.loc.gov/authorities/names/no2006000014"),
])
def test_010_sh_sj_gf_lccns_link_the_id_loc_gov_authority_without_a_real_world_object(path, control, external):
    """010 "sh 85100861 " etc.: madsrdf:hasExactExternalAuthority the LCSH/children's/LCGFT/NAF
    authority; owl:sameAs a real-world object only for agents (no2006000014 is a title)."""
    out = real(path, control)
    node = established(out)
    assert out.values(f"<{node}> madsrdf:hasExactExternalAuthority ?v") == [external]
    assert out.values(f"<{node}> owl:sameAs ?v") == []


def test_010_z_alone_is_a_cancelled_lccn_and_no_same_as():
    out = auth(r"=010  \\$zn  80012345 ", r"=100  0\$aNguyễn Du")
    node = established(out)
    assert out.values(f"<{node}> bf:identifiedBy ?i . ?i a bf:Lccn ; bf:status ?v") == [MSTATUS + "cancinv"]
    assert out.values(f"<{node}> bf:identifiedBy/rdf:value ?v") == ["n80012345"]
    assert out.values(f"<{node}> owl:sameAs ?v") == []
    assert out.values(f"<{node}> madsrdf:hasExactExternalAuthority ?v") == []


@pytest.mark.parametrize("field, cls, value, same_as", [
    (r"=024  7\$a96994048$2viaf", "Identifier", "96994048", "http://viaf.org/viaf/96994048"),
    (r"=024  7\$ahttp://viaf.org/viaf/96994048$2viaf", "Identifier", "96994048", "http://viaf.org/viaf/96994048"),
    (r"=024  7\$a0000 0001 2103 2683$2isni", "Isni", "0000000121032683", "https://isni.org/isni/0000000121032683"),
    (r"=024  7\$aQ692$2wikidata", "Identifier", "Q692", "http://www.wikidata.org/entity/Q692"),
    (r"=024  7\$a0000-0002-1825-0097$2orcid", "Identifier", "0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097"),
])
def test_024_7_known_sources_are_identifiers_and_same_as(field, cls, value, same_as):
    """024 ind1 7 $2 viaf / isni (spaces removed) / wikidata / orcid (identifier_sources.csv)."""
    out = auth(r"=100  1\$aShakespeare, William,$d1564-1616.", field)
    node = established(out)
    assert out.values(f"<{node}> bf:identifiedBy ?i . ?i a bf:{cls} ; rdf:value ?v") == [value]
    assert out.values(f"<{node}> owl:sameAs ?v") == [same_as]


def test_024_with_an_unknown_source_is_an_identifier_without_same_as():
    out = auth(r"=100  0\$aNguyễn Du", r"=024  7\$aX123$2nlvnames")
    node = established(out)
    assert out.values(f"<{node}> bf:identifiedBy ?i . ?i a bf:Identifier ; bf:source/bf:code ?v") == ["nlvnames"]
    assert out.values(f"<{node}> owl:sameAs ?v") == []


def test_024_0_1_uris_are_same_as():
    out = auth(r"=100  0\$aNguyễn Du", r"=024  7\$aQ330376$2wikidata$1http://www.wikidata.org/entity/Q330376")
    assert out.values(f"<{established(out)}> owl:sameAs ?v") == ["http://www.wikidata.org/entity/Q330376"]


@pytest.mark.parametrize("field, cls, value, assigner", [
    (r"=035  \\$a(OCoLC)ocm12345678", "OclcNumber", "12345678", None),
    (r"=035  \\$a(OCoLC)oca00230409", "OclcNumber", "oca00230409", None),
    (r"=035  \\$a(VNU)123", "Local", "123", "VNU"),
    (r"=035  \\$aTVL050001444", "Local", "TVL050001444", None),
    (r"=016  7\$a1234567$2Uk", "Local", "1234567", "Uk"),
])
def test_035_and_016_control_numbers(field, cls, value, assigner):
    """035 (OCoLC) -> bf:OclcNumber (ocm/ocn/on prefixes dropped); 035 (VNU)123 -> bf:Local
    assigned by VNU; 016 $2 the agency."""
    out = auth(r"=100  0\$aNguyễn Du", field)
    node = established(out)
    assert out.values(f"<{node}> bf:identifiedBy ?i . ?i a bf:{cls} ; rdf:value ?v") == [value]
    codes = out.values(f"<{node}> bf:identifiedBy ?i . ?i a bf:{cls} ; bf:assigner/bf:code ?v")
    assert codes == ([assigner] if assigner else [])
    assert out.values(f"<{node}> owl:sameAs ?v") == []


@pytest.mark.parametrize("tag, subfields, value", [
    ("050", r"$aPR2750$b.A1", "PR2750.A1"),
    ("053", r"$aPR2750$bPR3112", "PR2750-PR3112"),
    ("055", r"$aPS8500", "PS8500"),
    ("060", r"$aQU 105", "QU 105"),
    ("065", r"$aKJ100$bKJ200", "KJ100-KJ200"),
    ("070", r"$aSF427", "SF427"),
    ("072", r"$aSCI$x000000$2bisacsh", "SCI000000"),
    ("080", r"$a821.922", "821.922"),
    ("082", r"$a895.9221$b.N6", "895.9221.N6"),
    ("083", r"$a895.922$b895.9228", "895.922-895.9228"),
    ("087", r"$aA 1.1$bA 1.99", "A 1.1-A 1.99"),
])
def test_classification_050_053_055_060_065_070_072_080_082_083_087(tag, subfields, value):
    """madsrdf:classification: $a $b together; a span ($b ending number: 053 065 083 087)
    written with a hyphen; 072 with its $x subdivisions."""
    out = auth(r"=100  0\$aNguyễn Du", rf"={tag}  \0{subfields}")
    assert out.values(f"<{established(out)}> madsrdf:classification ?v") == [value]


def test_053_span_and_072_subdivisions_of_real_records():
    """LC n78095332 053 $a PR2750 $b PR3112 is the span "PR2750-PR3112" (as id.loc.gov shows it),
    not "PR2750PR3112"; MeSH D000136 072 $a G2. $x 111. $x 29 keeps its subdivisions."""
    lc = real(LC, "n78095332")
    assert lc.values(f"<{established(lc)}> madsrdf:classification ?v") == ["PR2750-PR3112"]
    mesh = real(MESH, "D000136")
    assert mesh.values(f"<{established(mesh)}> madsrdf:classification ?v") == [
        "G2.111.29", "G2.300.176", "G3.30", "G7.700.345.110", "G9.188.50", "QU 105"]


# -- admin metadata (001, 003, 005, 008, 040) -----------------------------------------------


def test_001_003_005_008_040_are_the_record_admin_metadata():
    """MeSH D000136: 001 a bf:Local assigned by 003 DNLM, 005 changeDate, 008/00-05 creationDate,
    040 $a source; Libol's Christie: 040 $b eng descriptionLanguage."""
    out = real(MESH, "D000136")
    node = established(out)
    admin = f"<{node}> bf:adminMetadata ?a . ?a"
    assert out.values(f"{admin} bf:identifiedBy ?i . ?i a bf:Local ; rdf:value ?v") == ["D000136"]
    assert out.values(f"{admin} bf:identifiedBy/bf:assigner/bf:code ?v") == ["DNLM"]
    assert out.values(f"{admin} bf:changeDate ?v") == ["2016-02-02T00:00:00"]
    assert out.values(f"{admin} bf:creationDate ?v") == ["1999-01-01"]
    assert out.values(f"{admin} bf:source/bf:code ?v") == ["DNLM"]
    christie = converted(LIBOL)[1][1]
    assert christie.values(f"<{established(christie)}> bf:adminMetadata/bf:descriptionLanguage ?v") == [
        LANGUAGES + "eng"]


# -- 6. attributes (046, 368-378) ------------------------------------------------------------


def test_046_f_g_are_edtf_birth_and_death_dates():
    """LC n78095332 046 $f 1564-04-26 $g 1616-04-23 (and $f [..1564-04-26]): madsrdf:birthDate /
    deathDate typed http://id.loc.gov/datatypes/edtf."""
    out = real(LC, "n78095332")
    node = established(out)
    births = [q.object for q in out.store.quads_for_pattern(pyoxigraph.NamedNode(node), pyoxigraph.NamedNode(MADS + "birthDate"), None)]
    assert sorted(b.value for b in births) == ["1564-04-26", "[..1564-04-26]"]
    assert {b.datatype.value for b in births} == {EDTF}
    assert out.values(f"<{node}> madsrdf:deathDate ?v") == ["1616-04-23"]


@pytest.mark.parametrize("subfields, prop, value", [
    ("$f17650101", "birthDate", "1765-01-01"),
    ("$g182009", "deathDate", "1820-09"),
    ("$f1765", "birthDate", "1765"),
    ("$s1950$t1975", "activityStartDate", "1950"),
    ("$q1906$r1945", "terminateDate", "1945"),
])
def test_046_old_yyyymmdd_dates_are_made_edtf(subfields, prop, value):
    """046 $f 17650101 -> "1765-01-01", yyyymm -> "yyyy-mm"; EDTF dates as they are."""
    out = auth(r"=100  0\$aNguyễn Du", rf"=046  \\{subfields}")
    (row,) = list(out.store.query(f"SELECT ?v WHERE {{ ?s <{MADS}{prop}> ?v }}"))
    assert row["v"] == pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(EDTF))


def test_046_date_that_is_not_edtf_stays_a_plain_literal():
    out = auth(r"=100  0\$aNguyễn Du", r"=046  \\$fthế kỷ 18")
    (row,) = list(out.store.query(f"SELECT ?v WHERE {{ ?s <{MADS}birthDate> ?v }}"))
    assert row["v"] == pyoxigraph.Literal("thế kỷ 18")


def test_370_a_b_are_birth_and_death_places_c_e_f_associated_locales():
    """LC n78095332 370 $a/$b Stratford-upon-Avon, $c Great Britain/England, $e London…"""
    out = real(LC, "n78095332")
    node = established(out)
    assert out.values(f"<{node}> madsrdf:birthPlace/rdfs:label ?v") == ["Stratford-upon-Avon (England)"]
    assert out.values(f"<{node}> madsrdf:deathPlace/rdfs:label ?v") == ["Stratford-upon-Avon (England)"]
    assert out.values(f"<{node}> madsrdf:birthPlace/a ?v") == [MADS + "Geographic"]
    assert out.values(f"<{node}> madsrdf:associatedLocale/rdfs:label ?v") == [
        "England", "Great Britain", "London (England)", "Stratford-upon-Avon (England)"]


def test_374_is_occupation_372_field_of_activity_375_gender_377_language():
    """LC n78095332: 374 Poets/Dramatists/Actors madsrdf:Occupation; 372 fieldOfActivity; 375
    "male" as stated; 377 eng -> id.loc.gov languages."""
    out = real(LC, "n78095332")
    node = established(out)
    assert out.values(f"<{node}> madsrdf:occupation/rdfs:label ?v") == ["Actors", "Dramatists", "Poets"]
    assert out.values(f"<{node}> madsrdf:occupation/a ?v") == [MADS + "Occupation"]
    assert out.values(f"<{node}> madsrdf:fieldOfActivity/rdfs:label ?v") == ["Acting", "Drama", "Poetry", "Theatre"]
    assert out.values(f"<{node}> madsrdf:gender/rdfs:label ?v") == ["male"]
    assert out.values(f"<{node}> madsrdf:associatedLanguage ?v") == [LANGUAGES + "eng"]


@pytest.mark.parametrize("field, prop, cls, label", [
    (r"=368  \\$aTrường đại học", "entityDescriptor", "Topic", "Trường đại học"),
    (r"=368  \\$dGiáo sư", "honoraryTitle", None, "Giáo sư"),
    (r"=370  \\$aHà Tĩnh", "birthPlace", "Geographic", "Hà Tĩnh"),
    (r"=370  \\$bHuế", "deathPlace", "Geographic", "Huế"),
    (r"=370  \\$eHà Nội", "associatedLocale", "Geographic", "Hà Nội"),
    (r"=372  \\$aVăn học", "fieldOfActivity", "Topic", "Văn học"),
    (r"=374  \\$aNhà thơ", "occupation", "Occupation", "Nhà thơ"),
    (r"=375  \\$anam", "gender", "Topic", "nam"),
    (r"=377  \\$lTiếng Việt", "associatedLanguage", "Language", "Tiếng Việt"),
    (r"=378  \\$qNguyễn Văn Du", "fullerName", "PersonalName", "Nguyễn Văn Du"),
])
def test_attributes_368_370_372_374_375_377_378_small_records(field, prop, cls, label):
    """Each row of authority_attributes.csv: the property, its node class and the label in the
    language of cataloguing."""
    out = auth(r"=100  0\$aNguyễn Du", field)
    node = established(out)
    if cls is None:
        assert out.literals(f"<{node}> madsrdf:{prop} ?v") == [(label, "vi")]
    else:
        assert out.values(f"<{node}> madsrdf:{prop}/a ?v") == [MADS + cls]
        assert out.literals(f"<{node}> madsrdf:{prop}/rdfs:label ?v") == [(label, "vi")]


def test_373_associated_group_is_an_affiliation_with_dates():
    out = auth(r"=100  0\$aNguyễn Du", r"=373  \\$aViện Văn học$s1960$t1975")
    node = established(out)
    (aff,) = out.values(f"<{node}> madsrdf:hasAffiliation ?v")
    assert out.values(f"<{node}> madsrdf:hasAffiliation/a ?v") == [MADS + "Affiliation"]
    assert out.values(f"<{node}> madsrdf:hasAffiliation/madsrdf:organization/rdfs:label ?v") == ["Viện Văn học"]
    assert out.values(f"<{node}> madsrdf:hasAffiliation/madsrdf:affiliationStart ?v") == ["1960"]
    assert out.values(f"<{node}> madsrdf:hasAffiliation/madsrdf:affiliationEnd ?v") == ["1975"]


def test_377_language_code_is_an_id_loc_gov_language_and_a_bad_code_is_reported():
    out = auth(r"=100  0\$aNguyễn Du", r"=377  \\$avie$axyz")
    assert out.values(f"<{established(out)}> madsrdf:associatedLanguage ?v") == [LANGUAGES + "vie"]
    assert "377: $a 'xyz' is not a MARC language code" in out.problem_texts()


def test_371_address_is_never_converted_and_reported_as_dropped():
    """371 is a person's address: personal data, never published, and the report says so."""
    out = auth(r"=100  0\$aNguyễn Văn A", r"=371  \\$a12 Phố Huế$bHà Nội$mnva@example.org")
    literals = {t.object.value for t in out.converted.triples if isinstance(t.object, pyoxigraph.Literal)}
    assert not any("Phố Huế" in v or "example.org" in v for v in literals)
    assert [(p.tag, p.action) for p in out.problems] == [("371", "dropped")]
    assert "371 (address) is personal data" in out.problems[0].problem


def test_375_gender_is_converted_only_for_records_that_have_a_375():
    """Over every record of the shared authority files and the demo authorities: madsrdf:gender
    appears exactly on the records with a 375 — nothing is inferred from a name."""
    paths = [LC, MESH, LIBOL, IISH_SUBSET, IISH, *DEMO_AUTHORITIES]
    with_375 = without_375 = 0
    for path in paths:
        for p, out in converted(path):
            has_375 = any(f.tag == "375" and f.get("a") for f in p.record.fields)
            has_gender = any(t.predicate.value == MADS + "gender" for t in out.converted.triples)
            assert has_gender == has_375, (path.name, p.record.control_number)
            with_375 += has_375
            without_375 += not has_375
    assert with_375 >= 1 and without_375 > 50


# -- 7. records that establish nothing are skipped, saying why ------------------------------


def _skips(path):
    problems = []
    stats = run([str(path)], Options(LIB, BASE), lambda payload: None, problems.append)
    return stats, [p for p in problems if p.action == "skipped"]


def test_008_09_reference_subdivision_and_node_label_records_are_skipped(tmp_path):
    """008/09 b (untraced reference), c (traced reference), d (subdivision), e (node label)
    establish no heading: skipped through ``kg.batch.run`` with the kind named."""
    records = []
    for n, kind in enumerate("bcde"):
        records.append("\n".join([r"=LDR  00000nz\\a2200000n\\4500", f"=001  R{n}", f"=008  {a008(kind)}",
                                  r"=150  \\$aVăn học$xLịch sử"]))
    path = tmp_path / "references.mrk"
    path.write_text("\n\n".join(records) + "\n", encoding="utf-8")
    stats, skipped = _skips(path)
    assert (stats.records, stats.converted, stats.skipped) == (4, 0, 4)
    assert [p.problem.split(" (")[0] for p in skipped] == [
        "untraced reference record", "traced reference record", "subdivision record", "node label record"]
    assert all("establishes no heading" in p.problem and p.control_number for p in skipped)


def test_008_09_c_traced_reference_records_of_a_real_file_are_skipped():
    """IISH eg_auth-1066.mrc: two traced reference records (008/09 c)."""
    stats, skipped = _skips(IISH)
    assert sum("traced reference record (008/09 = 'c')" in p.problem for p in skipped) == 2


def test_local_103_headings_are_skipped_naming_the_tag():
    """IISH eg_auth-1066.mrc: 1064 records whose heading is in the local 103 are skipped, the
    report naming 103 (never read as a 100)."""
    stats, skipped = _skips(IISH)
    assert (stats.records, stats.converted, stats.skipped) == (1066, 0, 1066)
    local = [p for p in skipped if "found 103" in p.problem and "not MARC 21 heading tags" in p.problem]
    assert len(local) == 1064


def test_162_medium_of_performance_records_are_skipped_naming_162():
    """LC eg_auth_lc.xml mp2013015079/mp2013015187 (162 bell, cowbell): a heading this converter
    does not establish; the 12 other records are converted."""
    stats, skipped = _skips(LC)
    assert (stats.records, stats.converted, stats.skipped) == (14, 12, 2)
    assert sorted(p.control_number for p in skipped) == ["mp2013015079", "mp2013015187"]
    assert all("found 162: a heading this converter does not establish" in p.problem for p in skipped)


def test_heading_without_a_name_raises_not_an_authority():
    with pytest.raises(NotAnAuthority, match="heading 100 has no name or term"):
        convert_authority(authority(r"=100  1\$d1765-1820"), Minter(BASE, LIB))


def test_a_second_1xx_heading_is_reported_and_only_the_first_established():
    out = auth(r"=100  0\$aNguyễn Du", r"=150  \\$aVăn học")
    assert out.values("?s a madsrdf:Authority ; madsrdf:authoritativeLabel ?v") == ["Nguyễn Du"]
    assert "150: a second heading (150) in one authority record: only the first, 100, is established" in out.problem_texts()


# -- 8. the record's rid and graph ---------------------------------------------------------


def test_rid_starts_with_authority_and_graph_is_graph_lib_authority_001():
    """An authority 001 and a bibliographic 001 may be the same number: the authority lives in
    graph/{lib}/authority/{001}."""
    record = authority(r"=100  0\$aNguyễn Du", number="VNU 0042")
    minter = minter_for(BASE, LIB)
    result = convert_authority(record, minter)
    assert result.rid.startswith(RID_PREFIX) and RID_PREFIX == "authority/"
    assert result.rid == "authority/VNU%200042" == record_id("authority", record, minter)
    assert result.graph == pyoxigraph.NamedNode(f"{BASE}graph/{LIB}/authority/VNU%200042")
    for p, out in converted(MESH):
        assert out.converted.rid == f"authority/{p.record.control_number}"
        assert out.converted.graph.value == f"{BASE}graph/{LIB}/authority/{p.record.control_number}"


def test_as_quads_every_triple_is_in_the_record_graph():
    record = authority(r"=100  0\$aNguyễn Du", r"=400  0\$aTố Như", r"=670  \\$aTruyện Kiều")
    quads = convert_record("authority", record, Minter(BASE, LIB), as_quads=True).triples
    assert quads and {q.graph_name for q in quads} == {pyoxigraph.NamedNode(f"{BASE}graph/{LIB}/authority/A1")}


# -- 9. deterministic -----------------------------------------------------------------------


@pytest.mark.parametrize("path", [LC, MESH, LIBOL, IISH_SUBSET], ids=lambda p: p.name)
def test_converting_twice_gives_identical_triples(path):
    """Blank nodes are named from the record, so the same record converts to the same triples
    (an ingest compares them), whatever else was converted in between."""
    first = [[str(t) for t in out.converted.triples] for _, out in converted(path)]
    for p in prepared(LC) + prepared(MESH):  # other records in between
        if p.record is not None and p.record.first("162") is None:
            convert_record(p.kind, p.record, Minter(BASE, LIB))
    second = [[str(t) for t in convert_record(p.kind, p.record, Minter(BASE, LIB)).triples]
              for p, _ in converted(path)]
    assert first == second and all(first)


# -- 10. the Libol text export -------------------------------------------------------------


def test_libol_text_export_every_record_converted():
    """vie_libol_authority_text.txt: 12 records, all converted (two with a bibliographic "nam"
    leader, read as authority records and reported), none skipped."""
    records = prepared(LIBOL)
    assert len(records) == 12
    assert all(p.kind == "authority" and p.record is not None for p in records)
    assert sum(any("says bibliographic but the record is an authority" in x.problem for x in p.problems)
               for p in records) == 2
    outs = converted(LIBOL)
    assert len(outs) == 12
    labels = sorted({label for _, out in outs for label in out.values("?s a madsrdf:Authority ; madsrdf:authoritativeLabel ?v")})
    assert labels == ["Cameron, Simon, 1799-1889", "Christie, Agatha, 1890-1976", "Hồ Chí Minh, 1890-1969",
                      "Kipling, Rudyard, 1865-1936", "Nguyễn Tất Thành", "Trần Ngọc Oanh1"]


def test_libol_duplicate_001s_keep_the_export_control_number():
    """Libol exported eleven records under one 001 (TVL050001444): each still establishes its own
    heading; rid and graph are the export's 001 (an ingest sees them as one record replaced)."""
    outs = converted(LIBOL)
    rids = [out.converted.rid for _, out in outs]
    assert rids.count("authority/TVL050001444") == 11
    assert len({established(out) for _, out in outs}) == 6


def test_libol_christie_400s_are_variants_and_500_nnnc_related():
    """Christie (record 2): six 400 variants, including the Russian transliterations; 500 $w nnnc
    Mallowan and Westmacott are related authorities, typed and labelled; 663/667/670 kept."""
    out = converted(LIBOL)[1][1]
    node = established(out)
    assert node == agents_of(bib(r"=100  1\$aChristie, Agatha,$d1890-1976."))[0]
    assert out.values(f"<{node}> madsrdf:hasVariant/madsrdf:variantLabel ?v") == [
        "Christie, Agata, 1890-1976", "Christie, Agatha Mary Clarissa Miller, 1890-1976",
        "Christie, Agatha Miller, 1890-1976", "Kri-xti, A-ga-ta, 1890-1976", "Kristi, A. (Agata), 1890-1976",
        "Kristi, Agata, 1890-1976"]
    related = out.values(f"<{node}> madsrdf:hasRelatedAuthority ?v")
    assert related == sorted(agents_of(bib(r"=700  1\$aMallowan, Agatha Christie,$d1890-1976.")) +
                             agents_of(bib(r"=700  1\$aWestmacott, Mary,$d1890-1976.")))
    assert out.values(f"<{node}> madsrdf:hasRelatedAuthority/rdfs:label ?v") == [
        "Mallowan, Agatha Christie, 1890-1976", "Westmacott, Mary, 1890-1976"]
    assert out.values(f"<{node}> madsrdf:hasRelatedAuthority/a ?v") == [BF + "Person", MADS + "PersonalName"]
    assert len(out.values(f"<{node}> madsrdf:hasSource ?v")) == 7
    assert out.values(f"<{node}> madsrdf:editorialNote ?v") == [
        "Old catalog heading: Christie, Agatha Miller, Dame, 1891-1976"]


def test_libol_every_christie_copy_has_the_same_variants_and_relations():
    """Records 2-7 and 9 repeat Christie with 400s reordered and 670s truncated: the same six
    variants and two related names each time."""
    for p, out in converted(LIBOL):
        if out.values("?s a madsrdf:Authority ; madsrdf:authoritativeLabel ?v") == ["Christie, Agatha, 1890-1976"]:
            node = established(out)
            assert len(out.values(f"<{node}> madsrdf:hasVariant ?v")) == 6
            assert len(out.values(f"<{node}> madsrdf:hasRelatedAuthority ?v")) == 2
