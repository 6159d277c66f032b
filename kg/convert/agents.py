"""Names in headings -> agents, written once for 1XX, 6XX, 7XX and 8XX (LC ConvSpec-1XX_7XX_8XX-Names,
Processes 0 and 1-names).

- The kind comes from the tag and first indicator: X00 Person (Family when ind1 = 3),
  X10 Organization (Jurisdiction when ind1 = 1), X11 Meeting, 720 by its ind1.
- The label joins the name subfields that precede a title ($t): X00 $a $b $c $d $q, X10
  $a $b $c $d $n, X11 $a $c $d $e $n $q — ISBD punctuation trimmed.
- The IRI is minted from kind + :func:`kg.text.heading.heading_key` of the label, within the
  library (:class:`kg.convert.iris.Minter`).
- $0 (authority record) and $1 (real-world object) become identifiers; URIs among them also
  ``madsrdf:isIdentifiedByAuthority`` / ``owl:sameAs`` links that the linking step follows.
- Roles: $4 codes or relator IRIs, and $e (X11: $j) terms looked up in
  ``mappings/relator_terms.csv`` (English and Vietnamese: "chủ biên", "dịch", "hiệu đính"…);
  a term not in the table becomes a ``bf:Role`` with the term as its label and is reported.
"""

from __future__ import annotations

import re

from pyoxigraph import Literal, NamedNode

from ..marc.record import Field
from ..text.punctuation import trim, trim_period
from .context import CATALOGUE, ITEM, Context
from .iris import checked_iri
from .tables import TABLES
from .terms import LABEL, TYPE, VALUE, bf, mads, owl, vocab

_NAME_CODES = {"00": "abcdjq", "10": "abcdgn", "11": "acdegnq", "20": "a"}
_MADS = {"Person": "PersonalName", "Family": "FamilyName", "Organization": "CorporateName",
         "Jurisdiction": "CorporateName", "Meeting": "ConferenceName", "Agent": "Name"}
_URI = re.compile(r"^https?://\S+$")
_PAREN = re.compile(r"^\(([^)]+)\)\s*(\S.*)$")
_RELATOR_CODE = re.compile(r"^[a-z]{3}$")


def kind(tag: str, ind1: str) -> str:
    suffix = tag[1:]
    if suffix == "00":
        return "Family" if ind1 == "3" else "Person"
    if suffix == "10":
        return "Jurisdiction" if ind1 == "1" else "Organization"
    if suffix == "11":
        return "Meeting"
    if tag == "720":
        return "Person" if ind1 == "1" else "Agent"
    return "Agent"


def mads_class(agent_kind: str) -> str:
    return _MADS[agent_kind]


def name_subfields(field: Field) -> list[tuple[str, str]]:
    """The name part of a heading: allowed name subfields before the first $t."""
    allowed = _NAME_CODES.get(field.tag[1:], "a")
    out = []
    for code, value in field.subfields:
        if code == "t":
            break
        if code in allowed:
            out.append((code, value))
    return out


def label(field: Field) -> str:
    """The name subfields with the punctuation between them kept (LC Process 1.2, 7.2:
    "Nguyễn Du, 1765-1820"), the final ISBD punctuation trimmed."""
    return trim_period(" ".join(v.strip() for _, v in name_subfields(field) if v.strip()))


def identity(field: Field) -> str:
    """What the IRI is minted from: each subfield trimmed before joining, so that
    ``$aNguyễn Du,$d1765-1820.`` and Libol's unpunctuated ``$aNguyễn Du$d1765-1820`` are one agent."""
    parts = [trim(v) for _, v in name_subfields(field)]
    return trim_period(" ".join(p for p in parts if p))


def agent(ctx: Context, field: Field, agent_kind: str | None = None) -> NamedNode | None:
    """The agent node of a name heading (minted, described once per record)."""
    text = label(field)
    if not text or not any(c == "a" and trim(v) for c, v in name_subfields(field)):
        ctx.dropped(field.tag, "name heading without a name ($a)")
        return None
    agent_kind = agent_kind or kind(field.tag, field.ind1)

    def make() -> NamedNode:
        return ctx.minter.agent(agent_kind, identity(field))

    node = ctx.node(field, "agent", make)
    ctx.facts.setdefault("agent_labels", {}).setdefault(node.value, text)
    described = ctx.facts.setdefault("described", set())
    parallel = ctx.is_parallel(field)
    if node.value in described and not parallel:
        return node
    described.add(node.value)
    if not parallel:
        ctx.add(node, TYPE, bf[agent_kind])
        ctx.add(node, LABEL, Literal(text))
    else:
        # the 880 form of the name, tagged with its script (e.g. "阮攸"@vi-Hani)
        ctx.literal(node, LABEL, text, ITEM, period=True)
    _authority_links(ctx, node, field)
    return node


def named_agent(ctx: Context, text: str, agent_kind: str = "Agent") -> NamedNode | None:
    """An agent known only by a transcribed name (a publisher in 260/264 $b, a granting
    institution in 502 $c, a name in a linking entry): minted like a heading, so users can link
    to it, typed ``bf:Agent`` unless the field says more."""
    text = trim_period(text.strip("()[] "))
    if not text:
        return None
    node = ctx.minter.agent(agent_kind, text)
    described = ctx.facts.setdefault("described", set())
    if node.value not in described:
        described.add(node.value)
        ctx.add(node, TYPE, bf[agent_kind])
        ctx.add(node, LABEL, Literal(text))
    return node


def _authority_links(ctx: Context, node, field: Field) -> None:
    for code in ("0", "1"):
        for value in field.get_all(code):
            value = value.strip()
            if not value:
                continue
            link = checked_iri(value) if _URI.match(value) else None
            if link is not None:
                ctx.add(node, mads.isIdentifiedByAuthority if code == "0" else owl.sameAs, link)
                continue
            ident = ctx.thing(node, bf.identifiedBy, bf.Identifier)
            m = _PAREN.match(value)
            if m:
                ctx.add(ident, VALUE, Literal(m.group(2).strip()))
                src = ctx.thing(ident, bf.source, bf.Source)
                ctx.add(src, bf.code, Literal(m.group(1).strip()))
            else:
                ctx.add(ident, VALUE, Literal(value))


def roles(ctx: Context, field: Field) -> list:
    out: list = []
    seen: set[str] = set()
    for value in field.get_all("4"):
        v = value.strip()
        if _URI.match(v) and checked_iri(v) is not None:
            if v not in seen:
                seen.add(v)
                out.append(NamedNode(v))
        elif _RELATOR_CODE.match(v.lower().rstrip(".")) and v.lower().rstrip(".") in TABLES.relator_codes:
            code = v.lower().rstrip(".")
            if code not in seen:
                seen.add(code)
                out.append(vocab("relators", code))
        elif v:
            ctx.dropped(field.tag, f"$4 {v!r} is neither a MARC relator code nor a URI")
    term_code = "j" if field.tag[1:] == "11" else "e"
    for value in field.get_all(term_code):
        # one $e may hold several roles: "biên soạn, dịch"
        for term in re.split(r"\s*[,;]\s*|\s+và\s+|\s+and\s+", value):
            term = term.strip(" .,:;()[]")
            if not term:
                continue
            code = TABLES.relator_for_term(term)
            if code:
                if code not in seen:
                    seen.add(code)
                    out.append(vocab("relators", code))
            else:
                role = ctx.bnode()
                ctx.add(role, TYPE, bf.Role)
                ctx.literal(role, LABEL, term, CATALOGUE)
                out.append(role)
                ctx.repaired(field.tag, f"relator term {term!r} not in mappings/relator_terms.csv; kept as a label")
    return out


def contribution(ctx: Context, field: Field, primary: bool) -> NamedNode | None:
    """``Work bf:contribution [bf:agent …; bf:role …]`` for a 1XX/7XX name."""
    node = agent(ctx, field)
    if node is None:
        return None
    if ctx.is_parallel(field):
        return node  # the partner field already made the contribution
    contrib = ctx.thing(ctx.work, bf.contribution, bf.Contribution)
    if primary:
        ctx.add(contrib, TYPE, bf.PrimaryContribution)
    ctx.add(contrib, bf.agent, node)
    for role in roles(ctx, field):
        ctx.add(contrib, bf.role, role)
    return node
