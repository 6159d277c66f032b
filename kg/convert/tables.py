"""The mapping tables of ``mappings/``, loaded once per process into lookup structures.

Each table is a CSV a cataloguer can open in a spreadsheet and correct; this module only turns
rows into dictionaries.  A row that references a class or property is checked against the
ontologies by ``tests/convert/test_vocabulary.py``, not here.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from ..resources import mapping_path, vocabulary_path


def rows(filename: str) -> list[dict[str, str]]:
    with open(mapping_path(filename), encoding="utf-8", newline="") as f:
        return [{k: (v or "") for k, v in row.items()} for row in csv.DictReader(f)]


def _norm_term(term: str) -> str:
    return unicodedata.normalize("NFC", term).strip().casefold()


def _codes(vocabulary: str, prefix: str) -> frozenset[str]:
    """The codes a vocabulary file describes: the last segment of its subjects under ``prefix``."""
    from pyoxigraph import RdfFormat, parse

    return frozenset(
        t.subject.value[len(prefix):]
        for t in parse(path=str(vocabulary_path(vocabulary)), format=RdfFormat.TURTLE)
        if t.subject.value.startswith(prefix) and len(t.subject.value) > len(prefix)
    )


@dataclass(frozen=True)
class RecordType:
    work_class: str
    content_code: str
    manuscript: bool
    material: str


class Tables:
    """All tables, each parsed lazily on first use."""

    @cached_property
    def record_types(self) -> dict[str, RecordType]:
        return {
            r["leader06"]: RecordType(r["work_class"], r["content_code"], r["manuscript"] == "yes", r["material"])
            for r in rows("record_types.csv")
        }

    @cached_property
    def issuance(self) -> dict[str, tuple[str, str]]:
        return {r["leader07"]: (r["work_class"], r["issuance_code"]) for r in rows("issuance.csv")}

    @cached_property
    def identifiers(self) -> dict[tuple[str, str], dict[str, str]]:
        return {(r["tag"], r["ind1"]): r for r in rows("identifiers.csv")}

    @cached_property
    def classification(self) -> dict[str, dict[str, str]]:
        return {r["tag"]: r for r in rows("classification.csv")}

    @cached_property
    def notes(self) -> dict[str, dict[str, str]]:
        return {r["tag"]: r for r in rows("notes.csv")}

    @cached_property
    def subjects(self) -> dict[str, dict[str, str]]:
        return {r["tag"]: r for r in rows("subjects.csv")}

    @cached_property
    def thesauri(self) -> dict[str, str]:
        return {r["ind2"]: r["source"] for r in rows("thesauri.csv")}

    @cached_property
    def thesaurus_languages(self) -> dict[str, str]:
        """ind2 -> MARC code of the language the thesaurus' headings are in (LCSH: eng)."""
        return {r["ind2"]: r["language"] for r in rows("thesauri.csv") if r["language"]}

    @cached_property
    def uncontrolled(self) -> dict[str, tuple[str, str]]:
        return {r["ind2"]: (r["bf_class"], r["mads_class"]) for r in rows("uncontrolled_terms.csv")}

    @cached_property
    def linking(self) -> dict[tuple[str, str], str]:
        return {(r["tag"], r["ind2"]): r["relationship"] for r in rows("linking_entries.csv")}

    @cached_property
    def scripts(self) -> dict[str, tuple[str, dict[str, str]]]:
        """880 script code -> (ISO 15924 script, {MARC language: script for that language})"""
        return {
            r["code"]: (r["iso15924"], dict(pair.split("=") for pair in r["by_language"].split()))
            for r in rows("scripts.csv")
        }

    @cached_property
    def titles(self) -> dict[tuple[str, str], dict[str, str]]:
        return {(r["tag"], r["ind2"]): r for r in rows("titles.csv")}

    @cached_property
    def title_subfields(self) -> dict[str, str]:
        return {r["subfield"]: r["property"] for r in rows("title_subfields.csv")}

    @cached_property
    def provision(self) -> dict[tuple[str, str], str]:
        return {(r["tag"], r["ind2"]): r["class"] for r in rows("provision.csv")}

    @cached_property
    def holdings(self) -> dict[str, dict[str, dict[str, str]]]:
        out: dict[str, dict[str, dict[str, str]]] = {}
        for r in rows("holdings.csv"):
            out.setdefault(r["tag"], {})[r["subfield"]] = r
        return out

    @cached_property
    def item_status(self) -> dict[tuple[str, str, str], tuple[str, str]]:
        return {(r["tag"], r["subfield"], r["value"]): (r["label_en"], r["label_vi"]) for r in rows("item_status.csv")}

    @cached_property
    def rda_terms(self) -> dict[tuple[str, str], str]:
        return {(r["tag"], _norm_term(r["term"])): r["code"] for r in rows("rda_terms.csv")}

    @cached_property
    def fixed_008(self) -> dict[tuple[str, str], list[tuple[list[int], str, str, str]]]:
        """(material, value) -> [(positions, property, scheme, code)]"""
        out: dict[tuple[str, str], list] = {}
        for r in rows("fixed_008.csv"):
            pos = r["position"]
            if "-" in pos:
                a, b = pos.split("-")
                positions = list(range(int(a), int(b) + 1))
            else:
                positions = [int(pos)]
            out.setdefault((r["material"], r["value"]), []).append((positions, r["property"], r["scheme"], r["code"]))
        return out

    @cached_property
    def relator_terms(self) -> dict[str, str]:
        out = {}
        for r in rows("relator_terms.csv"):
            out[_norm_term(r["term"]).rstrip(".")] = r["code"].strip()
        return out

    @cached_property
    def languages(self) -> dict[str, tuple[str, str]]:
        """MARC code -> (BCP 47 tag, suppressed script)"""
        return {r["code"].strip().lower(): (r["bcp47"].strip(), r["suppress_script"].strip()) for r in rows("languages.csv")}

    @cached_property
    def countries(self) -> frozenset[str]:
        """MARC country codes of ``vocabularies/countries.ttl`` (current and obsolete)."""
        return _codes("countries.ttl", "http://id.loc.gov/vocabulary/countries/")

    @cached_property
    def relator_codes(self) -> frozenset[str]:
        """Codes of ``vocabularies/relators.ttl``: a $4 outside it is reported, not emitted."""
        return _codes("relators.ttl", "http://id.loc.gov/vocabulary/relators/")

    @cached_property
    def rda_codes(self) -> dict[str, frozenset[str]]:
        """scheme (contentTypes, mediaTypes, carriers) -> the codes ``vocabularies/rda.ttl`` has."""
        return {scheme: _codes("rda.ttl", f"http://id.loc.gov/vocabulary/{scheme}/")
                for scheme in ("contentTypes", "mediaTypes", "carriers")}

    @cached_property
    def geographic_areas(self) -> frozenset[str]:
        """Codes (trailing hyphens removed) of ``vocabularies/geographic-areas.ttl``."""
        return _codes("geographic-areas.ttl", "http://id.loc.gov/vocabulary/geographicAreas/")

    @cached_property
    def country_aliases(self) -> dict[str, str]:
        return {r["value"]: r["code"] for r in rows("country_aliases.csv")}

    def country(self, value: str) -> str | None:
        """A MARC country code from what catalogues write (008/15-17, 044 $a), or None."""
        v = value.strip().rstrip("|").strip()
        if v in self.country_aliases:
            return self.country_aliases[v]
        v = v.lower()
        return v if v in self.countries else None

    def relator_for_term(self, term: str) -> str | None:
        return self.relator_terms.get(_norm_term(term).strip(" ,.;:()[]"))


TABLES = Tables()
