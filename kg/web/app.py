"""The application factory.

:func:`create_app` opens the store (:class:`~kg.web.data.Data`), registers the parts of the hub
— each a module with ``register(app)`` — and the behaviour every response shares:

- CORS ``*`` on every route (a public linked-data hub: any page may fetch from it);
- security headers: ``Content-Security-Policy`` (no inline script, nothing from elsewhere),
  ``X-Content-Type-Options: nosniff``, ``Referrer-Policy``; framing refused
  (``frame-ancestors 'none'``) except where a part allows it by setting ``g.frame_ok``;
- errors: 404/405/406/413/500 as a page for browsers and as plain text for everyone else — never
  a stack trace in a response;
- a request body limit (``max_body``).

Parts are registered in order; the linked-data part comes last because it answers every path
under the base that no other part took (entity IRIs).
"""

from __future__ import annotations

import logging

from flask import Flask, Response, g, render_template, request
from werkzeug.exceptions import HTTPException

from ..resources import web_dir
from . import i18n
from .config import WebConfig
from .data import Data

PARTS = ("kg.web.sparql", "kg.web.void", "kg.web.pages", "kg.web.reconcile", "kg.web.linkeddata")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

log = logging.getLogger("kg.web")


def create_app(config: WebConfig | None = None, data: Data | None = None) -> Flask:
    import importlib

    config = config or WebConfig.from_env()
    assets = web_dir()
    app = Flask("kg.web", template_folder=str(assets / "templates"), static_folder=str(assets / "static"),
                static_url_path="/static")
    app.config["MAX_CONTENT_LENGTH"] = config.max_body
    app.config["JSON_AS_ASCII"] = False
    app.json.ensure_ascii = False
    app.extensions["kg.config"] = config
    app.extensions["kg.data"] = data or Data(config)
    app.jinja_env.globals.update(_=i18n.translate, lang=i18n.language, languages=i18n.LANGUAGES)
    app.jinja_env.autoescape = True

    importlib.import_module("kg.web.logs").register(app)  # a JSON line per request on stderr, X-Request-ID
    for name in PARTS:
        importlib.import_module(name).register(app)

    @app.get("/healthz")
    def healthz():
        """200 when the store answers a query, 503 otherwise (for load balancers and monitors)."""
        try:
            app.extensions["kg.data"].select("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
        except Exception:  # noqa: BLE001 - any failure of the store is "unhealthy"
            log.exception("health check failed")
            return {"status": "unavailable"}, 503
        return {"status": "ok"}

    @app.after_request
    def shared_headers(response: Response) -> Response:
        h = response.headers
        h.setdefault("Access-Control-Allow-Origin", "*")
        h.setdefault("Access-Control-Expose-Headers", "Link, Content-Location, Vary")
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if getattr(g, "frame_ok", False):
            h.setdefault("Content-Security-Policy", CSP.replace("frame-ancestors 'none'", "frame-ancestors *"))
        else:
            h.setdefault("Content-Security-Policy", CSP)
            h.setdefault("X-Frame-Options", "DENY")
        return response

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        return error_response(err.code or 500, err.description or "")

    @app.errorhandler(Exception)
    def server_error(err: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "")

    return app


def data() -> Data:
    from flask import current_app

    return current_app.extensions["kg.data"]


def config() -> WebConfig:
    from flask import current_app

    return current_app.extensions["kg.config"]


TITLES = {404: "error.not_found", 406: "error.not_acceptable", 500: "error.server"}


def wants_html() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "text/plain"], default=None)
    return best == "text/html" and request.accept_mimetypes["text/html"] > request.accept_mimetypes["*/*"] or \
        (best == "text/html" and "text/html" in (request.headers.get("Accept") or ""))


def error_response(status: int, message: str) -> Response:
    """A page for browsers, plain text for other clients; the message is ours, never a trace."""
    if wants_html():
        body = render_template("error.html", status=status, title=i18n.translate(TITLES.get(status, "error.server")),
                               message=message)
        return Response(body, status=status, mimetype="text/html")
    return Response(f"{status} {message}".strip() + "\n", status=status, mimetype="text/plain")
