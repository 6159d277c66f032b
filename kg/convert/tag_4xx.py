"""Series statements 490 and the obsolete traced 440 (LC ConvSpec-490_510-Links, Process 6).

490 gives the Instance its transcribed ``bf:seriesStatement`` and ``bf:seriesEnumeration``; an
untraced series (ind1 = 0) also relates the Work to a series Work, as a traced 8XX does.  440
(obsolete since 2008, still in older exports) is converted like 830.
"""

from __future__ import annotations

from ..marc.record import Field
from ..text.punctuation import trim_period
from .context import ITEM, Context
from .registry import handles
from .series import series_relation
from .terms import bf


@handles("490")
def series_statement(ctx: Context, field: Field) -> None:
    for v in field.get_all("a"):
        ctx.literal(ctx.instance, bf.seriesStatement, v, ITEM, period=True)
    for v in field.get_all("v"):
        ctx.literal(ctx.instance, bf.seriesEnumeration, v, ITEM, period=True)
    if field.ind1 == "0" and not ctx.is_parallel(field):
        title = trim_period(" ".join(field.get_all("a")))
        if title:
            series_relation(ctx, title, field)


@handles("440")
def series_traced_obsolete(ctx: Context, field: Field) -> None:
    title = trim_period(" ".join(v for c, v in field.subfields if c in "anp"))
    if title and not ctx.is_parallel(field):
        ctx.literal(ctx.instance, bf.seriesStatement, title, ITEM)
        series_relation(ctx, title, field)

