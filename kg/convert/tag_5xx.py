"""Notes 500-588 (LC ConvSpec-5XX), driven by ``mappings/notes.csv``.

Each row says which entity carries the note (Work or Instance), the property (``bf:note``,
``bf:summary``, ``bf:tableOfContents``, ``bf:supplementaryContent``…), the class of the note
node, the ``bf:noteType`` when the property is the generic ``bf:note``, and the subfields that
make the label.  A row without a class gives a plain literal (508 credits, 524 citation, 586
awards).  505 keeps its " -- " separators: they are the contents.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from ..marc.record import Field
from ..text.punctuation import trim
from .agents import named_agent
from .context import CATALOGUE, ITEM, Context
from .registry import handles
from .tables import TABLES
from .terms import LABEL, bf

# transcribed notes are in the resource's language, the rest in the cataloguing language
_TRANSCRIBED = frozenset({"505", "520"})


@handles(*sorted(TABLES.notes))
def note(ctx: Context, field: Field) -> None:
    row = TABLES.notes[field.tag]
    codes = row["label_subfields"]
    # 505 is one property made of the whole field: its punctuation is the contents' (LC Process 7.2)
    text = " ".join(trim(v) if field.tag != "505" else v.strip() for c, v in field.subfields if c in codes and v.strip())
    text = text.strip()
    if not text:
        return
    which = ITEM if field.tag in _TRANSCRIBED else CATALOGUE
    subject = ctx.work if row["target"] == "Work" else ctx.instance
    prop = bf[row["property"]]
    if ctx.is_parallel(field):
        node = ctx.node(field, "note", lambda: None)
        if node is not None:
            ctx.literal(node, LABEL, text, which)
            return
    if not row["class"]:
        ctx.literal(subject, prop, text, which)
        return
    node = ctx.thing(subject, prop, bf[row["class"]])
    ctx.nodes[(id(field), "note")] = node
    if row["note_type"]:
        ctx.add(node, bf.noteType, Literal(row["note_type"]))
    ctx.literal(node, LABEL, text, which)
    if field.tag == "502":
        for v in field.get_all("b"):
            ctx.literal(node, bf.degree, v, CATALOGUE, period=True)
        for v in field.get_all("c"):
            inst = named_agent(ctx, v, "Organization")
            if inst is not None:
                ctx.add(node, bf.grantingInstitution, inst)
        for v in field.get_all("d"):
            ctx.literal(node, bf.date, v, None, period=True)
    for url in field.get_all("u"):
        if url.strip().lower().startswith(("http://", "https://")):
            try:
                ctx.add(node, bf.electronicLocator, NamedNode(url.strip()))
            except ValueError:
                ctx.dropped(field.tag, f"$u {url!r} is not a valid IRI")
