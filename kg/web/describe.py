"""The RDF description of an entity: what one dereference of an IRI returns.

A client that dereferences an IRI gets, in one response, a graph it can use without asking again:

1. every triple with the IRI as subject, in every graph of the store (the record graphs of each
   library that mentions it, the links graph, the registry, the statistics);
2. the blank-node structures under it — titles, identifiers, provision activities,
   contributions, notes, MADS component lists — followed down to :data:`DEPTH` blank nodes
   from the IRI (the converter's deepest chains are 3-4 long: admin metadata → identifier →
   assigner; a three-part subject's component list);
3. the labels (``rdfs:label``, ``madsrdf:authoritativeLabel``, ``skos:prefLabel``) of every IRI
   those triples point to (down to the last blank-node level but one), so that a client can
   show names — the agent of a contribution, the hub's members, the language, the role;
4. the links *to* the IRI that the data states in one direction only, from IRIs, with those
   IRIs' labels (:data:`INCOMING`): a member agent learns which hub is ``owl:sameAs`` it, a
   concept which concepts are narrower and which works are about it, a work which instances
   are ``bf:instanceOf`` it, a library which datasets it published.

Bounded: at most :data:`MAX_OUTGOING` rows for 1-3 and :data:`MAX_INCOMING` for 4 (a concept
that thousands of works are about gets a sample of them, the pages and SPARQL give the rest);
a truncated description is logged.

Queries are fixed texts, the IRI bound as ``?e`` (pyoxigraph ``substitutions`` on the embedded
store, a ``VALUES`` block on a remote one); no text from the request reaches a query:

- ``GRAPHS_OF``: the graphs that state something about the IRI (a streaming DISTINCT, stopped
  at :data:`MAX_GRAPHS` + 1);
- ``OUTGOING``: the blank-node closure, one query of fixed-depth ``UNION`` branches (SPARQL has
  no bounded path repetition) each returning the last triple of its chain and its graph, so
  blank nodes come from one result and keep their identity across the description; the IRI's
  own objects come with their labels from the same graph;
- ``INCOMING_QUERY``: item 4;
- labels the query did not bring: the code lists from memory (read once), others one IRI at
  a time — in the graph the IRI was found in, else anywhere (DISTINCT).

A heading that many records use (more than :data:`MAX_GRAPHS` graphs: a publisher, an author
of hundreds of books, a common subject) is stated again by every record, each with its own copy
of any blank-node structure; its description takes its statements once each from all graphs
(an in-engine DISTINCT: milliseconds for thousands of graphs) and its blank-node structures
from its authority records, the links graph and one record — the same statements, without a
copy per record, in a few milliseconds instead of a scan of every record that uses it.  Every
pattern names its graph (``GRAPH ?g``) so the queries mean the same on a remote server whose
default graph is not the union of its graphs.

A *graph* IRI (``{base}graph/…``) is described by the triples it contains: a record graph is the
record as converted, with its provenance (:func:`describe_graph`).

:func:`serialize` writes a description in each RDF format the hub offers, with the project's
prefixes; JSON-LD is pyoxigraph's expanded JSON-LD, compacted against a ``@context`` of the same
prefixes (property names and types as CURIEs) — the same graph, readable.
"""

from __future__ import annotations

import json
import logging
import threading
import weakref
from collections import OrderedDict
from typing import Iterable

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple
from pyoxigraph import serialize as _serialize

from ..convert.terms import BF, MADS, OWL, RDF, RDFS
from ..store.names import DCTERMS
from .sparql.prefixes import PREFIXES as QUERY_PREFIXES

log = logging.getLogger("kg.web.describe")

SKOS = "http://www.w3.org/2004/02/skos/core#"

#: prefixes of every serialisation (Turtle, RDF/XML, the JSON-LD ``@context``): the query page's,
#: and the two vocabularies descriptions borrow labels and links from
PREFIXES = {**QUERY_PREFIXES, "skos": SKOS, "foaf": "http://xmlns.com/foaf/0.1/"}

#: blank nodes followed below the described IRI
DEPTH = 4
MAX_OUTGOING = 5000
MAX_INCOMING = 1000
#: a graph IRI with more triples than this is not described in one response (see the dumps)
MAX_GRAPH = 20_000
#: an entity stated in more graphs than this is a heading many records use (see :func:`describe`)
MAX_GRAPHS = 32
#: labels looked up one IRI at a time (those no graph of the description gave)
MAX_LABEL_LOOKUPS = 200

LABELS = (RDFS + "label", MADS + "authoritativeLabel", SKOS + "prefLabel")

#: links stated from one side only, included in the description of the other side
INCOMING = (
    OWL + "sameAs",
    MADS + "hasCloseExternalAuthority",
    MADS + "hasExactExternalAuthority",
    MADS + "hasBroaderAuthority",
    MADS + "hasNarrowerAuthority",
    MADS + "hasRelatedAuthority",
    BF + "instanceOf",
    BF + "hasInstance",
    BF + "expressionOf",
    BF + "hasExpression",
    BF + "itemOf",
    BF + "hasItem",
    BF + "subject",
    BF + "genreForm",
    BF + "partOf",
    BF + "hasPart",
    BF + "relatedTo",
    DCTERMS + "publisher",
)


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris)} }}"


def _chain(k: int, end: str) -> str:
    """Patterns from ``?e`` through ``k`` blank nodes to the node named ``end``."""
    if k == 0:
        return ""
    parts = []
    prev = "?e"
    for i in range(1, k + 1):
        node = end if i == k else f"?b{i}"
        parts.append(f"{prev} ?p{i} {node} . FILTER(isBlank({node}))")
        prev = node
    return " ".join(parts)


def _outgoing_query(depth: int = DEPTH) -> str:
    """Rows ``?g ?x ?p ?o`` (``?x`` unbound: the described IRI itself) of the blank-node closure
    in each graph ``?g`` (bound to one graph, or free).  The IRI's own triples come with the
    labels ``?lp ?lo`` their objects have in the same graph (a record graph repeats the label of
    every heading it uses).  That OPTIONAL is evaluated per row (a nested loop, well under a
    millisecond); after a blank-node chain Oxigraph plans it as a scan of the graph (hundreds
    of milliseconds on a 20k-record store), so the labels of IRIs found deeper are looked up one
    by one (:func:`_labels`)."""
    labels = f"OPTIONAL {{ GRAPH ?g {{ ?o ?lp ?lo }} {_values('lp', LABELS)} FILTER(isIRI(?o) && ?p != <{RDF}type>) }}"
    branches = [f"{{ GRAPH ?g {{ ?e ?p ?o }} {labels} }}"]
    for k in range(1, depth + 1):
        branches.append(f"{{ GRAPH ?g {{ {_chain(k, '?x')} ?x ?p ?o }} }}")
    return ("SELECT ?e ?g ?x ?p ?o ?lp ?lo WHERE {\n  " + "\n  UNION ".join(branches)
            + f"\n}} LIMIT {MAX_OUTGOING + 1}")


def _incoming_query() -> str:
    """Rows ``?x ?p`` (the object is the IRI) of the links to the IRI, each with the labels
    ``?lp ?lo`` of its subject in the same graph."""
    return (f"SELECT DISTINCT ?e ?x ?p ?lp ?lo WHERE {{\n"
            f"  GRAPH ?g {{ ?x ?p ?e . FILTER(isIRI(?x)) {_values('p', INCOMING)}\n"
            f"    OPTIONAL {{ ?x ?lp ?lo {_values('lp', LABELS)} }} }}\n"
            f"}} LIMIT {MAX_INCOMING + 1}")


OUTGOING = _outgoing_query()
INCOMING_QUERY = _incoming_query()
#: the graphs that say something about ``?e``: streaming DISTINCT, stopped by the LIMIT
GRAPHS_OF = f"SELECT DISTINCT ?e ?g WHERE {{ GRAPH ?g {{ ?e ?p ?o }} }} LIMIT {MAX_GRAPHS + 1}"
IN_GRAPH = "SELECT ?e ?g WHERE { GRAPH ?g { ?e ?p ?o } } LIMIT 1"
#: the statements about ``?e`` in all graphs, once each
OWN = f"SELECT DISTINCT ?e ?p ?o WHERE {{ GRAPH ?g {{ ?e ?p ?o }} }} LIMIT {MAX_OUTGOING + 1}"
#: the authority records of ``?e`` (``a madsrdf:Authority``: only in the graph of its record)
AUTHORITY_GRAPHS = f"SELECT DISTINCT ?e ?g WHERE {{ GRAPH ?g {{ ?e a <{MADS}Authority> }} }} LIMIT {MAX_GRAPHS}"
#: labels of one IRI in one graph
LABELS_IN = f"SELECT ?e ?g ?lp ?lo WHERE {{ GRAPH ?g {{ ?e ?lp ?lo }} {_values('lp', LABELS)} }} LIMIT 16"
#: labels of one IRI wherever they are (DISTINCT: a heading's label is repeated by every record)
LABELS_OF = f"SELECT DISTINCT ?e ?lp ?lo WHERE {{ GRAPH ?g {{ ?e ?lp ?lo }} {_values('lp', LABELS)} }} LIMIT 16"
#: every label of the code lists (read once per process: a few thousand literals)
VOCABULARY_LABELS = f"SELECT ?v ?s ?p ?o WHERE {{ GRAPH ?v {{ ?s ?p ?o }} {_values('p', LABELS)} }}"
GRAPH_QUERY = f"SELECT ?e ?x ?p ?o WHERE {{ GRAPH ?e {{ ?x ?p ?o }} }} LIMIT {MAX_GRAPH + 1}"


class TooLarge(Exception):
    """A graph with more than :data:`MAX_GRAPH` triples: not one response (the dumps hold it)."""


def describe(data, iri: str | NamedNode) -> list[Triple]:
    """The description of ``iri`` (empty when the store says nothing about it), ordered for
    reading: the IRI's own triples, its blank-node tree depth first, then the other subjects
    (labels of what it points to, links to it)."""
    e = iri if isinstance(iri, NamedNode) else NamedNode(iri)
    graphs = [r["g"] for r in data.select(GRAPHS_OF, e=e)]
    if not graphs:  # nothing with the IRI as subject: the store does not know it
        return []
    if len(graphs) <= MAX_GRAPHS:
        out_rows = data.select(OUTGOING, e=e)
    else:
        # a heading hundreds of records use: each repeats the same triples about it, with its
        # own copy of any blank-node structure.  Its statements from every graph, once each
        # (DISTINCT: in-engine, a few milliseconds for thousands of graphs), without the
        # blank-node copies; the blank-node structures of its authority records, the links
        # graph and one record.
        chosen = [r["g"] for r in data.select(AUTHORITY_GRAPHS, e=e)]
        if data.select(IN_GRAPH, e=e, g=data.names.links):
            chosen.append(data.names.links)
        chosen += [g for g in graphs if g not in chosen][:1]
        out_rows = [row for g in chosen for row in data.select(OUTGOING, e=e, g=g)]
        out_rows += [row for row in data.select(OWN, e=e) if not isinstance(row["o"], BlankNode)]
    triples: list[Triple] = []
    seen_in: dict[NamedNode, NamedNode] = {}  # IRI object -> a graph it was found in
    for row in out_rows[:MAX_OUTGOING]:
        o = row["o"]
        triples.append(Triple(row.get("x", e), row["p"], o))
        if "lp" in row:
            triples.append(Triple(o, row["lp"], row["lo"]))
        if isinstance(o, NamedNode) and row["p"].value != RDF + "type":
            seen_in.setdefault(o, row.get("g"))
    in_rows = data.select(INCOMING_QUERY, e=e)
    for row in in_rows[:MAX_INCOMING]:
        triples.append(Triple(row["x"], row["p"], e))
        if "lp" in row:
            triples.append(Triple(row["x"], row["lp"], row["lo"]))
    triples += _labels(data, triples, seen_in, e)
    if len(out_rows) > MAX_OUTGOING or len(in_rows) > MAX_INCOMING:
        log.warning("description of %s truncated (%d outgoing, %d incoming rows)", e.value,
                    min(len(out_rows), MAX_OUTGOING), min(len(in_rows), MAX_INCOMING))
    return order(triples, e)


def _labels(data, triples: list[Triple], seen_in: dict, e: NamedNode) -> list[Triple]:
    """Labels of the IRIs the description points to that the query did not bring: from the
    code lists (in memory), else from the graph the IRI was found in, else from anywhere (a
    hub's members, whose labels live in their records) — at most :data:`MAX_LABEL_LOOKUPS`
    queries."""
    labelled = {t.subject for t in triples if t.predicate.value in LABELS}
    vocabulary = vocabulary_labels(data)
    out: list[Triple] = []
    lookups = 0
    for o, graph in seen_in.items():
        if o in labelled or o == e:
            continue
        known = vocabulary.get(o)
        if known is not None:
            out += known
            continue
        if lookups >= MAX_LABEL_LOOKUPS:
            continue
        lookups += 1
        rows = data.select(LABELS_IN, e=o, g=graph) if graph is not None else []
        if not rows and o.value.startswith(data.base):
            lookups += 1
            rows = data.select(LABELS_OF, e=o)
        out += [Triple(o, r["lp"], r["lo"]) for r in rows]
    return out


_vocabularies: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_vocabularies_lock = threading.Lock()


def vocabulary_labels(data) -> dict[NamedNode, list[Triple]]:
    """{IRI: its label triples} of the code lists (``graph/vocabularies``), read once per
    :class:`~kg.web.data.Data` (the store does not change while the server runs)."""
    with _vocabularies_lock:
        found = _vocabularies.get(data)
        if found is None:
            found = {}
            for r in data.select(VOCABULARY_LABELS, v=data.names.vocabularies):
                found.setdefault(r["s"], []).append(Triple(r["s"], r["p"], r["o"]))
            _vocabularies[data] = found
        return found


def describe_graph(data, iri: str | NamedNode) -> list[Triple]:
    """The triples of the named graph ``iri`` (empty when there is no such graph); raises
    :class:`TooLarge` beyond :data:`MAX_GRAPH` triples."""
    g = iri if isinstance(iri, NamedNode) else NamedNode(iri)
    rows = data.select(GRAPH_QUERY, e=g)
    if len(rows) > MAX_GRAPH:
        raise TooLarge(g.value)
    triples = [Triple(r["x"], r["p"], r["o"]) for r in rows]
    return order(triples, g)


def order(triples: Iterable[Triple], main: NamedNode) -> list[Triple]:
    """Distinct triples grouped by subject: ``main`` first, each subject followed by the blank
    nodes it points to (depth first), IRIs in alphabetical order, ``rdf:type`` first."""
    by_subject: dict = OrderedDict()
    seen = set()
    for t in triples:
        if t in seen:
            continue
        seen.add(t)
        by_subject.setdefault(t.subject, []).append(t)
    for ts in by_subject.values():
        ts.sort(key=_triple_key)
    out: list[Triple] = []
    done = set()

    def emit(s) -> None:
        stack = [s]
        while stack:
            node = stack.pop()
            if node in done or node not in by_subject:
                continue
            done.add(node)
            ts = by_subject[node]
            out.extend(ts)
            stack.extend(reversed([t.object for t in ts if isinstance(t.object, BlankNode)]))

    emit(main)
    for s in sorted((s for s in by_subject if isinstance(s, NamedNode)), key=lambda n: n.value):
        emit(s)
    for s in by_subject:  # blank nodes no IRI points to (a graph's orphans)
        emit(s)
    return out


def _triple_key(t: Triple):
    p = t.predicate.value
    o = t.object
    return (p != RDF + "type", p, type(o).__name__, o.value, getattr(o, "language", None) or "")


# -- serialisation ------------------------------------------------------------------------------

TURTLE, N_TRIPLES, RDF_XML, JSON_LD = "turtle", "n-triples", "rdf-xml", "json-ld"
_FORMATS = {TURTLE: RdfFormat.TURTLE, N_TRIPLES: RdfFormat.N_TRIPLES, RDF_XML: RdfFormat.RDF_XML,
            JSON_LD: RdfFormat.JSON_LD}


def serialize(triples: list[Triple], syntax: str) -> bytes:
    """``triples`` in ``syntax`` (one of :data:`TURTLE`, :data:`N_TRIPLES`, :data:`RDF_XML`,
    :data:`JSON_LD`), UTF-8."""
    if syntax == JSON_LD:
        return compact_jsonld(_serialize(triples, format=RdfFormat.JSON_LD))
    if syntax == N_TRIPLES:
        return _serialize(triples, format=RdfFormat.N_TRIPLES)
    return _serialize(triples, format=_FORMATS[syntax], prefixes=_used_prefixes(triples))


def _used_prefixes(triples: list[Triple]) -> dict[str, str]:
    """Only the prefixes the triples use (an unused ``@prefix`` line is noise)."""
    used = {}
    for t in triples:
        for term in (t.predicate, t.object if isinstance(t.object, NamedNode) else None,
                     t.object.datatype if isinstance(t.object, Literal) else None):
            if term is None:
                continue
            for name, ns in PREFIXES.items():
                if name not in used and term.value.startswith(ns):
                    used[name] = ns
    return used


def curie(iri: str) -> str:
    for name, ns in PREFIXES.items():
        if iri.startswith(ns):
            local = iri[len(ns):]
            if local and (local[0].isalpha() or local[0] == "_") and \
                    all(ch.isalnum() or ch in "_-." for ch in local) and not local.endswith("."):
                return f"{name}:{local}"
    return iri


def compact_jsonld(expanded: bytes) -> bytes:
    """pyoxigraph's expanded JSON-LD with a ``@context`` of :data:`PREFIXES`: node objects merged
    per subject; property names, ``rdf:type`` (as ``@type``) and datatypes as CURIEs; plain
    strings as JSON strings, single values without their array.  ``@id``s stay absolute; the
    graph is the same (the tests compare them)."""
    nodes: dict[str, dict] = OrderedDict()
    for node in json.loads(expanded):
        target = nodes.setdefault(node["@id"], {"@id": node["@id"]})
        for key, values in node.items():
            if key == "@id":
                continue
            if key == RDF + "type" and all("@id" in v and not v["@id"].startswith("_:") for v in values):
                target.setdefault("@type", []).extend(curie(v["@id"]) for v in values)
                continue
            for v in values:
                if "@type" in v and "@value" in v:
                    v["@type"] = curie(v["@type"])
            target.setdefault(curie(key), []).extend(values)
    graph = []
    for node in nodes.values():
        for key, values in node.items():
            if key == "@id":
                continue
            values = [v["@value"] if isinstance(v, dict) and set(v) == {"@value"} else v for v in values]
            node[key] = values[0] if len(values) == 1 else values
        graph.append(node)
    doc = {"@context": dict(PREFIXES), "@graph": graph}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


# -- reading a description (labels, for pages) ---------------------------------------------------

def labels(triples: Iterable[Triple]) -> dict:
    """{term: [Literal, …]} of the label properties in ``triples``."""
    out: dict = {}
    for t in triples:
        if t.predicate.value in LABELS and isinstance(t.object, Literal):
            out.setdefault(t.subject, []).append(t.object)
    return out


def best_label(literals: list[Literal] | None, lang: str) -> str | None:
    """The label in ``lang``, else Vietnamese, else without language, else the first."""
    if not literals:
        return None
    for want in (lang, "vi", None):
        for lit in literals:
            if (lit.language or None) == want or (want and (lit.language or "").startswith(want + "-")):
                return lit.value
    return literals[0].value
