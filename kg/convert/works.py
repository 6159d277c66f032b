"""Titles, hubs and related works: what 130/240, 245-247, 6XX $t, 7XX $t, 76X-78X and 8XX share.

- :func:`title` turns title subfields into a ``bf:Title`` (or subclass) node, with the
  subfield-to-property table ``mappings/title_subfields.csv`` and non-filing characters turned
  into ``bflc:nonSortNum`` and a ``bflc:titleSortKey`` without them.
- :func:`hub` mints a ``bf:Hub`` for a uniform title or a name/title heading (LC 2.x uses hubs
  where BIBFRAME 1 had "expression" works), scoped to the library like agents.
- :func:`related_work` mints a brief ``bf:Work`` for linking entries and series.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from ..marc.record import Field
from ..text.punctuation import trim, trim_period
from .context import CATALOGUE, ITEM, Context
from .tables import TABLES
from .terms import LABEL, TYPE, bf, bflc

_SEPARATORS = {"b": " : ", "n": ". ", "p": ". ", "f": ", ", "k": ". ", "s": ". ", "l": ". "}


def title_parts(field: Field, codes: str = "abnpfks") -> list[tuple[str, str]]:
    parts = []
    # an abbreviated title is made of abbreviations: its full stops are data ("J. Viet. Stud.")
    keep_periods = field.tag == "210"
    for code, value in field.subfields:
        if code in codes and code in TABLES.title_subfields:
            v = trim_period(value) if code != "n" and not keep_periods else trim(value)
            if v:
                parts.append((code, v))
    return parts


def title_label(parts: list[tuple[str, str]]) -> str:
    out = ""
    for code, value in parts:
        out = value if not out else out + _SEPARATORS.get(code, " ") + value
    return out


def title(ctx: Context, subject, field: Field, cls: str = "Title", nonfiling: str | None = None,
          codes: str = "abnpfks", lang: str | None = ITEM, predicate=None):
    """Attach ``subject bf:title [a bf:<cls>; bf:mainTitle …]``; return (node, label) or (None, "")."""
    parts = title_parts(field, codes)
    if not parts:
        return None, ""
    node = ctx.thing(subject, predicate or bf.title, bf[cls])
    for code, value in parts:
        prop = TABLES.title_subfields[code]
        if prop == "date":
            ctx.add(node, bf.date, Literal(value))
        else:
            ctx.literal(node, bf[prop], value, lang)
    text = title_label(parts)
    if nonfiling and nonfiling.isascii() and nonfiling.isdigit() and nonfiling != "0":
        n = int(nonfiling)
        main = parts[0][1] if parts[0][0] == "a" else ""
        if 0 < n < len(main):
            ctx.add(node, bflc.nonSortNum, Literal(str(n)))
            ctx.literal(node, bflc.titleSortKey, title_label([("a", main[n:].lstrip())] + parts[1:]), lang)
    return node, text


def hub(ctx: Context, label_text: str, field: Field, agent: NamedNode | None = None,
        codes: str = "adfgklmnoprs") -> NamedNode | None:
    """A ``bf:Hub`` for a uniform title (130/240/730) or a name/title heading."""
    parts = [(c, trim_period(v)) for c, v in field.subfields if c in codes and trim_period(v)]
    if not parts and not label_text:
        return None
    main = label_text or title_label(parts)
    full = f"{ctx_agent_label(ctx, agent)}. {main}" if agent is not None else main
    node = ctx.minter.hub(full)
    described = ctx.facts.setdefault("described", set())
    if node.value in described:
        return node
    described.add(node.value)
    ctx.add(node, TYPE, bf.Hub)
    ctx.add(node, LABEL, Literal(full))
    t = ctx.thing(node, bf.title, bf.Title)
    # the language of an expression ($l "English", "Tiếng Anh") is not part of the title: LC
    # ConvSpec-240_X30 gives it to bf:language, which lets linking see "Truyện Kiều" in both
    # the original and its translation
    languages = [v for c, v in parts if c == "l"]
    title_only = title_label([(c, v) for c, v in parts if c != "l"]) if languages and not label_text else main
    ctx.add(t, bf.mainTitle, Literal(title_only or main))
    for value in languages:
        lang = ctx.thing(node, bf.language, bf.Language)
        ctx.literal(lang, LABEL, value, CATALOGUE)
    if agent is not None:
        c = ctx.thing(node, bf.contribution, bf.Contribution)
        ctx.add(c, TYPE, bf.PrimaryContribution)
        ctx.add(c, bf.agent, agent)
    return node


def ctx_agent_label(ctx: Context, agent: NamedNode) -> str:
    return ctx.facts.get("agent_labels", {}).get(agent.value, "")


def related_work(ctx: Context, label_text: str, cls: str | None = None, key: str | None = None) -> NamedNode:
    """A brief Work titled ``label_text``, minted from ``key`` when the title alone does not
    identify it (a series entered under a name: "Nguyễn Du. Toàn tập")."""
    node = ctx.minter.related_work(key or label_text)
    described = ctx.facts.setdefault("described", set())
    if node.value not in described:
        described.add(node.value)
        ctx.add(node, TYPE, bf.Work)
        if cls:
            ctx.add(node, TYPE, bf[cls])
        ctx.add(node, LABEL, Literal(label_text))
        t = ctx.thing(node, bf.title, bf.Title)
        ctx.add(t, bf.mainTitle, Literal(label_text))
    return node
