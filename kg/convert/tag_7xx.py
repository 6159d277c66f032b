"""Added entries 700-758 and linking entries 760-787 (LC ConvSpec-1XX_7XX_8XX-Names,
ConvSpec-720_740-758, ConvSpec-760-788-Links).

- 700/710/711 without $t: a contribution; with $t: a related work (a ``bf:Hub`` created by the
  named agent), ``bf:hasPart`` when ind2 = 2 (analytical entry), else a ``bf:relation``;
- 720: an uncontrolled name as contribution; 730/740: related titles;
- 760-787: ``bf:relation`` with the relationship of ``mappings/linking_entries.csv`` and a
  brief related Work (title $t or $a/$s) with a brief Instance carrying $x ISSN, $z ISBN, $w
  record numbers — the links a later step resolves to full records.
"""

from __future__ import annotations

import re

from pyoxigraph import Literal, NamedNode

from ..marc.record import Field
from ..text.punctuation import trim, trim_period
from . import agents
from .context import ITEM, Context
from .registry import handles
from .tables import TABLES
from .terms import LABEL, TYPE, VALUE, bf, vocab
from .works import hub, related_work, title_label

_LINKING_TAGS = sorted({tag for tag, _ in TABLES.linking})
_PAREN = re.compile(r"^\(([^)]{1,40})\)\s*(\S.*)$")


def _relate(ctx: Context, target, ind2: str) -> None:
    if ind2 == "2":
        ctx.add(ctx.work, bf.hasPart, target)
        return
    relation = ctx.thing(ctx.work, bf.relation, bf.Relation)
    ctx.add(relation, bf.relationship, vocab("relationship", "relatedwork"))
    ctx.add(relation, bf.associatedResource, target)


@handles("700", "710", "711")
def added_entry_name(ctx: Context, field: Field) -> None:
    if field.get("t") is None:
        agents.contribution(ctx, field, primary=False)
        return
    if ctx.is_parallel(field):
        return
    agent = agents.agent(ctx, field)
    title = trim_period(" ".join(trim(v) for c, v in field.subfields if c in "tfklmnoprs" and trim(v)))
    node = hub(ctx, title, field, agent, codes="tfklmnoprs")
    if node is not None:
        _relate(ctx, node, field.ind2)


@handles("720")
def added_entry_uncontrolled_name(ctx: Context, field: Field) -> None:
    agents.contribution(ctx, field, primary=False)


@handles("730")
def added_entry_uniform_title(ctx: Context, field: Field) -> None:
    if ctx.is_parallel(field):
        return
    node = hub(ctx, "", field)
    if node is not None:
        _relate(ctx, node, field.ind2)


@handles("740")
def added_entry_related_title(ctx: Context, field: Field) -> None:
    if ctx.is_parallel(field):
        return
    parts = [(c, trim_period(v)) for c, v in field.subfields if c in "anp" and trim_period(v)]
    if not parts:
        return
    text = title_label(parts)
    if field.ind2 == "2":
        _relate(ctx, related_work(ctx, text), "2")
    else:
        # LC: 740 ind2 blank is a variant title of the resource
        node = ctx.thing(ctx.instance, bf.title, bf.VariantTitle)
        ctx.literal(node, bf.mainTitle, text, ITEM)


@handles("751", "752")
def added_entry_place(ctx: Context, field: Field) -> None:
    text = ", ".join(trim_period(v) for c, v in field.subfields if c in "abcdfgh" and trim_period(v))
    if text:
        place = ctx.thing(ctx.work, bf.originPlace, bf.Place)
        ctx.literal(place, LABEL, text, None)


@handles("758")
def resource_identifier(ctx: Context, field: Field) -> None:
    """Identifiers of related resources (often Wikidata/Work IRIs): kept for the linking step."""
    for v in field.get_all("1"):
        v = v.strip()
        if v.startswith(("http://", "https://")):
            try:
                node = NamedNode(v)
            except ValueError:
                continue
            relation = ctx.thing(ctx.work, bf.relation, bf.Relation)
            ctx.add(relation, bf.relationship, vocab("relationship", "relatedwork"))
            ctx.add(relation, bf.associatedResource, node)


@handles(*_LINKING_TAGS)
def linking_entry(ctx: Context, field: Field) -> None:
    if ctx.is_parallel(field):
        return
    code = TABLES.linking.get((field.tag, field.ind2)) or TABLES.linking.get((field.tag, "*"))
    ids = [(cls, v.strip()) for cls, code_ in (("Issn", "x"), ("Isbn", "z"), ("Local", "w"), ("Local", "o"))
           for v in field.get_all(code_) if v.strip()]
    # LC: the uniform title $s is the Work's title; without it, the title $t
    title = trim_period(field.get("s") or field.get("t") or field.get("a") or "")
    if not title and ids:
        # "$i Online version: $w (OCoLC)…": the related resource is known only by its numbers
        title = "; ".join(v for _, v in ids)
    if not title:
        ctx.dropped(field.tag, "linking entry without a title ($t, $s, $a) or an identifier ($x, $z, $w, $o)")
        return
    work = related_work(ctx, title)
    name = field.get("a")
    if name and field.get("t"):
        agent = agents.named_agent(ctx, name)
        if agent is not None:
            c = ctx.thing(work, bf.contribution, bf.Contribution)
            ctx.add(c, bf.agent, agent)
    if ids or field.get("d") or field.get("b"):
        instance = ctx.minter.related_instance(title, "|".join(v for _, v in ids))
        ctx.add(instance, TYPE, bf.Instance)
        ctx.add(instance, bf.instanceOf, work)
        ctx.add(instance, LABEL, Literal(title))
        for cls, value in ids:
            assigner = None
            m = _PAREN.match(value) if cls == "Local" else None
            if m:  # LC: "$w (DLC)…" an Lccn, "(OCoLC)…" an OCLC number, else the agency as assigner
                assigner, value = m.group(1).strip(), m.group(2).strip()
                if assigner.upper() in ("OCOLC", "OCLC"):
                    cls, assigner, value = "OclcNumber", None, re.sub(r"^(ocm|ocn|on)", "", value)
                elif assigner.upper() == "DLC":
                    cls = "Lccn"
            ident = ctx.thing(instance, bf.identifiedBy, bf[cls])
            ctx.add(ident, VALUE, Literal(value))
            if assigner:
                org = ctx.thing(ident, bf.assigner, bf.Organization)
                ctx.add(org, bf.code, Literal(assigner))
        for v in field.get_all("d"):
            ctx.literal(instance, bf.provisionActivityStatement, v, ITEM, period=True)
        for v in field.get_all("b"):
            ctx.literal(instance, bf.editionStatement, v, ITEM, period=True)
    relation = ctx.thing(ctx.work, bf.relation, bf.Relation)
    ctx.add(relation, bf.relationship, vocab("relationship", code))
    ctx.add(relation, bf.associatedResource, work)
