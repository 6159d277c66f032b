"""The public SPARQL endpoint ``/sparql`` (SPARQL 1.1 Protocol, Query; Update on request).

Users' queries never run in the web process: pyoxigraph can neither time a query out nor
cancel it, so every query goes to a pool of worker processes that can be killed at the time
limit (:mod:`~kg.web.sparql.pool`).  The parts, request to answer:

- :mod:`~kg.web.sparql.views`     routes: protocol in, reply out; the query page; updates
- :mod:`~kg.web.sparql.protocol`  reading a request (W3C protocol rules) and content negotiation
- :mod:`~kg.web.sparql.service`   where a query runs (workers, or a remote server), updates,
                                  the service description
- :mod:`~kg.web.sparql.pool`      the worker processes: time limit, replacement, recycling
- :mod:`~kg.web.sparql.worker`    one query in a worker: guard, run, write the whole answer
- :mod:`~kg.web.sparql.guard`     SSRF (SERVICE, LOAD), the query's own dataset, USING clauses
- :mod:`~kg.web.sparql.results`   the result formats, written up to the row cap
- :mod:`~kg.web.sparql.examples`  the example queries ``sparql/*.rq``
- :mod:`~kg.web.sparql.prefixes`  the prefixes of the query page

Protections: a time limit per query (``--query-timeout``, 503 past it — never a 200 with a cut
body), a row cap (``KG_MAX_ROWS``, header ``X-KG-Truncated``), ``SERVICE``/``LOAD`` only to
allowed hosts (``KG_SERVICE_ALLOW``), read-only unless ``--allow-update`` with a bearer token,
CORS for every origin.
"""

from __future__ import annotations


def register(app) -> None:
    from .. import i18n
    from . import views
    from .service import Endpoint

    i18n.add(views.MESSAGES)
    endpoint = Endpoint(app.extensions["kg.config"], app.extensions["kg.data"])
    app.extensions["kg.sparql"] = endpoint
    app.extensions.setdefault("kg.on_close", []).append(endpoint.close)
    app.add_url_rule("/sparql", "sparql", views.sparql,
                     methods=["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"], provide_automatic_options=False)
    app.add_url_rule("/sparql/examples/<name>.rq", "sparql_example", views.example)
