"""Likely duplicate authority records, within a library and across libraries, each pair with its
evidence, for a cataloguer to merge (``kg link --same A B``) or mark different (``--different``).

``kg link`` already unites what the evidence allows; what it leaves apart and a person should
look at is reported here:

- **tone variants**: names that fold alike but differ by a mark — "Nguyễn Văn Hùng" and "Nguyễn
  Văn Hưng", a typo or two people: the linker never decides that by itself (suggested as one
  person only when both records give the same dates);
- **marks lost**: one record typed without diacritics ("Nguyen Van Hung");
- **missing dates**: the same name, one record dated and one not, left apart because the name
  has several dated identities (then which one is for the cataloguer to say; not listed beyond
  :data:`MAX_NAMESAKES`) — or both undated;
- **order**: the family name at the other end ("Văn Hùng Nguyễn"; given names in another order
  are another name);
- **typos**: folded names one or two letters apart (same number of syllables, rapidfuzz ≥ 90)
  where a differing syllable is not Vietnamese ("Hiểnn"): "Minh" and "Linh" are two names;
- **cross-references**: the authorised form of one is a 4XX of the other (a pen name entered as
  a heading of its own).

The same name with dates that disagree is two people (the linker keeps them apart): not listed.

Pairs already in one cluster of the links graph, or about which a decision is recorded
(:mod:`kg.link.decisions`), are left out.  Candidates come from blocks, never from all pairs: the
forms of each record (authorised and 4XX, marks kept), its folded authorised form, its folded
syllables sorted, and every one-letter deletion of its folded authorised form (two names one
edit apart share one).  A block larger than :data:`MAX_BLOCK` (:data:`MAX_EXACT_BLOCK` for an
exact name) is a name too common to list pair by pair, and is skipped.

:func:`pairs` returns them for a library (or all), best first — for ``kg authorities duplicates``
and the library's page.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from itertools import combinations
from typing import Iterable, TextIO

from rapidfuzz import fuzz

from ..link import decisions
from ..text.names import Dates, compatible
from . import scoring
from .entities import Catalog

MAX_BLOCK = 60  # records sharing a folded, sorted or one-letter-off key
MAX_EXACT_BLOCK = 200  # records sharing a name exactly, marks and all
MAX_NAMESAKES = 3  # dated people of one name beyond which an undated record is not paired
AUTHORITY_PREFIX = "authority/"
SAME_THRESHOLD = 60.0  # at or above (and dates not disagreeing): suggest --same

# evidence: (score, suggestion) — what a pair of names says about being one person
EVIDENCE = {
    "same name, dates agree, not linked": 95.0,
    "same name, one without dates": 85.0,
    "same name, one without dates, several dated namesakes": 50.0,
    "same name, neither dated": 80.0,
    "the name of one is a variant (4XX) of the other": 85.0,
    "same name, marks lost in one": 85.0,
    "same name, other order": 80.0,
    "same name, initials in one": 65.0,
    "names differ by tone marks, same dates": 65.0,
    "names differ by tone marks": 50.0,
    "names one or two letters apart": 60.0,
}


@dataclass
class Authority:
    entity: str
    library: str
    rid: str
    kind: str
    cls: str
    label: str
    variants: list[str] = field(default_factory=list)

    @property
    def record_id(self) -> str:
        return self.rid[len(AUTHORITY_PREFIX):] if self.rid.startswith(AUTHORITY_PREFIX) else self.rid

    @property
    def dates(self) -> Dates | None:
        return scoring.parse(self.label).dates

    def names(self) -> list[str]:
        return [self.label, *self.variants]


@dataclass
class Pair:
    a: Authority
    b: Authority
    score: float
    evidence: str
    detail: str

    @property
    def command(self) -> str:
        same = self.score >= SAME_THRESHOLD and compatible(self.a.dates, self.b.dates)
        return f"kg link --{'same' if same else 'different'} {self.a.entity} {self.b.entity}"

    def as_dict(self) -> dict:
        """For a page: both records, the score, the evidence and the command."""
        def side(a: Authority) -> dict:
            return {"library": a.library, "id": a.record_id, "label": a.label, "iri": a.entity}

        return {"a": side(self.a), "b": side(self.b), "score": self.score, "evidence": self.evidence,
                "detail": self.detail, "command": self.command}

    def as_row(self) -> list:
        return [self.a.library, self.a.record_id, self.a.label, self.b.library, self.b.record_id, self.b.label,
                f"{self.score:.0f}", f"{self.evidence}: {self.detail}" if self.detail else self.evidence,
                self.command, self.a.entity, self.b.entity]


HEADER = ["library", "id", "label", "other_library", "other_id", "other_label", "score", "evidence", "command",
          "iri", "other_iri"]


def authorities(catalog: Catalog) -> dict[str, Authority]:
    """Every authority record's entity with its authorised form and 4XX variants."""
    out: dict[str, Authority] = {}
    rows = catalog.db().execute(
        "SELECT entity, library, rid, kind, cls, form, label FROM label_rows WHERE rid LIKE 'authority/%' "
        "AND form IN ('authorised', 'variant') ORDER BY id")
    for entity, library, rid, kind, cls, form, label in rows:
        a = out.get(entity)
        if a is None:
            a = out[entity] = Authority(entity, library, rid, kind, cls or "", "")
        if form == "authorised" and not a.label:
            a.label = label
            a.cls = cls or a.cls
        elif form == "variant" and label not in a.variants:
            a.variants.append(label)
    return {e: a for e, a in out.items() if a.label}


def _classes_compatible(a: Authority, b: Authority) -> bool:
    group = {"Jurisdiction": "Organization"}
    x, y = group.get(a.cls, a.cls), group.get(b.cls, b.cls)
    return a.kind == b.kind and (x == y or "Agent" in (x, y) or "" in (x, y))


def _deletions(text: str) -> set[str]:
    return {text[:i] + text[i + 1:] for i in range(len(text))} | {text}


def _keys(a: Authority) -> set[str]:
    """The blocking keys of a record (see the module docstring)."""
    keys: set[str] = set()
    for name in a.names():
        keys |= {"exact:" + " ".join(o) for o in scoring.parse(name).orders}
    main = scoring.parse(a.label)
    if main.folded:
        direct = " ".join(main.folded[0])
        keys |= {"fold:" + " ".join(o) for o in main.folded}
        keys.add("sorted:" + " ".join(sorted(main.folded[0])))
        if 4 <= len(direct) <= 40:
            keys |= {"del:" + d for d in _deletions(direct)}
    return keys


def _blocks(catalog: Catalog, auths: list[Authority], library: str | None) -> Iterable[list[int]]:
    """Groups of records sharing a key, as indexes into ``auths``.  The keys go through a
    temporary SQLite table (a million records give some fifteen million keys: sorted on disk,
    not held in memory); a group larger than its cap is a name too common to list pairwise."""
    db = catalog.db()
    db.execute("CREATE TEMP TABLE IF NOT EXISTS kg_duplicate_keys (key TEXT NOT NULL, n INTEGER NOT NULL, "
               "mine INTEGER NOT NULL)")
    try:
        db.execute("DELETE FROM temp.kg_duplicate_keys")
        batch: list[tuple[str, int, int]] = []
        for n, a in enumerate(auths):
            mine = int(library is None or a.library == library)
            batch += [(k, n, mine) for k in _keys(a)]
            if len(batch) >= 50_000:
                db.executemany("INSERT INTO temp.kg_duplicate_keys VALUES (?, ?, ?)", batch)
                batch = []
        db.executemany("INSERT INTO temp.kg_duplicate_keys VALUES (?, ?, ?)", batch)
        rows = db.execute(
            "SELECT group_concat(n) FROM temp.kg_duplicate_keys GROUP BY key HAVING COUNT(*) >= 2 AND SUM(mine) > 0 "
            "AND COUNT(*) <= CASE WHEN key LIKE 'exact:%' THEN ? ELSE ? END", (MAX_EXACT_BLOCK, MAX_BLOCK))
        for (members,) in rows:
            yield [int(x) for x in members.split(",")]
    finally:
        db.execute("DROP TABLE IF EXISTS temp.kg_duplicate_keys")


def _judge(a: Authority, b: Authority) -> tuple[str, str] | None:
    """The evidence a pair of authority records gives, or None if they are not alike enough.

    The authorised forms are compared with each other; a 4XX counts only when it *is* the
    other's authorised form, marks and all (a pen name, a real name) — an unaccented 4XX such as
    "Nguyen Du", which two different people's records may both carry, proves nothing."""
    main = scoring.compare(a.label, b.label)
    cross = next(((x, y) for x, y in [(a.label, v) for v in b.variants] + [(v, b.label) for v in a.variants]
                  if scoring.parse(x).marked and scoring.parse(y).marked
                  and (s := scoring.compare(x, y)).cls == scoring.EXACT and not s.permuted), None)
    da, db = a.dates, b.dates
    detail = f"{a.label} / {b.label}"
    if main.cls == scoring.EXACT and not main.permuted:
        if da is not None and db is not None:
            # the same name with other dates is another person: the linker keeps them apart
            return ("same name, dates agree, not linked", "") if compatible(da, db) else None
        if da is None and db is None:
            return "same name, neither dated", ""
        return "same name, one without dates", ""
    if not compatible(da, db):
        return None  # alike names of two dated people: nothing to say
    if cross is not None:
        return "the name of one is a variant (4XX) of the other", f"{cross[0]} / {cross[1]}"
    if main.cls == scoring.EXACT:  # the family name at the other end (scoring.compare)
        return "same name, other order", detail
    if main.cls in (scoring.UNMARKED, scoring.STRIPPED):
        return "same name, marks lost in one", detail
    if main.cls == scoring.INITIALS:
        return "same name, initials in one", detail
    if main.cls == scoring.TONE:
        if da is not None and db is not None:
            return "names differ by tone marks, same dates", detail
        return "names differ by tone marks", detail
    qa, qb = scoring.parse(a.label), scoring.parse(b.label)
    if qa.folded and qb.folded and len(qa.folded[0]) == len(qb.folded[0]) and _typo(qa.orders[0], qb.orders[0]):
        if fuzz.ratio(" ".join(qa.folded[0]), " ".join(qb.folded[0])) >= 90:
            return "names one or two letters apart", detail
    return None


def _typo(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    """Is the difference between two names of as many syllables a typo rather than two names?
    Vietnamese given names one letter apart are usually both real (Minh, Linh, Vinh; Anh, Oanh):
    a difference counts only where one side is not a Vietnamese syllable ("Hiểnn")."""
    from ..text.legacy import is_syllable

    for a, b in zip(x, y):
        if a != b and is_syllable(a) and is_syllable(b):
            return False
    return True


def _namesakes(auths: list[Authority], undated: int, block: list[int]) -> int:
    """How many distinct dated identities of the block share the undated record's name."""
    name = auths[undated].label
    dates: list[Dates] = []
    for other in block:
        a = auths[other]
        if other != undated and a.dates is not None and scoring.compare(name, a.label).cls == scoring.EXACT:
            if not any(compatible(a.dates, d) for d in dates):
                dates.append(a.dates)
    return len(dates)


def pairs(catalog: Catalog, library: str | None = None) -> list[Pair]:
    """Likely duplicate authority records (at least one of the two in ``library`` when given),
    best first."""
    snap = catalog.snapshot()
    auths = sorted(authorities(catalog).values(), key=lambda a: a.entity)
    decided = decisions.load(catalog.hub.backend, catalog.names)
    pinned = {tuple(sorted(p)) for p in decided.same + decided.different}
    seen: set[int] = set()  # pairs judged, as x * len(auths) + y: a few bytes each, not a tuple
    out: list[Pair] = []
    for members in _blocks(catalog, auths, library):
        for x, y in combinations(sorted(set(members)), 2):
            key = x * len(auths) + y
            if key in seen:
                continue
            seen.add(key)
            a, b = auths[x], auths[y]
            if library is not None and library not in (a.library, b.library):
                continue
            if (a.entity, b.entity) in pinned or not _classes_compatible(a, b):
                continue
            if snap.answer(a.entity) == snap.answer(b.entity) != a.entity:
                continue  # one cluster already
            judged = _judge(a, b)
            if judged is None:
                continue
            evidence, detail = judged
            if evidence in ("same name, one without dates", "same name, neither dated"):
                namesakes = _namesakes(auths, x if a.dates is None else y, members)
                if namesakes > MAX_NAMESAKES:
                    continue  # a common name: an undated record could be any of them
                if namesakes > 1 and evidence == "same name, one without dates":
                    evidence = "same name, one without dates, several dated namesakes"
            if library is not None and b.library == library and a.library != library:
                a, b = b, a  # the library's own record first
            out.append(Pair(a, b, EVIDENCE[evidence], evidence, detail))
    out.sort(key=lambda p: (-p.score, p.a.library, p.a.label, p.b.library, p.b.label))
    return out


def write_csv(found: list[Pair], out: TextIO) -> None:
    w = csv.writer(out)
    w.writerow(HEADER)
    for p in found:
        w.writerow(p.as_row())
