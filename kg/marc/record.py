"""The in-memory MARC record.

Deliberately small and fast (``__slots__``, plain tuples for subfields): the converter walks
every field of every record, and this model is created hundreds of thousands of times per
minute.  pymarc's ``Record`` is richer but slower, and cannot carry what our readers know about
the record's origin (file, number, byte offset) and the repairs made while reading it.

>>> f = Field("245", "1", "0", [("a", "Truyện Kiều /"), ("c", "Nguyễn Du.")])
>>> f.get("a")
'Truyện Kiều /'
>>> Record("00000nam a2200000 a 4500", [Field("001", data="TVL001"), f]).control_number
'TVL001'
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from typing import Iterator

#: leader/06 values of bibliographic records (MARC 21 Bibliographic, Leader).
BIBLIOGRAPHIC_TYPES = frozenset("acdefgijkmoprt")
AUTHORITY_TYPES = frozenset("z")
HOLDINGS_TYPES = frozenset("uvxy")
CLASSIFICATION_TYPES = frozenset("w")
COMMUNITY_TYPES = frozenset("q")


class Field:
    """A control field (``data`` set, no subfields) or a data field (indicators + subfields)."""

    __slots__ = ("tag", "ind1", "ind2", "subfields", "data")

    def __init__(
        self,
        tag: str,
        ind1: str = " ",
        ind2: str = " ",
        subfields: list[tuple[str, str]] | None = None,
        data: str | None = None,
    ):
        self.tag = tag
        self.ind1 = ind1
        self.ind2 = ind2
        self.subfields = subfields if subfields is not None else []
        self.data = data

    @property
    def is_control(self) -> bool:
        return self.data is not None

    def get(self, code: str) -> str | None:
        for c, v in self.subfields:
            if c == code:
                return v
        return None

    def get_all(self, *codes: str) -> list[str]:
        return [v for c, v in self.subfields if c in codes]

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        if self.data is not None:
            return f"Field({self.tag!r}, data={self.data!r})"
        subs = "".join(f"${c}{v}" for c, v in self.subfields)
        return f"Field({self.tag} {self.ind1}{self.ind2} {subs})"


@dataclass
class Record:
    """A MARC record plus where it came from.

    ``number`` is 1-based within its file and ``offset`` the byte offset of its first byte, so
    that a cataloguer can find the record again in the export.
    """

    leader: str
    fields: list[Field]
    path: str = ""
    number: int = 0
    offset: int = 0
    problems: list = dc_field(default_factory=list)

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    def get_fields(self, *tags: str) -> list[Field]:
        return [f for f in self.fields if f.tag in tags]

    def first(self, tag: str) -> Field | None:
        for f in self.fields:
            if f.tag == tag:
                return f
        return None

    def control(self, tag: str) -> str | None:
        f = self.first(tag)
        return f.data if f is not None and f.data is not None else None

    @property
    def control_number(self) -> str | None:
        value = self.control("001")
        if value is None:
            return None
        value = value.strip()
        return value or None

    @property
    def record_type(self) -> str:
        return self.leader[6] if len(self.leader) > 6 else " "

    @property
    def kind(self) -> str:
        """'bibliographic', 'authority', 'holdings', 'classification', 'community' or 'unknown'."""
        t = self.record_type
        if t in BIBLIOGRAPHIC_TYPES:
            return "bibliographic"
        if t in AUTHORITY_TYPES:
            return "authority"
        if t in HOLDINGS_TYPES:
            return "holdings"
        if t in CLASSIFICATION_TYPES:
            return "classification"
        if t in COMMUNITY_TYPES:
            return "community"
        return "unknown"
