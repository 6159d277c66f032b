"""Fields 300-388: physical description, content/media/carrier, frequency and other
characteristics (LC ConvSpec-3XX).

336/337/338 point at id.loc.gov's RDA vocabularies by their code ($b), or by the term ($a) when
the code is missing — ``mappings/rda_terms.csv`` knows the English and Vietnamese terms
("văn bản", "không qua thiết bị", "tập").  A code the vocabulary does not have, or a term the table
does not know, is kept as a label and reported — never made into an IRI.
"""

from __future__ import annotations

from pyoxigraph import Literal

from ..marc.record import Field
from ..text.punctuation import trim, trim_period
from .context import CATALOGUE, Context
from .registry import handles
from .tables import TABLES, _norm_term
from .terms import LABEL, TYPE, bf, vocab

_RDA = {"336": ("content", "contentTypes", "Content", "work"),
        "337": ("media", "mediaTypes", "Media", "instance"),
        "338": ("carrier", "carriers", "Carrier", "instance")}


@handles("300")
def physical_description(ctx: Context, field: Field) -> None:
    extent = " ".join(trim(v) for c, v in field.subfields if c in "afg" and trim(v))
    if extent:
        node = ctx.thing(ctx.instance, bf.extent, bf.Extent)
        ctx.literal(node, LABEL, extent, CATALOGUE)
    for v in field.get_all("b"):
        note = ctx.thing(ctx.instance, bf.note, bf.Note)
        ctx.add(note, bf.noteType, Literal("physical details"))
        ctx.literal(note, LABEL, v, CATALOGUE)
    for v in field.get_all("c"):
        ctx.literal(ctx.instance, bf.dimensions, v, None)
    for v in field.get_all("e"):
        note = ctx.thing(ctx.instance, bf.note, bf.Note)
        ctx.add(note, bf.noteType, Literal("accompanying material"))
        ctx.literal(note, LABEL, v.strip("+ "), CATALOGUE)


@handles("306")
def playing_time(ctx: Context, field: Field) -> None:
    for v in field.get_all("a"):
        ctx.add(ctx.work, bf.duration, Literal(trim(v)))


@handles("310", "321")
def frequency(ctx: Context, field: Field) -> None:
    # LC: $a is the label, $b (date of the frequency) a date of its own
    text = " ".join(trim(v) for v in field.get_all("a") if trim(v))
    dates = [trim(v) for v in field.get_all("b") if trim(v)]
    if text or dates:
        node = ctx.thing(ctx.instance, bf.frequency, bf.Frequency)
        ctx.literal(node, LABEL, text, CATALOGUE)
        for d in dates:
            ctx.add(node, bf.date, Literal(d))


@handles("336", "337", "338")
def rda_types(ctx: Context, field: Field) -> None:
    prop, scheme, cls, target = _RDA[field.tag]
    subject = ctx.work if target == "work" else ctx.instance
    codes, unknown = [], []
    for v in field.get_all("b"):
        if v.strip():
            (codes if v.strip().lower() in TABLES.rda_codes[scheme] else unknown).append(v.strip())
    for code in unknown:  # never an IRI of a code the vocabulary does not have
        node = ctx.thing(subject, bf[prop], bf[cls])
        ctx.literal(node, LABEL, code, CATALOGUE)
        ctx.repaired(field.tag, f"code {code!r} not in the RDA {scheme} vocabulary; kept as a label")
    if not codes and not unknown:
        for term in field.get_all("a"):
            code = TABLES.rda_terms.get((field.tag, _norm_term(trim_period(term))))
            if code:
                codes.append(code)
            elif trim(term):
                node = ctx.thing(subject, bf[prop], bf[cls])
                ctx.literal(node, LABEL, term, CATALOGUE)
                ctx.repaired(field.tag, f"term {trim(term)!r} not in mappings/rda_terms.csv; kept as a label")
    for code in codes:
        ctx.add(subject, bf[prop], vocab(scheme, code.lower()))
    if field.tag == "336" and (codes or field.get_all("a")):
        ctx.facts["content"] = True


@handles("340", "344", "345", "346", "347", "348", "362", "370", "377", "381", "382", "383", "384", "386", "388")
def characteristics(ctx: Context, field: Field) -> None:
    """Detailed characteristics kept as typed notes (LC spreads them over a dozen small classes
    that no Vietnamese catalogue fills); 362 is the serial's dates of publication."""
    names = {"340": "physical medium", "344": "sound characteristics", "345": "projection characteristics",
             "346": "video characteristics", "347": "digital file characteristics", "348": "notated music format",
             "362": "dates of publication and sequential designation", "370": "associated place",
             "377": "associated language", "381": "other distinguishing characteristics",
             "382": "medium of performance", "383": "numeric designation of musical work", "384": "key",
             "386": "creator/contributor characteristics", "388": "time period of creation"}
    text = " ; ".join(trim(v) for c, v in field.subfields if c.isalpha() and trim(v))
    if not text:
        return
    target = ctx.instance if field.tag in ("340", "344", "345", "346", "347", "362") else ctx.work
    note = ctx.thing(target, bf.note, bf.Note)
    ctx.add(note, bf.noteType, Literal(names[field.tag]))
    ctx.literal(note, LABEL, text, CATALOGUE)


@handles("380")
def form_of_work(ctx: Context, field: Field) -> None:
    for v in field.get_all("a"):
        node = ctx.thing(ctx.work, bf.genreForm, bf.GenreForm)
        ctx.literal(node, LABEL, v, CATALOGUE, period=True)


@handles("385")
def audience(ctx: Context, field: Field) -> None:
    for v in field.get_all("a"):
        node = ctx.thing(ctx.work, bf.intendedAudience, bf.IntendedAudience)
        ctx.literal(node, LABEL, v, CATALOGUE, period=True)
