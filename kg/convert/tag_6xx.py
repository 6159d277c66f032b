"""Subject access 600-662 (LC ConvSpec-600-662, ConvSpec-subjectThesaurus).

- 600/610/611 without subdivisions: the subject *is* the agent (same IRI as a contribution by
  the same heading), also typed with its MADS class;
- 600/610/611/630 with $t: a ``bf:Hub`` (a work as subject);
- any heading with subdivisions ($v $x $y $z): a ``bf:Topic`` + ``madsrdf:ComplexSubject``
  whose ``madsrdf:componentList`` holds the typed components, label joined with "--";
- 650/651/648/655…: concepts of the class in ``mappings/subjects.csv`` (655 through
  ``bf:genreForm``);
- 653: every $a is an uncontrolled term of the kind its ind2 says (``mappings/uncontrolled_terms.csv``);
  Vietnamese catalogues lean on 653 more than on 650.
The thesaurus is ind2 (``mappings/thesauri.csv``) or $2 for ind2 = 7; it becomes
``bf:source`` and ``madsrdf:isMemberOfMADSScheme`` and is part of the concept's identity.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from ..marc.record import Field
from ..text.punctuation import trim, trim_period
from . import agents
from .context import CATALOGUE, Context, bcp47
from .registry import handles
from .tables import TABLES
from .terms import FIRST, LABEL, NIL, REST, TYPE, bf, mads, vocab
from .works import hub

SUBDIVISIONS = {"v": "GenreForm", "x": "Topic", "y": "Temporal", "z": "Geographic"}


def _scheme(ctx: Context, field: Field) -> tuple[NamedNode | None, str]:
    ind2 = field.ind2
    source = TABLES.thesauri.get(ind2, "")
    if source == "$2":
        code = (field.get("2") or "").strip().lower()
        code = "".join(ch for ch in code if ch.isalnum() or ch in "-.").strip(".")
        if not code:
            return None, ""
        return vocab("subjectSchemes", code), code
    if source:
        return NamedNode(source), source
    return None, ""


def component_label(field: Field, codes: str) -> str:
    return trim_period(" ".join(trim(v) for c, v in field.subfields if c in codes and trim(v)))


def _label_language(field: Field):
    """LCSH, MeSH… headings are English (RVM French) whatever the cataloguing language; other
    thesauri and uncontrolled terms are in the language of cataloguing."""
    code = TABLES.thesaurus_languages.get(field.ind2)
    return bcp47(code) if code else CATALOGUE


def _describe_concept(ctx: Context, node, bf_class: str, mads_class: str | None, label: str, scheme,
                      lang=CATALOGUE) -> bool:
    described = ctx.facts.setdefault("described", set())
    if node.value in described:
        return False
    described.add(node.value)
    ctx.add(node, TYPE, bf[bf_class])
    if mads_class:
        ctx.add(node, TYPE, mads[mads_class])
        ctx.literal(node, mads.authoritativeLabel, label, lang)
    ctx.literal(node, LABEL, label, lang)
    if scheme is not None:
        ctx.add(node, bf.source, scheme)
        ctx.add(node, mads.isMemberOfMADSScheme, scheme)
    return True


@handles("600", "610", "611", "630", "647", "648", "650", "651", "654", "655", "656", "657", "658", "662")
def subject(ctx: Context, field: Field) -> None:
    if ctx.is_parallel(field):
        node = ctx.node(field, "subject", lambda: None)
        if node is not None:
            ctx.literal(node, LABEL, _full_label(field), CATALOGUE)
        return
    row = TABLES.subjects[field.tag]
    lang = _label_language(field)
    predicate = bf.genreForm if field.tag == "655" else bf.subject
    scheme, scheme_key = _scheme(ctx, field)
    subdivisions = [(c, v) for c, v in field.subfields if c in SUBDIVISIONS and trim(v)]
    is_name = field.tag in ("600", "610", "611")
    if is_name and not subdivisions and field.get("t") is None:
        agent = agents.agent(ctx, field)
        if agent is None:
            return
        ctx.add(agent, TYPE, mads[agents.mads_class(agents.kind(field.tag, field.ind1))])
        if scheme is not None:
            ctx.add(agent, mads.isMemberOfMADSScheme, scheme)
        ctx.add(ctx.work, predicate, agent)
        ctx.nodes[(id(field), "subject")] = agent
        return
    # a name/title (6X0 $t) or a uniform title (630, whose title is in $a) without subdivisions
    if (field.get("t") is not None or field.tag == "630") and not subdivisions and field.tag in ("600", "610", "611", "630"):
        agent = agents.agent(ctx, field) if is_name else None
        t = component_label(field, "tfklmnoprs") if is_name else ""
        node = hub(ctx, t, field, agent, codes="tfklmnoprs" if is_name else "adfghklmnoprst")
        if node is not None:
            ctx.add(ctx.work, predicate, node)
            ctx.nodes[(id(field), "subject")] = node
        return
    bf_class, mads_class = row["bf_class"], row["mads_class"]
    head_codes = row["label_subfields"]
    head = component_label(field, head_codes)
    if not head and not subdivisions:
        ctx.dropped(field.tag, "subject heading without a term")
        return
    parts = [head] if head else []
    parts += [trim_period(v) for _, v in subdivisions]
    full = "--".join(p for p in parts if p)
    if subdivisions:
        node = ctx.minter.concept("Complex", full, scheme_key)
        if _describe_concept(ctx, node, "Topic", "ComplexSubject", full, scheme, lang):
            components = []
            if head:
                head_class = agents.mads_class(agents.kind(field.tag, field.ind1)) if is_name else mads_class
                components.append((head_class, head))
            components += [(SUBDIVISIONS[c], trim_period(v)) for c, v in subdivisions]
            component_list(ctx, node, components, lang)
    else:
        node = ctx.minter.concept(bf_class, full, scheme_key)
        _describe_concept(ctx, node, bf_class, mads_class, full, scheme, lang)
    ctx.add(ctx.work, predicate, node)
    ctx.nodes[(id(field), "subject")] = node


def _full_label(field: Field) -> str:
    row = TABLES.subjects.get(field.tag)
    head = component_label(field, row["label_subfields"] if row else "a")
    parts = [head] + [trim_period(v) for c, v in field.subfields if c in SUBDIVISIONS and trim(v)]
    return "--".join(p for p in parts if p)


def component_list(ctx: Context, node, components: list[tuple[str, str]], lang=CATALOGUE) -> None:
    head = ctx.bnode()
    ctx.add(node, mads.componentList, head)
    cell = head
    for i, (cls, text) in enumerate(components):
        comp = ctx.bnode()
        ctx.add(comp, TYPE, mads[cls])
        ctx.literal(comp, mads.authoritativeLabel, text, lang)
        ctx.add(cell, FIRST, comp)
        if i + 1 < len(components):
            nxt = ctx.bnode()
            ctx.add(cell, REST, nxt)
            cell = nxt
        else:
            ctx.add(cell, REST, NIL)


@handles("653")
def uncontrolled(ctx: Context, field: Field) -> None:
    bf_class, mads_class = TABLES.uncontrolled.get(field.ind2, ("Topic", "Topic"))
    for value in field.get_all("a"):
        label = trim_period(value)
        if not label:
            continue
        node = ctx.minter.concept(bf_class, label, "")
        described = ctx.facts.setdefault("described", set())
        if node.value not in described:
            described.add(node.value)
            ctx.add(node, TYPE, bf[bf_class])
            ctx.literal(node, LABEL, label, CATALOGUE)
        ctx.add(ctx.work, bf.genreForm if bf_class == "GenreForm" else bf.subject, node)
