"""The default store: Oxigraph embedded through pyoxigraph, a directory on disk (RocksDB).

- One writer at a time: Oxigraph locks the directory.  A second ``kg`` process gets a
  :class:`StoreError` naming the process that holds it (``kg.pid`` in the directory), not a
  traceback.
- Atomic batches.  pyoxigraph offers no multi-statement transaction in Python, and SPARQL texts
  are never assembled from data here; so a batch that replaces or removes records is first
  *staged* (its quads added under staging graph names, with markers saying which graphs they
  stand for and which graphs go), then applied by one fixed SPARQL Update — a single
  transaction that drops the old graphs, moves the staged quads into place and clears the stage.
  A crash before the update leaves only the stage, which :meth:`recover` clears at the next open;
  a crash after it leaves the finished batch.  Batches that only add new records are loaded in
  one transactional ``load`` (or ``bulk_load`` for a first load).
- A full disk is reported as such: nothing of the current batch is committed, and the same
  command can be run again once space is freed.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from pyoxigraph import DefaultGraph, NamedNode, Quad, QuadParser, RdfFormat, Store, parse, serialize

from .backend import Backend, StoreError
from .names import KGNS

STAGE = NamedNode(KGNS + "stage")
STAGED_FOR = NamedNode(KGNS + "stagedFor")
REMOVE = NamedNode(KGNS + "remove")
TRUE_GRAPH_PREFIX = "urn:kg:stage:"

APPLY = f"""
PREFIX kgns: <{KGNS}>
DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH kgns:stage {{ ?g kgns:remove kgns:remove }} GRAPH ?g {{ ?s ?p ?o }} }} ;
INSERT {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH kgns:stage {{ ?staged kgns:stagedFor ?g }} GRAPH ?staged {{ ?s ?p ?o }} }} ;
DELETE {{ GRAPH ?staged {{ ?s ?p ?o }} }} WHERE {{ GRAPH kgns:stage {{ ?staged kgns:stagedFor ?g }} GRAPH ?staged {{ ?s ?p ?o }} }} ;
CLEAR SILENT GRAPH kgns:stage
"""

DISCARD = f"""
PREFIX kgns: <{KGNS}>
DELETE {{ GRAPH ?staged {{ ?s ?p ?o }} }} WHERE {{ GRAPH kgns:stage {{ ?staged kgns:stagedFor ?g }} GRAPH ?staged {{ ?s ?p ?o }} }} ;
CLEAR SILENT GRAPH kgns:stage
"""


def _disk_full(err: OSError) -> bool:
    return getattr(err, "errno", None) == errno.ENOSPC or "No space left" in str(err)


class EmbeddedBackend(Backend):
    name = "embedded Oxigraph"

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        pidfile = self.path / "kg.pid"
        try:
            self.store = Store(str(self.path / "oxigraph"))
        except OSError as err:
            if "lock" in str(err).lower():
                holder = pidfile.read_text().strip() if pidfile.exists() else "unknown"
                raise StoreError(
                    f"store {self.path} is in use by another process (pid {holder}); "
                    "wait for it to finish or stop it, then run the command again") from None
            if _disk_full(err):
                raise StoreError(f"store {self.path}: disk full; free some space and run the command again") from None
            raise StoreError(f"store {self.path} cannot be opened: {err}") from None
        self._pidfile = pidfile
        pidfile.write_text(str(os.getpid()))
        self.recover()

    # -- reading ------------------------------------------------------------------------------

    def select(self, query: str, **bindings) -> list[dict]:
        from pyoxigraph import Variable

        subst = {Variable(k): v for k, v in bindings.items()}
        result = self.store.query(query, use_default_graph_as_union=True, substitutions=subst)
        names = [v.value for v in result.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in result]

    def graph_quads(self, graph: str) -> list[Quad]:
        return list(self.store.quads_for_pattern(None, None, None, NamedNode(graph)))

    def named_graphs(self, prefix: str = "") -> Iterator[str]:
        for g in self.store.named_graphs():
            if g.value.startswith(prefix) and not g.value.startswith(TRUE_GRAPH_PREFIX) and g != STAGE:
                yield g.value

    def dump(self, out: BinaryIO, graphs: Iterable[str] | None = None) -> int:
        if graphs is None:
            graphs = list(self.named_graphs())
        n = 0
        for g in graphs:
            quads = self.graph_quads(g)
            if quads:
                out.write(serialize(quads, format=RdfFormat.N_QUADS))
                n += len(quads)
        return n

    # -- writing ------------------------------------------------------------------------------

    def _guard(self, action):
        try:
            return action()
        except OSError as err:
            if _disk_full(err):
                raise StoreError(
                    f"store {self.path}: disk full while writing; the current batch was not committed. "
                    "Free some space and run the same command again") from None
            raise StoreError(f"store {self.path}: write failed ({err}); run the same command again") from None

    def add(self, nquads: bytes, bulk: bool = False) -> None:
        if not nquads:
            return
        if bulk:
            self._guard(lambda: self.store.bulk_load(nquads, format=RdfFormat.N_QUADS))
        else:
            self._guard(lambda: self.store.load(nquads, format=RdfFormat.N_QUADS))

    def replace(self, graphs: Iterable[str], nquads: bytes) -> None:
        graphs = list(graphs)
        if not graphs:
            self.add(nquads)
            return
        staged: list[Quad] = []
        targets: dict[str, NamedNode] = {}
        for q in parse(nquads, format=RdfFormat.N_QUADS) if nquads else ():
            g = q.graph_name
            if isinstance(g, DefaultGraph):
                staged.append(q)  # nothing to stage: default-graph triples are added as they are
                continue
            sg = targets.get(g.value)
            if sg is None:
                sg = targets[g.value] = NamedNode(TRUE_GRAPH_PREFIX + str(len(targets)) + ":" + g.value)
            staged.append(Quad(q.subject, q.predicate, q.object, sg))
        for g, sg in targets.items():
            staged.append(Quad(sg, STAGED_FOR, NamedNode(g), STAGE))
        for g in graphs:
            staged.append(Quad(NamedNode(g), REMOVE, REMOVE, STAGE))
        self._guard(lambda: self.store.extend(staged))
        self._guard(lambda: self.store.update(APPLY))

    def recover(self) -> None:
        """Clear the stage a crashed writer may have left (the batch was not applied; the
        command that wrote it will write it again)."""
        if any(True for _ in self.store.quads_for_pattern(None, None, None, STAGE)):
            self._guard(lambda: self.store.update(DISCARD))

    def flush(self) -> None:
        self._guard(self.store.flush)

    def close(self) -> None:
        try:
            self.store.flush()
        except OSError:
            pass  # e.g. a full disk, already reported; committed data is in RocksDB's write-ahead log
        finally:
            try:
                if self._pidfile.read_text().strip() == str(os.getpid()):
                    self._pidfile.unlink()
            except OSError:
                pass
            del self.store
