"""Facts of an entity for a preview (:func:`describe`) and for data extension (:func:`extend`).

Both read what :class:`~kg.reconcile.entities.Catalog` reads for matching — names, dates,
identifiers, libraries of every member of a cluster — plus, per entity asked for:

- agents: the works of the records that use the agent (a work cluster counts once);
- works: the creator (the agent cluster of the primary contribution, else the agent), the
  languages, the publications (one per member record) and their valid ISBNs.

Values are returned in the shapes of the Reconciliation API 0.2 data-extension response
(``{"str": …}``, ``{"int": …}``, ``{"id": …, "name": …}``), so the service only serialises them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .entities import Catalog, Entity, Snapshot
from .scoring import format_dates
from .vocab import Type, resolve_property, type_of_class


@dataclass
class Description:
    id: str
    name: str
    type: Type
    kind: str
    dates: str
    variants: list[str]
    identifiers: list[tuple[str, str]]
    libraries: list[tuple[str, str]]  # (code, Vietnamese name)
    records: int
    works: int
    members: list[dict]  # {id, library, authority, close}
    creator: tuple[str, str] | None = None  # (answer IRI, name) of a work
    languages: list[str] = field(default_factory=list)
    instances: int = 0
    isbns: list[str] = field(default_factory=list)
    birth: int | None = None
    death: int | None = None

    def as_json(self, lang: str = "en") -> dict:
        out = {"id": self.id, "name": self.name, "type": self.type.as_json(lang), "kind": self.kind,
               "dates": self.dates, "variants": self.variants,
               "identifiers": [{"scheme": s, "value": v} for s, v in self.identifiers],
               "libraries": [{"code": c, "name": n} for c, n in self.libraries], "records": self.records,
               "works": self.works, "members": self.members}
        if self.kind == "work":
            out.update(creator={"id": self.creator[0], "name": self.creator[1]} if self.creator else None,
                       languages=self.languages, instances=self.instances, isbns=self.isbns)
        return out


class Facts:
    """Per-entity facts beyond those of matching, for a few entities at a time."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def works_of(self, e: Entity, snap: Snapshot) -> int:
        db = self.catalog.db()
        works = set()
        for m in e.members:
            for (work,) in db.execute("SELECT w.work FROM entities e JOIN link_works w ON w.library = e.library "
                                      "AND w.rid = e.rid WHERE e.entity = ? AND e.library = ?", (m.iri, m.library)):
                works.add(snap.answer(work))
        return len(works)

    def describe(self, e: Entity, snap: Snapshot) -> Description:
        main = e.main_dates
        libraries = [(code, snap.libraries[code].name_vi if code in snap.libraries else code) for code in e.libraries]
        members = [{"id": m.iri, "library": m.library, "authority": m.authority, "close": m.close} for m in e.members]
        d = Description(e.id, e.name, type_of_class(e.cls, e.kind), e.kind,
                        format_dates(main) if e.kind == "agent" else "", e.variants(), sorted(e.ids),
                        libraries, e.records, 0, members)
        if e.kind == "agent":
            d.works = self.works_of(e, snap)
            if main is not None and not main.flourished:
                d.birth, d.death = main.birth, main.death
        elif e.kind == "work":
            rows = self.catalog.work_rows(e)
            creator = e.creator or next((r.creator for r in rows if r.creator), None)
            if creator:
                found = self.catalog.entities([creator], snap)
                answer = snap.answer(creator)
                if answer in found:
                    d.creator = (answer, found[answer].name)
            d.languages = sorted({r.language for r in rows if r.language})
            d.instances = len({r.instance for r in rows})
            d.isbns = list(dict.fromkeys(v for r in rows for v in self.catalog.isbns(r.library, r.rid)))
            d.works = 1
        return d


_SCHEME_PROPERTY = {"viaf": ("viaf",), "isni": ("isni",), "wikidata": ("wikidata",),
                    "lccn": ("lcnaf", "lcsh", "lcgft")}


def values(d: Description, pid: str) -> list[dict]:
    """The data-extension values of property ``pid`` for one described entity."""
    prop = resolve_property(pid)
    if prop is None:
        return []
    key = prop.id
    if key == "dates":
        return [{"str": d.dates}] if d.dates else []
    if key == "birth":
        return [{"int": d.birth}] if d.birth else []
    if key == "death":
        return [{"int": d.death}] if d.death else []
    if key == "identifier":
        return [{"str": f"{s}:{v}"} for s, v in d.identifiers]
    if key in _SCHEME_PROPERTY:
        return [{"str": v} for s, v in d.identifiers if s in _SCHEME_PROPERTY[key]]
    if key == "variants":
        return [{"str": v} for v in d.variants]
    if key == "library":
        return [{"str": code} for code, _ in d.libraries]
    if key == "works":
        return [{"int": d.works}] if d.kind == "agent" else []
    if key == "records":
        return [{"int": d.records}]
    if d.kind != "work":
        return []
    if key == "creator":
        return [{"id": d.creator[0], "name": d.creator[1]}] if d.creator else []
    if key == "language":
        return [{"str": code} for code in d.languages]
    if key == "instances":
        return [{"int": d.instances}]
    if key == "isbn":
        return [{"str": v} for v in d.isbns]
    return []


def extension(descriptions: dict[str, Description | None], property_ids: list[str], lang: str = "en") -> dict:
    """``{"meta": [...], "rows": {id: {pid: [values]}}}`` for the entities asked for (an id we do
    not know gets empty values)."""
    meta = []
    for pid in property_ids:
        prop = resolve_property(pid)
        meta.append({"id": pid, "name": (prop.name_vi if lang == "vi" else prop.name) if prop else pid})
    rows = {}
    for ident, d in descriptions.items():
        rows[ident] = {pid: (values(d, pid) if d is not None else []) for pid in property_ids}
    return {"meta": meta, "rows": rows}
