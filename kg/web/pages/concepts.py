"""The page of a concept: a topic, place, genre or period of a library (``concept/{lib}/…``).

Read with the IRI bound: its description (authority graph, else one record graph that uses it:
labels, variants, scheme, broader terms), the works about it (``bf:subject``) and of its genre
(``bf:genreForm``), at most ``WORK_LIMIT`` each, its narrower terms (``madsrdf:hasBroaderAuthority``
pointing at it).  Concepts are not clustered across libraries; the same heading in other
libraries is found in the label index (same folded form, a full-text match on it).
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from ...text.vietnamese import fold
from .common import (BF, LABEL, MADS, PREFIXES, Ref, index_labels, library_ref, local_name, ordered, record_facts,
                     ref)
from .describe import describe, home_graphs
from .common import vocab_values

WORK_LIMIT = 200

ABOUT = PREFIXES + f"""
SELECT ?s ?w WHERE {{ ?w bf:subject ?s }} LIMIT {WORK_LIMIT}"""
OF_GENRE = PREFIXES + f"""
SELECT ?s ?w WHERE {{ ?w bf:genreForm ?s }} LIMIT {WORK_LIMIT}"""
NARROWER = PREFIXES + """
SELECT ?s ?n WHERE { ?n madsrdf:hasBroaderAuthority ?s } LIMIT 200"""

SAME_HEADING = """
SELECT DISTINCT r.entity, r.library FROM labels JOIN label_rows r ON r.id = labels.rowid
WHERE labels MATCH ? AND r.kind = 'concept' AND r.folded = ? AND r.entity != ?
LIMIT 50"""

CLASSES = ("Topic", "Place", "GenreForm", "Temporal", "Event")


def works(data, rows: list[dict]) -> list[Ref]:
    iris = list(dict.fromkeys(r["w"].value for r in rows))
    facts = record_facts(data, iris)
    labels = index_labels(data, [i for i in iris if i not in facts])
    out = []
    for iri in iris:
        f = facts.get(iri)
        r = ref(data, iri, (f.title if f else None) or labels.get(iri))
        r.note = str(f.year) if f and f.year else ""
        out.append(r)
    out.sort(key=lambda r: (r.label.casefold(), r.library or ""))
    return out


def concept_page(data, vocab, iri: str, kind, lang: str) -> dict | None:
    s = NamedNode(iri)
    me = describe(data, iri, home_graphs(data, iri, links=False))
    if not me:
        return None
    label = me.text(MADS + "authoritativeLabel", lang) or me.label(lang) or local_name(iri)
    names = []
    for text in ordered(me.literals(MADS + "authoritativeLabel") + me.literals(LABEL), lang):
        if text != label and text not in names:
            names.append(text)
    for v in me.all(MADS + "hasVariant"):
        texts = v.node.texts(MADS + "variantLabel", lang) if v.node is not None else ordered(v.labels, lang)
        names.extend(t for t in texts if t != label and t not in names)
    broader_values = me.iris(MADS + "hasBroaderAuthority") + me.iris(MADS + "hasBroaderExternalAuthority")
    narrower_iris = [r["n"].value for r in data.select(NARROWER, s=s)] + \
        [v.term.value for v in me.iris(MADS + "hasNarrowerAuthority")]
    labels = index_labels(data, [v.term.value for v in broader_values if not v.labels] + narrower_iris)
    broader = [ref(data, v.term.value, v.label(lang) or labels.get(v.term.value)) for v in broader_values]
    narrower = [ref(data, n, labels.get(n)) for n in dict.fromkeys(narrower_iris)]
    folded = fold(label)
    same = []
    if folded:
        match = "folded : " + '"' + folded + '"'
        for entity, lib in data.index_rows(SAME_HEADING, (match, folded, iri)):
            same.append(ref(data, entity, library_ref(data, lib).label, lib))
    types = me.types()
    cls = next((c for c in CLASSES if BF + c in types), "Topic")
    return {
        "template": "concept.html",
        "label": label,
        "cls": cls,
        "library": library_ref(data, kind.library),
        "names": names,
        "schemes": vocab_values(me.all(BF + "source") + me.all(MADS + "isMemberOfMADSScheme"), vocab, lang),
        "notes": [t for p in (MADS + "note", MADS + "editorialNote", MADS + "scopeNote", MADS + "historyNote")
                  for t in me.texts(p, lang)],
        "broader": broader,
        "narrower": narrower,
        "about": works(data, data.select(ABOUT, s=s)),
        "of_genre": works(data, data.select(OF_GENRE, s=s)),
        "work_limit": WORK_LIMIT,
        "same": same,
    }
