"""Repairs applied to every decoded MARC value, each one reported by name.

Real Vietnamese exports carry three kinds of damage that can be undone safely:

- **double-encoded UTF-8** ("Nguyá»…n" for "Nguyễn"): UTF-8 bytes decoded once as
  Windows-1252 and encoded again.  Seen in the UEFL 653 fields and the whole Libol text export in
  ``shared/data/marc/vietnamese``.  ftfy undoes it; a cheap pattern check first keeps ftfy off
  the ~99 % of values that are clean.
- **decomposed (NFD) or mixed normalisation** ("Đức" typed as ư + U+0301): NFC.
- **control characters** that are invalid in RDF/XML and break terminals: removed (tab and
  line breaks become spaces).

>>> clean("Nguy\\u1ec5n Du")
('Nguyễn Du', ())
>>> clean("Nguyá»…n Du")
('Nguyễn Du', ('double-encoded UTF-8 repaired',))
>>> clean("Thá»‹ trÆ°á»\\x9dng")
('Thị trường', ('double-encoded UTF-8 repaired',))
>>> clean("Ho\\u0302\\u0300 Xua\\u0302n Hu\\u031bo\\u031bng")
('Hồ Xuân Hương', ('decomposed Unicode (NFD) normalised to NFC',))
"""

from __future__ import annotations

import re
import unicodedata

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec)

MOJIBAKE_FIXED = "double-encoded UTF-8 repaired"
NFC_FIXED = "decomposed Unicode (NFD) normalised to NFC"
CONTROLS_REMOVED = "control characters removed"
REPLACEMENT_CHAR = "undecodable bytes replaced by U+FFFD"

# A UTF-8 lead byte read as Windows-1252/Latin-1 (Â..ï) followed by a continuation byte read the
# same way (U+0080..U+00BF or the Windows-1252 letters that sit at 0x80..0x9F).
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINEBREAKS = re.compile("[\t\n\r]")


def fix_mojibake(text: str) -> str:
    """Undo double-encoded UTF-8 when it is plainly there; otherwise return ``text`` unchanged.

    ftfy first; its badness heuristics miss some short Vietnamese strings (it leaves the
    issue's own example "Nguyá»…n" alone), so when the pattern is there and ftfy declined, the
    whole string is re-encoded as (sloppy) Windows-1252 and decoded as UTF-8.  That round trip
    only succeeds on genuine double encoding: ordinary Latin-1 text almost never forms valid
    UTF-8 sequences, and text with characters outside Windows-1252 cannot be re-encoded at all.

    Text that went through two such tools is double-encoded twice ("NguyÃ¡Â»â€¦n"): each pass
    undoes one layer, so passes are repeated while they change something (at most three).
    """
    for _ in range(3):
        fixed = _fix_layer(text)
        if fixed == text:
            break
        text = fixed
    return text


def _fix_layer(text: str) -> str:
    if not _MOJIBAKE_HINT.search(text):
        return text
    fixed = ftfy.fix_encoding(text)
    if fixed != text:
        return fixed
    try:
        candidate = text.encode("sloppy-windows-1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text
    return candidate if not _MOJIBAKE_HINT.search(candidate) else text


def clean(text: str) -> tuple[str, tuple[str, ...]]:
    """Return the repaired text and the names of the repairs made (empty when none)."""
    if text.isascii():
        if _CONTROLS.search(text) is None and _LINEBREAKS.search(text) is None:
            return text, ()
        text = _LINEBREAKS.sub(" ", text)
        cleaned = _CONTROLS.sub("", text)
        return cleaned, ((CONTROLS_REMOVED,) if cleaned != text else ())
    repairs: list[str] = []
    fixed = fix_mojibake(text)
    if fixed != text:
        repairs.append(MOJIBAKE_FIXED)
        text = fixed
    if _LINEBREAKS.search(text):
        text = _LINEBREAKS.sub(" ", text)
    controls = _CONTROLS.search(text) is not None
    if controls:
        # before NFC: a control between a letter and its combining mark ("a\x00\u0306") keeps
        # them apart, and removed afterwards it would leave them uncomposed (found by bench/fuzz_text.py)
        text = _CONTROLS.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        repairs.append(NFC_FIXED)
    if controls:
        repairs.append(CONTROLS_REMOVED)
    return text, tuple(repairs)
