"""Identifiers as keys that can be compared across libraries: ``(scheme, value)``.

Two libraries write the same number differently ("978-604-2-08857-3", "9786042088573 (bìa
mềm)", the ISBN-10 of the same book; "n  79038407" and the id.loc.gov IRI of the same name).
Matching needs one form per number, and only numbers that are *valid* — Vietnamese publishers
have been known to reuse ISBNs and exports carry typos, so an ISBN with a wrong check digit is
never used to say two descriptions are the same publication.  Check digits come from
python-stdnum (ISBN, ISSN, ISNI).

>>> isbn_key("ISBN 0-300-04130-6")
'9780300041309'
>>> isbn_key("978-0-300-04130-4") is None   # wrong check digit
True
>>> uri_key("http://viaf.org/viaf/96990355/")
('viaf', '96990355')
>>> uri_key("https://id.loc.gov/rwo/agents/n79021164.html")
('lcnaf', 'n79021164')
>>> normalise_lccn("n  79-3807")
'n79003807'
"""

from __future__ import annotations

import re

from stdnum import isbn as _isbn
from stdnum import isni as _isni
from stdnum import issn as _issn

_ISBN_CHARS = re.compile(r"[0-9Xx][0-9Xx \-]{8,16}[0-9Xx]")
_URI_PATTERNS = [
    (re.compile(r"^https?://(?:www\.)?viaf\.org/viaf/(\d+)"), "viaf"),
    (re.compile(r"^https?://(?:www\.)?isni\.org/isni/([0-9 Xx]{16,19})"), "isni"),
    (re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/(Q\d+)"), "wikidata"),
    (re.compile(r"^https?://id\.loc\.gov/(?:authorities/names|rwo/agents)/([a-z]{1,3}\d+)"), "lcnaf"),
    (re.compile(r"^https?://id\.loc\.gov/authorities/subjects/(sh\d+)"), "lcsh"),
    (re.compile(r"^https?://id\.loc\.gov/authorities/genreForms/(gf\d+)"), "lcgft"),
    (re.compile(r"^https?://orcid\.org/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])"), "orcid"),
    (re.compile(r"^https?://d-nb\.info/gnd/([0-9X-]+)"), "gnd"),
]


def isbn_key(value: str) -> str | None:
    """The ISBN-13 of a valid ISBN-10 or ISBN-13 found in ``value`` (qualifiers such as
    "(bìa mềm)" and a leading "ISBN" ignored), else None."""
    m = _ISBN_CHARS.search(value or "")
    if not m:
        return None
    candidate = m.group(0)
    if not _isbn.is_valid(candidate):
        return None
    return _isbn.to_isbn13(_isbn.compact(candidate))


def issn_key(value: str) -> str | None:
    m = re.search(r"\d{4}-?\d{3}[\dXx]", value or "")
    if not m or not _issn.is_valid(m.group(0)):
        return None
    return _issn.format(m.group(0)).upper()


def isni_key(value: str) -> str | None:
    compact = "".join((value or "").split()).upper()
    return compact if _isni.is_valid(compact) else None


def normalise_lccn(value: str) -> str:
    """LC's normalisation: blanks removed, anything after "/" dropped, the part after a hyphen
    zero-padded to 6 digits."""
    v = "".join(value.split()).split("/")[0]
    if "-" in v:
        head, _, tail = v.partition("-")
        if tail.isdigit():
            v = head + tail.zfill(6)
    return v


def uri_key(uri: str) -> tuple[str, str]:
    """A known authority's IRI as (scheme, identifier); any other IRI as ("uri", the IRI)."""
    for pattern, scheme in _URI_PATTERNS:
        m = pattern.match(uri)
        if m:
            value = m.group(1)
            if scheme == "isni":
                value = "".join(value.split()).upper()
            return scheme, value
    return "uri", uri.rstrip("/")
