"""Golden tests: specific triples from real records of ``../shared/data/marc`` and the demo data.

Each test names the file and record it reads; the assertions are what a cataloguer would check
by hand in the source record.
"""

import pyoxigraph
import pytest
from kgtest import BASE, MARC, ROOT, Output

from kg.batch import classify
from kg.convert import Minter, convert_bibliographic
from kg.marc import source

ID = "http://id.loc.gov/vocabulary/"


def record(path, number=None, control=None):
    for chunk in source.chunks(str(path)):
        rec = source.parse(chunk)
        if (number is None or chunk.number == number) and (control is None or rec.control_number == control):
            classify(rec)
            return rec
    raise LookupError(f"{path}: record {number or control} not found")


def convert(path, library="TEST", **which) -> tuple[Output, str, str]:
    rec = record(path, **which)
    out = Output(convert_bibliographic(rec, Minter(BASE, library)))
    rid = rec.control_number
    return out, f"<{BASE}work/{library}/{rid}>", f"<{BASE}instance/{library}/{rid}>"


# -- Vietnamese exports ---------------------------------------------------------------------------


def test_vnu_libol_record_title_parts_contributors_keywords_class():
    out, work, inst = convert(MARC / "vietnamese" / "vie_vnu_libol_10.iso", "VNU", number=1)
    assert out.literals(f"{inst} bf:title ?t . ?t a bf:Title ; bf:mainTitle ?v") == [("Vật lý học đại cương", "vi")]
    assert out.values(f"{inst} bf:title ?t . ?t a bf:Title ; bf:subtitle ?v") == ["Cơ học và nhiệt học"]
    assert out.values(f"{inst} bf:title ?t . ?t a bf:Title ; bf:partNumber ?v") == ["T.1"]
    assert out.values(f"{work} bf:contribution ?c . ?c a bf:PrimaryContribution ; bf:agent/rdfs:label ?v") == ["Nguyễn Viết Kính"]
    assert out.values(f"{work} bf:contribution ?c . FILTER NOT EXISTS {{ ?c a bf:PrimaryContribution }} ?c bf:agent/rdfs:label ?v") == [
        "Bạch Thành Công", "Phan Văn Thích"]
    assert out.values(f"{work} bf:subject/rdfs:label ?v") == ["Cơ học", "Nhiệt học", "Vật lý đại cương"]
    assert out.values(f"{work} bf:classification ?c . ?c bf:source <{ID}classSchemes/bbk> ; bf:classificationPortion ?v") == ["22.3z73"]
    assert out.values(f"{work} bf:language ?v") == [ID + "languages/vie"]
    assert out.values(f"{inst} bf:provisionActivity/bf:place ?v") == [ID + "countries/vm"]  # 044 "VN"
    assert out.values(f"{inst} bf:extent/rdfs:label ?v") == ["260 tr."]


def test_uefl_holdings_five_items_with_registration_numbers_and_repaired_keyword():
    out, work, inst = convert(MARC / "vietnamese" / "vie_uefl_852_mojibake_2.iso", "UEFL", number=1)
    items = out.values(f"{inst} bf:hasItem ?v")
    assert len(items) == 5
    assert out.values(f"{inst} bf:hasItem/bf:shelfMark/rdfs:label ?v") == [
        "045/2008", "046/2008", "047/2008", "048/2008", "083/2008"]
    assert out.values(f"{inst} bf:hasItem/bf:heldBy ?v") == [BASE + "library/UEFL"]
    assert out.values(f"{inst} bf:hasItem/bf:sublocation/rdfs:label ?v") == ["UEFL"]
    assert "Thị trường chứng khoán" in out.values(f"{work} bf:subject/rdfs:label ?v")
    assert out.values(f"{work} bf:subject ?s . ?s a madsrdf:ComplexSubject ; rdfs:label ?v") == ["Thị trường chứng khoán--Giáo trình"]
    assert out.values(f"{work} bf:classification ?c . ?c a bf:ClassificationDdc ; bf:itemPortion ?v") == ["GI-108T"]
    assert out.values(f"{inst} bf:provisionActivity/bf:agent/rdfs:label ?v") == ["Lao động - Xã hội"]
    assert out.values(f"{inst} bf:acquisitionTerms ?v") == ["54500VNĐ"]


def test_emiclib_record_with_hash_terminators():
    out, work, inst = convert(MARC / "vietnamese" / "vie_mku_hash_terminators_240.iso", "MKU", number=1)
    assert out.values(f"{inst} bf:title ?t . ?t a bf:Title ; bf:mainTitle ?v") == [
        "Đánh giá chất lượng dịch vụ phục vụ hành khách tại cảng hàng không quốc tế Tân Sơn Nhất dựa trên ý kiến khách hàng"]
    assert out.values(f"{inst} bf:responsibilityStatement ?v") == ["Trần Thị Thanh Huyền; TS Trịnh Thùy Anh"]
    assert out.values(f"{inst} bf:provisionActivity/bf:place/rdfs:label ?v") == ["Tp Hồ Chí Minh"]
    assert out.values(f"{inst} bf:provisionActivity/bflc:simpleDate ?v") == ["2012"]
    assert out.values(f"{inst} bf:dimensions ?v") == ["24cm"]
    assert len(out.values(f"{work} bf:subject ?v")) == 7
    assert out.values(f"{work} bf:classification/bf:classificationPortion ?v") == ["387.162"]


def test_libol_text_export_double_encoded_becomes_readable():
    out, work, inst = convert(MARC / "vietnamese" / "vie_libol_text_mojibake_9.txt", "TVL", number=2)
    assert out.values(f"{inst} bf:title/bf:mainTitle ?v") == ["Báo tiền phong"]
    assert out.values(f"{inst} bf:provisionActivity/bf:place/rdfs:label ?v") == ["Hà Nội"]
    assert out.values(f"{inst} bf:identifiedBy ?i . ?i a bf:Issn ; rdf:value ?v") == ["01255122"]
    assert out.ask(f"{work} a bf:Monograph")  # leader "naa": a monographic component part (an article)


def test_russian_book_in_a_vietnamese_export_keeps_its_script_and_language():
    out, work, inst = convert(MARC / "vietnamese" / "vie_mixed_rus_6.iso", "X", control="TVL070000696")
    assert out.literals(f"{inst} bf:title/bf:mainTitle ?v") == [("Физический практикум. Механика и молекулярная физика", "ru")]
    assert out.values(f"{work} bf:language ?v") == [ID + "languages/rus"]


# -- foreign exports --------------------------------------------------------------------------------


def test_bodleian_852_barcode_names_the_item_and_gives_shelfmark():
    out, work, inst = convert(MARC / "bib_utf8" / "marc4j_pride-and-prejudice-fixed.mrc", "OX", number=1)
    item = f"<{BASE}item/OX/UkOxUb10768856/500881138>"
    assert out.ask(f"{inst} bf:hasItem {item}")
    assert out.values(f"{item} bf:identifiedBy ?b . ?b a bf:Barcode ; rdf:value ?v") == ["500881138"]
    assert out.values(f"{item} bf:shelfMark/rdfs:label ?v") == ["M94.G00395"]
    assert out.values(f"{item} bf:sublocation/rdfs:label ?v") == ["BOD Bookstack", "Bodleian"]
    assert out.values(f"{work} bf:contribution/bf:agent/rdfs:label ?v") == ["Austen, Jane, 1775-1817"]


def test_gwu_chinese_880_pairs_share_the_title_node():
    out, work, inst = convert(MARC / "bib_utf8" / "m2b_gwu.xml", "GWU", number=51)
    titles = out.literals(f"{inst} bf:title ?t . ?t a bf:Title ; bf:mainTitle ?v")
    assert [(v, (lang or "").lower()) for v, lang in titles] == [
        ("Xin Zhongguo dui wai guan xi 60 nian", "zh"), ("新中国对外关系 60 年", "zh-hani")]
    assert out.values(f"{inst} bf:title ?t . ?t a bf:Title ; bf:subtitle ?v") == ["li lun yu shi jian", "理论与实践"]
    assert out.values(f"{inst} bf:editionStatement ?v") == ["Di 1 ban.", "第1版."]


def test_princeton_japanese_script_taken_from_the_partner_side():
    out, work, inst = convert(MARC / "bib_utf8" / "m2b_princeton.xml", "PU", number=4)
    labels = out.literals(f"{work} bf:contribution ?c . ?c a bf:PrimaryContribution ; bf:agent/rdfs:label ?v")
    assert [(v, (lang or "").lower()) for v, lang in labels] == [("Ōtani, Sonʼyū, 1886-1939", ""), ("大谷, 尊由, 1886-1939", "ja")]


def test_marc8_french_diacritics_are_decoded():
    out, work, inst = convert(MARC / "bib_marc8" / "eg_lul_fre_100.mrc", "LUL", number=1)
    assert out.literals(f"{inst} bf:title ?t . ?t a bf:Title ; bf:mainTitle ?v") == [("Sur mer et sur terre", "fr")]


def test_windows_1251_record_reads_in_cyrillic():
    out, work, inst = convert(MARC / "malformed" / "pymarc_1251.dat", "X", number=2)
    assert out.literals(f"{inst} bf:title ?t . ?t a bf:Title ; bf:mainTitle ?v") == [("Психологический тренинг с подростками", "ru")]


def test_leaderless_880_test_record_of_lc_converts_every_title_kind():
    out, work, inst = convert(MARC / "bib_utf8" / "m2b_ConvSpec-880_marc.xml", "LC", number=1)
    kinds = out.values(f"{inst} bf:title ?t . ?t bf:mainTitle ?m ; a ?v . FILTER(STRSTARTS(?m, '東海道五十三次絵卷'))")
    assert {k.rsplit("/", 1)[1] for k in kinds} >= {"Title", "AbbreviatedTitle", "KeyTitle", "VariantTitle", "ParallelTitle"}


# -- the demo data ------------------------------------------------------------------------------------


def test_demo_nom_title_paired_with_its_quoc_ngu_title():
    out, work, inst = convert(ROOT / "kg" / "demo" / "data" / "nlv.xml", "NLV", control="NLV000002")
    titles = {(v, (lang or "").lower()) for v, lang in out.literals(f"{inst} bf:title ?t . ?t a bf:Title ; bf:mainTitle ?v")}
    assert ("斷腸新聲", "vi-hani") in titles
    assert any(lang == "vi" for _, lang in titles)
    assert out.values(f"{work} bf:contribution ?c . ?c a bf:PrimaryContribution ; bf:agent ?v") == [
        BASE + "agent/NLV/nguyen-du-1765-1820-" + out.values(f"{work} bf:contribution/bf:agent ?a . FILTER(CONTAINS(STR(?a), 'nguyen-du-1765')) BIND(STRAFTER(STR(?a), 'nguyen-du-1765-1820-') AS ?v)")[0]]


def test_demo_koha_items_with_status():
    out, work, inst = convert(ROOT / "kg" / "demo" / "data" / "tvhn.mrc", "TVHN", number=1)
    assert out.values(f"{inst} bf:hasItem/bf:identifiedBy ?b . ?b a bf:Barcode ; rdf:value ?v")
    assert out.values(f"{inst} bf:hasItem/bf:heldBy ?v") == [BASE + "library/TVHN"]
