"""Repairs applied to every value read: mojibake, NFC, control characters."""

import unicodedata

from hypothesis import given, strategies as st

from kgtest import double_encode

from kg.text.repair import CONTROLS_REMOVED, MOJIBAKE_FIXED, NFC_FIXED, clean

VIETNAMESE = st.text(alphabet=st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ .,-") + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
), max_size=40)


def test_double_encoded_vietnamese_from_uefl_export():
    assert clean("Thá»‹ trÆ°á»\x9dng chá»©ng khoÃ¡n") == ("Thị trường chứng khoán", (MOJIBAKE_FIXED,))


def test_clean_vietnamese_is_left_alone():
    for text in ("Nguyễn Du", "Truyện Kiều", "Hà Nội : Văn học, 2016", "Âu Cơ", "Ưu đãi"):
        assert clean(text) == (text, ())


def test_nfd_is_normalised():
    assert clean(unicodedata.normalize("NFD", "Đặng Thùy Trâm")) == ("Đặng Thùy Trâm", (NFC_FIXED,))


def test_control_characters_are_removed_and_line_breaks_become_spaces():
    assert clean("a\x00b\nc") == ("ab c", (CONTROLS_REMOVED,))


@given(VIETNAMESE)
def test_output_is_always_nfc(text):
    out, _ = clean(text)
    assert unicodedata.is_normalized("NFC", out)


@given(st.text(max_size=60))
def test_any_text_is_cleaned_without_error_to_nfc_without_controls(text):
    out, _ = clean(text)
    assert unicodedata.is_normalized("NFC", out)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in out)


WORDS = st.lists(st.sampled_from(["Nguyễn", "Trường", "Hà Nội", "thị", "trường", "chứng", "khoán", "Việt",
                                  "Văn học", "tiền", "phong", "Hồ", "Xuân", "Hương", "Đặng", "Thùy", "Trâm"]),
                 min_size=1, max_size=6)


@given(WORDS)
def test_mojibake_of_vietnamese_text_is_undone(words):
    text = " ".join(words)
    expected = () if text.isascii() else (MOJIBAKE_FIXED,)
    assert clean(double_encode(text)) == (text, expected)
