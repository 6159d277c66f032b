"""TCVN3 and VNI-Windows text read as Windows-1252 (kg.text.legacy, tools/build_legacy_tables.py)."""

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from kg.text.legacy import decode, detect, encode, is_syllable, repair_legacy
from kg.text.legacy_tables import TCVN3
from kg.text.vietnamese import canonical_tones

ROOT = Path(__file__).resolve().parents[2]

# Every VNI-Windows modifier and single-byte letter, lower and upper case, on a real name syllable.
# (unicode, VNI as a Windows-1252 reading) — written by hand from the VNI layout, not from encode().
VNI_WORDS = [
    ("Lý", "Lyù"), ("Hoàng", "Hoaøng"), ("Bảo", "Baûo"), ("Vũ", "Vuõ"), ("Phạm", "Phaïm"),
    ("Tân", "Taân"), ("Tấn", "Taán"), ("Trần", "Traàn"), ("Thẩm", "Thaåm"), ("Nguyễn", "Nguyeãn"),
    ("Lập", "Laäp"), ("Văn", "Vaên"), ("Thắng", "Thaéng"), ("Hằng", "Haèng"), ("Hẳn", "Haún"),
    ("Nẵng", "Naüng"), ("Đặng", "Ñaëng"), ("Sơn", "Sôn"), ("Lợi", "Lôïi"), ("Trương", "Tröông"),
    ("Hưng", "Höng"), ("Đức", "Ñöùc"), ("Chí", "Chí"), ("Trình", "Trình"), ("Tỉnh", "Tænh"),
    ("Nghĩa", "Nghóa"), ("Thị", "Thò"), ("Mỵ", "Mî"), ("Quỳnh", "Quyønh"), ("Hồ", "Hoà"), ("đình", "ñình"),
    ("LÝ", "LYÙ"), ("HOÀNG", "HOAØNG"), ("BẢO", "BAÛO"), ("VŨ", "VUÕ"), ("PHẠM", "PHAÏM"),
    ("TÂN", "TAÂN"), ("TẤN", "TAÁN"), ("TRẦN", "TRAÀN"), ("THẨM", "THAÅM"), ("NGUYỄN", "NGUYEÃN"),
    ("LẬP", "LAÄP"), ("VĂN", "VAÊN"), ("THẮNG", "THAÉNG"), ("HẰNG", "HAÈNG"), ("HẲN", "HAÚN"),
    ("NẴNG", "NAÜNG"), ("ĐẶNG", "ÑAËNG"), ("SƠN", "SÔN"), ("TRƯƠNG", "TRÖÔNG"), ("ĐỨC", "ÑÖÙC"),
    ("CHÍ", "CHÍ"), ("TRÌNH", "TRÌNH"), ("TỈNH", "TÆNH"), ("NGHĨA", "NGHÓA"), ("THỊ", "THÒ"), ("MỴ", "MÎ"),
]


@pytest.mark.parametrize("word, vni", VNI_WORDS, ids=[w for w, _ in VNI_WORDS])
def test_vni_table_entry(word, vni):
    assert decode(vni, "vni") == word
    assert encode(word, "vni") == vni


def test_vni_table_covers_every_modifier_and_letter():
    used = {ch for _, vni in VNI_WORDS for ch in vni if not ch.isascii()}
    modifiers = set("ùøûõïâáàåãäêéèúüë")
    letters = set("ôöñíìæóòî")
    assert modifiers | {m.upper() for m in modifiers} | letters | {c.upper() for c in letters} <= used


@pytest.mark.parametrize("vni, expected", [
    ("Nguyeãn Du", "Nguyễn Du"),
    ("Ñaëng Thaùi Sôn", "Đặng Thái Sơn"),
    ("Tröông Vónh Kyù", "Trương Vĩnh Ký"),
    ("Hoà Chí Minh, 1890-1969 ; Traàn Phuù", "Hồ Chí Minh, 1890-1969 ; Trần Phú"),
    ("Phaïm Quyønh", "Phạm Quỳnh"),
    ("Mî Chaâu", "Mỵ Châu"),
    ("NGUYEÃN TRAÕI", "NGUYỄN TRÃI"),
    ("Thaønh phoá Hoà Chí Minh : Nhaø xuaát baûn Treû", "Thành phố Hồ Chí Minh : Nhà xuất bản Trẻ"),
])
def test_vni_detected_and_repaired(vni, expected):
    assert repair_legacy(vni) == (expected, "vni")


@pytest.mark.parametrize("tcvn3, expected", [
    ("B\xb6o Th\xbeng", "Bảo Thắng"),
    ("§Æng Th¸i S¬n", "Đặng Thái Sơn"),
    ("NguyÔn Du", "Nguyễn Du"),
    ("Xu©n DiÖu", "Xuân Diệu"),
    ("Hå ChÝ Minh, 1890-1969", "Hồ Chí Minh, 1890-1969"),
    ("Tr\xad¬ng VÜnh Ký", "Trương Vĩnh Ký"),
    ("Hµ Néi : Nxb. V¨n häc", "Hà Nội : Nxb. Văn học"),
    ("NGUYÔN TR·I", "NGUYỄN TRÃI"),  # a capitals (.VnTimeH) font: toned letters keep lower-case codes
])
def test_tcvn3_detected_and_repaired(tcvn3, expected):
    assert repair_legacy(tcvn3) == (expected, "tcvn3")


def test_vni_that_reads_as_valid_unicode_is_left_alone():
    # VNI "Hoà" (Hồ) is also the new-style spelling of Unicode "Hòa": with nothing else in the
    # string to tell, the text stays as typed.
    assert repair_legacy("Hoà Chí Minh") == ("Hoà Chí Minh", None)


def test_tcvn3_control_range_capitals_read_through_windows_1252_and_latin_1():
    assert decode("\x80", "tcvn3") == decode("€", "tcvn3") == "À"  # 0x80: € in cp1252, U+0080 in Latin-1
    assert decode("a\xb0", "tcvn3") == "à"  # a standalone tone byte composes (NFC)


@pytest.mark.parametrize("text", [
    "Café", "Müller", "Señor", "Ørsted", "Zoë", "Ångström", "São Paulo", "où", "là", "Sá Carneiro, Mário",
    "Gabriel García Márquez", "Søren Kierkegaard", "Françoise Sagan", "Jón Þórsson", "Dvořák", "Hélène",
    "Nguyễn Du", "Hoà Bình", "Đặng Thái Sơn", "Trương Vĩnh Ký", "Thuỷ", "", "Smith, John",
])
def test_other_languages_and_unicode_vietnamese_are_left_alone(text):
    assert detect(text) is None
    assert repair_legacy(text) == (text, None)


@pytest.mark.parametrize("word", ["Nguyễn", "người", "quốc", "giường", "khuỷu", "ngoẹo", "Thuỷ", "hoà", "Qúy",
                                  "gì", "quýt", "huỳnh", "chuyện", "ĐẶNG", "tiếng", "oái", "Ngh\u0129a"])
def test_syllables(word):
    assert is_syllable(word)
    assert is_syllable(unicodedata.normalize("NFD", word))


@pytest.mark.parametrize("word", ["Café", "Müller", "hat", "ghan", "ngem", "tiên̉", "aă", "xyz", "Nguyễnn",
                                  "Zoë", "tuỹn", "ba1", "Mỹller", "ngoắc̣", "", "lâp", "boong̀"])
def test_not_syllables(word):
    assert not is_syllable(word)


@pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc iconv not installed")
def test_tcvn3_table_is_what_iconv_says():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_legacy_tables.py"), "--check"])
    assert done.returncode == 0
    assert TCVN3[0xB6] == "ả" and TCVN3[0xBE] == "ắ" and TCVN3[0xA7] == "Đ" and TCVN3[0xB0] == "\u0300"


# --- properties -------------------------------------------------------------------------------

_INITIALS = "b c ch d đ g gi h kh l m n ng nh ph qu s t th tr v x".split() + [""]
_RIMES = "a ai ao an ang anh at ac ă ăn ăng ắc â ân âng ât ây e en eo ê ên êu i in inh ich o oa oai oan oang " \
         "ô ôi ông ơ ơi u ui un ung uy uyên uôn uông ư ưa ươi ương ươc iêt y".split()
_TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]


@st.composite
def syllables(draw):
    base = draw(st.sampled_from(_INITIALS)) + draw(st.sampled_from(_RIMES))
    word = unicodedata.normalize("NFC", base[:1] + unicodedata.normalize("NFD", base[1:]) + draw(st.sampled_from(_TONES)))
    word = canonical_tones(word)
    if draw(st.booleans()):
        word = word.capitalize()
    return word


VIETNAMESE_TEXT = st.lists(st.one_of(syllables().filter(is_syllable), st.from_regex(r"[A-Za-z0-9.,;:()-]{1,8}", fullmatch=True)),
                           min_size=1, max_size=8).map(" ".join)


@settings(max_examples=200)
@given(VIETNAMESE_TEXT)
def test_vietnamese_unicode_or_ascii_is_never_changed(text):
    assert repair_legacy(text) == (text, None)


@settings(max_examples=200)
@given(VIETNAMESE_TEXT, st.sampled_from(["tcvn3", "vni"]))
def test_round_trip_and_never_the_wrong_encoding(text, encoding):
    legacy = encode(text, encoding)
    assert decode(legacy, encoding) == text
    assert detect(legacy) in (encoding, None)
