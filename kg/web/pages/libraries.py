"""The libraries: the home page's overview, the list of libraries, a library's page.

Figures come from the index's counters (:meth:`kg.web.data.Data.statistics`, constant time).
What is costly and changes only with the store — a library's newest records and best-stocked
titles, its unlinked headings, the clusters held by the most libraries — is computed once and
kept (:class:`~.common.Memo`).

Unlinked headings are those :func:`kg.link.headings.unlinked_headings` reports (``kg link
--report``): agents and concepts a library's records use that are not one of its own authorities,
publishers' names (``bf:Agent``) left out — here the most used ones, in one bounded statement.

Likely duplicate authority records (:func:`kg.reconcile.duplicates.pairs`, what ``kg authorities
duplicates`` lists) are computed once for every library together — one pass over the authority
records, which takes minutes on a store of a million labels — in the background (the page says
"computing" until then), and kept per library as the count and the :data:`DUPLICATES` best pairs,
the library's own record first, each with its evidence and the ``kg link`` command that settles it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pyoxigraph import Literal

from ...store.aliases import AUTHORITY_RID
from .common import PREFIXES, Ref, library_ref, ref

TOP = 10
UNLINKED = 50
DUPLICATES = 50

RECENT = """
SELECT r.rid, r.work, r.year, r.items, w.title
FROM records r LEFT JOIN link_works w ON w.library = r.library AND w.rid = r.rid
WHERE r.library = ? AND r.kind != 'authority' AND r.year IS NOT NULL ORDER BY r.year DESC, r.rid LIMIT ?"""

STOCKED = """
SELECT r.rid, r.work, r.year, r.items, w.title
FROM records r LEFT JOIN link_works w ON w.library = r.library AND w.rid = r.rid
WHERE r.library = ? AND r.kind != 'authority' ORDER BY r.items DESC, r.rid LIMIT ?"""

UNLINKED_SQL = """
WITH own AS (SELECT DISTINCT entity FROM label_rows WHERE library = ?1 AND rid LIKE ?2 AND form = 'authorised')
SELECT er.entity, er.kind, er.refs,
       (SELECT label || char(31) || cls FROM label_rows l WHERE l.entity = er.entity AND l.library = ?1
        AND l.rid NOT LIKE ?2 LIMIT 1)
FROM entity_refs er
WHERE er.library = ?1 AND er.kind IN ('agent', 'concept') AND er.entity NOT IN own
ORDER BY er.refs DESC, er.entity LIMIT ?3"""

HAS_AUTHORITIES = "SELECT 1 FROM records WHERE library = ? AND kind = 'authority' LIMIT 1"

#: the clusters of works with instances in the most libraries, and of agents named in the most
#: (library codes read from the member IRIs: ``instance/{lib}/…``, ``agent/{lib}/…``); no
#: subquery, so that a remote endpoint, given the bindings as VALUES, answers the same
WIDEST_WORKS = PREFIXES + """
SELECT ?links ?prefix ?h (COUNT(DISTINCT STRBEFORE(STRAFTER(STR(?i), ?prefix), "/")) AS ?libs) (COUNT(?i) AS ?n)
       (SAMPLE(?label) AS ?l) WHERE {
  GRAPH ?links { ?h bf:hasInstance ?i . OPTIONAL { ?h rdfs:label ?label } }
} GROUP BY ?links ?prefix ?h ORDER BY DESC(?libs) DESC(?n) ?h LIMIT 8"""
WIDEST_AGENTS = PREFIXES + """
SELECT ?links ?prefix ?h (COUNT(DISTINCT STRBEFORE(STRAFTER(STR(?m), ?prefix), "/")) AS ?libs) (COUNT(?m) AS ?n)
       (SAMPLE(?label) AS ?l) WHERE {
  GRAPH ?links { ?h owl:sameAs|madsrdf:hasCloseExternalAuthority ?m .
                 ?h a ?cls FILTER(?cls IN (bf:Person, bf:Family, bf:Organization, bf:Meeting))
                 OPTIONAL { ?h rdfs:label ?label } }
} GROUP BY ?links ?prefix ?h ORDER BY DESC(?libs) DESC(?n) ?h LIMIT 8"""
CLUSTERS = PREFIXES + """
SELECT ?links (COUNT(DISTINCT ?a) AS ?agents) (COUNT(DISTINCT ?w) AS ?works) WHERE {
  GRAPH ?links { { ?a owl:sameAs|madsrdf:hasCloseExternalAuthority ?x } UNION { ?w bf:hasExpression ?y } }
} GROUP BY ?links"""


@dataclass
class LibraryRow:
    ref: Ref
    code: str
    kind: str
    city: str
    stats: dict = field(default_factory=dict)


@dataclass
class Heading:
    ref: Ref
    kind: str
    cls: str
    records: int


def library_rows(data) -> list[LibraryRow]:
    stats = data.statistics()
    out = []
    for lib in data.libraries():
        out.append(LibraryRow(library_ref(data, lib.code), lib.code, lib.kind, lib.city, stats.get(lib.code, {})))
    return out


def totals(rows: list[LibraryRow]) -> dict[str, int]:
    keys = ("records", "items", "authorities", "agents", "concepts", "triples")
    return {k: sum(int(r.stats.get(k, 0) or 0) for r in rows) for k in keys}


def _works(data, rows) -> list[tuple[Ref, int | None, int]]:
    """(work, year, items) of index rows (rid, work, year, items, title)."""
    return [(ref(data, work, title), year, items or 0) for _rid, work, year, items, title in rows if work]


def widest(data) -> dict:
    """The home page's examples: clusters across the most libraries, and how many there are."""
    links = data.names.links
    works = []
    for r in data.select(WIDEST_WORKS, links=links, prefix=Literal(data.base + "instance/")):
        works.append((ref(data, r["h"].value, r["l"].value if "l" in r else None), int(r["libs"].value),
                      int(r["n"].value)))
    agents = []
    for r in data.select(WIDEST_AGENTS, links=links, prefix=Literal(data.base + "agent/")):
        agents.append((ref(data, r["h"].value, r["l"].value if "l" in r else None), int(r["libs"].value),
                       int(r["n"].value)))
    counts = next(iter(data.select(CLUSTERS, links=links)), {})
    return {"works": works, "agents": agents,
            "agent_clusters": int(counts["agents"].value) if "agents" in counts else 0,
            "work_clusters": int(counts["works"].value) if "works" in counts else 0}


def unlinked(data, code: str) -> tuple[bool, list[Heading]]:
    """(whether the library has authorities, its most used headings that are none of them)."""
    if not data.index_rows(HAS_AUTHORITIES, (code,)):
        return False, []
    out = []
    for entity, kind, refs, info in data.index_rows(UNLINKED_SQL, (code, AUTHORITY_RID, UNLINKED * 3)):
        if not info:
            continue
        label, _sep, cls = info.partition("\x1f")
        if cls == "Agent":
            continue  # a publisher's or a linking entry's name, not a heading (as kg link --report)
        out.append(Heading(ref(data, entity, label), kind, cls, refs))
        if len(out) >= UNLINKED:
            break
    return True, out


@dataclass
class Duplicate:
    mine: Ref
    mine_id: str
    other: Ref
    other_id: str
    score: int
    evidence: str  # the engine's evidence (English), translated when shown
    detail: str
    command: str


@dataclass
class Duplicates:
    count: int
    pairs: list[Duplicate]


#: the evidence of :mod:`kg.reconcile.duplicates` -> its message
EVIDENCE = {
    "same name, dates agree, not linked": "library.dup.same_dates",
    "same name, one without dates": "library.dup.one_undated",
    "same name, one without dates, several dated namesakes": "library.dup.namesakes",
    "same name, neither dated": "library.dup.undated",
    "the name of one is a variant (4XX) of the other": "library.dup.variant",
    "same name, marks lost in one": "library.dup.marks_lost",
    "same name, other order": "library.dup.order",
    "same name, initials in one": "library.dup.initials",
    "names differ by tone marks, same dates": "library.dup.tones_dated",
    "names differ by tone marks": "library.dup.tones",
    "names one or two letters apart": "library.dup.typo",
}


def duplicates(data, reconciler) -> dict[str, Duplicates]:
    """Library code -> its likely duplicate authority records (see the module docstring)."""
    found: dict[str, list] = {}
    for pair in reconciler.duplicates():
        for mine, other in ((pair.a, pair.b), (pair.b, pair.a)):
            if mine.library == other.library and mine is pair.b:
                continue  # within one library: listed once
            found.setdefault(mine.library, []).append((pair, mine, other))
    out = {}
    for code, pairs in found.items():
        pairs.sort(key=lambda x: (-x[0].score, x[1].label, x[2].library, x[2].label, x[1].entity, x[2].entity))
        out[code] = Duplicates(len(pairs), [
            Duplicate(ref(data, mine.entity, mine.label, mine.library), mine.record_id,
                      ref(data, other.entity, other.label, other.library), other.record_id, round(pair.score),
                      pair.evidence, pair.detail, pair.command)
            for pair, mine, other in pairs[:DUPLICATES]])
    return out


def library_page(data, site, iri: str, kind, lang: str) -> dict | None:
    code = kind.library
    lib = data.library(code)
    if lib is None:
        return None
    stats = data.statistics().get(code, {})

    def compute():
        recent = _works(data, data.index_rows(RECENT, (code, TOP)))
        stocked = _works(data, data.index_rows(STOCKED, (code, TOP)))
        return recent, stocked, unlinked(data, code)

    held = site.memo.get(("library", code), compute)
    recent, stocked, (has_authorities, headings) = held if held is not None else ([], [], (True, None))
    from ..i18n import translate
    from ..reconcile import service

    reconciler = service()
    every = site.memo.get("duplicates", lambda: duplicates(data, reconciler), wait=1.0)
    dups = None if every is None else every.get(code, Duplicates(0, []))
    if dups is not None:  # the memo's values are shared: translated copies
        dups = Duplicates(dups.count, [replace(d, evidence=translate(EVIDENCE[d.evidence]))
                                       if d.evidence in EVIDENCE else d for d in dups.pairs])
    decades: dict[int, int] = {}
    for year, n in (stats.get("years") or {}).items():
        decades[year // 10 * 10] = decades.get(year // 10 * 10, 0) + n
    languages = sorted(((site.label(f"http://id.loc.gov/vocabulary/languages/{c}", lang) or c, c, n)
                        for c, n in (stats.get("languages") or {}).items()), key=lambda x: (-x[2], x[0]))
    return {
        "template": "library.html",
        "label": ref(data, iri, lib.name_en if lang == "en" and lib.name_en else lib.name_vi).label,
        "entry": lib,
        "kind_label": site.label(f"https://w3id.org/thuvien-lienthong/ns#{lib.kind}", lang) if lib.kind else "",
        "stats": stats,
        "decades": sorted(decades.items()),
        "languages": languages,
        "recent": recent,
        "stocked": stocked,
        "has_authorities": has_authorities,
        "unlinked": headings,
        "unlinked_limit": UNLINKED,
        "duplicates": dups,
    }
