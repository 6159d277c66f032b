"""The endpoint behind ``/sparql``: where a query runs, how an update is applied, and the
service description.

- **Embedded store** (the default): queries go to the worker :class:`~kg.web.sparql.pool.Pool`
  (a time limit that really stops the query; ``config.workers`` processes reading a checkpoint
  of the store in ``<store>/sparql-snapshots/``).  Updates, only with
  ``--allow-update`` and the bearer token, run in the web process on the read-write store under
  a lock, are flushed, and the workers are recycled so that their read-only snapshots see the
  change.  In an update the default graph is the store's own default graph (SPARQL Update has
  no union default graph; name graphs with ``GRAPH``, ``WITH`` or ``USING``).  An update changes
  the graph only: the label index and statistics are rebuilt by ``kg`` commands, not here.
- **Remote store** (``--endpoint``): a query is sent to the remote server (time limit
  ``config.query_timeout``: 504 past it, the whole answer read before anything is sent back);
  its answer is read with pyoxigraph and written again by :mod:`kg.web.sparql.results`, so the
  formats, the 406s and the row cap are the same as with the embedded store.  The same SSRF
  checks apply before anything is sent.  The remote server decides what its default graph is
  (``oxigraph serve --union-default-graph`` and Virtuoso give the hub's union of all graphs).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from itertools import islice

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryResultsFormat,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
)

from . import guard, results, worker
from .pool import Pool, Unavailable
from .protocol import Operation

SNAPSHOTS = "sparql-snapshots"  # beside oxigraph/ in the store directory: the workers' checkpoints
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDFS_SEE_ALSO = NamedNode("http://www.w3.org/2000/01/rdf-schema#seeAlso")


def sd(local: str) -> NamedNode:
    return NamedNode(SD + local)


#: what the endpoint writes, as W3C format IRIs (for sd:resultFormat)
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "RDF_XML", "JSON-LD")


@dataclass
class Reply:
    status: int
    media_type: str = "text/plain"
    body: bytes = b""
    kind: str | None = None
    truncated: bool = False
    message: str | None = None


class Endpoint:
    def __init__(self, config, data):
        self.config = config
        self.data = data
        self.base_iri = data.base + "sparql"  # relative IRIs in queries resolve against the endpoint
        self.pool = None
        if data.embedded:
            self.pool = Pool(data.hub.backend.checkpoint, data.directory / SNAPSHOTS, config.workers,
                             config.service_allow, self.base_iri)
        self._update_lock = threading.Lock()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()

    # -- queries ------------------------------------------------------------------------------

    def query(self, op: Operation, formats: dict[str, str | None], cap: int) -> Reply:
        if self.pool is None:
            return self._remote_query(op, formats, cap)
        request = json.dumps({"query": op.text, "default": op.default_graphs, "named": op.named_graphs,
                              "formats": formats, "cap": cap}, ensure_ascii=False).encode("utf-8")
        try:
            data = self.pool.run(request, self.config.query_timeout)
        except Unavailable as err:
            return Reply(err.status, message=err.message)
        head, body = worker.parse_reply(data)
        return Reply(head["status"], head["type"], body, head["kind"], head["truncated"], head["message"])

    def _remote_query(self, op: Operation, formats: dict[str, str | None], cap: int) -> Reply:
        import requests

        try:
            guard.check_query(op.text, self.config.service_allow, self.base_iri)
        except guard.Refused as err:
            return Reply(400, message=str(err))
        backend = self.data.hub.backend
        form = [("query", op.text)]
        form += [("default-graph-uri", g) for g in op.default_graphs or []]
        form += [("named-graph-uri", g) for g in op.named_graphs or []]
        timeout = self.config.query_timeout
        deadline = time.monotonic() + timeout
        accept = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
        try:
            with backend.session.post(backend.query_url, data=form, headers={"Accept": accept},
                                      timeout=(min(timeout, 10.0), timeout), stream=True) as response:
                chunks = []
                for chunk in response.iter_content(1 << 16):
                    chunks.append(chunk)
                    if time.monotonic() > deadline:
                        return Reply(504, message=f"the SPARQL server did not answer within {timeout:g} s")
                body = b"".join(chunks)
                status, media = response.status_code, (response.headers.get("Content-Type") or "").split(";")[0].strip()
        except requests.Timeout:
            return Reply(504, message=f"the SPARQL server did not answer within {timeout:g} s")
        except requests.RequestException as err:
            return Reply(502, message=f"the SPARQL server is unreachable ({type(err).__name__})")
        if status != 200:
            text = body.decode("utf-8", "replace").strip()[:1000]
            return Reply(400 if 400 <= status < 500 else 502, message=f"the SPARQL server answered {status}: {text}")
        return self._rewrite(body, media, formats, cap)

    @staticmethod
    def _rewrite(body: bytes, media: str, formats: dict[str, str | None], cap: int) -> Reply:
        """A remote answer written again in the negotiated format, cut at ``cap``."""
        try:
            if media in (results.JSON, "application/json", results.XML, "application/xml"):
                fmt = QueryResultsFormat.JSON if "json" in media else QueryResultsFormat.XML
                result = parse_query_results(body, format=fmt)
                kind = results.kind_of(result)
                if formats.get(kind) is None:
                    return Reply(406, kind=kind)
                out, truncated = results.write(result, formats[kind], cap)
                return Reply(200, formats[kind], out, kind, truncated)
            rdf = RdfFormat.from_media_type(media) if media else None
            if rdf is None:
                return Reply(502, message=f"the SPARQL server answered in an unexpected format ({media or 'none'})")
            kind = results.GRAPH
            if formats.get(kind) is None:
                return Reply(406, kind=kind)
            triples = list(islice(parse(body, format=rdf), cap + 1))
            out = results.write_graph(triples[:cap], formats[kind])
            return Reply(200, formats[kind], out, kind, len(triples) > cap)
        except (SyntaxError, ValueError) as err:
            return Reply(502, message=f"the SPARQL server's answer cannot be read: {err}")
        except results.CannotWrite as err:
            return Reply(406, kind=kind, message=str(err))

    # -- updates ------------------------------------------------------------------------------

    def update(self, op: Operation) -> Reply:
        try:
            guard.check_update(op.text, self.config.service_allow, self.base_iri)
            text = guard.apply_using(op.text, op.using_graphs, op.using_named_graphs)
        except guard.Refused as err:
            return Reply(400, message=str(err))
        if self.pool is None:
            return self._remote_update(text)
        backend = self.data.hub.backend
        with self._update_lock:
            try:
                backend.update(text, base_iri=self.base_iri)
            except SyntaxError as err:
                return Reply(400, message=f"syntax error: {err}")
            except OSError as err:
                return Reply(500, message=f"the update could not be written: {err}")
            except Exception as err:  # noqa: BLE001 - e.g. a failed LOAD: nothing was written
                return Reply(400, message=f"the update failed and changed nothing: {err}")
            self.pool.recycle()
        return Reply(204)

    def _remote_update(self, text: str) -> Reply:
        import requests

        backend = self.data.hub.backend
        url = backend.query_url if backend.virtuoso else backend.endpoint + "/update"
        try:
            response = backend.session.post(url, data={"update": text}, timeout=self.config.query_timeout)
        except requests.Timeout:
            return Reply(504, message=f"the SPARQL server did not answer within {self.config.query_timeout:g} s")
        except requests.RequestException as err:
            return Reply(502, message=f"the SPARQL server is unreachable ({type(err).__name__})")
        if response.status_code >= 300:
            return Reply(400 if response.status_code < 500 else 502,
                         message=f"the SPARQL server answered {response.status_code}: {response.text.strip()[:1000]}")
        return Reply(204)

    # -- service description ------------------------------------------------------------------

    def description(self, endpoint_url: str) -> list[Triple]:
        """The SPARQL 1.1 Service Description of this endpoint (the triples Oxigraph's server
        writes, plus the store's own named graphs and a pointer to the VoID description)."""
        service = BlankNode()
        out = [Triple(service, RDF_TYPE, sd("Service")),
               Triple(service, sd("endpoint"), NamedNode(endpoint_url)),
               Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
               Triple(service, sd("feature"), sd("UnionDefaultGraph")),
               Triple(service, sd("feature"), sd("EmptyGraphs")),
               Triple(service, sd("defaultEntailmentRegime"), NamedNode("http://www.w3.org/ns/entailment/Simple")),
               Triple(service, RDFS_LABEL, Literal("Thư viện Liên thông — điểm truy vấn SPARQL", language="vi")),
               Triple(service, RDFS_LABEL, Literal("Interconnected Libraries — SPARQL endpoint", language="en")),
               Triple(service, RDFS_SEE_ALSO, NamedNode(self.data.base + ".well-known/void"))]
        if self.config.allow_update:
            out.append(Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
        if self.config.service_allow:
            out.append(Triple(service, sd("feature"), sd("BasicFederatedQuery")))
        out += [Triple(service, sd("resultFormat"), NamedNode(FORMATS + f)) for f in RESULT_FORMATS]
        dataset, default = BlankNode(), BlankNode()
        out += [Triple(service, sd("defaultDataset"), dataset),
                Triple(dataset, RDF_TYPE, sd("Dataset")),
                Triple(dataset, sd("defaultGraph"), default),
                Triple(default, RDF_TYPE, sd("Graph")),
                Triple(default, RDFS_LABEL, Literal("the union of all named graphs", language="en")),
                Triple(default, RDFS_LABEL, Literal("hợp của mọi đồ thị có tên", language="vi"))]
        names = self.data.names
        graphs = [names.links, names.decisions, names.vocabularies]
        for library in self.data.libraries():
            graphs += [names.registry(library.code), names.stats(library.code)]
        for graph in graphs:
            node = BlankNode()
            out += [Triple(dataset, sd("namedGraph"), node), Triple(node, RDF_TYPE, sd("NamedGraph")),
                    Triple(node, sd("name"), graph)]
        return out

