"""The state of one record's conversion, and the small vocabulary every handler uses.

A handler (``tag_2xx.title`` and friends) receives the context and one field; it never builds
strings of RDF, only calls:

- ``ctx.add(s, p, o)``                   one triple (a quad in the record's graph for N-Quads)
- ``ctx.bnode()`` / ``ctx.thing(s, p, cls)``   a blank node, optionally attached and typed
- ``ctx.text(value, lang)``              a trimmed, NFC literal with the right language tag
- ``ctx.node(field, kind, make)``        the node a field produced, shared with its 880 partner

Languages of literals.  Transcribed data (titles, statements, edition, imprint, contents) is in
the language of the resource (008/35-37, else the first 041 $a); cataloguer-supplied data
(notes, subject labels, extent) is in the language of cataloguing (040 $b; when 040 $b is
missing and the resource is Vietnamese, Vietnamese — Libol and Emiclib never fill 040 $b).
Names carry no language tag, as in LC's conversion.  An 880 field's literals carry the
resource language plus the script from its $6 (``vi-Hani`` for Chữ Hán/Nôm), the script being
omitted where it is the language's default (``ar`` not ``ar-Arab``).
"""

from __future__ import annotations

import unicodedata
from typing import Callable

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple

from ..marc.problems import DROPPED, REPAIRED, Problem
from ..marc.record import Field, Record
from ..text.punctuation import trim, trim_period
from .iris import Minter, digest
from .tables import TABLES
from .terms import TYPE

ITEM = "item"
CATALOGUE = "catalogue"
NONE = None


def bcp47(marc_code: str | None) -> str | None:
    """MARC language code -> BCP 47 tag, or None for unknown/undetermined codes."""
    if not marc_code:
        return None
    code = marc_code.strip().lower()
    if len(code) != 3 or not code.isalpha() or code in ("und", "zxx", "mul", "mis"):
        return None
    hit = TABLES.languages.get(code)
    return hit[0] if hit else None


def language_code(record: Record) -> str | None:
    """The MARC language code of the resource: 008/35-37, else the first 041 $a."""
    f008 = record.control("008")
    if f008 and len(f008) >= 38:
        code = f008[35:38].strip().lower()
        if len(code) == 3 and code.isalpha() and code in TABLES.languages and code not in ("und", "zxx", "mul"):
            return code
    for f in record.get_fields("041"):
        for a in f.get_all("a"):
            # Libol writes "Vie"; some systems run codes together ("vieeng")
            a = a.strip().lower()
            if len(a) >= 3 and a[:3].isalpha() and a[:3] in TABLES.languages:
                return a[:3]
    return None


def record_content(record: Record) -> str:
    """The record's fields as one string: what identifies a record that has no 001."""
    return "\x1e".join(
        f.tag + (f.data or "") + f.ind1 + f.ind2 + "".join(c + v for c, v in f.subfields) for f in record.fields
    )


class Context:
    def __init__(self, record: Record, minter: Minter, as_quads: bool, rid_prefix: str = ""):
        self.record = record
        self.minter = minter
        self.control_number = record.control_number
        self.rid = rid_prefix + minter.record_id(self.control_number, record_content if self.control_number is None else None, record)
        self.work = minter.work(self.rid)
        self.instance = minter.instance(self.rid)
        self.graph = minter.graph(self.rid)
        self.library = minter.library_iri()
        self.out: list = []
        self.problems: list[Problem] = []
        self._as_quads = as_quads
        append = self.out.append
        graph = self.graph
        if as_quads:
            self.add = lambda s, p, o: append(Quad(s, p, o, graph))  # type: ignore[method-assign]
        else:
            self.add = lambda s, p, o: append(Triple(s, p, o))  # type: ignore[method-assign]
        self._bn_prefix = "b" + digest(self.graph.value, 12)
        self._bn_count = 0
        self.material = "BK"
        self.language = language_code(record)
        self.lang_item = bcp47(self.language)
        cat = None
        f040 = record.first("040")
        if f040 is not None and not f040.is_control:
            cat = bcp47(f040.get("b"))
        if cat is None and self.lang_item == "vi":
            cat = "vi"
        self.lang_catalogue = cat
        self._override: str | None = None  # language tag while converting an 880
        self.partner: dict[int, Field] = {}  # id(880 field) -> the regular field it parallels
        self.nodes: dict[tuple[int, str], object] = {}
        self.facts: dict[str, object] = {}  # record-wide facts handlers leave for each other
        self.unhandled: set[str] = set()
        self.items = 0

    # -- output ------------------------------------------------------------------------------

    def add(self, s, p, o) -> None:  # replaced per instance by a faster closure in __init__
        self.out.append(Quad(s, p, o, self.graph) if self._as_quads else Triple(s, p, o))

    def bnode(self) -> BlankNode:
        self._bn_count += 1
        return BlankNode(f"{self._bn_prefix}x{self._bn_count}")

    def thing(self, subject, predicate: NamedNode, cls: NamedNode | None = None) -> BlankNode:
        """A new blank node attached as ``subject predicate _:b`` and typed ``cls``."""
        node = self.bnode()
        self.add(subject, predicate, node)
        if cls is not None:
            self.add(node, TYPE, cls)
        return node

    # -- literals ----------------------------------------------------------------------------

    def lang(self, which: str | None) -> str | None:
        if which is None:
            return None
        if self._override is not None:
            return self._override
        if which == ITEM:
            return self.lang_item
        if which == CATALOGUE:
            return self.lang_catalogue
        return which  # an explicit BCP 47 tag (242 $y)

    def text(self, value: str | None, which: str | None = ITEM, period: bool = False) -> Literal | None:
        """A literal from a MARC value, ISBD punctuation trimmed; None if nothing is left."""
        if value is None:
            return None
        value = trim_period(value) if period else trim(value)
        if not value:
            return None
        if not unicodedata.is_normalized("NFC", value):  # pragma: no cover - readers already NFC
            value = unicodedata.normalize("NFC", value)
        tag = self.lang(which)
        return Literal(value, language=tag) if tag else Literal(value)

    def plain(self, value: str) -> Literal:
        return Literal(value)

    def literal(self, subject, predicate, value: str | None, which: str | None = ITEM, period: bool = False) -> None:
        lit = self.text(value, which, period)
        if lit is not None:
            self.add(subject, predicate, lit)

    # -- nodes shared with 880 partners ------------------------------------------------------

    def node(self, field: Field, kind: str, make: Callable[[], object]):
        key = (id(self.partner.get(id(field), field)), kind)
        node = self.nodes.get(key)
        if node is None:
            node = self.nodes[key] = make()
        return node

    def is_parallel(self, field: Field) -> bool:
        """True when ``field`` is an 880 whose partner was already converted."""
        return id(field) in self.partner

    # -- problems ----------------------------------------------------------------------------

    def repaired(self, tag: str | None, problem: str) -> None:
        self.problems.append(Problem(problem, REPAIRED, tag))

    def dropped(self, tag: str | None, problem: str) -> None:
        self.problems.append(Problem(problem, DROPPED, tag))
