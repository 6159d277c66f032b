"""Local fields 9XX.  MARC 21 leaves them to each system; the one with a shared meaning across
Vietnamese and foreign libraries is Koha's 952 (items), converted by :mod:`kg.convert.items`.
Libol's 9XX (900, 911, 925, 927: cataloguer, workflow and statistics codes) carry no
bibliographic meaning and are not converted.
"""

from __future__ import annotations

from ..marc.record import Field
from .context import Context
from .items import holdings
from .registry import handles


@handles("952")
def koha_items(ctx: Context, field: Field) -> None:
    if ctx.is_parallel(field):
        return
    holdings(ctx, field)
