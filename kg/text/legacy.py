"""Vietnamese text typed in the 8-bit font encodings of the 1990s, read back as Windows-1252.

Catalogues built before Unicode (CDS/ISIS, early Libol, Word files imported into Koha) hold
Vietnamese in one of two font encodings, and an export that declares Latin-1 or Windows-1252
turns it into look-alike Latin text:

- **TCVN3** (ABC, TCVN 5712:1993 VN3, the .VnTime fonts of northern offices): one byte per
  letter.  ``B\\xb6o Th\\xbeng`` reads ``B¶o Th¾ng`` and is *Bảo Thắng*.  The table is generated
  from glibc iconv (``tools/build_legacy_tables.py`` → ``legacy_tables.py``).
- **VNI-Windows** (the VNI fonts of the south and overseas): a base letter followed by a
  modifier byte, so ``Nguyễn`` is ``Nguyeãn`` and ``Trương`` is ``Tröông``.  iconv does not know
  it; the table is written below from VNI's published layout.

A wrong guess would corrupt correct data, so ``detect`` is conservative.  It answers only when the
text holds nothing but Windows-1252/Latin-1 characters (real Unicode Vietnamese almost always has
ă, ơ, ư, đ or a letter of the Latin Extended Additional block, which no legacy reading produces),
at least one non-ASCII word is *not* Vietnamese as it stands (``Hoà``, ``Sá``: leave them),
every non-ASCII word of the decoding is a valid Vietnamese syllable (:func:`is_syllable`), the
decoding gains a letter only Vietnamese uses, and exactly one encoding passes.  French, German,
Spanish or Nordic names never pass: ``Café`` would become ``Cafộ``, ``Müller`` ``Mỹller``, and
no Vietnamese syllable has an *f* or ends in *ller*.  The price: a legacy string whose words
run together (``lậptrình``, the vnulib scrape's defect) or holds a loanword (``tôpô``) stays as
it is.

>>> repair_legacy("B\\xb6o Th\\xbeng")
('Bảo Thắng', 'tcvn3')
>>> repair_legacy("Nguyeãn Tröông Ñaëng")
('Nguyễn Trương Đặng', 'vni')
>>> [repair_legacy(s)[1] for s in ("Café", "Müller", "Señor", "Ørsted", "Zoë", "Ångström", "São Paulo")]
[None, None, None, None, None, None, None]
>>> repair_legacy("Nguyễn Du")
('Nguyễn Du', None)
>>> is_syllable("Nguyễn"), is_syllable("ngoẹo"), is_syllable("Müller"), is_syllable("hat")
(True, True, False, False)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .legacy_tables import TCVN3

ENCODINGS = ("tcvn3", "vni")

# --- Vietnamese syllables --------------------------------------------------------------------

_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_TONES = frozenset((_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT))
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_QUALITY = {"a": (_BREVE, _CIRCUMFLEX), "e": (_CIRCUMFLEX,), "o": (_CIRCUMFLEX, _HORN), "u": (_HORN,)}
_VOWELS = frozenset("aăâeêioôơuưy")
_CONSONANTS = frozenset("bcdđghklmnpqrstvx")
_INITIALS = frozenset("b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split()) | {""}
_FINALS = frozenset("c ch m n ng nh p t".split()) | {""}
_STOPS = frozenset("c ch p t".split())  # after these only the sắc and nặng tones occur
_NUCLEI = frozenset("""a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi
    oo ua uâ uê ui uô uơ ưa ưi ươ ưu uy yê iêu yêu oai oay oao oeo uây uôi ươi ươu uyê uya uyu""".split())
_NEEDS_FINAL = frozenset("ă â iê yê uô ươ uyê oă uâ oo".split())
_OPEN_ONLY = frozenset("""ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu uơ iêu yêu oai oay
    oao oeo uây uôi ươi ươu uya uyu""".split())


@lru_cache(maxsize=1 << 16)  # ~7,000 syllables exist; foreign words are few and repeat
def is_syllable(word: str) -> bool:
    """True if ``word`` (any case, NFC or NFD) is one well-formed syllable of Vietnamese.

    Initial consonant + vowel nucleus + final consonant, with the spelling rules that matter for
    telling Vietnamese from a mis-decoded Latin word: at most one tone mark, quality marks only
    where the alphabet has them (ă â ê ô ơ ư), ``gh``/``ngh`` only before e, ê, i and ``c``/``ng``
    never there, nuclei like *iê* and *uô* only before a final, *ai* or *ưu* never, and a final
    p, t, c or ch only with the sắc or nặng tone (``hát``, ``học``, never ``hat``).
    """
    letters: list[str] = []
    tone = ""
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONES:
            if tone or not letters or letters[-1][0] not in "aeiouy":
                return False
            tone = ch
        elif unicodedata.combining(ch):
            if not letters or len(letters[-1]) > 1 or ch not in _QUALITY.get(letters[-1], ()):
                return False
            letters[-1] += ch
        elif ch in _CONSONANTS or ch in "aeiouy":
            letters.append(ch)
        else:
            return False
    s = [unicodedata.normalize("NFC", x) for x in letters]
    i = 0
    while i < len(s) and s[i] not in _VOWELS:
        i += 1
    initial = "".join(s[:i])
    if i + 1 < len(s) and s[i + 1] in _VOWELS and (initial, s[i]) in (("q", "u"), ("g", "i")):
        initial, i = initial + s[i], i + 1  # "qu" and "gi" before a vowel are consonants
    j = i
    while j < len(s) and s[j] in _VOWELS:
        j += 1
    nucleus, final = "".join(s[i:j]), "".join(s[j:])
    if initial not in _INITIALS or nucleus not in _NUCLEI or final not in _FINALS:
        return False
    if (final and nucleus in _OPEN_ONLY) or (not final and nucleus in _NEEDS_FINAL):
        return False
    if nucleus in ("y", "uy") and final not in ("", "nh", "t", "ch"):
        return False  # quýt, huỳnh, huých; never "tuỹn"
    front = nucleus[0] in "eêi"
    if (initial in ("gh", "ngh") and not front) or (initial in ("c", "ng") and front):
        return False
    return not (final in _STOPS and tone not in (_ACUTE, _DOT))


# --- the two encodings ----------------------------------------------------------------------


def _readings(byte: int) -> set[str]:
    """How one byte shows up after a Windows-1252 or a Latin-1 misreading."""
    out = {bytes([byte]).decode("latin-1")}
    try:
        out.add(bytes([byte]).decode("cp1252"))
    except UnicodeDecodeError:
        pass  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in Windows-1252, Latin-1 C1 controls
    return out


_TCVN3_MAP = {ord(r): char for byte, char in TCVN3.items() for r in _readings(byte)}
_TCVN3_ENCODE = {char: bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte, char in TCVN3.items()}
# Only the VN3 subset the .VnTime fonts use (lower-case letters, tone marks, Ă Â Ê Ô Ơ Ư Đ) is
# evidence of TCVN3; VN1's extra capitals sit on C0/C1 controls and Latin-1 letters like "à".
_TCVN3_TYPICAL = frozenset(
    r for byte, char in TCVN3.items() if byte >= 0xA1 and (char.islower() or byte <= 0xA7 or unicodedata.combining(char))
    for r in _readings(byte)
)

# VNI-Windows.  Source: the VNI-Windows layout published by VNI Software Co. as tabulated in the
# xvnkb keyboard driver's ``vni.h`` (Dao Hai Lam, 2002, github.com/lamdao/xvnkb): per vowel the
# order  plain, sắc (ù), huyền (ø), hỏi (û), ngã (õ), nặng (ï); "â" adds the circumflex, "ê" the
# breve; horned o/u and đ are single bytes (ô = ơ, ö = ư, ñ = đ), i takes single bytes for every
# tone (í ì æ ó ò) and ỵ is î.  Upper case: the same bytes upper-cased (AÙ = Á, Ö = Ư, Ñ = Đ).
# NB: ì is ì and í is í (not ỉ/ị): the hook and dot i are æ and ò.
_VNI_TONE = {"": "", _ACUTE: "ù", _GRAVE: "ø", _HOOK: "û", _TILDE: "õ", _DOT: "ï"}
_VNI_CIRCUMFLEX = {"": "â", _ACUTE: "á", _GRAVE: "à", _HOOK: "å", _TILDE: "ã", _DOT: "ä"}
_VNI_BREVE = {"": "ê", _ACUTE: "é", _GRAVE: "è", _HOOK: "ú", _TILDE: "ü", _DOT: "ë"}
_VNI_I = {"": "i", _ACUTE: "í", _GRAVE: "ì", _HOOK: "æ", _TILDE: "ó", _DOT: "ò"}
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "î": "ỵ"}

_VNI_MARKS = {  # modifier byte → combining marks added to the preceding vowel
    m.upper() if upper else m: quality + tone
    for quality, table in (("", _VNI_TONE), (_CIRCUMFLEX, _VNI_CIRCUMFLEX), (_BREVE, _VNI_BREVE))
    for tone, m in table.items() if m
    for upper in (False, True)
}
_VNI_LETTERS = {
    **_VNI_SINGLE, **{k.upper(): v.upper() for k, v in _VNI_SINGLE.items()},
    **{m: unicodedata.normalize("NFC", "i" + t) for t, m in _VNI_I.items() if t},
    **{m.upper(): unicodedata.normalize("NFC", "I" + t) for t, m in _VNI_I.items() if t},
}
_VNI_BASES = frozenset("aeouyơưAEOUYƠƯ")
_VNI_TYPICAL = re.compile("[%s]|[aeouyôöAEOUYÔÖ][%s]" % ("".join(_VNI_LETTERS), "".join(_VNI_MARKS)))


def _decode_vni(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if ch in _VNI_MARKS and out and out[-1][0] in _VNI_BASES:
            out[-1] += _VNI_MARKS[ch]
        else:
            out.append(_VNI_LETTERS.get(ch, ch))
    return unicodedata.normalize("NFC", "".join(out))


def _encode_vni_letter(letter: str) -> str:
    d = unicodedata.normalize("NFD", letter)
    base, marks = d[0], d[1:]
    tone = next((m for m in marks if m in _TONES), "")
    quality = next((m for m in marks if m not in _TONES), "")
    upper, low = base.isupper(), base.lower()
    if low == "đ":
        out = "ñ"
    elif low == "i":
        out = _VNI_I[tone]
    elif low == "y" and tone == _DOT:
        out = "î"
    elif quality == _HORN:
        out = {"o": "ô", "u": "ö"}[low] + _VNI_TONE[tone]
    elif quality:
        out = low + (_VNI_CIRCUMFLEX if quality == _CIRCUMFLEX else _VNI_BREVE)[tone]
    else:
        out = low + _VNI_TONE[tone]
    return out.upper() if upper else out


def decode(text: str, encoding: str) -> str:
    """Read ``text`` (a Windows-1252/Latin-1 misreading) as ``encoding``, unconditionally."""
    if encoding == "tcvn3":
        return _hfont(unicodedata.normalize("NFC", text.translate(_TCVN3_MAP)))
    if encoding == "vni":
        return _decode_vni(text)
    raise ValueError(f"unknown legacy encoding {encoding!r}: expected one of {ENCODINGS}")


def encode(text: str, encoding: str) -> str:
    """The misreading ``decode`` undoes: Vietnamese → legacy bytes → Windows-1252 text (for tests)."""
    text = unicodedata.normalize("NFC", text)
    if encoding == "tcvn3":
        return "".join(_TCVN3_ENCODE.get(ch, ch) for ch in text)
    if encoding == "vni":
        return "".join(_encode_vni_letter(ch) if _is_vietnamese_letter(ch) else ch for ch in text)
    raise ValueError(f"unknown legacy encoding {encoding!r}: expected one of {ENCODINGS}")


def _is_vietnamese_letter(ch: str) -> bool:
    d = unicodedata.normalize("NFD", ch)
    marks = d[1:]
    return (not ch.isascii() and d[0].lower() in "aeiouyđ" and sum(m in _TONES for m in marks) <= 1
            and sum(m in (_BREVE, _CIRCUMFLEX, _HORN) for m in marks) == len(marks) - sum(m in _TONES for m in marks) <= 1)


_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
_SYMBOLS = frozenset(c for c in map(chr, range(0xA1, 0x100)) if not c.isalpha()) | {"µ", "ª", "º", "\xad"}
_LEGACY_REPERTOIRE = frozenset(chr(b) for b in range(256)) | {bytes([b]).decode("cp1252", "ignore") for b in range(128, 160)}


def _hfont(text: str) -> str:
    """Upper-case words typed with a TCVN3 capitals font: "NGUYễN" (the .VnTimeH fonts draw the
    lower-case toned letters as capitals, so all-caps headings mix both codes)."""
    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        ascii_letters = [c for c in w if c.isascii()]
        return w.upper() if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters) else w
    return _WORD.sub(fix, text) if text != text.lower() else text


def _all_vietnamese(token: str) -> bool:
    runs = _WORD.findall(token)
    if any(not ch.isascii() for ch in _WORD.sub("", token)):
        return False  # a symbol the decoding left behind ("§inh" read as VNI)
    return bool(runs) and all(is_syllable(r) and not _camel(r) for r in runs)


def _camel(word: str) -> bool:
    """An ASCII lower-case letter before a capital: "lỔ" (French "là" read as VN1) is no word."""
    return any(a.isascii() and a.islower() and b.isupper() for a, b in zip(word, word[1:]))


def _plausible(tokens: list[str], encoding: str) -> bool:
    """Every word that is not plain ASCII afterwards is Vietnamese, and the text either gained a
    letter only Vietnamese uses (ă ơ ư đ ạ ả ấ …), lost a symbol that has no business inside a
    word (TCVN3 "Hµ" → "Hà") or changed in two words at least.  French "où" read as VNI gives "ó", a valid syllable, but nothing
    a Latin-1 text could not already say; Portuguese "Mãe" read as TCVN3 gives "Móe", likewise."""
    evidence, changed = False, 0
    for token in tokens:
        decoded = decode(token, encoding)
        if not decoded.isascii() and not _all_vietnamese(decoded):
            return False
        changed += decoded != token
        evidence = evidence or not set(decoded) <= _LEGACY_REPERTOIRE or (
            decoded != token and any(c in _SYMBOLS for c in token))
    return evidence or changed >= 2  # "Bïi Hßa": two words that only make sense as TCVN3


@lru_cache(maxsize=1 << 14)
def detect(text: str) -> str | None:
    """``"tcvn3"``, ``"vni"`` or None; None also when both readings would be plausible."""
    if text.isascii() or not set(text) <= _LEGACY_REPERTOIRE:
        return None
    tokens = text.split()
    if all(_all_vietnamese(unicodedata.normalize("NFC", t)) for t in tokens if not t.isascii()):
        return None  # "Hoà", "Sá", "là": already Vietnamese (or Portuguese) as they stand
    found = []
    if _TCVN3_TYPICAL.intersection(text) and _plausible(tokens, "tcvn3"):
        found.append("tcvn3")
    if _VNI_TYPICAL.search(text) and _plausible(tokens, "vni"):
        found.append("vni")
    return found[0] if len(found) == 1 else None


def repair_legacy(text: str) -> tuple[str, str | None]:
    """``(decoded text, encoding)`` when :func:`detect` recognises one, else ``(text, None)``."""
    encoding = detect(text)
    return (decode(text, encoding), encoding) if encoding else (text, None)
