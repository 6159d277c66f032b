"""What the side index keeps of one record, read off the record's own triples.

The same function serves an ingest (on the triples the converter just produced) and an index
rebuild (on the triples read back from the store), so the index cannot drift from the graph.

- labels: every named entity of the record with its ``rdfs:label`` — titles of the Work and
  Instance, names of agents, subject and genre terms — each with its kind (work, instance,
  agent, concept) and a folded form for diacritic-insensitive search;
- facts for statistics: the Work and Instance, the year of publication, the languages, the
  number of items, the agents and concepts used, the number of triples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from ..convert.terms import BF, LABEL, RDF, TYPE
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


@dataclass
class Label:
    entity: str
    kind: str
    label: str
    folded: str


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


def facts(quads) -> Facts:
    """Facts and labels of one record from its quads (or triples)."""
    out = Facts()
    kinds: dict[str, str] = {}
    labels: dict[str, list[str]] = {}
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
        if p == RDF + "type":
            kind = _KINDS.get(o.value)
            if kind and isinstance(s, NamedNode):
                old = kinds.get(s.value)
                if old is None or _PRIORITY.index(kind) < _PRIORITY.index(old):
                    kinds[s.value] = kind
        elif p == LABEL.value:
            if isinstance(s, NamedNode) and isinstance(o, Literal):
                labels.setdefault(s.value, []).append(o.value)
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
        elif p == _INSTANCE_OF and isinstance(s, NamedNode) and out.instance is None and "/rel/" not in s.value:
            out.instance, out.work = s.value, o.value
    # distinct quads, as the store holds them (the converter may emit a triple twice)
    out.triples = len(set(quads)) if isinstance(quads, list) else n
    out.items = items
    out.languages = languages
    out.year = min(years) if years else (min(simple_years) if simple_years else None)
    for entity, kind in kinds.items():
        out.entities.append((entity, kind))
        for text in dict.fromkeys(labels.get(entity, ())):
            out.labels.append(Label(entity, kind, text, fold(text)))
    return out
