"""What the hub holds, for machines: VoID at ``/.well-known/void``, dumps at ``/dumps/``, the
sitemap and ``robots.txt``.

VoID (``/.well-known/void``, negotiated like an entity IRI: Turtle by default, JSON-LD, RDF/XML,
N-Triples; a browser gets the generic description page).  The hub is the dataset
``{base}.well-known/void#hub`` (a hash IRI: it dereferences to this document) — its SPARQL
endpoint, its dumps, its URI space (``void:uriSpace`` the base), example resources (the person
and the work with the most members across libraries), the vocabularies it uses (BIBFRAME,
bflc, MADS/RDF), the formats its IRIs answer in, the linkset of ``kg link`` — with one
``void:subset`` per library: ``{base}dataset/{code}``, the IRI of the library's precomputed
statistics graph (``kg.store.stats``, so the subset dereferences too), titled with the library's
names, its ``void:triples``, ``void:entities``, class partitions and records counted by the label
index's counters (constant time, the figures ``kg stats`` prints), its dump, and its IRIs
(``void:uriRegexPattern``: every record-derived IRI carries the library code).  Computed once
per server process, like everything here that only an ingest can change.

Dumps (``/dumps/``: an index page; ``/dumps/{name}.nq.gz``: gzip N-Quads, each record in its
named graph, as ``kg export`` writes them):

- ``hub.nq.gz``: the whole store (every graph under ``{base}graph/``);
- ``links.nq.gz``: what ``kg link`` concluded and the cataloguers' decisions;
- ``{library}.nq.gz``: a library's records, registry entry and statistics.

``hub`` and ``links`` are reserved words no library code can take (``kg.store.names.RESERVED``),
so the names never collide; a name is matched against a pattern and the list of libraries
before it reaches the file system.  A dump is written on its first request into
``{store}/dumps/`` (to a temporary file, then renamed: a reader never sees half a dump) and
served from there (``send_file``: ETag, Last-Modified, ranges) for the life of the server
process — the embedded store is locked by the server, so its content cannot change while it
runs; a dump left by an earlier process is rewritten once, since the store may have changed in
between.  One lock per name: concurrent first requests write it once.

Sitemap (``/sitemap.xml``, sitemaps.org): the home page, the library pages, the hubs of the
links graph and every work, instance, agent and concept of the label index — one ``urlset``
up to 50,000 URLs, else a ``sitemapindex`` of ``/sitemap-{n}.xml`` pages of 50,000.
``robots.txt`` points at it and keeps crawlers off ``/sparql`` and ``/dumps/``.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from pathlib import Path
from xml.sax.saxutils import escape

from flask import Response, abort, render_template, request, send_file
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from ..convert.terms import BF, BFLC, MADS, TYPE, bf, mads, xsd
from ..store.names import DCTERMS, KGNS, VOID
from . import describe as d
from . import i18n
from . import linkeddata as ld

log = logging.getLogger("kg.web.void")

V = lambda local: NamedNode(VOID + local)  # noqa: E731
DC = lambda local: NamedNode(DCTERMS + local)  # noqa: E731
FORMATS_NS = "http://www.w3.org/ns/formats/"

VOID_PATH = ".well-known/void"
DUMP_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
HUB_DUMP, LINKS_DUMP = "hub", "links"
SITEMAP_PAGE = 50_000

i18n.add({
    "void.title": {"vi": "Thư viện Liên thông — mục lục liên thông các thư viện Việt Nam",
                   "en": "Thư viện Liên thông — the interconnected catalogues of Vietnamese libraries"},
    "void.description": {
        "vi": "Biểu ghi MARC của các thư viện, chuyển sang BIBFRAME 2 và liên kết giữa các thư viện.",
        "en": "Libraries' MARC records as BIBFRAME 2, linked across libraries."},
    "dumps.title": {"vi": "Tải toàn bộ dữ liệu", "en": "Data dumps"},
    "dumps.text": {"vi": "N-Quads nén gzip: mỗi biểu ghi trong đồ thị có tên của nó. Xem thêm mô tả VoID.",
                   "en": "Gzipped N-Quads: each record in its own named graph. See also the VoID description."},
    "dumps.hub": {"vi": "Toàn bộ kho dữ liệu", "en": "The whole store"},
    "dumps.links": {"vi": "Liên kết giữa các thư viện (kg link) và quyết định của người biên mục",
                    "en": "Links across libraries (kg link) and cataloguers' decisions"},
    "dumps.name": {"vi": "Tệp", "en": "File"},
    "dumps.content": {"vi": "Nội dung", "en": "Content"},
    "dumps.triples": {"vi": "Số bộ ba", "en": "Triples"},
})


def _integer(n: int) -> Literal:
    return Literal(str(n), datatype=xsd.integer)


# -- VoID ----------------------------------------------------------------------------------------

def void_triples(data) -> list[Triple]:
    base = data.base
    doc = NamedNode(base + VOID_PATH)
    hub = NamedNode(base + VOID_PATH + "#hub")
    out = [
        Triple(doc, TYPE, V("DatasetDescription")),
        Triple(doc, DC("title"), Literal("VoID — Thư viện Liên thông", language="vi")),
        Triple(doc, NamedNode("http://xmlns.com/foaf/0.1/primaryTopic"), hub),
        Triple(hub, TYPE, V("Dataset")),
        Triple(hub, DC("title"), Literal(i18n.MESSAGES["void.title"]["vi"], language="vi")),
        Triple(hub, DC("title"), Literal(i18n.MESSAGES["void.title"]["en"], language="en")),
        Triple(hub, DC("description"), Literal(i18n.MESSAGES["void.description"]["vi"], language="vi")),
        Triple(hub, DC("description"), Literal(i18n.MESSAGES["void.description"]["en"], language="en")),
        Triple(hub, V("sparqlEndpoint"), NamedNode(base + "sparql")),
        Triple(hub, V("dataDump"), NamedNode(f"{base}dumps/{HUB_DUMP}.nq.gz")),
        Triple(hub, V("uriSpace"), Literal(base)),
    ]
    for vocabulary in (BF, BFLC, MADS):
        out.append(Triple(hub, V("vocabulary"), NamedNode(vocabulary)))
    for name in ("Turtle", "JSON-LD", "RDF_XML", "N-Triples", "N-Quads", "SPARQL_Results_JSON", "SPARQL_Results_XML"):
        out.append(Triple(hub, V("feature"), NamedNode(FORMATS_NS + name)))
    for iri in example_resources(data):
        out.append(Triple(hub, V("exampleResource"), NamedNode(iri)))
    links = NamedNode(base + VOID_PATH + "#links")
    out += [
        Triple(hub, V("subset"), links),
        Triple(links, TYPE, V("Linkset")),
        Triple(links, DC("title"), Literal(i18n.MESSAGES["dumps.links"]["en"], language="en")),
        Triple(links, DC("title"), Literal(i18n.MESSAGES["dumps.links"]["vi"], language="vi")),
        Triple(links, V("subjectsTarget"), hub),
        Triple(links, V("objectsTarget"), hub),
        Triple(links, V("dataDump"), NamedNode(f"{base}dumps/{LINKS_DUMP}.nq.gz")),
    ]
    for predicate in ("http://www.w3.org/2002/07/owl#sameAs", MADS + "hasCloseExternalAuthority",
                      BF + "hasExpression", BF + "hasInstance"):
        out.append(Triple(links, V("linkPredicate"), NamedNode(predicate)))
    figures = data.statistics()
    libraries = {lib.code: lib for lib in data.libraries()}
    for code in sorted(set(figures) | set(libraries)):
        fig = figures.get(code)
        subset = data.names.dataset(code)
        lib = libraries.get(code)
        out += [
            Triple(hub, V("subset"), subset),
            Triple(subset, TYPE, V("Dataset")),
            Triple(subset, DC("publisher"), data.names.library(code)),
            Triple(subset, V("dataDump"), NamedNode(f"{base}dumps/{code}.nq.gz")),
            Triple(subset, V("uriRegexPattern"),
                   Literal(f"^{re.escape(base)}(work|instance|item|agent|concept|graph)/{re.escape(code)}/")),
        ]
        if lib is not None:
            out.append(Triple(subset, DC("title"), Literal(lib.name_vi, language="vi")))
            if lib.name_en:
                out.append(Triple(subset, DC("title"), Literal(lib.name_en, language="en")))
        if fig is None:
            continue
        entities = sum(fig.get(k, 0) for k in ("works", "instances", "items", "agents", "concepts"))
        out += [
            Triple(subset, V("triples"), _integer(fig.get("triples", 0))),
            Triple(subset, V("entities"), _integer(entities)),
            Triple(subset, NamedNode(KGNS + "records"), _integer(fig.get("records", 0))),
        ]
        for key, cls in (("works", bf.Work), ("instances", bf.Instance), ("items", bf.Item),
                         ("agents", bf.Agent), ("concepts", bf.Topic), ("authorities", mads.Authority)):
            part = BlankNode(f"{code}_{key}".replace("-", "_"))
            out += [Triple(subset, V("classPartition"), part), Triple(part, V("class"), cls),
                    Triple(part, V("entities"), _integer(fig.get(key, 0)))]
    return out


#: the hub with the most members, for a link predicate ``?p`` of the links graph ``?g``
EXAMPLE = ("SELECT ?g ?p ?s (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?m } } "
           "GROUP BY ?g ?p ?s ORDER BY DESC(?n) ?s LIMIT 1")


def example_resources(data) -> list[str]:
    """IRIs to start from: the person and the work that the most records of the most libraries
    name (the hubs of the links graph with the most members), and the first record's work."""
    out = []
    for predicate in ("http://www.w3.org/2002/07/owl#sameAs", BF + "hasExpression"):
        rows = data.select(EXAMPLE, g=data.names.links, p=NamedNode(predicate))
        out += [r["s"].value for r in rows if isinstance(r.get("s"), NamedNode)]
    out += [r[0] for r in data.index_rows("SELECT work FROM records WHERE work IS NOT NULL ORDER BY rowid LIMIT 1")]
    return [iri for iri in out if iri.startswith(data.base)]


def void_graph(data) -> list[Triple]:
    """The VoID triples, computed once per process (the store does not change while it runs)."""
    from flask import current_app

    cache = current_app.extensions.setdefault("kg.void", {})
    with _void_lock:
        if "triples" not in cache:
            cache["triples"] = d.order(void_triples(data), NamedNode(data.base + VOID_PATH))
        return cache["triples"]


_void_lock = threading.Lock()


def void_document(ext: str | None = None):
    """``/.well-known/void``, negotiated like an entity IRI; ``/.well-known/void.ttl`` etc."""
    from .app import data as current_data

    data = current_data()
    iri = data.base + VOID_PATH
    fmt = ld.SUFFIXES[ext] if ext else ld.negotiate(request.headers.get("Accept"))
    if fmt is None:
        ld.not_acceptable()

    def triples_of():
        return void_graph(data)

    def page_of():
        body = ld.render_resource(data, iri, triples_of(), graph=True, title=i18n.translate("void.title"))
        return Response(body, content_type=ld.content_type(ld.HTML))

    response = ld.represent(data, iri, fmt, ext is None, triples_of, page_of)
    response.headers.add("Link", f'<{request.script_root}/sparql>; '
                                 'rel="http://www.w3.org/ns/sparql-service-description#endpoint"')
    return response


# -- dumps ---------------------------------------------------------------------------------------

class Dumps:
    """The dump files of one server process (see the module's docstring)."""

    def __init__(self, data):
        self.data = data
        self.directory = Path(data.directory) / "dumps"
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self._fresh: dict[str, int] = {}  # name -> number of quads, written by this process

    def names(self) -> list[str]:
        return [HUB_DUMP, LINKS_DUMP] + sorted(lib.code for lib in self.data.libraries())

    def graphs(self, name: str) -> list[str]:
        from ..store.export import graphs_of

        names = self.data.names
        if name == HUB_DUMP:
            return graphs_of(self.data.hub, None)
        if name == LINKS_DUMP:
            return [names.links.value, names.decisions.value]
        return graphs_of(self.data.hub, name)

    def path(self, name: str) -> Path:
        """The file of an up-to-date dump ``name``, written first if needed."""
        if not DUMP_NAME.match(name) or name not in self.names():
            abort(404)
        with self._guard:
            lock = self._locks.setdefault(name, threading.Lock())
        target = self.directory / f"{name}.nq.gz"
        with lock:
            if name not in self._fresh or not target.exists():
                self._fresh[name] = self._write(name, target)
        return target

    def _write(self, name: str, target: Path) -> int:
        import gzip

        self.directory.mkdir(parents=True, exist_ok=True)
        self._remove_abandoned()
        tmp = self.directory / f".{name}.{os.getpid()}.{threading.get_ident()}.tmp"
        started = time.monotonic()
        try:
            with open(tmp, "wb") as raw, gzip.GzipFile(filename=f"{name}.nq", mode="wb", fileobj=raw,
                                                      compresslevel=6, mtime=0) as out:
                n = self.data.hub.backend.dump(out, self.graphs(name))
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        log.info("dump %s: %d quads in %.1f s", target, n, time.monotonic() - started)
        return n

    def _remove_abandoned(self) -> None:
        """Temporary files a killed server left (``.{name}.{pid}.{thread}.tmp``, pid not running)."""
        for tmp in self.directory.glob(".*.tmp"):
            try:
                pid = int(tmp.name.split(".")[2])
            except (IndexError, ValueError):
                continue
            if pid == os.getpid():
                continue
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                tmp.unlink(missing_ok=True)
            except PermissionError:
                pass  # another user's live process

    def count(self, name: str) -> int | None:
        return self._fresh.get(name)


def dumps(app) -> Dumps:
    found = app.extensions.get("kg.dumps")
    if found is None:
        from .app import data as current_data

        found = app.extensions.setdefault("kg.dumps", Dumps(current_data()))
    return found


def dump_of_graph(data, graph: str) -> str:
    """The root-relative URL of the dump holding the named graph ``graph``."""
    names = data.names
    if graph in (names.links.value, names.decisions.value):
        return f"/dumps/{LINKS_DUMP}.nq.gz"
    rest = graph[len(names.record_prefix):] if graph.startswith(names.record_prefix) else ""
    code = rest.split("/", 1)[0] if "/" in rest else ""
    if code in ("registry", "stats"):
        code = rest.split("/")[1]
    if code and data.library(code) is not None:
        return f"/dumps/{code}.nq.gz"
    return f"/dumps/{HUB_DUMP}.nq.gz"


def dumps_index():
    from flask import current_app

    from .app import data as current_data

    data = current_data()
    store = dumps(current_app)
    figures = data.statistics()
    libraries = {lib.code: lib for lib in data.libraries()}
    rows = []
    for name in store.names():
        url = f"{request.script_root}/dumps/{name}.nq.gz"
        if name in (HUB_DUMP, LINKS_DUMP):
            what = i18n.translate(f"dumps.{name}")
            triples = store.count(name)
        else:
            lib = libraries[name]
            what = (lib.name_en or lib.name_vi) if i18n.language() == "en" else lib.name_vi
            triples = (figures.get(name) or {}).get("triples")
        rows.append((f"{name}.nq.gz", url, what, f"{triples:,}" if triples is not None else ""))
    if ld.negotiate(request.headers.get("Accept")) is ld.HTML:
        body = render_template("dumps.html", rows=rows, void=f"{request.script_root}/{VOID_PATH}")
        response = Response(body, content_type=ld.content_type(ld.HTML))
    else:
        text = "".join(f"{data.base}dumps/{name}\t{what}\n" for name, _, what, _ in rows)
        response = Response(text, content_type="text/plain; charset=utf-8")
    response.vary.add("Accept")
    return response


def dump_file(name: str):
    from flask import current_app

    path = dumps(current_app).path(name)
    return send_file(path, mimetype="application/gzip", as_attachment=True, download_name=f"{name}.nq.gz",
                     conditional=True, etag=True, max_age=0)


# -- sitemap -------------------------------------------------------------------------------------

HUBS = "SELECT DISTINCT ?g ?s WHERE { GRAPH ?g { ?s a ?type } } ORDER BY ?s"
PAGED_KINDS = "kind IN ('work', 'instance', 'agent', 'concept')"
ENTITIES = f"SELECT DISTINCT entity FROM entities WHERE {PAGED_KINDS} ORDER BY entity"
ENTITY_COUNT = f"SELECT COUNT(DISTINCT entity) FROM entities WHERE {PAGED_KINDS}"


class Sitemap:
    """The URLs of the sitemap, in a fixed order: the site's own pages, the link hubs, the
    entities of the label index.  Counts are taken once per process (the store does not change
    while the server runs)."""

    def __init__(self, data):
        self.data = data
        self._site: list[str] | None = None
        self._hubs: int | None = None
        self._entities: int | None = None
        self._lock = threading.Lock()

    def _counts(self) -> tuple[list[str], int, int]:
        with self._lock:
            if self._site is None:
                base = self.data.base
                self._site = [base] + [self.data.names.library(lib.code).value for lib in self.data.libraries()]
                self._hubs = len(self.hubs())
                self._entities = self.data.index_rows(ENTITY_COUNT)[0][0]
            return self._site, self._hubs, self._entities

    def hubs(self) -> list[str]:
        names = self.data.names
        prefixes = tuple(f"{names.base}{kind}/hub/" for kind in ("agent", "work", "instance"))
        rows = self.data.select(HUBS, g=names.links)
        return [r["s"].value for r in rows if isinstance(r["s"], NamedNode) and r["s"].value.startswith(prefixes)]

    def total(self) -> int:
        site, hubs, entities = self._counts()
        return len(site) + hubs + entities

    def page(self, n: int) -> list[str]:
        """URLs ``n * SITEMAP_PAGE`` … of the whole list."""
        site, hubs, entities = self._counts()
        start, stop = n * SITEMAP_PAGE, (n + 1) * SITEMAP_PAGE
        urls: list[str] = []
        if start < len(site):
            urls += site[start:stop]
        offset = len(site)
        if len(urls) < SITEMAP_PAGE and start < offset + hubs:
            urls += self.hubs()[max(start - offset, 0): stop - offset]
        offset += hubs
        if len(urls) < SITEMAP_PAGE and start < offset + entities:
            skip = max(start - offset, 0)
            rows = self.data.index_rows(ENTITIES + " LIMIT ? OFFSET ?", (SITEMAP_PAGE - len(urls), skip))
            urls += [r[0] for r in rows]
        base = self.data.base
        return [u for u in urls if u.startswith(base)]


def sitemap(app) -> Sitemap:
    found = app.extensions.get("kg.sitemap")
    if found is None:
        from .app import data as current_data

        found = app.extensions.setdefault("kg.sitemap", Sitemap(current_data()))
    return found


def _xml(body: str) -> Response:
    return Response('<?xml version="1.0" encoding="UTF-8"?>\n' + body, content_type="application/xml; charset=utf-8")


def _loc(url: str) -> str:
    return f"<loc>{escape(url)}</loc>"


def sitemap_xml():
    from flask import current_app

    sm = sitemap(current_app)
    total = sm.total()
    if total <= SITEMAP_PAGE:
        return urlset(sm.page(0))
    pages = (total + SITEMAP_PAGE - 1) // SITEMAP_PAGE
    base = sm.data.base
    items = "".join(f"<sitemap>{_loc(f'{base}sitemap-{n}.xml')}</sitemap>\n" for n in range(pages))
    return _xml(f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{items}</sitemapindex>\n')


def sitemap_page(n: int):
    from flask import current_app

    sm = sitemap(current_app)
    if n * SITEMAP_PAGE >= max(sm.total(), 1):
        abort(404)
    return urlset(sm.page(n))


def urlset(urls: list[str]) -> Response:
    items = "".join(f"<url>{_loc(u)}</url>\n" for u in urls)
    return _xml(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{items}</urlset>\n')


def robots():
    from .app import data as current_data

    base = current_data().base
    text = (f"User-agent: *\nDisallow: /sparql\nDisallow: /dumps/\nAllow: /\n\nSitemap: {base}sitemap.xml\n")
    return Response(text, content_type="text/plain; charset=utf-8")


def register(app) -> None:
    app.add_url_rule("/" + VOID_PATH, "void", void_document, methods=["GET"])
    app.add_url_rule("/" + VOID_PATH + ".<any(" + ",".join(ld.SUFFIXES) + "):ext>", "void_format", void_document,
                     methods=["GET"])
    app.add_url_rule("/dumps/", "dumps", dumps_index, methods=["GET"])
    app.add_url_rule("/dumps/<name>.nq.gz", "dump", dump_file, methods=["GET"])
    app.add_url_rule("/sitemap.xml", "sitemap", sitemap_xml, methods=["GET"])
    app.add_url_rule("/sitemap-<int:n>.xml", "sitemap_page", sitemap_page, methods=["GET"])
    app.add_url_rule("/robots.txt", "robots", robots, methods=["GET"])
