"""Vietnamese orthography: one canonical tone-mark placement, and a folded key for recall.

Two placements of the tone mark are in daily use and both appear in library catalogues:

- in the open diphthongs *oa, oe, uy* the older ("classic") habit writes the tone on the first
  vowel — ``hòa``, ``khỏe``, ``thủy`` — the 1980 school orthography on the second — ``hoà``,
  ``khoẻ``, ``thuỷ``;
- typing slips put the tone on the *u* of *qu* or the *i* of *gi* (``Qúy``, ``gìa``), where it
  never belongs.

``canonical_tones`` rewrites every syllable to the classic placement (the one Vietnamese
library authority files and the Unicode keyboard default use), so ``hoà``/``hòa`` and
``Qúy``/``Quý`` compare equal *while tone marks themselves stay*: ``Lê``, ``Lễ`` and ``Lệ``
remain three different names.  ``fold`` removes tones and vowel marks and turns đ into d — it
is only for finding candidates, never for deciding that two names are the same.

>>> canonical_tones("Thuỷ Hoà Qúy gìa")
'Thủy Hòa Quý già'
>>> canonical_tones("Nguyễn Du") == "Nguyễn Du"
True
>>> fold("Đặng Thùy Trâm")
'dang thuy tram'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# combining tone marks: grave, acute, tilde, hook above, dot below
TONES = "\u0300\u0301\u0303\u0309\u0323"
_TONE_SET = frozenset(TONES)
# vowels carrying a quality mark (after NFD these are base + U+0306/U+0302/U+031B)
_QUALITY = frozenset("\u0306\u0302\u031b")
_VOWELS = frozenset("aeiouyAEIOUY")
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+", re.UNICODE)
_INITIALS = frozenset("b c ch d đ g gh gi h k kh l m n ng ngh nh p ph q qu r s t th tr v x".split()) | {""}
_FINALS = frozenset("c ch m n ng nh p t".split()) | {""}


@lru_cache(maxsize=1 << 16)  # Vietnamese has ~7,000 distinct syllables: the cache holds them all
def _place(syllable: str) -> str:
    """Re-place the tone of one NFC syllable; return it unchanged if it is not Vietnamese-like."""
    d = unicodedata.normalize("NFD", syllable)
    tone = None
    letters: list[list[str]] = []  # each: [base, *marks]
    for ch in d:
        if ch in _TONE_SET:
            if tone is not None:
                return syllable  # two tone marks: not a Vietnamese syllable, leave it
            tone = ch
        elif unicodedata.combining(ch):
            if not letters:
                return syllable
            letters[-1].append(ch)
        else:
            letters.append([ch])
    if tone is None:
        return syllable
    bases = [l[0] for l in letters]
    lower = "".join(bases).lower()
    # the vowel nucleus: skip the initial consonant(s); 'qu' and 'gi' (before a vowel) are consonants
    start = 0
    while start < len(bases) and bases[start] not in _VOWELS:
        start += 1
    if start >= len(bases):
        return syllable
    if start > 0 and lower[start - 1] == "q" and lower[start] == "u":
        start += 1
    elif start > 0 and lower[start - 1] == "g" and lower[start] == "i" and start + 1 < len(bases) and bases[start + 1] in _VOWELS:
        start += 1
    end = start
    while end < len(bases) and bases[end] in _VOWELS:
        end += 1
    nucleus = list(range(start, end))
    if not nucleus:
        return syllable
    if lower[end:] not in _FINALS or lower[:start].replace("đ", "đ") not in _INITIALS:
        return syllable  # not a Vietnamese syllable ("café", "Zoë"): leave it as typed
    closed = end < len(bases)  # a final consonant follows the vowels
    quality = [i for i in nucleus if any(m in _QUALITY for m in letters[i][1:])]
    if quality:
        target = quality[-1] if lower[start:end] in ("uo", "ươ") or len(quality) > 1 else quality[0]
    elif len(nucleus) == 1:
        target = nucleus[0]
    elif len(nucleus) == 3:
        target = nucleus[1]
    elif closed:
        target = nucleus[-1]
    else:
        # open diphthong: classic placement on the first vowel (hòa, khỏe, thủy, mùa, mái)
        target = nucleus[0]
    out = []
    for i, l in enumerate(letters):
        out.append(l[0])
        out.extend(l[1:])
        if i == target:
            out.append(tone)
    return unicodedata.normalize("NFC", "".join(out))


def canonical_tones(text: str) -> str:
    """Every syllable with its tone mark in the classic position; everything else unchanged."""
    if text.isascii():
        return text
    return _WORD.sub(lambda m: _place(m.group(0)) if not m.group(0).isascii() else m.group(0), text)


def fold(text: str) -> str:
    """Lower case, no tones or vowel marks, đ → d, punctuation → single spaces."""
    text = text.replace("đ", "d").replace("Đ", "D")
    d = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in d if not unicodedata.combining(ch))
    stripped = stripped.casefold()
    return " ".join(re.findall(r"\w+", stripped))
