"""The page of a work: a record's own Work (``work/{lib}/{rid}``), a library's uniform title or
related work (``work/{lib}/hub|rel/…``), or a work across libraries (``work/hub/…``).

Queries, the IRI bound in each:

1. the description (record graph and links graph; a library's uniform title in its first
   record graph only — see :mod:`.describe`);
2. the instances — of the record's work, of every member of a cluster (``bf:hasInstance`` in the
   links graph), of the expressions of a uniform title — one row per instance (at most
   ``INSTANCE_LIMIT``; the page gives the total) with its publisher, place, edition, the
   language of its work and whether that work is a translation (``bf:relation`` "translation
   of", or a language other than the original's), aggregated in the query; its library (the
   IRI says), title, year and number of items come from the index;
3. for a cluster, what its members are about (subjects, genres, languages: the hub itself has
   only a title and a creator);
4. works pointing at this one through ``bf:relation`` (a series' volumes, translations of it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from ..i18n import translate as _
from .common import (BF, MADS, PREFIXES, Ref, index_labels, library_of, library_ref, local_name, ordered, vocab_values,
                     record_facts, ref)
from .describe import Node, describe, graphs_of, home_graphs

INSTANCE_LIMIT = 100
TRANSLATION = "http://id.loc.gov/vocabulary/relationship/translationof"

_ROW = """
  OPTIONAL { ?i bf:provisionActivity ?pa .
             OPTIONAL { ?pa bflc:simpleDate ?date } OPTIONAL { ?pa bflc:simpleAgent ?publisher }
             OPTIONAL { ?pa bflc:simplePlace ?place } }
  OPTIONAL { ?w bf:language ?lang }
  OPTIONAL { ?w bf:relation ?rel . ?rel bf:relationship ?rs . FILTER(?rs = <""" + TRANSLATION + """>) }
  OPTIONAL { ?i bf:editionStatement ?edition }
}"""
_AGGREGATES = """?i ?w (MIN(STR(?date)) AS ?year) (GROUP_CONCAT(DISTINCT STR(?publisher); separator="; ") AS ?publishers)
  (SAMPLE(STR(?place)) AS ?where) (GROUP_CONCAT(DISTINCT STR(?lang); separator=" ") AS ?langs)
  (SAMPLE(?rs) AS ?translation) (SAMPLE(STR(?edition)) AS ?ed)"""


def _instances(projection: str, instances: str, work: str) -> tuple[str, str]:
    """One row per instance, at most ``INSTANCE_LIMIT``: (for the embedded store: the instances
    chosen in a subquery before their details are joined — a cluster of thousands costs what a
    hundred do; for a remote endpoint, whose bindings are a VALUES block outside any subquery:
    the limit on the aggregate)."""
    embedded = (PREFIXES + f"SELECT {projection} {_AGGREGATES} WHERE {{\n"
                f"  {{ SELECT {projection} ?i WHERE {{ {instances} }} LIMIT {INSTANCE_LIMIT} }}\n  {work}" + _ROW
                + f" GROUP BY {projection} ?i ?w")
    remote = (PREFIXES + f"SELECT {projection} {_AGGREGATES} WHERE {{\n  {instances} .\n  {work}" + _ROW
              + f" GROUP BY {projection} ?i ?w LIMIT {INSTANCE_LIMIT}")
    return embedded, remote


#: a cluster: its instances are listed in the links graph; each one's own work is the other
#: bf:instanceOf
INSTANCES_OF_HUB = _instances("?s ?links", "GRAPH ?links { ?s bf:hasInstance ?i }",
                              "?i bf:instanceOf ?w . FILTER(?w != ?s)")
INSTANCES_OF_WORK = _instances("?s", "?s bf:hasInstance ?i", "BIND(?s AS ?w)")
INSTANCES_OF_EXPRESSIONS = _instances("?s", "?x bf:expressionOf ?s . ?x bf:hasInstance ?i",
                                      "?i bf:instanceOf ?w . ?w bf:expressionOf ?s")

#: what the members of a cluster are about (the hub itself carries only a title and a creator)
MEMBER_TOPICS = PREFIXES + """
SELECT ?s ?links ?p ?c WHERE {
  GRAPH ?links { ?s bf:hasExpression ?w } ?w ?p ?c . FILTER(?p = bf:subject || ?p = bf:genreForm || ?p = bf:language)
} LIMIT 500"""

COUNT_OF_HUB = PREFIXES + """
SELECT ?s ?links (COUNT(?i) AS ?n) WHERE { GRAPH ?links { ?s bf:hasInstance ?i } } GROUP BY ?s ?links"""

RELATED = PREFIXES + """
SELECT ?s ?w ?rs WHERE {
  ?rel bf:associatedResource ?s . ?w bf:relation ?rel . OPTIONAL { ?rel bf:relationship ?rs }
} LIMIT 300"""


@dataclass
class InstanceRow:
    ref: Ref
    library: Ref | None
    year: str = ""
    publisher: str = ""
    place: str = ""
    edition: str = ""
    languages: list[str] = field(default_factory=list)
    translation: bool = False
    items: int = 0
    work: str = ""


def title_text(node: Node, lang: str) -> str:
    """"Main title : subtitle. Part number, Part name" of a title node (transcribed script)."""
    text = node.text(BF + "mainTitle", lang) or node.label(lang) or ""
    sub = node.text(BF + "subtitle", lang)
    if sub:
        text += " : " + sub
    number, name = node.text(BF + "partNumber", lang), node.text(BF + "partName", lang)
    if number:
        text += ". " + number
    if name:
        text += (", " if number else ". ") + name
    return text


def titles(node: Node, lang: str) -> list[tuple[str, str]]:
    """(kind, text) for every title of a work or instance; original scripts as their own rows."""
    out: list[tuple[str, str]] = []
    for t in node.nodes(BF + "title"):
        types = t.types()
        kind = "title" if BF + "Title" in types else "parallel" if BF + "ParallelTitle" in types else \
            "abbreviated" if BF + "AbbreviatedTitle" in types else "key" if BF + "KeyTitle" in types else "variant"
        main = title_text(t, lang)
        if main and (kind, main) not in out:
            out.append((kind, main))
        for other in ordered(t.literals(BF + "mainTitle"), lang)[1:]:
            if (kind, other) not in out:
                out.append((kind, other))
    order = {"title": 0, "parallel": 1, "variant": 2, "abbreviated": 3, "key": 4}
    return sorted(out, key=lambda x: order[x[0]])


def entity_refs(data, values, vocab, lang: str) -> list[Ref]:
    """Links for IRIs (their label from the same graph, the index, the vocabularies) and text
    for blank nodes."""
    out: list[Ref] = []
    missing = index_labels(data, [v.term.value for v in values if isinstance(v.term, NamedNode) and not v.labels
                                  and v.term.value.startswith(data.base)])
    for v in values:
        if isinstance(v.term, NamedNode):
            iri = v.term.value
            label = v.label(lang) or missing.get(iri) or vocab.label(iri, lang)
            r = ref(data, iri, label)
            if any(x.iri == iri for x in out):
                continue
        elif v.node is not None:
            r = Ref(v.node.label(lang) or v.node.text(MADS + "authoritativeLabel", lang) or "")
        else:
            r = Ref(v.term.value)
        if r.label:
            out.append(r)
    return out


def contributions(data, node: Node, vocab, lang: str) -> list[tuple[Ref, list[str], bool]]:
    """(agent, roles, primary) of each bf:contribution."""
    out = []
    missing = index_labels(data, [v.term.value for c in node.nodes(BF + "contribution")
                                  for v in c.iris(BF + "agent") if not v.labels])
    for c in node.nodes(BF + "contribution"):
        agents = c.iris(BF + "agent")
        if not agents:
            continue
        a = agents[0]
        r = ref(data, a.term.value, a.label(lang) or missing.get(a.term.value))
        roles = []
        for role in c.all(BF + "role"):
            if isinstance(role.term, NamedNode):
                roles.append(vocab.label(role.term.value, lang) or local_name(role.term.value))
            elif role.node is not None and role.node.label(lang):
                roles.append(role.node.label(lang))
        primary = BF + "PrimaryContribution" in c.types()
        out.append((r, roles, primary))
    out.sort(key=lambda x: not x[2])
    return out


def classifications(node: Node) -> list[tuple[str, str]]:
    out = []
    for c in node.nodes(BF + "classification"):
        number = " ".join(x for x in (c.text(BF + "classificationPortion"), c.text(BF + "itemPortion")) if x)
        if number:
            scheme = next((local_name(t).replace("Classification", "") for t in c.types() if t.startswith(BF)), "")
            out.append((scheme or "", number))
    return out


def relations(data, node: Node, vocab, lang: str) -> list[tuple[str, Ref]]:
    """(relationship, related work) of each bf:relation of the work."""
    out = []
    for rel in node.nodes(BF + "relation"):
        how = next((vocab.label(v.term.value, lang) or local_name(v.term.value)
                    for v in rel.iris(BF + "relationship")), _("work.related"))
        for res in rel.iris(BF + "associatedResource"):
            out.append((how, ref(data, res.term.value, res.label(lang))))
    return out


NOTE_PROPERTIES = tuple(BF + p for p in ("summary", "note", "tableOfContents", "credits", "awards", "dissertation",
                                           "supplementaryContent", "preferredCitation", "systemRequirement",
                                           "usageAndAccessPolicy", "scale"))


def notes(node: Node, lang: str) -> list[tuple[str, str]]:
    """(kind, text): the note's type (bf:noteType) or its property, and its text."""
    out = []
    for p in NOTE_PROPERTIES:
        for n in node.nodes(p):
            text = n.label(lang)
            if text:
                kind = n.text(BF + "noteType") or local_name(p)
                out.append((kind, text))
        for lit in node.literals(p):
            out.append((local_name(p), lit.value))
    return out


def instance_rows(data, vocab, rows: list[dict], lang: str) -> list[InstanceRow]:
    facts = record_facts(data, [r["i"].value for r in rows])
    missing = index_labels(data, [r["i"].value for r in rows if r["i"].value not in facts])
    out: list[InstanceRow] = []
    for r in rows:
        iri = r["i"].value
        lib = library_of(data.base, iri)
        f = facts.get(iri)
        year = str(f.year) if f and f.year else (r["year"].value if "year" in r else "")
        langs = [x for x in (r["langs"].value.split() if "langs" in r else []) if x]
        out.append(InstanceRow(
            ref(data, iri, (f.title if f else None) or missing.get(iri)), library_ref(data, lib) if lib else None,
            year=year, publisher=r["publishers"].value if "publishers" in r else "",
            place=r["where"].value if "where" in r else "", edition=r["ed"].value if "ed" in r else "",
            languages=langs, translation="translation" in r, items=f.items if f else 0, work=r["w"].value))
    # the original language: the commonest among the works not marked as translations
    counts = Counter(code for row in out if not row.translation for code in row.languages)
    original = counts.most_common(1)[0][0] if counts else None
    for row in out:
        if original and row.languages and original not in row.languages:
            row.translation = True
        row.languages = [vocab.label(code, lang) or local_name(code) for code in row.languages]
    out.sort(key=lambda row: (row.library.library if row.library else "", row.year, row.ref.iri))
    return out


def member_topics(data, vocab, hub: NamedNode, lang: str) -> tuple[list[Ref], list[Ref], list[str]]:
    """Subjects, genres and languages of a cluster's members: one entry per heading as written
    (the same heading in three libraries is three concepts, shown once, with its libraries)."""
    rows = data.select(MEMBER_TOPICS, s=hub, links=data.names.links)
    labels = index_labels(data, [r["c"].value for r in rows if r["p"].value != BF + "language"])
    subjects: dict[str, Ref] = {}
    genres: dict[str, Ref] = {}
    languages: list[str] = []
    for r in rows:
        iri = r["c"].value
        if r["p"].value == BF + "language":
            name = vocab.label(iri, lang) or local_name(iri)
            if name not in languages:
                languages.append(name)
            continue
        label = labels.get(iri) or vocab.label(iri, lang) or local_name(iri)
        target = subjects if r["p"].value == BF + "subject" else genres
        entry = target.get(label.casefold())
        if entry is None:
            entry = target[label.casefold()] = ref(data, iri, label)
            entry.note = ""
        lib = library_of(data.base, iri)
        if lib and lib not in entry.note.split():
            entry.note = (entry.note + " " + lib).strip()
    order = lambda refs: sorted(refs.values(), key=lambda r: (-len(r.note.split()), r.label.casefold()))  # noqa: E731
    return order(subjects), order(genres), languages


def work_page(data, vocab, iri: str, kind, lang: str) -> dict | None:
    s = NamedNode(iri)
    links = data.names.links
    if kind.hub:
        me = describe(data, iri, [links])
    elif kind.record:
        me = describe(data, iri, graphs_of(data, iri))
    else:
        me = describe(data, iri, home_graphs(data, iri))
    if not me:
        return None
    total = None
    form = 0 if data.embedded else 1
    if kind.hub:
        rows = data.select(INSTANCES_OF_HUB[form], s=s, links=links)
        if len(rows) >= INSTANCE_LIMIT:
            total = next((int(r["n"].value) for r in data.select(COUNT_OF_HUB, s=s, links=links)), None)
    elif kind.record:
        rows = data.select(INSTANCES_OF_WORK[form], s=s)
    else:
        rows = data.select(INSTANCES_OF_EXPRESSIONS[form], s=s)
    instances = instance_rows(data, vocab, rows, lang)
    subjects = entity_refs(data, me.all(BF + "subject"), vocab, lang)
    genres = entity_refs(data, me.all(BF + "genreForm"), vocab, lang)
    languages = vocab_values(me.all(BF + "language"), vocab, lang)
    if kind.hub:
        subjects, genres, languages = member_topics(data, vocab, s, lang)
    found = data.select(RELATED, s=s)
    titles_ = record_facts(data, [r["w"].value for r in found])
    labels = index_labels(data, [r["w"].value for r in found if r["w"].value not in titles_])
    related = []
    for r in found:
        w = r["w"].value
        how = (vocab.label(r["rs"].value, lang) or local_name(r["rs"].value)) if "rs" in r else _("work.related")
        title = titles_[w].title if w in titles_ else labels.get(w)
        related.append((how, ref(data, w, title)))
    clusters = [ref(data, v.term.value, v.label(lang)) for v in me.iris(BF + "expressionOf")]
    members = [ref(data, v.term.value, None) for v in me.iris(BF + "hasExpression")]
    member_titles = record_facts(data, [m.iri for m in members])
    for m in members:
        if m.iri in member_titles and member_titles[m.iri].title:
            m.label = member_titles[m.iri].title
    members.sort(key=lambda m: (m.library or "", m.iri))
    label = me.label(lang) or next((t for k, t in titles(me, lang) if k == "title"), None) or local_name(iri)
    libraries = sorted({row.library.library for row in instances if row.library})
    return {
        "template": "work.html",
        "label": label,
        "hub": kind.hub,
        "classes": sorted(local_name(t) for t in me.types() if t.startswith(BF) and t != BF + "Work"),
        "library": library_ref(data, kind.library) if kind.library else None,
        "titles": titles(me, lang),
        "contributions": contributions(data, me, vocab, lang),
        "languages": languages,
        "subjects": subjects,
        "genres": genres,
        "content": vocab_values(me.all(BF + "content"), vocab, lang),
        "classifications": classifications(me),
        "notes": notes(me, lang),
        "relations": relations(data, me, vocab, lang),
        "clusters": clusters,
        "members": members,
        "instances": [row for row in instances if not row.translation],
        "translations": [row for row in instances if row.translation],
        "instance_libraries": [library_ref(data, code) for code in libraries],
        "total": total,
        "related": related,
    }
