"""The matching engine: candidates from the label index, a score that explains itself, and a
``match`` flag only when accepting the first candidate blindly is safe.

**Candidates.**  A name query is folded (:func:`kg.text.vietnamese.fold`: no tones, no marks,
đ → d) and looked up in the full-text index of labels, cheapest question first, one lookup in
the common case:

1. the folded name as a phrase at the start of a label, in each reading order — direct and
   comma-inverted, or for a name typed without a comma also with the last syllable first (Western
   order, "John Williams" for "Williams, John"; not when it begins with a common Vietnamese
   family name) — and with its syllables run together ("NguyễnVănLong", the vnulib OPAC's
   copies); when a common name fills the limit and the query has dates, the dated forms are
   asked for first.  Initials are the costly case: a one-letter prefix ("v*") makes the index
   read the posting lists of every word beginning with that letter (2-30 ms on a million
   labels).  So a name with initials beside two full words or more ("Trần Đ. Suyền") asks for
   the full words only; "Nguyễn V. A." checks the whole pattern ("nguyen v% a%") on the folded
   labels of its full word — the first few thousand when the initials are common (the catalog
   knows how many words begin with each letter), else those the index gives for the full word
   and the initial whose words are fewest, a rare letter and a cheap prefix;
2. only if that finds nothing: every word anywhere, in any order;
3. only if that finds nothing (a typo): every word but one, for each word.

Each lookup stops after a fixed number of distinct labels, so a common name costs what a rare one
does.  Folded keys only *propose*; every decision below is made on the original forms.

**Scoring** (0–100, :mod:`kg.reconcile.scoring` for the name): 0.9 × the best name similarity
over the entity's forms — a cluster's preferred label, authorised forms, headings, 4XX variants of
all its members — so that an exact name alone scores 90 and evidence moves it: dates (agreeing
+6, contradicting −35), type (another class −25, an agent of unknown class −5; excluded with
``type_strict`` any/all), identifiers (a shared one: 100; another number of the same scheme:
−40), an authority record behind it (+1), a work only named by another record (−3), and the
properties a query adds: library (+2), title of a work by the agent (+5), creator of a work
(+5 / −15), language (+2 / −5), ISBN (100).  Every term is reported as a ``feature``.

**match: true** only when all hold (the issue's rule for automatic acceptance):

- the first candidate's name equals one of its forms, tones and all (``exact``) — or it holds
  an identifier the query gives, and the query's name (if any) is not another's;
- its dates do not contradict the query's; no identifier of the query's schemes contradicts;
  its type is one the query asks for;
- no rival: no other candidate within 8 points, and no other candidate that the query cannot
  tell apart — the same name exactly (or, for a query typed without marks, the same folded name),
  with dates that do not contradict — unless the first has evidence the rival lacks (agreeing
  dates where the rival has none, the work given in the query, a shared identifier).  Two
  Hoàng Cầm without dates: no match; "Hoàng Cầm, 1922-2010": the poet.  "Nguyen Du" without marks
  is Nguyễn Du or Nguyễn Dữ: no match.  The same subject heading in two libraries' catalogues
  is one heading, not a rival; nor is a work another record only names ("Truyện Kiều" as the
  subject of "Từ điển Truyện Kiều") when the described work of that title comes first.

A cell of a Person (or other agent) query copied from a statement of responsibility loses its
role words ("Đoàn Thanh Nghị chủ biên"); one naming several people is searched for the first
and never matched.

Queries that are identifiers (:func:`kg.reconcile.query.identifier`) or our own IRIs answer the
entity holding them, score 100, ``match`` when exactly one entity does.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..link.works import title_key
from ..text.heading import heading_key
from ..text.identifiers import isbn_key
from ..text.names import Dates, normalise, split_dates, strip_roles
from ..text.vietnamese import fold
from . import scoring
from .entities import Catalog, Entity, Label, Snapshot, WorkRow
from .query import Query, QueryError, identifier
from .vocab import KINDS, Type, type_of_class

_WORDS = re.compile(r"[^\W_]+")
#: the commonest Vietnamese family names, folded: a name that begins with one is in Vietnamese
#: order already, and the full-text index need not be asked for it with its last word first
FAMILY_NAMES = frozenset("""nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dao doan vuong
trinh truong dinh lam phung to ta luu chau quach luong kieu ton chu lai trieu khuc mac than diep hua uong
tang""".split())
STAGE_ROWS = 25  # distinct entities per full-text lookup
TYPO_ROWS = 25
INITIALS_SCAN = 4000  # labels of a full word read for a pattern of common initials
#: words of a name given to the full-text index: the lookup of a name of k words asks for k
#: alternatives of k - 1 words when nothing matched, and a "name" of 1,000 words (a 3,000-
#: character cell) made SQLite's FTS5 take 17 GB; no name or title needs more to find candidates
#: (the whole name is still scored)
MAX_LOOKUP_WORDS = 24
NAME_WEIGHT = 0.9  # an exact name alone scores 90: the rest is for the evidence around it
MARGIN = 8.0
DATES_AGREE, DATES_CONTRADICT = 6.0, -35.0
TYPE_OTHER, TYPE_UNKNOWN = -25.0, -5.0
ID_CLASH = -40.0
LIBRARY_BONUS, TITLE_BONUS, CREATOR_BONUS, CREATOR_CLASH = 2.0, 5.0, 5.0, -15.0
LANGUAGE_BONUS, LANGUAGE_CLASH = 2.0, -5.0
NAME_CONFLICT = 60.0  # below this, a name contradicts the identifier given with it
AUTHORITY_BONUS = 1.0  # an authority record backs it
REFERENCED_WORK = -3.0  # a work only named by a record (a 600 $t, a 7XX $t), not described by one


@dataclass
class Candidate:
    id: str
    name: str
    type: Type
    score: float
    match: bool
    description: str
    features: list[tuple[str, float | bool]]
    entity: Entity = field(repr=False)
    similarity: scoring.Similarity = field(repr=False, default=scoring.Similarity(scoring.FUZZY, 0.0))
    matched: Label | None = field(repr=False, default=None)

    def as_json(self, lang: str = "en") -> dict:
        """The candidate as the Reconciliation API 0.2 writes it."""
        return {"id": self.id, "name": self.name, "type": [self.type.as_json(lang)], "score": self.score,
                "match": self.match, "description": self.description,
                "features": [{"id": k, "value": v} for k, v in self.features]}


@dataclass
class _Plan:
    query: Query
    name: scoring.Name | None = None
    text: str = ""
    dates: Dates | None = None
    year: int | None = None  # a bare year given as the dates property: birth or death
    kinds: tuple[str, ...] = KINDS
    ids: list[tuple[str, str]] = field(default_factory=list)
    only_ids: bool = False  # the query text itself was an identifier or one of our IRIs
    several: bool = False  # the cell named several people: the first is sought, never matched
    direct: list[str] = field(default_factory=list)  # answers found by identifier / IRI
    libraries: set[str] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)
    creators: list[str] = field(default_factory=list)
    languages: set[str] = field(default_factory=set)
    isbns: set[str] = field(default_factory=set)
    hits: list[str] = field(default_factory=list)  # member IRIs proposed by the index


@dataclass
class _Scored:
    entity: Entity
    similarity: scoring.Similarity
    matched: Label | None
    score: float
    dates: int = 0
    type_ok: bool = True
    type_known: bool = True
    id_match: bool = False
    id_clash: bool = False
    library: bool | None = None
    work: bool | None = None
    creator: bool | None = None
    language: bool | None = None
    isbn: bool = False


class Matcher:
    """Batches of queries against a :class:`Catalog` (the engine behind :class:`Reconciler`)."""

    def __init__(self, catalog: Catalog, lang: str = "vi"):
        self.catalog = catalog
        self.lang = lang

    # -- planning ---------------------------------------------------------------------------

    def plan(self, q: Query, snap: Snapshot) -> _Plan:
        p = _Plan(q)
        text = q.query.strip()
        if q.types:
            p.kinds = tuple(dict.fromkeys(t.kind for t in q.types))
        ident = identifier(text)
        if ident is None and text.isdigit() and len(text) >= 5:
            ident = ("viaf", text) if self.catalog.by_identifier("viaf", text) else None
        if ident is not None:
            p.only_ids = True
            if ident[0] == "uri":
                found = self.catalog.known(ident[1])
                p.direct = [found] if found else []
            else:
                p.ids.append(ident)
        else:
            if q.types and all(t.kind == "agent" for t in q.types):
                p.text, p.several = _one_name(text)  # a title keeps its words ("… minh họa")
            else:
                p.text = text
            if p.text:
                p.name = scoring.parse(p.text)
                p.dates = p.name.dates
        for pid, scheme in (("identifier", None), ("viaf", "viaf"), ("isni", "isni"), ("wikidata", "wikidata"),
                            ("lccn", "lccn")):
            for v in q.values(pid):
                found = identifier(v, scheme)
                if found and found[0] == "uri":
                    known = self.catalog.known(found[1])
                    if known:
                        p.direct.append(known)
                elif found and found not in p.ids:
                    p.ids.append(found)
        for v in q.values("dates"):
            v = v.strip()
            if re.fullmatch(r"\d{3,4}", v):
                p.year = int(v)  # "1941": a year of birth or of death, the cell does not say
                break
            _, d = split_dates(v if any(ch.isalpha() for ch in v) else "x " + v)
            if d is not None:
                p.dates = d
                break
        libraries = {code.casefold(): code for code in snap.libraries}
        names = {fold(lib.name_vi): code for code, lib in snap.libraries.items()}
        names.update({fold(lib.name_en): code for code, lib in snap.libraries.items() if lib.name_en})
        for v in q.values("library"):
            v = v.rsplit("/", 1)[-1] if v.startswith("http") else v
            code = libraries.get(v.strip().casefold()) or names.get(fold(v))
            p.libraries.add(code or v.strip())
        p.titles = [v for v in q.values("title") if v.strip()]
        p.creators = [v for v in q.values("creator") if v.strip()]
        p.languages = {v.strip().rsplit("/", 1)[-1].casefold() for v in q.values("language") if v.strip()}
        p.isbns = {k for k in (isbn_key(v) for v in q.values("isbn")) if k}
        return p

    # -- candidates -------------------------------------------------------------------------

    def fts(self, expression: str, kinds: tuple[str, ...], limit: int, like: list[str] | None = None,
            scan: int | None = None) -> list[str]:
        """Distinct entities of labels matching a full-text ``expression`` (and, if given, one of
        the ``like`` patterns over the folded label), in index order, at most ``limit``; with
        ``scan``, only among the first ``scan`` labels the expression matches."""
        source = "labels JOIN label_rows r ON r.id = labels.rowid WHERE labels MATCH ?"
        if scan:
            source = "(SELECT rowid AS id FROM labels WHERE labels MATCH ? LIMIT ?) h JOIN label_rows r ON r.id = h.id WHERE 1"
        sql = f"SELECT DISTINCT r.entity FROM {source} AND r.kind IN ({','.join('?' * len(kinds))})"
        params: list = [f"folded : ({expression})", *([scan] if scan else []), *kinds]
        if like:
            sql += " AND (" + " OR ".join("r.folded LIKE ? ESCAPE '\\'" for _ in like) + ")"
            params += like
        rows = self.catalog.db().execute(sql + " LIMIT ?", (*params, limit)).fetchall()
        return [r[0] for r in rows]

    def candidates(self, p: _Plan, snap: Snapshot) -> list[str]:
        """Member IRIs the index proposes for the plan's name (see the module docstring)."""
        if p.name is None:
            return []
        orders = [list(o)[:MAX_LOOKUP_WORDS] for o in dict.fromkeys(p.name.folded)]
        if not orders or not orders[0]:
            words = scoring.folded_tokens(p.name.text)[:MAX_LOOKUP_WORDS]
            if not words:
                return []
            orders = [words]
        words = orders[0]
        kinds = p.kinds
        full = [w for w in words if len(w) > 1 or w.isdigit()]
        if not full:
            return []  # initials alone ("H. Z."): too little to look for
        if len(full) >= 2 and len(full) < len(words):
            # initials beside two full words or more ("Trần Đ. Suyền"): the full words are selective
            # enough, and a one-letter prefix would make the index read every word it begins
            return list(dict.fromkeys(self.fts(" ".join(token(w) for w in full), kinds, STAGE_ROWS)))
        readings = list(orders)
        if len(orders) == 1 and len(words) > 1 and words[0] not in FAMILY_NAMES:
            readings.append(words[-1:] + words[:-1])  # "John Williams" for "Williams, John"
        initials = [w for w in words if len(w) == 1 and w.isalpha()]
        if initials and snap.letters:
            # "Nguyễn V. A.": the full word's labels, the whole pattern checked on the folded label
            like = [" ".join(w + "%" if len(w) == 1 and w.isalpha() else w.replace("_", "\\_") for w in r) + "%"
                    for r in readings]
            full_words = " ".join(token(w) for w in full)
            total = sum(snap.letters.values()) or 1
            share = math.prod(snap.letters.get(w, 0) / total for w in initials)
            if share * INITIALS_SCAN >= 2 * STAGE_ROWS:
                # common initials ("Nguyễn T. T."): the first labels of the full word hold enough
                hits = self.fts(full_words, kinds, STAGE_ROWS, like, scan=INITIALS_SCAN)
                if len(hits) >= STAGE_ROWS:
                    return hits
            # rare ones: ask the index for the initial whose words are fewest (its prefix is cheap)
            rarest = min(initials, key=lambda w: snap.letters.get(w, 0))
            return self.fts(f'{full_words} "{rarest}"*', kinds, STAGE_ROWS, like)
        phrases = [_phrase(r) for r in readings]
        if len(words) > 1:  # "NguyễnVănLong": an OPAC copy whose syllables ran together
            phrases.append(token("".join(words)))
        hits = self.fts(" OR ".join(phrases), kinds, STAGE_ROWS)
        if len(hits) >= STAGE_ROWS and p.dates is not None and (p.dates.birth or p.dates.death):
            # a common name: the dated forms first, lest the right one be past the limit
            year = str(p.dates.birth or p.dates.death)
            hits = self.fts(" OR ".join(_phrase(r + [year]) for r in readings), kinds, STAGE_ROWS // 3) + hits
        if not hits:
            hits = self.fts(" ".join(token(w) for w in words), kinds, STAGE_ROWS)
        if not hits and len(full) > 1:
            alternatives = [" ".join(token(w) for j, w in enumerate(full) if j != i) for i in range(len(full))]
            hits = self.fts(" OR ".join(f"({a})" for a in alternatives), kinds, TYPO_ROWS)
        return list(dict.fromkeys(hits))

    # -- the batch --------------------------------------------------------------------------

    def match(self, queries: dict, lang: str | None = None) -> dict[str, list[Candidate]]:
        lang = lang or self.lang
        snap = self.catalog.snapshot()
        plans: dict[str, _Plan] = {}
        for key, q in queries.items():
            if not isinstance(q, Query):
                q = Query.from_json(q)
            p = self.plan(q, snap)
            for scheme, value in p.ids:
                p.direct += [a for a in self.catalog.by_identifier(scheme, value) if a not in p.direct]
            if not p.only_ids:
                p.hits = self.candidates(p, snap)
            plans[key] = p
        wanted = {i for p in plans.values() for i in p.direct + p.hits}
        entities = self.catalog.entities(wanted, snap)
        extra = _Extra(self.catalog, snap, entities, plans.values())
        return {key: self._rank(p, snap, entities, extra, lang) for key, p in plans.items()}

    def _rank(self, p: _Plan, snap: Snapshot, entities: dict[str, Entity], extra: "_Extra",
              lang: str) -> list[Candidate]:
        q = p.query
        if q.unknown_types and not q.types and q.type_strict != "should":
            return []  # only types we do not have, strictly: nothing can be one
        answers = list(dict.fromkeys(snap.answer(i) for i in p.direct + p.hits))
        scored: list[_Scored] = []
        for a in answers:
            e = entities.get(a)
            if e is None or (e.kind not in p.kinds and a not in p.direct):
                continue
            s = self._score(p, e, a in p.direct, extra)
            if s is None:
                continue
            scored.append(s)
        scored.sort(key=lambda s: (-s.score, -scoring.RANK[s.similarity.cls], -s.entity.records,
                                   s.entity.name, s.entity.id))
        out = []
        decided = _decide(p, scored)
        for i, s in enumerate(scored[: q.limit]):
            out.append(Candidate(s.entity.id, s.entity.name, type_of_class(s.entity.cls, s.entity.kind),
                                 round(s.score, 2), i == 0 and decided, describe(s.entity, lang),
                                 _features(p, s), s.entity, s.similarity, s.matched))
        return out

    def _score(self, p: _Plan, e: Entity, direct: bool, extra: "_Extra") -> _Scored | None:
        q = p.query
        if p.only_ids:
            s = _Scored(e, scoring.Similarity(scoring.EXACT, 100.0), None, 100.0, id_match=True)
        else:
            sim, matched = _best_name(p.text, e)
            s = _Scored(e, sim, matched, NAME_WEIGHT * sim.score)
        if q.types:
            s.type_ok = any(e.cls in t.classes for t in q.types)
            s.type_known = e.cls not in ("Agent", "")
            if not s.type_ok:
                if q.type_strict in ("any", "all") and s.type_known:
                    return None
                s.score += TYPE_UNKNOWN if not s.type_known else TYPE_OTHER
        if p.dates is not None:
            s.dates = scoring.dates_agreement(p.dates, e.dates)
        elif p.year is not None:
            s.dates = scoring.year_agreement(p.year, e.dates)
        s.score += {1: DATES_AGREE, -1: DATES_CONTRADICT}.get(s.dates, 0.0)
        if p.ids:
            held = e.ids
            s.id_match = direct or any(i in held for i in p.ids)
            schemes = {scheme for scheme, _ in held}
            s.id_clash = not s.id_match and any(scheme in schemes and (scheme, v) not in held for scheme, v in p.ids)
            if s.id_match:
                s.score = max(s.score, 100.0)
            elif s.id_clash:
                s.score += ID_CLASH
        elif direct and not p.only_ids:
            s.id_match = True
            s.score = max(s.score, 100.0)
        if p.libraries:
            s.library = bool(p.libraries & set(e.libraries))
            if s.library:
                s.score += LIBRARY_BONUS
        if p.titles and e.kind == "agent":
            titles = extra.titles(e)
            s.work = any(_title_match(t, titles) for t in p.titles)
            if s.work:
                s.score += TITLE_BONUS
        if p.creators and e.kind == "work":
            creators = extra.creators(e)
            if creators:
                s.creator = any(scoring.compare(c, n).cls in (scoring.EXACT, scoring.UNMARKED, scoring.INITIALS)
                                for c in p.creators for n in creators)
                s.score += CREATOR_BONUS if s.creator else CREATOR_CLASH
        if p.languages and e.kind == "work":
            langs = extra.languages(e)
            if langs:
                s.language = bool(p.languages & langs)
                s.score += LANGUAGE_BONUS if s.language else LANGUAGE_CLASH
        if p.isbns and e.kind == "work":
            s.isbn = bool(p.isbns & extra.isbns(e))
            if s.isbn:
                s.id_match = True
                s.score = max(s.score, 100.0)
        if e.authority:
            s.score += AUTHORITY_BONUS
        if e.kind == "work" and not described(e):
            s.score += REFERENCED_WORK
        s.score = min(100.0, max(0.0, s.score))
        return s


# --- names -------------------------------------------------------------------------------------


def _one_name(text: str) -> tuple[str, bool]:
    """The name a cell holds, and whether it held several.  A cell copied from a statement of
    responsibility ("Đoàn Thanh Nghị chủ biên", "Hoàng Nam (chủ biên), Trần Trung") loses its
    role words (:func:`kg.text.names.strip_roles`) and keeps its first name; an inverted heading
    ("Nguyễn, Du", "Williams, John, 1922-1994") is one name, left as it is."""
    name, dates = split_dates(normalise(text))
    people = strip_roles(name) if name else []
    if not people:
        return text, False
    words = lambda s: _WORDS.findall(s.casefold())  # noqa: E731
    roles_removed = len(words(" ".join(people))) < len(words(name))
    if len(people) == 1 and roles_removed:
        first, several = people[0], False
    elif len(people) > 1 and (roles_removed or ";" in name or name.count(",") > 1):
        first, several = people[0], True
    else:
        return text, False
    if dates is not None and not several:
        first += ", " + scoring.format_dates(dates)
    return first, several



def _work_forms(label: Label, cls: str) -> list[str]:
    """What a title label is compared on: the label, its title proper (before " : ", " = ",
    " / "), and for a name/title hub ("Nam Cao, 1915-1951. Chí Phèo") the title after the name."""
    text = label.text
    out = [text]
    for sep in (" : ", " = ", " / "):
        if sep in text:
            out.append(text.split(sep, 1)[0])
    if cls == "Hub" or label.form == "preferred":
        parts = text.split(". ")
        out += [". ".join(parts[i:]) for i in range(1, len(parts))]
    return list(dict.fromkeys(o for o in out if o.strip()))


def _best_name(text: str, e: Entity) -> tuple[scoring.Similarity, Label | None]:
    best, matched = scoring.Similarity(scoring.FUZZY, -1.0), None
    labels = list(e.labels)
    if e.kind == "work" and e.title:
        labels.insert(0, Label(e.title, "preferred", "", e.id))
    query = scoring.parse(text)
    distinct: dict[str, Label] = {}  # a cluster repeats its members' forms: each text once, best form
    for label in labels:
        if label.text not in distinct or _FORM_RANK[label.form] < _FORM_RANK[distinct[label.text].form]:
            distinct[label.text] = label
    labels = list(distinct.values())
    related = [label for label in labels if scoring.overlaps(query, label.text)] or labels
    for label in related:
        forms = _work_forms(label, e.cls) if e.kind == "work" else [label.text]
        for form in forms:
            sim = scoring.compare(text, form)
            if sim.score > best.score or (sim.score == best.score and matched is not None
                                          and _FORM_RANK[label.form] < _FORM_RANK[matched.form]):
                best, matched = sim, label
    if best.score < 0:
        best = scoring.Similarity(scoring.FUZZY, 0.0)
    return best, matched


_FORM_RANK = {"preferred": 0, "authorised": 1, "heading": 2, "variant": 3}


def _title_match(query_title: str, titles: set[str]) -> bool:
    """Is the title a cell gives (with or without its subtitle or parallel title) one of the
    agent's works?  Tones kept; a title typed without marks matches its marked form."""
    for text in dict.fromkeys([query_title] + [query_title.split(sep, 1)[0] for sep in (" : ", " = ", " / ")
                                                 if sep in query_title]):
        key = title_key(text)
        if not key:
            continue
        if key in titles:
            return True
        folded = fold(key)
        if key == folded and any(fold(t) == folded for t in titles):
            return True
    return False


# --- the decision ------------------------------------------------------------------------------


def _equivalent(p: _Plan, s: _Scored) -> bool:
    """Can the query not tell ``s`` from a perfect answer by the name?"""
    if s.similarity.cls == scoring.EXACT:
        return True
    return s.similarity.cls == scoring.UNMARKED and p.name is not None and not p.name.marked


def _stronger(p: _Plan, top: _Scored, other: _Scored) -> bool:
    """Evidence the first candidate has and the rival lacks."""
    if top.id_match and not other.id_match:
        return True
    if top.dates == 1 and other.dates == 0:
        return True
    if top.work and not other.work:
        return True
    if top.creator and not other.creator:
        return True
    return False


def described(e: Entity) -> bool:
    """Is this work described by a record of its own (or a cluster of such), rather than only
    named in another record (a related work, a subject, an analytic entry)?"""
    return e.hub or any(m.iri.endswith(f"/work/{m.library}/{m.rid}") for m in e.members)


def _same_heading(top: _Scored, other: _Scored) -> bool:
    """Not another entity: the same subject or genre heading in another library's catalogue, or
    a work a record only names, under the title of the described work that comes first."""
    a, b = top.entity, other.entity
    if other.similarity.cls != scoring.EXACT:
        return False
    if a.kind == b.kind == "concept":
        return a.cls == b.cls and heading_key(a.name) == heading_key(b.name)
    return a.kind == b.kind == "work" and described(a) and not described(b) and top.similarity.cls == scoring.EXACT


def _decide(p: _Plan, scored: list[_Scored]) -> bool:
    if not scored:
        return False
    top = scored[0]
    if p.only_ids:
        return len(scored) == 1
    if p.several:
        return False
    if not (top.similarity.cls == scoring.EXACT or top.id_match):
        return False
    if top.id_match and top.similarity.cls == scoring.FUZZY and top.similarity.score < NAME_CONFLICT:
        return False  # an identifier given beside a name that is another entity's: look first
    if top.dates < 0 or top.id_clash or not top.type_ok or top.creator is False or top.language is False:
        return False
    for other in scored[1:]:
        if _same_heading(top, other):
            continue
        if _stronger(p, top, other):
            continue
        if other.score >= top.score - MARGIN:
            return False
        if _equivalent(p, other) and other.dates >= 0 and not other.id_clash and other.type_ok:
            return False
    return True


def _features(p: _Plan, s: _Scored) -> list[tuple[str, float | bool]]:
    form = s.matched.form if s.matched else ""
    out: list[tuple[str, float | bool]] = [
        ("name_similarity", round(s.similarity.score, 2)),
        ("tone_exact", s.similarity.cls == scoring.EXACT),
        ("tone_conflict", s.similarity.cls == scoring.TONE),
        ("authorised_form", form in ("preferred", "authorised")),
        ("variant_form", form == "variant"),
        ("date_agreement", s.dates),
        ("identifier_match", s.id_match),
        ("type_match", s.type_ok),
        ("cluster_size", len(s.entity.members)),
    ]
    if p.several:
        out.append(("several_names", True))
    for key, value in (("library_match", s.library), ("work_match", s.work), ("creator_match", s.creator),
                       ("language_match", s.language)):
        if value is not None:
            out.append((key, value))
    return out


# --- facts a property needs, loaded for the batch's candidates only -------------------------------


class _Extra:
    def __init__(self, catalog: Catalog, snap: Snapshot, entities: dict[str, Entity], plans):
        self.catalog = catalog
        self.snap = snap
        self.entities = entities
        plans = list(plans)
        self._titles: dict[str, set[str]] | None = None
        self._works: dict[str, list[WorkRow]] | None = None
        self.need_titles = any(p.titles for p in plans)
        self.need_works = any(p.creators or p.languages or p.isbns for p in plans)

    def titles(self, e: Entity) -> set[str]:
        """title_key of every work (title proper, uniform and variant titles) the agent is in."""
        if self._titles is None:
            agents = [m.iri for x in self.entities.values() if x.kind == "agent" for m in x.members]
            self._titles = work_titles(self.catalog, agents)
        return set().union(*(self._titles.get(m.iri, set()) for m in e.members))

    def _work_rows(self, e: Entity) -> list[WorkRow]:
        if self._works is None:
            self._works = {x.id: self.catalog.work_rows(x) for x in self.entities.values() if x.kind == "work"}
        return self._works.get(e.id, [])

    def creators(self, e: Entity) -> list[str]:
        iris = [r.creator for r in self._work_rows(e) if r.creator]
        if e.creator:
            iris.insert(0, e.creator)
        if not iris:
            return []
        found = self.catalog.entities(iris, self.snap)
        return [label.text for x in found.values() for label in x.labels]

    def languages(self, e: Entity) -> set[str]:
        return {r.language.casefold() for r in self._work_rows(e) if r.language}

    def isbns(self, e: Entity) -> set[str]:
        return {v for r in self._work_rows(e) for v in self.catalog.isbns(r.library, r.rid)}


def work_titles(catalog: Catalog, agents: list[str]) -> dict[str, set[str]]:
    """Agent IRI -> title keys of the works of the records that use it."""
    out: dict[str, set[str]] = {}
    db = catalog.db()
    for i in range(0, len(agents), 500):
        part = agents[i : i + 500]
        for entity, title, uniform, variants in db.execute(
                "SELECT e.entity, w.title, w.uniform, w.variants FROM entities e JOIN link_works w "
                f"ON w.library = e.library AND w.rid = e.rid WHERE e.entity IN ({','.join('?' * len(part))})", part):
            keys = out.setdefault(entity, set())
            for t in (title, uniform, *variants.split("\x1f")):
                if t:
                    keys.add(title_key(t))
                    keys.add(title_key(t.split(" : ")[0]))
    return out


# --- descriptions --------------------------------------------------------------------------------


def describe(e: Entity, lang: str = "vi") -> str:
    """A line for a candidate list: dates, where it is held, how much."""
    vi = lang == "vi"
    parts = []
    dates = scoring.format_dates(e.main_dates) if e.kind == "agent" else ""
    if dates:
        parts.append(dates)
    libs = ", ".join(e.libraries)
    if e.hub:
        parts.append(f"{len(e.members)} mục liên kết: {libs}" if vi else f"cluster of {len(e.members)}: {libs}")
    elif e.authority:
        parts.append(f"biểu ghi chuẩn {libs}" if vi else f"authority record, {libs}")
    else:
        parts.append(libs)
    n = e.records
    if n:
        parts.append(f"{n} biểu ghi" if vi else f"{n} record{'s' if n != 1 else ''}")
    return " · ".join(parts)


# --- helpers -------------------------------------------------------------------------------------


def token(word: str) -> str:
    """A folded word as a full-text query term; an initial becomes a prefix ("v*")."""
    if len(word) == 1 and word.isalpha():
        return f'"{word}"*'  # an initial
    return '"' + word.replace('"', '""') + '"'


def _phrase(words: list[str]) -> str:
    """``^ "a" + "b"* + "c"``: the words in this order at the start of a label."""
    return "^ " + " + ".join(token(w) for w in words)


__all__ = ["Candidate", "Matcher", "QueryError", "describe"]
