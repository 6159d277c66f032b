"""Main entries 100, 110, 111 and 130 (LC ConvSpec-1XX_7XX_8XX-Names, ConvSpec-240_X30-UnifTitle).

100/110/111 make the primary contribution of the Work.  130 (a work entered under its title)
and 240 (``tag_2xx``) link the Work to a ``bf:Hub`` carrying the uniform title, with the main
entry's agent as the hub's creator when there is one.
"""

from __future__ import annotations

from ..marc.record import Field
from . import agents
from .context import Context
from .registry import handles
from .terms import bf
from .works import hub


@handles("100", "110", "111")
def main_entry_name(ctx: Context, field: Field) -> None:
    node = agents.contribution(ctx, field, primary=True)
    if node is not None and "main_agent" not in ctx.facts:
        ctx.facts["main_agent"] = node


@handles("130")
def main_entry_uniform_title(ctx: Context, field: Field) -> None:
    if ctx.is_parallel(field):
        return
    node = hub(ctx, "", field)
    if node is not None:
        ctx.add(ctx.work, bf.expressionOf, node)
        ctx.facts["uniform_title"] = node
