"""The knowledge-graph store: Oxigraph (embedded or a remote SPARQL server) plus its side index.

Modules: ``names`` (graph IRIs), ``backend`` (the interface), ``embedded`` and ``remote`` (the
two implementations — the only code that talks to a store), ``index`` (SQLite/FTS5 beside the
store), ``extract`` (index rows from a record's triples), ``registry`` (libraries),
``vocabularies``, ``stats``, ``ingest``, ``export``, ``backup`` (``kg backup``/``kg restore``); :class:`~kg.store.hub.Hub` ties them together
for the command line and the web.
"""

from .backend import Backend, StoreError
from .hub import Hub

__all__ = ["Backend", "Hub", "StoreError"]
