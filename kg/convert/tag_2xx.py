"""Fields 210-264: titles, edition, imprint (LC ConvSpec-200-247-Titles, ConvSpec-240_X30-UnifTitle,
ConvSpec-250-270).

Title fields are rows of ``mappings/titles.csv``; imprint fields of ``mappings/provision.csv``.
The 245 gives the Instance its ``bf:title`` and ``bf:responsibilityStatement``, and the Work its
title and label when no uniform title (130/240) exists.  260/264 become ``bf:provisionActivity``
nodes typed Publication/Production/Distribution/Manufacture with place, agent and date, plus the
transcribed statement; the first Publication also gets 008's normalised date and country.
"""

from __future__ import annotations

from pyoxigraph import Literal

from ..marc.record import Field
from ..text.punctuation import trim, trim_period
from .agents import named_agent
from .context import CATALOGUE, ITEM, Context, bcp47
from .ldr_00x import publication_facts
from .registry import handles
from .tables import TABLES
from .terms import LABEL, TYPE, bf, bflc, vocab
from .works import hub, title, title_parts

_STATEMENT = {"Publication": bf.publicationStatement, "Production": bf.productionStatement,
              "Distribution": bf.distributionStatement, "Manufacture": bf.manufactureStatement}


def _title_row(field: Field) -> dict:
    return TABLES.titles.get((field.tag, field.ind2)) or TABLES.titles[(field.tag, "*")]


@handles("245")
def title_statement(ctx: Context, field: Field) -> None:
    nonfiling = field.ind2
    node = ctx.node(field, "title", lambda: None)
    if node is None:
        node, text = title(ctx, ctx.instance, field, "Title", nonfiling)
        ctx.nodes[(id(field), "title")] = node
        if node is None:
            ctx.dropped("245", "title statement without $a/$b/$n/$p")
            return
        ctx.facts["title"] = text
        ctx.literal(ctx.instance, LABEL, text, ITEM)
        ctx.literal(ctx.work, LABEL, text, ITEM)
        if not ctx.record.get_fields("130", "240"):
            title(ctx, ctx.work, field, "Title", nonfiling)
    else:
        # 880 partner: the parallel script's values on the same title node
        for code, value in title_parts(field):
            ctx.literal(node, bf[TABLES.title_subfields[code]], value, ITEM)
        text = " ".join(v for _, v in title_parts(field))
        ctx.literal(ctx.instance, LABEL, text, ITEM)
        ctx.literal(ctx.work, LABEL, text, ITEM)
    for c in field.get_all("c"):
        ctx.literal(ctx.instance, bf.responsibilityStatement, c, ITEM, period=True)


@handles("210", "222", "242", "246", "247")
def other_titles(ctx: Context, field: Field) -> None:
    row = _title_row(field)
    lang = ITEM
    if field.tag == "242":
        # a translation of the title by the cataloguing agency, in the language named by $y
        lang = bcp47(field.get("y")) or CATALOGUE
    if ctx.is_parallel(field):
        # 880 partner: the other script's values on the partner's title node
        node = ctx.node(field, "title", lambda: None)
        if node is not None:
            for code, value in title_parts(field):
                ctx.literal(node, bf[TABLES.title_subfields[code]], value, lang)
            return
    nonfiling = field.ind2 if field.tag in ("222", "242") else None
    node, _ = title(ctx, ctx.instance, field, row["class"], nonfiling, lang=lang)
    if node is None:
        return
    ctx.nodes[(id(field), "title")] = node
    if row["variant_type"]:
        ctx.add(node, bf.variantType, Literal(row["variant_type"]))
    if field.tag == "210":
        for q in field.get_all("b"):
            ctx.literal(node, bf.qualifier, q, ITEM)
    if field.tag == "222":
        for q in field.get_all("b"):
            ctx.literal(node, bf.qualifier, q, ITEM)


@handles("240")
def uniform_title(ctx: Context, field: Field) -> None:
    if ctx.is_parallel(field):
        return
    node = hub(ctx, "", field, ctx.facts.get("main_agent"))
    if node is not None:
        ctx.add(ctx.work, bf.expressionOf, node)
        ctx.facts["uniform_title"] = node


@handles("250", "254")
def edition(ctx: Context, field: Field) -> None:
    text = " ".join(trim(v) for c, v in field.subfields if c in "ab" and trim(v))
    ctx.literal(ctx.instance, bf.editionStatement, text, ITEM)


@handles("255")
def cartographic_data(ctx: Context, field: Field) -> None:
    for v in field.get_all("a"):
        scale = ctx.thing(ctx.work, bf.scale, bf.Scale)
        ctx.literal(scale, LABEL, v, CATALOGUE)
    for v in field.get_all("b"):
        proj = ctx.thing(ctx.work, bf.projection, bf.Projection)
        ctx.literal(proj, LABEL, v, CATALOGUE)
    for v in field.get_all("c"):
        carto = ctx.thing(ctx.work, bf.cartographicAttributes, bf.Cartographic)
        ctx.literal(carto, bf.coordinates, v, None)


@handles("256", "257", "258", "261", "262", "270")
def minor_descriptive(ctx: Context, field: Field) -> None:
    """Fields LC turns into notes or ignores; kept as typed notes so nothing is silently lost."""
    text = " ".join(trim(v) for c, v in field.subfields if c.isalpha() and trim(v))
    if not text:
        return
    kinds = {"256": "computer file characteristics", "257": "country of producing entity",
             "258": "philatelic issue data", "261": "imprint (films)", "262": "imprint (sound recordings)",
             "270": "address"}
    note = ctx.thing(ctx.instance, bf.note, bf.Note)
    ctx.add(note, bf.noteType, Literal(kinds[field.tag]))
    ctx.literal(note, LABEL, text, CATALOGUE)


@handles("263")
def projected_date(ctx: Context, field: Field) -> None:
    for v in field.get_all("a"):
        ctx.add(ctx.instance, bflc.projectedProvisionDate, Literal(trim(v)))


@handles("260", "264")
def provision(ctx: Context, field: Field) -> None:
    kind = TABLES.provision.get((field.tag, field.ind2)) or TABLES.provision.get((field.tag, "*"))
    if kind is None:  # 264 with an undefined second indicator
        kind = "Publication"
        ctx.repaired(field.tag, f"second indicator {field.ind2!r} undefined; read as publication")
    if kind == "copyright":
        for c in field.get_all("c"):
            ctx.literal(ctx.instance, bf.copyrightDate, c, None, period=True)
        return
    if ctx.is_parallel(field):
        node = ctx.node(field, "provision", lambda: None)
        if node is None:
            return
        _provision_values(ctx, node, field, kind)
        return
    node = ctx.thing(ctx.instance, bf.provisionActivity, bf[kind])
    ctx.nodes[(id(field), "provision")] = node
    _provision_values(ctx, node, field, kind)
    if kind == "Publication" and not ctx.facts.get("primary_publication"):
        ctx.facts["primary_publication"] = node
        publication_facts(ctx, node)
    if field.tag == "260":
        # 260 $e/$f/$g: place, name and date of manufacture
        if any(c in "efg" for c, _ in field.subfields):
            manuf = ctx.thing(ctx.instance, bf.provisionActivity, bf.Manufacture)
            _values(ctx, manuf, field, "e", "f", "g")


def _values(ctx: Context, node, field: Field, place: str, agent: str, date: str) -> None:
    for v in field.get_all(place):
        p = ctx.thing(node, bf.place, bf.Place)
        ctx.literal(p, LABEL, v.strip("()[] "), ITEM, period=False)
        ctx.literal(node, bflc.simplePlace, v.strip("()[] "), ITEM)
    for v in field.get_all(agent):
        a = named_agent(ctx, v)
        if a is not None:
            ctx.add(node, bf.agent, a)
        ctx.literal(node, bflc.simpleAgent, v, ITEM, period=True)
    for v in field.get_all(date):
        ctx.literal(node, bflc.simpleDate, v, None, period=True)


def _provision_values(ctx: Context, node, field: Field, kind: str) -> None:
    _values(ctx, node, field, "a", "b", "c")
    statement = " ".join(v.strip() for c, v in field.subfields if c in "abc" and v.strip())
    ctx.literal(ctx.instance, _STATEMENT[kind], statement, ITEM, period=True)
