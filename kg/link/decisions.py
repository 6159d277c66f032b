"""Cataloguers' decisions: ``kg link --same A B`` and ``kg link --different A B``.

A decision is data, not a setting: it lives in the store's graph ``{base}graph/decisions`` (so
it travels with an export and survives a rebuilt index) as::

    <{base}decision/same-1a2b…> a kgns:SameDecision ;
        kgns:member <agent/NLV/…>, <agent/VNU/…> ; dcterms:created "2026-11-26T10:00:00"^^xsd:dateTime .

and every ``kg link`` run obeys it: *same* merges the two clusters whatever the evidence says
(except across a *different*), *different* forbids them ever being in one cluster.  A later
decision about the same pair replaces the earlier one; ``--forget`` removes it.  A hub IRI given
as A or B stands for its members at the time of the decision.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from ..convert.terms import TYPE, xsd
from ..store.backend import Backend
from ..store.names import DCTERMS, GraphNames, term

SAME, DIFFERENT = "same", "different"
_CLASS = {SAME: term("SameDecision"), DIFFERENT: term("DifferentDecision")}
MEMBER = term("member")
CREATED = NamedNode(DCTERMS + "created")


@dataclass
class Decisions:
    same: list[tuple[str, str]] = field(default_factory=list)
    different: list[tuple[str, str]] = field(default_factory=list)

    def different_map(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for a, b in self.different:
            out.setdefault(a, set()).add(b)
            out.setdefault(b, set()).add(a)
        return out


def _iri(names: GraphNames, kind: str, a: str, b: str) -> NamedNode:
    x, y = sorted((a, b))
    digest = hashlib.blake2b(f"{x}\n{y}".encode(), digest_size=8).hexdigest()
    return NamedNode(f"{names.base}decision/{kind}-{digest}")


QUERY = f"""SELECT ?g ?d ?kind ?m ?created WHERE {{ GRAPH ?g {{
  ?d a ?kind ; <{MEMBER.value}> ?m . OPTIONAL {{ ?d <{CREATED.value}> ?created }} }} }}"""


def _rows(backend: Backend, names: GraphNames) -> dict[str, tuple[str, list[str], str]]:
    out: dict[str, tuple[str, list[str], str]] = {}
    kinds = {v.value: k for k, v in _CLASS.items()}
    for r in backend.select(QUERY, g=names.decisions):
        kind = kinds.get(r["kind"].value)
        if kind is None:
            continue
        entry = out.setdefault(r["d"].value, (kind, [], r["created"].value if r.get("created") else ""))
        entry[1].append(r["m"].value)
    return out


def load(backend: Backend, names: GraphNames) -> Decisions:
    out = Decisions()
    for kind, members, _created in sorted(_rows(backend, names).values(), key=lambda e: (e[2], sorted(e[1]))):
        if len(members) == 2:
            pair = tuple(sorted(members))
            (out.same if kind == SAME else out.different).append(pair)  # type: ignore[arg-type]
    return out


def record(backend: Backend, names: GraphNames, kind: str | None, pairs: list[tuple[str, str]]) -> None:
    """Store decisions about ``pairs`` (replacing earlier ones about the same pairs); ``kind``
    None forgets them."""
    g = names.decisions
    rows = _rows(backend, names)
    wanted = {tuple(sorted(p)) for p in pairs}
    quads = []
    for d, (k, members, created) in sorted(rows.items()):
        if tuple(sorted(members)) in wanted:
            continue
        node = NamedNode(d)
        quads.append(Quad(node, TYPE, _CLASS[k], g))
        quads += [Quad(node, MEMBER, NamedNode(m), g) for m in members]
        if created:
            quads.append(Quad(node, CREATED, Literal(created, datatype=xsd.dateTime), g))
    if kind is not None:
        now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None).isoformat()
        for a, b in sorted(wanted):
            node = _iri(names, kind, a, b)
            quads += [Quad(node, TYPE, _CLASS[kind], g), Quad(node, MEMBER, NamedNode(a), g),
                      Quad(node, MEMBER, NamedNode(b), g), Quad(node, CREATED, Literal(now, datatype=xsd.dateTime), g)]
    backend.replace([g.value], serialize(quads, format=RdfFormat.N_QUADS))


MEMBERS = """SELECT ?g ?hub ?m WHERE { GRAPH ?g { ?hub ?p ?m .
  VALUES ?p { <http://www.w3.org/2002/07/owl#sameAs> <http://www.loc.gov/mads/rdf/v1#hasCloseExternalAuthority>
              <http://id.loc.gov/ontologies/bibframe/hasExpression> } } } ORDER BY ?m"""


def members(backend: Backend, names: GraphNames, iri: str) -> list[str]:
    """The members of a hub of the links graph (``[iri]`` itself when it is not a hub)."""
    found = [r["m"].value for r in backend.select(MEMBERS, g=names.links, hub=NamedNode(iri))]
    return found or [iri]


def pairs_for(backend: Backend, names: GraphNames, kind: str | None, a: str, b: str) -> list[tuple[str, str]]:
    """The member pairs a decision about ``a`` and ``b`` (possibly hubs) stands for: one pair for
    *same* (the clusters then merge), every pair for *different* (no member may ever join)."""
    ma, mb = members(backend, names, a), members(backend, names, b)
    if kind == SAME:
        return [(ma[0], mb[0])]
    return [(x, y) for x in ma for y in mb if x != y]
