"""Which headings of a library are another name of one of its authorities.

A bibliographic heading typed exactly as an authority's authorised form already has the
authority's IRI (:mod:`kg.convert.authority`).  This module finds the other ones, from the index
alone (so ingest and ``kg link`` agree, and a rebuilt index gives the same answer):

- a heading whose IRI is the IRI of an authority's 4XX variant ("Nguyễn, Du, 1765-1820" under
  the authority "Nguyễn Du, 1765-1820"; "Nguyễn, Sen" under "Tô Hoài");
- a heading whose $0 names an authority record of the library — "(NLV)NLVA00001", or the bare
  001, the code in parentheses being the authority's 003 or the library's own code — or whose
  $0/$1 IRI (VIAF, ISNI, Wikidata, id.loc.gov) is one of the authority's identifiers.

A variant shared by two authorities of the library ("Nguyen Du" under both Nguyễn Du and
Nguyễn Dữ) is ambiguous and redirects nothing; an IRI that is itself an authority is never
redirected (the authorised form wins over someone else's variant).  The result maps heading
IRI -> authority IRI.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .index import Index

AUTHORITY_RID = "authority/%"
_EXTERNAL = ("viaf", "isni", "wikidata", "lcnaf", "orcid", "gnd", "uri")


@dataclass
class Aliases:
    redirect: dict[str, str] = field(default_factory=dict)  # heading IRI -> authority IRI
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # variant IRI -> its authorities


def library_aliases(index: Index, library: str) -> Aliases:
    db = index.db
    out = Aliases()
    authorities = {r[0] for r in db.execute(
        "SELECT DISTINCT entity FROM label_rows WHERE library = ? AND form = 'authorised'", (library,))}
    if not authorities:
        return out
    targets: dict[str, set[str]] = {}
    for authority, variant in db.execute(
            "SELECT authority, variant FROM link_variants WHERE library = ?", (library,)):
        targets.setdefault(variant, set()).add(authority)
    # $0 / $1: the authorities' own numbers and external identifiers
    control: dict[str, set[tuple[str, str]]] = {}  # 001 -> {(003, authority)}
    external: dict[tuple[str, str], set[str]] = {}
    for entity, scheme, value in db.execute(
            "SELECT entity, scheme, value FROM link_ids WHERE library = ? AND rid LIKE ?", (library, AUTHORITY_RID)):
        if entity not in authorities:
            continue
        if scheme == "control":
            code, _, number = value.partition("|")
            control.setdefault(number, set()).add((code, entity))
        elif scheme in _EXTERNAL:
            external.setdefault((scheme, value), set()).add(entity)
    for entity, scheme, value in db.execute(
            "SELECT DISTINCT entity, scheme, value FROM link_ids WHERE library = ? AND rid NOT LIKE ?",
            (library, AUTHORITY_RID)):
        if entity in authorities:
            continue
        if scheme == "local":
            code, _, number = value.partition("|")
            hits = {a for c, a in control.get(number, ()) if not code or c == code or code == library.upper()}
        elif scheme in _EXTERNAL:
            hits = external.get((scheme, value), set())
        else:
            continue
        if hits:
            targets.setdefault(entity, set()).update(hits)
    for heading, found in targets.items():
        if heading in authorities:
            continue
        if len(found) == 1:
            out.redirect[heading] = next(iter(found))
        else:
            out.ambiguous[heading] = sorted(found)
    return out
