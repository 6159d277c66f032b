"""The HTML pages of the hub: Jinja2 templates in ``web/templates``, rendered on the server,
usable without JavaScript, Vietnamese by default and English one click away.

Routes of this part: ``/`` (what is here), ``/search`` (:mod:`kg.web.search`), ``/libraries``.
Entity pages have no route of their own: an entity's address *is* its IRI, which
:mod:`kg.web.linkeddata` answers — for ``text/html`` and for ``{iri}.html`` it calls
:func:`entity_page`, which returns the page, or None when there is no entity at that IRI or no
page for its kind (linked data then answers 404 or its generic description).

One module per kind of entity builds what its template shows (:mod:`.agents`, :mod:`.works`,
:mod:`.instances`, :mod:`.concepts`, :mod:`.libraries`), each with a handful of fixed SPARQL
queries over the store, the entity's IRI bound (``Data.select``), and primary-key reads of the
label index (titles, years, holdings, labels of many IRIs at once bound as one JSON array).
Rules the queries follow, learnt from Oxigraph's planner on a large store:

- a join under ``GRAPH ?g`` with ``?g`` free is evaluated graph by graph: describe an entity
  in graphs found first (:func:`.describe.graphs_of`, :func:`.describe.home_graphs`);
- labels of entities many records share (a publisher, a subject) are repeated in every record
  graph: read them in one bound graph or from the index, never by a join over the union;
- every list that can grow with the store has a limit, and the page says when it was reached.

Language: ``?lang=en`` switches and is remembered in a ``lang`` cookie (set here on every HTML
response that carries ``?lang=``); the language links keep the rest of the query string.
"""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import quote, urlencode

from flask import Blueprint, Response, current_app, render_template, request

from .. import i18n
from ..i18n import LANGUAGES, language
from .common import FORMATS, Site, classify, href
from .messages import MESSAGES

i18n.add(MESSAGES)

bp = Blueprint("pages", __name__)

COOKIE_AGE = 365 * 24 * 3600


def site() -> Site:
    return current_app.extensions["kg.pages"]


def _data():
    return current_app.extensions["kg.data"]


def _clusters():
    return current_app.extensions["kg.pages.clusters"]


# -- entity pages ------------------------------------------------------------------------------

def _builders():
    from .agents import agent_page
    from .concepts import concept_page
    from .instances import instance_page, item_page, publication_page
    from .libraries import library_page
    from .works import work_page

    return {"agent": agent_page, "work": work_page, "instance": instance_page, "item": item_page,
            "publication": publication_page, "concept": concept_page, "library": library_page}


def entity_page(iri: str) -> Response | None:
    """The HTML page of the entity at ``iri``, or None (no such entity, or no page for it)."""
    data = _data()
    kind = classify(data.base, iri)
    if kind is None:
        return None
    lang = language()
    page = _builders()[kind.kind](data, site(), iri, kind, lang)
    if page is None:
        return None
    path = href(data.base, iri) or iri
    entity = {
        "iri": iri,
        "path": path,
        "label": page["label"],
        "kind": kind.kind,
        "library": page.get("library"),
        "formats": [{"suffix": s, "type": t, "name": n, "url": f"{path}.{s}"} for s, t, n in FORMATS],
        "sparql": "/sparql?" + urlencode({"query": f"DESCRIBE <{iri}>"}, quote_via=quote),
    }
    # attributes, not a dict: in a template ``page.items`` must be the items, not dict.items
    body = render_template(page["template"], entity=entity, page=SimpleNamespace(**page))
    response = Response(body, 200, mimetype="text/html")
    response.vary.add("Cookie")
    return response


# -- routes ------------------------------------------------------------------------------------

@bp.get("/")
def home():
    from .libraries import library_rows, totals, widest

    data = _data()
    rows = library_rows(data)
    examples = site().memo.get("widest", lambda: widest(data))
    return _html(render_template("home.html", libraries=rows, totals=totals(rows), widest=examples))


@bp.get("/libraries")
def libraries():
    from .libraries import library_rows

    return _html(render_template("libraries.html", libraries=library_rows(_data())))


@bp.get("/search")
def search():
    from ..search import Query, search as run

    query = Query.from_args(request.args)
    results = run(_data(), site(), _clusters(), query, language()) if query.q else None
    return _html(render_template("search.html", query=query, results=results))


def _html(body: str) -> Response:
    response = Response(body, 200, mimetype="text/html")
    response.vary.add("Cookie")
    return response


# -- what every template gets ----------------------------------------------------------------

def lang_url(code: str) -> str:
    """This page in another language: the same path and query, ``lang`` replaced."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    args.append(("lang", code))
    return request.path + "?" + urlencode(args)


def number(value) -> str:
    """Thousands grouped the way the reader writes them (1.234.567 / 1,234,567)."""
    try:
        text = f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)
    return text.replace(",", ".") if language() == "vi" else text


def register(app) -> None:
    from ..search import Clusters

    app.extensions["kg.pages"] = Site(app.extensions["kg.data"])
    app.extensions["kg.pages.clusters"] = Clusters()
    app.register_blueprint(bp)
    app.add_template_filter(number, "num")

    @app.context_processor
    def page_helpers():
        return {"lang_url": lang_url, "messages": i18n.MESSAGES}

    @app.after_request
    def remember_language(response: Response) -> Response:
        asked = request.args.get("lang")
        if asked in LANGUAGES and asked != request.cookies.get("lang") and response.mimetype == "text/html":
            response.set_cookie("lang", asked, max_age=COOKIE_AGE, samesite="Lax", httponly=True)
            response.vary.add("Cookie")
        return response
