"""How alike a queried name is to a name of the store — tone marks deciding, as everywhere.

Both sides go through :mod:`kg.text.names` (repairs, canonical tone placement, dates set apart,
both orders of an inverted heading), then are compared syllable by syllable:

=============  ====================================================================  =====
class          the syllables…                                                        score
=============  ====================================================================  =====
``exact``      are equal, tones included ("Nguyễn Du" / "Nguyễn, Du, 1765-1820")        100
``unmarked``   are equal, the *query* typed without any mark ("Nguyen Du", "Vu Trong      93
               Phung"): the typist left them out, the query cannot tell Du from Dữ
``initials``   equal, some given as initials ("Nguyễn V. A.", "Stewart, J.")              84
``stripped``   are equal, the *stored form* written without any mark (an authority's     82
               4XX "Nguyen Du" against the query "Nguyễn Dữ"): weak, the marks were lost
``tone``       fold alike but marks differ on both sides: Lê / Lễ, Bách / Bạch —         62
               **another name**; shown, never matched
``fuzzy``      differ otherwise: rapidfuzz similarity of the folded names (typos,         ≤ 85
               missing or extra syllables), less when a shared syllable differs by tone
=============  ====================================================================  =====

A syllable without marks inside a name that has marks is a real syllable, not a lost mark:
"Nguyễn Du" against "Nguyễn Dữ" is ``tone``, two names.  Ordering INITIALS above STRIPPED keeps
"Nguyễn V. A." close to "Nguyễn Văn An".

The family name at the other end (Western "John Williams" for "Williams, John" comes out
exact already, since an inverted heading has both orders; "Du Nguyễn" for the direct heading
"Nguyễn Du" does not) costs four points; other orders are other names ("Bùi Lệ Minh" is not
"Bùi Minh Lệ").  :func:`compare` returns the best class and score over every order of
both names; :func:`dates_agreement` says whether query dates agree with an entity's.

>>> compare("Nguyễn Du", "Nguyễn, Du, 1765-1820").cls
'exact'
>>> compare("Nguyen Du", "Nguyễn Dữ").cls, compare("Nguyễn Du", "Nguyễn Dữ").cls
('unmarked', 'tone')
>>> compare("Nguyễn V. A.", "Nguyễn Văn An").score
84.0
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from ..text import names
from ..text.names import Dates, compatible, forms, normalise, split_dates
from ..text.vietnamese import fold as _fold_text

EXACT, UNMARKED, INITIALS, STRIPPED, TONE, FUZZY = "exact", "unmarked", "initials", "stripped", "tone", "fuzzy"
SCORES = {EXACT: 100.0, UNMARKED: 93.0, INITIALS: 84.0, STRIPPED: 82.0, TONE: 62.0}
RANK = {EXACT: 5, UNMARKED: 4, INITIALS: 3, STRIPPED: 2, TONE: 1, FUZZY: 0}
PERMUTED_COST = 4.0
FUZZY_WEIGHT = 0.85
FUZZY_TONE_COST = 6.0


@dataclass(frozen=True)
class Name:
    """A name ready for comparison."""

    source: str  # as given
    dates: Dates | None
    orders: tuple[tuple[str, ...], ...]  # syllables, case-folded, tones kept, in each reading order
    folded: tuple[tuple[str, ...], ...]  # the same, folded
    marked: bool  # does any syllable carry a mark (tone, vowel mark, đ)?

    @property
    def text(self) -> str:
        """Repaired, dates removed."""
        return split_dates(normalise(self.source))[0]


@lru_cache(maxsize=1 << 16)  # syllables: a few thousand distinct ones
def fold(syllable: str) -> str:
    return _fold_text(syllable)


def parse(name: str) -> Name:
    dates, orders, folded, marked = _parse(name)
    return Name(name, Dates(*dates) if dates else None, orders, folded, marked)


# The caches hold plain tuples of strings and numbers, which the garbage collector stops
# tracking: a server's caches of a million names would otherwise make every full collection
# walk them (150 ms pauses measured on a 1M-label store, the p99 of a batch).  For the same
# reason the forms are asked of kg.text.names without its own cache, whose entries (a tuple, a
# frozenset, a Dates) stay tracked; this cache holds the same facts, untracked.
_forms = getattr(names._analyse, "__wrapped__", None)


@lru_cache(maxsize=1 << 18)
def _parse(name: str) -> tuple:
    keys, dates = _forms(name) if _forms is not None else (forms(name), split_dates(normalise(name))[1])
    orders = tuple(tuple(k.split()) for k in sorted(keys))
    folded = tuple(tuple(fold(w) for w in o) for o in orders)
    marked = any(w != f for o, fo in zip(orders, folded) for w, f in zip(o, fo))
    plain = (dates.birth, dates.death, dates.approximate, dates.flourished) if dates else None
    return plain, orders, folded, marked


def _relation(q: str, c: str, q_plain: bool, c_plain: bool) -> str:
    """The relation of two syllables.  A syllable without marks is a real syllable ("Du",
    "Lan") unless its whole name is typed without marks: only then is it a missing mark."""
    if q == c:
        return EXACT
    fq, fc = fold(q), fold(c)
    if fq == fc:
        if q_plain and q == fq:
            return UNMARKED
        if c_plain and c == fc:
            return STRIPPED
        return TONE
    if len(fq) == 1 and fc.startswith(fq) or len(fc) == 1 and fq.startswith(fc):
        return INITIALS
    return FUZZY


def _aligned(q: tuple[str, ...], c: tuple[str, ...], q_plain: bool, c_plain: bool) -> str:
    """The class of two syllable sequences of equal length, position by position: the weakest
    relation of a pair decides."""
    relations = {_relation(a, b, q_plain, c_plain) for a, b in zip(q, c)}
    for cls in (FUZZY, TONE, INITIALS, STRIPPED, UNMARKED):
        if cls in relations:
            return cls
    return EXACT


@dataclass(frozen=True)
class Similarity:
    cls: str
    score: float
    permuted: bool = False


def compare(query: str, stored: str) -> Similarity:
    """The best reading of ``stored`` against ``query`` (names as typed; dates are ignored here)."""
    return Similarity(*_compare(query, stored))


@lru_cache(maxsize=1 << 16)
def _compare(query: str, stored: str) -> tuple[str, float, bool]:
    q, c = parse(query), parse(stored)
    best = (FUZZY, 0.0, False)
    for qo in q.orders:
        for co in c.orders:
            if len(qo) != len(co):
                continue
            cls, permuted = _aligned(qo, co, not q.marked, not c.marked), False
            if cls == FUZZY and len(co) > 1:
                # the family name at the other end ("Du Nguyễn", "John Williams" typed for a
                # direct heading); given names in another order are another name (Lệ Minh ≠ Minh Lệ)
                for rotated in (co[1:] + co[:1], co[-1:] + co[:-1]):
                    cls = _aligned(qo, rotated, not q.marked, not c.marked)
                    if cls != FUZZY:
                        permuted = True
                        break
            if cls != FUZZY:
                score = SCORES[cls] - (PERMUTED_COST if permuted else 0.0)
                if score > best[1]:
                    best = (cls, score, permuted)
    if best[0] != FUZZY:
        return best
    return FUZZY, _fuzzy(q, c), False


def _fuzzy(q: Name, c: Name) -> float:
    best = 0.0
    for qo, qf in zip(q.orders, q.folded):
        a = " ".join(qf)
        for co, cf in zip(c.orders, c.folded):
            b = " ".join(cf)
            ratio = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b) - 2)
            tone_clash = len(qo) == len(co) and any(_relation(x, y, not q.marked, not c.marked) == TONE
                                                    for x, y in zip(qo, co))
            best = max(best, FUZZY_WEIGHT * ratio - (FUZZY_TONE_COST if tone_clash else 0.0))
    return round(best, 2)


def dates_agreement(query: Dates | None, known: list[Dates]) -> int:
    """1 when the query's dates agree with one of the entity's dates, -1 when they contradict
    all of them, 0 when either side has none."""
    if query is None or not known:
        return 0
    return 1 if any(compatible(query, d) for d in known) else -1


def year_agreement(year: int, known: list[Dates]) -> int:
    """A bare year (a spreadsheet's "dates" cell holding "1941"): it agrees when it is a birth or
    death year of the entity, contradicts when the entity's years are all known and differ."""
    if not known:
        return 0
    if any(year in (d.birth, d.death) for d in known):
        return 1
    if all(d.birth is not None and d.death is not None and not d.flourished for d in known):
        return -1
    return 0


def format_dates(d: Dates | None) -> str:
    if d is None:
        return ""
    if d.flourished and d.birth and d.death and d.death - d.birth == 99:
        return f"thế kỷ {d.death // 100}"
    text = f"{d.birth or ''}-{d.death or ''}"
    if d.flourished:
        text = "fl. " + text
    return ("ca. " if d.approximate and not d.flourished else "") + text


def folded_tokens(text: str) -> list[str]:
    """The words of ``text`` as the full-text index holds them (folded, no punctuation)."""
    return _fold_text(unicodedata.normalize("NFC", text)).split()


def overlaps(query: Name, stored: str) -> bool:
    """Does ``stored`` share a folded word (or an initial) with the query?  A cheap test that
    spares the full comparison of an entity's unrelated forms (a pen name, another script)."""
    words = set(_fold_text(stored).split())
    for order in query.folded:
        for w in order:
            if w in words or (len(w) == 1 and any(x.startswith(w) for x in words)):
                return True
    return False
