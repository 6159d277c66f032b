"""The HTTP side of ``/sparql``: protocol in, reply out.

- ``GET /sparql`` without a query: the query page for a browser (``Accept`` preferring
  ``text/html``), else the SPARQL Service Description (Turtle unless ``Accept`` asks for
  N-Triples, RDF/XML or JSON-LD; 406 otherwise).
- a query (GET or POST): the worker's complete answer, ``Content-Type`` with ``charset=utf-8``,
  ``Vary: Accept``, ``X-KG-Truncated: max_rows=N`` when the row cap cut it.  A browser that sends
  a query without asking for a format (the query page's form, which works without JavaScript)
  gets the page again with the results as a table.
- an update: 403 unless the server runs with ``--allow-update``; then 401 without
  ``Authorization: Bearer <KG_TOKEN>`` (compared in constant time); 204 when applied.
- ``OPTIONS``: the CORS preflight (any origin may query: methods GET, POST; headers
  Content-Type, Authorization, Accept); other methods 405 with ``Allow``.
- errors are plain text (``400 syntax error: …``), never a page a script would have to parse —
  except on the query page itself.
"""

from __future__ import annotations

import hmac
import json
from urllib.parse import urlencode

from flask import Response, abort, current_app, render_template, request
from pyoxigraph import RdfFormat, parse, serialize

from .. import i18n
from ..app import wants_html
from . import examples, protocol, results
from .prefixes import PREFIXES, compact
from .protocol import Operation, ProtocolError

ALLOWED = "GET, POST, OPTIONS"
EXPOSED = "X-KG-Truncated, Content-Type, Content-Location, Link, Vary"
HTML_ROWS = 1000  # rows shown in the page's table (the formats give the rest, up to max_rows)
HTML_FORMATS = {results.TABULAR: results.JSON, results.BOOLEAN: results.JSON, results.GRAPH: results.NTRIPLES}


def _endpoint():
    return current_app.extensions["kg.sparql"]


def _config():
    return current_app.extensions["kg.config"]


def plain(status: int, message: str) -> Response:
    response = Response(f"{status} {message}".strip() + "\n", status=status, mimetype="text/plain")
    response.headers["Vary"] = "Accept"
    return response


def sparql():
    if request.method == "OPTIONS":
        response = Response(status=204)
        response.headers.update({"Allow": ALLOWED, "Access-Control-Allow-Methods": ALLOWED,
                                 "Access-Control-Allow-Headers": "Content-Type, Authorization, Accept",
                                 "Access-Control-Max-Age": "86400"})
        return response
    if request.method not in ("GET", "HEAD", "POST"):
        response = plain(405, f"{request.method} is not allowed here; SPARQL uses GET and POST")
        response.headers["Allow"] = ALLOWED
        return response
    try:
        op = protocol.read(request)
    except ProtocolError as err:
        return plain(err.status, err.message)
    if op is None:
        if wants_html():
            return page()
        return service_description()
    if op.kind == "update":
        return update(op)
    if op.format is None and prefers_html():
        return page(op)
    formats = protocol.negotiate(request.headers.get("Accept"), op.format)
    reply = _endpoint().query(op, formats, _config().max_rows)
    return answer(reply)


def prefers_html() -> bool:
    """Whether a client sending a query wants the page with a table rather than results: it
    names ``text/html`` and likes it at least as well as any results format (a browser does;
    SPARQLWrapper, curl and scripts do not)."""
    accept = request.accept_mimetypes
    if not any(value.lower() in ("text/html", "application/xhtml+xml") for value, _ in accept):
        return False
    html = accept.best_match(["text/html"])
    results_best = accept.best_match([name for name, _ in protocol.OFFERS[results.TABULAR]])
    return html is not None and (results_best is None or accept[html] >= accept[results_best])


def answer(reply) -> Response:
    if reply.status == 406:
        kind = {"tabular": "SELECT", "boolean": "ASK", "graph": "CONSTRUCT/DESCRIBE"}.get(reply.kind, "this")
        message = reply.message or (f"no acceptable format for a {kind} result (Accept: "
                                    f"{request.headers.get('Accept', '')}); available: {protocol.offered(reply.kind)}")
        return plain(406, message)
    if reply.status != 200:
        return plain(reply.status, reply.message or "")
    response = Response(reply.body, status=200, content_type=f"{reply.media_type}; charset=utf-8")
    response.headers["Vary"] = "Accept"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    if reply.truncated:
        response.headers["X-KG-Truncated"] = f"max_rows={_config().max_rows}"
    return response


def update(op: Operation) -> Response:
    config = _config()
    if not config.allow_update:
        return plain(403, "this endpoint is read-only: SPARQL Update is off (kg serve --allow-update enables it)")
    given = request.headers.get("Authorization", "")
    scheme, _, token = given.partition(" ")
    expected = config.token or ""
    if not expected or scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected.encode()):
        response = plain(401, "SPARQL Update needs the header 'Authorization: Bearer <token>'")
        response.headers["WWW-Authenticate"] = 'Bearer realm="sparql-update"'
        return response
    reply = _endpoint().update(op)
    if reply.status == 204:
        return Response(status=204)
    return plain(reply.status, reply.message or "")


def service_description() -> Response:
    media = protocol.negotiate(request.headers.get("Accept"), None)[results.GRAPH]
    if media is None:
        return plain(406, f"the service description is available as {protocol.offered(results.GRAPH)}")
    triples = _endpoint().description(_endpoint().base_iri)  # the public address, also behind a proxy
    fmt = {results.TURTLE: RdfFormat.TURTLE, results.NTRIPLES: RdfFormat.N_TRIPLES,
           results.RDFXML: RdfFormat.RDF_XML, results.JSONLD: RdfFormat.JSON_LD}[media]
    prefixes = {"sd": "http://www.w3.org/ns/sparql-service-description#", "rdfs": PREFIXES["rdfs"]} \
        if fmt in (RdfFormat.TURTLE, RdfFormat.RDF_XML) else None
    body = serialize(triples, format=fmt, prefixes=prefixes) if prefixes else serialize(triples, format=fmt)
    response = Response(body, content_type=f"{media}; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response


def example(name: str):
    found = examples.get(name)
    if found is None:
        abort(404)
    return Response(found.text, content_type="application/sparql-query; charset=utf-8")


# -- the query page ---------------------------------------------------------------------------

def _display(term: dict, base: str) -> dict:
    """A result term (SPARQL JSON form) as the page shows it: text, link, note."""
    kind = term["type"]
    if kind == "uri":
        iri = term["value"]
        href = iri if iri.startswith(("http://", "https://")) else None
        return {"kind": "iri", "text": compact(iri) or iri, "href": href, "title": iri,
                "local": iri.startswith(base)}
    if kind == "literal":
        note = None
        if "xml:lang" in term:
            note = "@" + term["xml:lang"]
        elif "datatype" in term:
            note = compact(term["datatype"]) or term["datatype"]
        return {"kind": "literal", "text": term["value"], "note": note}
    if kind == "bnode":
        return {"kind": "bnode", "text": "_:" + term["value"]}
    value = term["value"]
    parts = [_display(value[k], base)["text"] for k in ("subject", "predicate", "object")]
    return {"kind": "triple", "text": "<< " + " ".join(parts) + " >>"}


def _table(reply, base: str) -> dict:
    """What the page's result section shows for a reply of the worker."""
    if reply.kind == results.BOOLEAN:
        return {"boolean": json.loads(reply.body)["boolean"]}
    if reply.kind == results.GRAPH:
        columns = ["subject", "predicate", "object"]
        rows = [[_display(results.json_term(t), base) for t in (tr.subject, tr.predicate, tr.object)]
                for tr in parse(reply.body, format=RdfFormat.N_TRIPLES)]
        return {"columns": columns, "rows": rows}
    doc = json.loads(reply.body)
    columns = doc["head"]["vars"]
    rows = [[_display(b[c], base) if c in b else None for c in columns] for b in doc["results"]["bindings"]]
    return {"columns": columns, "rows": rows}


def page(op: Operation | None = None) -> Response:
    lang = i18n.language()
    data = current_app.extensions["kg.data"]
    chosen = examples.get(request.args.get("example", ""))
    all_examples = examples.all_examples()
    if op is not None:
        text = op.text
    elif chosen is not None:
        text = chosen.text
    else:
        text = all_examples[0].text if all_examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
    outcome = None
    status = 200
    if op is not None:
        cap = min(HTML_ROWS, _config().max_rows)
        reply = _endpoint().query(op, HTML_FORMATS, cap)
        if reply.status == 200:
            outcome = _table(reply, data.base)
            outcome["truncated"] = reply.truncated
            outcome["cap"] = cap
            params = [("query", op.text)]
            params += [("default-graph-uri", g) for g in op.default_graphs or []]
            params += [("named-graph-uri", g) for g in op.named_graphs or []]
            names = ("json", "xml", "csv", "tsv") if reply.kind != results.GRAPH else ("turtle", "nt", "rdf", "json-ld")
            outcome["downloads"] = [(n, "/sparql?" + urlencode(params + [("format", n)])) for n in names]
        else:
            status = reply.status
            outcome = {"error": reply.message or str(reply.status), "status": reply.status}
    listed = [(e.name, e.title_in(lang), e.description) for e in all_examples]
    body = render_template(
        "sparql.html", query=text, outcome=outcome, examples=listed,
        prefixes=list(PREFIXES.items()), endpoint=_endpoint().base_iri, config=_config(),
        formats=[("", i18n.translate("sparql.format.table")), ("json", "JSON"), ("xml", "XML"), ("csv", "CSV"),
                 ("tsv", "TSV"), ("turtle", "Turtle"), ("nt", "N-Triples"), ("rdf", "RDF/XML"), ("json-ld", "JSON-LD")],
        chosen=request.args.get("format", ""))
    response = Response(body, status=status, mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response


MESSAGES = {
    "sparql.title": {"vi": "Truy vấn SPARQL", "en": "SPARQL query"},
    "sparql.intro": {
        "vi": "Viết truy vấn SPARQL 1.1 trên toàn bộ đồ thị: đồ thị mặc định là hợp của mọi đồ thị có tên "
              "(mỗi biểu ghi là một đồ thị). Chương trình khác gửi truy vấn tới cùng địa chỉ này.",
        "en": "Write a SPARQL 1.1 query over the whole graph: the default graph is the union of all named graphs "
              "(each record is one graph). Programs send their queries to this same address."},
    "sparql.limits": {"vi": "Giới hạn: {timeout} giây mỗi truy vấn, tối đa {rows} dòng kết quả.",
                      "en": "Limits: {timeout} seconds per query, at most {rows} result rows."},
    "sparql.query": {"vi": "Truy vấn", "en": "Query"},
    "sparql.run": {"vi": "Chạy truy vấn", "en": "Run query"},
    "sparql.format": {"vi": "Định dạng kết quả", "en": "Result format"},
    "sparql.format.table": {"vi": "Bảng (trên trang này)", "en": "Table (on this page)"},
    "sparql.examples": {"vi": "Truy vấn mẫu", "en": "Example queries"},
    "sparql.prefixes": {"vi": "Tiền tố", "en": "Prefixes"},
    "sparql.insert_prefixes": {"vi": "Thêm các tiền tố còn thiếu", "en": "Add missing prefixes"},
    "sparql.results": {"vi": "Kết quả", "en": "Results"},
    "sparql.rows": {"vi": "{n} dòng", "en": "{n} rows"},
    "sparql.truncated": {"vi": "Chỉ hiển thị {n} dòng đầu; tải toàn bộ kết quả:",
                         "en": "Only the first {n} rows are shown; download the results:"},
    "sparql.download": {"vi": "Tải về", "en": "Download"},
    "sparql.empty": {"vi": "Không có kết quả.", "en": "No results."},
    "sparql.true": {"vi": "Đúng (true)", "en": "True"},
    "sparql.false": {"vi": "Sai (false)", "en": "False"},
    "sparql.error": {"vi": "Lỗi", "en": "Error"},
    "sparql.running": {"vi": "Đang chạy…", "en": "Running…"},
    "sparql.shortcut": {"vi": "Ctrl+Enter để chạy", "en": "Ctrl+Enter runs the query"},
    "sparql.usage": {"vi": "Dùng từ chương trình", "en": "From a program"},
}
