"""What the side index keeps of one record, read off the record's own triples.

The same function serves an ingest (on the triples the converter just produced) and an index
rebuild (on the triples read back from the store), so the index cannot drift from the graph.

- labels: every named entity of the record with its ``rdfs:label`` — titles of the Work and
  Instance, names of agents, subject and genre terms — each with its kind (work, instance,
  agent, concept), its BIBFRAME class and its form (``heading`` as a record typed it,
  ``authorised`` and ``variant`` for an authority's forms) and a folded form for
  diacritic-insensitive search;
- facts for statistics: the Work and Instance, the year of publication, the languages, the
  number of items, the agents and concepts used, the number of triples;
- facts for linking (``kg link``): identifiers as comparable keys (:mod:`kg.text.identifiers`:
  valid ISBN-13, ISSN, LCCN, VIAF, ISNI, Wikidata, $0 numbers, an authority's own 001), the
  variant IRIs of an authority, and the record's main work: its title, part, uniform title,
  variant titles, creator and language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode

from ..convert.terms import BF, LABEL, MADS, OWL, RDF, TYPE
from ..text.identifiers import isbn_key, isni_key, issn_key, normalise_lccn, uri_key
from ..text.vietnamese import fold

_KINDS = {
    BF + "Work": "work", BF + "Hub": "work", BF + "Series": "work",
    BF + "Instance": "instance",
    BF + "Person": "agent", BF + "Family": "agent", BF + "Organization": "agent", BF + "Meeting": "agent",
    BF + "Jurisdiction": "agent", BF + "Agent": "agent",
    BF + "Topic": "concept", BF + "Place": "concept", BF + "GenreForm": "concept", BF + "Temporal": "concept",
    BF + "Event": "concept",
}
_PRIORITY = ("instance", "work", "agent", "concept")
_YEAR = re.compile(r"(1[0-9]{3}|20[0-9]{2})")
_HAS_ITEM = BF + "hasItem"
_LANGUAGE = BF + "language"
_DATE = BF + "date"
_SIMPLE_DATE = "http://id.loc.gov/ontologies/bflc/simpleDate"
_INSTANCE_OF = BF + "instanceOf"
_EDTF = "http://id.loc.gov/datatypes/edtf"
_TYPE = TYPE.value
_LABEL = LABEL.value
_AUTHORITY = MADS + "Authority"
_AUTH_LABEL = MADS + "authoritativeLabel"
_VARIANT_LABEL = MADS + "variantLabel"
_HAS_VARIANT = MADS + "hasVariant"
_VALUE = RDF + "value"
_IDENTIFIED_BY = BF + "identifiedBy"
_CODE = BF + "code"
_SOURCE = BF + "source"
_ASSIGNER = BF + "assigner"
_STATUS = BF + "status"
_ADMIN = BF + "adminMetadata"
_TITLE = BF + "title"
_MAIN_TITLE = BF + "mainTitle"
_PART_NUMBER = BF + "partNumber"
_PART_NAME = BF + "partName"
_CONTRIBUTION = BF + "contribution"
_AGENT = BF + "agent"
_PRIMARY = BF + "PrimaryContribution"
_EXPRESSION_OF = BF + "expressionOf"
_ID_LINKS = frozenset({OWL + "sameAs", MADS + "hasExactExternalAuthority", MADS + "isIdentifiedByAuthority"})
_VARIANT_TITLES = frozenset({BF + "VariantTitle", BF + "ParallelTitle"})
_CANCELLED = "http://id.loc.gov/vocabulary/mstatus/cancinv"
_WANTED = frozenset({_HAS_VARIANT, _VARIANT_LABEL, _AUTH_LABEL, _VALUE, _IDENTIFIED_BY, _CODE, _SOURCE, _ASSIGNER,
                     _STATUS, _ADMIN, _TITLE, _MAIN_TITLE, _PART_NUMBER, _PART_NAME, _CONTRIBUTION, _AGENT,
                     _EXPRESSION_OF}) | _ID_LINKS


@dataclass
class Label:
    entity: str
    kind: str
    label: str
    folded: str
    cls: str = ""  # BIBFRAME class (Person, Topic, Hub…)
    form: str = "heading"  # heading | authorised | variant


@dataclass
class WorkRow:
    work: str
    instance: str
    title: str  # main title with part number/name, as transcribed
    creator: str | None  # the agent of the primary contribution
    uniform: str | None  # the title of the uniform-title hub (240/130), language part left out
    variants: list[str] = field(default_factory=list)  # variant and parallel titles
    language: str | None = None


@dataclass
class Facts:
    work: str | None = None
    instance: str | None = None
    year: int | None = None
    languages: list[str] = field(default_factory=list)
    items: int = 0
    triples: int = 0
    entities: list[tuple[str, str]] = field(default_factory=list)  # (entity IRI, kind)
    labels: list[Label] = field(default_factory=list)
    kind: str = "bibliographic"  # or "authority"
    ids: list[tuple[str, str, str]] = field(default_factory=list)  # (entity, scheme, value)
    variants: list[tuple[str, str]] = field(default_factory=list)  # (authority, variant IRI)
    work_row: WorkRow | None = None


def facts(quads) -> Facts:
    """Facts, labels and linking keys of one record from its quads (or triples)."""
    out = Facts()
    kinds: dict[str, str] = {}
    classes: dict[str, str] = {}
    types: dict[object, set[str]] = {}
    labels: dict[str, list[str]] = {}
    props: dict[tuple[object, str], list] = {}
    years: list[int] = []
    simple_years: list[int] = []
    languages: list[str] = []
    items = 0
    n = 0
    for q in quads:
        n += 1
        p = q.predicate.value
        s = q.subject
        o = q.object
        if p == _TYPE:
            t = o.value
            types.setdefault(s, set()).add(t)
            kind = _KINDS.get(t)
            if kind and isinstance(s, NamedNode):
                old = kinds.get(s.value)
                if old is None or _PRIORITY.index(kind) < _PRIORITY.index(old):
                    kinds[s.value] = kind
                    classes[s.value] = t[len(BF):]
        elif p == _LABEL:
            if isinstance(s, NamedNode) and isinstance(o, Literal):
                labels.setdefault(s.value, []).append(o.value)
        elif p in _WANTED:
            props.setdefault((s, p), []).append(o)
        elif p == _HAS_ITEM:
            items += 1
        elif p == _LANGUAGE and isinstance(o, NamedNode):
            code = o.value.rsplit("/", 1)[-1]
            if code not in languages:
                languages.append(code)
        elif p == _DATE and isinstance(o, Literal) and o.datatype.value == _EDTF:
            m = _YEAR.search(o.value)  # the normalised date of 008 (publication)
            if m:
                years.append(int(m.group(1)))
        elif p == _SIMPLE_DATE:
            m = _YEAR.search(o.value)  # the transcribed date of 260/264 $c
            if m:
                simple_years.append(int(m.group(1)))
        if p == _INSTANCE_OF and isinstance(s, NamedNode) and out.instance is None and "/rel/" not in s.value:
            out.instance, out.work = s.value, o.value
        elif p == _LANGUAGE and isinstance(o, NamedNode):
            props.setdefault((s, p), []).append(o)
    # distinct quads, as the store holds them (the converter may emit a triple twice)
    out.triples = len(set(quads)) if isinstance(quads, list) else n
    out.items = items
    out.languages = languages
    out.year = min(years) if years else (min(simple_years) if simple_years else None)
    authorities = [s for s, ts in types.items() if _AUTHORITY in ts and isinstance(s, NamedNode)]
    if authorities and out.instance is None:
        out.kind = "authority"
    for entity, kind in kinds.items():
        out.entities.append((entity, kind))
        cls = classes.get(entity, "")
        is_authority = kind != "instance" and NamedNode(entity) in authorities
        for text in dict.fromkeys(labels.get(entity, ())):
            out.labels.append(Label(entity, kind, text, fold(text), cls, "authorised" if is_authority else "heading"))
    g = _Graph(types, props)
    for a in authorities:
        kind = kinds.get(a.value, "agent")
        cls = classes.get(a.value, "")
        seen = {l.label for l in out.labels if l.entity == a.value}
        for v in g.all(a, _HAS_VARIANT):
            if isinstance(v, NamedNode):
                out.variants.append((a.value, v.value))
            for text in g.texts(v, _VARIANT_LABEL):
                if text not in seen:
                    seen.add(text)
                    out.labels.append(Label(a.value, kind, text, fold(text), cls, "variant"))
        for admin in g.all(a, _ADMIN):
            for ident in g.all(admin, _IDENTIFIED_BY):
                value = g.text(ident, _VALUE)
                if value:
                    code = next((g.text(x, _CODE) for x in g.all(ident, _ASSIGNER)), None) or ""
                    out.ids.append((a.value, "control", f"{code.upper()}|{value}"))
    for entity, kind in kinds.items():
        node = NamedNode(entity)
        for p in _ID_LINKS:
            for o in g.all(node, p):
                if isinstance(o, NamedNode):
                    out.ids.append((entity, *uri_key(o.value)))
        for ident in g.all(node, _IDENTIFIED_BY):
            key = _identifier_key(g, ident, kind)
            if key is not None:
                out.ids.append((entity, *key))
    out.ids = list(dict.fromkeys(out.ids))
    if out.instance and out.work:
        out.work_row = _work_row(g, NamedNode(out.work), NamedNode(out.instance))
    return out


class _Graph:
    """The few lookups the link facts need, over one record's triples."""

    def __init__(self, types, props):
        self.types = types
        self.props = props

    def all(self, s, p) -> list:
        return self.props.get((s, p), [])

    def texts(self, s, p) -> list[str]:
        return [o.value for o in self.all(s, p) if isinstance(o, Literal)]

    def text(self, s, p) -> str | None:
        for o in self.all(s, p):
            if isinstance(o, Literal):
                return o.value
        return None

    def main_text(self, s, p) -> str | None:
        """The first value not tagged with a script subtag (an 880's "阮攸"@vi-hani)."""
        values = [o for o in self.all(s, p) if isinstance(o, Literal)]
        for o in values:
            if "-" not in (o.language or ""):
                return o.value
        return values[0].value if values else None


def _identifier_key(g: _Graph, ident, kind: str) -> tuple[str, str] | None:
    if not isinstance(ident, BlankNode | NamedNode):
        return None
    if any(isinstance(s, NamedNode) and s.value == _CANCELLED for s in g.all(ident, _STATUS)):
        return None
    value = g.text(ident, _VALUE)
    if not value:
        return None
    cls = next((t[len(BF):] for t in g.types.get(ident, ()) if t.startswith(BF)), "Identifier")
    source = next((g.text(x, _CODE) for x in g.all(ident, _SOURCE)), None) or ""
    assigner = next((g.text(x, _CODE) for x in g.all(ident, _ASSIGNER)), None) or ""
    if cls == "Isbn":
        key = isbn_key(value)
        return ("isbn", key) if key else None
    if cls in ("Issn", "IssnL"):
        key = issn_key(value)
        return ("issn", key) if key else None
    if cls == "Lccn":
        lccn = normalise_lccn(value)
        if kind == "instance":
            return "lccn", lccn
        prefix = re.match(r"^[a-z]*", lccn).group(0)
        return ({"sh": "lcsh", "gf": "lcgft"}.get(prefix, "lcnaf"), lccn)
    if cls == "Isni" or source.lower() == "isni":
        key = isni_key(value)
        return ("isni", key) if key else None
    if cls == "OclcNumber":
        return "oclc", value.lstrip("0") or value
    source = source.lower()
    if source in ("viaf", "wikidata", "orcid", "gnd"):
        if value.startswith("http"):
            return uri_key(value)
        v = value.strip()
        return source, (v.upper() if source == "wikidata" else v)
    if kind == "instance":
        return None
    code = (source or assigner).upper()
    return "local", f"{code}|{value}"


def _work_row(g: _Graph, work: NamedNode, instance: NamedNode) -> WorkRow:
    title = ""
    variants: list[str] = []
    for t in g.all(instance, _TITLE):
        ts = g.types.get(t, set())
        main = g.main_text(t, _MAIN_TITLE)
        if not main:
            continue
        if BF + "Title" in ts and not title:
            parts = [main] + [x for x in (g.main_text(t, _PART_NUMBER), g.main_text(t, _PART_NAME)) if x]
            title = ". ".join(parts)
        elif ts & _VARIANT_TITLES:
            variants.append(main)
    creator = None
    for c in g.all(work, _CONTRIBUTION):
        if _PRIMARY in g.types.get(c, ()):
            agent = next((a for a in g.all(c, _AGENT) if isinstance(a, NamedNode)), None)
            if agent is not None:
                creator = agent.value
                break
    uniform = None
    for hub in g.all(work, _EXPRESSION_OF):
        for t in g.all(hub, _TITLE):
            uniform = g.main_text(t, _MAIN_TITLE)
            if uniform:
                break
        if uniform:
            break
    language = next((o.value.rsplit("/", 1)[-1] for o in g.all(work, _LANGUAGE) if isinstance(o, NamedNode)), None)
    return WorkRow(work.value, instance.value, title, creator, uniform, variants, language)
