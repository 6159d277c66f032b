"""Fields 010-088 and the Vietnamese 094: identifiers, languages, geographic codes,
classification (LC ConvSpec-010-048, ConvSpec-050-088).

Identifier and classification tags are rows of ``mappings/identifiers.csv`` and
``mappings/classification.csv``; this module only knows how subfields become nodes.
"""

from __future__ import annotations

import re

from pyoxigraph import Literal

from ..marc.record import Field
from ..text.punctuation import trim
from .context import CATALOGUE, Context
from .registry import handles
from .tables import TABLES
from .terms import LABEL, TYPE, VALUE, bf, vocab

_PAREN_PREFIX = re.compile(r"^\s*\(([^)]{1,40})\)\s*(.+)$")
_TRAILING_QUALIFIER = re.compile(r"^(\S+)\s+\((.+)\)\s*$")
_ID_CLASSES_024_SOURCE = {"doi": "Doi", "hdl": "Hdl", "isni": "Isni", "urn": "Urn", "ansi": "Ansi", "istc": "Istc", "iswc": "Iswc", "isan": "Isan", "eidr": "Eidr", "gtin-14": "Gtin14Number"}
_IDENTIFIER_TAGS = sorted({tag for tag, _ind1 in TABLES.identifiers})


def _identifier_row(field: Field) -> dict | None:
    row = TABLES.identifiers.get((field.tag, field.ind1)) or TABLES.identifiers.get((field.tag, "*"))
    if row is None and field.tag in ("024", "028"):
        # an undefined first indicator: the number is real, its type unknown
        row = TABLES.identifiers.get(("024", "8")) if field.tag == "024" else TABLES.identifiers.get(("028", "5"))
    return row


@handles(*_IDENTIFIER_TAGS)
def identifier(ctx: Context, field: Field) -> None:
    row = _identifier_row(field)
    if row is None:
        ctx.dropped(field.tag, f"{field.tag} with first indicator {field.ind1!r} has no identifier type")
        return
    if field.tag in ("024", "028") and (field.tag, field.ind1) not in TABLES.identifiers:
        ctx.repaired(field.tag, f"first indicator {field.ind1!r} undefined; identifier type left unspecified")
    target = ctx.work if row["target"] == "Work" else ctx.instance
    cls = row["class"]
    if field.tag == "024" and field.ind1 == "7":
        source = (field.get("2") or "").strip().lower()
        cls = _ID_CLASSES_024_SOURCE.get(source, "Identifier")
    qualifiers = [q for code in row["qualifier_subfields"] for q in field.get_all(code)]
    values = [(v, None) for code in row["value_subfields"] for v in field.get_all(code)]
    values += [(v, "cancinv") for code in row["invalid_subfields"] for v in field.get_all(code)]
    if field.tag == "022":
        values += [(v, "issnl") for v in field.get_all("l")]
    for raw, status in values:
        value = trim(raw)
        if not value:
            continue
        node_cls = cls
        assigner = None
        local_qualifiers = list(qualifiers)
        m = _PAREN_PREFIX.match(value)
        if m and field.tag in ("035", "016", "010", "019"):
            prefix, value = m.group(1).strip(), m.group(2).strip()
            if prefix.upper() in ("OCOLC", "OCLC") and field.tag == "035":
                node_cls = "OclcNumber"
                value = re.sub(r"^(ocm|ocn|on)", "", value)
            else:
                assigner = prefix
        m = _TRAILING_QUALIFIER.match(value)
        if m and field.tag in ("020", "022", "024", "027", "028"):
            value, extra = m.group(1), m.group(2)
            local_qualifiers.append(extra)
        if status == "issnl":
            node_cls, status = "IssnL", None
        node = ctx.thing(target, bf.identifiedBy, bf[node_cls])
        ctx.add(node, VALUE, Literal(value))
        if status:
            ctx.add(node, bf.status, vocab("mstatus", status))
        for q in local_qualifiers:
            ctx.literal(node, bf.qualifier, q.strip("()[] "), CATALOGUE)
        if assigner:
            org = ctx.thing(node, bf.assigner, bf.Organization)
            ctx.add(org, bf.code, Literal(assigner))
        source = field.get("2")
        if source and field.tag in ("015", "016", "024") and node_cls in ("Nbn", "Local", "Identifier"):
            src = ctx.thing(node, bf.source, bf.Source)
            ctx.add(src, bf.code, Literal(source.strip()))
        if field.tag == "028":
            for b in field.get_all("b"):
                agent = ctx.thing(node, bf.assigner, bf.Agent)
                ctx.literal(agent, LABEL, b, None)
    if field.tag == "020":
        for price in field.get_all("c"):
            ctx.literal(ctx.instance, bf.acquisitionTerms, price, CATALOGUE)


@handles("040")
def cataloging_source(ctx: Context, field: Field) -> None:
    """Consumed by the administrative metadata (leader pass)."""


def _language_codes(field: Field, code: str) -> tuple[list[str], list[str]]:
    """(MARC codes found, values that are not codes) in subfield ``code`` of an 041."""
    found, bad = [], []
    iso639_1 = field.ind2 == "7" and (field.get("2") or "").lower().startswith("iso639-1")
    for value in field.get_all(code):
        v = value.strip().lower()
        if iso639_1 or len(v) == 2:
            marc = next((m for m, (tag, _s) in TABLES.languages.items() if tag == v), None)
            (found if marc else bad).append(marc or value)
            continue
        # pre-2001 practice runs codes together ("vieeng"); Libol capitalises ("Vie")
        parts = [v[i : i + 3] for i in range(0, len(v), 3)] if len(v) > 3 and len(v) % 3 == 0 and v.isalpha() else [v]
        for part in parts:
            (found if part in TABLES.languages else bad).append(part if part in TABLES.languages else value)
    return found, bad


@handles("041")
def languages(ctx: Context, field: Field) -> None:
    added = ctx.facts.setdefault("language_added", set())
    for sub in ("a", "d"):
        found, bad = _language_codes(field, sub)
        for code in found:
            if code not in added:
                added.add(code)
                ctx.add(ctx.work, bf.language, vocab("languages", code))
        for value in bad:
            ctx.dropped("041", f"${sub} {value!r} is not a MARC language code")
    for code in _language_codes(field, "h")[0]:
        note = ctx.thing(ctx.work, bf.note, bf.Note)
        ctx.add(note, bf.noteType, Literal("original language"))
        ctx.add(note, bf.language, vocab("languages", code))


@handles("043")
def geographic_area(ctx: Context, field: Field) -> None:
    for value in field.get_all("a"):
        code = value.strip().rstrip("-").lower()
        if code in TABLES.geographic_areas:
            ctx.add(ctx.work, bf.geographicCoverage, vocab("geographicAreas", code))
        elif code:
            ctx.dropped("043", f"$a {value!r} is not a current MARC geographic area code")


@handles("044")
def country_of_producer(ctx: Context, field: Field) -> None:
    countries = ctx.facts.setdefault("countries_044", [])
    for value in field.get_all("a"):
        code = TABLES.country(value)
        if code:
            countries.append(code)
        elif value.strip():
            ctx.dropped("044", f"$a {value!r} is not a MARC country code (mappings/country_aliases.csv lists accepted forms)")


def _scheme(field: Field, row: dict) -> str | None:
    if field.tag == "086":
        return {"0": "sudocs", "1": "cacodoc"}.get(field.ind1) or (field.get("2") or "").strip().lower() or None
    if field.tag == "084":
        return (field.get("2") or "").strip().lower() or None
    return row["scheme"] or None


@handles("050", "055", "060", "070", "080", "082", "083", "084", "086", "094")
def classification(ctx: Context, field: Field) -> None:
    row = TABLES.classification[field.tag]
    scheme = _scheme(field, row)
    items = [v for code in row["item_subfields"] for v in field.get_all(code)]
    first = True
    for portion in (v for code in row["portion_subfields"] for v in field.get_all(code)):
        portion = trim(portion).rstrip("/")
        if not portion:
            continue
        node = ctx.thing(ctx.work, bf.classification, bf[row["class"]])
        ctx.add(node, bf.classificationPortion, Literal(portion))
        if first and items:
            ctx.add(node, bf.itemPortion, Literal(trim(items[0])))
        first = False
        if scheme:
            ctx.add(node, bf.source, vocab("classSchemes", re.sub(r"[^a-z0-9-]", "", scheme)))
        if field.tag in ("082", "083", "080"):
            edition = field.get("2")
            if edition and edition.strip():
                ctx.add(node, bf.edition, Literal(edition.strip()))
            if field.tag == "082" and field.ind1 in "01":
                ctx.add(node, bf.edition, Literal("full" if field.ind1 == "0" else "abridged"))
        if field.tag in ("050", "060", "070") and field.ind2 == "0":
            org = ctx.thing(node, bf.assigner, bf.Organization)
            ctx.add(org, bf.code, Literal({"050": "DLC", "060": "DNLM", "070": "DNAL"}[field.tag]))
