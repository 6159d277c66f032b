"""ISBD punctuation: the separators catalogues type between subfields, removed as LC's
conversion removes them (ConvSpec-Process0-9, "remove ending punctuation").

``trim`` drops trailing separators (`` /``, `` :``, `` ;``, `` =``, ``,``) and surrounding
spaces; ``trim_period`` also drops a final full stop unless it ends an abbreviation or an
initial (``260 tr.``, ``Smith, J.``), because there the period is part of the data.  The
abbreviations are a table a cataloguer can extend: ``mappings/abbreviations.csv``.

>>> trim("Truyện Kiều /")
'Truyện Kiều'
>>> trim_period("Nguyễn, Du, 1765-1820.")
'Nguyễn, Du, 1765-1820'
>>> trim_period("xii, 118 tr.")
'xii, 118 tr.'
>>> trim_period("Smith, J.")
'Smith, J.'
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from ..resources import mapping_path

_TRAILING = re.compile(r"[\s/:;=,+]+$")
_LEADING = re.compile(r"^[\s/:;=,+]+")
_SPACES = re.compile(r"\s{2,}")
_LAST_TOKEN = re.compile(r"(?:^|[\s(\[,])([^\s(\[,]+)\.$")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    with open(mapping_path("abbreviations.csv"), encoding="utf-8", newline="") as f:
        return frozenset(row["abbreviation"].strip().casefold() for row in csv.DictReader(f) if row["abbreviation"].strip())


def squeeze(text: str) -> str:
    """Collapse runs of spaces and trim the ends."""
    text = text.strip()
    return _SPACES.sub(" ", text) if "  " in text else text


_EDGE = frozenset(" /:;=,+\t\n\r")


def trim(text: str) -> str:
    if not text:
        return text
    last, first = text[-1], text[0]
    if not (last in _EDGE or first in _EDGE or last.isspace() or first.isspace()) and "  " not in text:
        return text
    text = _TRAILING.sub("", text)
    text = _LEADING.sub("", text)
    return squeeze(text)


def trim_period(text: str) -> str:
    text = trim(text)
    while text and text[-1] == ".":
        if text.endswith("..."):
            return text  # an ellipsis is data ("Nguyễn Viết Kính,...")
        m = _LAST_TOKEN.search(text)
        token = m.group(1) if m else text[:-1]
        if len(token) == 1 and token.isalpha() or token.casefold() in abbreviations():
            return text
        if "." in token and token.replace(".", "").isalpha() and len(token) <= 6:
            return text  # "U.S.", "TP.HCM." style initialisms keep their stop
        text = trim(text[:-1])
    return text
