"""Recognising UNIMARC, so that it is refused by name instead of converted as nonsense.

UNIMARC shares ISO 2709 with MARC 21 but not the meaning of the tags: its title is 200 and its
100 is "general processing data", a 36-character coded string starting with the entry date
(``19930101d1993    m  y0frey50      ba``).  A MARC 21 100 is a personal name and no MARC 21
record carries a 200.

>>> from kg.marc.record import Field, Record
>>> is_unimarc(Record("00000nam  2200000   4500", [Field("100", " ", " ", [("a", "19930101d1993    m  y0frey50      ba")])]))
True
"""

from __future__ import annotations

import re

from .record import Record

_UNIMARC_100A = re.compile(r"^\d{8}[a-z ]")


def is_unimarc(record: Record) -> bool:
    tags = {f.tag for f in record.fields}
    for f in record.fields:
        if f.tag == "100" and not f.is_control:
            a = f.get("a")
            if a and _UNIMARC_100A.match(a):
                return True
    return "200" in tags and "245" not in tags
