"""What every page shares: the kind of an IRI, links, labels in the reader's language, caches.

- :func:`classify` reads the kind of an entity from the layout of its IRI (``agent/hub/…``,
  ``work/{lib}/{rid}``, ``item/{lib}/{rid}/{copy}``, ``library/{code}`` — README, "IRIs"), with
  no query: the page's own first query then says whether the entity exists;
- :func:`href` turns an IRI under the base into a link on this server (the path below the
  base), any other http(s) or ftp IRI into itself, and anything else (``javascript:``,
  ``urn:``) into nothing — record text never becomes an active link;
- :func:`best` chooses among language-tagged literals: the reader's language, then untagged,
  then Vietnamese; a script subtag (``vi-hani``: chữ Hán/Nôm from an 880) comes after the
  transcribed form, which is shown first and the original script beside it;
- :class:`Vocabulary` keeps the labels of the code lists (``graph/vocabularies``: relators,
  languages, countries, carriers…) in memory — a few thousand labels read once, so no page
  query joins the vocabularies graph;
- :func:`index_info`, :func:`record_facts`: labels, classes, titles, years and items of many
  IRIs at once from the label index — one SQL statement each, the IRIs bound as one JSON array
  (``json_each``), primary-key or indexed lookups only;
- :class:`Memo` holds results that are expensive and change only when the store does (the
  home page's "most held", a library's recent works and unlinked headings), computed in the
  background so that no page waits long for them: the embedded store cannot be written while a
  server holds it (kept for the process), a remote one is re-read every hour.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import unquote

from pyoxigraph import Literal, NamedNode

from ...convert.terms import BF, BFLC, MADS, OWL, RDF, RDFS  # noqa: F401 - the pages import them from here
from ..i18n import DEFAULT, language
from ..sparql.prefixes import PREFIXES as QUERY_PREFIXES

TYPE = RDF + "type"
LABEL = RDFS + "label"
VALUE = RDF + "value"

#: the prologue of the pages' own queries
PREFIXES = "".join(f"PREFIX {name}: <{QUERY_PREFIXES[name]}>\n" for name in ("bf", "bflc", "madsrdf", "rdf", "rdfs", "owl"))

#: the RDF formats every entity is offered in: (suffix, media type, name shown)
FORMATS = (("ttl", "text/turtle", "Turtle"), ("jsonld", "application/ld+json", "JSON-LD"),
           ("rdf", "application/rdf+xml", "RDF/XML"), ("nt", "application/n-triples", "N-Triples"))

LINKABLE = ("http://", "https://", "ftp://")

log = logging.getLogger("kg.web.pages")


@dataclass(frozen=True)
class Kind:
    """What the IRI layout says about an entity."""

    kind: str  # agent | work | instance | publication | item | concept | library
    library: str | None  # the library code in the IRI (None for hubs)
    hub: bool = False  # a cluster of the links graph (agent/hub, work/hub, instance/hub)
    record: str | None = None  # the record graph of a record's own Work, Instance, Item
    scope: str = ""  # "hub" / "rel" for a library's uniform titles and related works


def classify(base: str, iri: str) -> Kind | None:
    if not iri.startswith(base):
        return None
    parts = iri[len(base):].split("/")
    if len(parts) < 2 or not all(parts):
        return None
    head, second = parts[0], parts[1]
    if head == "library":
        return Kind("library", second) if len(parts) == 2 else None
    if head not in ("agent", "work", "instance", "item", "concept"):
        return None
    if second == "hub":
        if head in ("agent", "work") and len(parts) == 3:
            return Kind(head, None, hub=True)
        if head == "instance" and len(parts) == 3:
            return Kind("publication", None, hub=True)
        return None
    lib = second
    if head == "item":
        if len(parts) != 4:
            return None
        return Kind("item", lib, record=f"{base}graph/{lib}/{parts[2]}")
    if head in ("work", "instance"):
        if len(parts) == 3:
            return Kind(head, lib, record=f"{base}graph/{lib}/{parts[2]}")
        if len(parts) == 4 and parts[2] in ("hub", "rel"):
            return Kind(head, lib, scope=parts[2])
        return None
    return Kind(head, lib) if len(parts) == 3 else None


def library_of(base: str, iri: str) -> str | None:
    """The library code an IRI or a record graph belongs to (None for hubs and other IRIs)."""
    if not iri.startswith(base):
        return None
    parts = iri[len(base):].split("/")
    if len(parts) >= 3 and parts[0] in ("agent", "work", "instance", "item", "concept", "graph") \
            and parts[1] not in ("hub", "links", "vocabularies", "registry", "stats", "decisions"):
        return unquote(parts[1])
    if len(parts) == 2 and parts[0] == "library":
        return unquote(parts[1])
    return None


def href(base: str, iri: str) -> str | None:
    """Where a link to ``iri`` goes: this server for our IRIs, the IRI itself for other web
    addresses, nothing for any other scheme."""
    if iri.startswith(base):
        return "/" + iri[len(base):]
    if iri.lower().startswith(LINKABLE):
        return iri
    return None


# -- literals ----------------------------------------------------------------------------------

def _rank(lit: Literal, lang: str) -> tuple:
    tag = (lit.language or "").lower()
    main = tag.split("-", 1)[0]
    scripted = "-" in tag
    order = 0 if main == lang else 1 if not tag else 2 if main == DEFAULT else 3
    return scripted, order


def best(literals, lang: str | None = None) -> str | None:
    """The literal to show, or None."""
    lits = [x for x in literals if isinstance(x, Literal)]
    if not lits:
        return None
    lang = lang or language()
    return min(lits, key=lambda x: (_rank(x, lang), x.value)).value


def ordered(literals, lang: str | None = None) -> list[str]:
    """Distinct values, the one to show first, original scripts after transcriptions."""
    lang = lang or language()
    lits = [x for x in literals if isinstance(x, Literal)]
    out: list[str] = []
    for lit in sorted(lits, key=lambda x: _rank(x, lang)):
        if lit.value not in out:
            out.append(lit.value)
    return out


def local_name(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[-1]
    return iri


# -- vocabularies ------------------------------------------------------------------------------

class Vocabulary:
    """Labels of the code lists in ``graph/vocabularies``, read once."""

    def __init__(self, data):
        self._data = data
        self._labels: dict[str, list[Literal]] | None = None
        self._lock = threading.Lock()

    def _load(self) -> dict[str, list[Literal]]:
        with self._lock:
            if self._labels is None:
                labels: dict[str, list[Literal]] = {}
                rows = self._data.select(PREFIXES + "SELECT ?g ?s ?l WHERE { GRAPH ?g { ?s rdfs:label ?l } }",
                                         g=self._data.names.vocabularies)
                for r in rows:
                    if isinstance(r["s"], NamedNode):
                        labels.setdefault(r["s"].value, []).append(r["l"])
                self._labels = labels
        return self._labels

    def label(self, iri: str, lang: str | None = None) -> str | None:
        return best(self._load().get(iri, ()), lang)


# -- caches ------------------------------------------------------------------------------------

class Memo:
    """Results computed once per ``ttl`` seconds (per key), in a background thread, one at a
    time per key.

    :meth:`get` waits at most ``wait`` seconds for a value being computed and returns None if
    it is not ready: a page that shows it (the home page's examples on a store of a million
    records, a library's newest titles) is served at once and shows it on a later visit.  A
    failed computation is logged and tried again on the next call.
    """

    def __init__(self, ttl: float = 600.0, size: int = 256):
        self.ttl = ttl
        self.size = size
        self._values: OrderedDict = OrderedDict()
        self._running: dict = {}
        self._lock = threading.Lock()

    def get(self, key, compute, wait: float = 5.0):
        with self._lock:
            hit = self._values.get(key)
            if hit is not None and time.monotonic() - hit[0] < self.ttl:
                self._values.move_to_end(key)
                return hit[1]
            done = self._running.get(key)
            if done is None:
                done = self._running[key] = threading.Event()
                threading.Thread(target=self._compute, args=(key, compute, done), daemon=True,
                                 name=f"kg-memo-{key}").start()
        done.wait(wait)
        with self._lock:
            hit = self._values.get(key)
        return hit[1] if hit is not None else None

    def _compute(self, key, compute, done: threading.Event) -> None:
        try:
            value = compute()
        except Exception:  # noqa: BLE001 - logged; the next visit tries again
            log.exception("computing %r failed", key)
        else:
            with self._lock:
                self._values[key] = (time.monotonic(), value)
                self._values.move_to_end(key)
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
        finally:
            with self._lock:
                self._running.pop(key, None)
            done.set()


class Site(Vocabulary):
    """What the pages keep per application: the vocabularies' labels and the memo (kept for
    the life of the process over an embedded store, which cannot change under a running
    server; an hour over a remote endpoint, which can)."""

    def __init__(self, data):
        super().__init__(data)
        self.memo = Memo(float("inf") if data.embedded else 3600.0)


# -- the label index -----------------------------------------------------------------------------

INDEX_LABELS = """
SELECT j.value,
       COALESCE((SELECT label FROM label_rows WHERE entity = j.value AND form = 'authorised' LIMIT 1),
                (SELECT label FROM label_rows WHERE entity = j.value LIMIT 1)),
       (SELECT cls FROM label_rows WHERE entity = j.value LIMIT 1)
FROM json_each(?) AS j"""


def index_info(data, iris) -> dict[str, tuple[str, str]]:
    """(label, BIBFRAME class) of record-level entities from the label index (the authorised
    form first), for IRIs a graph pattern reached without their label; one SQL statement, the
    IRIs bound as one JSON array."""
    import json

    iris = sorted({i for i in iris if i and i.startswith(data.base)})
    if not iris:
        return {}
    return {iri: (label, cls or "") for iri, label, cls in data.index_rows(INDEX_LABELS, (json.dumps(iris),)) if label}


def index_labels(data, iris) -> dict[str, str]:
    return {iri: label for iri, (label, _cls) in index_info(data, iris).items()}


RECORD_FACTS = """
SELECT json_extract(j.value, '$[0]'), w.title, r.year, r.items, r.languages
FROM json_each(?) AS j
JOIN records r ON r.library = json_extract(j.value, '$[1]') AND r.rid = json_extract(j.value, '$[2]')
LEFT JOIN link_works w ON w.library = r.library AND w.rid = r.rid"""


@dataclass
class RecordFacts:
    title: str | None
    year: int | None
    items: int
    languages: list[str]


def record_facts(data, iris) -> dict[str, RecordFacts]:
    """Title, year, items and languages of the records behind record-level Work/Instance IRIs
    (``work/{lib}/{rid}``, ``instance/{lib}/{rid}``), read from the index by primary key."""
    import json

    keys = []
    for iri in dict.fromkeys(iris):
        k = classify(data.base, iri)
        if k is not None and k.record and k.kind in ("work", "instance"):
            keys.append([iri, k.library, k.record.rsplit("/", 1)[-1]])
    if not keys:
        return {}
    return {iri: RecordFacts(title, year, items or 0, (langs or "").split())
            for iri, title, year, items, langs in data.index_rows(RECORD_FACTS, (json.dumps(keys),))}


# -- what templates show -------------------------------------------------------------------------

@dataclass
class Ref:
    """A link to an entity: its label, where it goes (None: shown as text), its library."""

    label: str
    href: str | None = None
    iri: str = ""
    library: str | None = None
    note: str = ""


def library_name(data, code: str | None, lang: str | None = None) -> str:
    if not code:
        return ""
    lib = data.library(code)
    if lib is None:
        return code
    if (lang or language()) == "en" and lib.name_en:
        return lib.name_en
    return lib.name_vi or lib.name_en or code


def library_ref(data, code: str) -> Ref:
    return Ref(library_name(data, code), href(data.base, f"{data.base}library/{code}"),
               f"{data.base}library/{code}", code)


def ref(data, iri: str, label: str | None, library: str | None = None) -> Ref:
    return Ref(label or local_name(iri), href(data.base, iri), iri,
               library if library is not None else library_of(data.base, iri))


def vocab_values(values, vocab, lang: str) -> list[str]:
    """What to show for the values of a property: a literal, a node's label, an IRI's label from
    the code lists (or its last segment)."""
    out = []
    for v in values:
        if isinstance(v.term, Literal):
            text = v.term.value
        elif v.node is not None:
            text = v.node.label(lang) or v.node.text(MADS + "authoritativeLabel", lang) or ""
        else:
            text = v.label(lang) or vocab.label(v.term.value, lang) or local_name(v.term.value)
        if text and text not in out:
            out.append(text)
    return out
