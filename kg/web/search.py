"""Search over the label index, with facets: ``/search?q=&library=&type=&language=&year=&subject=&page=``.

Matching is the index's: the query folded (no tones, đ → d, lower case) against the folded
labels, every word, the last one as a prefix — "nguyen du" finds Nguyễn Du, and also Nguyễn Dữ,
whom only the tone tells apart; the reader sees both, with their dates.  Candidates are the
``CANDIDATES`` best label rows by BM25 (one full-text statement); everything else is computed
over them:

- each row carries its record's facts from the index: library, year (decade), languages, and
  the concepts (subjects, genres) of the record;
- facets count distinct results over the rows that pass every *other* selected facet, so a
  reader can switch from one library to another without clearing the rest;
- one result per entity: an Instance found by its title counts as its record's Work (the
  "type" facet lists instances apart), and a library's entity that belongs to a cluster of the
  links graph (``agent/hub``, ``work/hub``, ``instance/hub``) is shown as that cluster, once,
  with the libraries its matching members come from.  The cluster of an entity is one point
  query, kept in an LRU cache (the store does not change under a running server), asked only
  for the results up to the page shown.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from pyoxigraph import NamedNode

from ..text.vietnamese import fold
from .i18n import translate as _
from .pages.common import PREFIXES, Site, href, index_info, library_name, local_name

CANDIDATES = 1000
PAGE = 20
EXACT_COUNT = 100
SUBJECTS_SHOWN = 15
KINDS = ("work", "agent", "concept", "instance")
PARAMS = ("q", "library", "type", "language", "year", "subject")

CANDIDATE_ROWS = """
SELECT r.entity, r.kind, r.label, r.folded, r.library, r.rid, r.cls, r.form, c.rank,
       rec.year, rec.languages, rec.work, rec.instance, rec.kind
FROM (SELECT rowid, rank FROM labels WHERE labels MATCH ? ORDER BY rank LIMIT ?) AS c
JOIN label_rows r ON r.id = c.rowid
LEFT JOIN records rec ON rec.library = r.library AND rec.rid = r.rid"""

RECORD_CONCEPTS = """
SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), e.entity
FROM json_each(?) AS j
JOIN entities e ON e.library = json_extract(j.value, '$[0]') AND e.rid = json_extract(j.value, '$[1]')
WHERE e.kind = 'concept'"""

CLUSTER_OF = PREFIXES + """
SELECT ?m ?links ?hub ?label WHERE {
  GRAPH ?links {
    ?hub ?p ?m . FILTER(?p = owl:sameAs || ?p = madsrdf:hasCloseExternalAuthority || ?p = bf:hasExpression)
    OPTIONAL { ?hub ?lp ?label . FILTER(?lp = rdfs:label) }
  }
} LIMIT 1"""

_YEARS = re.compile(r"^\s*(\d{3,4})\s*(?:-\s*(\d{3,4}))?\s*$")


@dataclass
class Query:
    q: str = ""
    library: str = ""
    type: str = ""
    language: str = ""
    year: str = ""  # "1983" or a range "1980-1989"
    subject: str = ""  # a concept IRI
    page: int = 1

    @classmethod
    def from_args(cls, args) -> "Query":
        def arg(name: str, limit: int = 500) -> str:
            return (args.get(name) or "").strip()[:limit]

        try:
            page = max(1, min(int(args.get("page") or 1), 1000))
        except ValueError:
            page = 1
        kind = arg("type")
        return cls(arg("q"), arg("library", 64), kind if kind in KINDS else "", arg("language", 16), arg("year", 16),
                   arg("subject", 2000), page)

    def years(self) -> tuple[int, int] | None:
        m = _YEARS.match(self.year)
        if not m:
            return None
        lo = int(m.group(1))
        return lo, int(m.group(2) or lo)

    def params(self, **changes) -> dict[str, str]:
        values = {name: getattr(self, name) for name in PARAMS}
        values.update(changes)
        return {k: v for k, v in values.items() if v}

    def url(self, lang: str | None = None, **changes) -> str:
        params = self.params(**changes)
        if lang:
            params["lang"] = lang
        return "/search?" + urlencode(params)


@dataclass
class Row:
    entity: str
    kind: str
    label: str
    folded: str
    library: str
    cls: str
    form: str
    rank: float
    year: int | None
    languages: list[str]
    rid: str = ""
    key: str = ""  # the result it counts for
    concepts: set[str] = field(default_factory=set)


@dataclass
class Result:
    iri: str
    href: str | None
    kind: str
    cls: str
    label: str
    matched: str = ""
    libraries: list[str] = field(default_factory=list)
    hub: bool = False
    year: int | None = None
    members: list[str] = field(default_factory=list)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str
    values: list[FacetValue]


@dataclass
class Results:
    query: Query
    results: list[Result]
    total: int
    facets: list[Facet]
    has_next: bool
    capped: bool
    about: bool = False  # the total counts entities before their clusters were merged


class Clusters:
    """member IRI -> (hub IRI, hub label) or None, bounded LRU, one point query per miss."""

    def __init__(self, size: int = 100_000):
        self.size = size
        self._map: OrderedDict[str, tuple[str, str] | None] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, data, iri: str) -> tuple[str, str] | None:
        with self._lock:
            if iri in self._map:
                self._map.move_to_end(iri)
                return self._map[iri]
        rows = data.select(CLUSTER_OF, m=NamedNode(iri), links=data.names.links)
        value = None
        if rows:
            hub = rows[0]["hub"].value
            value = (hub, rows[0]["label"].value if "label" in rows[0] else local_name(hub))
        with self._lock:
            self._map[iri] = value
            while len(self._map) > self.size:
                self._map.popitem(last=False)
        return value


def match_expression(text: str) -> str | None:
    """The FTS5 expression for a query (folded words, quoted; the last one a prefix)."""
    words = fold(text).split()[:12]
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return "folded : (" + " ".join(quoted) + ")"


def candidates(data, text: str) -> tuple[list[Row], bool]:
    expression = match_expression(text)
    if expression is None:
        return [], False
    rows = data.index_rows(CANDIDATE_ROWS, (expression, CANDIDATES))
    out = []
    for entity, kind, label, folded, lib, rid, cls, form, rank, year, languages, work, instance, rec_kind in rows:
        row = Row(entity, kind, label, folded, lib, cls, form, rank, year, (languages or "").split(), rid, entity)
        if kind == "instance" and entity == instance and work:
            row.key = work  # an instance found by its title stands for its record's work
        out.append(row)
    concepts: dict[tuple[str, str], set[str]] = {}
    pairs = sorted({(r.library, r.rid) for r in out})
    if pairs:
        for lib, rid, concept in data.index_rows(RECORD_CONCEPTS, (json.dumps(pairs),)):
            concepts.setdefault((lib, rid), set()).add(concept)
    for r in out:
        r.concepts = concepts.get((r.library, r.rid), set())
    return out, len(rows) >= CANDIDATES


def _decade(year: int | None) -> str | None:
    return f"{year // 10 * 10}-{year // 10 * 10 + 9}" if year else None


def _failures(row: Row, q: Query) -> frozenset[str]:
    """The selected facets ``row`` does not satisfy."""
    out = set()
    if q.library and row.library != q.library:
        out.add("library")
    if q.type and not (row.kind == q.type or (q.type == "work" and row.kind == "instance")):
        out.add("type")
    if q.language and q.language not in row.languages:
        out.add("language")
    if q.year:
        span = q.years()
        if span is None or row.year is None or not span[0] <= row.year <= span[1]:
            out.add("year")
    if q.subject and q.subject not in row.concepts:
        out.add("subject")
    return frozenset(out)


def _key(row: Row, q: Query) -> str:
    return row.entity if q.type == "instance" else row.key


def facets(data, site: Site, rows: list[Row], q: Query, lang: str) -> list[Facet]:
    out = []

    fails = [_failures(r, q) for r in rows]

    def counted(name: str, values_of) -> dict[str, set]:
        """value -> results, over the rows that pass every selected facet but this one"""
        counts: dict[str, set] = {}
        for r, failed in zip(rows, fails):
            if not failed or failed == {name}:
                for v in values_of(r):
                    if v:
                        counts.setdefault(v, set()).add(_key(r, q))
        return counts

    def facet(name: str, counts: dict[str, set], label, selected: str, order=None, limit: int | None = None) -> None:
        items = sorted(counts.items(), key=order or (lambda kv: (-len(kv[1]), kv[0])))
        if limit:
            items = items[:limit]
        values = [FacetValue(v, label(v), len(keys), v == selected,
                             q.url(lang, **{name: "" if v == selected else v}, page=""))
                  for v, keys in items]
        if selected and all(not x.selected for x in values):
            values.insert(0, FacetValue(selected, label(selected), 0, True, q.url(lang, **{name: ""}, page="")))
        if values:
            out.append(Facet(name, values))

    facet("library", counted("library", lambda r: [r.library]), lambda v: library_name(data, v, lang), q.library)
    facet("type", counted("type", lambda r: [r.kind] + (["work"] if r.kind == "instance" else [])),
          lambda v: _(f"kind.{v}"), q.type, order=lambda kv: KINDS.index(kv[0]) if kv[0] in KINDS else 9)
    facet("language", counted("language", lambda r: r.languages),
          lambda v: site.label(f"http://id.loc.gov/vocabulary/languages/{v}", lang) or v, q.language)
    facet("year", counted("year", lambda r: [_decade(r.year)]), lambda v: v, q.year,
          order=lambda kv: kv[0], limit=None)
    subjects = counted("subject", lambda r: r.concepts)
    top = dict(sorted(subjects.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:SUBJECTS_SHOWN])
    if q.subject and q.subject in subjects:
        top[q.subject] = subjects[q.subject]
    names = {iri: label for iri, (label, _cls) in index_info(data, list(top) + ([q.subject] if q.subject else [])).items()}
    facet("subject", top, lambda v: names.get(v, local_name(v)), q.subject)
    return out


def search(data, site: Site, clusters: Clusters, q: Query, lang: str) -> Results:
    rows, capped = candidates(data, q.q)
    if not rows:
        return Results(q, [], 0, [], False, False)
    facet_list = facets(data, site, rows, q, lang)
    best: dict[str, list[Row]] = {}
    target = match_expression(q.q)
    folded_query = " ".join(fold(q.q).split())
    for r in rows:
        if not _failures(r, q):
            best.setdefault(_key(r, q), []).append(r)

    def score(key: str) -> tuple:
        group = best[key]
        exact = any(r.folded == folded_query or r.folded.startswith(folded_query + " ") for r in group)
        return (not exact, min(r.rank for r in group), key)

    ordered = sorted(best, key=score)
    # clusters are resolved as far as the page shown needs, and for short lists to the end, so
    # that the count is of results as shown; a long list's count is of entities ("about")
    exact = len(ordered) <= EXACT_COUNT
    results: OrderedDict[str, Result] = OrderedDict()
    wanted = len(ordered) if exact else q.page * PAGE + 1
    key_rows: dict[str, list[Row]] = {}
    for key in ordered:
        group = best[key]
        kind = "work" if q.type != "instance" and group[0].kind == "instance" else group[0].kind
        cluster = clusters.get(data, key) if kind != "concept" and target else None
        shown = cluster[0] if cluster else key
        if shown not in results:
            if len(results) >= wanted:
                break
            results[shown] = Result(shown, href(data.base, shown), kind, "", cluster[1] if cluster else "",
                                    hub=cluster is not None)
            key_rows[shown] = []
        key_rows[shown].extend(group)
        res = results[shown]
        for r in group:
            if r.library not in res.libraries:
                res.libraries.append(r.library)
            if r.year and kind in ("work", "instance") and (res.year is None or r.year < res.year):
                res.year = r.year
        if key not in res.members:
            res.members.append(key)
    start = (q.page - 1) * PAGE
    page = list(results.values())[start:start + PAGE]
    keys_of_page = [k for res in page for k in res.members]
    info = index_info(data, keys_of_page)
    for res in page:
        group = key_rows[res.iri]
        own = info.get(res.members[0])
        if not res.label:
            res.label = own[0] if own else next((r.label for r in group if r.entity == res.members[0]), group[0].label)
        res.cls = next((r.cls for r in group if r.cls), "") if not res.hub or res.kind != "work" else ""
        if res.cls in ("Hub", "Series"):
            res.cls = ""
        shown = fold(res.label)
        matched = min(group, key=lambda r: r.rank)
        if fold(matched.label) != shown and matched.label not in res.label:
            res.matched = matched.label
        res.libraries.sort()
    total = len(results) if exact else len(ordered)
    return Results(q, page, total, facet_list, len(results) > start + PAGE, capped, not exact)
