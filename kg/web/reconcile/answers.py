"""What both versions of the protocol answer, before each writes it in its own shape.

Every function here is one call to the application's :class:`kg.reconcile.Reconciler` (see
:func:`kg.web.reconcile.service`) plus the checks a web request needs: a batch is an object of
queries (each read by :meth:`kg.reconcile.Query.from_json`, the key named in the message when
one cannot be read), at most :data:`~kg.web.reconcile.BATCH_SIZE` of them (413 above); a
data-extension request names at most :data:`~kg.web.reconcile.MAX_IDS` entities; the only
property setting is ``limit`` (the most values per row; 0: all).

Two things the engine leaves to its callers are done here: a reconciled cell sent as a property
value (``{"id", "name"}``) for a property compared as text — ``creator``, ``title`` — is given by
its name (:func:`named_values`); and entity suggestions are pages of one fixed window
(:func:`suggest_entities`), so that "view more" neither repeats nor skips an entity.

:class:`Card` is what a preview or a flyout shows of a :class:`kg.reconcile.extend.Description`:
the names of its libraries and languages in the reader's language, and links to our IRIs only
(they are the entity pages; nothing else in a record becomes a link).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, get_template_attribute, render_template

from ...reconcile import Query, QueryError
from ...reconcile.vocab import resolve_property, resolve_type
from . import BATCH_SIZE, MAX_IDS, SUGGEST_WINDOW, service
from .protocol import ProtocolError

VARIANTS_SHOWN = 8
LANGUAGES_VOCAB = "http://id.loc.gov/vocabulary/languages/"


# -- queries -------------------------------------------------------------------------------------

def read_batch(batch) -> dict[str, Query]:
    """A batch of the 0.2 shape ``{"q0": {...}, …}`` as parsed queries (400, 413 if it cannot be)."""
    if not isinstance(batch, dict):
        raise ProtocolError(400, "'queries' must be a JSON object of queries keyed q0, q1, …")
    if len(batch) > BATCH_SIZE:
        raise ProtocolError(413, f"a batch may hold at most {BATCH_SIZE} queries; this one has {len(batch)}")
    out = {}
    for key, q in batch.items():
        if isinstance(q, dict) and isinstance(q.get("properties"), list):
            q = dict(q, properties=named_values(q["properties"]))
        try:
            out[key] = Query.from_json(q)
        except QueryError as e:
            raise ProtocolError(400, f"query {key!r}: {e}") from None
    return out


#: properties whose values the engine compares as text (names, titles)
TEXT_PROPERTIES = ("creator", "title")


def named_values(properties: list) -> list:
    """``properties`` with the reconciled values of :data:`TEXT_PROPERTIES` — ``{"id", "name"}``,
    what OpenRefine sends for a cell matched earlier (a creator column reconciled against this
    service) — given by their name: the engine would read the id, and compare an IRI with names.
    A value with only an id of ours is given the name of that entity."""
    out = []
    for p in properties:
        prop = resolve_property(p.get("pid", p.get("p"))) if isinstance(p, dict) and \
            isinstance(p.get("pid", p.get("p")), str) else None
        if prop is None or prop.id not in TEXT_PROPERTIES or "v" not in p:
            out.append(p)
            continue
        out.append(dict(p, v=_named(p["v"])))
    return out


def _named(v):
    if isinstance(v, list):
        return [_named(x) for x in v]
    if isinstance(v, dict):
        name, ident = v.get("name"), v.get("id")
        if isinstance(name, str) and name.strip():
            return name
        if isinstance(ident, str) and ident.strip():
            d = service().describe(ident)
            return d.name if d is not None else ident
    return v


def match(queries: dict[str, Query], lang: str):
    """The candidates of each query (``kg.reconcile.Candidate``), best first."""
    try:
        return service().match(queries, lang)
    except QueryError as e:  # a query the engine could not read after all
        raise ProtocolError(400, str(e)) from None


# -- suggest -------------------------------------------------------------------------------------

def suggest_entities(prefix: str, type_id: str | None, cursor: int, limit: int, lang: str) -> list[dict]:
    """A page of the first :data:`~kg.web.reconcile.SUGGEST_WINDOW` suggestions.  The engine ranks
    the entities its index lookup returned, and looks up more for a later page: asked page by
    page, the pages would disagree with each other (an entity on two pages, another on none).
    So every page is cut from the same window."""
    if cursor >= SUGGEST_WINDOW:
        return []
    window = service().suggest(prefix, type=type_id or None, cursor=0, limit=SUGGEST_WINDOW, lang=lang)
    return window[cursor: cursor + limit]


def suggest_types(prefix: str, cursor: int, limit: int, lang: str) -> list[dict]:
    return service().suggest_types(prefix, lang)[cursor: cursor + limit]


def suggest_properties(prefix: str, type_id: str | None, cursor: int, limit: int, lang: str) -> list[dict]:
    return service().suggest_properties(prefix, type_id or None, lang)[cursor: cursor + limit]


def proposal_answer(type_id: str, limit: int, lang: str) -> dict:
    """The property-proposal answer both protocol versions give: the proposals for ``type_id``,
    cut at ``limit`` (0: all), echoing the type and limit asked for."""
    found = proposals(type_id, lang)
    out: dict = {"properties": found[:limit] if limit else found}
    if type_id:
        out["type"] = type_id
    if limit:
        out["limit"] = limit
    return out


def proposals(type_id: str | None, lang: str) -> list[dict]:
    """Properties offered for data extension of a type (all when none is given; none for a type
    we do not have)."""
    if type_id and resolve_type(type_id) is None:
        return []
    return [p.as_json(lang) for p in service().properties(type_id or None, extend=True)]


# -- data extension ------------------------------------------------------------------------------

@dataclass
class Extension:
    ids: list[str]
    properties: list[tuple[str, int]]  # (property id, most values per row; 0: all)


def read_extension(obj) -> Extension:
    """``{"ids": [...], "properties": [{"id": …, "settings": {"limit": n}}]}``."""
    if not isinstance(obj, dict):
        raise ProtocolError(400, "the extension query must be a JSON object with 'ids' and 'properties'")
    ids, props = obj.get("ids"), obj.get("properties")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ProtocolError(400, "'ids' must be a list of entity identifiers (strings)")
    if not isinstance(props, list) or not all(isinstance(p, dict) and isinstance(p.get("id"), str) for p in props):
        raise ProtocolError(400, "'properties' must be a list of objects with an 'id' string")
    if len(ids) > MAX_IDS:
        raise ProtocolError(413, f"at most {MAX_IDS} entities may be extended at once; this request has {len(ids)}")
    out = []
    for p in props:
        settings = p.get("settings") or {}
        if not isinstance(settings, dict):
            raise ProtocolError(400, f"the settings of property {p['id']!r} must be an object")
        raw = settings.get("limit", 0)
        try:
            limit = int(raw) if not isinstance(raw, bool) and str(raw).strip() != "" else 0
        except (TypeError, ValueError):
            raise ProtocolError(400, f"setting 'limit' of property {p['id']!r} must be a number") from None
        out.append((p["id"], max(0, limit)))
    return Extension(list(dict.fromkeys(ids)), out)


def extend(ext: Extension, lang: str) -> dict:
    """The 0.2 data-extension answer: ``{"meta": [...], "rows": {id: {pid: [values]}}}``."""
    pids = list(dict.fromkeys(pid for pid, _ in ext.properties))
    out = service().extend(ext.ids, pids, lang)
    limits = dict(ext.properties)
    for row in out["rows"].values():
        for pid, values in row.items():
            if limits.get(pid):
                row[pid] = values[: limits[pid]]
    for meta in out["meta"]:
        prop = resolve_property(meta["id"])
        if prop is not None and prop.id == "creator":  # values are our agents: reconciled already
            meta["type"] = resolve_type("Agent").as_json(lang)
    return out


# -- preview and flyout --------------------------------------------------------------------------

@dataclass
class Card:
    id: str
    href: str | None
    name: str
    type_name: str
    kind: str
    dates: str = ""
    variants: list[str] = field(default_factory=list)
    more_variants: int = 0
    identifiers: list[str] = field(default_factory=list)
    libraries: list[tuple[str, str]] = field(default_factory=list)
    records: int = 0
    works: int = 0
    members: int = 0
    creator: tuple[str, str | None] | None = None  # (name, link)
    languages: list[str] = field(default_factory=list)
    instances: int = 0
    isbns: list[str] = field(default_factory=list)


def card(ident: str, lang: str) -> Card | None:
    """What the preview and the flyout show of the entity ``ident`` (None: not ours)."""
    from ..pages.common import library_name

    d = service().describe(ident)
    if d is None:
        return None
    data = current_app.extensions["kg.data"]
    link = lambda iri: iri if iri and iri.startswith(data.base) else None  # noqa: E731
    c = Card(d.id, link(d.id), d.name, d.type.as_json(lang)["name"], d.kind, d.dates,
             d.variants[:VARIANTS_SHOWN], max(0, len(d.variants) - VARIANTS_SHOWN),
             [f"{scheme}: {value}" for scheme, value in d.identifiers],
             [(code, library_name(data, code, lang) or name) for code, name in d.libraries],
             d.records, d.works, len(d.members) if len(d.members) > 1 else 0)
    if d.kind == "work":
        c.creator = (d.creator[1], link(d.creator[0])) if d.creator else None
        site = current_app.extensions.get("kg.pages")
        c.languages = [(site.label(LANGUAGES_VOCAB + code, lang) if site else None) or code for code in d.languages]
        c.instances, c.isbns = d.instances, list(d.isbns)
    return c


def preview_page(ident: str, lang: str) -> tuple[str, int]:
    c = card(ident, lang) if ident else None
    status = 200 if c else 404 if ident else 400
    return render_template("reconcile_preview.html", card=c, ident=ident), status


def flyout_html(c: Card) -> str:
    return str(get_template_attribute("_reconcile.html", "flyout")(c))


def flyout_text(name: str, ident: str) -> str:
    """The flyout of a type or a property: its name and identifier."""
    return str(get_template_attribute("_reconcile.html", "flyout_name")(name, ident))
