"""The series relation shared by 490 (untraced), 440 and 8XX: ``Work bf:relation [a bf:Relation;
bf:relationship <relationship/series>; bf:associatedResource <series work>]``, the series work
typed ``bf:Series`` and minted from its title within the library, with the volume number ($v)
on the relation (LC Process 6)."""

from __future__ import annotations

from pyoxigraph import Literal

from ..marc.record import Field
from ..text.punctuation import trim_period
from .context import Context
from .terms import TYPE, VALUE, bf, vocab
from .works import ctx_agent_label, related_work


def series_relation(ctx: Context, title: str, field: Field, agent=None):
    # an 800/810/811 series is a name/title: "Toàn tập" of two authors are two series
    key = f"{ctx_agent_label(ctx, agent)}. {title}" if agent is not None else None
    series = related_work(ctx, title, "Series", key=key)
    if agent is not None:
        ctx.add(series, bf.contribution, _primary(ctx, agent))
    relation = ctx.thing(ctx.work, bf.relation, bf.Relation)
    ctx.add(relation, bf.relationship, vocab("relationship", "series"))
    ctx.add(relation, bf.associatedResource, series)
    for v in field.get_all("v"):
        v = trim_period(v)
        if v:
            ctx.add(relation, bf.seriesEnumeration, Literal(v))
    for issn in field.get_all("x"):
        ident = ctx.thing(series, bf.identifiedBy, bf.Issn)
        ctx.add(ident, VALUE, Literal(issn.strip(" ,;")))
    return series


def _primary(ctx: Context, agent):
    c = ctx.bnode()
    ctx.add(c, TYPE, bf.Contribution)
    ctx.add(c, TYPE, bf.PrimaryContribution)
    ctx.add(c, bf.agent, agent)
    return c
