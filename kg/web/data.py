"""The store as the web application sees it.

One :class:`Data` per application, shared by the server's threads:

- graph reads go through :meth:`select` — our own fixed query texts with values bound, never
  user text (user SPARQL goes to :mod:`kg.web.sparql`, which runs it in killable processes);
  pyoxigraph's ``Store`` may be shared by threads, and ``backend.select`` consumes each result
  in the calling thread, as pyoxigraph requires;
- the label index (SQLite) is read through one read-only connection per server thread, so
  searches run in parallel (SQLite releases the GIL); the hub's own connection (which did the
  crash check and any repair at opening) is not used by the threads;
- the embedded store is opened read-write, which holds Oxigraph's lock: no ``kg ingest`` can
  write beside a running server (stop the server, ingest, start it again), so the read-only
  snapshots the SPARQL workers open are never stale.
"""

from __future__ import annotations

import threading
from pathlib import Path

from ..store import Hub, registry
from ..store.index import Hit, Index
from .config import WebConfig


class Data:
    def __init__(self, config: WebConfig):
        self.config = config
        self.hub = Hub(config.store, config.endpoint, config.base_uri)
        self.names = self.hub.names
        self.base = self.names.base
        self._readers = threading.local()
        self._libraries: list[registry.Library] | None = None

    # -- where the store is (for the SPARQL workers and dumps) ----------------------------------

    @property
    def embedded(self) -> bool:
        return not self.config.endpoint

    @property
    def oxigraph_path(self) -> Path:
        return self.hub.directory / "oxigraph"

    @property
    def directory(self) -> Path:
        return self.hub.directory

    def close(self) -> None:
        self.hub.close()

    # -- graph -----------------------------------------------------------------------------------

    def select(self, query: str, **bindings) -> list[dict]:
        """Rows of one of our fixed SELECT queries over the union of all graphs; bindings are
        pyoxigraph terms substituted for the variables of the same name."""
        return self.hub.backend.select(query, **bindings)

    # -- index -----------------------------------------------------------------------------------

    @property
    def index(self) -> Index:
        """This thread's read-only connection to the label index."""
        reader = getattr(self._readers, "index", None)
        if reader is None:
            reader = self._readers.index = Index.reader(self.hub.index.path)
        return reader

    def search(self, text: str, library: str | None = None, kinds=None, limit: int = 20) -> list[Hit]:
        return self.index.search(text, library=library, kinds=kinds, limit=limit)

    def index_rows(self, sql: str, params=()) -> list[tuple]:
        """Rows of a fixed read-only SQL text over the label index, values bound as parameters."""
        return self.index.db.execute(sql, params).fetchall()

    def statistics(self) -> dict[str, dict]:
        """{library code: figures} from the counters of the index (constant time)."""
        index = self.index
        return {code: index.statistics(code) for code in index.libraries()}

    # -- registry --------------------------------------------------------------------------------

    def libraries(self) -> list[registry.Library]:
        """The registered libraries (read once: the registry does not change while serving)."""
        if self._libraries is None:
            self._libraries = registry.all_libraries(self.hub.backend, self.names)
        return self._libraries

    def library(self, code: str) -> registry.Library | None:
        return next((lib for lib in self.libraries() if lib.code == code), None)
