"""The fields of an authority record other than its heading: one handler per kind of field.

Which tag goes to which handler, and which MADS/RDF property it gives, is the table
``mappings/authority_tags.csv``; $w/0 of a 5XX chooses the relation in
``mappings/authority_relations.csv``; 046 and 368-378 subfields are rows of
``mappings/authority_attributes.csv``; identifier sources (024 $2, 035 prefixes) are rows of
``mappings/identifier_sources.csv``.  Each handler receives the record's context, whose
``facts["authority"]`` is the established :class:`kg.convert.authority.Heading`.

Private-data awareness: 371 (address) is never converted; 375 (gender) only as the record
states it — nothing is inferred from a name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from pyoxigraph import Literal, NamedNode

from ..marc.record import Field
from ..text.identifiers import isni_key, normalise_lccn
from ..text.punctuation import trim, trim_period
from . import agents
from .authority import CONCEPT_CLASSES, Heading, describe, heading
from .context import CATALOGUE, Context
from .iris import checked_iri
from .tables import rows
from .terms import DATE_EDTF, LABEL, TYPE, VALUE, bf, mads, owl, vocab

_URI = re.compile(r"^https?://\S+$")
_PAREN = re.compile(r"^\s*\(([^)]{1,40})\)\s*(\S.*)$")
_EDTF = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?[~?%]?$|^\d{3}X[~?]?$|^\d{2}XX[~?]?$|^\[.*\]$|^\{.*\}$|^.+/.+$")
_CONTROL_SUBFIELDS = frozenset("0125678w")
# MARC 21 authority tags that are defined; anything else outside the local blocks (9XX, X9X) is
# reported by name (IISH's 103/403/503 in the shared Evergreen file)
DEFINED = frozenset("""001 003 005 008 010 014 016 020 022 023 024 031 034 035 040 042 043 045 046 050 052
053 055 060 065 066 070 072 073 080 082 083 086 087 100 110 111 130 147 148 150 151 155 162 180 181 182 185
260 336 348 360 368 370 371 372 373 374 375 376 377 378 380 381 382 383 384 385 386 387 388 400 410 411 430
447 448 450 451 455 462 480 481 482 485 500 510 511 530 547 548 550 551 555 562 580 581 582 585 640 641 642
643 644 645 646 663 664 665 666 667 670 672 673 675 677 678 680 681 682 688 700 710 711 730 747 748 750 751
755 762 780 781 782 785 788 856 880 883 884 885""".split())
LOCAL_LOOKALIKES = frozenset(f"{a}{b}{c}" for a in "012345678" for b in "012345678" for c in "0123456789") - DEFINED


def _main(ctx: Context) -> Heading:
    return ctx.facts["authority"]


def _lang(ctx: Context, h: Heading):
    return ctx.facts["label_language"] if h.bf_class in CONCEPT_CLASSES else None


# -- identifiers (010, 016, 024, 035) ---------------------------------------------------------


@lru_cache(maxsize=1)
def identifier_sources() -> dict[str, dict[str, str]]:
    return {r["code"]: r for r in rows("identifier_sources.csv")}


def normalise_id(scheme: str, value: str) -> str:
    value = value.strip()
    if scheme == "isni":
        return isni_key(value) or "".join(value.split()).upper()
    if scheme == "lcnaf":
        return normalise_lccn(value)
    if scheme == "wikidata":
        return value.rsplit("/", 1)[-1].upper()
    if scheme == "viaf":
        return value.rsplit("/", 1)[-1]
    return value


def _lc_links(ctx: Context, h: Heading, lccn: str) -> None:
    """id.loc.gov links for a normalised LCCN (letters then digits); anything else (a typo, '%',
    spaces) stays an identifier literal and gets no link — it could not be an IRI."""
    m = re.fullmatch(r"([a-z]*)\d+", lccn)
    if m is None:
        return
    prefix = m.group(1)
    if prefix in ("n", "nb", "nr", "no", "ns"):
        ctx.add(h.node, mads.hasExactExternalAuthority, NamedNode(f"http://id.loc.gov/authorities/names/{lccn}"))
        if h.bf_class in agents._MADS:
            ctx.add(h.node, owl.sameAs, NamedNode(f"http://id.loc.gov/rwo/agents/{lccn}"))
    elif prefix in ("sh", "sj"):
        scheme = "subjects" if prefix == "sh" else "childrensSubjects"
        ctx.add(h.node, mads.hasExactExternalAuthority, NamedNode(f"http://id.loc.gov/authorities/{scheme}/{lccn}"))
    elif prefix == "gf":
        ctx.add(h.node, mads.hasExactExternalAuthority, NamedNode(f"http://id.loc.gov/authorities/genreForms/{lccn}"))


def _identifier(ctx: Context, cls: str, value: str, scheme: str | None = None, assigner: str | None = None,
                cancelled: bool = False) -> None:
    h = _main(ctx)
    node = ctx.thing(h.node, bf.identifiedBy, bf[cls])
    ctx.add(node, VALUE, Literal(value))
    if scheme:
        src = ctx.thing(node, bf.source, bf.Source)
        ctx.add(src, bf.code, Literal(scheme))
    if assigner:
        org = ctx.thing(node, bf.assigner, bf.Organization)
        ctx.add(org, bf.code, Literal(assigner))
    if cancelled:
        ctx.add(node, bf.status, vocab("mstatus", "cancinv"))


def _external(ctx: Context, scheme: str, value: str, cancelled: bool = False) -> None:
    """An identifier from a known source: typed, and linked with owl:sameAs when valid."""
    row = identifier_sources().get(scheme)
    if row is None:
        _identifier(ctx, "Identifier", value, scheme, cancelled=cancelled)
        return
    scheme = row["scheme"]
    value = normalise_id(scheme, value)
    _identifier(ctx, row["class"], value, scheme, cancelled=cancelled)
    if cancelled:
        return
    h = _main(ctx)
    if scheme == "lcnaf":
        _lc_links(ctx, h, value)
    elif row["sameas"]:
        iri = row["sameas"].format(id=value)
        if _URI.match(iri) and (link := checked_iri(iri)) is not None:
            ctx.add(h.node, owl.sameAs, link)


def identifier(ctx: Context, field: Field) -> None:
    if field.tag == "010":
        for code, cancelled in (("a", False), ("z", True)):
            for v in field.get_all(code):
                lccn = normalise_lccn(v)
                if lccn:
                    _identifier(ctx, "Lccn", lccn, cancelled=cancelled)
                    if not cancelled:
                        _lc_links(ctx, _main(ctx), lccn)
        return
    if field.tag == "024":
        source = (field.get("2") or "").strip().lower() if field.ind1 == "7" else ""
        for v in field.get_all("a"):
            v = trim(v)
            if v:
                if source:
                    _external(ctx, source, v)
                else:
                    _identifier(ctx, "Identifier", v)
        for code in "01":
            for v in field.get_all(code):
                if _URI.match(v.strip()) and (link := checked_iri(v.strip())) is not None:
                    ctx.add(_main(ctx).node, owl.sameAs, link)
        return
    # 016, 035: "(source)number"
    for code, cancelled in (("a", False), ("z", True)):
        for v in field.get_all(code):
            v = trim(v)
            if not v:
                continue
            m = _PAREN.match(v)
            if m:
                prefix, number = m.group(1).strip(), m.group(2).strip()
                if prefix.lower() in identifier_sources():
                    _external(ctx, prefix.lower(), re.sub(r"^(ocm|ocn|on)", "", number) if prefix.lower() == "ocolc" else number,
                              cancelled)
                else:
                    _identifier(ctx, "Local", number, assigner=prefix, cancelled=cancelled)
            else:
                agency = (field.get("2") or "").strip() or None if field.tag == "016" else None
                _identifier(ctx, "Local", v, assigner=agency, cancelled=cancelled)


_SPANS = frozenset({"053", "065", "083", "087"})  # $a beginning, $b ending number of a span


def classification(ctx: Context, field: Field) -> None:
    # 072: $a subject category code + its $x subdivisions, written together (BISAC "SCI" "000000",
    # MeSH trees "G2." "111." "29")
    codes = "ax" if field.tag == "072" else "ab"
    parts = [trim(v) for c, v in field.subfields if c in codes and trim(v)]
    if parts:
        ctx.add(_main(ctx).node, mads.classification, Literal(("-" if field.tag in _SPANS else "").join(parts)))


# -- attributes (046, 368-378) ----------------------------------------------------------------


@lru_cache(maxsize=1)
def attribute_rows() -> dict[tuple[str, str], dict[str, str]]:
    return {(r["tag"], r["subfield"]): r for r in rows("authority_attributes.csv")}


def edtf(value: str) -> Literal | None:
    """An 046 date as EDTF when it is one (old records write yyyymmdd: made EDTF)."""
    v = trim(value)
    if not v:
        return None
    if re.fullmatch(r"\d{8}", v):
        v = f"{v[:4]}-{v[4:6]}-{v[6:]}"
    elif re.fullmatch(r"\d{6}", v):
        v = f"{v[:4]}-{v[4:]}"
    return Literal(v, datatype=DATE_EDTF) if _EDTF.match(v) else Literal(v)


def attributes(ctx: Context, field: Field) -> None:
    h = _main(ctx)
    table = attribute_rows()
    for code, value in field.subfields:
        row = table.get((field.tag, code))
        value = trim_period(value)
        if row is None or not value:
            continue
        prop = mads[row["property"]]
        cls = row["node_class"]
        if cls == "edtf":
            lit = edtf(value)
            if lit is not None:
                ctx.add(h.node, prop, lit)
        elif cls == "literal":
            ctx.literal(h.node, prop, value, CATALOGUE)
        elif cls == "language":
            code3 = value.lower()
            if code3 in rows_languages():
                ctx.add(h.node, prop, vocab("languages", code3))
            else:
                ctx.dropped(field.tag, f"${code} {value!r} is not a MARC language code")
        elif cls == "Affiliation":
            aff = ctx.thing(h.node, prop, mads.Affiliation)
            org = ctx.thing(aff, mads.organization, mads.CorporateName)
            ctx.add(org, LABEL, Literal(value))
            for c2, pname in (("s", "affiliationStart"), ("t", "affiliationEnd")):
                d = field.get(c2)
                if d and edtf(d) is not None:
                    ctx.add(aff, mads[pname], edtf(d))
        else:
            node = ctx.thing(h.node, prop, mads[cls])
            ctx.literal(node, LABEL, value, CATALOGUE)


def dates(ctx: Context, field: Field) -> None:
    attributes(ctx, field)


def rows_languages() -> dict:
    from .tables import TABLES

    return TABLES.languages


def private(ctx: Context, field: Field) -> None:
    ctx.dropped(field.tag, f"{field.tag} (address) is personal data and is not published")


# -- variants, related headings, notes, sources --------------------------------------------------


def _traced(ctx: Context, field: Field, what: str) -> Heading | None:
    """The heading a 4XX/5XX tracing names (in the record's thesaurus), or None, reported."""
    h = heading(ctx, field, ctx.facts["scheme"][1])
    if h is None:
        ctx.dropped(field.tag, f"{what} without a name or term")
    return h


def variant(ctx: Context, field: Field) -> None:
    main = _main(ctx)
    h = _traced(ctx, field, "variant")
    if h is None:
        return
    node = ctx.bnode() if h.node == main.node else h.node
    ctx.add(main.node, mads.hasVariant, node)
    ctx.add(node, TYPE, mads[h.mads_class])
    ctx.add(node, TYPE, mads.Variant)
    ctx.literal(node, mads.variantLabel, h.label, _lang(ctx, h), period=True)


def related(ctx: Context, field: Field) -> None:
    main = _main(ctx)
    scheme = ctx.facts["scheme"][0]
    h = _traced(ctx, field, "see-also heading")
    if h is None:
        return
    if h.node == main.node:
        ctx.dropped(field.tag, "see-also heading is the record's own heading")
        return
    code = (field.get("w") or " ")[:1]
    prop = relations().get(code) or relations()["*"]
    ctx.add(main.node, mads[prop], h.node)
    described = ctx.facts.setdefault("described", set())
    if h.node.value not in described:
        described.add(h.node.value)
        describe(ctx, h, scheme if h.bf_class in CONCEPT_CLASSES else None, _lang(ctx, h))


@lru_cache(maxsize=1)
def relations() -> dict[str, str]:
    return {r["code"]: r["property"] for r in rows("authority_relations.csv")}


def note(ctx: Context, field: Field) -> None:
    prop = tag_rows()[field.tag]["property"].split(":", 1)[1]
    text = " ".join(v.strip() for c, v in field.subfields if c not in _CONTROL_SUBFIELDS and v.strip())
    if text:
        ctx.literal(_main(ctx).node, mads[prop], text, CATALOGUE, period=False)


def source(ctx: Context, field: Field) -> None:
    src = ctx.thing(_main(ctx).node, mads.hasSource, mads.Source)
    for v in field.get_all("a"):
        ctx.literal(src, mads.citationSource, v, CATALOGUE, period=True)
    for v in field.get_all("b"):
        ctx.literal(src, mads.citationNote, v.strip(), CATALOGUE, period=True)
    for v in field.get_all("u"):
        if _URI.match(v.strip()) and (link := checked_iri(v.strip())) is not None:
            ctx.add(src, mads.citationSource, link)
    ctx.add(src, mads.citationStatus, Literal("found" if field.tag == "670" else "notfound"))


def name_title(ctx: Context, main: Heading) -> None:
    """A name/title authority (100 $a $t): the Hub's title and its creator's agent."""
    t = ctx.thing(main.node, bf.title, bf.Title)
    ctx.add(t, bf.mainTitle, Literal(main.title))
    c = ctx.thing(main.node, bf.contribution, bf.Contribution)
    ctx.add(c, TYPE, bf.PrimaryContribution)
    ctx.add(c, bf.agent, main.agent)
    ctx.add(main.agent, TYPE, bf[main.agent_kind])
    ctx.add(main.agent, LABEL, Literal(main.agent_label))


@lru_cache(maxsize=1)
def tag_rows() -> dict[str, dict[str, str]]:
    return {r["tag"]: r for r in rows("authority_tags.csv")}


def _handlers() -> dict[str, Callable]:
    from . import authority

    here = globals()
    out: dict[str, Callable] = {}
    for tag, row in tag_rows().items():
        module, _, name = row["handler"].partition(".")
        if module == "authority":
            if name == "admin":
                out[tag] = authority.admin  # read by the record pass
            continue  # authority.heading: the heading itself
        out[tag] = here[name]
    return out


HANDLERS = _handlers()
