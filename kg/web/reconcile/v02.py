"""The Reconciliation Service API 0.2 at ``/reconcile`` — what OpenRefine 3.x speaks.

Routes (each also answers ``OPTIONS`` for a CORS preflight):

- ``GET|POST /reconcile``: with ``queries=`` a batch of queries (``{"q0": {"query", "type",
  "limit", "properties": [{"pid", "v"}], "type_strict"}}``, at most ``batchSize``), answered
  ``{"q0": {"result": [candidates]}}``, candidates best first; with ``extend=`` a data-extension
  query (``{"ids", "properties"}``), answered ``{"meta", "rows"}``; with neither, the manifest;
- ``GET /reconcile/suggest/{entity,type,property}?prefix=&cursor=&type=&limit=``:
  ``{"result": [...]}``, with ``"cursor"`` (the next page's) when the page is full — the
  ``view more`` of OpenRefine's suggest widget;
- ``GET /reconcile/flyout/{entity,type,property}?id=``: ``{"id", "html"}`` (the 0.2 flyout);
- ``GET /reconcile/preview?id=``: an HTML page for an iframe;
- ``GET /reconcile/properties?type=&limit=``: the property proposal of data extension.

JSONP (``callback=``) on every JSON answer.  The manifest's URLs are absolute, under the base IRI
(the address the hub is reached at: :class:`kg.web.config.WebConfig`); ``view.url`` is ``{{id}}``,
since an identifier is the entity page's address.
"""

from __future__ import annotations

from flask import Blueprint, Response, g, request
from werkzeug.exceptions import HTTPException

from ... import __version__
from ...reconcile.vocab import BF, TYPES, resolve_property, resolve_type
from .. import i18n
from . import BATCH_SIZE, PREVIEW_HEIGHT, PREVIEW_WIDTH, SUGGEST_LIMIT, SUGGEST_WINDOW
from . import answers
from .protocol import ProtocolError, answer, error, integer, language_02, params, preflight_headers, read_json

bp = Blueprint("reconcile", __name__, url_prefix="/reconcile")

VERSIONS = ["0.1", "0.2"]


def manifest(base: str, lang: str) -> dict:
    root = base + "reconcile"
    t = i18n.MESSAGES

    def suggest(path: str, flyout: str) -> dict:
        return {"service_url": root, "service_path": path, "flyout_service_path": flyout + "?id=${id}"}

    return {
        "versions": VERSIONS,
        "name": t["reconcile.name"][lang],
        "identifierSpace": base,
        "schemaSpace": BF,
        "serviceVersion": __version__,
        "logo": base + "static/favicon.svg",
        "view": {"url": "{{id}}"},
        "defaultTypes": [ty.as_json(lang) for ty in TYPES],
        "preview": {"url": root + "/preview?id={{id}}", "width": PREVIEW_WIDTH, "height": PREVIEW_HEIGHT},
        "suggest": {"entity": suggest("/suggest/entity", "/flyout/entity"),
                    "type": suggest("/suggest/type", "/flyout/type"),
                    "property": suggest("/suggest/property", "/flyout/property")},
        "extend": {"propose_properties": {"service_url": root, "service_path": "/properties"},
                   "property_settings": [{"name": "limit", "label": t["reconcile.limit"][lang], "type": "number",
                                          "default": 0, "help_text": t["reconcile.limit.help"][lang]}]},
        "batchSize": BATCH_SIZE,
    }


def _base() -> str:
    from flask import current_app

    return current_app.extensions["kg.data"].base


@bp.route("", methods=["GET", "POST"], strict_slashes=False)
def endpoint():
    p = params()
    lang = language_02()
    if "queries" in p:
        queries = answers.read_batch(read_json(p["queries"], "'queries'"))
        found = answers.match(queries, lang)
        return answer({k: {"result": [c.as_json(lang) for c in cands]} for k, cands in found.items()}, jsonp=True)
    if "extend" in p:
        ext = answers.read_extension(read_json(p["extend"], "'extend'"))
        return answer(answers.extend(ext, lang), jsonp=True)
    return answer(manifest(_base(), lang), jsonp=True)


def _page(p) -> tuple[str, int, int]:
    prefix = (p.get("prefix") or "").strip()
    cursor = integer(p.get("cursor"), "cursor", 0, 0, SUGGEST_WINDOW)
    limit = integer(p.get("limit"), "limit", SUGGEST_LIMIT, 1, SUGGEST_WINDOW)
    return prefix, cursor, limit


def _suggested(found: list[dict], cursor: int, limit: int) -> Response:
    """``found``: up to ``limit + 1`` suggestions — one more than shown says there is a next page
    (``cursor``: OpenRefine's "view more")."""
    out: dict = {"result": found[:limit]}
    if len(found) > limit:
        out["cursor"] = cursor + limit
    return answer(out, jsonp=True)


@bp.get("/suggest/entity")
def suggest_entity():
    p = params()
    prefix, cursor, limit = _page(p)
    found = answers.suggest_entities(prefix, p.get("type"), cursor, limit + 1, language_02())
    return _suggested(found, cursor, limit)


@bp.get("/suggest/type")
def suggest_type():
    prefix, cursor, limit = _page(params())
    return _suggested(answers.suggest_types(prefix, cursor, limit + 1, language_02()), cursor, limit)


@bp.get("/suggest/property")
def suggest_property():
    p = params()
    prefix, cursor, limit = _page(p)
    found = answers.suggest_properties(prefix, p.get("type"), cursor, limit + 1, language_02())
    return _suggested(found, cursor, limit)


def _id() -> str:
    ident = (params().get("id") or "").strip()
    if not ident:
        raise ProtocolError(400, "the parameter 'id' is required")
    return ident


@bp.get("/flyout/entity")
def flyout_entity():
    ident = _id()
    card = answers.card(ident, language_02())
    if card is None:
        raise ProtocolError(404, f"no entity has the identifier {ident!r}")
    return answer({"id": ident, "html": answers.flyout_html(card)}, jsonp=True)


def _schema_flyout(resolve, what: str):
    ident = _id()
    found = resolve(ident)
    if found is None:
        raise ProtocolError(404, f"no {what} has the identifier {ident!r}")
    return answer({"id": ident, "html": answers.flyout_text(found.as_json(language_02())["name"], found.id)},
                  jsonp=True)


@bp.get("/flyout/type")
def flyout_type():
    return _schema_flyout(resolve_type, "type")


@bp.get("/flyout/property")
def flyout_property():
    return _schema_flyout(resolve_property, "property")


@bp.get("/preview")
def preview():
    g.frame_ok = True  # made to be framed: no X-Frame-Options, frame-ancestors *
    ident = (request.args.get("id") or "").strip()
    body, status = answers.preview_page(ident, language_02())
    return Response(body, status, mimetype="text/html")


@bp.get("/properties")
def properties():
    p = params()
    type_id = (p.get("type") or "").strip()
    limit = integer(p.get("limit"), "limit", 0, 0, 1000)
    out = answers.proposal_answer(type_id, limit, language_02())
    return answer(out, jsonp=True)


@bp.errorhandler(ProtocolError)
def protocol_error(e: ProtocolError):
    return error(e.status, e.message)


@bp.errorhandler(HTTPException)
def http_error(e: HTTPException):
    if request.endpoint == "reconcile.preview":  # a page: the application's error page
        from ..app import error_response

        return error_response(e.code or 500, e.description or "")
    return error(e.code or 500, e.description or "")


bp.after_request(preflight_headers)
