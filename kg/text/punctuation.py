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

_SPACES = re.compile(r"\s{2,}")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    with open(mapping_path("abbreviations.csv"), encoding="utf-8", newline="") as f:
        return frozenset(row["abbreviation"].strip().casefold() for row in csv.DictReader(f) if row["abbreviation"].strip())


def squeeze(text: str) -> str:
    """Collapse runs of spaces and trim the ends."""
    text = text.strip()
    return _SPACES.sub(" ", text) if "  " in text else text


_EDGE = frozenset(" /:;=,+\t\n\r")


def _separator(c: str) -> bool:
    return c in _EDGE or c.isspace()


def _end_of_text(text: str, end: int) -> int:
    """``end`` moved back over trailing separators (white space and ``/:;=,+``).  A loop, not a
    regex: the pattern "one or more separators, then the end" was retried at every separator of a
    long run in the middle of the text and took seconds on a 10,000-character name (quadratic;
    found by tests/fuzz)."""
    while end and _separator(text[end - 1]):
        end -= 1
    return end


def trim(text: str) -> str:
    if not text:
        return text
    last, first = text[-1], text[0]
    if not (last in _EDGE or first in _EDGE or last.isspace() or first.isspace()) and "  " not in text:
        return text
    end = _end_of_text(text, len(text))
    start = 0
    while start < end and _separator(text[start]):
        start += 1
    return squeeze(text[start:end])


_TOKEN_BREAK = frozenset("([,")
_LONGEST_TOKEN = 64  # longer than any abbreviation or initialism: never keeps its stop


def _token_before(text: str, dot: int) -> str | None:
    """The token before the final stop at ``dot`` — the run of characters after the last space,
    ``(``, ``[`` or ``,`` — or, when that run is empty, ``text[:dot]`` as a whole; ``None`` when
    it is longer than :data:`_LONGEST_TOKEN`.  Read backwards and bounded, so that a text of many
    stops is trimmed in linear time (the regex it replaces searched the whole text once per
    stop)."""
    k = dot
    while k > 0 and dot - k <= _LONGEST_TOKEN:
        c = text[k - 1]
        if c.isspace() or c in _TOKEN_BREAK:
            break
        k -= 1
    if dot - k > _LONGEST_TOKEN:
        return None
    if k < dot:
        return text[k:dot]
    return text[:dot] if dot <= _LONGEST_TOKEN else None


def trim_period(text: str) -> str:
    text = trim(text)
    end = len(text)  # work on text[:end]: one copy at the end, whatever the number of stops
    while end and text[end - 1] == ".":
        if end >= 3 and text[end - 3 : end] == "...":
            break  # an ellipsis is data ("Nguyễn Viết Kính,...")
        token = _token_before(text, end - 1)
        if token is not None:
            if len(token) == 1 and token.isalpha() or token.casefold() in abbreviations():
                break
            if "." in token and token.replace(".", "").isalpha() and len(token) <= 6:
                break  # "U.S.", "TP.HCM." style initialisms keep their stop
        end = _end_of_text(text, end - 1)
    return text[:end]
