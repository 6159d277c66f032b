"""MARC-8 decoding with error accounting."""

from hypothesis import given, strategies as st

from kg.marc import marc8


def test_ansel_combining_marks_follow_their_base_in_unicode():
    assert marc8.decode(b"Bront\xe8e")[0] == "Brontë"
    assert marc8.decode(b"\xe2Ecole")[0] == "École"


def test_escape_to_cyrillic_and_back():
    text, errors = marc8.decode(b"\x1b(NPRIWET\x1b(B ok")
    assert errors == []
    assert text == "привет ok"


def test_eacc_three_byte_characters():
    text, errors = marc8.decode(b"\x1b$1\x21\x30\x64\x1b(B")  # EACC 0x213064
    assert errors == [] and len(text) == 1 and ord(text) > 0x2E80


def test_undefined_byte_is_replaced_and_reported():
    text, errors = marc8.decode(b"abc\xfd")
    assert text == "abc\ufffd" and errors and "0xfd" in errors[0]


def test_truncated_escape_is_reported():
    text, errors = marc8.decode(b"abc\x1b(")
    assert text == "abc" and "incomplete" in errors[0]


def test_subfield_delimiters_pass_through():
    assert marc8.decode(b"\x1faA\x1fbB")[0] == "\x1faA\x1fbB"


@given(st.binary(max_size=200))
def test_never_raises_and_returns_nfc(data):
    import unicodedata

    text, errors = marc8.decode(data)
    assert isinstance(text, str) and isinstance(errors, list)
    assert unicodedata.is_normalized("NFC", text)
