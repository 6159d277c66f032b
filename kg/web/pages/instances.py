"""The pages of an instance (a publication as one library described it), of one of its items
(a copy on a shelf), and of a publication across libraries (``instance/hub/isbn-…``).

An instance page reads, each with the IRI bound: the instance's description in its record graph
and in the links graph (its work across libraries), the description of its own work (record
graph), its items with their shelfmarks, barcodes, locations and loan status (``bf:Item`` as
:mod:`kg.convert.items` writes them), and the other libraries' instances of the same publication
(links graph).  Titles and years of those come from the index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from ..i18n import translate as _
from .common import (BF, BFLC, LABEL, OWL, PREFIXES, VALUE, Ref, href, index_labels, library_of,
                     library_ref, local_name, ordered, record_facts, ref)
from .describe import Node, Value, describe, graphs_of
from .common import vocab_values
from .works import classifications, contributions, entity_refs, notes, relations, titles

ITEM_LIMIT = 500

#: every item of the instance with its blank nodes (shelfmark, barcode, sublocation, notes,
#: status), in the record graph
ITEMS = PREFIXES + f"""
SELECT ?s ?g ?it ?p ?o ?p2 ?o2 WHERE {{
  GRAPH ?g {{ ?s bf:hasItem ?it . ?it ?p ?o . OPTIONAL {{ ?o ?p2 ?o2 . FILTER(isBlank(?o)) }} }}
}} LIMIT {ITEM_LIMIT * 20}"""

SAME_PUBLICATION = PREFIXES + """
SELECT ?s ?links ?hub ?other WHERE { GRAPH ?links { ?hub owl:sameAs ?s . ?hub owl:sameAs ?other } } LIMIT 500"""


@dataclass
class Item:
    ref: Ref
    library: Ref | None
    shelfmarks: list[str] = field(default_factory=list)
    barcodes: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)  # empty: on the shelf, no restriction recorded
    notes: list[tuple[str, str]] = field(default_factory=list)  # (kind: a message key or as written, text)
    links: list[Ref] = field(default_factory=list)


@dataclass
class Provision:
    kind: str
    place: str = ""
    agent: Ref | None = None
    date: str = ""


def web_link(data, iri: str) -> Ref:
    """An electronic locator: a link only to a web address (an IRI of another scheme — a
    ``javascript:`` or ``file:`` one a record may carry — is shown as text)."""
    link = href(data.base, iri)
    return Ref(iri, link if link and link.lower().startswith(("http://", "https://")) else None, iri)


def item_of(data, node: Node, lang: str) -> Item:
    iri = node.term.value
    held = next((v.term.value for v in node.iris(BF + "heldBy")), None)
    lib = library_of(data.base, held) if held else library_of(data.base, iri)
    item = Item(ref(data, iri, None), library_ref(data, lib) if lib else None)
    for n in node.nodes(BF + "shelfMark"):
        item.shelfmarks.extend(x for x in ordered(n.literals(LABEL), lang) if x not in item.shelfmarks)
    for n in node.nodes(BF + "identifiedBy"):
        value = n.text(VALUE)
        if value and BF + "Barcode" in n.types():
            item.barcodes.append(value)
        elif value:
            item.notes.append((local_name(next(iter(n.types()), "Identifier")), value))
    item.locations.extend(node.texts(BF + "physicalLocation", lang))
    sublocations = sorted({x for n in node.nodes(BF + "sublocation") for x in ordered(n.literals(LABEL), lang)[:1]})
    item.locations.extend(x for x in sublocations if x not in item.locations)
    for n in node.nodes(BF + "usageAndAccessPolicy"):
        text = n.label(lang)
        if text:
            item.status.append(text)
    for n in node.nodes(BF + "note"):
        kind = n.text(BF + "noteType")
        text = n.label(lang)
        if text:
            item.notes.append((ITEM_NOTES.get(kind or "", kind or ""), text))
    for n in node.nodes(BF + "enumerationAndChronology"):
        if n.label(lang):
            item.notes.append(("item.enumeration", n.label(lang)))
    item.links.extend(web_link(data, v.term.value) for v in node.iris(BF + "electronicLocator"))
    if item.barcodes:
        item.ref.label = item.barcodes[0]
    return item


#: note types the converter writes on items, and the message that names each
ITEM_NOTES = {"copy number": "item.copy", "item type": "item.type", "public note": "item.public_note",
              "shelving form of title": "item.shelving_title", "": "item.note"}


def items_of(data, instance: str, graph: NamedNode, lang: str) -> list[Item]:
    rows = data.select(ITEMS, s=NamedNode(instance), g=graph)
    nodes: dict[str, Node] = {}
    blanks: dict[object, Node] = {}
    for r in rows:
        it = r["it"].value
        node = nodes.setdefault(it, Node(r["it"]))
        o = r["o"]
        v = node.add(r["p"].value, Value(o, graph.value))
        if "p2" in r:
            child = blanks.setdefault(o, Node(o))
            child.add(r["p2"].value, Value(r["o2"], graph.value))
            v.node = child
    out = [item_of(data, node, lang) for node in nodes.values()]
    out.sort(key=lambda i: (i.library.library if i.library else "", i.shelfmarks, i.ref.label))
    return out


def provisions(data, node: Node, vocab, lang: str) -> list[Provision]:
    out = []
    for v in node.all(BF + "provisionActivity"):
        pa = v.node
        if pa is None:
            continue
        kind = next((local_name(t) for t in pa.types() if t.startswith(BF) and t != BF + "ProvisionActivity"),
                    "ProvisionActivity")
        places = pa.texts(BFLC + "simplePlace", lang)
        if not places:
            places = [p.node.label(lang) for p in pa.all(BF + "place") if p.node is not None and p.node.label(lang)]
        agent = None
        agents = pa.iris(BF + "agent")
        names = pa.texts(BFLC + "simpleAgent", lang)
        if agents:
            a = agents[0]
            agent = ref(data, a.term.value, a.label(lang) or (names[0] if names else None))
        elif names:
            agent = Ref(names[0])
        dates = pa.texts(BFLC + "simpleDate", lang) or pa.texts(BF + "date", lang)
        out.append(Provision(kind, "; ".join(places), agent, dates[0] if dates else ""))
    return out


def identifiers(node: Node) -> list[tuple[str, str, str]]:
    """(kind, value, qualifier) of the instance's identifiers (ISBN, ISSN, LCCN, …); prices and
    status ("cancelled/invalid") kept as the qualifier."""
    out = []
    for n in node.nodes(BF + "identifiedBy"):
        value = n.text(VALUE)
        if not value:
            continue
        kind = next((local_name(t) for t in n.types() if t.startswith(BF)), "Identifier")
        extra = [x for x in (n.text(BF + "qualifier"), n.text(BF + "acquisitionTerms")) if x]
        if n.iris(BF + "status"):
            extra.append(_("instance.cancelled"))
        out.append((kind, value, ", ".join(extra)))
    return out


def instance_page(data, vocab, iri: str, kind, lang: str) -> dict | None:
    s = NamedNode(iri)
    graphs = graphs_of(data, iri)
    me = describe(data, iri, graphs)
    if not me:
        return None
    record = NamedNode(kind.record) if kind.record else next((g for g in graphs if g != data.names.links), None)
    works = [v for v in me.iris(BF + "instanceOf")]
    own = next((v.term.value for v in works if v.graph == (record.value if record else "")), None)
    clusters = [ref(data, v.term.value, v.label(lang)) for v in works if v.term.value != own]
    work = describe(data, own, [record]) if own and record else Node(NamedNode(iri))
    items = items_of(data, iri, record, lang) if record else []
    same: list[Ref] = []
    publication = None
    for r in data.select(SAME_PUBLICATION, s=s, links=data.names.links):
        publication = publication or ref(data, r["hub"].value, None)
        other = r["other"].value
        if other != iri and all(x.iri != other for x in same):
            same.append(ref(data, other, None))
    facts = record_facts(data, [x.iri for x in same])
    for x in same:
        f = facts.get(x.iri)
        x.note = f"{f.title or ''}{', ' + str(f.year) if f and f.year else ''}" if f else ""
    title_rows = titles(me, lang)
    label = next((t for k, t in title_rows if k == "title"), None) or me.label(lang) or local_name(iri)
    lib = library_of(data.base, iri)
    return {
        "template": "instance.html",
        "label": label,
        "library": library_ref(data, lib) if lib else None,
        "classes": sorted(local_name(t) for t in me.types() if t.startswith(BF) and t != BF + "Instance"),
        "titles": title_rows,
        "responsibility": me.texts(BF + "responsibilityStatement", lang),
        "edition": me.texts(BF + "editionStatement", lang),
        "provisions": provisions(data, me, vocab, lang),
        "publication_statement": me.texts(BF + "publicationStatement", lang),
        "extent": [x for n in me.nodes(BF + "extent") for x in ordered(n.literals(LABEL), lang)[:1]],
        "dimensions": me.texts(BF + "dimensions", lang),
        "identifiers": identifiers(me),
        "acquisition": me.texts(BF + "acquisitionTerms", lang),
        "series": me.texts(BF + "seriesStatement", lang) + me.texts(BF + "seriesEnumeration", lang),
        "notes": notes(me, lang),
        "carrier": vocab_values(me.all(BF + "issuance") + me.all(BF + "media") + me.all(BF + "carrier"), vocab, lang),
        "links": [web_link(data, v.term.value) for v in me.iris(BF + "electronicLocator")],
        "work": ref(data, own, work.label(lang)) if own else None,
        "clusters": clusters,
        "contributions": contributions(data, work, vocab, lang),
        "languages": vocab_values(work.all(BF + "language"), vocab, lang),
        "subjects": entity_refs(data, work.all(BF + "subject"), vocab, lang),
        "genres": entity_refs(data, work.all(BF + "genreForm"), vocab, lang),
        "classifications": classifications(work),
        "work_notes": notes(work, lang),
        "relations": relations(data, work, vocab, lang),
        "items": items,
        "publication": publication,
        "same": same,
    }


def item_page(data, vocab, iri: str, kind, lang: str) -> dict | None:
    graph = NamedNode(kind.record)
    me = describe(data, iri, [graph])
    if not me:
        return None
    item = item_of(data, me, lang)
    instance = next((v for v in me.iris(BF + "itemOf")), None)
    inst_ref = ref(data, instance.term.value, instance.label(lang)) if instance else None
    if inst_ref is not None:
        f = record_facts(data, [inst_ref.iri]).get(inst_ref.iri)
        if f and f.title:
            inst_ref.label = f.title
    return {
        "template": "item.html",
        "label": f"{item.ref.label} — {inst_ref.label}" if inst_ref else item.ref.label,
        "item": item,
        "instance": inst_ref,
        "library": item.library,
    }


def publication_page(data, vocab, iri: str, kind, lang: str) -> dict | None:
    """``instance/hub/{scheme}-{number}``: one publication (same ISBN, ISSN, LCCN) in several
    libraries."""
    me = describe(data, iri, [data.names.links])
    if not me:
        return None
    members = [ref(data, v.term.value, None) for v in me.iris(OWL + "sameAs")]
    facts = record_facts(data, [m.iri for m in members])
    labels = index_labels(data, [m.iri for m in members if m.iri not in facts])
    for m in members:
        f = facts.get(m.iri)
        m.label = (f.title if f else None) or labels.get(m.iri) or m.label
        m.note = str(f.year) if f and f.year else ""
    members.sort(key=lambda m: (m.library or "", m.iri))
    return {
        "template": "publication.html",
        "label": me.label(lang) or local_name(iri),
        "identifiers": identifiers(me),
        "members": members,
        "libraries": [library_ref(data, code) for code in sorted({m.library for m in members if m.library})],
    }

