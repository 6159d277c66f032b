"""Tone placement and folding (kg.text.vietnamese)."""

import unicodedata

import pytest
from hypothesis import given, strategies as st

from kg.text.vietnamese import canonical_tones, fold


@pytest.mark.parametrize("old, new", [
    ("hoà", "hòa"), ("Hoà Bình", "Hòa Bình"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("Qúy", "Quý"),
    ("quỳnh", "quỳnh"), ("gìa", "già"), ("hoạ sĩ", "họa sĩ"), ("Thuỳ", "Thùy"), ("luỹ", "lũy"),
])
def test_old_and_new_placements_become_one(old, new):
    assert canonical_tones(old) == new
    assert canonical_tones(new) == new


@pytest.mark.parametrize("word", [
    "Nguyễn", "người", "Trường", "quốc", "giường", "khuỷu", "ngoài", "chuyện", "thuở", "Đặng", "Hương", "tiền",
    "toán", "hoàng", "quyển", "Lê", "Lễ", "Lệ", "Bách", "Bạch",
])
def test_correctly_placed_words_are_unchanged(word):
    assert canonical_tones(word) == word


def test_tone_marks_are_never_removed():
    for a, b in [("Lê", "Lễ"), ("Nguyễn", "Nguyên"), ("Đặng", "Đăng"), ("Bách", "Bạch")]:
        assert canonical_tones(a) != canonical_tones(b)


def test_non_vietnamese_text_is_untouched():
    for text in ("Brontë", "Ильина", "東海道", "naïve café", "Zoë"):
        assert canonical_tones(text) == text


def test_fold():
    assert fold("Đặng Thùy Trâm") == "dang thuy tram"
    assert fold("NGUYỄN, Du.") == "nguyen du"


WORDS = st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyqgkhntcmpđ") + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]), max_size=8)


@given(st.lists(WORDS, max_size=5))
def test_canonical_tones_is_idempotent_nfc_and_preserves_fold(words):
    text = unicodedata.normalize("NFC", " ".join(words))
    once = canonical_tones(text)
    assert canonical_tones(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert fold(once) == fold(text)
