"""The description of one entity as a small tree: its triples, the blank nodes under them (two
levels: a provision activity and its place; admin metadata, its identifier and the assigner),
and the labels of the IRIs it points to — one query per graph it is described in.

Labels are read in the same graph as the triple that points to them: a record graph repeats
the label of every heading it uses, so the label of "Văn học" (a publisher of ten thousand
records) is read once, not ten thousand times.  For the same reason an entity that many records
use (an agent, a concept, a library's uniform title) is described in chosen graphs only — its
authority graph, the links graph, one record graph (:func:`home_graphs`) — never across every
record that uses it; a record's own Work, Instance or Item in the graphs that have it as subject
(:func:`graphs_of`: its record graph, the links graph).  The graph is always bound: Oxigraph
evaluates a join under ``GRAPH ?g`` with ``?g`` free graph by graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode

from .common import LABEL, PREFIXES, TYPE, best, ordered

#: the entity's triples (?x = ?s), those of the blank nodes under it (two levels) and the labels
#: of the IRIs they point to, in one bound graph: a UNION of branches that each start from ?s
#: (nested OPTIONALs cost Oxigraph several times more; a constant predicate on a pattern of
#: free variables — "?x rdfs:label ?o" — would be evaluated first, over the whole graph, so the
#: label predicates are filters)
QUERY = PREFIXES + """
SELECT ?s ?g ?x ?p ?o WHERE {
  GRAPH ?g {
    { ?s ?p ?o BIND(?s AS ?x) }
    UNION { ?s ?p0 ?x . FILTER(isBlank(?x)) ?x ?p ?o }
    UNION { ?s ?p0 ?b . FILTER(isBlank(?b)) ?b ?p1 ?x . FILTER(isBlank(?x)) ?x ?p ?o }
    UNION { ?s ?p0 ?x . FILTER(isIRI(?x)) ?x ?p ?o FILTER(?p = rdfs:label || ?p = madsrdf:variantLabel) }
    UNION { ?s ?p0 ?b . FILTER(isBlank(?b)) ?b ?p1 ?x . FILTER(isIRI(?x)) ?x ?p ?o FILTER(?p = rdfs:label) }
  }
}"""

GRAPHS = PREFIXES + """
SELECT DISTINCT ?s ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 4"""

TYPED_IN = PREFIXES + """
SELECT ?s ?g WHERE { GRAPH ?g { ?s a ?t } } LIMIT 1"""

AUTHORITY_GRAPHS = PREFIXES + """
SELECT ?s ?g WHERE { GRAPH ?g { ?s a madsrdf:Authority } }"""


@dataclass
class Value:
    term: object  # NamedNode | BlankNode | Literal
    graph: str = ""
    labels: list[Literal] = field(default_factory=list)
    node: "Node | None" = None  # the description of a blank node

    @property
    def iri(self) -> str | None:
        return self.term.value if isinstance(self.term, NamedNode) else None

    def label(self, lang: str | None = None) -> str | None:
        return best(self.labels, lang)


@dataclass
class Node:
    term: object
    props: dict[str, list[Value]] = field(default_factory=dict)

    def add(self, p: str, value: Value) -> Value:
        values = self.props.setdefault(p, [])
        for v in values:
            if v.term == value.term:
                return v
        values.append(value)
        return value

    def all(self, p: str) -> list[Value]:
        return self.props.get(p, [])

    def iris(self, p: str) -> list[Value]:
        return [v for v in self.all(p) if isinstance(v.term, NamedNode)]

    def nodes(self, p: str) -> list["Node"]:
        return [v.node for v in self.all(p) if v.node is not None]

    def literals(self, p: str) -> list[Literal]:
        return [v.term for v in self.all(p) if isinstance(v.term, Literal)]

    def text(self, p: str, lang: str | None = None) -> str | None:
        return best(self.literals(p), lang)

    def texts(self, p: str, lang: str | None = None) -> list[str]:
        return ordered(self.literals(p), lang)

    def types(self) -> set[str]:
        return {v.term.value for v in self.all(TYPE) if isinstance(v.term, NamedNode)}

    def label(self, lang: str | None = None) -> str | None:
        return self.text(LABEL, lang)

    def graphs(self) -> set[str]:
        return {v.graph for values in self.props.values() for v in values if v.graph}

    def __bool__(self) -> bool:
        return bool(self.props)

    def merge(self, other: "Node") -> None:
        for p, values in other.props.items():
            for v in values:
                mine = self.add(p, v)
                if mine is not v:
                    for lab in v.labels:
                        if lab not in mine.labels:
                            mine.labels.append(lab)


def describe(data, iri: str, graphs: list[NamedNode]) -> Node:
    """The tree of ``iri`` in each of ``graphs`` (one query each, the graph bound: a join under
    ``GRAPH ?g`` with ``?g`` free is evaluated graph by graph in Oxigraph)."""
    subject = NamedNode(iri)
    node = Node(subject)
    for g in graphs:
        _fill(node, data.select(QUERY, s=subject, g=g))
    return node


def graphs_of(data, iri: str) -> list[NamedNode]:
    """The graphs that describe an entity of one record (its record graph, the links graph)."""
    return [r["g"] for r in data.select(GRAPHS, s=NamedNode(iri))]


def home_graphs(data, iri: str, links: bool = True) -> list[NamedNode]:
    """Where to read an entity many records use: its authority graph(s), else one graph that
    types it; and the links graph."""
    subject = NamedNode(iri)
    graphs = [r["g"] for r in data.select(AUTHORITY_GRAPHS, s=subject)]
    if not graphs:
        graphs = [r["g"] for r in data.select(TYPED_IN, s=subject)]
    if links and data.names.links not in graphs:
        graphs.append(data.names.links)
    return graphs


def _fill(node: Node, rows: list[dict]) -> None:
    """Hang one graph's rows under ``node`` (blank nodes are local to their graph)."""
    if not rows:
        return
    g = rows[0]["g"].value
    subject = node.term
    triples: dict[object, list[tuple[str, object]]] = {}
    labels: dict[str, list[Literal]] = {}
    for r in rows:
        x, p, o = r["x"], r["p"].value, r["o"]
        if isinstance(x, NamedNode) and x != subject:
            if isinstance(o, Literal) and o not in labels.setdefault(x.value, []):
                labels[x.value].append(o)
            continue
        triples.setdefault(x, []).append((p, o))
    built: dict[object, Node] = {}

    def build(target: Node, x, depth: int) -> None:
        for p, o in triples.get(x, ()):
            v = target.add(p, Value(o, g))
            if isinstance(o, NamedNode):
                for lab in labels.get(o.value, ()):
                    if lab not in v.labels:
                        v.labels.append(lab)
            elif isinstance(o, BlankNode) and depth < 3:
                child = built.get(o)
                if child is None:
                    child = built[o] = Node(o)
                    build(child, o, depth + 1)
                v.node = child

    build(node, subject, 1)
