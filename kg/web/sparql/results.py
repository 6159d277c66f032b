"""Query results written out, stopping at the row cap.

pyoxigraph serialises whole results only; a public endpoint must stop at ``max_rows``, so the
solutions of a SELECT are written here, in the four W3C formats:

- SPARQL 1.1 Query Results JSON (``application/sparql-results+json``): ``xml:lang`` on language
  strings, ``datatype`` on every other literal except ``xsd:string``, ``bnode`` labels, quoted
  triples as ``{"type": "triple"}`` (SPARQL 1.2), ``its:dir`` for directional strings;
- SPARQL Query Results XML (``application/sparql-results+xml``): text and attributes escaped;
  characters XML 1.0 cannot carry at all (C0 controls other than tab, newline and carriage
  return) are written as U+FFFD rather than producing a document no client can parse;
- CSV (``text/csv``): lexical forms only, CRLF line ends, fields quoted when they hold a quote,
  comma or line break (RFC 4180);
- TSV (``text/tab-separated-values``): terms in Turtle syntax (pyoxigraph's N-Triples form, whose
  escapes keep tabs and line breaks out of the fields), ``?``-prefixed header, LF line ends.

An ASK answer is one boolean (JSON, XML; CSV and TSV write ``true``/``false`` as Oxigraph's
server does).  A graph (CONSTRUCT, DESCRIBE) is collected up to the cap and written by
pyoxigraph (Turtle with the page's prefixes, N-Triples, RDF/XML, JSON-LD).

Every writer returns the complete body and whether the cap cut it: the endpoint answers only
once the body is whole, and says ``X-KG-Truncated`` when it is not all of the result.
"""

from __future__ import annotations

import json
import re
from itertools import islice

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, RdfFormat, Triple, serialize

from .prefixes import PREFIXES

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
RDFXML = "application/rdf+xml"
JSONLD = "application/ld+json"

TABULAR_TYPES = (JSON, XML, CSV, TSV)
GRAPH_TYPES = (TURTLE, NTRIPLES, RDFXML, JSONLD)

#: the three kinds of result, which decide the formats on offer
TABULAR, BOOLEAN, GRAPH = "tabular", "boolean", "graph"

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_FORMATS = {TURTLE: RdfFormat.TURTLE, NTRIPLES: RdfFormat.N_TRIPLES, RDFXML: RdfFormat.RDF_XML,
                JSONLD: RdfFormat.JSON_LD}


class CannotWrite(Exception):
    """The result cannot be written in the format asked for (e.g. a predicate RDF/XML cannot
    name); the endpoint answers 406 with this message."""


def kind_of(result) -> str:
    if isinstance(result, QuerySolutions):
        return TABULAR
    if isinstance(result, QueryBoolean):
        return BOOLEAN
    return GRAPH


def write(result, media_type: str, cap: int) -> tuple[bytes, bool]:
    """(body, truncated) of a pyoxigraph result in ``media_type``; at most ``cap`` rows or
    triples.  Must run in the thread that made ``result`` (pyoxigraph's rule)."""
    kind = kind_of(result)
    if kind == BOOLEAN:
        return write_boolean(bool(result), media_type), False
    if kind == TABULAR:
        names = [v.value for v in result.variables]
        rows = list(islice(result, cap + 1))
        truncated = len(rows) > cap
        return write_solutions(names, rows[:cap], media_type), truncated
    triples = list(islice(result, cap + 1))
    truncated = len(triples) > cap
    return write_graph(triples[:cap], media_type), truncated


# -- SELECT -----------------------------------------------------------------------------------

def write_solutions(names: list[str], rows, media_type: str) -> bytes:
    """``rows``: sequences of terms (or None when unbound) in the order of ``names``."""
    if media_type == JSON:
        return _json(names, rows)
    if media_type == XML:
        return _xml(names, rows)
    if media_type == CSV:
        return _csv(names, rows)
    if media_type == TSV:
        return _tsv(names, rows)
    raise ValueError(f"not a results format: {media_type}")


def json_term(term) -> dict:
    cls = type(term)
    if cls is NamedNode:
        return {"type": "uri", "value": term.value}
    if cls is Literal:
        out = {"type": "literal", "value": term.value}
        language = term.language
        if language:
            out["xml:lang"] = language
            if term.direction is not None:
                out["its:dir"] = str(term.direction)
        else:
            datatype = term.datatype.value
            if datatype != XSD_STRING:
                out["datatype"] = datatype
        return out
    if cls is BlankNode:
        return {"type": "bnode", "value": term.value}
    if cls is Triple:
        return {"type": "triple", "value": {"subject": json_term(term.subject), "predicate": json_term(term.predicate),
                                            "object": json_term(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def _json(names, rows) -> bytes:
    bindings = []
    for row in rows:
        binding = {}
        for name, term in zip(names, row):
            if term is not None:
                binding[name] = json_term(term)
        bindings.append(binding)
    doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return _XML_ILLEGAL.sub("\ufffd", text)


def _xml_attr(text: str) -> str:
    return _xml_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def xml_term(term) -> str:
    cls = type(term)
    if cls is NamedNode:
        return f"<uri>{_xml_text(term.value)}</uri>"
    if cls is Literal:
        language = term.language
        if language:
            direction = f' its:dir="{term.direction}"' if term.direction is not None else ""
            return f'<literal xml:lang="{_xml_attr(language)}"{direction}>{_xml_text(term.value)}</literal>'
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return f"<literal>{_xml_text(term.value)}</literal>"
        return f'<literal datatype="{_xml_attr(datatype)}">{_xml_text(term.value)}</literal>'
    if cls is BlankNode:
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if cls is Triple:
        return (f"<triple><subject>{xml_term(term.subject)}</subject><predicate>{xml_term(term.predicate)}</predicate>"
                f"<object>{xml_term(term.object)}</object></triple>")
    raise TypeError(f"not an RDF term: {term!r}")


_XML_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<sparql xmlns="http://www.w3.org/2005/sparql-results#" xmlns:its="http://www.w3.org/2005/11/its">\n')


def _xml(names, rows) -> bytes:
    out = [_XML_HEAD, "<head>"]
    out.extend(f'<variable name="{_xml_attr(n)}"/>' for n in names)
    out.append("</head>\n<results>\n")
    for row in rows:
        out.append("<result>")
        for name, term in zip(names, row):
            if term is not None:
                out.append(f'<binding name="{_xml_attr(name)}">{xml_term(term)}</binding>')
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode("utf-8")


def _csv_field(text: str) -> str:
    if any(c in text for c in '",\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_value(term) -> str:
    cls = type(term)
    if cls is NamedNode or cls is Literal:
        return term.value
    if cls is BlankNode:
        return "_:" + term.value
    if cls is Triple:
        return tsv_value(term)
    raise TypeError(f"not an RDF term: {term!r}")


def _csv(names, rows) -> bytes:
    lines = [",".join(_csv_field(n) for n in names)]
    for row in rows:
        lines.append(",".join("" if t is None else _csv_field(csv_value(t)) for t in row))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def tsv_value(term) -> str:
    if type(term) is Triple:
        return f"<<( {tsv_value(term.subject)} {tsv_value(term.predicate)} {tsv_value(term.object)} )>>"
    return str(term)  # N-Triples form: valid Turtle, with \t \n \r escaped inside literals


def _tsv(names, rows) -> bytes:
    lines = ["\t".join("?" + n for n in names)]
    for row in rows:
        lines.append("\t".join("" if t is None else tsv_value(t) for t in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


# -- ASK --------------------------------------------------------------------------------------

def write_boolean(value: bool, media_type: str) -> bytes:
    word = "true" if value else "false"
    if media_type == JSON:
        return ('{"head":{},"boolean":%s}' % word).encode()
    if media_type == XML:
        return f"{_XML_HEAD}<head/>\n<boolean>{word}</boolean>\n</sparql>\n".encode()
    if media_type == CSV:
        return f"{word}\r\n".encode()
    if media_type == TSV:
        return f"{word}\n".encode()
    raise ValueError(f"not a results format: {media_type}")


# -- CONSTRUCT / DESCRIBE ---------------------------------------------------------------------

def write_graph(triples: list[Triple], media_type: str) -> bytes:
    fmt = _RDF_FORMATS.get(media_type)
    if fmt is None:
        raise ValueError(f"not an RDF format: {media_type}")
    try:
        if fmt in (RdfFormat.TURTLE, RdfFormat.RDF_XML):
            return serialize(triples, format=fmt, prefixes=PREFIXES)
        return serialize(triples, format=fmt)
    except (ValueError, OSError) as err:
        raise CannotWrite(f"the graph cannot be written as {media_type}: {err}; ask for text/turtle") from None
