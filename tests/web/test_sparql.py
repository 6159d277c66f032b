"""The /sparql endpoint over HTTP: clients (SPARQLWrapper, plain requests), formats and content
negotiation, the protocol's errors, the dataset, the row cap, the SSRF guard, the service
description and the query page — against the session's demo server; and against servers of
our own (a fresh demo store each) the time limit, dead workers, updates and federation.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import threading
import time
import warnings

import psutil
import pytest
import requests
from pyoxigraph import (BlankNode, Literal, NamedNode, QueryResultsFormat, RdfFormat, parse, parse_query_results,
                        serialize)
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from SPARQLWrapper import CSV, JSON, JSONLD, TURTLE, XML, SPARQLWrapper

from kg.web.sparql import guard

from webhelp import Listener, build_demo, free_port, start_server, stop_server

BF = "http://id.loc.gov/ontologies/bibframe/"
SD = "http://www.w3.org/ns/sparql-service-description#"
PREFIXES = """PREFIX bf: <http://id.loc.gov/ontologies/bibframe/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
LIBRARIES = PREFIXES + """SELECT ?code ?name WHERE {
  ?library a bf:Organization ; bf:code ?code ; rdfs:label ?name . FILTER(LANG(?name) = "vi")
} ORDER BY ?code"""
JSON_TYPE = "application/sparql-results+json"
XML_TYPE = "application/sparql-results+xml"


@pytest.fixture(scope="module")
def endpoint(server):
    return server + "sparql"


def wrapper(endpoint: str, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def run_wrapper(sparql: SPARQLWrapper):
    result = sparql.query()
    try:
        with warnings.catch_warnings():
            # SPARQLWrapper 2.0 parses RDF into rdflib's ConjunctiveGraph, deprecated in rdflib 7
            warnings.simplefilter("ignore", DeprecationWarning)
            return result.convert(), result.info()["content-type"]
    finally:
        result.response.close()


# -- clients ----------------------------------------------------------------------------------

def test_sparqlwrapper_select_json(endpoint):
    doc, content_type = run_wrapper(wrapper(endpoint, LIBRARIES, JSON))
    assert content_type == "application/sparql-results+json; charset=utf-8"
    assert doc["head"]["vars"] == ["code", "name"]
    rows = [(b["code"]["value"], b["name"]["value"], b["name"]["xml:lang"]) for b in doc["results"]["bindings"]]
    assert rows == [("NLV", "Thư viện Quốc gia Việt Nam", "vi"), ("TVHN", "Thư viện Hà Nội", "vi"),
                    ("VNU", "Trung tâm Thư viện và Tri thức số, Đại học Quốc gia Hà Nội", "vi")]


def test_sparqlwrapper_select_xml(endpoint):
    doc, content_type = run_wrapper(wrapper(endpoint, LIBRARIES, XML))
    assert content_type.startswith(XML_TYPE)
    ns = "http://www.w3.org/2005/sparql-results#"
    assert doc.documentElement.namespaceURI == ns
    names = [v.getAttribute("name") for v in doc.getElementsByTagNameNS(ns, "variable")]
    assert names == ["code", "name"]
    literals = doc.getElementsByTagNameNS(ns, "literal")
    values = [(lit.firstChild.data, lit.getAttribute("xml:lang")) for lit in literals]
    assert ("Thư viện Hà Nội", "vi") in values and ("NLV", "") in values


def test_sparqlwrapper_ask(endpoint):
    yes, _ = run_wrapper(wrapper(endpoint, PREFIXES + 'ASK { ?item bf:heldBy ?library . ?library bf:code "TVHN" }', JSON))
    no, _ = run_wrapper(wrapper(endpoint, PREFIXES + 'ASK { ?library bf:code "NO-SUCH-LIBRARY" }', JSON))
    assert yes == {"head": {}, "boolean": True} and no["boolean"] is False
    doc, content_type = run_wrapper(wrapper(endpoint, PREFIXES + "ASK { ?s bf:heldBy ?o }", XML))
    assert content_type.startswith(XML_TYPE)
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "true"


CONSTRUCT_LIBRARIES = PREFIXES + """CONSTRUCT { ?library rdfs:label ?name ; bf:code ?code }
WHERE { ?library a bf:Organization ; bf:code ?code ; rdfs:label ?name }"""


def _library_names(graph: Graph) -> set[str]:
    return {str(o) for o in graph.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}


def test_sparqlwrapper_construct(endpoint, server):
    expected = {"Thư viện Quốc gia Việt Nam", "National Library of Vietnam", "Thư viện Hà Nội", "Hanoi Library"}
    graph, content_type = run_wrapper(wrapper(endpoint, CONSTRUCT_LIBRARIES, XML))  # SPARQLWrapper's default: RDF/XML
    assert content_type.startswith("application/rdf+xml")
    assert expected <= _library_names(graph)
    assert (URIRef(server + "library/NLV"), URIRef(BF + "code"), None) in graph
    turtle, content_type = run_wrapper(wrapper(endpoint, CONSTRUCT_LIBRARIES, TURTLE))
    assert content_type.startswith("text/turtle")
    assert expected <= _library_names(Graph().parse(data=turtle.decode("utf-8"), format="turtle"))
    jsonld, content_type = run_wrapper(wrapper(endpoint, CONSTRUCT_LIBRARIES, JSONLD))
    assert content_type.startswith("application/ld+json")
    assert expected <= _library_names(jsonld)


def test_sparqlwrapper_csv(endpoint):
    text, content_type = run_wrapper(wrapper(endpoint, LIBRARIES, CSV))
    assert content_type.startswith("text/csv")
    rows = list(csv.reader(io.StringIO(text.decode("utf-8"))))
    assert rows[0] == ["code", "name"]
    assert rows[3] == ["VNU", "Trung tâm Thư viện và Tri thức số, Đại học Quốc gia Hà Nội"]  # quoted: it has commas


def test_csv_and_tsv(http, endpoint):
    query = PREFIXES + 'SELECT ?code ?name ?missing WHERE { ?l a bf:Organization ; bf:code ?code ; rdfs:label ?name . FILTER(LANG(?name) = "en") } ORDER BY ?code'
    r = http.post(endpoint, data={"query": query}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert r.content.endswith(b"\r\n") and r.content.count(b"\r\n") == 4
    rows = list(csv.reader(io.StringIO(r.content.decode())))
    assert rows[0] == ["code", "name", "missing"]
    assert ["VNU", "Library and Digital Knowledge Centre, Vietnam National University, Hanoi", ""] in rows
    r = http.post(endpoint, data={"query": query}, headers={"Accept": "text/tab-separated-values"})
    assert r.headers["Content-Type"] == "text/tab-separated-values; charset=utf-8"
    lines = r.text.split("\n")
    assert lines[0] == "?code\t?name\t?missing"
    assert '"NLV"\t"National Library of Vietnam"@en\t' in lines


TRICKY = PREFIXES + r"""SELECT ?x WHERE {
  VALUES ?x { "tab\there, newline\nand \"quotes\" <b>&amp;</b>"@vi "12"^^<http://www.w3.org/2001/XMLSchema#integer>
              "plain" <http://example.org/a?b=c&d=e> "Truyện Kiều"@vi-Hani "x,y;z" }
}"""


@pytest.mark.parametrize("media,fmt", [(JSON_TYPE, QueryResultsFormat.JSON), (XML_TYPE, QueryResultsFormat.XML),
                                       ("text/tab-separated-values", QueryResultsFormat.TSV)])
def test_result_formats_round_trip(http, endpoint, media, fmt):
    """What we write, pyoxigraph's own parsers read back term for term (escaping, language tags,
    datatypes, blank nodes, unbound values)."""
    expected = [Literal('tab\there, newline\nand "quotes" <b>&amp;</b>', language="vi"),
                Literal("12", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
                Literal("plain"), NamedNode("http://example.org/a?b=c&d=e"), Literal("Truyện Kiều", language="vi-hani"),
                Literal("x,y;z")]
    r = http.post(endpoint, data={"query": TRICKY}, headers={"Accept": media})
    assert r.status_code == 200, r.text
    got = [row["x"] for row in parse_query_results(r.content, format=fmt)]
    assert got == expected
    r = http.post(endpoint, data={"query": "SELECT ?b ?unbound WHERE { BIND(BNODE() AS ?b) }"}, headers={"Accept": media})
    rows = list(parse_query_results(r.content, format=fmt))
    assert len(rows) == 1 and isinstance(rows[0]["b"], BlankNode) and rows[0]["unbound"] is None


# -- negotiation ------------------------------------------------------------------------------

@pytest.mark.parametrize("accept,params,expected", [
    (None, {}, JSON_TYPE),
    ("*/*", {}, JSON_TYPE),
    ("application/json", {}, JSON_TYPE),
    ("application/xml", {}, XML_TYPE),
    ("text/*", {}, "text/csv"),
    ("text/tab-separated-values;q=0.9, text/csv;q=0.5", {}, "text/tab-separated-values"),
    ("text/html;q=0.1, application/sparql-results+xml", {}, XML_TYPE),
    ("text/turtle", {"format": "csv"}, "text/csv"),
    (XML_TYPE, {"output": "json"}, JSON_TYPE),
    (JSON_TYPE, {"format": "application/sparql-results+xml"}, XML_TYPE),
    (JSON_TYPE, {"results": "tsv"}, "text/tab-separated-values"),
    (XML_TYPE, {"format": "turtle"}, XML_TYPE),  # a graph format says nothing for SELECT: Accept decides
])
def test_select_negotiation(http, endpoint, accept, params, expected):
    # accept None: no Accept header at all (requests sends "*/*" unless told not to)
    r = http.get(endpoint, params={"query": LIBRARIES, **params}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == f"{expected}; charset=utf-8"
    assert r.headers["Vary"] == "Accept"


@pytest.mark.parametrize("accept,params,expected,fmt", [
    ("*/*", {}, "text/turtle", RdfFormat.TURTLE),
    ("application/n-triples", {}, "application/n-triples", RdfFormat.N_TRIPLES),
    ("text/plain", {}, "application/n-triples", RdfFormat.N_TRIPLES),
    ("application/rdf+xml", {}, "application/rdf+xml", RdfFormat.RDF_XML),
    ("application/xml", {}, "application/rdf+xml", RdfFormat.RDF_XML),
    ("application/ld+json", {}, "application/ld+json", RdfFormat.JSON_LD),
    ("application/sparql-results+json", {}, None, None),
    ("*/*", {"format": "json"}, "application/ld+json", RdfFormat.JSON_LD),
    ("*/*", {"format": "xml"}, "application/rdf+xml", RdfFormat.RDF_XML),
    ("*/*", {"format": "nt"}, "application/n-triples", RdfFormat.N_TRIPLES),
    ("*/*", {"format": "n3"}, "text/turtle", RdfFormat.TURTLE),
])
def test_graph_negotiation(http, endpoint, server, accept, params, expected, fmt):
    r = http.get(endpoint, params={"query": CONSTRUCT_LIBRARIES, **params}, headers={"Accept": accept})
    if expected is None:
        assert r.status_code == 406
        assert "text/turtle" in r.text and "CONSTRUCT" in r.text
        return
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == f"{expected}; charset=utf-8"
    triples = list(parse(r.content, format=fmt))
    assert any(t.subject == NamedNode(server + "library/TVHN") and t.object == Literal("Thư viện Hà Nội", language="vi")
               for t in triples)


def test_not_acceptable(http, endpoint):
    r = http.get(endpoint, params={"query": LIBRARIES}, headers={"Accept": "text/turtle"})
    assert r.status_code == 406
    assert "SELECT" in r.text and "application/sparql-results+json" in r.text
    r = http.get(endpoint, params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "ASK" in r.text


def test_describe(http, endpoint, server):
    r = http.get(endpoint, params={"query": f"DESCRIBE <{server}library/NLV>"}, headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    graph = Graph().parse(data=r.text, format="turtle")
    assert "National Library of Vietnam" in _library_names(graph)


def test_relative_iris_resolve_against_the_endpoint(http, endpoint):
    r = http.post(endpoint, data="CONSTRUCT { <s> <p> 1 } WHERE {}", headers={"Content-Type": "application/sparql-query",
                                                                             "Accept": "application/n-triples"})
    assert r.status_code == 200
    triples = list(parse(r.content, format=RdfFormat.N_TRIPLES))
    assert [str(t.subject.value) for t in triples] == [endpoint.rsplit("/", 1)[0] + "/s"]


# -- protocol ---------------------------------------------------------------------------------

def test_get_and_both_posts_agree(http, endpoint):
    get = http.get(endpoint, params={"query": LIBRARIES}).json()
    form = http.post(endpoint, data={"query": LIBRARIES}).json()
    direct = http.post(endpoint, data=LIBRARIES.encode(), headers={"Content-Type": "application/sparql-query"}).json()
    multipart = http.post(endpoint, files={"query": (None, LIBRARIES)}).json()
    assert get == form == direct == multipart and len(get["results"]["bindings"]) == 3


@pytest.mark.parametrize("method,kwargs,status,words", [
    ("GET", {"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "exactly one"),
    ("GET", {"params": {"query": "  "}}, 400, "empty"),
    ("GET", {"params": {"query": "ASK {"}}, 400, "syntax error"),
    ("GET", {"params": {"query": "SELECT ?x WHERE { ?x ?y }"}}, 400, "1:"),
    ("GET", {"params": {"update": "CLEAR ALL"}}, 400, "POST"),
    ("POST", {"data": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415, "text/plain"),
    ("POST", {"data": b"query=ASK%20%7B%7D"}, 400, "Content-Type"),
    ("POST", {"data": "ASK {}".encode("utf-16"), "headers": {"Content-Type": "application/sparql-query; charset=UTF-16"}},
     415, "UTF-8"),
    ("POST", {"data": b"ASK { \xff }", "headers": {"Content-Type": "application/sparql-query"}}, 400, "UTF-8"),
    ("POST", {"params": {"query": "ASK {}"}, "data": {"x": "1"}}, 400, "body"),
    ("POST", {"data": {"query": "ASK {}", "update": "CLEAR ALL"}}, 400, "both"),
    ("POST", {"data": {"nothing": "here"}}, 400, "query="),
    ("GET", {"params": {"query": "ASK {}", "default-graph-uri": "not an iri"}}, 400, "default-graph-uri"),
    ("POST", {"data": {"update": "CLEAR ALL"}}, 403, "read-only"),
    ("POST", {"data": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}}, 403, "read-only"),
])
def test_protocol_errors(http, endpoint, method, kwargs, status, words):
    r = http.request(method, endpoint, **kwargs)
    assert r.status_code == status, r.text
    assert r.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert words in r.text


def test_methods_and_preflight(http, endpoint):
    for method in ("PUT", "DELETE", "PATCH"):
        r = http.request(method, endpoint, params={"query": "ASK {}"})
        assert r.status_code == 405 and r.headers["Allow"] == "GET, POST, OPTIONS"
    r = http.options(endpoint, headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST",
                                        "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 204
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert set(r.headers["Access-Control-Allow-Methods"].split(", ")) == {"GET", "POST", "OPTIONS"}
    assert {"Content-Type", "Authorization", "Accept"} <= set(r.headers["Access-Control-Allow-Headers"].split(", "))
    r = http.get(endpoint, params={"query": "ASK {}"}, headers={"Origin": "https://example.org"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-KG-Truncated" in r.headers["Access-Control-Expose-Headers"]


# -- dataset ----------------------------------------------------------------------------------

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count(http, endpoint, query, **params) -> int:
    r = http.get(endpoint, params={"query": query, **params})
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_default_graph_is_the_union(http, endpoint, server):
    record = server + "graph/NLV/NLV000001"
    in_record = _count(http, endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{record}> {{ ?s ?p ?o }} }}")
    everything = _count(http, endpoint, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert 0 < in_record < everything
    assert _count(http, endpoint, COUNT) == everything  # no triple is outside the named graphs
    # protocol dataset: the default graph is exactly the graphs named
    assert _count(http, endpoint, COUNT, **{"default-graph-uri": record}) == in_record
    links = server + "graph/links"
    in_links = _count(http, endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{links}> {{ ?s ?p ?o }} }}")
    r = http.get(endpoint, params=[("query", COUNT), ("default-graph-uri", record), ("default-graph-uri", links)])
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) == in_record + in_links
    # the query's own FROM is honoured, and the protocol's dataset overrides it
    assert _count(http, endpoint, f"SELECT (COUNT(*) AS ?n) FROM <{record}> WHERE {{ ?s ?p ?o }}") == in_record
    assert _count(http, endpoint, f"SELECT (COUNT(*) AS ?n) FROM <{record}> WHERE {{ ?s ?p ?o }}",
                  **{"default-graph-uri": links}) == in_links


def test_named_graph_uri(http, endpoint, server):
    graphs = [server + "graph/NLV/NLV000001", server + "graph/TVHN/10231"]
    r = http.post(endpoint + "?" + "&".join(f"named-graph-uri={g}" for g in graphs),
                  data="SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g",
                  headers={"Content-Type": "application/sparql-query"})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == graphs
    # only named graphs given: the default graph is empty
    assert _count(http, endpoint, COUNT, **{"named-graph-uri": graphs[0]}) == 0


# -- row cap ----------------------------------------------------------------------------------

def test_row_cap(http, endpoint):
    """The demo store has more triples than the default cap (10 000): the answer stops there,
    whole and valid, and says so."""
    total = _count(http, endpoint, COUNT)
    assert total > 10_000
    r = http.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.headers["X-KG-Truncated"] == "max_rows=10000"
    assert len(r.json()["results"]["bindings"]) == 10_000
    r = http.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
    assert r.headers["X-KG-Truncated"] == "max_rows=10000" and r.content.count(b"\r\n") == 10_001
    r = http.get(endpoint, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "application/n-triples"})
    assert r.headers["X-KG-Truncated"] == "max_rows=10000"
    assert len(list(parse(r.content, format=RdfFormat.N_TRIPLES))) == 10_000
    r = http.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10000"})
    assert "X-KG-Truncated" not in r.headers and len(r.json()["results"]["bindings"]) == 10_000


# -- SSRF -------------------------------------------------------------------------------------

@pytest.fixture()
def listener():
    lst = Listener()
    yield lst
    lst.close()


def ssrf_queries(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}/sparql"
    escaped = "".join(f"\\u{ord(c):04X}" if c in "127" else c for c in url)
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX e: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE e:sparql {{ ?s ?p ?o }} }}",
        f"PREFIX h: <http://127.0.0.1:{port}> SELECT * WHERE {{ SERVICE h:\\/sparql {{ ?s ?p ?o }} }}",
        f"PREFIX h: <http:> SELECT * WHERE {{ SERVICE h:\\/\\/localhost:{port}\\/x {{ ?s ?p ?o }} }}",
        f"BASE <http://127.0.0.1:{port}/x/> SELECT * WHERE {{ SERVICE <../sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <{escaped}> {{ ?s ?p ?o }} }}",
        f"ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ # a comment with a }} brace\n SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p \"<< service >>\" }} }}",
    ]


def test_these_queries_do_call_out(listener):
    """Each query of :func:`ssrf_queries` really makes pyoxigraph connect (so the endpoint's
    refusal below is what protects the network)."""
    from pyoxigraph import Store

    store = Store()
    for query in ssrf_queries(listener.port):
        before = listener.connections
        try:
            result = store.query(query)
            if not isinstance(result, bool) and hasattr(result, "__iter__"):
                list(result)
        except OSError:
            pass  # the listener hangs up at once
        deadline = time.monotonic() + 5
        while listener.connections == before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert listener.connections > before, query


def test_service_is_refused(http, endpoint, listener):
    queries = ssrf_queries(listener.port) + [
        f"SELECT * WHERE {{ VALUES ?e {{ <http://127.0.0.1:{listener.port}/> }} SERVICE ?e {{ ?s ?p ?o }} }}"]
    for query in queries:
        r = http.post(endpoint, data={"query": query})
        assert r.status_code == 400, (query, r.text)
        assert "allow" in r.text and ("SERVICE" in r.text or "127.0.0.1" in r.text or "localhost" in r.text)
    time.sleep(0.5)
    assert listener.connections == 0


def test_words_that_look_like_service_are_fine(http, endpoint):
    for query in ['SELECT ?x WHERE { BIND("SERVICE <http://evil.example/>" AS ?x) }',
                  "SELECT ?service WHERE { VALUES ?service { <http://evil.example/> } } # SERVICE <http://evil/>",
                  "PREFIX service: <http://example.org/> SELECT ?x WHERE { VALUES ?x { service:load } }"]:
        r = http.post(endpoint, data={"query": query})
        assert r.status_code == 200, (query, r.text)


def test_from_an_external_iri_is_not_fetched(http, endpoint, listener):
    url = f"http://127.0.0.1:{listener.port}/data.ttl"
    r = http.get(endpoint, params={"query": f"SELECT * FROM <{url}> FROM NAMED <{url}> WHERE {{ ?s ?p ?o }}"})
    assert r.status_code == 200 and r.json()["results"]["bindings"] == []
    time.sleep(0.5)
    assert listener.connections == 0


def test_guard_reader():
    """The guard's own reader, on texts that rdflib cannot parse (so the lexer decides alone)."""
    allow = ("allowed.example", "127.0.0.1:8890")
    guard.check_query("SELECT * WHERE { SERVICE <http://allowed.example/sparql> { ?s ?p ?o } }", allow)
    guard.check_query("SELECT * WHERE { SERVICE <http://127.0.0.1:8890/sparql> { ?s ?p ?o } }", allow)
    with pytest.raises(guard.Refused):
        guard.check_query("SELECT * WHERE { SERVICE <http://127.0.0.1:8891/sparql> { ?s ?p ?o } }", allow)
    with pytest.raises(guard.Refused):  # userinfo does not change the host that is called
        guard.check_query("SELECT * WHERE { SERVICE <http://allowed.example@evil.example/> { ?s ?p ?o } }", allow)
    # SPARQL 1.2 syntax, which rdflib 7 does not read
    star = "SELECT * WHERE { BIND(<<( <http://a> <http://b> <http://c> )>> AS ?t) SERVICE <http://evil.example/> { ?s ?p ?o } }"
    with pytest.raises(guard.Refused):
        guard.check_query(star, allow)
    guard.check_query(star.replace("evil.example", "allowed.example"), allow)
    with pytest.raises(guard.Refused):
        guard.check_update("LOAD <http://evil.example/data.ttl> INTO GRAPH <http://g>", allow)
    guard.check_update("LOAD <https://allowed.example/data.ttl>", allow)
    assert guard.has_dataset_clause("SELECT * FROM <http://g> WHERE { ?s ?p ?o }")
    assert guard.has_dataset_clause("select * from named <http://g> { graph ?g { ?s ?p ?o } }")
    assert not guard.has_dataset_clause('SELECT ?from WHERE { ?from ?p "FROM <x>" } # FROM <y>')


def test_guard_using_clauses():
    text = "PREFIX ex: <http://e/> CLEAR ALL ; INSERT DATA { ex:a ex:b ex:c } ; INSERT { ?s a ex:T } WHERE { ?s ?p ?o }"
    out = guard.apply_using(text, ["http://g1", "http://g2"], ["http://n"])
    assert out.endswith("INSERT { ?s a ex:T }  USING <http://g1> USING <http://g2> USING NAMED <http://n> WHERE { ?s ?p ?o }")
    assert out.count("USING") == 3
    assert guard.apply_using(text, [], []) == text
    with pytest.raises(guard.Refused):
        guard.apply_using("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ["http://g1"], [])
    with pytest.raises(guard.Refused):
        guard.apply_using("DELETE { ?s ?p ?o } USING <http://x> WHERE { ?s ?p ?o }", [], ["http://n"])
    with pytest.raises(guard.Refused):
        guard.apply_using("DELETE WHERE { ?s ?p ?o }", ["http://g1"], [])


# -- service description ----------------------------------------------------------------------

@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
                                        ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
                                        ("*/*", "turtle")])
def test_service_description(http, endpoint, server, accept, fmt):
    r = http.get(endpoint, headers={"Accept": accept})
    assert r.status_code == 200
    if fmt == "json-ld":  # read by pyoxigraph: rdflib 7's JSON-LD parser warns about its own ConjunctiveGraph
        data = serialize(parse(r.content, format=RdfFormat.JSON_LD), format=RdfFormat.N_TRIPLES)
        graph = Graph().parse(data=data.decode(), format="nt")
    else:
        graph = Graph().parse(data=r.text, format=fmt)
    services = list(graph.subjects(RDF.type, URIRef(SD + "Service")))
    assert len(services) == 1
    service = services[0]
    assert (service, URIRef(SD + "endpoint"), URIRef(endpoint)) in graph
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Query")) in graph
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Update")) not in graph
    assert (service, URIRef(SD + "feature"), URIRef(SD + "UnionDefaultGraph")) in graph
    formats = set(graph.objects(service, URIRef(SD + "resultFormat")))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats and len(formats) == 8
    named = list(graph.subjects(RDF.type, URIRef(SD + "NamedGraph")))
    assert named and all(graph.value(n, URIRef(SD + "name")) is not None for n in named)
    assert URIRef(server + "graph/links") in {graph.value(n, URIRef(SD + "name")) for n in named}


def test_service_description_not_acceptable(http, endpoint):
    assert http.get(endpoint, headers={"Accept": "application/sparql-results+json"}).status_code == 406


# -- the query page ---------------------------------------------------------------------------

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_query_page(http, endpoint):
    r = http.get(endpoint, headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    page = r.text
    assert '<textarea id="query" name="query"' in page
    assert "Các bản sách của một tác phẩm ở mọi thư viện" in page  # example titles, in Vietnamese by default
    assert "/static/sparql.js" in page and "<script>" not in page  # no inline script (CSP)
    assert 'data-prefix="bf"' in page
    english = http.get(endpoint, params={"lang": "en"}, headers={"Accept": BROWSER}).text
    assert "Holdings of a work across libraries" in english and "Example queries" in english
    chosen = http.get(endpoint, params={"example": "04-translations-of-a-work", "lang": "en"}, headers={"Accept": BROWSER})
    assert "relationship/translationof" in chosen.text
    r = http.get(endpoint + "/examples/04-translations-of-a-work.rq")
    assert r.status_code == 200 and r.text.startswith("# title: Translations of a work")
    assert http.get(endpoint + "/examples/no-such-example.rq").status_code == 404
    for asset in ("sparql.js", "sparql.css"):
        assert http.get(endpoint.rsplit("/", 1)[0] + "/static/" + asset).status_code == 200


def test_query_page_results_without_javascript(http, endpoint):
    """The form works as a plain GET form: a browser gets the page back with a result table, and
    record text is escaped."""
    query = 'SELECT ?x ?y WHERE { VALUES (?x ?y) { ("<script>alert(1)</script>" <http://example.org/a>) } }'
    r = http.get(endpoint, params={"query": query, "lang": "en"}, headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text and "<script>alert" not in r.text
    assert '<table class="solutions">' in r.text and 'href="http://example.org/a"' in r.text
    r = http.get(endpoint, params={"query": "ASK {", "lang": "en"}, headers={"Accept": BROWSER})
    assert r.status_code == 400 and 'class="error"' in r.text and "syntax error" in r.text
    assert "ASK {" in r.text  # the query stays in the form to be corrected
    # a format chosen in the form is the raw answer
    r = http.get(endpoint, params={"query": query, "format": "csv"}, headers={"Accept": BROWSER})
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"


def test_query_page_in_a_browser(server, tmp_path):
    """Headless Chromium: the editor is highlighted, an example loads, the query runs and its
    result table appears (screenshot kept in the test's temporary directory)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            page = browser.new_page()
            errors: list[str] = []

            def on_console(message):
                # a failed resource is reported by on_response, with its address
                if message.type == "error" and "Failed to load resource" not in message.text:
                    errors.append(message.text)

            def on_response(response):
                if response.status >= 400 and not response.url.endswith("/favicon.ico"):
                    errors.append(f"{response.status} {response.url}")

            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", on_console)
            page.on("response", on_response)
            page.goto(server + "sparql?lang=en")
            assert page.locator("#highlight .tok-keyword").count() > 0
            page.click("a[data-example$='02-authors-in-three-libraries.rq']")
            page.wait_for_function("document.getElementById('query').value.includes('HAVING')")
            assert page.locator("#highlight .tok-var").count() > 0
            page.click("#sparql-form button[type=submit]")
            page.wait_for_selector("#results table.solutions")
            cells = page.locator("#results table.solutions td").all_inner_texts()
            assert "Nguyễn Du, 1765-1820" in cells
            page.screenshot(path=str(tmp_path / "sparql-page.png"), full_page=True)
            assert errors == []
        finally:
            browser.close()


# -- servers of our own: time limit, workers, updates, federation -----------------------------

TOKEN = "s3cret-token-for-tests"
RUNAWAY = """SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i
  FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), "never")) } LIMIT 1"""
POINT = PREFIXES + 'SELECT ?name WHERE { ?library bf:code "NLV" ; rdfs:label ?name }'


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    """A fresh demo store served with a 2-second limit, updates on (with a token) and SERVICE
    allowed to 127.0.0.1 (so a query can federate into the server itself)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    directory = tmp_path_factory.mktemp("sparql-own") / "store"
    build_demo(directory, base)
    proc = start_server(directory, port, "--query-timeout", "2", "--workers", "2",
                        env={"KG_TOKEN": TOKEN, "KG_ALLOW_UPDATE": "1", "KG_SERVICE_ALLOW": "127.0.0.1"})
    yield base, proc
    stop_server(proc)


def _post(url, query, **kw):
    return requests.post(url, data={"query": query}, headers={"Accept": JSON_TYPE}, timeout=60, **kw)


def test_time_limit(own_server):
    base, _ = own_server
    url = base + "sparql"
    assert _post(url, POINT).status_code == 200  # workers are up
    outcome = {}

    def runaway():
        started = time.monotonic()
        r = _post(url, RUNAWAY)
        outcome.update(status=r.status_code, text=r.text, seconds=time.monotonic() - started, type=r.headers["Content-Type"])

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.5)
    # a point lookup while the runaway query holds a worker
    while thread.is_alive():
        r = _post(url, POINT)
        assert r.status_code == 200 and r.json()["results"]["bindings"]
        time.sleep(0.2)
    thread.join()
    assert outcome["status"] == 503, outcome
    assert "time limit" in outcome["text"] and outcome["type"].startswith("text/plain")
    assert 1.9 <= outcome["seconds"] < 20
    # and the server keeps answering, with a full set of workers
    for _ in range(3):
        r = _post(url, POINT)
        assert r.status_code == 200 and r.json()["results"]["bindings"][0]["name"]["value"]


def _workers(proc) -> list[psutil.Process]:
    """The server's worker processes that are alive (a killed one is a zombie until reaped)."""
    out = []
    for child in psutil.Process(proc.pid).children():
        try:
            if child.status() != psutil.STATUS_ZOMBIE and "python" in child.name().lower():
                out.append(child)
        except psutil.NoSuchProcess:
            pass
    return out


def test_dead_workers_are_replaced(own_server):
    base, proc = own_server
    url = base + "sparql"
    assert _post(url, POINT).status_code == 200
    before = _workers(proc)
    assert before
    killed = {w.pid for w in before}
    for worker in before:
        os.kill(worker.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while killed & {w.pid for w in _workers(proc)} and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not killed & {w.pid for w in _workers(proc)}
    for _ in range(4):
        assert _post(url, POINT).status_code == 200
    after = {w.pid for w in _workers(proc)}
    assert after and not after & killed


def _update(url, text, token=TOKEN, **kw):
    headers = {"Content-Type": "application/sparql-update"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return requests.post(url, data=text.encode(), headers=headers, timeout=60, **kw)


def test_update_needs_the_token(own_server):
    base, _ = own_server
    url = base + "sparql"
    graph = base + "graph/test-update"
    insert = f'INSERT DATA {{ GRAPH <{graph}> {{ <{base}thing/1> <http://www.w3.org/2000/01/rdf-schema#label> "Thử nghiệm" }} }}'
    ask = f'ASK {{ <{base}thing/1> <http://www.w3.org/2000/01/rdf-schema#label> "Thử nghiệm" }}'
    for token in (None, "wrong", TOKEN + "x"):
        r = _update(url, insert, token)
        assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Bearer")
    assert _post(url, ask).json()["boolean"] is False
    r = _update(url, insert)
    assert r.status_code == 204, r.text
    r = _post(url, ask)
    assert r.status_code == 200, r.text
    assert r.json()["boolean"] is True  # the workers see the change
    r = requests.post(url, data={"update": f"DROP GRAPH <{graph}>"}, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert r.status_code == 204
    assert _post(url, ask).json()["boolean"] is False
    r = _update(url, "CLEAR XYZ")
    assert r.status_code == 400 and "syntax error" in r.text
    r = _update(url, "LOAD <http://evil.example/data.ttl>")
    assert r.status_code == 400 and "evil.example" in r.text
    sd = Graph().parse(data=requests.get(url, headers={"Accept": "text/turtle"}, timeout=60).text, format="turtle")
    assert (None, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Update")) in sd


def test_update_with_using_graph_uri(own_server):
    base, _ = own_server
    url = base + "sparql"
    source, target = base + "graph/NLV/NLV000001", base + "graph/test-using"
    update = f"INSERT {{ GRAPH <{target}> {{ ?instance a <http://example.org/Copied> }} }} WHERE {{ ?instance a <{BF}Instance> }}"
    r = _update(url, update, params={"using-graph-uri": source})
    assert r.status_code == 204, r.text
    r = _post(url, f"SELECT ?i WHERE {{ GRAPH <{target}> {{ ?i a <http://example.org/Copied> }} }}")
    assert [b["i"]["value"] for b in r.json()["results"]["bindings"]] == [base + "instance/NLV/NLV000001"]
    r = _update(url, f"WITH <{target}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}", params={"using-graph-uri": source})
    assert r.status_code == 400 and "WITH" in r.text
    assert _update(url, f"DROP GRAPH <{target}>").status_code == 204


def test_service_to_an_allowed_host(own_server, listener):
    """Federation where the allow-list permits it: a query on the server calls the server itself."""
    base, _ = own_server
    url = base + "sparql"
    query = PREFIXES + f'SELECT ?name WHERE {{ SERVICE <{url}> {{ ?l bf:code "TVHN" ; rdfs:label ?name }} }} ORDER BY ?name'
    r = _post(url, query)
    assert r.status_code == 200, r.text
    assert [b["name"]["value"] for b in r.json()["results"]["bindings"]] == ["Hanoi Library", "Thư viện Hà Nội"]
    r = _post(url, f"SELECT * WHERE {{ SERVICE <http://localhost:{listener.port}/sparql> {{ ?s ?p ?o }} }}")
    assert r.status_code == 400 and "localhost" in r.text
    # an allowed endpoint that is down is the upstream's failure (502 Bad Gateway), never a 500
    closed = free_port()
    r = _post(url, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{closed}/sparql> {{ ?s ?p ?o }} }}")
    assert r.status_code == 502 and "SERVICE" in r.text, r.text
    assert _post(url, POINT).status_code == 200  # and the worker still answers


# -- a remote store (kg serve --endpoint) -----------------------------------------------------

def test_remote_backend(tmp_path):
    """With ``--endpoint`` the query goes to the remote server (here ``oxigraph serve``) and its
    answer is written again by the hub: same formats, row cap, guards and refusals."""
    from pyoxigraph import Quad, Store
    from servers import oxigraph_server

    location = tmp_path / "remote"
    location.mkdir()
    store = Store(str(location))
    graph = NamedNode("http://example.org/graph/1")
    store.extend(Quad(NamedNode(f"http://example.org/book/{i}"), NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                      Literal(f"Sách số {i}", language="vi"), graph) for i in range(5))
    store.flush()
    del store
    query = "SELECT ?b ?l WHERE { GRAPH ?g { ?b <http://www.w3.org/2000/01/rdf-schema#label> ?l } } ORDER BY ?b"
    with oxigraph_server(location) as (url, _):
        port = free_port()
        proc = start_server(tmp_path / "hub", port, "--endpoint", url, env={"KG_MAX_ROWS": "3"})
        try:
            endpoint = f"http://127.0.0.1:{port}/sparql"
            r = requests.post(endpoint, data={"query": query}, headers={"Accept": JSON_TYPE}, timeout=60)
            assert r.status_code == 200, r.text
            assert r.headers["X-KG-Truncated"] == "max_rows=3"
            rows = r.json()["results"]["bindings"]
            assert [b["l"] for b in rows] == [{"type": "literal", "value": f"Sách số {i}", "xml:lang": "vi"} for i in range(3)]
            r = requests.get(endpoint, params={"query": query}, headers={"Accept": "text/csv"}, timeout=60)
            assert r.headers["Content-Type"] == "text/csv; charset=utf-8" and r.text.count("\r\n") == 4
            r = requests.get(endpoint, params={"query": "ASK { GRAPH ?g { ?s ?p ?o } }"}, headers={"Accept": XML_TYPE},
                             timeout=60)
            assert r.status_code == 200 and "<boolean>true</boolean>" in r.text
            r = requests.get(endpoint, params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"},
                             headers={"Accept": "application/n-triples"}, timeout=60)
            assert r.status_code == 200 and len(list(parse(r.content, format=RdfFormat.N_TRIPLES))) == 3
            r = requests.get(endpoint, params={"query": query}, headers={"Accept": "text/turtle"}, timeout=60)
            assert r.status_code == 406
            r = requests.get(endpoint, params={"query": "ASK {"}, timeout=60)
            assert r.status_code == 400 and "answered 400" in r.text
            r = requests.get(endpoint, params={"query": f"ASK {{ SERVICE <{url}/query> {{ ?s ?p ?o }} }}"}, timeout=60)
            assert r.status_code == 400 and "not allowed" in r.text
            r = requests.post(endpoint, data={"update": "CLEAR ALL"}, timeout=60)
            assert r.status_code == 403
        finally:
            stop_server(proc)
