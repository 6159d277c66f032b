"""Name normalisation, dates, statements of responsibility and name identity (kg.text.names)."""

import json
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from kgtest import SHARED
from kg.text.legacy import detect, encode
from kg.text.names import (
    Dates, block_keys, compatible, forms, normalise, role_terms, same_name, split_dates, strip_roles,
)
from kg.text.vietnamese import fold

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
MOJIBAKE = lambda s: s.encode("utf-8").decode("sloppy-windows-1252")  # noqa: E731  (ftfy codec, as real exports)


@pytest.mark.parametrize("raw, expected", [
    ("  Nguyá»…n   Du. ", "Nguyễn Du"),
    (NFD("Hồ Xuân Hương"), "Hồ Xuân Hương"),
    ("Đặng Thuỳ Trâm", "Đặng Thùy Trâm"),
    ("Lê Qúy Đôn,", "Lê Quý Đôn"),
    ("NguyÔn Du", "Nguyễn Du"),
    ("Nguyeãn Du", "Nguyễn Du"),
    ("NguyễnVănLong.", "Nguyễn Văn Long"),  # vnulib OPAC scrape: spaces lost around the highlight
    ("McDonald, J.", "McDonald, J."),
    ("Smith, John.", "Smith, John"),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("raw, name, dates", [
    ("Nguyễn Du, 1765-1820", "Nguyễn Du", Dates(1765, 1820)),
    ("Nguyễn Du, 1765-1820.", "Nguyễn Du", Dates(1765, 1820)),
    ("Nguyễn Du (1765-1820)", "Nguyễn Du", Dates(1765, 1820)),
    ("Nguyễn, Du, 1765-1820.", "Nguyễn, Du", Dates(1765, 1820)),
    ("Hoàng Cầm, 1922-", "Hoàng Cầm", Dates(1922, None)),
    ("Nguyễn Du, -1820", "Nguyễn Du", Dates(None, 1820)),
    ("Smith, John, b. 1920", "Smith, John", Dates(1920, None)),
    ("Smith, John, d. 1820", "Smith, John", Dates(None, 1820)),
    ("Nguyễn Văn A, sinh 1920", "Nguyễn Văn A", Dates(1920, None)),
    ("Nguyễn Văn A sinh năm 1920", "Nguyễn Văn A", Dates(1920, None)),
    ("Nguyễn Văn A, mất năm 1945", "Nguyễn Văn A", Dates(None, 1945)),
    ("Smith, John, fl. 1900", "Smith, John", Dates(1900, 1900, flourished=True)),
    ("Smith, John, 1890?-1950", "Smith, John", Dates(1890, 1950, approximate=True)),
    ("Smith, John, ca. 1890-1950", "Smith, John", Dates(1890, 1950, approximate=True)),
    ("Lê Quý Đôn, thế kỷ 18", "Lê Quý Đôn", Dates(1701, 1800, approximate=True, flourished=True)),
    ("Lê Quý Đôn, thế kỷ XVIII", "Lê Quý Đôn", Dates(1701, 1800, approximate=True, flourished=True)),
    ("Lý Công Uẩn, 974-1028", "Lý Công Uẩn", Dates(974, 1028)),
    ("Smith, John, 1920–2010", "Smith, John", Dates(1920, 2010)),
    ("Nguyễn Du", "Nguyễn Du", None),
    ("Nguyễn Du, 1765", "Nguyễn Du, 1765", None),  # birth or death? left alone
])
def test_split_dates(raw, name, dates):
    assert split_dates(raw) == (name, dates)


@pytest.mark.parametrize("a, b, expected", [
    (None, Dates(1765, 1820), True),
    (Dates(1920, None), Dates(1920, 2010), True),
    (Dates(None, 1820), Dates(1765, 1820), True),
    (Dates(1890, 1950, approximate=True), Dates(1892, 1950), True),
    (Dates(1890, 1950, approximate=True), Dates(1893, 1950), False),
    (Dates(1765, 1820), Dates(1766, 1820), False),
    (Dates(1922, 2010), Dates(1916, 1996), False),
    (Dates(1920, None), Dates(None, 1900), False),  # born after the other one died
    (Dates(1701, 1800, True, True), Dates(1765, 1820), True),
    (Dates(1900, 1900, flourished=True), Dates(1920, 2000), False),
])
def test_compatible(a, b, expected):
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected


@pytest.mark.parametrize("statement, names", [
    ("Huỳnh Phước Hải chủ biên, Nguyễn Văn Hòa.", ["Huỳnh Phước Hải", "Nguyễn Văn Hòa"]),
    ("Nguyễn Văn A (chủ biên) ; Trần B dịch", ["Nguyễn Văn A", "Trần B"]),
    ("Tô Hoài ; minh họa: Nguyễn Công Hoan", ["Tô Hoài", "Nguyễn Công Hoan"]),
    ("[và những người khác]", []),
    ("by John Smith ; translated by Jane Doe", ["John Smith", "Jane Doe"]),
    ("edited by John Smith and Jane Doe", ["John Smith", "Jane Doe"]),
    ("Lê Văn A ... [et al.]", ["Lê Văn A"]),
    ("Trần Hữu Luyến sưu tầm và biên soạn.", ["Trần Hữu Luyến"]),
    ("Nhiều tác giả ; Vũ Quang Dũng biên soạn, giới thiệu.", ["Vũ Quang Dũng"]),
    ("Nguyễn Đình Huy chủ biên; Lê Xuân Đại,... [và những người khác].", ["Nguyễn Đình Huy", "Lê Xuân Đại"]),
    ("Khoa Khoa học và Kỹ thuật Máy tính", ["Khoa Khoa học và Kỹ thuật Máy tính"]),
    ("Nguyễn Nhạc", ["Nguyễn Nhạc"]),  # a Tây Sơn emperor, not "Nguyễn" + composer
    ("Văn Cao nhạc ; Phạm Duy lời", ["Văn Cao", "Phạm Duy"]),
    ("Dịch và chú giải: Đào Duy Anh", ["Đào Duy Anh"]),
    ("NguyễnVănLong.", ["Nguyễn Văn Long"]),
])
def test_strip_roles(statement, names):
    assert strip_roles(statement) == names


def _contains_role(name: str, terms: frozenset[str]) -> bool:
    words = [w.strip(".:") for w in name.casefold().split()]
    return any(" ".join(words[i:j]) in terms for i in range(len(words)) for j in range(i + 1, len(words) + 1))


def test_strip_roles_on_every_vnulib_statement():
    records = json.loads((SHARED / "data" / "vi" / "vnulib_opac_scrape_178.json").read_text(encoding="utf-8"))
    assert len(records) == 178
    terms = role_terms()
    for record in records:
        names = strip_roles(record["author"])
        assert names, record["author"]
        for name in names:
            assert name.strip() and any(c.isalpha() for c in name), record["author"]
            assert not _contains_role(name, terms), (record["author"], name)
            assert "[" not in name and "..." not in name, (record["author"], name)


@pytest.mark.parametrize("name, expected", [
    ("Nguyễn Du", {"nguyễn du"}),
    ("Nguyễn, Du", {"nguyễn du", "du nguyễn"}),
    ("Smith, John", {"smith john", "john smith"}),
    ("Hồ Chí Minh, 1890-1969", {"hồ chí minh"}),
    ("Nguyễn, Văn A, Jr.", {"nguyễn văn a jr", "văn a nguyễn jr"}),
    ("Thuỷ", {"thủy"}),
    ("", set()),
])
def test_forms(name, expected):
    assert forms(name) == expected


def test_forms_ignore_typing_and_encoding():
    clean = forms("Nguyễn Du")
    for variant in (NFD("Nguyễn Du"), MOJIBAKE("Nguyễn Du"), encode("Nguyễn Du", "tcvn3"), encode("Nguyễn Du", "vni"),
                    "NGUYỄN DU.", "Nguyễn, Du, 1765-1820."):
        assert clean <= forms(variant), variant


SAME = [
    ("Nguyễn Du", "Nguyễn Du"),
    ("Nguyễn Du", "Nguyễn, Du"),
    ("Nguyễn Du", "nguyễn du"),
    ("Nguyễn Du.", "Nguyễn  Du"),
    ("Nguyễn Du", NFD("Nguyễn Du")),
    ("Nguyễn Du", "Nguyá»…n Du"),
    ("Nguyễn Du", "NguyÔn Du"),
    ("Nguyễn Du", "Nguyeãn Du"),
    ("Thuỷ", "Thủy"),
    ("Đặng Thuỳ Trâm", "Đặng Thùy Trâm"),
    ("Nguyễn Văn Hoà", "Nguyễn Văn Hòa"),
    ("Lê Qúy Đôn", "Lê Quý Đôn"),
    ("Hồ Chí Minh, 1890-1969", "Hồ Chí Minh"),
    ("Hồ Chí Minh, 1890-1969", "Hồ, Chí Minh, 1890-1969."),
    ("Nguyễn Du, 1765-1820", "Nguyễn Du (1765-1820)"),
    ("Hoàng Cầm, 1922-2010", "Hoàng Cầm, 1922-"),
    ("Nguyễn Du, -1820", "Nguyễn Du, 1765-1820"),
    ("Smith, John", "John Smith"),
    ("Smith, John, 1890?-1950", "John Smith, 1891-1950"),
    ("Nguyễn Du, thế kỷ 18", "Nguyễn Du, 1765-1820"),
    ("Đặng Thái Sơn", "§Æng Th¸i S¬n"),
    ("Trương Vĩnh Ký", "Tröông Vónh Kyù"),
    ("Nguyễn Văn Long", "NguyễnVănLong."),
    ("Phạm Quỳnh", "Phaïm Quyønh"),
    ("Xuân Diệu", "Xu©n DiÖu"),
    ("Tô Hoài", "TÔ HOÀI"),
    ("Hồ Xuân Hương", "Ho\u0302\u0300 Xua\u0302n Hu\u031bo\u031bng"),
    ("Nguyễn, Du, 1765-1820.", "Nguyễn Du, 1765-1820"),
    ("Nguyễn Trãi, 1380-1442", "Nguyễn Trãi, b. 1380"),
    ("Thủy", MOJIBAKE("Thuỷ")),
]
DIFFERENT = [
    ("Lê Văn Hưu", "Lễ Văn Hưu"),
    ("Lê", "Lệ"),
    ("Lễ", "Lệ"),
    ("Nguyễn Du", "Nguyên Du"),
    ("Đặng Thái Sơn", "Đăng Thái Sơn"),
    ("Nguyễn Văn Bách", "Nguyễn Văn Bạch"),
    ("Hoàng Cầm, 1922-2010", "Hoàng Cầm, 1916-1996"),
    ("Nguyễn Du", "Du Nguyễn"),
    ("Nguyễn Du", "Nguyễn Dư"),
    ("Trần Hưng Đạo", "Trần Hưng Dao"),
    ("Nguyễn Du, 1765-1820", "Nguyễn Du, 1766-1820"),
    ("Smith, John, fl. 1900", "John Smith, 1920-2000"),
    ("Nguyễn Văn A, b. 1920", "Nguyễn Văn A, d. 1900"),
    ("Nguyễn Du", ""),
    ("Nguyễn Văn Hòa", "Nguyễn Văn Hóa"),
    ("Phạm Quỳnh", "Phạm Quynh"),
    ("Đỗ Mười", "Đồ Mười"),
    ("Nguyễn Đình Thi", "Nguyễn Đình Thị"),
    ("Smith, John, Jr.", "Smith, John, Sr."),
    ("Nguyễn Du", "Nguyễn Dụ"),
    ("Nguyễn Du", NFD("Nguyễn Dũ")),
]


@pytest.mark.parametrize("a, b", SAME)
def test_same_name(a, b):
    assert same_name(a, b)
    assert same_name(b, a)


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_name(a, b):
    assert not same_name(a, b)
    assert not same_name(b, a)


def test_block_keys_find_what_tones_separate():
    assert block_keys("Lê Văn Hưu") == block_keys("Lễ Văn Hưu") == {"le van huu"}
    assert block_keys("Đặng Thái Sơn") & block_keys("Đăng Thái Sơn")


# --- properties -------------------------------------------------------------------------------

_SYLLABLES = ["Nguyễn", "Trần", "Lê", "Lễ", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
              "Dương", "Lý", "Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Xuân", "Hương", "Du", "Quý", "Đôn"]
# (classic, 1980 school) tone placements of the same syllable
_PLACEMENTS = [("Hòa", "Hoà"), ("Thủy", "Thuỷ"), ("Khỏe", "Khoẻ"), ("Thùy", "Thuỳ"), ("Quý", "Qúy"), ("Họa", "Hoạ"),
               ("Lũy", "Luỹ"), ("Tòa", "Toà"), ("Xòe", "Xoè"), ("Thụy", "Thuỵ")]

NAME_PARTS = st.lists(st.one_of(st.sampled_from(_SYLLABLES).map(lambda s: (s, s)), st.sampled_from(_PLACEMENTS)),
                      min_size=1, max_size=5)


def _name(parts, which, comma):
    words = [p[which] for p in parts]
    if comma and len(words) > 1:
        words[0] += ","
    return " ".join(words)


@settings(max_examples=150)
@given(NAME_PARTS, st.booleans())
def test_forms_same_for_both_tone_placements_and_nfd(parts, comma):
    classic, school = _name(parts, 0, comma), _name(parts, 1, comma)
    assert forms(classic) == forms(school) == forms(NFD(school))
    assert same_name(classic, school)
    assert block_keys(school) >= {fold(f) for f in forms(school)}


@settings(max_examples=150)
@given(NAME_PARTS, st.sampled_from(["tcvn3", "vni", "mojibake"]))
def test_forms_survive_legacy_and_mojibake(parts, damage):
    name = _name(parts, 0, False)
    damaged = MOJIBAKE(name) if damage == "mojibake" else encode(name, damage)
    # repaired, or left as it was when the text cannot prove its encoding (TCVN3 "Hßa" alone;
    # VNI "Leâ Leâ" also reads as TCVN3 "Leõ Leõ"): never turned into a third thing
    assert forms(damaged) in (forms(name), forms(unicodedata.normalize("NFC", damaged)))
    if damage == "mojibake" or detect(damaged):
        assert forms(damaged) == forms(name)


TEXT = st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyAĐđnghtcmpqrs ,.;-()0123456789") +
                                        ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "é", "ü", "ñ", "ø", "¶", "¾"]),
               max_size=30)


@settings(max_examples=300)
@given(TEXT)
def test_normalise_is_idempotent_and_forms_ignore_nfd(text):
    once = normalise(text)
    assert normalise(once) == once
    assert forms(text) == forms(NFD(text))
    assert block_keys(text) >= {fold(f) for f in forms(text)}
