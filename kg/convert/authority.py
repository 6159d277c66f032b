"""One MARC 21 authority record (leader/06 = z) -> the entity it establishes.

An authority record establishes one heading (1XX) and says what else it is called (4XX), what
it is related to (5XX), where the cataloguer found it (670) and what is known about it (046,
37X, 678).  LC publishes no BIBFRAME conversion of authority records (marc2bibframe2 reads them
as bibliographic records); we follow MADS/RDF 1.4, as id.loc.gov does, on the BIBFRAME entity:

    <agent/NLV/nguyen-du-1765-1820-…> a bf:Person, madsrdf:PersonalName, madsrdf:Authority ;
        rdfs:label / madsrdf:authoritativeLabel "Nguyễn Du, 1765-1820" ;
        madsrdf:hasVariant <agent/NLV/nguyen-du-1765-1820-…(the inverted form)> ;
        madsrdf:hasSource [ a madsrdf:Source ; madsrdf:citationSource "Truyện Kiều, 2015" ] ;
        madsrdf:birthDate "1765"^^edtf ; bf:identifiedBy [ a bf:Lccn ; rdf:value "n80…" ] ;
        owl:sameAs <http://id.loc.gov/rwo/agents/n80…> ; bf:adminMetadata [ … ] .

Which IRI.  The entity's IRI is exactly the one a bibliographic heading typed as the authorised
form gets in the same library (:class:`kg.convert.iris.Minter`, same subfields, same
normalisation), so every heading that already matches the authorised form *is* the authority,
whatever the order in which records and authorities are loaded.  Each 4XX variant is also an
IRI: the one a heading typed as that variant gets.  A heading typed as a variant is thus found by
an IRI lookup, and ``kg link`` (and a later ``kg ingest``) point it at the authority.  A variant
whose IRI is the authority's own (it differs only in punctuation, case or tone placement, e.g.
``Hoà`` for ``Hòa``) is kept as a blank ``madsrdf:Variant`` so its label stays searchable.
5XX targets are minted the same way: a "see also" to a heading the library has established is a
link to that authority.

Concept headings (15X) belong to a thesaurus: 008/11, or 040 $f when 008/11 = z; it is part of
the concept's identity exactly as ind2/$2 is for a 650, so an LCSH authority and an LCSH subject
heading share their IRI.  Names and titles are thesaurus-independent.

The record lives in its own graph ``graph/{lib}/authority/{001}``: a library's authority 001 and
bibliographic 001 may be the same number.  Tags outside MARC 21 (IISH's 103/403/503) are
reported, never guessed; a record without a MARC 21 heading is skipped with that reason.
Reference and subdivision records (008/09 = b, c, d, e) establish no heading and are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from ..marc.problems import DROPPED, Problem
from ..marc.record import Field, Record
from ..text.punctuation import trim, trim_period
from . import agents
from .bibliographic import Converted, _run
from .context import CATALOGUE, Context
from .iris import Minter
from .ldr_00x import admin_metadata
from .tables import TABLES
from .tag_6xx import component_label, component_list, SUBDIVISIONS
from .terms import LABEL, TYPE, bf, mads, vocab
from .works import title_label

RID_PREFIX = "authority/"
HEADING_TAGS = ("100", "110", "111", "130", "147", "148", "150", "151", "155")
_NAME_SUFFIXES = ("00", "10", "11")
CONCEPT_CLASSES = frozenset({"Topic", "Place", "GenreForm", "Temporal", "Event"})
# 008/11 subject heading system -> the bibliographic ind2 that names the same thesaurus
_THESAURUS_008 = {"a": "0", "b": "1", "c": "2", "d": "3", "k": "5", "v": "6"}
_THESAURUS_CODES = {"r": "aat", "s": "sears"}
_NOT_ESTABLISHED = {"b": "untraced reference", "c": "traced reference", "d": "subdivision", "e": "node label"}


class NotAnAuthority(Exception):
    """The record establishes no MARC 21 heading; the message says why (it is skipped)."""


@dataclass(frozen=True)
class Heading:
    """What a 1XX, 4XX or 5XX field names: its IRI, classes and display label."""

    node: NamedNode
    bf_class: str  # Person, Family, Organization, Jurisdiction, Meeting, Hub, Topic, Place…
    mads_class: str
    label: str
    agent: NamedNode | None = None  # the name part of a name/title heading
    agent_label: str = ""
    agent_kind: str = ""
    title: str = ""
    components: tuple[tuple[str, str], ...] = ()  # a complex subject's typed parts


def thesaurus(record: Record) -> tuple[NamedNode | None, str]:
    """The thesaurus of the record's concept headings: (scheme IRI, identity key), as
    ``tag_6xx`` computes them from ind2/$2, so that IRIs agree."""
    f008 = record.control("008") or ""
    code = f008[11] if len(f008) > 11 else " "
    ind2 = _THESAURUS_008.get(code)
    if ind2 is not None:
        source = TABLES.thesauri.get(ind2, "")
        return (NamedNode(source), source) if source else (None, "")
    key = _THESAURUS_CODES.get(code)
    if code == "z":
        f040 = record.first("040")
        key = (f040.get("f") or "").strip().lower() if f040 is not None and not f040.is_control else ""
        key = "".join(ch for ch in key if ch.isalnum() or ch in "-.").strip(".")
    if key:
        return vocab("subjectSchemes", key), key
    return None, ""


def heading(ctx: Context, field: Field, scheme_key: str) -> Heading | None:
    """The heading a 1XX/4XX/5XX field names, minted exactly as a bibliographic heading of
    the same form would be (X00/X10/X11 as 100/600/700, X30 as 130, X4X/X5X as 6XX)."""
    suffix = field.tag[1:]
    minter: Minter = ctx.minter
    if suffix in _NAME_SUFFIXES:
        names = agents.name_subfields(field)
        if not any(c == "a" and trim(v) for c, v in names):
            return None
        kind = agents.kind(field.tag, field.ind1)
        agent = minter.agent(kind, agents.identity(field))
        label = agents.label(field)
        if field.get("t") is None:
            return Heading(agent, kind, agents.mads_class(kind), label)
        title = trim_period(" ".join(trim(v) for c, v in field.subfields if c in "tfklmnoprs" and trim(v)))
        if not title:
            return None
        full = f"{label}. {title}"
        return Heading(minter.hub(full), "Hub", "NameTitle", full, agent, label, kind, title)
    if suffix == "30":
        parts = [(c, trim_period(v)) for c, v in field.subfields if c in "adfgklmnoprs" and trim_period(v)]
        if not parts:
            return None
        title = title_label(parts)
        return Heading(minter.hub(title), "Hub", "Title", title, title=title)
    row = TABLES.subjects.get("6" + suffix)
    if row is None:
        return None
    head = component_label(field, row["label_subfields"])
    subdivisions = [(c, trim_period(v)) for c, v in field.subfields if c in SUBDIVISIONS and trim(v)]
    if not head and not subdivisions:
        return None
    if subdivisions:
        full = "--".join(([head] if head else []) + [v for _, v in subdivisions])
        components = ((row["mads_class"], head),) if head else ()
        components += tuple((SUBDIVISIONS[c], v) for c, v in subdivisions)
        return Heading(minter.concept("Complex", full, scheme_key), "Topic", "ComplexSubject", full,
                       components=components)
    return Heading(minter.concept(row["bf_class"], head, scheme_key), row["bf_class"], row["mads_class"], head)


def describe(ctx: Context, h: Heading, scheme: NamedNode | None, lang) -> None:
    """Type and label a heading node (the authority itself, or the target of a 5XX)."""
    ctx.add(h.node, TYPE, bf[h.bf_class])
    if h.bf_class == "Hub":
        ctx.add(h.node, TYPE, bf.Work)
    ctx.add(h.node, TYPE, mads[h.mads_class])
    if h.bf_class in CONCEPT_CLASSES:
        ctx.literal(h.node, LABEL, h.label, lang)
        if scheme is not None:
            ctx.add(h.node, bf.source, scheme)
            ctx.add(h.node, mads.isMemberOfMADSScheme, scheme)
    else:
        ctx.add(h.node, LABEL, Literal(h.label))


def admin(ctx: Context, field: Field) -> None:
    """001, 003, 005, 008, 040 (``mappings/authority_tags.csv``: ``authority.admin``): read once
    by the record pass (:func:`admin_metadata`, :func:`thesaurus`, :func:`_label_language`)."""


def convert_authority(record: Record, minter: Minter, as_quads: bool = False) -> Converted:
    """Convert one authority record; raises :class:`NotAnAuthority` when it establishes no
    MARC 21 heading (the caller skips it with the message)."""
    from . import auth_fields

    f008 = record.control("008") or ""
    kind_of_record = f008[9] if len(f008) > 9 else " "
    if kind_of_record in _NOT_ESTABLISHED:
        raise NotAnAuthority(f"{_NOT_ESTABLISHED[kind_of_record]} record (008/09 = {kind_of_record!r}) establishes no "
                             "heading: not converted")
    headings = [f for f in record.fields if f.tag in HEADING_TAGS]
    if not headings:
        from .auth_fields import DEFINED

        found = sorted({f.tag for f in record.fields if f.tag[0] == "1"})
        local = [t for t in found if t not in DEFINED]
        if local:
            why = f" (found {', '.join(local)}: not MARC 21 heading tags, local use?)"
        elif found:
            why = f" (found {', '.join(found)}: a heading this converter does not establish)"
        else:
            why = ""
        raise NotAnAuthority(f"no MARC 21 heading (100-155){why}: not converted")
    ctx = Context(record, minter, as_quads, rid_prefix=RID_PREFIX)
    scheme, scheme_key = thesaurus(record)
    main = heading(ctx, headings[0], scheme_key)
    if main is None:
        raise NotAnAuthority(f"heading {headings[0].tag} has no name or term: not converted")
    for extra in headings[1:]:
        ctx.problems.append(Problem(f"a second heading ({extra.tag}) in one authority record: only the first, "
                                    f"{headings[0].tag}, is established", DROPPED, extra.tag))
    lang = _label_language(record, scheme_key)
    ctx.facts["authority"] = main
    ctx.facts["scheme"] = (scheme, scheme_key)
    ctx.facts["label_language"] = lang
    node = main.node
    describe(ctx, main, scheme, lang)
    ctx.add(node, TYPE, mads.Authority)
    ctx.literal(node, mads.authoritativeLabel, main.label, lang if main.bf_class in CONCEPT_CLASSES else None)
    if main.agent is not None:
        auth_fields.name_title(ctx, main)
    elif main.title:
        t = ctx.thing(node, bf.title, bf.Title)
        ctx.add(t, bf.mainTitle, Literal(main.title))
    if main.components:
        component_list(ctx, node, list(main.components), lang)
    admin_metadata(ctx, (node,))
    for f in sorted((f for f in record.fields if f is not headings[0]), key=lambda f: f.tag):
        handler = auth_fields.HANDLERS.get(f.tag)
        if handler is None:
            if f.tag in HEADING_TAGS:
                continue
            ctx.unhandled.add(f.tag)
            if not f.tag.isdigit() or f.tag in auth_fields.LOCAL_LOOKALIKES:
                ctx.problems.append(Problem(f"tag {f.tag} is not a MARC 21 authority tag (local use?): not converted",
                                            DROPPED, f.tag))
            continue
        _run(ctx, handler, f)
    return Converted(ctx.rid, ctx.graph, ctx.out, ctx.problems, ctx.unhandled, 0)


def _label_language(record: Record, scheme_key: str):
    """Concept labels of LCSH/MeSH… are English (the thesaurus' language); others are in the
    language of cataloguing (040 $b; Vietnamese when the 040 says nothing and … nothing else is
    known: then no tag)."""
    for ind2, code in TABLES.thesaurus_languages.items():
        if TABLES.thesauri.get(ind2) == scheme_key and code:
            from .context import bcp47

            return bcp47(code)
    return CATALOGUE

