"""The W3C SPARQL 1.1 Protocol tests (``../shared/specs/sparql-protocol/protocol/manifest.ttl``)
and the Service Description tests, run against live servers.

The manifest describes each test as an ``ht:Connection`` holding an ordered list of
``ht:Request``s (method, ``ht:absolutePath`` under ``/sparql/``, headers, body with its character
encoding) and, for each, the expected ``ht:Response`` (status class, result format, ASK answer).
This runner sends exactly those requests, with ``/sparql/`` rewritten to our ``/sparql``.
Tests that need data (``ut:graphData``) get it: the servers run over a store holding
``dataN.nt`` in the named graphs the manifest names.

Two servers:
- read-only (the default configuration): every test runs; the ones that perform a SPARQL
  Update are expected to fail — the endpoint refuses updates while they are off — and are
  marked ``xfail(strict=True)``, so they must really fail;
- ``--allow-update`` with a token: the tests that touch updates run again, the runner adding
  ``Authorization: Bearer`` to every request, and pass.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from webhelp import ROOT, free_port, start_server, stop_server

SPECS = ROOT.parent / "shared" / "specs" / "sparql-protocol"
MANIFEST = SPECS / "protocol" / "manifest.ttl"
SD_MANIFEST = SPECS / "service-description" / "manifest.ttl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
TOKEN = "w3c-protocol-tests-token"


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]  # "2xx", "3xx", "4xx"
    format: str | None  # "boolean", "tabular", "RDF"
    boolean: bool | None


@dataclass
class ProtocolTest:
    name: str
    title: str
    requests: list[Request]
    data: list[tuple[Path, str]] = field(default_factory=list)  # (file, graph IRI)

    @property
    def updates(self) -> bool:
        """Whether the test is about SPARQL Update (the manifest names them so: ``update_…``,
        ``bad_update_…``, ``bad_multiple_updates``; a body alone cannot tell, e.g. the
        ``text/plain`` one)."""
        return self.name.startswith(("update_", "bad_update", "bad_multiple_updates"))

    @property
    def succeeds(self) -> bool:
        return all("4xx" not in r.statuses for r in self.requests)


def load_manifest() -> list[ProtocolTest]:
    g = Graph().parse(MANIFEST, format="turtle")
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    tests = []
    for entry in Collection(g, g.value(manifest, MF.entries)):
        action = g.value(entry, MF.action)
        reqs = []
        for req in Collection(g, g.value(action, HT.requests)):
            headers = {}
            header_list = g.value(req, HT.headers)
            if header_list is not None:
                for h in Collection(g, header_list):
                    headers[str(g.value(h, HT.fieldName)).lower()] = str(g.value(h, HT.fieldValue))
            body_node = g.value(req, HT.body)
            body = None
            if body_node is not None:
                encoding = str(g.value(body_node, CNT.characterEncoding) or "UTF-8")
                body = str(g.value(body_node, CNT.chars)).encode(encoding)
            resp = g.value(req, HT.resp)
            statuses = {str(s)[len(HTS):] for s in g.objects(resp, MF.expectedStatus)}
            fmt = g.value(resp, MF.expectedFormat)
            boolean = g.value(resp, MF.expectedBoolean)
            reqs.append(Request(str(g.value(req, HT.methodName)), str(g.value(req, HT.absolutePath)), headers, body,
                                statuses, str(fmt) if fmt is not None else None,
                                boolean.toPython() if boolean is not None else None))
        data = [(Path(str(g.value(d, UT.graph)).removeprefix("file://")), str(g.value(d, RDFS.label)))
                for d in g.objects(entry, UT.graphData)]
        name = str(entry).rsplit("#", 1)[1]
        tests.append(ProtocolTest(name, str(g.value(entry, MF.name)), reqs, data))
    return tests


TESTS = load_manifest()


def test_manifest_is_read_whole():
    assert len(TESTS) == 34
    assert sum(t.updates for t in TESTS) == 14 and sum(t.updates and t.succeeds for t in TESTS) == 7
    assert all(t.requests and all(r.statuses for r in t.requests) for t in TESTS)
    graphs = {label for t in TESTS for _, label in t.data}
    assert graphs == {f"http://kasei.us/2009/09/sparql/data/data{i}.rdf" for i in (1, 2, 3)}


def _protocol_store(directory: Path) -> Path:
    """A store holding the manifest's graph data, each file in the named graph its label gives."""
    store_dir = directory / "store"
    (store_dir / "oxigraph").mkdir(parents=True)
    store = Store(str(store_dir / "oxigraph"))
    for path, label in {(p, label) for t in TESTS for p, label in t.data}:
        triples = parse(path=str(MANIFEST.parent / path.name), format=RdfFormat.N_TRIPLES)
        store.extend(Quad(t.subject, t.predicate, t.object, NamedNode(label)) for t in triples)
    store.flush()
    del store
    return store_dir


@pytest.fixture(scope="module")
def readonly_server(tmp_path_factory):
    store = _protocol_store(tmp_path_factory.mktemp("w3c-readonly"))
    port = free_port()
    proc = start_server(store, port, "--workers", "1")
    yield f"http://127.0.0.1:{port}/"
    stop_server(proc)


@pytest.fixture(scope="module")
def update_server(tmp_path_factory):
    store = _protocol_store(tmp_path_factory.mktemp("w3c-update"))
    port = free_port()
    proc = start_server(store, port, "--workers", "1", "--allow-update", env={"KG_TOKEN": TOKEN})
    yield f"http://127.0.0.1:{port}/"
    stop_server(proc)


def _boolean(response: requests.Response) -> bool:
    media = response.headers["Content-Type"].split(";")[0].strip()
    if media == "application/sparql-results+json":
        return json.loads(response.content)["boolean"]
    assert media == "application/sparql-results+xml", media
    root = ET.fromstring(response.content)
    return root.find("{http://www.w3.org/2005/sparql-results#}boolean").text.strip() == "true"


FORMATS = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"},
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples"},
}


def run(test: ProtocolTest, base: str, token: str | None = None) -> None:
    """Send the test's requests in order; assert each response as the manifest says."""
    with requests.Session() as session:
        session.headers.pop("Accept-Encoding", None)
        for i, req in enumerate(test.requests):
            path = re.sub(r"^/sparql/", "/sparql", req.path)
            headers = dict(req.headers)
            if token:
                headers["Authorization"] = f"Bearer {token}"
            prepared = requests.Request(req.method, base.rstrip("/") + path, headers=headers, data=req.body).prepare()
            if req.body is None:
                prepared.headers.pop("Content-Length", None)
            response = session.send(prepared, allow_redirects=False, timeout=60)
            where = f"{test.name} request {i + 1}: {req.method} {path} → {response.status_code} {response.text[:300]!r}"
            assert f"{response.status_code // 100}xx" in req.statuses, where
            if req.format is not None:
                media = response.headers.get("Content-Type", "").split(";")[0].strip()
                assert media in FORMATS[req.format], where
            if req.boolean is not None:
                assert _boolean(response) is req.boolean, where


def _readonly_params():
    out = []
    for t in TESTS:
        marks = [pytest.mark.xfail(strict=True, reason="SPARQL Update is off on a read-only endpoint (the default); "
                                                       "run with --allow-update in test_protocol_with_updates")] \
            if t.updates and t.succeeds else []
        out.append(pytest.param(t, id=t.name, marks=marks))
    return out


@pytest.mark.parametrize("test", _readonly_params())
def test_protocol(readonly_server, test):
    run(test, readonly_server)


@pytest.mark.parametrize("test", [pytest.param(t, id=t.name) for t in TESTS if t.updates])
def test_protocol_with_updates(update_server, test):
    run(test, update_server, TOKEN)


def test_updates_are_refused_by_a_read_only_endpoint(readonly_server):
    """What the xfail above stands for: a 4xx with a reason, not a silent failure."""
    r = requests.post(readonly_server + "sparql", data=b"CLEAR ALL", timeout=60,
                      headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403 and "read-only" in r.text


# -- Service Description (its manifest names three tests; their checks are the SD validator's) --

def _sd_tests() -> list[str]:
    g = Graph().parse(SD_MANIFEST, format="turtle")
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    return [str(e).rsplit("#", 1)[1] for e in Collection(g, g.value(manifest, MF.entries))]


@pytest.mark.parametrize("name", _sd_tests())
def test_service_description(readonly_server, name):
    endpoint = readonly_server + "sparql"
    r = requests.get(endpoint, headers={"Accept": "text/turtle, application/rdf+xml;q=0.9"}, timeout=60)
    assert r.status_code == 200
    graph = Graph().parse(data=r.text, format="turtle")
    if name == "returns-rdf":
        assert r.headers["Content-Type"].startswith("text/turtle") and len(graph) > 0
        r = requests.get(endpoint, headers={"Accept": "application/rdf+xml"}, timeout=60)
        assert len(Graph().parse(data=r.text, format="xml")) == len(graph)
    elif name == "has-endpoint-triple":
        assert (None, SD.endpoint, URIRef(endpoint)) in graph
    elif name == "conforms-to-schema":
        service = graph.value(None, SD.endpoint, URIRef(endpoint))
        assert (service, RDF.type, SD.Service) in graph
        assert set(graph.objects(service, SD.supportedLanguage)) <= {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}
        for dataset in graph.objects(service, SD.defaultDataset):
            assert (dataset, RDF.type, SD.Dataset) in graph
            assert graph.value(dataset, SD.defaultGraph) is not None or graph.value(dataset, SD.namedGraph) is not None
            for graph_node in graph.objects(dataset, SD.defaultGraph):
                assert (graph_node, RDF.type, SD.Graph) in graph
        for named in graph.subjects(RDF.type, SD.NamedGraph):
            assert isinstance(graph.value(named, SD.name), URIRef)
    else:
        pytest.fail(f"unknown service-description test {name}")
