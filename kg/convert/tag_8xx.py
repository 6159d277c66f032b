"""Fields 800-887: series added entries, holdings, electronic location (LC
ConvSpec-1XX_7XX_8XX-Names for 8XX, ConvSpec-841-887).

800/810/811 name the series' creator; 830 is a title-only series.  852 and 876-878 become Items
(:mod:`kg.convert.items`); 856 gives ``bf:electronicLocator`` on the Instance (``$3``-less
links) or, for ind2 = 2 (related resource), a note with the link.  880 is not handled here: the
converter pairs every 880 with its partner field first (:mod:`kg.convert.linkage`).
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from ..marc.record import Field
from ..text.punctuation import trim, trim_period
from . import agents
from .context import CATALOGUE, Context
from .items import holdings
from .registry import handles
from .series import series_relation
from .terms import LABEL, TYPE, bf


@handles("800", "810", "811")
def series_added_entry_name(ctx: Context, field: Field) -> None:
    if ctx.is_parallel(field):
        return
    agent = agents.agent(ctx, field)
    title = trim_period(" ".join(trim(v) for c, v in field.subfields if c in "tfklmnops" and trim(v)))
    if not title:
        ctx.dropped(field.tag, "series added entry without a title ($t)")
        return
    series_relation(ctx, title, field, agent)


@handles("830")
def series_added_entry_title(ctx: Context, field: Field) -> None:
    if ctx.is_parallel(field):
        return
    title = trim_period(" ".join(trim(v) for c, v in field.subfields if c in "adfklmnops" and trim(v)))
    if title:
        series_relation(ctx, title, field)


@handles("852", "876", "877", "878")
def location_and_items(ctx: Context, field: Field) -> None:
    if ctx.is_parallel(field):
        return
    holdings(ctx, field)


@handles("856")
def electronic_location(ctx: Context, field: Field) -> None:
    if ctx.is_parallel(field):
        return
    for url in field.get_all("u"):
        url = url.strip()
        if not url.lower().startswith(("http://", "https://", "ftp://")):
            ctx.dropped("856", f"$u {url[:80]!r} is not an http(s) or ftp link")
            continue
        try:
            node = NamedNode(url)
        except ValueError:
            ctx.dropped("856", f"$u {url[:80]!r} is not a valid IRI")
            continue
        if field.ind2 == "2":
            note = ctx.thing(ctx.work, bf.note, bf.Note)
            ctx.add(note, bf.noteType, Literal("related resource"))
            ctx.add(note, bf.electronicLocator, node)
            for text in field.get_all("y", "3", "z"):
                ctx.literal(note, LABEL, text, CATALOGUE)
        else:
            ctx.add(ctx.instance, bf.electronicLocator, node)
            for text in field.get_all("z", "y", "3"):
                note = ctx.thing(ctx.instance, bf.note, bf.Note)
                ctx.add(note, bf.noteType, Literal("electronic access"))
                ctx.literal(note, LABEL, text, CATALOGUE)
