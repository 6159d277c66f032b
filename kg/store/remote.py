"""A remote SPARQL 1.1 server as the store: the Query protocol for reading, the Graph Store HTTP
Protocol for writing whole graphs.  No SPARQL Update text is ever assembled from data: records
are written and removed graph by graph.

Two flavours, told apart by the URL given as ``--endpoint`` / ``KG_ENDPOINT``:

- ``http://host:7878`` — an ``oxigraph serve``: ``/query``, and ``/store`` for the Graph Store
  Protocol (a POST of N-Quads to ``/store`` adds a whole batch in one request);
- ``http://host:8890/sparql`` — Virtuoso: ``/sparql`` for queries, and
  ``/sparql-graph-crud-auth`` (digest authentication with ``KG_ENDPOINT_USER`` /
  ``KG_ENDPOINT_PASSWORD``) for graphs, one request per graph.  Its default graph is the union
  of all graphs; every query here names its graphs, so that does not matter.

A batch is not one transaction on a remote server: removals then additions, each idempotent, so
an interrupted batch is completed by running the same command again (the manifest of record
hashes lives in the record graphs themselves).  An unreachable server or an HTTP error stops the
run with the server's answer.  Bindings reach queries as a ``VALUES`` block of terms serialised
by pyoxigraph — never as pasted text.
"""

from __future__ import annotations

from collections import defaultdict
from typing import BinaryIO, Iterable, Iterator
from urllib.parse import urlsplit, urlunsplit

import requests
from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryResultsFormat,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from .. import settings
from .backend import Backend, StoreError

TIMEOUT = 600


def redact(url: str) -> str:
    """``url`` with the password of its user information (``http://user:password@host/``)
    replaced by ``***``, for every message and log line that names the server."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


class RemoteBackend(Backend):
    def __init__(self, endpoint: str):
        self.endpoint = endpoint.rstrip("/")
        path = urlsplit(self.endpoint).path
        self.virtuoso = path.endswith("/sparql")
        self.session = requests.Session()
        user, password = settings.get("endpoint_user"), settings.get("endpoint_password")
        if self.virtuoso:
            root = self.endpoint[: -len("/sparql")]
            self.query_url = self.endpoint
            self.gsp_url = root + ("/sparql-graph-crud-auth" if user else "/sparql-graph-crud")
            self.graph_param = "graph-uri"
            if user:
                self.session.auth = requests.auth.HTTPDigestAuth(str(user), str(password or ""))
            self.name = f"Virtuoso at {redact(self.endpoint)}"
        else:
            self.query_url = self.endpoint + "/query"
            self.gsp_url = self.endpoint + "/store"
            self.graph_param = "graph"
            if user:
                self.session.auth = (str(user), str(password or ""))
            self.name = f"SPARQL server at {redact(self.endpoint)}"
        self._request("GET", self.query_url, params={"query": "ASK { }"},
                      headers={"Accept": "application/sparql-results+json"})

    # -- HTTP ---------------------------------------------------------------------------------

    def _request(self, method: str, url: str, ok=(200, 201, 204), **kw) -> requests.Response:
        try:
            response = self.session.request(method, url, timeout=TIMEOUT, **kw)
        except requests.RequestException as err:
            raise StoreError(f"{self.name} is unreachable ({type(err).__name__}); nothing more was written. "
                             "Start the server (or check --endpoint) and run the same command again") from None
        if response.status_code not in ok:
            body = response.text[:300].strip().replace("\n", " ")
            raise StoreError(f"{self.name} answered {response.status_code} to {method} {redact(url)}: {body}. "
                             "The batch in progress may be incomplete; run the same command again to complete it")
        return response

    @staticmethod
    def _bind(query: str, bindings: dict) -> str:
        """The query with ``bindings`` as an inline ``VALUES`` block at the start of its WHERE
        group, so that every pattern and FILTER of the group sees them bound (as pyoxigraph's
        substitutions do).  The terms are written by pyoxigraph; queries are our fixed texts."""
        if not bindings:
            return query
        names = " ".join(f"?{k}" for k in bindings)
        terms = " ".join(str(v) for v in bindings.values())
        at = query.index("{", query.upper().index("WHERE")) + 1
        return f"{query[:at]} VALUES ({names}) {{ ({terms}) }} {query[at:]}"

    # -- reading ------------------------------------------------------------------------------

    def select(self, query: str, **bindings) -> list[dict]:
        r = self._request("POST", self.query_url, data={"query": self._bind(query, bindings)},
                          headers={"Accept": "application/sparql-results+json"})
        result = parse_query_results(r.content, format=QueryResultsFormat.JSON)
        names = [v.value for v in result.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in result]

    def graph_quads(self, graph: str) -> list[Quad]:
        g = NamedNode(graph)
        query = self._bind("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": g})
        accept = "text/turtle" if self.virtuoso else "application/n-triples"
        r = self._request("POST", self.query_url, data={"query": query}, headers={"Accept": accept})
        fmt = RdfFormat.TURTLE if self.virtuoso else RdfFormat.N_TRIPLES
        return [Quad(t.subject, t.predicate, t.object, g) for t in parse(r.content, format=fmt)]

    def named_graphs(self, prefix: str = "") -> Iterator[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for r in rows:
            value = r["g"].value
            if value.startswith(prefix):
                yield value

    def dump(self, out: BinaryIO, graphs: Iterable[str] | None = None) -> int:
        n = 0
        for g in graphs if graphs is not None else list(self.named_graphs()):
            quads = self.graph_quads(g)
            if quads:
                out.write(serialize(quads, format=RdfFormat.N_QUADS))
                n += len(quads)
        return n

    # -- writing ------------------------------------------------------------------------------

    def add(self, nquads: bytes, bulk: bool = False) -> None:
        if not nquads:
            return
        if not self.virtuoso:
            self._request("POST", self.gsp_url, data=nquads, headers={"Content-Type": "application/n-quads"})
            return
        by_graph: dict[str, list[Triple]] = defaultdict(list)
        for q in parse(nquads, format=RdfFormat.N_QUADS):
            if isinstance(q.graph_name, DefaultGraph):
                raise StoreError("triples outside a named graph cannot be written to Virtuoso's Graph Store")
            by_graph[q.graph_name.value].append(Triple(q.subject, q.predicate, q.object))
        for graph, triples in by_graph.items():
            # N-Triples is Turtle: Virtuoso's Graph Store reads it as text/turtle
            self._request("POST", self.gsp_url, params={self.graph_param: graph},
                          data=serialize(triples, format=RdfFormat.N_TRIPLES),
                          headers={"Content-Type": "text/turtle"})

    def replace(self, graphs: Iterable[str], nquads: bytes) -> None:
        for graph in graphs:
            self._request("DELETE", self.gsp_url, params={self.graph_param: graph}, ok=(200, 201, 204, 404))
        self.add(nquads)

    def close(self) -> None:
        self.session.close()
