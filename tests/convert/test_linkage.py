"""880 alternate graphic representation (kg.convert.linkage; LC ConvSpec-Process0-9 "Process 0.1
880 fields", ConvSpec-NumericSubfields $6).  pyoxigraph lower-cases language tags ("vi-hani"),
so tags are compared case-insensitively."""

import pytest
from kgtest import INSTANCE, ROOT, WORK, convert
from helpers import PRINCETON, convert_record, f008, read

from kg.convert.linkage import language_tag, parse_link

NLV = ROOT / "kg" / "demo" / "data" / "nlv.xml"


def tagged(pairs):
    """(value, tag) pairs with the tag lower-cased, for comparing across pyoxigraph's normalisation."""
    return sorted((v, t.lower() if t else t) for v, t in pairs)


def rec(*lines, lang="vie"):
    # a literal $ in mnemonic text is {dollar}: "$6245-01/{dollar}1" is $6 "245-01/$1"
    return "\n".join(["=001  T1", f"=008  {f008(lang=lang)}", *lines])


KIEU = rec(
    r"=100  0\$6880-02$aNguyễn Du,$d1765-1820.",
    r"=245  10$6880-01$aĐoạn trường tân thanh :$bbản Nôm.",
    r"=880  10$6245-01/{dollar}1$a斷腸新聲 :$b喃本.",
    r"=880  0\$6100-02/{dollar}1$a阮攸,$d1765-1820.",
)


# -- pairing ----------------------------------------------------------------------------------


def test_880_245_parallel_title_on_the_same_title_node_tagged_vi_hani():
    out = convert(KIEU)
    titles = out.values(f"<{INSTANCE}T1> bf:title ?v")
    assert len(titles) == 1
    assert tagged(out.literals(f"<{INSTANCE}T1> bf:title ?t . ?t a bf:Title ; bf:mainTitle ?v")) == [
        ("Đoạn trường tân thanh", "vi"), ("斷腸新聲", "vi-hani")
    ]
    assert tagged(out.literals(f"<{INSTANCE}T1> bf:title ?t . ?t bf:subtitle ?v")) == [("bản Nôm", "vi"), ("喃本", "vi-hani")]


def test_880_245_gives_the_instance_a_parallel_label():
    out = convert(KIEU)
    assert ("斷腸新聲 喃本", "vi-hani") in tagged(out.literals(f"<{INSTANCE}T1> rdfs:label ?v"))


def test_880_100_adds_a_label_to_the_same_agent():
    out = convert(KIEU)
    (agent,) = out.values(f"<{WORK}T1> bf:contribution/bf:agent ?v")
    assert tagged(out.literals(f"<{agent}> rdfs:label ?v")) == [("Nguyễn Du, 1765-1820", None), ("阮攸, 1765-1820", "vi-hani")]
    assert len(out.values(f"<{WORK}T1> bf:contribution ?v")) == 1
    assert out.problems == []


def test_880_occurrence_00_is_converted_on_its_own():
    out = convert(rec(r"=245  10$aĐoạn trường tân thanh", r"=880  \\$6500-00/{dollar}1$a越南"))
    assert tagged(out.literals(f"<{INSTANCE}T1> bf:note ?n . ?n a bf:Note ; rdfs:label ?v")) == [("越南", "vi-hani")]
    assert out.problems == []


def test_880_without_its_partner_is_converted_on_its_own_and_reported():
    out = convert(rec(r"=245  10$aĐoạn trường tân thanh", r"=880  \7$6650-05/{dollar}1$a詩$2tvqg"))
    assert tagged(out.literals(f"<{WORK}T1> bf:subject ?s . ?s a bf:Topic ; rdfs:label ?v")) == [("詩", "vi-hani")]
    assert [(p.tag, p.action) for p in out.problems] == [("880", "repaired")]


def test_880_with_unreadable_6_is_dropped_and_reported():
    out = convert(rec(r"=245  10$aĐoạn trường tân thanh", r"=880  \\$6garbage$a越南", r"=880  \\$a越南"))
    assert not out.ask(f"<{INSTANCE}T1> bf:note ?n")
    assert [(p.tag, p.action) for p in out.problems] == [("880", "dropped"), ("880", "dropped")]


def test_880_of_a_tag_without_handler_is_counted_not_converted():
    out = convert(rec(r"=245  10$aX", r"=880  \\$6999-00/{dollar}1$a越南"))
    assert "880" in out.converted.unhandled
    assert not out.ask("?s ?p '越南'@vi-Hani")


def test_880_partner_found_by_tag_and_occurrence():
    out = convert(rec(
        r"=245  10$6880-02$aĐoạn trường tân thanh",
        r"=500  \\$6880-01$aGhi chú.",
        r"=880  \\$6500-01/{dollar}1$a註",
        r"=880  10$6245-02/{dollar}1$a斷腸新聲",
    ))
    assert tagged(out.literals(f"<{INSTANCE}T1> bf:note/rdfs:label ?v")) == [("Ghi chú.", "vi"), ("註", "vi-hani")]
    assert len(out.values(f"<{INSTANCE}T1> bf:note ?v")) == 1
    assert ("斷腸新聲", "vi-hani") in tagged(out.literals(f"<{INSTANCE}T1> bf:title/bf:mainTitle ?v"))


def test_880_246_parallel_variant_title_on_the_same_node():
    out = convert(rec(r"=245  10$aĐoạn trường tân thanh", r"=246  3\$6880-01$aKim Vân Kiều",
                      r"=880  3\$6246-01/{dollar}1$a金雲翹"))
    assert len(out.values(f"<{INSTANCE}T1> bf:title ?t . ?t a bf:VariantTitle BIND(?t AS ?v)")) == 1
    assert tagged(out.literals(f"<{INSTANCE}T1> bf:title ?t . ?t a bf:VariantTitle ; bf:mainTitle ?v")) == [
        ("Kim Vân Kiều", "vi"), ("金雲翹", "vi-hani")
    ]


# -- language tags ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang, script, expected", [
    ("vie", "{dollar}1", "vi-hani"),
    ("chi", "{dollar}1", "zh-hani"),
    ("ara", "(3", "ar"),
    ("per", "(3", "fa"),
    ("rus", "(N", "ru"),
    ("heb", "(2", "he"),
    ("vie", "(N", "vi-cyrl"),
])
def test_880_language_tag_is_resource_language_plus_script_unless_suppressed(lang, script, expected):
    out = convert(rec(r"=245  10$6880-01$aX", f"=880  10$6245-01/{script}$aY", lang=lang))
    assert tagged(out.literals(f"<{INSTANCE}T1> bf:title/bf:mainTitle ?v")) == sorted(
        [("X", {"vie": "vi", "chi": "zh", "ara": "ar", "per": "fa", "rus": "ru", "heb": "he"}[lang]), ("Y", expected)]
    )


def test_880_without_script_code_gets_the_resource_language():
    out = convert(rec(r"=245  10$6880-01$aX", r"=880  10$6245-01$aY", lang="jpn"))
    assert ("Y", "ja") in tagged(out.literals(f"<{INSTANCE}T1> bf:title/bf:mainTitle ?v"))


def test_880_in_a_record_without_language_gets_und_with_the_script():
    out = convert("=001  T1\n=245  10$6880-01$aX\n=880  10$6245-01/(N$aЙ")
    assert ("Й", "und-cyrl") in tagged(out.literals(f"<{INSTANCE}T1> bf:title/bf:mainTitle ?v"))


@pytest.mark.parametrize("value, parsed", [
    ("245-01/$1", ("245", "01", "$1")),
    ("100-01/(3/r", ("100", "01", "(3")),
    ("245-02//r", ("245", "02", None)),
    ("500-00", ("500", "00", None)),
    ("880-01", ("880", "01", None)),
    ("garbage", None),
    ("", None),
])
def test_parse_link(value, parsed):
    assert parse_link(value) == parsed


def test_language_tag_suppresses_the_default_script():
    assert language_tag("ar", "ara", "(3") == "ar"
    assert language_tag("vi", "vie", "$1") == "vi-Hani"
    assert language_tag("ja", "jpn", "$1") == "ja"  # CJK in a Japanese record is Jpan, its default
    assert language_tag("zh", "chi", "$1") == "zh-Hani"
    assert language_tag("vi", "vie", None) == "vi"


# -- real records -----------------------------------------------------------------------------


def test_demo_nlv000002_title_and_author_in_chu_nom():
    out = convert_record(read(NLV, "NLV000002"))
    instance, work = INSTANCE + "NLV000002", WORK + "NLV000002"
    assert tagged(out.literals(f"<{instance}> bf:title ?t . ?t a bf:Title ; bf:mainTitle ?v")) == [
        ("Đoạn trường tân thanh", "vi"), ("斷腸新聲", "vi-hani")
    ]
    assert ("阮攸", "vi-hani") in tagged(out.literals(f"<{instance}> bf:responsibilityStatement ?v"))
    (agent,) = out.values(f"<{work}> bf:contribution ?c . ?c a bf:PrimaryContribution ; bf:agent ?v")
    assert ("阮攸, 1765-1820", "vi-hani") in tagged(out.literals(f"<{agent}> rdfs:label ?v"))
    assert not [p for p in out.problems if p.tag == "880"]


def test_princeton_arabic_manuscript_880s_are_ar_without_script():
    out = convert_record(read(PRINCETON, "5514432"))
    instance, work = INSTANCE + "5514432", WORK + "5514432"
    arabic = "ادراك السول في مسابقة الخيول برسم الخزانة الشريفة السلطانية الملية الناصرية الناصرية(!) عمرها الله تعالى بدوام ايامه"
    assert (arabic, "ar") in tagged(out.literals(f"<{instance}> bf:title ?t . ?t a bf:Title ; bf:mainTitle ?v"))
    (agent,) = out.values(f"<{work}> bf:contribution ?c . ?c a bf:PrimaryContribution ; bf:agent ?v")
    assert ("حسيني، الحسين بن محمد", "ar") in tagged(out.literals(f"<{agent}> rdfs:label ?v"))
    assert not out.ask("?s ?p ?o FILTER(isLiteral(?o) && LCASE(LANG(?o)) = 'ar-arab')")


def test_princeton_880_with_direction_only_in_6_is_paired():
    # "$6 100-01/r": no script code, only the right-to-left marker
    record = read(PRINCETON, "4788443")
    out = convert_record(record)
    assert not [p for p in out.problems if p.tag == "880"]
    (agent,) = out.values(f"<{WORK}4788443> bf:contribution ?c . ?c a bf:PrimaryContribution ; bf:agent ?v")
    labels = tagged(out.literals(f"<{agent}> rdfs:label ?v"))
    assert len(labels) == 2 and [t for _, t in labels].count("ar") == 1
