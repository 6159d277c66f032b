"""Authority files of many people for the reconciliation benchmark, built by varying real names.

A reconciliation index is only slow when it is large and its names are alike: a million labels
where "Nguyễn" begins four names in ten, "Văn" and "Thị" fill the middle and a few hundred given
names repeat — as in a real Vietnamese authority file.  So the names are not random strings:
their syllables are drawn, with their real frequencies, from the names of real records

- the labelled linking set (``tests/link/gold/records.csv``, ``authorities.csv``),
- the vnulib OPAC scrape (``../shared/data/vi``, statements of responsibility stripped of roles),
- the 100/700 fields of the real MARC files of ``../shared/data/marc/bib_utf8`` (Western names),

and every generated person gets an authority record in one to three of four libraries, each
typing it its own way (NLV direct order with dates, VNU inverted "Nguyễn, Văn An", TVHN without
dates, HCM direct), with the 4XX variants a cataloguer adds: the other order, the name without
tone marks, and sometimes a pen name.  About 4 name labels per authority record.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import random
import unicodedata
from collections import Counter
from pathlib import Path

import pymarc

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
GOLD = ROOT / "tests" / "link" / "gold"
LIBRARIES = ("NLV", "VNU", "TVHN", "HCM")
AUTH_LEADER = "00000nz  a2200000n  4500"
AUTH_008 = "260101n| azannaabn          |a aaa     "
LABELS_PER_RECORD = 4.0  # measured: the authorised form and three variants, a pen name in one in five


def _syllables(name: str) -> list[str] | None:
    from kg.text.legacy import is_syllable

    words = name.split()
    if 2 <= len(words) <= 5 and all(is_syllable(w) and w[0].isupper() for w in words):
        return words
    return None


def real_names() -> tuple[list[list[str]], list[tuple[str, str]]]:
    """Vietnamese names as syllable lists (direct order) and Western names as (family, given)."""
    from kg.text.names import normalise, split_dates, strip_roles

    vietnamese: list[list[str]] = []
    western: list[tuple[str, str]] = []

    def add(heading: str) -> None:
        text, _ = split_dates(normalise(heading))
        family, comma, given = (p.strip() for p in text.partition(","))
        direct = f"{family} {given}".strip() if comma else text
        words = _syllables(direct)
        if words:
            vietnamese.append(words)
        elif comma and family.isascii() and given and given.replace(".", "").replace(" ", "").isalpha():
            western.append((family, given.rstrip(".")))

    with open(GOLD / "records.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            subfields = [p for p in row["name_field"][7:].split("$")[1:] if p and p[0] == "a"]
            if subfields:
                add(subfields[0][1:])
    with open(GOLD / "authorities.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for field in row["marc"].split(" ;; "):
                if field[:3] in ("100", "400"):
                    a = [p for p in field[7:].split("$")[1:] if p and p[0] == "a"]
                    if a:
                        add(a[0][1:].rstrip(","))
    scrape = json.loads((SHARED / "vi" / "vnulib_opac_scrape_178.json").read_text(encoding="utf-8"))
    for rec in scrape:
        for name in strip_roles(rec.get("author") or ""):
            add(name)
    for path in sorted((SHARED / "marc" / "bib_utf8").glob("*.mrc")):
        with open(path, "rb") as f, contextlib.redirect_stderr(io.StringIO()):
            for record in pymarc.MARCReader(f, to_unicode=True, force_utf8=True, permissive=True):
                if record is None:
                    continue
                for field in record.get_fields("100", "700"):
                    if field.indicator1 == "1" and field.get("a"):
                        add(field.get("a").strip(" ,."))
    # each real person counts once, however many records name them (350 copies of Austen)
    vietnamese = [w.split() for w in dict.fromkeys(" ".join(w) for w in vietnamese)]
    western = list(dict.fromkeys(western))
    return vietnamese, western


class NameMaker:
    """Deterministic people whose syllables follow the real names' frequencies."""

    def __init__(self, seed: int = 1):
        vietnamese, western = real_names()
        self.rng = random.Random(seed)
        self.families = Counter(w[0] for w in vietnamese)
        self.middles = Counter(" ".join(w[1:-1]) for w in vietnamese)
        self.givens = Counter(w[-1] for w in vietnamese)
        self.western_families = Counter(f for f, _ in western)
        self.western_givens = Counter(g for _, g in western)
        self._lists = {k: (list(c), list(c.values())) for k, c in (
            ("family", self.families), ("middle", self.middles), ("given", self.givens),
            ("wfamily", self.western_families), ("wgiven", self.western_givens))}

    def _pick(self, key: str) -> str:
        items, weights = self._lists[key]
        return self.rng.choices(items, weights)[0]

    def person(self) -> dict:
        rng = self.rng
        if rng.random() < 0.15 and self._lists["wfamily"][0]:
            family, given = self._pick("wfamily"), self._pick("wgiven")
            kind = "western"
        else:
            family, given = self._pick("family"), " ".join(filter(None, (self._pick("middle"), self._pick("given"))))
            kind = "vietnamese"
        dates = ""
        if rng.random() < 0.6:
            birth = rng.randint(1880, 1998)
            dates = f"{birth}-" + (str(birth + rng.randint(25, 95)) if rng.random() < 0.4 and birth < 1990 else "")
        pen = None
        if kind == "vietnamese" and rng.random() < 0.2:
            pen = f"{self._pick('given')} {self._pick('given')}"
        return {"kind": kind, "family": family, "given": given, "dates": dates, "pen": pen}


def _unmarked(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def _field(tag: str, ind1: str, name: str, dates: str) -> pymarc.Field:
    subfields = [pymarc.Subfield("a", name + ("," if dates else ""))]
    if dates:
        subfields.append(pymarc.Subfield("d", dates))
    return pymarc.Field(tag=tag, indicators=pymarc.Indicators(ind1, " "), subfields=subfields)


def authority(person: dict, library: str, rid: str) -> pymarc.Record:
    """The authority record ``library`` would type for ``person``."""
    family, given, dates = person["family"], person["given"], person["dates"]
    direct, inverted = f"{family} {given}", f"{family}, {given}"
    if person["kind"] == "western":
        direct = f"{given} {family}"
    shown_dates = "" if library == "TVHN" else dates
    r = pymarc.Record(leader=AUTH_LEADER, force_utf8=True)
    r.add_field(pymarc.Field(tag="001", data=rid), pymarc.Field(tag="003", data=library),
                pymarc.Field(tag="008", data=AUTH_008))
    if library == "VNU" or person["kind"] == "western":
        r.add_field(_field("100", "1", inverted, shown_dates))
        if person["kind"] == "vietnamese":
            r.add_field(_field("400", "0", direct, shown_dates))
        else:
            r.add_field(_field("400", "1", f"{family}, {given[0]}.", shown_dates))  # "Austen, J."
    else:
        r.add_field(_field("100", "0", direct, shown_dates))
        r.add_field(_field("400", "1", inverted, shown_dates))
    r.add_field(_field("400", "0", _unmarked(direct), shown_dates))
    r.add_field(_field("400", "1", _unmarked(inverted), shown_dates))
    if person["pen"]:
        r.add_field(_field("400", "0", person["pen"], shown_dates))
    return r


def build(directory: Path, labels: int, seed: int = 1) -> dict[str, Path]:
    """Write one authority file per library, about ``labels`` name labels in all; return them."""
    directory.mkdir(parents=True, exist_ok=True)
    maker = NameMaker(seed)
    rng = random.Random(seed + 1)
    writers = {code: open(directory / f"{code.lower()}-auth.mrc", "wb") for code in LIBRARIES}
    counts = Counter()
    try:
        records = 0
        target = int(labels / LABELS_PER_RECORD)
        person_no = 0
        while records < target:
            person = maker.person()
            person_no += 1
            held = rng.sample(LIBRARIES, rng.choices((1, 2, 3), (0.6, 0.3, 0.1))[0])
            for code in held:
                counts[code] += 1
                rec = authority(person, code, f"{code}A{counts[code]:07d}")
                with contextlib.redirect_stderr(io.StringIO()):
                    writers[code].write(rec.as_marc())
                records += 1
    finally:
        for w in writers.values():
            w.close()
    return {code: directory / f"{code.lower()}-auth.mrc" for code in LIBRARIES}
