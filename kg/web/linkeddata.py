"""Dereferenceable IRIs: content negotiation on every entity IRI minted under the base.

Which IRIs.  Everything the converter, ``kg link`` and the store mint under the base — the
first path segment says what it is (``kg/convert/iris.py``, ``kg/link/graph.py``,
``kg/store/names.py``)::

    work/{lib}/{001}  work/{lib}/hub/…  work/{lib}/rel/…  work/hub/…
    instance/{lib}/{001}  instance/{lib}/rel/…  instance/hub/…
    item/{lib}/{001}/{copy}  agent/{lib}/…  agent/hub/…  concept/{lib}/…
    library/{lib}  dataset/{lib} (a library's statistics, VoID)  decision/… (cataloguers' decisions)
    graph/{lib}/{001}  graph/{lib}/authority/{001}  graph/links  graph/registry/{lib}  …

One rule for these first segments (``/<any(work,instance,…):kind>/<path:rest>``), registered
last and matching nothing else, so ``/sparql``, ``/search``, ``/static``, ``/dumps`` and the
pages of :mod:`kg.web.pages` are never taken.  The IRI is the base plus the request path *as the client sent it* — percent escapes
kept, since the converter mints ``%20``-style IRIs, and normalised as RFC 3986 says
(``%41`` is ``A``, ``%c3`` is ``%C3``); the IRI form with the non-ASCII characters decoded is
tried too.  An entity IRI exists when some graph has a triple with it as subject
(else 404); a graph IRI when the graph has triples — a graph IRI is described by its content
(the record as converted, with its provenance triples), not by the triples about it, and a
graph too large for one response (the links graph of a large store) answers ``303 See Other``
with the dump that holds it.  An IRI that exists wins over a suffix reading of it (an item
whose barcode ends in ``.nt`` stays reachable).

Cool URIs: hash-less IRIs answered *directly* with ``200`` and ``Content-Location`` (no 303
hop: one round trip for linked-data clients, and the IRI stays in the browser's address bar).
The response to ``GET {iri}`` carries ``Vary: Accept``, ``Content-Location: {iri}.ttl`` (the
URL of the representation chosen) and ``Link: <{iri}.ttl>; rel="alternate"; type="text/turtle",
…`` for every format; the suffix URLs (``.ttl .jsonld .json .rdf .nt .html``) answer that format
without negotiation, for people pasting links.  Links and Content-Location are root-relative
paths, valid whatever host name the server is reached by.

Negotiation (RFC 9110 quality values, the most specific media range wins):

- RDF formats: ``text/turtle`` (the default), ``application/ld+json`` (``application/json``:
  the same JSON-LD), ``application/rdf+xml``, ``application/n-triples`` (``text/plain``:
  N-Triples, what ``rdflib`` asks for with ``format="nt"``; ``text/n3``: Turtle, which is N3);
- ``text/html``: the page (:func:`kg.web.pages.entity_page`, or the generic description page
  ``resource.html`` for kinds without a page of their own) — only when the client prefers
  HTML *strictly* over every RDF format: ``*/*``, no ``Accept`` and rdflib's default ``Accept``
  (every parser's media type, no HTML) get Turtle; a browser (``text/html`` at q=1, ``*/*`` at
  q=0.8) gets the page;
- nothing acceptable: ``406`` listing the formats.

Text types carry ``charset=utf-8``; every response is UTF-8.  RDF responses have an ``ETag``
and answer conditional requests with 304.  CORS (``*``, ``Link`` and ``Content-Location``
exposed) comes from :mod:`kg.web.app`.  What an entity's description holds, and its bounds, is
:mod:`kg.web.describe`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

from flask import Response, abort, redirect, render_template, request
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from ..convert.terms import RDF, XSD
from . import describe as d
from . import i18n

#: the first path segment of every IRI minted under the base
KINDS = ("work", "instance", "item", "agent", "concept", "library", "dataset", "decision", "graph")
ENTITY_RULE = "/<any(" + ",".join(KINDS) + "):kind>/<path:rest>"


@dataclass(frozen=True)
class Format:
    key: str            # short name, and the suffix of its URL
    media: str          # the Content-Type of the response
    syntax: str | None  # kg.web.describe syntax; None for HTML
    label: str          # for people
    charset: bool       # ``; charset=utf-8`` on the Content-Type


TURTLE = Format("ttl", "text/turtle", d.TURTLE, "Turtle", True)
JSONLD = Format("jsonld", "application/ld+json", d.JSON_LD, "JSON-LD", False)
RDFXML = Format("rdf", "application/rdf+xml", d.RDF_XML, "RDF/XML", True)
NTRIPLES = Format("nt", "application/n-triples", d.N_TRIPLES, "N-Triples", True)
JSON = Format("json", "application/json", d.JSON_LD, "JSON-LD (application/json)", False)
HTML = Format("html", "text/html", None, "HTML", True)
N3 = Format("ttl", "text/n3", d.TURTLE, "Turtle (as N3)", True)
PLAIN = Format("nt", "text/plain", d.N_TRIPLES, "N-Triples (as text/plain)", True)

#: the representations every IRI has, in the order of the Link header and of the pages
ALTERNATES = (TURTLE, JSONLD, RDFXML, NTRIPLES, JSON, HTML)
#: what negotiation offers, in the server's order of preference (ties go to the first)
RDF_OFFERS = (TURTLE, JSONLD, RDFXML, NTRIPLES, JSON, N3, PLAIN)
SUFFIXES = {f.key: f for f in ALTERNATES}

i18n.add({
    "ld.formats": {"vi": "Dữ liệu RDF", "en": "RDF data"},
    "ld.iri": {"vi": "Định danh (IRI)", "en": "Identifier (IRI)"},
    "ld.type": {"vi": "Loại", "en": "Type"},
    "ld.incoming": {"vi": "Được liên kết từ", "en": "Linked from"},
    "ld.graph.text": {
        "vi": "Các bộ ba của đồ thị có tên này (một biểu ghi: như đã được chuyển đổi, với nguồn gốc của nó).",
        "en": "The triples of this named graph (a record: as converted, with its provenance)."},
    "ld.not_acceptable": {"vi": "Không có định dạng phù hợp. Có sẵn:", "en": "No acceptable format. Available:"},
})


# -- content negotiation -------------------------------------------------------------------------

def parse_accept(header: str | None) -> list[tuple[str, str, float]] | None:
    """``[(type, subtype, q), …]`` of an ``Accept`` header (lower case, parameters other than
    ``q`` ignored); None when there is no header (anything goes)."""
    if header is None or not header.strip():
        return None
    ranges = []
    for part in header.split(","):
        items = [x.strip() for x in part.split(";")]
        mt = items[0].lower()
        if "/" not in mt:
            continue
        t, _, s = mt.partition("/")
        q = 1.0
        for param in items[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((t.strip(), s.strip(), q))
    return ranges


def quality(ranges: list[tuple[str, str, float]] | None, media: str) -> float:
    """The quality the client gives ``media``: that of the most specific range matching it."""
    if ranges is None:
        return 1.0
    t, _, s = media.partition("/")
    best, specificity = 0.0, -1
    for rt, rs, q in ranges:
        if rt == t and rs == s:
            spec = 2
        elif rt == t and rs == "*":
            spec = 1
        elif rt == "*" and rs == "*":
            spec = 0
        else:
            continue
        if spec > specificity:
            best, specificity = q, spec
    return best


def negotiate(header: str | None, html: bool = True) -> Format | None:
    """The format for a request's ``Accept`` header: the best RDF format, HTML only when the
    client prefers it strictly; None when nothing offered is acceptable."""
    ranges = parse_accept(header)
    rdf, rdf_q = None, 0.0
    for offer in RDF_OFFERS:
        q = quality(ranges, offer.media)
        if q > rdf_q:
            rdf, rdf_q = offer, q
    if html:
        html_q = quality(ranges, HTML.media)
        if html_q > rdf_q:
            return HTML
    return rdf


def not_acceptable(html: bool = True):
    offered = [f.media for f in RDF_OFFERS] + ([HTML.media] if html else [])
    abort(406, description=f"{i18n.translate('ld.not_acceptable')} {', '.join(offered)}")


# -- from request to IRI ------------------------------------------------------------------------

def request_path() -> str:
    """The request path relative to the application's root, as the client sent it (percent
    escapes kept), without the query string."""
    env = request.environ
    raw = env.get("REQUEST_URI") or env.get("RAW_URI")
    if raw:
        path = raw.split("?", 1)[0].split("#", 1)[0] if raw.startswith("/") else urlsplit(raw).path
        try:  # WSGI strings are latin-1: bytes a client sent unescaped were UTF-8
            path = path.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    else:
        path = quote(request.path, safe="/-_.~!$&'()*+,;=:@%")
    script = request.script_root
    if script and path.startswith(script):
        path = path[len(script):]
    return path.lstrip("/")


_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ESCAPED_NON_ASCII = re.compile(r"(?:%[89A-F][0-9A-F])+")


def normalize(path: str) -> str:
    """RFC 3986 §6.2.2 normalisation of a path: escaped unreserved characters decoded
    (``%41`` → ``A``), other escapes in upper case (``%c3`` → ``%C3``) — the form the converter
    mints (``urllib.parse.quote``)."""
    def one(m: re.Match) -> str:
        ch = chr(int(m.group(1), 16))
        return ch if ch in _UNRESERVED else "%" + m.group(1).upper()
    return _ESCAPE.sub(one, path)


def iri_forms(path: str) -> list[str]:
    """The normalised path, and its IRI form (RFC 3987: escaped UTF-8 of non-ASCII characters
    decoded) when different — IRIs the hub mints may carry either."""
    path = normalize(path)
    forms = [path]
    decoded = _ESCAPED_NON_ASCII.sub(lambda m: _decode_or_keep(m.group(0)), path)
    if decoded != path:
        forms.append(decoded)
    return forms


def _decode_or_keep(escaped: str) -> str:
    try:
        return unquote(escaped, errors="strict")
    except UnicodeDecodeError:
        return escaped


LINKABLE = ("http://", "https://", "ftp://")


def href(data, iri: str) -> str | None:
    """The link to an IRI: a root-relative path on this server for IRIs under the base (valid
    whatever host the server is reached by), the IRI itself for other http(s) IRIs, and None
    for anything else — a ``javascript:`` IRI a record carries (856 $u) is never made a link."""
    if iri.startswith(data.base):
        return request.script_root + "/" + iri[len(data.base):]
    if iri.lower().startswith(LINKABLE):
        return iri
    return None


EXISTS = "SELECT ?e WHERE { GRAPH ?g { ?e ?p ?o } } LIMIT 1"
GRAPH_EXISTS = "SELECT ?e WHERE { GRAPH ?e { ?s ?p ?o } } LIMIT 1"


def _exists(data, iri: str, graph: bool) -> bool:
    return bool(data.select(GRAPH_EXISTS if graph else EXISTS, e=NamedNode(iri)))


def resolve(data, path: str, graph: bool) -> tuple[str, Format | None] | None:
    """(IRI, format asked by a suffix or None) for a request path; None when the store knows no
    such IRI.  A path that is itself an IRI of the store wins over its suffix reading (an item
    whose barcode ends in ``.nt`` stays reachable)."""
    candidates = iri_forms(path)
    for form in candidates:
        if _exists(data, data.base + form, graph):
            return data.base + form, None
    for form in candidates:
        stem, dot, suffix = form.rpartition(".")
        fmt = SUFFIXES.get(suffix) if dot else None
        if fmt is not None and stem and _exists(data, data.base + stem, graph):
            return data.base + stem, fmt
    return None


# -- responses -----------------------------------------------------------------------------------

def content_type(fmt: Format) -> str:
    return f"{fmt.media}; charset=utf-8" if fmt.charset else fmt.media


def link_header(data, iri: str) -> str:
    base = href(data, iri)
    return ", ".join(f'<{base}.{f.key}>; rel="alternate"; type="{f.media}"' for f in ALTERNATES)


def decorate(response: Response, data, iri: str, fmt: Format, negotiated: bool) -> Response:
    """The linked-data headers on a representation of ``iri``."""
    response.headers["Link"] = link_header(data, iri)
    if negotiated:
        response.vary.add("Accept")
        location = f"{href(data, iri)}.{fmt.key}"
        if fmt is HTML and request.query_string:
            location += "?" + request.query_string.decode("latin-1")
        response.headers["Content-Location"] = location
    if fmt is HTML:
        response.vary.add("Cookie")  # the language of the page (i18n: ?lang, then the cookie)
    return response


def rdf_response(triples: list[Triple], fmt: Format) -> Response:
    body = d.serialize(triples, fmt.syntax)
    response = Response(body, status=200, content_type=content_type(fmt))
    response.set_etag(hashlib.blake2b(body, digest_size=16).hexdigest())
    return response


def represent(data, iri: str, fmt: Format, negotiated: bool, triples_of, page_of=None,
              graph: bool = False) -> Response:
    """A representation of ``iri`` in ``fmt``; ``triples_of()`` gives its description, ``page_of()``
    a dedicated page (or None: the generic description page of the description)."""
    if fmt is HTML:
        page = page_of() if page_of is not None else None
        if page is None:
            triples = triples_of()
            if not triples:
                abort(404)
            note = i18n.translate("ld.graph.text") if graph else None
            body = render_resource(data, iri, triples, graph=graph, note=note)
            page = Response(body, content_type=content_type(HTML))
    else:
        triples = triples_of()
        if not triples:
            abort(404)
        page = rdf_response(triples, fmt)
    decorate(page, data, iri, fmt, negotiated)
    if page.status_code == 200:
        page.make_conditional(request)
    return page


def entity(kind: str, rest: str):
    from .app import data as current_data

    data = current_data()
    graph = kind == "graph"
    found = resolve(data, request_path(), graph)
    if found is None:
        abort(404)
    iri, fmt = found
    negotiated = fmt is None
    if negotiated:
        fmt = negotiate(request.headers.get("Accept"))
        if fmt is None:
            not_acceptable()

    def triples_of():
        if not graph:
            return d.describe(data, iri)
        try:
            return d.describe_graph(data, iri)
        except d.TooLarge:
            # a shared graph of a large store (links, vocabularies): see the dump that holds it
            from .void import dump_of_graph

            abort(redirect(request.script_root + dump_of_graph(data, iri), code=303))

    def page_of():
        if graph:
            return None  # a record graph has no page of its own: the generic one lists it
        from .pages import entity_page

        return entity_page(iri)

    return represent(data, iri, fmt, negotiated, triples_of, page_of, graph=graph)


def register(app) -> None:
    app.add_url_rule(ENTITY_RULE, "entity", entity, methods=["GET"])


# -- the generic description page ----------------------------------------------------------------

#: names of the properties most descriptions show, (vi, en); others show as CURIEs
PROPERTY_LABELS = {
    "rdfs:label": ("nhãn", "label"),
    "bf:title": ("nhan đề", "title"),
    "bf:mainTitle": ("nhan đề chính", "main title"),
    "bf:subtitle": ("phụ đề", "subtitle"),
    "madsrdf:authoritativeLabel": ("tên chuẩn", "authorised form"),
    "madsrdf:hasVariant": ("dạng khác", "variant"),
    "madsrdf:variantLabel": ("tên khác", "variant name"),
    "bf:contribution": ("đóng góp", "contribution"),
    "bf:agent": ("tác nhân", "agent"),
    "bf:role": ("vai trò", "role"),
    "bf:responsibilityStatement": ("thông tin trách nhiệm", "statement of responsibility"),
    "bf:editionStatement": ("lần xuất bản", "edition"),
    "bf:provisionActivity": ("xuất bản", "provision activity"),
    "bf:publicationStatement": ("thông tin xuất bản", "publication statement"),
    "bf:place": ("nơi", "place"),
    "bf:date": ("ngày", "date"),
    "bf:extent": ("số trang", "extent"),
    "bf:dimensions": ("khổ", "dimensions"),
    "bf:seriesStatement": ("tùng thư", "series statement"),
    "bf:language": ("ngôn ngữ", "language"),
    "bf:subject": ("chủ đề", "subject"),
    "bf:genreForm": ("thể loại", "genre/form"),
    "bf:classification": ("phân loại", "classification"),
    "bf:classificationPortion": ("chỉ số phân loại", "class number"),
    "bf:summary": ("tóm tắt", "summary"),
    "bf:note": ("ghi chú", "note"),
    "bf:identifiedBy": ("định danh", "identifier"),
    "rdf:value": ("giá trị", "value"),
    "bf:code": ("mã", "code"),
    "bf:instanceOf": ("là bản thể hiện của", "instance of"),
    "bf:hasInstance": ("có bản thể hiện", "has instance"),
    "bf:expressionOf": ("là biểu hiện của", "expression of"),
    "bf:hasExpression": ("có biểu hiện", "has expression"),
    "bf:hasItem": ("có bản", "has item"),
    "bf:itemOf": ("là bản của", "item of"),
    "bf:heldBy": ("thuộc thư viện", "held by"),
    "bf:shelfMark": ("ký hiệu xếp giá", "shelfmark"),
    "bf:sublocation": ("kho", "sublocation"),
    "bf:relation": ("quan hệ", "relation"),
    "owl:sameAs": ("cùng là", "same as"),
    "madsrdf:hasCloseExternalAuthority": ("gần với", "close to"),
    "madsrdf:hasBroaderAuthority": ("rộng hơn", "broader"),
    "madsrdf:hasNarrowerAuthority": ("hẹp hơn", "narrower"),
    "madsrdf:hasRelatedAuthority": ("liên quan", "related"),
    "dcterms:publisher": ("đơn vị công bố", "publisher"),
    "kgns:library": ("thư viện", "library"),
    "kgns:recordId": ("số biểu ghi", "record id"),
    "rdf:type": ("loại", "type"),
}


#: rows in the order of :data:`PROPERTY_LABELS`, then the others by name, administrative metadata last
_ROW_ORDER = {**{_iri: (i, "") for i, _iri in enumerate(
    (d.PREFIXES[c.split(":")[0]] + c.split(":")[1]) for c in PROPERTY_LABELS)},
    d.BF + "adminMetadata": (len(PROPERTY_LABELS) + 1, "")}


@dataclass
class Value:
    kind: str                 # "iri", "literal" or "node" (a blank node, shown nested)
    text: str
    href: str | None = None
    lang: str | None = None
    title: str | None = None  # the full IRI or the datatype, on hover
    node: "Node | None" = None


@dataclass
class Row:
    label: str
    iri: str
    values: list[Value] = field(default_factory=list)


@dataclass
class Node:
    iri: str | None
    title: str
    href: str | None = None
    types: list[Value] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    incoming: list[Row] = field(default_factory=list)


def render_resource(data, iri: str, triples: list[Triple], graph: bool = False, title: str | None = None,
                    note: str | None = None) -> str:
    """The generic page of a description: its subject's properties, blank nodes nested, IRIs
    linked by their labels; for a graph, every subject it holds."""
    lang = i18n.language()
    names = d.labels(triples)
    out: dict = {}
    incoming: dict = {}
    for t in triples:
        out.setdefault(t.subject, []).append(t)
        incoming.setdefault(t.object, []).append(t)
    main = NamedNode(iri)

    def term_label(term) -> str:
        return d.best_label(names.get(term), lang) or d.curie(term.value)

    def value(term, depth: int, path: frozenset) -> Value:
        if isinstance(term, NamedNode):
            return Value("iri", term_label(term), href=href(data, term.value), title=term.value)
        if isinstance(term, Literal):
            dt = term.datatype.value if term.datatype is not None else None
            shown_dt = None if dt in (XSD + "string", RDF + "langString") else d.curie(dt) if dt else None
            return Value("literal", term.value, lang=term.language or None, title=shown_dt)
        if isinstance(term, BlankNode) and term in out and term not in path and depth < 8:
            return Value("node", "", node=node(term, depth + 1, path | {term}))
        return Value("literal", "[]")

    def rows_of(triples_, depth: int, path: frozenset, key) -> list[Row]:
        rows: dict[str, Row] = {}
        for t in triples_:
            p = t.predicate.value
            row = rows.get(p)
            if row is None:
                row = rows[p] = Row(property_label(p, lang), p)
            row.values.append(value(key(t), depth, path))
        return sorted(rows.values(), key=lambda r: _ROW_ORDER.get(r.iri, (len(_ROW_ORDER), d.curie(r.iri))))

    def node(subject, depth: int = 0, path: frozenset = frozenset()) -> Node:
        ts = out.get(subject, [])
        types = [value(t.object, depth, path) for t in ts if t.predicate.value == d.RDF + "type"]
        rest = [t for t in ts if t.predicate.value != d.RDF + "type"]
        title_ = term_label(subject) if isinstance(subject, NamedNode) else ""
        is_iri = isinstance(subject, NamedNode)
        n = Node(subject.value if is_iri else None, title_, href(data, subject.value) if is_iri else None, types,
                 rows_of(rest, depth, path, lambda t: t.object))
        if isinstance(subject, NamedNode) and not graph:
            links = [t for t in incoming.get(subject, []) if isinstance(t.subject, NamedNode) and t.subject != subject]
            n.incoming = rows_of(links, depth, path, lambda t: t.subject)
        return n

    if graph:
        subjects = [s for s in out if isinstance(s, NamedNode)]
        subjects.sort(key=lambda s: (s != main, s.value))
        orphans = [s for s in out if isinstance(s, BlankNode) and s not in incoming]
        nodes = [node(s) for s in subjects + orphans]
    else:
        nodes = [node(main)]
    heading = title or (term_label(main) if main in names else iri)
    return render_template("resource.html", iri=iri, heading=heading, nodes=nodes, graph=graph, note=note,
                           formats=[(f.label, f"{href(data, iri)}.{f.key}", f.media) for f in ALTERNATES])


def property_label(iri: str, lang: str) -> str:
    curie = d.curie(iri)
    names = PROPERTY_LABELS.get(curie)
    if names is None:
        return curie
    return names[0] if lang == "vi" else names[1]
