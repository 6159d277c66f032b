"""The Reconciliation Service API 1.0-draft at ``/reconcile/v1`` (optional; OpenRefine speaks 0.2).

Routes (each also answers ``OPTIONS``: a JSON POST from a browser is preflighted):

- ``GET /reconcile/v1``: the manifest (``versions: ["1.0-draft"]``, ``view.url`` the RFC 6570
  template ``{+id}`` — reserved expansion keeps an IRI's ``:`` and ``/``);
- ``POST /reconcile/v1/match``: a JSON body ``{"queries": [{"conditions": [...], "type", "limit",
  "lang"}]}`` answered ``{"results": [{"candidates": [...]}]}`` in the same order.  Conditions:
  ``name`` (the name to match, at most one), ``id`` (an identifier or one of our IRIs: the entity
  holding it; something that is no identifier matches nothing), ``property`` (a property of the
  matching vocabulary, :mod:`kg.reconcile.vocab`).  ``required: true`` keeps only candidates for
  which the engine reports the property as agreeing (the feature of :data:`REQUIRED`: dates
  agree, the library holds it, the title is one of the agent's works…).  ``matchQuantifier``
  ``any`` is the engine's way; ``all``/``none`` and ``matchQualifier`` are not offered (400: an
  answer that ignored them would be wrong).  ``type`` restricts the candidates (``type_strict``
  ``any``);
- ``GET /reconcile/v1/suggest/{entity,type,property}?prefix=&type=&limit=&offset=``;
- ``GET /reconcile/v1/preview?id=``: the HTML preview;
- ``POST /reconcile/v1/extend``: ``{"ids", "properties"}`` answered ``{"meta", "rows": [{"id",
  "properties": [{"id", "values"}]}]}``;
- ``GET /reconcile/v1/extend/propose?type=&limit=``.

Language: ``Accept-Language`` (vi or en) decides names of types and properties, descriptions and
the preview; a query's own ``lang`` its candidates' descriptions.  No JSONP in 1.0.
"""

from __future__ import annotations

from flask import Blueprint, Response, g, request
from werkzeug.exceptions import HTTPException

from ... import __version__
from ...reconcile import Query, QueryError
from ...reconcile.query import MAX_LIMIT, identifier
from ...reconcile.vocab import TYPES, resolve_property
from .. import i18n
from . import BATCH_SIZE, PREVIEW_HEIGHT, PREVIEW_WIDTH, SUGGEST_LIMIT, SUGGEST_WINDOW
from . import answers
from .protocol import ProtocolError, answer, error, integer, language_v1, params, preflight_headers, read_json

bp = Blueprint("reconcile_v1", __name__, url_prefix="/reconcile/v1")

#: property id -> (feature, value) a candidate must show for a ``required`` condition on it
REQUIRED = {"dates": ("date_agreement", 1), "library": ("library_match", True), "title": ("work_match", True),
            "creator": ("creator_match", True), "language": ("language_match", True),
            "identifier": ("identifier_match", True), "viaf": ("identifier_match", True),
            "isni": ("identifier_match", True), "wikidata": ("identifier_match", True),
            "lccn": ("identifier_match", True), "isbn": ("identifier_match", True)}


def manifest(lang: str) -> dict:
    from flask import current_app

    base = current_app.extensions["kg.data"].base
    t = i18n.MESSAGES
    return {
        "versions": ["1.0-draft"],
        "name": t["reconcile.name"][lang],
        "lang": lang,
        "serviceVersion": __version__,
        "logo": base + "static/favicon.svg",
        "view": {"url": "{+id}"},
        "defaultTypes": [ty.as_json(lang) for ty in TYPES],
        "preview": {"width": PREVIEW_WIDTH, "height": PREVIEW_HEIGHT},
        "suggest": {"entity": True, "property": True, "type": True},
        "extend": {"proposeProperties": True,
                   "propertySettings": [{"type": "number", "id": "limit", "name": t["reconcile.limit"][lang],
                                         "default": 0, "helpText": t["reconcile.limit.help"][lang]}]},
        "standardizedScore": True,
        "batchSize": BATCH_SIZE,
    }


def _answer(obj, status: int = 200) -> Response:
    response = answer(obj, status)
    response.headers["Content-Language"] = g.get("lang") or i18n.DEFAULT
    response.vary.add("Accept-Language")
    return response


@bp.get("", strict_slashes=False)
def endpoint():
    return _answer(manifest(language_v1()))


# -- match -------------------------------------------------------------------------------------

class _Plan:
    def __init__(self, query: Query | None, limit: int, lang: str, required: list[tuple[str, object]]):
        self.query = query  # None: nothing can match (an id condition that is no identifier)
        self.limit = limit
        self.lang = lang
        self.required = required


def _body(what: str):
    """The JSON body of a POST (or its ``queries=`` / ``extend=`` form field)."""
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        field = params().get(what)
        if field is None:
            raise ProtocolError(400, f"the form has no '{what}' field")
        return read_json(field, f"'{what}'")
    data = request.get_data(cache=False)
    if not data.strip():
        raise ProtocolError(400, "the request has no body: send the query as JSON")
    return read_json(data, "the request body")


def _read_query(n: int, q, lang: str) -> _Plan:
    where = f"query {n}"
    if not isinstance(q, dict):
        raise ProtocolError(400, f"{where} must be an object with 'conditions'")
    conditions = q.get("conditions")
    if not isinstance(conditions, list) or not conditions:
        raise ProtocolError(400, f"{where}: 'conditions' must be a non-empty list")
    kind = q.get("type")
    if kind is not None and not isinstance(kind, str):
        raise ProtocolError(400, f"{where}: 'type' must be one type identifier (a string)")
    limit = q.get("limit", 10)
    if not isinstance(limit, (int, float)) or isinstance(limit, bool) or limit < 0:
        raise ProtocolError(400, f"{where}: 'limit' must be a non-negative number")
    limit = min(int(limit), MAX_LIMIT) or 10
    text, ids, props, required = None, [], [], []
    for c in conditions:
        if not isinstance(c, dict) or c.get("matchType") not in ("name", "id", "property") or "propertyValue" not in c:
            raise ProtocolError(400, f"{where}: each condition needs a 'matchType' (name, id or property) and "
                                     "a 'propertyValue'")
        value = c["propertyValue"]
        if c.get("matchQuantifier", "any") != "any":
            raise ProtocolError(400, f"{where}: only matchQuantifier 'any' is supported")
        if c.get("matchQualifier") is not None:
            raise ProtocolError(400, f"{where}: matchQualifier is not supported (no property offers one)")
        if c["matchType"] == "name":
            if text is not None:
                raise ProtocolError(400, f"{where}: at most one 'name' condition")
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                raise ProtocolError(400, f"{where}: the 'name' condition's value must be a string")
            text = str(value)
        elif c["matchType"] == "id":
            values = value if isinstance(value, list) else [value]
            if not values or not all(isinstance(v, str) for v in values):
                raise ProtocolError(400, f"{where}: the 'id' condition's value must be a string or a list of strings")
            ids += values
        else:
            pid = c.get("propertyId")
            if not isinstance(pid, str) or not pid:
                raise ProtocolError(400, f"{where}: a 'property' condition needs a 'propertyId'")
            prop = resolve_property(pid)
            if c.get("required") is True:
                if prop is None or prop.id not in REQUIRED:
                    raise ProtocolError(400, f"{where}: property {pid!r} cannot be required")
                required.append(REQUIRED[prop.id])
            props.append({"pid": pid, "v": value})
    if ids and not all(identifier(v) for v in ids):
        return _Plan(None, limit, lang, required)  # not an identifier: no entity holds it
    if text is None and ids:
        text, ids = ids[0], ids[1:]
    props += [{"pid": "identifier", "v": v} for v in ids]
    try:
        query = Query.from_json({"query": text or "", "type": kind or [], "properties": answers.named_values(props),
                                 "type_strict": "any" if kind else "should",
                                 "limit": MAX_LIMIT if required else limit})
    except QueryError as e:
        raise ProtocolError(400, f"{where}: {e}") from None
    own = q.get("lang")
    return _Plan(query, limit, own.split("-")[0].lower() if isinstance(own, str) and
                 own.split("-")[0].lower() in i18n.LANGUAGES else lang, required)


def _candidate(c, lang: str) -> dict:
    out = c.as_json(lang)
    names = i18n.MESSAGES
    out["features"] = [{"id": f["id"], "name": names.get(f"reconcile.feature.{f['id']}", {}).get(lang, f["id"]),
                        "value": f["value"]} for f in out["features"]]
    return out


def _keep(c, required: list[tuple[str, object]]) -> bool:
    features = dict(c.features)
    return all(features.get(name) == value for name, value in required)


@bp.post("/match")
def match():
    lang = language_v1()
    body = _body("queries")
    if not isinstance(body, dict) or not isinstance(body.get("queries"), list):
        raise ProtocolError(400, "the body must be an object with a 'queries' list")
    if len(body["queries"]) > BATCH_SIZE:
        raise ProtocolError(413, f"a batch may hold at most {BATCH_SIZE} queries; this one has {len(body['queries'])}")
    plans = [_read_query(n, q, lang) for n, q in enumerate(body["queries"])]
    results: list[list[dict]] = [[] for _ in plans]
    for group_lang in dict.fromkeys(p.lang for p in plans):
        batch = {str(n): p.query for n, p in enumerate(plans) if p.lang == group_lang and p.query is not None}
        if not batch:
            continue
        for key, cands in answers.match(batch, group_lang).items():
            plan = plans[int(key)]
            kept = [c for c in cands if _keep(c, plan.required)][: plan.limit]
            results[int(key)] = [_candidate(c, group_lang) for c in kept]
    return _answer({"results": [{"candidates": r} for r in results]})


# -- suggest, preview, extend --------------------------------------------------------------------

def _page() -> tuple[str, int, int]:
    p = params()
    prefix = (p.get("prefix") or "").strip()
    offset = integer(p.get("offset"), "offset", 0, 0, SUGGEST_WINDOW)
    limit = integer(p.get("limit"), "limit", SUGGEST_LIMIT, 1, SUGGEST_WINDOW)
    return prefix, offset, limit


@bp.get("/suggest/entity")
def suggest_entity():
    prefix, offset, limit = _page()
    lang = language_v1()
    return _answer({"result": answers.suggest_entities(prefix, params().get("type"), offset, limit, lang)})


@bp.get("/suggest/type")
def suggest_type():
    prefix, offset, limit = _page()
    return _answer({"result": answers.suggest_types(prefix, offset, limit, language_v1())})


@bp.get("/suggest/property")
def suggest_property():
    prefix, offset, limit = _page()
    return _answer({"result": answers.suggest_properties(prefix, params().get("type"), offset, limit,
                                                         language_v1())})


@bp.get("/preview")
def preview():
    g.frame_ok = True
    body, status = answers.preview_page((request.args.get("id") or "").strip(), language_v1())
    response = Response(body, status, mimetype="text/html")
    response.vary.add("Accept-Language")
    return response


@bp.post("/extend")
def extend():
    lang = language_v1()
    ext = answers.read_extension(_body("extend"))
    found = answers.extend(ext, lang)
    rows = [{"id": ident, "properties": [{"id": pid, "values": values} for pid, values in found["rows"][ident].items()]}
            for ident in ext.ids]
    return _answer({"meta": found["meta"], "rows": rows})


@bp.get("/extend/propose")
def propose():
    p = params()
    type_id = (p.get("type") or "").strip()
    limit = integer(p.get("limit"), "limit", 0, 0, 1000)
    out = answers.proposal_answer(type_id, limit, language_v1())
    return _answer(out)


@bp.errorhandler(ProtocolError)
def protocol_error(e: ProtocolError):
    return error(e.status, e.message)


@bp.errorhandler(HTTPException)
def http_error(e: HTTPException):
    if request.endpoint == "reconcile_v1.preview":
        from ..app import error_response

        return error_response(e.code or 500, e.description or "")
    return error(e.code or 500, e.description or "")


bp.after_request(preflight_headers)
