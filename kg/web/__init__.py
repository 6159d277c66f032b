"""The web hub: one Flask application over one store, served by waitress.

Layers, data flowing one way (request → route → data → store):

- :mod:`kg.web.config`     every setting of ``kg serve`` (command line, environment, defaults)
- :mod:`kg.web.data`       the store as the web sees it: bounded reads of the graph, the label
                           index, the statistics; thread-safe; the only module that talks to the
                           store for pages and linked data
- :mod:`kg.web.sparql`     the public ``/sparql`` endpoint: user queries run in worker processes
                           that can be killed at the time limit (pyoxigraph cannot cancel a query)
- :mod:`kg.web.linkeddata` content negotiation on entity IRIs, the RDF description of an entity
- :mod:`kg.web.void`       VoID at ``/.well-known/void``, dumps at ``/dumps/``, the sitemap
- :mod:`kg.web.reconcile`  the reconciliation service for OpenRefine at ``/reconcile`` (API 0.2;
                           1.0-draft at ``/reconcile/v1``) over :class:`kg.reconcile.Reconciler`
- :mod:`kg.web.pages`      the HTML pages (templates in ``web/templates``), Vietnamese and English
- :mod:`kg.web.i18n`       the message table and the choice of language
- :mod:`kg.web.app`        the application factory: blueprints, headers, errors
- :mod:`kg.web.logs`       a JSON line per request on stderr, request ids (``X-Request-ID``)
- :mod:`kg.web.server`     waitress, the worker pool's life cycle
"""

from .app import create_app
from .config import WebConfig

__all__ = ["WebConfig", "create_app"]
