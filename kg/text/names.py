"""The one Vietnamese-aware normaliser of personal names, shared by linking and reconciliation.

A name reaches us typed many ways: NFD or NFC, tone on the old or new vowel (``Thuỷ``/``Thủy``),
double-encoded UTF-8 (``Nguyá»…n``), TCVN3 or VNI read as Latin-1 (``NguyÔn``, ``Nguyeãn``),
inverted with a comma (``Nguyễn, Du``, MARC 100 ind1=1 habit copied from Western names), with
dates (``Nguyễn Du, 1765-1820``) and inside a statement of responsibility with role words
(``Huỳnh Phước Hải chủ biên, Nguyễn Văn Hòa.``, vnulib OPAC).  This module undoes all of that and
nothing more: **tone marks decide**.  Lê, Lễ and Lệ are three family names; Nguyễn ≠ Nguyên,
Đặng ≠ Đăng, Bách ≠ Bạch.  Folding tones away (:func:`block_keys`) is only for finding candidates.

>>> normalise("  Nguyá»…n   Thá»‹ Thuá»·. ")
'Nguyễn Thị Thủy'
>>> split_dates("Nguyễn Du, 1765-1820.")
('Nguyễn Du', Dates(birth=1765, death=1820, approximate=False, flourished=False))
>>> sorted(forms("Nguyễn, Du"))
['du nguyễn', 'nguyễn du']
>>> strip_roles("Nguyễn Văn A (chủ biên) ; Trần B dịch ; minh họa: Lê C ... [và những người khác]")
['Nguyễn Văn A', 'Trần B', 'Lê C']
>>> same_name("Nguyễn Du", "NguyÔn Du"), same_name("Lê Văn Hưu", "Lễ Văn Hưu")
(True, False)
>>> same_name("Hoàng Cầm, 1922-2010", "Hoàng Cầm, 1916-1996")
False
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..resources import mapping_path
from .legacy import is_syllable, repair_legacy
from .punctuation import trim, trim_period
from .repair import fix_mojibake
from .vietnamese import canonical_tones, fold

# --- display form -----------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]{4,}")


def _unglue(m: re.Match[str]) -> str:
    """"NguyễnVănLong." (vnulib OPAC scrape, the highlighter ate the spaces) → "Nguyễn Văn Long";
    only when every piece is a Vietnamese syllable, so "McDonald" or "DeLillo" stay whole."""
    word = m.group(0)
    cuts = [i for i in range(1, len(word)) if word[i - 1].islower() and word[i].isupper()]
    if not cuts or word.isascii():
        return word
    parts = [word[i:j] for i, j in zip([0, *cuts], [*cuts, len(word)])]
    return " ".join(parts) if all(is_syllable(p) for p in parts) else word


def _repair(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", fix_mojibake(text))
        text = repair_legacy(text)[0]
        text = canonical_tones(text)
        text = _WORD.sub(_unglue, text)
    return trim_period(" ".join(text.split()))


@lru_cache(maxsize=1 << 18)  # a catalogue repeats its names: the cache pays from the second record
def normalise(name: str) -> str:
    """Display-quality repair; tones are kept, case is kept.

    NFC, double-encoded UTF-8, TCVN3/VNI, tone placement, run-together syllables, spaces, final
    ISBD punctuation.  A repair can expose another (a tone moved by ``canonical_tones`` may
    complete a TCVN3 pattern), so a changed result is repaired again until it stands still.
    """
    text = _repair(name)
    for _ in range(3):
        if (again := _repair(text)) == text:
            break
        text = again
    return text


# --- dates ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dates:
    """Life dates of a heading.  With ``flourished`` the two years bound the period of activity
    (``fl. 1900`` → 1900-1900, a century → its first and last year), not birth and death."""

    birth: int | None
    death: int | None
    approximate: bool = False
    flourished: bool = False


_Y = r"(\d{3,4})"
_CA = r"(?i:(ca\.?|c\.|circa|khoảng(?:\s+năm)?|approximately)\s*)?"
_SEP = r"\s*[-–—]\s*"
_BEFORE = r"(?:^|(?<=[\s,(]))"
_AFTER = r"\s*\)?[\s.,;:]*$"
_DATE_PATTERNS = [(kind, re.compile(_BEFORE + body + _AFTER)) for kind, body in (
    ("birth", r"(?:b\.|s\.|(?i:born|sinh(?:\s+năm)?))\s*" + _CA + _Y + r"(\?)?"),
    ("death", r"(?:d\.|m\.|(?i:died|mất(?:\s+năm)?|qua\s+đời(?:\s+năm)?))\s*" + _CA + _Y + r"(\?)?"),
    ("fl", r"(?i:fl\.|floruit|active)\s*" + _CA + _Y + r"(\?)?(?:" + _SEP + _Y + r"(\?)?)?"),
    ("century", r"(?i:thế\s+k[ỷỉ]|tk\.?)\s*(\d{1,2}|[IVXL]+)"),
    ("century", r"(\d{1,2})(?i:st|nd|rd|th)\s+(?i:cent\.|century)"),
    ("range", _CA + r"(\d{3,4})?(\?)?" + _SEP + _CA + r"(\d{3,4})?(\?)?"),
)]
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_DATES_TAIL = 120  # characters at the end of a heading where its dates are looked for


def _roman(s: str) -> int:
    values = [_ROMAN[c] for c in s.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _dates(kind: str, g: tuple[str | None, ...]) -> Dates | None:
    approx = any(x and not x.isdigit() for x in g)  # a "ca." or a "?" was captured
    if kind in ("birth", "death"):
        year = int(g[1])
        return Dates(year, None, approx) if kind == "birth" else Dates(None, year, approx)
    if kind == "fl":
        return Dates(int(g[1]), int(g[3] or g[1]), approx, flourished=True)
    if kind == "century":
        century = int(g[0]) if g[0].isdigit() else _roman(g[0])
        return Dates(century * 100 - 99, century * 100, approximate=True, flourished=True)
    if not (g[1] or g[4]):
        return None  # a lone hyphen
    return Dates(int(g[1]) if g[1] else None, int(g[4]) if g[4] else None, approx)


def split_dates(name: str) -> tuple[str, Dates | None]:
    """Separate trailing dates from a heading: ``("Nguyễn Du", Dates(1765, 1820))``.

    Forms seen in MARC 100 $d and Vietnamese statements: ``1765-1820``, ``(1765-1820)``,
    ``1920-``, ``-1820``, ``b. 1920``, ``d. 1820``, ``sinh (năm) 1920``, ``mất 1820``,
    ``fl. 1900``, ``1890?-1950`` and ``ca. 1890-1950`` (approximate), ``thế kỷ 18``/``XVIII``
    and ``18th century`` (flourished, approximate: a century says when someone lived, not when
    they were born).  A bare year (``Nguyễn Du, 1765``) is left in the name: birth or death?
    """
    text = unicodedata.normalize("NFC", name).strip()
    # Dates end the heading: look only at its last characters.  Searched from the start, the
    # patterns' optional parts and ``\s*`` runs retried at every space of a long run (quadratic:
    # minutes for a million-character name; found by tests/fuzz).
    tail = max(0, len(text) - _DATES_TAIL)
    for kind, pattern in _DATE_PATTERNS:
        m = pattern.search(text, tail)
        if m and (dates := _dates(kind, m.groups())):
            return trim(text[: m.start()].rstrip(" ,(")), dates
    return text, None


def compatible(a: Dates | None, b: Dates | None) -> bool:
    """Could ``a`` and ``b`` describe one life?  Unknown years never disagree; known ones must be
    equal (±2 years if either is approximate); activity periods must overlap the other's span."""
    if a is None or b is None:
        return True
    tol = 2 if a.approximate or b.approximate else 0
    if a.flourished or b.flourished:
        return all(lo is None or hi is None or lo <= hi + tol for lo, hi in ((a.birth, b.death), (b.birth, a.death)))
    if any(x is not None and y is not None and abs(x - y) > tol for x, y in ((a.birth, b.birth), (a.death, b.death))):
        return False
    births = [x for x in (a.birth, b.birth) if x is not None]
    deaths = [x for x in (a.death, b.death) if x is not None]
    return not (births and deaths and max(births) > min(deaths) + tol)


# --- statements of responsibility -------------------------------------------------------------

# Role words the relator table lacks, and phrases that stand for "others" rather than a person.
EXTRA_ROLE_TERMS = ("by", "edited", "translated", "compiled", "illustrated", "ed.", "eds.", "trans.", "comp.",
                    "chủ trì", "thực hiện", "phụ trách", "dẫn nhập", "khảo dị", "b.s.", "ch.b.", "bs", "chb")
NOT_NAMES = frozenset({"nhiều tác giả", "tập thể tác giả", "khuyết danh", "vô danh", "others", "anonymous"})
_CONNECTORS = frozenset({"và", "and", "&", "with", "với"})
_ET_AL = re.compile(r"\[?\s*(?:và\s+những\s+người\s+khác|và\s+nnk|nnk|et\s+al|and\s+others)\.?\s*\]?", re.I)
_ELLIPSIS = re.compile(r"\.{3,}|…")
_PARENS = re.compile(r"\(([^()]*)\)")
_CONJUNCTION = re.compile(r"\s+(?:và|and|với)\s+|\s*&\s*", re.I)


def _term_key(term: str) -> str:
    words = canonical_tones(unicodedata.normalize("NFC", term)).casefold().split()
    return " ".join(w.strip(".:") for w in words)


@lru_cache(maxsize=1)
def role_terms() -> frozenset[str]:
    """Vietnamese and English role terms of ``mappings/relator_terms.csv`` plus EXTRA_ROLE_TERMS."""
    with open(mapping_path("relator_terms.csv"), encoding="utf-8", newline="") as f:
        terms = [r["term"] for r in csv.DictReader(f) if r["language"] in ("vi", "en")]
    return frozenset(filter(None, (_term_key(t) for t in (*terms, *EXTRA_ROLE_TERMS))))


@lru_cache(maxsize=1)
def _longest_term() -> int:
    return max(len(t.split()) for t in role_terms())


def _role_prefix(tokens: list[str], *, lower_only: bool) -> int:
    """Length of the longest role term at the start of ``tokens`` (0 if none)."""
    for n in range(min(_longest_term(), len(tokens)), 0, -1):
        phrase = " ".join(tokens[:n])
        if _term_key(phrase) in role_terms() and (not lower_only or phrase == phrase.lower()):
            return n
    return 0


def _is_role_phrase(text: str) -> bool:
    """Only role terms and connectors: "biên soạn", "Dịch và chú giải", "editor"."""
    tokens, found = text.replace(",", " , ").split(), False
    while tokens:
        n = _role_prefix(tokens, lower_only=False)
        if n:
            del tokens[:n]
            found = True
        elif tokens[0].casefold() in _CONNECTORS or tokens[0] == ",":
            del tokens[0]
        else:
            return False
    return found


def _strip_trailing(tokens: list[str]) -> list[str]:
    """"Huỳnh Phước Hải chủ biên", "Trần Hữu Luyến sưu tầm và biên soạn": role words after a name
    are typed in lower case, which keeps "Nguyễn Nhạc" (nhạc = composer) whole."""
    stripped = False
    while tokens:
        for n in range(min(_longest_term(), len(tokens) - 1), 0, -1):
            if _role_prefix(tokens[-n:], lower_only=True) == n:
                del tokens[-n:]
                stripped = True
                break
        else:
            if stripped and len(tokens) > 1 and tokens[-1].casefold() in _CONNECTORS:
                tokens.pop()
                continue
            return tokens
    return tokens


def _strip_roles_once(text: str) -> str:
    head, colon, tail = text.partition(":")
    if colon and _is_role_phrase(head):
        text = tail  # "minh họa: Nguyễn Công Hoan"
    tokens = text.split()
    n = _role_prefix(tokens, lower_only=False)
    if n and n < len(tokens) and tokens[n].casefold() == "by":
        n += 1  # "translated by", "edited by"
    if n and (tokens[n - 1].casefold() == "by" or n > 1 or tokens[0].islower()):
        tokens = tokens[n:]
    return " ".join(_strip_trailing(tokens))


def _personal(name: str) -> bool:
    words = name.split()
    return bool(words) and all(w[0].isupper() or (w.isascii() and len(w) <= 3) for w in words) and words[-1][0].isupper()


def _clean(name: str) -> str:
    name = trim_period(name.replace("[", "").replace("]", "").strip(" ,()"))
    if not any(c.isalpha() for c in name) or name.casefold() in NOT_NAMES or _is_role_phrase(name):
        return ""
    return name


@lru_cache(maxsize=1 << 14)
def _strip_roles(statement: str) -> tuple[str, ...]:
    text = _ELLIPSIS.sub(";", _ET_AL.sub(";", normalise(statement)))
    text = _PARENS.sub(lambda m: " " if _is_role_phrase(m.group(1)) else m.group(0), text)
    names: list[str] = []
    for part in re.split(r"[;,]", text):
        if part.strip().casefold() in NOT_NAMES:
            continue
        pieces = [_clean(_strip_roles_once(p)) for p in _CONJUNCTION.split(part)]
        if len(pieces) > 1 and not all(not p or _personal(p) for p in pieces):
            pieces = [_clean(_strip_roles_once(part))]  # "Khoa Khoa học và Kỹ thuật Máy tính"
        names.extend(p for p in pieces if p)
    return tuple(names)


def strip_roles(statement: str) -> list[str]:
    """The personal names of a statement of responsibility (245 $c), role words removed.

    Names are split on ``;``, ``,`` and (between two capitalised names) ``và``/``and``/``với``/``&``;
    "[và những người khác]", "[et al.]", "..." and "Nhiều tác giả" are dropped.
    """
    return list(_strip_roles(statement))


# --- comparison -------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+")


def _key(text: str) -> str:
    return " ".join(_TOKEN.findall(unicodedata.normalize("NFC", text.casefold())))


@lru_cache(maxsize=1 << 18)
def _analyse(name: str) -> tuple[frozenset[str], Dates | None]:
    text, dates = split_dates(normalise(name))
    head, comma, tail = text.partition(",")
    given, _, suffix = tail.partition(",")
    h, g, x = _key(head), _key(given), _key(suffix)
    if not (comma and h and g):
        return frozenset({_key(text)} - {""}), dates
    # Vietnamese inverted headings only add a comma (Nguyễn, Du = Nguyễn Du); Western ones swap
    # (Smith, John = John Smith).  The heading does not say which, so both are keys; a third
    # part ("Jr.", a title) stays last in both.
    return frozenset({" ".join(filter(None, (h, g, x))), " ".join(filter(None, (g, h, x)))}), dates


def forms(name: str) -> frozenset[str]:
    """Comparison keys in direct order: case-folded, tones kept, punctuation and dates removed."""
    return _analyse(name)[0]


@lru_cache(maxsize=1 << 18)
def block_keys(name: str) -> frozenset[str]:
    """:func:`forms` without tones, vowel marks or đ: to find candidates, never to decide."""
    return frozenset(fold(f) for f in forms(name))


def same_name(a: str, b: str) -> bool:
    """One person's name?  A shared form and compatible dates; a tone mark of difference is
    another name."""
    (forms_a, dates_a), (forms_b, dates_b) = _analyse(a), _analyse(b)
    return not forms_a.isdisjoint(forms_b) and compatible(dates_a, dates_b)
