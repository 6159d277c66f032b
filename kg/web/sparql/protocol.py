"""The SPARQL 1.1 Protocol: what a request asks for, and in which format to answer.

:func:`read` turns an HTTP request into an :class:`Operation` (or None for a bare ``GET``, which
gets the query page or the service description), following the W3C protocol and its test
suite (``../shared/specs/sparql-protocol/``):

- a query by ``GET ?query=``, by ``POST`` of a form (``application/x-www-form-urlencoded``, or
  ``multipart/form-data``), or by ``POST`` of ``application/sparql-query``; an update only by
  ``POST`` (form ``update=`` or ``application/sparql-update``);
- ``default-graph-uri``/``named-graph-uri`` (queries) and ``using-graph-uri``/
  ``using-named-graph-uri`` (updates) may repeat and may sit on the URL of a POST; each must be
  an absolute IRI;
- 400 for two ``query`` (or ``update``) parameters, for both at once, for an empty text, for a
  query in the URL of a POST, for a POST without ``Content-Type``; 415 for any other media
  type or a ``charset`` other than UTF-8 (and 400 for a body that is not UTF-8);
- unknown parameters are ignored: SPARQLWrapper adds ``format``, ``output`` and ``results``.

:func:`negotiate` picks, for each kind of result (SELECT solutions, ASK boolean, graph), the
media type to write — from SPARQLWrapper's ``format``/``output``/``results`` parameter when it
names a format of that kind (``json``, ``xml``, ``csv``, ``tsv``, ``turtle``, ``n3``, ``nt``,
``rdf``, ``rdf+xml``, ``json-ld``/``jsonld``, or a media type), else from ``Accept``; None when
nothing acceptable is on offer (406).  The query's kind is known only once it is parsed, in
the worker, so all three answers travel with the query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from pyoxigraph import NamedNode
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from .results import BOOLEAN, CSV, GRAPH, JSON, JSONLD, NTRIPLES, RDFXML, TABULAR, TSV, TURTLE, XML

FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"


class ProtocolError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Operation:
    kind: str  # "query" or "update"
    text: str
    default_graphs: list[str] | None = None  # None: the protocol names no dataset
    named_graphs: list[str] | None = None
    using_graphs: list[str] = field(default_factory=list)
    using_named_graphs: list[str] = field(default_factory=list)
    format: str | None = None  # SPARQLWrapper's format=/output=/results=


def _iris(values: list[str], name: str) -> list[str]:
    for value in values:
        try:
            NamedNode(value)
        except ValueError:
            raise ProtocolError(400, f"{name} must be an absolute IRI: {value!r}") from None
    return values


def _one(values: list[str], name: str) -> str:
    if len(values) > 1:
        raise ProtocolError(400, f"the request has {len(values)} {name} parameters; send exactly one")
    text = values[0]
    if not text.strip():
        raise ProtocolError(400, f"the {name} is empty")
    return text


def read(request) -> Operation | None:
    """The operation of a Flask/Werkzeug ``request``; None for a GET that asks for nothing."""
    args = request.args
    if request.method == "GET" or request.method == "HEAD":
        if "update" in args:
            raise ProtocolError(400, "SPARQL Update must be sent with POST (form update= or application/sparql-update)")
        if "query" not in args:
            return None
        op = Operation("query", _one(args.getlist("query"), "query"))
        params = [args]
    elif request.method == "POST":
        if not request.headers.get("Content-Type"):
            raise ProtocolError(400, "a POST needs a Content-Type: application/x-www-form-urlencoded, "
                                     "application/sparql-query or application/sparql-update")
        mimetype = request.mimetype
        charset = request.mimetype_params.get("charset")
        if charset and charset.strip().lower() not in ("utf-8", "utf8"):
            raise ProtocolError(415, f"charset {charset} is not supported; send UTF-8")
        if "query" in args or "update" in args:
            raise ProtocolError(400, "with POST the query or update goes in the request body, not in the URL")
        if mimetype in (FORM, MULTIPART):
            form = request.form
            queries, updates = form.getlist("query"), form.getlist("update")
            if queries and updates:
                raise ProtocolError(400, "the request has both a query and an update; send one")
            if not queries and not updates:
                raise ProtocolError(400, "the form has no query= or update= field")
            op = Operation("query", _one(queries, "query")) if queries else Operation("update", _one(updates, "update"))
            params = [args, form]
        elif mimetype in (QUERY_BODY, UPDATE_BODY):
            try:
                text = request.get_data(cache=False).decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError(400, "the request body is not UTF-8") from None
            kind = "query" if mimetype == QUERY_BODY else "update"
            op = Operation(kind, _one([text], kind))
            params = [args]
        else:
            raise ProtocolError(415, f"Content-Type {mimetype} is not a SPARQL request; use application/"
                                     "x-www-form-urlencoded, application/sparql-query or application/sparql-update")
    else:
        raise ProtocolError(405, f"{request.method} is not a SPARQL protocol method; use GET or POST")

    def values(name: str) -> list[str]:
        return [v for p in params for v in p.getlist(name)]

    if op.kind == "query":
        default, named = values("default-graph-uri"), values("named-graph-uri")
        if default or named:
            op.default_graphs = _iris(default, "default-graph-uri")
            op.named_graphs = _iris(named, "named-graph-uri")
    else:
        op.using_graphs = _iris(values("using-graph-uri"), "using-graph-uri")
        op.using_named_graphs = _iris(values("using-named-graph-uri"), "using-named-graph-uri")
    for name in ("format", "output", "results"):
        given = [v for v in values(name) if v.strip()]
        if given:
            op.format = given[0].strip().lower()
            break
    return op


# -- content negotiation ----------------------------------------------------------------------

#: per kind of result, the media types a client may name (first: the default) → what is written
OFFERS: dict[str, list[tuple[str, str]]] = {
    TABULAR: [(JSON, JSON), ("application/json", JSON), (XML, XML), ("application/xml", XML), ("text/xml", XML),
              (CSV, CSV), (TSV, TSV)],
    GRAPH: [(TURTLE, TURTLE), ("application/turtle", TURTLE), ("application/x-turtle", TURTLE), ("text/n3", TURTLE),
            ("text/rdf+n3", TURTLE), (NTRIPLES, NTRIPLES), ("text/plain", NTRIPLES), (RDFXML, RDFXML),
            ("application/xml", RDFXML), ("text/xml", RDFXML), (JSONLD, JSONLD), ("application/x-json+ld", JSONLD),
            ("application/json", JSONLD)],
}
OFFERS[BOOLEAN] = OFFERS[TABULAR]

#: SPARQLWrapper's format names (and a few usual spellings) → what they mean for each kind
FORMAT_NAMES: dict[str, dict[str, str]] = {
    "json": {TABULAR: JSON, BOOLEAN: JSON, GRAPH: JSONLD},
    "xml": {TABULAR: XML, BOOLEAN: XML, GRAPH: RDFXML},
    "csv": {TABULAR: CSV, BOOLEAN: CSV},
    "tsv": {TABULAR: TSV, BOOLEAN: TSV},
    "turtle": {GRAPH: TURTLE}, "ttl": {GRAPH: TURTLE}, "n3": {GRAPH: TURTLE},
    "nt": {GRAPH: NTRIPLES}, "ntriples": {GRAPH: NTRIPLES}, "n-triples": {GRAPH: NTRIPLES},
    "rdf": {GRAPH: RDFXML}, "rdf+xml": {GRAPH: RDFXML}, "rdfxml": {GRAPH: RDFXML}, "rdf/xml": {GRAPH: RDFXML},
    "json-ld": {GRAPH: JSONLD}, "jsonld": {GRAPH: JSONLD},
}

KINDS = (TABULAR, BOOLEAN, GRAPH)


def _by_format(name: str, kind: str) -> str | None:
    if "/" in name:  # a media type given as format=
        return next((out for offered, out in OFFERS[kind] if offered == name.split(";")[0].strip()), None)
    return FORMAT_NAMES.get(name, {}).get(kind)


@lru_cache(maxsize=256)
def negotiate(accept: str | None, format_name: str | None = None) -> dict[str, str | None]:
    """{kind: media type to write, or None when nothing acceptable} for ``Accept`` and an
    optional ``format`` parameter.

    >>> negotiate("text/*")["tabular"]
    'text/csv'
    >>> negotiate("application/sparql-results+json,application/json", "xml")["graph"]
    'application/rdf+xml'
    >>> negotiate("text/turtle")["tabular"] is None
    True
    """
    parsed = parse_accept_header(accept, MIMEAccept) if accept and accept.strip() else None
    chosen: dict[str, str | None] = {}
    for kind in KINDS:
        named = _by_format(format_name, kind) if format_name else None
        if named:
            chosen[kind] = named
        elif parsed is None:
            chosen[kind] = OFFERS[kind][0][1]
        else:
            chosen[kind] = _best(parsed, kind)
    return chosen


def _best(parsed: MIMEAccept, kind: str) -> str | None:
    """The written media types compete first (wildcards included: ``text/*`` is CSV, not the
    ``text/xml`` alias); an alias counts only when the client names it (``application/json``)."""
    named = {value.lower() for value, _ in parsed}
    candidates = [name for name, out in OFFERS[kind] if name == out or name in named]
    best = parsed.best_match(candidates)
    return dict(OFFERS[kind])[best] if best else None


def offered(kind: str) -> str:
    """The media types on offer for ``kind``, for a 406 message."""
    seen: list[str] = []
    for _, out in OFFERS[kind]:
        if out not in seen:
            seen.append(out)
    return ", ".join(seen)
