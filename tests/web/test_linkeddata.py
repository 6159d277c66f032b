"""Dereferencing entity IRIs on the real server: rdflib, content negotiation, suffix URLs,
headers, errors, and what a description holds (compared with the store itself, opened
read-only beside the server)."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

import pytest
import rdflib
from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, Store, serialize
from rdflib import URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import OWL, RDF, RDFS
from webhelp import build_demo, free_port, start_server, stop_server

# rdflib's own JSON-LD parser uses its deprecated ConjunctiveGraph (as in tests/cli/test_convert.py)
pytestmark = [pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")]

BF = rdflib.Namespace("http://id.loc.gov/ontologies/bibframe/")
MADS = rdflib.Namespace("http://www.loc.gov/mads/rdf/v1#")
LABELS = (RDFS.label, MADS.authoritativeLabel)

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def rdflib_accept() -> str:
    """The Accept header rdflib sends when ``Graph.parse(url)`` is given no format (the way
    ``rdflib.parser.URLInputSource`` builds it)."""
    from rdflib.parser import Parser
    from rdflib.plugin import plugins

    return ", ".join(p.name for p in plugins(kind=Parser) if "/" in p.name)


RDFLIB_FORMATS = {"text/turtle": "turtle", "text/n3": "turtle", "application/ld+json": "json-ld",
                  "application/json": "json-ld", "application/rdf+xml": "xml", "application/n-triples": "nt",
                  "text/plain": "nt"}


def parse(response) -> rdflib.Graph:
    media = response.headers["Content-Type"].split(";")[0].strip()
    g = rdflib.Graph()
    g.parse(data=response.content, format=RDFLIB_FORMATS[media], publicID=response.url)
    return g


@pytest.fixture(scope="module")
def store(demo_store):
    directory, _, _ = demo_store
    return Store.read_only(str(directory / "oxigraph"))


def one(store, query: str) -> str:
    rows = list(store.query(query, use_default_graph_as_union=True))
    assert rows, query
    return rows[0][0].value


PREFIXES = """PREFIX bf: <http://id.loc.gov/ontologies/bibframe/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX madsrdf: <http://www.loc.gov/mads/rdf/v1#>
"""


@pytest.fixture(scope="module")
def iris(store, demo_store):
    return find_iris(store, demo_store[1])


def find_iris(store: Store, base: str) -> dict[str, str]:
    """IRIs of the demo worth dereferencing, found by what they are (hub IRIs depend on the base)."""
    links = f"<{base}graph/links>"
    by_label = "SELECT ?h WHERE {{ GRAPH {links} {{ ?h {pattern} }} }}"
    rest = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest>"
    first = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#first>"
    value = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#value>"
    out = {
        "agent_hub": one(store, PREFIXES + by_label.format(
            links=links, pattern='rdfs:label "Nguyễn Du, 1765-1820" ; owl:sameAs ?m')),
        "work_hub": one(store, PREFIXES + by_label.format(
            links=links, pattern='a bf:Work ; rdfs:label "Nguyễn Du, 1765-1820. Truyện Kiều"')),
        "instance": one(store, PREFIXES + "SELECT ?i WHERE { ?i a bf:Instance ; "
                                          "bf:provisionActivity/bf:place/rdfs:label ?p ; "
                                          "bf:adminMetadata/bf:identifiedBy/bf:assigner ?a ; "
                                          "bf:title/bf:mainTitle ?t ; bf:hasItem ?x ; "
                                          "bf:instanceOf/bf:contribution/bf:agent ?c } ORDER BY ?i LIMIT 1"),
        "item": one(store, PREFIXES + f"SELECT ?i WHERE {{ ?i a bf:Item ; bf:identifiedBy/{value} ?v }} "
                                      "ORDER BY ?i LIMIT 1"),
        "concept": one(store, PREFIXES + f"SELECT ?c WHERE {{ ?c madsrdf:componentList/{rest}/{first} ?x }} "
                                         "ORDER BY ?c LIMIT 1"),
    }
    # a member that is an authority (variants, identifiers, admin metadata: deep blank nodes)
    out["member"] = one(store, PREFIXES + f"SELECT ?m WHERE {{ GRAPH {links} {{ <{out['agent_hub']}> owl:sameAs ?m }} "
                                          "?m madsrdf:hasVariant ?v ; bf:adminMetadata ?a } ORDER BY ?m LIMIT 1")
    out["work"] = one(store, PREFIXES + f"SELECT ?w WHERE {{ <{out['instance']}> bf:instanceOf ?w . "
                                        "FILTER(!CONTAINS(STR(?w), '/hub/')) }")
    out["library"] = base + "library/NLV"
    out["graph"] = one(store, f"SELECT ?g WHERE {{ GRAPH ?g {{ <{out['instance']}> ?p ?o }} }} ORDER BY ?g LIMIT 1")
    assert out["agent_hub"].startswith(base + "agent/hub/") and out["work_hub"].startswith(base + "work/hub/")
    return out


def path_of(iri: str) -> str:
    return urlsplit(iri).path


def closure(store: Store, iri: str) -> rdflib.Graph:
    """What the store says about ``iri`` and the blank nodes under it, in every graph."""
    quads, todo, seen = [], [NamedNode(iri)], set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for q in store.quads_for_pattern(node, None, None, None):
            quads.append(Quad(q.subject, q.predicate, q.object))
            if isinstance(q.object, BlankNode):
                todo.append(q.object)
    g = rdflib.Graph()
    g.parse(data=serialize(quads, format=RdfFormat.N_TRIPLES), format="nt")
    return g


def subtree(g: rdflib.Graph, iri: str) -> rdflib.Graph:
    """The part of a description reachable from ``iri`` through blank nodes."""
    out, todo, seen = rdflib.Graph(), [URIRef(iri)], set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in g.predicate_objects(node):
            out.add((node, p, o))
            if isinstance(o, rdflib.BNode):
                todo.append(o)
    return out


# -- rdflib dereferencing ------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["agent_hub", "work_hub", "instance"])
def test_rdflib_parses_the_iri(server, iris, kind):
    iri = iris[kind]
    g = rdflib.Graph()
    g.parse(iri)  # rdflib's own Accept header, format from the Content-Type
    subject = URIRef(iri)
    assert (subject, None, None) in g
    assert any(g.objects(subject, RDFS.label))
    # labels of everything under the base it points to, so a client can show names
    for p, o in g.predicate_objects(subject):
        if isinstance(o, URIRef) and str(o).startswith(server) and p != RDF.type:
            assert any(g.objects(o, label) for label in LABELS), f"no label for {o} ({p})"


def test_rdflib_formats_agree(server, iris):
    iri = iris["work_hub"]
    graphs = {}
    for fmt in ("turtle", "json-ld", "xml", "nt"):
        g = rdflib.Graph()
        g.parse(iri, format=fmt)
        graphs[fmt] = g
    assert len(graphs["turtle"]) > 20
    for fmt, g in graphs.items():
        assert isomorphic(g, graphs["turtle"]), fmt


def test_agent_hub_labels_its_members(server, iris, store):
    g = rdflib.Graph()
    g.parse(iris["agent_hub"])
    hub = URIRef(iris["agent_hub"])
    members = set(g.objects(hub, OWL.sameAs))
    assert len(members) >= 3
    assert {str(m).split("/")[4] for m in members} >= {"NLV", "VNU", "TVHN"}  # agent/{library}/…
    for m in members:
        assert any(g.objects(m, RDFS.label)), m
    assert str(g.value(hub, MADS.authoritativeLabel)) == "Nguyễn Du, 1765-1820"


def test_member_learns_its_hub(server, iris, http):
    r = http.get(iris["member"], headers={"Accept": "text/turtle"})
    g = parse(r)
    hub = URIRef(iris["agent_hub"])
    assert (hub, OWL.sameAs, URIRef(iris["member"])) in g
    assert str(g.value(hub, RDFS.label)) == "Nguyễn Du, 1765-1820"


def test_work_hub_lists_instances_with_labels(server, iris, http):
    g = parse(http.get(iris["work_hub"], headers={"Accept": "application/n-triples"}))
    instances = set(g.objects(URIRef(iris["work_hub"]), BF.hasInstance))
    assert len(instances) >= 3
    assert {str(i).split("/")[4] for i in instances} >= {"NLV", "VNU", "TVHN"}
    assert all(any(g.objects(i, RDFS.label)) for i in instances)


# -- what a description holds --------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["instance", "work", "item", "concept", "agent_hub", "member", "library"])
def test_description_holds_the_blank_node_structures(server, iris, store, http, kind):
    """Everything the store says about the IRI, blank-node structures included, comes back
    (the same graph up to blank-node names)."""
    iri = iris[kind]
    g = parse(http.get(iri, headers={"Accept": "application/n-triples"}))
    expected = closure(store, iri)
    assert len(expected) > 3
    got = subtree(g, iri)
    assert len(got) == len(expected), (len(got), len(expected))
    assert to_isomorphic(got) == to_isomorphic(expected)


def test_instance_title_identifier_and_provision_activity(server, iris, http):
    iri = URIRef(iris["instance"])
    g = parse(http.get(iris["instance"], headers={"Accept": "text/turtle"}))
    titles = list(g.objects(iri, BF.title))
    assert titles and all(isinstance(t, rdflib.BNode) for t in titles)
    assert any(g.value(t, BF.mainTitle) for t in titles)
    activity = g.value(iri, BF.provisionActivity)
    assert isinstance(activity, rdflib.BNode)
    places = list(g.objects(activity, BF.place))
    assert any(g.value(p, RDFS.label) for p in places)
    admin = g.value(iri, BF.adminMetadata)
    ident = g.value(admin, BF.identifiedBy)
    assert g.value(ident, RDF.value) is not None and (g.value(ident, BF.assigner), BF.code, None) in g
    item = g.value(iri, BF.hasItem)
    assert (item, BF.itemOf, iri) in g  # incoming link from the item, with the item's IRI


def test_item_barcode(server, iris, http):
    g = parse(http.get(iris["item"] + ".ttl"))
    ident = g.value(URIRef(iris["item"]), BF.identifiedBy)
    assert isinstance(ident, rdflib.BNode) and g.value(ident, RDF.value) is not None


def test_contribution_blank_node_keeps_its_identity(server, iris, http):
    g = parse(http.get(iris["work"], headers={"Accept": "application/ld+json"}))
    contributions = list(g.objects(URIRef(iris["work"]), BF.contribution))
    assert contributions
    for c in contributions:
        agent = g.value(c, BF.agent)
        assert (c, RDF.type, BF.Contribution) in g and agent is not None
        assert any(g.objects(agent, RDFS.label))


def test_graph_iri_is_the_record(server, iris, store, http):
    iri = iris["graph"]
    g = parse(http.get(iri, headers={"Accept": "application/n-triples"}))
    quads = list(store.quads_for_pattern(None, None, None, NamedNode(iri)))
    expected = rdflib.Graph()
    expected.parse(data=serialize([Quad(q.subject, q.predicate, q.object) for q in quads], format=RdfFormat.N_TRIPLES),
                   format="nt")
    assert isomorphic(g, expected)
    assert (URIRef(iri), RDF.type, URIRef("https://w3id.org/thuvien-lienthong/ns#RecordGraph")) in g


def test_every_subject_iri_dereferences(server, store, http):
    subjects = {q.subject.value for q in store.quads_for_pattern(None, None, None, None)
                if isinstance(q.subject, NamedNode) and q.subject.value.startswith(server)}
    assert len(subjects) > 300
    failed = []
    for iri in sorted(subjects):
        r = http.get(iri, headers={"Accept": "application/n-triples"})
        if r.status_code != 200 or f"<{iri}>" not in r.text:
            failed.append((iri, r.status_code))
    assert not failed


# -- content negotiation -------------------------------------------------------------------------

CONNEG = [
    ("*/*", "text/turtle"),
    (None, "text/turtle"),  # no Accept header at all
    ("", "text/turtle"),
    (rdflib_accept(), "text/turtle"),
    (BROWSER, "text/html"),
    ("text/html", "text/html"),
    ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/json", "application/json"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/n-triples", "application/n-triples"),
    ("text/plain", "text/plain"),
    ("text/n3", "text/n3"),
    ("text/*", "text/turtle"),
    ("application/*", "application/ld+json"),
    ("TEXT/Turtle", "text/turtle"),
    ("text/html, text/turtle", "text/turtle"),  # HTML only when strictly preferred
    ("text/html;q=0.9, */*;q=0.9", "text/turtle"),
    ("text/html;q=0.5, text/turtle;q=0.9", "text/turtle"),
    ("text/html;q=0.9, text/turtle;q=0.5", "text/html"),
    ("application/ld+json;q=0.9, text/turtle;q=0.5", "application/ld+json"),
    ("text/turtle;q=0, */*;q=0.5", "application/ld+json"),
    ("application/rdf+xml, text/turtle;q=0.8, */*;q=0.1", "application/rdf+xml"),
    ("application/ld+json, application/json;q=0.9, */*;q=0.1", "application/ld+json"),  # rdflib, format="json-ld"
]

SUFFIX_OF = {"text/turtle": "ttl", "text/n3": "ttl", "application/ld+json": "jsonld", "application/json": "json",
             "application/rdf+xml": "rdf", "application/n-triples": "nt", "text/plain": "nt", "text/html": "html"}


@pytest.mark.parametrize("accept, media", CONNEG)
def test_conneg(server, iris, http, accept, media):
    iri = iris["instance"]
    r = http.get(iri, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    ctype = r.headers["Content-Type"]
    assert ctype.split(";")[0] == media
    if media.startswith("text/"):
        assert "charset=utf-8" in ctype
    assert "Accept" in [v.strip() for v in r.headers["Vary"].split(",")]
    assert r.headers["Content-Location"] == f"{path_of(iri)}.{SUFFIX_OF[media]}"
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    if media == "text/html":
        assert "<html" in r.text and "Cookie" in r.headers["Vary"]
    else:
        g = parse(r)
        assert (URIRef(iri), None, None) in g


def test_no_accept_header_really_sent(server, iris):
    """requests always sends Accept; http.client sends none."""
    conn = http.client.HTTPConnection(urlsplit(server).hostname, urlsplit(server).port, timeout=30)
    try:
        conn.request("GET", path_of(iris["agent_hub"]))
        r = conn.getresponse()
        body = r.read()
        assert r.status == 200 and r.getheader("Content-Type").startswith("text/turtle")
        assert iris["agent_hub"].encode() in body
    finally:
        conn.close()


@pytest.mark.parametrize("accept", ["application/xml", "image/png", "text/csv, application/pdf;q=0.5",
                                    "text/turtle;q=0, text/html;q=0, */*;q=0", "nonsense"])
def test_406(server, iris, http, accept):
    r = http.get(iris["instance"], headers={"Accept": accept})
    assert r.status_code == 406
    assert "text/turtle" in r.text and "application/ld+json" in r.text
    assert "Traceback" not in r.text


@pytest.mark.parametrize("suffix, media", [("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
                                           ("json", "application/json"), ("rdf", "application/rdf+xml"),
                                           ("nt", "application/n-triples"), ("html", "text/html")])
def test_suffix_urls(server, iris, http, suffix, media):
    iri = iris["work_hub"]
    r = http.get(f"{iri}.{suffix}", headers={"Accept": BROWSER})  # the suffix wins over Accept
    assert r.status_code == 200
    assert r.headers["Content-Type"].split(";")[0] == media
    assert "Content-Location" not in r.headers
    assert f'<{path_of(iri)}.ttl>; rel="alternate"; type="text/turtle"' in r.headers["Link"]
    if suffix == "html":
        assert "<html" in r.text
    else:
        assert (URIRef(iri), None, None) in parse(r)


def test_link_header_lists_every_format_and_each_works(server, iris, http):
    iri = iris["concept"]
    r = http.get(iri)
    links = [part.strip() for part in r.headers["Link"].split(",")]
    found = {}
    for link in links:
        target, *params = [p.strip() for p in link.split(";")]
        assert 'rel="alternate"' in params
        media = next(p for p in params if p.startswith("type=")).split("=", 1)[1].strip('"')
        found[media] = target.strip("<>")
    assert set(found) == {"text/turtle", "application/ld+json", "application/json", "application/rdf+xml",
                          "application/n-triples", "text/html"}
    for media, target in found.items():
        alt = http.get(server.rstrip("/") + target, headers={"Accept": "*/*"})
        assert alt.status_code == 200 and alt.headers["Content-Type"].split(";")[0] == media, target


def test_head_and_conditional_requests(server, iris, http):
    iri = iris["agent_hub"]
    head = http.head(iri, headers={"Accept": "text/turtle"})
    get = http.get(iri, headers={"Accept": "text/turtle"})
    assert head.status_code == 200 and head.content == b""
    for h in ("Content-Type", "Content-Location", "Link", "Vary", "ETag"):
        assert head.headers[h] == get.headers[h]
    again = http.get(iri, headers={"Accept": "text/turtle", "If-None-Match": get.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""
    other = http.get(iri, headers={"Accept": "application/ld+json", "If-None-Match": get.headers["ETag"]})
    assert other.status_code == 200  # another representation, another ETag


def test_cors_headers(server, iris, http):
    r = http.get(iris["work"], headers={"Accept": "application/ld+json", "Origin": "https://example.org"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    exposed = r.headers["Access-Control-Expose-Headers"]
    assert "Link" in exposed and "Content-Location" in exposed


def test_percent_escapes_are_normalised(server, iris, http):
    iri = iris["instance"]
    path = path_of(iri)
    escaped = path[:-1] + "%%%02X" % ord(path[-1])  # the last character escaped
    r = http.get(server.rstrip("/") + escaped, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["Content-Location"] == path + ".ttl"
    assert (URIRef(iri), None, None) in parse(r)


# -- errors --------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["work/NLV/no-such-record", "agent/hub/nobody-000000000000", "item/NLV/x/y",
                                  "graph/NLV/no-such-record", "library/NOPE", "concept/NLV/x.ttl", "dataset/NOPE",
                                  "instance/hub/isbn-0000000000"])
def test_unknown_iri_404(server, http, path):
    r = http.get(server + path, headers={"Accept": "text/turtle"})
    assert r.status_code == 404 and r.headers["Content-Type"].startswith("text/plain")
    page = http.get(server + path, headers={"Accept": BROWSER})
    assert page.status_code == 404 and "<h1>" in page.text


@pytest.mark.parametrize("raw", ["/work/../../etc/passwd", "/work/%2e%2e/%2e%2e/etc/passwd",
                                 "/work/NLV/..%2f..%2f..%2fetc%2fpasswd", "/graph/..%2F..%2Fetc%2Fpasswd.ttl",
                                 "/agent/%00", "/work/NLV/%ff%fe"])
def test_traversal_and_junk_paths_are_404(server, raw):
    conn = http.client.HTTPConnection(urlsplit(server).hostname, urlsplit(server).port, timeout=30)
    try:
        conn.request("GET", raw, headers={"Accept": "text/turtle"})
        r = conn.getresponse()
        body = r.read()
    finally:
        conn.close()
    assert r.status in (400, 404)
    assert b"root:" not in body and b"Traceback" not in body


# -- the generic page ----------------------------------------------------------------------------

def test_generic_page_for_a_record_graph(server, iris, http):
    r = http.get(iris["graph"], headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/html; charset=utf-8"
    html = r.text
    assert iris["graph"] in html
    assert f'href="{path_of(iris["instance"])}"' in html  # IRIs under the base link to this server
    assert f'href="{path_of(iris["graph"])}.ttl"' in html  # the page links its RDF formats
    assert "style=" not in html and "<script" not in html  # CSP: no inline style or script


def test_generic_page_in_english(server, iris, http):
    r = http.get(iris["graph"] + ".html?lang=en")
    assert r.status_code == 200 and '<html lang="en">' in r.text and "RDF data" in r.text


# -- headings many records use -------------------------------------------------------------------

@pytest.fixture(scope="module")
def own_store(tmp_path_factory):
    """A second demo store, opened in this process (the server holds the first one)."""
    from kg.web.config import WebConfig
    from kg.web.data import Data

    directory = tmp_path_factory.mktemp("popular") / "store"
    base = "http://hub.example.org/"
    build_demo(directory, base)
    data = Data(WebConfig.from_env(store=str(directory), base_uri=base, endpoint=""))
    yield data
    data.close()


def test_heading_used_by_many_records_is_described_from_chosen_graphs(own_store, monkeypatch):
    """Past MAX_GRAPHS graphs an entity is described from its authority record, the links graph
    and one record: the same statements, without one copy per record."""
    from kg.web import describe as d

    data = own_store
    rows = data.select("SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?e a ?t } } GROUP BY ?e "
                       "ORDER BY DESC(?n) ?e LIMIT 40")
    many = [r["e"] for r in rows if int(r["n"].value) >= 3 and r["e"].value.startswith(data.base + "agent/")]
    authority = next(e for e in many if data.select(d.AUTHORITY_GRAPHS, e=e))
    heading = next(e for e in many if not data.select(d.AUTHORITY_GRAPHS, e=e))
    for entity in (authority, heading):
        full = d.describe(data, entity)
        monkeypatch.setattr(d, "MAX_GRAPHS", 1)
        chosen = d.describe(data, entity)
        monkeypatch.undo()

        def ground(triples):
            return {t for t in triples if not isinstance(t.subject, BlankNode) and not isinstance(t.object, BlankNode)}

        assert ground(chosen) == ground(full), entity
        def shape(triples):
            return sorted((t.predicate.value, type(t.object).__name__) for t in triples if t.subject == entity)

        assert shape(chosen) == shape(full)


def test_generic_page_escapes_record_text(own_store):
    """A record whose text holds markup: the generic page shows it as text."""
    from pyoxigraph import Literal

    from kg.web.app import create_app

    data = own_store
    graph = NamedNode(data.base + "graph/NLV/escape-test")
    agent = NamedNode(data.base + "agent/NLV/escape-test")
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    evil = '<script>alert("x")</script><b onmouseover="y">Nguyễn</b>'
    see_also = NamedNode("http://www.w3.org/2000/01/rdf-schema#seeAlso")
    data.hub.backend.add(serialize([Quad(agent, label, Literal(evil), graph),
                                    Quad(agent, see_also, NamedNode("javascript:alert(9)"), graph),
                                    Quad(graph, label, Literal("escape test"), graph)], format=RdfFormat.N_QUADS))
    app = create_app(data.config, data)
    try:
        with app.test_client() as client:
            r = client.get("/graph/NLV/escape-test", headers={"Accept": "text/html"})
            html = r.get_data(as_text=True)
            assert r.status_code == 200
            assert "<script>alert" not in html and "<b onmouseover" not in html
            assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
            assert "javascript:alert(9)" in html and 'href="javascript:' not in html  # text, not a link
            ttl = client.get("/graph/NLV/escape-test.ttl")
            assert ttl.status_code == 200 and "alert" in ttl.get_data(as_text=True)
    finally:
        for close in app.extensions.get("kg.on_close", []):  # the SPARQL part's worker pool
            close()
        data.hub.backend.replace([graph.value], b"")


def test_graph_too_large_for_one_response_points_at_its_dump(own_store, monkeypatch):
    from kg.web import describe as d
    from kg.web.void import dump_of_graph

    data = own_store
    links = data.names.links
    monkeypatch.setattr(d, "MAX_GRAPH", 10)
    with pytest.raises(d.TooLarge):
        d.describe_graph(data, links)
    monkeypatch.undo()
    assert len(d.describe_graph(data, links)) > 10
    assert dump_of_graph(data, links.value) == "/dumps/links.nq.gz"
    assert dump_of_graph(data, data.base + "graph/NLV/NLV000001") == "/dumps/NLV.nq.gz"
    assert dump_of_graph(data, data.base + "graph/registry/VNU") == "/dumps/VNU.nq.gz"
    assert dump_of_graph(data, data.names.vocabularies.value) == "/dumps/hub.nq.gz"


# -- a remote store ------------------------------------------------------------------------------

def test_remote_store_dereferences_the_same(tmp_path, http):
    """``kg serve --endpoint`` over ``oxigraph serve`` holding the demo (whose default graph is
    not the union of its graphs): the same descriptions, blank nodes included."""
    from servers import oxigraph_server

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    build_demo(tmp_path / "src", base)
    source = Store.read_only(str(tmp_path / "src" / "oxigraph"))
    found = find_iris(source, base)
    remote = Store(str(tmp_path / "remote"))
    remote.extend(source.quads_for_pattern(None, None, None, None))
    remote.flush()
    del remote
    with oxigraph_server(tmp_path / "remote") as (url, _):
        proc = start_server(tmp_path / "hub", port, "--endpoint", url)
        try:
            for kind in ("agent_hub", "work_hub", "instance", "member", "concept"):
                iri = found[kind]
                r = http.get(iri, headers={"Accept": "application/n-triples"})
                assert r.status_code == 200, (iri, r.text)
                g = parse(r)
                assert to_isomorphic(subtree(g, iri)) == to_isomorphic(closure(source, iri)), kind
            hub = URIRef(found["agent_hub"])
            g = rdflib.Graph()
            g.parse(found["agent_hub"])  # rdflib's Accept
            members = set(g.objects(hub, OWL.sameAs))
            assert len(members) >= 3 and all(any(g.objects(m, RDFS.label)) for m in members)
            assert http.get(base + "work/NLV/nothing", headers={"Accept": "text/turtle"}).status_code == 404
        finally:
            stop_server(proc)


# -- hostile record text, publications across libraries (the conftest's second server) -------------

def test_hostile_record_stays_text(extra_server, http):
    base, instance = extra_server
    r = http.get(instance, headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = parse(r)
    titles = [str(g.value(t, BF.mainTitle)) for t in g.objects(URIRef(instance), BF.title)]
    assert any("<script>alert(1)</script>" in t for t in titles)  # the data as catalogued
    page = http.get(base + "graph/TVHN/XSS1", headers={"Accept": "text/html"})  # the generic page
    assert page.status_code == 200
    html = page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for active in ("<script>", "<img src=x", "<svg onload", "<b>độc</b>", 'href="javascript:', "href='javascript:"):
        assert active not in html, active


def test_publication_hub_across_libraries(extra_server, http):
    base, _ = extra_server
    hub = base + "instance/hub/isbn-9786041234567"
    g = rdflib.Graph()
    g.parse(hub)
    members = set(g.objects(URIRef(hub), OWL.sameAs))
    assert {str(m).split("/")[4] for m in members} == {"TVHN", "VNU"}
    assert all(any(g.objects(m, RDFS.label)) for m in members)
    ident = g.value(URIRef(hub), BF.identifiedBy)
    assert str(g.value(ident, RDF.value)) == "9786041234567"
    member = sorted(members)[0]
    back = parse(http.get(str(member), headers={"Accept": "application/ld+json"}))
    assert (URIRef(hub), OWL.sameAs, member) in back
