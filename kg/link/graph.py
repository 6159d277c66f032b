"""The links graph ``{base}graph/links``: what one ``kg link`` run concluded, as triples.

    <agent/hub/nguyen-du-1765-1820-…> a bf:Person, madsrdf:PersonalName ;
        rdfs:label "Nguyễn Du, 1765-1820" ;                      # the most authoritative form
        madsrdf:hasVariant [ a madsrdf:Variant ; madsrdf:variantLabel "Nguyễn, Du" ] ;
        owl:sameAs <agent/NLV/…>, <agent/VNU/…> ;               # exact evidence
        madsrdf:hasCloseExternalAuthority <agent/TVHN/…> .      # the name alone

    <work/hub/nguyen-du-1765-1820-truyen-kieu-…> a bf:Work ; rdfs:label "Nguyễn Du, 1765-1820. Truyện Kiều" ;
        bf:title [ a bf:Title ; bf:mainTitle "Truyện Kiều" ] ;
        bf:contribution [ a bf:Contribution, bf:PrimaryContribution ; bf:agent <agent/hub/…> ] ;
        bf:hasExpression <work/NLV/…> ; bf:hasInstance <instance/VNU/…> .
    <instance/VNU/…> bf:instanceOf <work/hub/…> .              # so every holding is one hop away

    <instance/hub/isbn-9786042088573> a bf:Instance ; owl:sameAs <instance/NLV/…>, <instance/VNU/…> .

Hub IRIs are deterministic: a slug for people to read plus a hash of the cluster's anchor — its
smallest external identifier, else its class and the normalised preferred name (agents); the
creator's anchor and the work title (works); the shared number (publications).  Re-running
``kg link``, or loading the libraries in another order, gives the same IRIs; two clusters with
one anchor (homonyms without dates) are told apart by their smallest member IRI.
"""

from __future__ import annotations

from collections import Counter

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from ..convert.iris import digest
from ..convert.terms import LABEL, TYPE, VALUE, bf, mads, owl
from ..text.heading import heading_key, slug
from .agents import STRONG_IDS, Agent
from .clusters import Clusters
from .instances import Publication
from .works import Work, title_key

MADS_CLASS = {"Person": "PersonalName", "Family": "FamilyName", "Organization": "CorporateName",
              "Jurisdiction": "CorporateName", "Meeting": "ConferenceName", "Agent": "Name"}
PRIORITY = {"national": 0, "university": 1, "special": 2, "public": 3, "school": 4}
_ID_CLASS = {"isbn": "Isbn", "issn": "Issn", "lccn": "Lccn"}


class Builder:
    """Collects the quads of the links graph; blank node ids are derived from their hub."""

    def __init__(self, graph: NamedNode, base: str, kinds: dict[str, str]):
        self.graph = graph
        self.base = base
        self.kinds = kinds  # library code -> kind (national, university…)
        self.quads: list[Quad] = []

    def add(self, s, p, o) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def bnode(self, hub: NamedNode, n: int) -> BlankNode:
        return BlankNode(f"l{digest(hub.value, 12)}x{n}")

    def priority(self, library: str) -> int:
        return PRIORITY.get(self.kinds.get(library, ""), 9)


def preferred_agent(b: Builder, agents: dict[str, Agent], members: list[str]) -> Agent:
    """The member whose form names the cluster: an authority first, from the most authoritative
    kind of library (national, then university…), dated forms before undated ones, the most
    used, then by code and IRI so that the choice is stable."""
    return agents[min(members, key=lambda m: (not agents[m].authority, b.priority(agents[m].library),
                                              agents[m].dates is None, -agents[m].refs, agents[m].library, m))]


def agent_anchors(b: Builder, agents: dict[str, Agent], groups: list[list[str]]) -> list[tuple[str, Agent]]:
    out = []
    for members in groups:
        pref = preferred_agent(b, agents, members)
        ids = sorted(f"{s}:{v}" for m in members for s, v in agents[m].ids if s in STRONG_IDS)
        cls = next((agents[m].cls for m in members if agents[m].cls not in ("Agent", "")), "Agent")
        anchor = ids[0] if ids else f"{MADS_CLASS.get(cls, 'Name')}|{heading_key(pref.label)}"
        out.append((anchor, pref))
    return _unique(out, groups)


def _unique(anchors: list[tuple[str, object]], groups: list[list[str]]) -> list[tuple[str, object]]:
    counts = Counter(a for a, _ in anchors)
    return [(a if counts[a] == 1 else f"{a}|{g[0]}", p) for (a, p), g in zip(anchors, groups)]


def agent_hubs(b: Builder, agents: dict[str, Agent], c: Clusters) -> tuple[dict[str, NamedNode], dict[str, str]]:
    """Write every agent cluster; return member IRI -> hub IRI, and hub IRI -> its label."""
    groups = c.groups()
    hub_of: dict[str, NamedNode] = {}
    labels: dict[str, str] = {}
    for members, (anchor, pref) in zip(groups, agent_anchors(b, agents, groups)):
        hub = NamedNode(f"{b.base}agent/hub/{slug(pref.label)}-{digest(anchor)}")
        cls = pref.cls if pref.cls != "Agent" else next(
            (agents[m].cls for m in members if agents[m].cls != "Agent"), "Agent")
        b.add(hub, TYPE, bf[cls])
        b.add(hub, TYPE, mads[MADS_CLASS.get(cls, "Name")])
        b.add(hub, LABEL, Literal(pref.label))
        b.add(hub, mads.authoritativeLabel, Literal(pref.label))
        labels[hub.value] = pref.label
        others = sorted({x for m in members for x in agents[m].labels + agents[m].variants} - {pref.label})
        for n, text in enumerate(others, 1):
            v = b.bnode(hub, n)
            b.add(hub, mads.hasVariant, v)
            b.add(v, TYPE, mads.Variant)
            b.add(v, mads.variantLabel, Literal(text))
        for m in members:
            exact = c.exact_with(m, pref.iri)
            b.add(hub, owl.sameAs if exact else mads.hasCloseExternalAuthority, NamedNode(m))
            hub_of[m] = hub
    return hub_of, labels


def work_hubs(b: Builder, works: dict[str, Work], c: Clusters, agents: dict[str, Agent],
              agent_hub: dict[str, NamedNode], hub_labels: dict[str, str]) -> int:
    """Write every work cluster (creator: the agent hub when the creator is in one)."""
    groups = c.groups()
    anchors = []
    for members in groups:
        pref = works[min(members, key=lambda m: (works[m].uniform is None, b.priority(works[m].library),
                                                 works[m].library, m))]
        creator = agent_hub[pref.creator].value if pref.creator in agent_hub else (pref.creator or "")
        anchors.append((f"{creator}|{pref.key}", pref))
    for members, (anchor, pref) in zip(groups, _unique(anchors, groups)):
        title = pref.uniform or pref.title
        creator_node = None
        name = ""
        if pref.creator:
            creator_node = agent_hub.get(pref.creator, NamedNode(pref.creator))
            a = agents.get(pref.creator)
            name = hub_labels.get(creator_node.value) or (a.label if a is not None else "")
        label = f"{name}. {title}" if name else title
        hub = NamedNode(f"{b.base}work/hub/{slug(label)}-{digest(anchor)}")
        b.add(hub, TYPE, bf.Work)
        b.add(hub, LABEL, Literal(label))
        t = b.bnode(hub, 1)
        b.add(hub, bf.title, t)
        b.add(t, TYPE, bf.Title)
        b.add(t, bf.mainTitle, Literal(title))
        if creator_node is not None:
            contribution = b.bnode(hub, 2)
            b.add(hub, bf.contribution, contribution)
            b.add(contribution, TYPE, bf.Contribution)
            b.add(contribution, TYPE, bf.PrimaryContribution)
            b.add(contribution, bf.agent, creator_node)
        for m in members:
            w = works[m]
            b.add(hub, bf.hasExpression, NamedNode(m))
            b.add(NamedNode(m), bf.expressionOf, hub)
            b.add(hub, bf.hasInstance, NamedNode(w.instance))
            b.add(NamedNode(w.instance), bf.instanceOf, hub)
    return len(groups)


def publication_hubs(b: Builder, publications: list[Publication]) -> None:
    for p in publications:
        number = "".join(ch for ch in p.number if ch.isalnum())
        qualifier = f"-{digest(p.qualifier)}" if p.qualifier else ""
        hub = NamedNode(f"{b.base}instance/hub/{p.scheme}-{number}{qualifier}")
        b.add(hub, TYPE, bf.Instance)
        b.add(hub, LABEL, Literal(p.title))
        ident = b.bnode(hub, 1)
        b.add(hub, bf.identifiedBy, ident)
        b.add(ident, TYPE, bf[_ID_CLASS[p.scheme]])
        b.add(ident, VALUE, Literal(p.number))
        for i in p.instances:
            b.add(hub, owl.sameAs, NamedNode(i))


__all__ = ["Builder", "agent_hubs", "publication_hubs", "title_key", "work_hubs"]
