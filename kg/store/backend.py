"""What the rest of the hub asks of a triple store, whatever the store is.

Two implementations: :mod:`kg.store.embedded` (pyoxigraph on a directory, the default) and
:mod:`kg.store.remote` (any SPARQL 1.1 server through the Query protocol and the Graph Store
HTTP Protocol; tested against ``oxigraph serve`` and Virtuoso).  Only these modules talk to a
store; everything above them uses this interface.

Queries are fixed texts; values reach them only as bindings (``substitutions`` in pyoxigraph, a
``VALUES`` block of terms serialised by pyoxigraph for remote servers).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import BinaryIO, Iterable, Iterator

from pyoxigraph import NamedNode, Quad

from ..errors import KgError


class StoreError(KgError):
    """The store cannot be opened or written; the message says why and what to do."""

    exit_status = 5


class Backend(ABC):
    name = "store"

    @abstractmethod
    def select(self, query: str, **bindings) -> list[dict]:
        """Rows of a SELECT over the union of all graphs; values are pyoxigraph terms.  A bound
        variable must be in the projection (pyoxigraph's rule; the remote backend follows it)."""

    @abstractmethod
    def add(self, nquads: bytes, bulk: bool = False) -> None:
        """Add N-Quads atomically (``bulk``: through the bulk loader, for a first load)."""

    def bulk_session(self) -> "BulkSession":
        """A first load fed in pieces; by default each piece is added as it comes."""
        return BulkSession(lambda data: self.add(data, bulk=True))

    @abstractmethod
    def replace(self, graphs: Iterable[str], nquads: bytes) -> None:
        """Remove the named graphs ``graphs`` and add ``nquads`` — atomic where the store allows
        it, an idempotent sequence otherwise (a rerun completes it).  ``graphs`` must name every
        graph ``nquads`` writes into, so that applying the batch twice is applying it once."""

    @abstractmethod
    def graph_quads(self, graph: str) -> list[Quad]:
        ...

    @abstractmethod
    def named_graphs(self, prefix: str = "") -> Iterator[str]:
        ...

    @abstractmethod
    def dump(self, out: BinaryIO, graphs: Iterable[str] | None = None) -> int:
        """Write N-Quads of ``graphs`` (all when None) to ``out``; return the number of quads."""

    def recover(self) -> None:
        """Finish or undo what a crashed writer left behind (nothing by default)."""

    def close(self) -> None:
        pass

    def count(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"].value)

    @staticmethod
    def iri(value: str) -> NamedNode:
        return NamedNode(value)


class BulkSession:
    """Pieces of N-Quads written one after another into a first load; ``close`` ends it."""

    def __init__(self, write):
        self._write = write

    def write(self, nquads: bytes) -> None:
        if nquads:
            self._write(nquads)

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass
