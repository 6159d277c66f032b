"""The types and properties reconciliation speaks of: one table each, read by the engine, the
command line and (later) the service's manifest, suggest and data-extension routes.

Types are BIBFRAME classes, named by their IRI (what OpenRefine sends back as a query's
``type``); a query may also name them ``bf:Person`` or ``Person``.  Each type says which kind of
entity of the label index it covers (agent, work, concept) and which index classes count as it:
``Organization`` takes ``Jurisdiction`` too, ``Work`` takes the uniform-title hubs (``Hub``).
Entities of the index class ``Agent`` — names whose record does not say person or body (a
publisher in 264 $b, a linking entry) — are agents of unknown type: they may answer a Person or
an Organization query, with a lower type score.

Properties are what a query may add to a name (``properties: [{pid, v}]``) and what data
extension returns.  Their ids are short and stable (``dates``, ``identifier``, ``library``…);
the service publishes them with their names in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass

BF = "http://id.loc.gov/ontologies/bibframe/"


@dataclass(frozen=True)
class Type:
    id: str  # the BIBFRAME class IRI
    name: str
    name_vi: str
    kind: str  # agent | work | concept: the ``kind`` of the label index
    classes: frozenset[str]  # index classes (label_rows.cls) that are this type

    @property
    def local(self) -> str:
        return self.id[len(BF):] if self.id.startswith(BF) else self.id

    def as_json(self, lang: str = "en") -> dict:
        return {"id": self.id, "name": self.name_vi if lang == "vi" else self.name}


def _type(local: str, name_vi: str, kind: str, *classes: str) -> Type:
    return Type(BF + local, local, name_vi, kind, frozenset(classes or (local,)))


#: the types a service offers (``defaultTypes`` of the manifest), in that order
TYPES: tuple[Type, ...] = (
    _type("Person", "Cá nhân", "agent"),
    _type("Organization", "Tổ chức", "agent", "Organization", "Jurisdiction"),
    _type("Meeting", "Hội nghị", "agent"),
    _type("Family", "Dòng họ", "agent"),
    _type("Work", "Tác phẩm", "work", "Work", "Hub", "Series"),
    _type("Topic", "Chủ đề", "concept"),
    _type("Place", "Địa danh", "concept"),
)
#: classes of the index that no default type covers; a candidate of one says its own class
OTHER_TYPES: tuple[Type, ...] = (
    _type("Agent", "Tác nhân", "agent"),
    _type("GenreForm", "Thể loại", "concept"),
    _type("Temporal", "Thời gian", "concept"),
    _type("Event", "Sự kiện", "concept"),
)
KINDS = ("agent", "work", "concept")
_BY_NAME = {t.local.casefold(): t for t in TYPES + OTHER_TYPES}
_BY_CLASS = {c: t for t in TYPES + OTHER_TYPES for c in t.classes}


def resolve_type(text: str) -> Type | None:
    """A type named by IRI, ``bf:Local`` or ``Local`` (any case); None if we have no such type."""
    text = (text or "").strip()
    if text.startswith(BF):
        text = text[len(BF):]
    elif text.lower().startswith("bf:"):
        text = text[3:]
    return _BY_NAME.get(text.casefold())


def type_of_class(cls: str, kind: str) -> Type:
    """The type a candidate of index class ``cls`` is reported as."""
    found = _BY_CLASS.get(cls)
    if found is not None:
        return found
    return {"agent": _BY_NAME["agent"], "work": _BY_NAME["work"]}.get(kind, _BY_NAME["topic"])


@dataclass(frozen=True)
class Property:
    id: str
    name: str
    name_vi: str
    kinds: tuple[str, ...]  # the kinds of entity it applies to
    match: bool  # may be given with a query
    extend: bool  # may be asked for in data extension

    def as_json(self, lang: str = "en") -> dict:
        return {"id": self.id, "name": self.name_vi if lang == "vi" else self.name}


PROPERTIES: tuple[Property, ...] = (
    Property("dates", "Dates (birth-death)", "Năm sinh - năm mất", ("agent",), True, True),
    Property("birth", "Year of birth", "Năm sinh", ("agent",), False, True),
    Property("death", "Year of death", "Năm mất", ("agent",), False, True),
    Property("identifier", "Identifier (VIAF, ISNI, LCCN, Wikidata)", "Mã định danh (VIAF, ISNI, LCCN, Wikidata)",
             ("agent", "work", "concept"), True, True),
    Property("viaf", "VIAF ID", "Mã VIAF", ("agent", "work"), True, True),
    Property("isni", "ISNI", "Mã ISNI", ("agent",), True, True),
    Property("wikidata", "Wikidata ID", "Mã Wikidata", ("agent", "work", "concept"), True, True),
    Property("lccn", "LC control number", "Số kiểm soát LC (LCCN)", ("agent", "work", "concept"), True, True),
    Property("title", "Title of a work by the agent", "Nhan đề một tác phẩm của tác giả", ("agent",), True,
             False),
    Property("creator", "Creator", "Tác giả", ("work",), True, True),
    Property("language", "Language", "Ngôn ngữ", ("work",), True, True),
    Property("isbn", "ISBN", "ISBN", ("work",), True, True),
    Property("instances", "Number of publications", "Số ấn phẩm", ("work",), False, True),
    Property("library", "Library", "Thư viện", ("agent", "work", "concept"), True, True),
    Property("variants", "Variant names", "Tên gọi khác", ("agent", "concept", "work"), False, True),
    Property("works", "Number of works", "Số tác phẩm", ("agent",), False, True),
    Property("records", "Number of catalogue records", "Số biểu ghi", ("agent", "work", "concept"), False, True),
)
_PROPERTY = {p.id: p for p in PROPERTIES}
#: property ids OpenRefine users type by hand, and the names of the 0.2 examples
ALIASES = {"date": "dates", "life dates": "dates", "năm sinh": "dates", "id": "identifier", "ids": "identifier",
           "identifiers": "identifier", "lc": "lccn", "lcnaf": "lccn", "wd": "wikidata", "work": "title",
           "author": "creator", "tác giả": "creator", "lang": "language", "ngôn ngữ": "language",
           "libraries": "library", "thư viện": "library", "nhan đề": "title"}


def resolve_property(pid: str) -> Property | None:
    key = (pid or "").strip()
    key = key.rsplit("/", 1)[-1].rsplit("#", 1)[-1] if key.startswith("http") else key
    key = key.casefold()
    return _PROPERTY.get(ALIASES.get(key, key))


def properties(type_id: str | None = None, *, extend: bool = True) -> list[Property]:
    """The properties of a type (all when None): for data extension, or for matching."""
    t = resolve_type(type_id) if type_id else None
    return [p for p in PROPERTIES if (p.extend if extend else p.match) and (t is None or t.kind in p.kinds)]
