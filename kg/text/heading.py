"""The one normalisation of headings (names, subjects, titles) used to decide identity.

The converter mints an agent or concept IRI from this key, so that two records of the same
library that type ``Nguyễn Du.`` and ``Nguyễn  Du`` point at one agent; the linking and
reconciliation layers reuse the same function.  What is *kept* matters as much as what is
removed: tone marks stay (``Lê`` ≠ ``Lễ``), so do letters and digits; what goes is case,
trailing ISBD punctuation, doubled spaces and the tone-placement habit (``Hoà`` = ``Hòa``).

>>> heading_key("Nguyễn Du,") == heading_key("nguyễn  du")
True
>>> heading_key("Lê Quý Đôn") == heading_key("Lễ Quý Đôn")
False
>>> heading_key("Thuỷ Hoà") == heading_key("Thủy Hòa")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .punctuation import trim_period
from .vietnamese import canonical_tones, fold

_INNER_PUNCT = re.compile(r"\s*([,;:])\s*")


def heading_label(text: str) -> str:
    """The display form of a heading: NFC, canonical tone placement, ISBD punctuation trimmed."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        text = canonical_tones(text)
    return trim_period(text)


@lru_cache(maxsize=1 << 16)  # headings repeat across records: names, subjects, places
def heading_key(text: str) -> str:
    """Comparison key: :func:`heading_label`, case-folded, inner punctuation spacing unified."""
    label = heading_label(text).casefold()
    if not label.isascii():
        # casefold decomposes a few letters (ẗ, ǰ, ΐ: t + U+0308…): keys stay NFC (bench/fuzz_text.py)
        label = unicodedata.normalize("NFC", label)
    label = _INNER_PUNCT.sub(r"\1 ", label)
    return " ".join(label.split())


@lru_cache(maxsize=1 << 16)
def slug(text: str, limit: int = 48) -> str:
    """A readable ASCII fragment for an IRI (never used for identity: see ``heading_key``)."""
    s = "-".join(fold(text).split())
    s = re.sub(r"[^a-z0-9-]", "", s)[:limit].strip("-")
    return s or "x"
