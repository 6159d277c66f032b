"""The heading key that decides agent and concept identity (kg.text.heading, kg.text.punctuation)."""

import unicodedata

from hypothesis import given, strategies as st

from kg.text.heading import heading_key, heading_label, slug
from kg.text.punctuation import trim, trim_period


def test_isbd_punctuation():
    assert trim("Truyện Kiều /") == "Truyện Kiều"
    assert trim("H. :") == "H."
    assert trim_period("Triết học.") == "Triết học"
    assert trim_period("260 tr.") == "260 tr."
    assert trim_period("Kipling, R.") == "Kipling, R."
    assert trim_period("Nguyễn Viết Kính,...") == "Nguyễn Viết Kính,..."
    assert trim_period("Nguyễn, Du, 1765-1820.") == "Nguyễn, Du, 1765-1820"


def test_same_heading_different_typing_same_key():
    assert heading_key("Nguyễn Du.") == heading_key("nguyễn  du")
    assert heading_key("Hồ Xuân Hương") == heading_key(unicodedata.normalize("NFD", "Hồ Xuân Hương"))
    assert heading_key("Đặng Thuỳ Trâm") == heading_key("Đặng Thùy Trâm")


def test_tones_decide():
    assert heading_key("Nguyễn Du") != heading_key("Nguyễn Dữ")
    assert heading_key("Lê Văn Hưu") != heading_key("Lễ Văn Hưu")


def test_label_keeps_case_and_trims():
    assert heading_label("Hoà Bình :") == "Hòa Bình"


def test_slug_is_ascii_and_readable():
    assert slug("Nguyễn Du, 1765-1820") == "nguyen-du-1765-1820"
    assert slug("東海道") == "x"


@given(st.text(max_size=50))
def test_key_is_stable_under_renormalisation(text):
    assert heading_key(unicodedata.normalize("NFC", text)) == heading_key(unicodedata.normalize("NFC", text))
    assert slug(text).isascii()
