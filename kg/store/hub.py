"""One object for a store and its index, opened the same way by every command.

Opening does the crash recovery: the backend clears a stage a killed writer left, and the index
is checked — if it is marked dirty (a batch reached the store but not the index), missing,
emptied, unreadable or corrupt, it is re-synchronised from the store, which is the source of truth.
"""

from __future__ import annotations

from pathlib import Path

from .. import settings
from . import extract, registry
from .backend import Backend, StoreError
from .index import Index, IndexCorrupt
from .names import GraphNames

INDEX_FILE = "index.sqlite"


class Hub:
    def __init__(self, store: str | None = None, endpoint: str | None = None, base_uri: str | None = None,
                 sync: bool = True):
        self.base_uri = str(settings.get("base_uri", base_uri))
        self.names = GraphNames(self.base_uri)
        self.directory = Path(str(settings.get("store", store)))
        endpoint = settings.get("endpoint", endpoint)
        if endpoint:
            from .remote import RemoteBackend

            self.backend: Backend = RemoteBackend(str(endpoint))
            self.directory.mkdir(parents=True, exist_ok=True)
        else:
            from .embedded import EmbeddedBackend

            self.backend = EmbeddedBackend(self.directory)
        self.index = self._open_index()
        if sync and self.index.is_dirty():
            self.sync_index()
        if sync and self.index.fulltext_stale():
            self.index.rebuild_fulltext()

    def _open_index(self) -> Index:
        path = self.directory / INDEX_FILE
        # a missing or emptied file opens as a new, clean index: it must be filled from the store
        # (which is empty only for a new store: then the re-read costs nothing)
        lost = not path.exists() or path.stat().st_size == 0
        try:
            index = Index(path)
            if index.check():
                if lost:
                    index.mark_dirty()
                return index
            index.close()
        except IndexCorrupt:
            pass
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        index = Index(path)
        index.mark_dirty()  # empty: everything will be re-read from the store
        return index

    def close(self) -> None:
        self.index.close()
        self.backend.close()

    def __enter__(self) -> "Hub":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- index synchronisation ------------------------------------------------------------------

    def sync_index(self, full: bool = False) -> int:
        """Bring the index in line with the store; return how many records were re-read."""
        from .ingest import manifest

        if full:
            self.index.clear()
        reread = 0
        libraries = {lib.code for lib in registry.all_libraries(self.backend, self.names)} | set(self.index.libraries())
        for code in sorted(libraries):
            stored = manifest(self.backend, self.names, code)
            indexed = self.index.manifest(code)
            stale = [rid for rid, h in stored.items() if indexed.get(rid) != h]
            gone = [rid for rid in indexed if rid not in stored]
            prefix = self.names.record_graph_prefix(code)
            for i in range(0, max(len(stale), 1), 500):
                part = stale[i : i + 500]
                upserts = []
                for rid in part:
                    graph = prefix + rid
                    upserts.append((rid, graph, stored[rid], extract.facts(self.backend.graph_quads(graph))))
                self.index.apply(code, upserts, gone if i == 0 else [], clean=False)
            reread += len(stale)
        if self.index.fulltext_stale():
            self.index.rebuild_fulltext()
        self.index.mark_clean()
        return reread

    def require_library(self, code: str):
        return registry.require(self.backend, self.names, code)


__all__ = ["Hub", "StoreError"]
