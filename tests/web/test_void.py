"""VoID, dumps, sitemap and robots.txt on the real server, checked against the store and the
label index read independently (the store opened read-only, the index with sqlite3)."""

from __future__ import annotations

import gzip
import sqlite3
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
import rdflib
from pyoxigraph import NamedNode, RdfFormat, Store, parse
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF
from webhelp import build_demo

pytestmark = [pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")]

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
KGNS = rdflib.Namespace("https://w3id.org/thuvien-lienthong/ns#")
BF = rdflib.Namespace("http://id.loc.gov/ontologies/bibframe/")
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def store(demo_store):
    directory, _, _ = demo_store
    return Store.read_only(str(directory / "oxigraph"))


@pytest.fixture(scope="module")
def index(demo_store):
    """Per library: records (bibliographic), triples (all records), from the index's rows —
    not from the counters the server reads."""
    directory, _, _ = demo_store
    db = sqlite3.connect(f"file:{directory / 'index.sqlite'}?mode=ro", uri=True)
    try:
        out = {}
        for library, kind, n, triples in db.execute(
                "SELECT library, kind, COUNT(*), SUM(triples) FROM records GROUP BY library, kind"):
            fig = out.setdefault(library, {"records": 0, "triples": 0})
            fig["triples"] += triples
            if kind != "authority":
                fig["records"] += n
        entities = db.execute("SELECT COUNT(DISTINCT entity) FROM entities "
                              "WHERE kind IN ('work', 'instance', 'agent', 'concept')").fetchone()[0]
        return out, entities
    finally:
        db.close()


def libraries(store, base) -> set[str]:
    prefix = base + "graph/registry/"
    return {g.value[len(prefix):] for g in store.named_graphs() if g.value.startswith(prefix)}


@pytest.fixture(scope="module")
def void(server):
    g = rdflib.Graph()
    g.parse(server + ".well-known/void", format="turtle")
    return g


# -- VoID ----------------------------------------------------------------------------------------

def test_void_states_endpoint_dumps_and_vocabularies(server, void, http):
    hub = URIRef(server + ".well-known/void#hub")
    assert (hub, RDF.type, VOID.Dataset) in void
    assert (hub, VOID.sparqlEndpoint, URIRef(server + "sparql")) in void
    assert (hub, VOID.dataDump, URIRef(server + "dumps/hub.nq.gz")) in void
    assert (hub, VOID.uriSpace, Literal(server)) in void
    assert (hub, VOID.vocabulary, URIRef(str(BF))) in void
    titles = {t.language: str(t) for t in void.objects(hub, DCTERMS.title)}
    assert set(titles) == {"vi", "en"}
    examples = list(void.objects(hub, VOID.exampleResource))
    assert len(examples) == 3
    for example in examples:
        r = http.get(str(example), headers={"Accept": "text/turtle"})
        assert r.status_code == 200 and f"<{example}>" in r.text
    assert any("/agent/hub/nguyen-du-1765-1820" in str(e) for e in examples)  # the most widely held


def test_void_subsets_match_the_index(server, void, index, store):
    figures, _ = index
    hub = URIRef(server + ".well-known/void#hub")
    codes = libraries(store, server)
    assert codes >= {"NLV", "VNU", "TVHN"}
    for code in codes:
        subset = URIRef(f"{server}dataset/{code}")
        assert (hub, VOID.subset, subset) in void
        assert (subset, DCTERMS.publisher, URIRef(f"{server}library/{code}")) in void
        assert (subset, VOID.dataDump, URIRef(f"{server}dumps/{code}.nq.gz")) in void
        assert void.value(subset, VOID.triples).toPython() == figures[code]["triples"]
        assert void.value(subset, KGNS.records).toPython() == figures[code]["records"]
        works = next(void.value(p, VOID.entities) for p in void.objects(subset, VOID.classPartition)
                     if void.value(p, VOID["class"]) == BF.Work)
        assert works.toPython() == figures[code]["records"]
        assert any(t.language == "vi" for t in void.objects(subset, DCTERMS.title))


def test_void_subset_iri_dereferences_to_the_same_figures(server, void, http):
    subset = URIRef(f"{server}dataset/NLV")
    g = rdflib.Graph()
    g.parse(data=http.get(str(subset), headers={"Accept": "text/turtle"}).text, format="turtle")
    assert g.value(subset, VOID.triples) == void.value(subset, VOID.triples)


def test_void_every_format_is_the_same_graph(server, void, http):
    for media, fmt in (("application/ld+json", "json-ld"), ("application/rdf+xml", "xml"),
                       ("application/n-triples", "nt")):
        r = http.get(server + ".well-known/void", headers={"Accept": media})
        assert r.status_code == 200 and r.headers["Content-Type"].startswith(media)
        assert "Accept" in r.headers["Vary"]
        g = rdflib.Graph()
        g.parse(data=r.content, format=fmt)
        assert isomorphic(g, void), media


def test_void_for_browsers_and_suffixes(server, http):
    page = http.get(server + ".well-known/void", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "/sparql" in page.text and "dataset/NLV" in page.text
    ttl = http.get(server + ".well-known/void.ttl", headers={"Accept": "text/html"})
    assert ttl.headers["Content-Type"].startswith("text/turtle")
    assert http.get(server + ".well-known/void", headers={"Accept": "image/png"}).status_code == 406


# -- dumps ---------------------------------------------------------------------------------------

def download(http, url) -> list:
    r = http.get(url)
    assert r.status_code == 200, url
    assert r.headers["Content-Type"] == "application/gzip"
    assert "attachment" in r.headers["Content-Disposition"]
    return list(parse(gzip.decompress(r.content), format=RdfFormat.N_QUADS))


def test_dump_written_on_first_request_and_leftovers_removed(server, http, store, demo_store):
    directory = demo_store[0] / "dumps"
    names = sorted(libraries(store, server))
    fresh = [n for n in names if not (directory / f"{n}.nq.gz").exists()]
    assert fresh, "every dump exists already: this test must run before the others that download"
    directory.mkdir(exist_ok=True)
    leftover = directory / f".{fresh[0]}.999999999.1.tmp"  # no process has that pid (above pid_max)
    leftover.write_bytes(b"half a dump")
    quads = download(http, f"{server}dumps/{fresh[0]}.nq.gz")
    assert quads and (directory / f"{fresh[0]}.nq.gz").exists()
    assert not leftover.exists()


def test_dump_index(server, http, store):
    page = http.get(server + "dumps/", headers={"Accept": "text/html"})
    assert page.status_code == 200
    for code in libraries(store, server) | {"hub", "links"}:
        assert f'href="/dumps/{code}.nq.gz"' in page.text
    text = http.get(server + "dumps/", headers={"Accept": "*/*"})
    assert text.headers["Content-Type"].startswith("text/plain") and f"{server}dumps/hub.nq.gz" in text.text


def test_whole_store_dump(server, http, store):
    quads = download(http, server + "dumps/hub.nq.gz")
    assert len(quads) == len(store)
    assert len(set(quads)) == len(quads)
    assert {q.graph_name for q in quads} == set(store.named_graphs())


def test_library_dump(server, http, store):
    quads = download(http, server + "dumps/VNU.nq.gz")
    graphs = {q.graph_name.value for q in quads}
    ours = {g.value for g in store.named_graphs()
            if g.value.startswith(server + "graph/VNU/")} | {server + "graph/registry/VNU", server + "graph/stats/VNU"}
    assert graphs == ours
    assert len(quads) == sum(len(list(store.quads_for_pattern(None, None, None, NamedNode(g)))) for g in ours)


def test_links_dump(server, http, store):
    quads = download(http, server + "dumps/links.nq.gz")
    links = NamedNode(server + "graph/links")
    assert quads and {q.graph_name for q in quads} <= {links, NamedNode(server + "graph/decisions")}
    assert sum(1 for q in quads if q.graph_name == links) == len(list(store.quads_for_pattern(None, None, None, links)))


def test_dump_is_written_once_and_served_conditionally(server, http, demo_store):
    first = http.get(server + "dumps/TVHN.nq.gz")
    path = demo_store[0] / "dumps" / "TVHN.nq.gz"
    written = path.stat().st_mtime_ns
    second = http.get(server + "dumps/TVHN.nq.gz", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 304
    assert path.stat().st_mtime_ns == written
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("path", ["dumps/nope.nq.gz", "dumps/registry.nq.gz", "dumps/.hub.nq.gz",
                                  "dumps/..%2F..%2Fetc%2Fpasswd.nq.gz", "dumps/hub.nq", "dumps/hub.ttl.gz"])
def test_dump_names_are_checked(server, http, path):
    r = http.get(server + path)
    assert r.status_code == 404 and b"root:" not in r.content


# -- sitemap, robots -----------------------------------------------------------------------------

def test_sitemap(server, http, store, index):
    r = http.get(server + "sitemap.xml")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/xml")
    root = ET.fromstring(r.content)
    assert root.tag == SM + "urlset"
    urls = [u.find(SM + "loc").text for u in root.findall(SM + "url")]
    assert len(urls) == len(set(urls)) and all(u.startswith(server) for u in urls)
    rows = store.query('SELECT ?h WHERE { GRAPH ?g { ?h <http://www.w3.org/2000/01/rdf-schema#label> '
                       '"Nguyễn Du, 1765-1820" } FILTER(CONTAINS(STR(?h), "/agent/hub/")) }')
    nguyen_du = {row[0].value for row in rows}
    assert len(nguyen_du) == 1 and nguyen_du <= set(urls)
    assert server in urls
    assert {f"{server}library/{code}" for code in libraries(store, server)} <= set(urls)
    hubs = {q.subject.value for q in store.quads_for_pattern(None, NamedNode(str(RDF.type)), None,
                                                               NamedNode(server + "graph/links"))
            if "/hub/" in q.subject.value}
    _, entities = index
    assert len(urls) == 1 + len(libraries(store, server)) + len(hubs) + entities
    entity_urls = [u for u in urls if u != server]  # the home page is kg.web.pages' to test
    for url in entity_urls[:: max(len(entity_urls) // 25, 1)]:  # a sample of them answers with a page
        page = http.get(url, headers={"Accept": "text/html"})
        assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html"), url


def test_sitemap_pages_beyond_the_first_are_404_for_a_small_store(server, http):
    assert http.get(server + "sitemap-1.xml").status_code == 404


def test_robots(server, http):
    r = http.get(server + "robots.txt")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {server}sitemap.xml" in r.text
    assert "Disallow: /sparql" in r.text


def test_paths_stay_with_their_owners(server, http):
    """The entity rule does not take the hub's own paths."""
    assert http.get(server + "healthz").json() == {"status": "ok"}
    assert http.get(server + "static/linkeddata.css").headers["Content-Type"].startswith("text/css")
    assert urlsplit(server).path == "/"


# -- a large sitemap (in process: the page size made small) --------------------------------------

@pytest.fixture(scope="module")
def own_app(tmp_path_factory):
    from kg.web.app import create_app
    from kg.web.config import WebConfig

    directory = tmp_path_factory.mktemp("sitemap") / "store"
    base = "http://hub.example.org/"
    build_demo(directory, base)
    app = create_app(WebConfig.from_env(store=str(directory), base_uri=base, endpoint=""))
    yield app
    for close in app.extensions.get("kg.on_close", []):
        close()
    app.extensions["kg.data"].close()


def test_sitemap_index_beyond_the_page_size(own_app, monkeypatch):
    from kg.web import void

    def locs(response) -> list[str]:
        assert response.status_code == 200
        return [e.text for e in ET.fromstring(response.data).iter(SM + "loc")]

    with own_app.test_client() as client:
        everything = locs(client.get("/sitemap.xml"))
        monkeypatch.setattr(void, "SITEMAP_PAGE", 50)
        index = ET.fromstring(client.get("/sitemap.xml").data)
        assert index.tag == SM + "sitemapindex"
        pages = [e.text for e in index.iter(SM + "loc")]
        assert len(pages) == -(-len(everything) // 50) and len(pages) > 3
        paged = []
        for n, url in enumerate(pages):
            assert url == f"http://hub.example.org/sitemap-{n}.xml"
            urls = locs(client.get(f"/sitemap-{n}.xml"))
            assert 0 < len(urls) <= 50
            paged += urls
        assert paged == everything  # the same URLs, in the same order, none twice
        assert client.get(f"/sitemap-{len(pages)}.xml").status_code == 404
