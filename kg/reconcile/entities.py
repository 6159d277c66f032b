"""What reconciliation knows of an entity, read in bulk from the label index and the links graph.

The entity a reconciliation answer names is a **cluster** when ``kg link`` made one — the hub
IRI of the links graph (``agent/hub/…``, ``work/hub/…``), standing for its members in every
library — and otherwise the entity itself (an agent, concept or work of one library).  Its
facts are the union of its members':

- names: the hub's preferred label, then each member's authorised form, headings and 4XX
  variants, each with its form and library (:class:`Label`);
- dates: read off those names (:func:`kg.text.names.split_dates`), preferred forms first;
- identifiers: external ones (VIAF, ISNI, Wikidata, LC, ORCID, GND) of every member;
- libraries and the number of catalogue records that use the entity (``entity_refs``);
- for work hubs, the main title and the creator the links graph gives them.

:class:`Catalog` keeps what every question needs in memory — member → hub, hub → members and
labels (one SPARQL query over the links graph), external identifiers per entity (one indexed
SQL range), the libraries' kinds — as an immutable :class:`Snapshot`, replaced when the store
changes: every ``refresh_seconds`` the index files' size and time, the links graph's
``kgns:linkRun`` stamp and the size of the decisions graph are compared with the snapshot's.
Everything else is read per batch, for the candidates only, with one query per table.

Threads: the web serves from a pool of threads, so each thread reads the index through its own
read-only SQLite connection (``file:…?mode=ro``); SQLite in WAL mode lets them read together.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable, NamedTuple

from pyoxigraph import NamedNode

from ..link.graph import PRIORITY
from ..store import registry
from ..store.names import KGNS
from ..text.names import Dates
from .scoring import parse

OWL_SAME = "http://www.w3.org/2002/07/owl#sameAs"
MADS_CLOSE = "http://www.loc.gov/mads/rdf/v1#hasCloseExternalAuthority"
BF = "http://id.loc.gov/ontologies/bibframe/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

MEMBERS_QUERY = f"""SELECT ?g ?hub ?p ?m ?label WHERE {{ GRAPH ?g {{
  ?hub ?p ?m . VALUES ?p {{ <{OWL_SAME}> <{MADS_CLOSE}> <{BF}hasExpression> }}
  OPTIONAL {{ ?hub <{RDFS_LABEL}> ?label }} }} }}"""
WORK_HUBS_QUERY = f"""SELECT ?g ?hub ?title ?creator WHERE {{ GRAPH ?g {{
  ?hub <{BF}title> ?t . ?t <{BF}mainTitle> ?title .
  OPTIONAL {{ ?hub <{BF}contribution> ?c . ?c <{BF}agent> ?creator }} }} }}"""
LINK_RUN_QUERY = f"SELECT ?g ?t WHERE {{ GRAPH ?g {{ ?g <{KGNS}linkRun> ?t }} }}"
DECISIONS_QUERY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"

#: identifier schemes that name one entity the world over (``instance`` numbers are not here)
ID_SCHEMES = ("viaf", "isni", "wikidata", "lcnaf", "lcsh", "lcgft", "orcid", "gnd")
FORM_ORDER = {"preferred": 0, "authorised": 1, "heading": 2, "variant": 3}
CHUNK = 500


@dataclass(frozen=True)
class Label:
    text: str
    form: str  # preferred (a hub's label) | authorised | heading | variant
    library: str
    member: str


@dataclass
class Member:
    iri: str
    library: str
    kind: str
    cls: str
    rid: str = ""  # the first record that uses it (a work: its own record)
    authority: bool = False
    refs: int = 0
    close: bool = False  # in its cluster by the name alone (madsrdf:hasCloseExternalAuthority)


@dataclass
class Entity:
    id: str
    kind: str  # agent | work | concept
    cls: str  # the BIBFRAME class of the index (Person, Organization, Work, Topic…)
    name: str
    labels: list[Label]
    members: list[Member]
    hub: bool
    ids: set[tuple[str, str]] = field(default_factory=set)
    title: str | None = None  # work hubs: the main title
    creator: str | None = None  # work hubs: the agent (hub) of the primary contribution
    priority: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def libraries(self) -> list[str]:
        libs = dict.fromkeys(m.library for m in self.members)
        return sorted(libs, key=lambda code: (self.priority.get(code, 9), code))

    @cached_property
    def dates(self) -> list[Dates]:
        out: list[Dates] = []
        for label in self.labels:
            d = parse(label.text).dates
            if d is not None and d not in out:
                out.append(d)
        return out

    @cached_property
    def main_dates(self) -> Dates | None:
        d = parse(self.name).dates
        if d is not None:
            return d
        dates = self.dates
        return dates[0] if dates else None

    @property
    def records(self) -> int:
        """Catalogue records using the entity (an authority record does not count)."""
        return max(0, sum(m.refs for m in self.members) - sum(1 for m in self.members if m.authority))

    @property
    def authority(self) -> bool:
        return any(m.authority for m in self.members)

    def variants(self) -> list[str]:
        return list(dict.fromkeys(label.text for label in self.labels if label.text != self.name))


@dataclass
class Snapshot:
    version: tuple
    hub_of: dict[str, str] = field(default_factory=dict)  # member IRI -> hub IRI
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)  # hub IRI -> member IRIs
    close: set[str] = field(default_factory=set)  # members joined by the name alone
    hub_label: dict[str, str] = field(default_factory=dict)
    hub_title: dict[str, str] = field(default_factory=dict)
    hub_creator: dict[str, str] = field(default_factory=dict)
    ids: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # entity -> external ids
    libraries: dict[str, registry.Library] = field(default_factory=dict)
    letters: dict[str, int] = field(default_factory=dict)  # initial letter -> postings of its words

    def answer(self, iri: str) -> str:
        """The IRI reconciliation answers with for ``iri``: its hub, or itself."""
        return self.hub_of.get(iri, iri)

    def priority(self) -> dict[str, int]:
        return {code: PRIORITY.get(lib.kind, 9) for code, lib in self.libraries.items()}


class WorkRow(NamedTuple):
    """What the index knows of the record that describes one work (``link_works``)."""

    work: str
    instance: str | None
    creator: str | None
    language: str | None
    library: str
    rid: str


class Catalog:
    """The store as reconciliation reads it (see the module docstring)."""

    def __init__(self, hub, refresh_seconds: float = 5.0):
        self.hub = hub
        self.names = hub.names
        self.base = hub.names.base
        self.refresh_seconds = refresh_seconds
        path = Path(hub.index.path).resolve()
        self._paths = [path, Path(str(path) + "-wal")]
        self._uri = path.as_uri() + "?mode=ro"
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()  # one snapshot rebuild at a time
        self._connections_lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._checked = 0.0
        self._closed = False

    # -- connections ------------------------------------------------------------------------

    def db(self) -> sqlite3.Connection:
        """This thread's read-only connection to the label index."""
        conn = getattr(self._local, "db", None)
        if conn is None:
            if self._closed:
                raise RuntimeError("the reconciliation catalog is closed")
            conn = sqlite3.connect(self._uri, uri=True, check_same_thread=False)  # read-only: mode=ro
            conn.execute("PRAGMA cache_size = -32768")  # 32 MB of pages: candidates cluster in the index
            conn.execute("PRAGMA mmap_size = 268435456")
            with self._connections_lock:
                self._connections.append(conn)
            self._local.db = conn
        return conn

    def close(self) -> None:
        with self._connections_lock:
            self._closed = True
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    def select(self, query: str, **bindings) -> list[dict]:
        return self.hub.backend.select(query, **bindings)

    # -- the snapshot -----------------------------------------------------------------------

    def _files(self) -> tuple:
        out = []
        for p in self._paths:
            try:
                st = os.stat(p)
                out.append((st.st_size, st.st_mtime_ns))
            except FileNotFoundError:
                out.append(None)
        return tuple(out)

    def _version(self) -> tuple:
        """What changes when the store does: the index files, the stamp of the last ``kg link``
        run (to the second) and the size of the decisions graph (a decision, then a run, within
        one second)."""
        runs = self.select(LINK_RUN_QUERY, g=self.names.links)
        decided = self.select(DECISIONS_QUERY, g=self.names.decisions)
        return (self._files(), tuple(sorted(r["t"].value for r in runs)),
                tuple(r["n"].value for r in decided))

    def snapshot(self, force: bool = False) -> Snapshot:
        """The current snapshot, rebuilt first if the store changed since it was taken."""
        snap = self._snapshot
        now = time.monotonic()
        if snap is not None and not force and now - self._checked < self.refresh_seconds:
            return snap
        with self._lock:
            snap = self._snapshot
            if snap is not None and not force and time.monotonic() - self._checked < self.refresh_seconds:
                return snap
            version = self._version()
            if snap is None or force or version != snap.version:
                snap = self._load(version)
                self._snapshot = snap
            self._checked = time.monotonic()
            return snap

    def _load(self, version: tuple) -> Snapshot:
        snap = Snapshot(version)
        members: dict[str, list[str]] = {}
        instance_hubs = self.base + "instance/"
        for r in self.select(MEMBERS_QUERY, g=self.names.links):
            hub = r["hub"].value
            if hub.startswith(instance_hubs):
                continue  # publications: not something reconciliation answers
            m = r["m"].value
            if m not in snap.hub_of:
                snap.hub_of[m] = hub
                members.setdefault(hub, []).append(m)
            if r["p"].value == MADS_CLOSE:
                snap.close.add(m)
            if "label" in r and hub not in snap.hub_label:
                snap.hub_label[hub] = r["label"].value
        # tuples of strings: the garbage collector stops tracking them (50,000 lists it would walk)
        snap.members = {hub: tuple(ms) for hub, ms in members.items()}
        for r in self.select(WORK_HUBS_QUERY, g=self.names.links):
            hub = r["hub"].value
            snap.hub_title.setdefault(hub, r["title"].value)
            if "creator" in r and isinstance(r["creator"], NamedNode):
                snap.hub_creator.setdefault(hub, r["creator"].value)
        marks = ",".join("?" * len(ID_SCHEMES))
        ids: dict[str, set[tuple[str, str]]] = {}
        for entity, scheme, value in self.db().execute(
                f"SELECT DISTINCT entity, scheme, value FROM link_ids WHERE scheme IN ({marks})", ID_SCHEMES):
            ids.setdefault(entity, set()).add((scheme, value))
        snap.ids = {entity: tuple(sorted(found)) for entity, found in ids.items()}
        snap.libraries = {lib.code: lib for lib in registry.all_libraries(self.hub.backend, self.names)}
        snap.letters = self._letters()
        return snap

    def _letters(self) -> dict[str, int]:
        """How many postings the words beginning with each letter have in the full-text index
        (read through a temporary ``fts5vocab`` table: the folded vocabulary of names is small,
        a thousand words for a million labels).  Empty if SQLite cannot say."""
        db = self.db()
        try:
            db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.kg_reconcile_vocab "
                       "USING fts5vocab(main, 'labels', 'row')")
            try:
                return dict(db.execute("SELECT substr(term, 1, 1), SUM(cnt) FROM temp.kg_reconcile_vocab GROUP BY 1"))
            finally:
                db.execute("DROP TABLE temp.kg_reconcile_vocab")
        except sqlite3.Error:
            return {}

    # -- entities ---------------------------------------------------------------------------

    def entities(self, iris: Iterable[str], snap: Snapshot | None = None) -> dict[str, Entity]:
        """The entities answering for ``iris`` (members or hubs), keyed by their answer IRI."""
        snap = snap or self.snapshot()
        answers = dict.fromkeys(snap.answer(i) for i in iris)
        wanted: dict[str, str] = {}  # member -> answer
        for a in answers:
            for m in snap.members.get(a, [a]):
                wanted[m] = a
        rows: list[tuple] = []
        keys = list(wanted)
        db = self.db()
        for i in range(0, len(keys), CHUNK):
            part = keys[i : i + CHUNK]
            rows += db.execute(
                "SELECT entity, library, kind, cls, form, label, rid, MIN(id) AS first FROM label_rows "
                f"WHERE entity IN ({','.join('?' * len(part))}) GROUP BY entity, library, form, label ORDER BY first",
                part).fetchall()
        members: dict[str, Member] = {}
        labels: dict[str, list[Label]] = {}
        for entity, library, kind, cls, form, label, rid, _ in rows:
            m = members.get(entity)
            if m is None:
                m = members[entity] = Member(entity, library, kind, cls or "", rid, close=entity in snap.close)
            if form == "authorised":
                m.authority = True
                m.cls = cls or m.cls
            elif m.cls in ("", "Agent") and cls not in ("", "Agent"):
                m.cls = cls
            labels.setdefault(wanted[entity], []).append(Label(label, form, library, entity))
        pairs = [(m.library, m.iri) for m in members.values()]
        for i in range(0, len(pairs), CHUNK // 2):
            part = pairs[i : i + CHUNK // 2]  # an OR of primary keys: SQLite looks each one up
            where = " OR ".join("(library = ? AND entity = ?)" for _ in part)
            for library, entity, refs in db.execute(f"SELECT library, entity, refs FROM entity_refs WHERE {where}",
                                                    [x for pair in part for x in pair]):
                if entity in members and members[entity].library == library:
                    members[entity].refs = refs
        priority = snap.priority()
        out: dict[str, Entity] = {}
        for a in answers:
            ms = [members[m] for m in snap.members.get(a, [a]) if m in members]
            if not ms:
                continue
            ms.sort(key=lambda m: (not m.authority, priority.get(m.library, 9), m.library, m.iri))
            found = labels.get(a, [])
            is_hub = a in snap.members
            preferred = snap.hub_label.get(a)
            if preferred:
                found.insert(0, Label(preferred, "preferred", "", a))
            found.sort(key=lambda label: FORM_ORDER.get(label.form, 9))  # stable: first use within a form
            kind = ms[0].kind
            cls = next((m.cls for m in ms if m.cls not in ("", "Agent")), ms[0].cls or "Agent")
            if kind == "work" and is_hub:
                cls = "Work"
            name = preferred or _display_name(found)
            ids = {i for m in ms for i in snap.ids.get(m.iri, ())}
            out[a] = Entity(a, kind, cls, name, found, ms, is_hub, ids, snap.hub_title.get(a),
                            snap.hub_creator.get(a), priority)
        return out

    # -- lookups ----------------------------------------------------------------------------

    def by_identifier(self, scheme: str, value: str) -> list[str]:
        """Entities (answer IRIs) holding identifier ``(scheme, value)``."""
        snap = self.snapshot()
        rows = self.db().execute("SELECT DISTINCT entity FROM link_ids WHERE scheme = ? AND value = ?",
                                 (scheme, value)).fetchall()
        return list(dict.fromkeys(snap.answer(r[0]) for r in rows))

    def work_rows(self, e: Entity) -> list[WorkRow]:
        """A :class:`WorkRow` for each member of the work entity ``e`` that the index holds."""
        db = self.db()
        rows = []
        for m in e.members:
            row = db.execute("SELECT work, instance, creator, language, library, rid FROM link_works "
                             "WHERE library = ? AND rid = ? AND work = ?", (m.library, m.rid, m.iri)).fetchone()
            if row:
                rows.append(WorkRow(*row))
        return rows

    def isbns(self, library: str, rid: str) -> list[str]:
        """The ISBNs of one record, in order."""
        return [v for (v,) in self.db().execute("SELECT value FROM link_ids WHERE library = ? AND rid = ? "
                                                "AND scheme = 'isbn' ORDER BY value", (library, rid))]

    def known(self, iri: str) -> str | None:
        """The answer IRI for one of our IRIs (a hub or an indexed entity), None if unknown."""
        snap = self.snapshot()
        if iri in snap.members:
            return iri
        row = self.db().execute("SELECT kind FROM label_rows WHERE entity = ? LIMIT 1", (iri,)).fetchone()
        if row is None or row[0] == "instance":
            return None
        return snap.answer(iri)


def _display_name(labels: list[Label]) -> str:
    """An entity's display name: its authorised form, else the first heading in Latin script
    (a heading's 880 in Hán-Nôm comes second), else its first label."""
    for label in labels:
        if label.form in ("authorised", "heading") and any("a" <= ch.lower() <= "z" for ch in label.text):
            return label.text
    return labels[0].text if labels else ""
