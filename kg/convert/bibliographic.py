"""One MARC 21 bibliographic record -> BIBFRAME 2 triples: the order of the passes.

1. leader and administrative metadata (:mod:`kg.convert.ldr_00x`);
2. every field except 880, in tag order (so 1XX is known when 240 makes its hub, 245 before
   246), each through the handler registered for its tag; a handler that fails on odd data
   loses only its field: its partial triples are rolled back and the field is reported;
3. every 880 through its partner tag's handler (:mod:`kg.convert.linkage`);
4. defaults that depend on the whole record (content type from leader/06 when no 336, the
   publication built from 008 when no 260/264).

Tags without a handler are counted, not reported per record (local 9XX fields are the bulk).
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field

from pyoxigraph import NamedNode

from ..marc.problems import DROPPED, Problem
from ..marc.record import Record
from . import handlers  # noqa: F401  (fills the registry)
from .context import Context
from .iris import Minter
from .ldr_00x import convert_leader, default_content, publication_facts
from .linkage import language_tag, pair
from .registry import HANDLERS
from .terms import bf, vocab


@dataclass
class Converted:
    rid: str
    graph: NamedNode
    triples: list
    problems: list[Problem]
    unhandled: set[str] = dc_field(default_factory=set)
    items: int = 0


def _run(ctx: Context, handler, field) -> None:
    mark = len(ctx.out)
    try:
        handler(ctx, field)
    except Exception as err:  # noqa: BLE001 - one odd field must not lose the record
        del ctx.out[mark:]
        ctx.problems.append(
            Problem(f"field could not be converted ({type(err).__name__}: {err}); field left out", DROPPED, field.tag)
        )


def convert_bibliographic(record: Record, minter: Minter, as_quads: bool = False) -> Converted:
    ctx = Context(record, minter, as_quads)
    convert_leader(ctx)
    fields = sorted((f for f in record.fields if f.tag != "880"), key=lambda f: f.tag)
    for f in fields:
        handler = HANDLERS.get(f.tag)
        if handler is None:
            ctx.unhandled.add(f.tag)
            continue
        _run(ctx, handler, f)
    parallels, problems = pair(record) if any(f.tag == "880" for f in record.fields) else ((), ())
    for message in problems:
        ctx.problems.append(Problem(message, DROPPED if "dropped" in message else "repaired", "880"))
    for p in parallels:
        handler = HANDLERS.get(p.view.tag)
        if handler is None:
            ctx.unhandled.add("880")
            continue
        if p.partner is not None:
            ctx.partner[id(p.view)] = p.partner
        ctx._override = language_tag(ctx.lang_item, ctx.language, p.script)
        try:
            _run(ctx, handler, p.view)
        finally:
            ctx._override = None
    default_content(ctx)
    if not ctx.facts.get("primary_publication") and (ctx.facts.get("date") or ctx.facts.get("country")):
        publication = ctx.thing(ctx.instance, bf.provisionActivity, bf.Publication)
        publication_facts(ctx, publication)
        ctx.facts["primary_publication"] = publication
    countries = ctx.facts.get("countries_044")
    if countries:
        publication = ctx.facts.get("primary_publication") or ctx.thing(ctx.instance, bf.provisionActivity, bf.Publication)
        for code in countries:
            if code != ctx.facts.get("country"):
                ctx.add(publication, bf.place, vocab("countries", code))
    return Converted(ctx.rid, ctx.graph, ctx.out, ctx.problems, ctx.unhandled, ctx.items)
