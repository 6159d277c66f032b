"""The page of an agent: a person, family, organisation or meeting — a library's heading
(``agent/{lib}/…``) or a cluster of them across libraries (``agent/hub/…``).

What is read, and from where:

- the description: a hub from the links graph; a library's agent from its authority graph (or
  one record graph that names it) and the links graph — never across every record that names
  it (:func:`~.describe.home_graphs`);
- for a hub, the authority descriptions of its members (dates, places, notes, identifiers);
  for a library's agent, the hub it belongs to;
- what the agent did, per library-level agent (a hub: per member): contributions with their
  roles, subjects, and for a publisher's name (``bf:Agent``) the publications — each work with
  its cluster in the links graph; at most ``WORK_LIMIT`` rows per member, the page says when
  there are more;
- the clusters of works whose creator is the hub (links graph: their labels);
- titles, years and holdings from the index: the records that name the agent, per library,
  with their items (``entities`` ⋈ ``records``), constant time per record.

A hub's members are read one query each (a cluster has a handful): joined inside one query,
Oxigraph evaluates the links-graph block apart from the rest and joins afterwards, which on a
large store is a scan of every contribution.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from ..i18n import translate as _
from .common import (BF, LABEL, MADS, OWL, PREFIXES, VALUE, Ref, classify, href, index_info, index_labels,
                     library_of, library_ref, local_name, ordered, record_facts, ref, vocab_values)
from .describe import AUTHORITY_GRAPHS, Node, describe, home_graphs

WORK_LIMIT = 200
MEMBER_LIMIT = 50

CONTRIBUTIONS = PREFIXES + f"""
SELECT ?s ?links ?n ?w ?role ?rl ?pc ?wh WHERE {{
  ?n bf:agent ?s . ?w bf:contribution ?n .
  OPTIONAL {{ ?n bf:role ?role . OPTIONAL {{ ?role ?rp ?rl . FILTER(isBlank(?role) && ?rp = rdfs:label) }} }}
  OPTIONAL {{ ?n a ?pc . FILTER(?pc = bf:PrimaryContribution) }}
  OPTIONAL {{ GRAPH ?links {{ ?w bf:expressionOf ?wh }} }}
}} LIMIT {WORK_LIMIT}"""

SUBJECTS = PREFIXES + f"""
SELECT ?s ?links ?w ?wh WHERE {{
  ?w bf:subject ?s .
  OPTIONAL {{ GRAPH ?links {{ ?w bf:expressionOf ?wh }} }}
}} LIMIT {WORK_LIMIT}"""

PUBLICATIONS = PREFIXES + f"""
SELECT ?s ?i WHERE {{ ?n bf:agent ?s . ?i bf:provisionActivity ?n }} LIMIT {WORK_LIMIT}"""

HUBS_OF = PREFIXES + """
SELECT ?s ?links ?hub ?how ?label WHERE {
  GRAPH ?links {
    { ?hub owl:sameAs ?s . BIND("exact" AS ?how) }
    UNION { ?hub madsrdf:hasCloseExternalAuthority ?s . BIND("close" AS ?how) }
    OPTIONAL { ?hub rdfs:label ?label }
  }
}"""

CLUSTERS = PREFIXES + f"""
SELECT ?s ?links ?wh ?label WHERE {{
  GRAPH ?links {{ ?c bf:agent ?s . ?wh bf:contribution ?c . OPTIONAL {{ ?wh rdfs:label ?label }} }}
}} LIMIT {WORK_LIMIT}"""

HOLDINGS = """
SELECT library, COUNT(*), SUM(items) FROM (
  SELECT DISTINCT r.library, r.rid, r.items FROM json_each(?) AS j
  JOIN entities e ON e.entity = j.value
  JOIN records r ON r.library = e.library AND r.rid = e.rid
  WHERE r.kind != 'authority')
GROUP BY library"""

REFS = """
SELECT json_extract(j.value, '$[0]'), er.refs FROM json_each(?) AS j
JOIN entity_refs er ON er.library = json_extract(j.value, '$[1]') AND er.entity = json_extract(j.value, '$[0]')"""

CLASSES = ("Person", "Family", "Organization", "Meeting", "Jurisdiction", "Agent")
AUTHOR = "http://id.loc.gov/vocabulary/relators/aut"

#: facts of an authority, in the order shown: (property, message key)
FACTS = ((MADS + "birthDate", "agent.born"), (MADS + "deathDate", "agent.died"),
         (MADS + "birthPlace", "agent.birth_place"), (MADS + "deathPlace", "agent.death_place"),
         (MADS + "associatedLocale", "agent.locale"), (MADS + "occupation", "agent.occupation"),
         (MADS + "fieldOfActivity", "agent.field"), (MADS + "associatedLanguage", "agent.language"),
         (MADS + "gender", "agent.gender"), (MADS + "historyNote", "agent.history"),
         (MADS + "editorialNote", "agent.note"), (MADS + "note", "agent.note"), (BF + "note", "agent.note"))


@dataclass
class WorkEntry:
    label: str
    href: str | None
    year: int | None = None
    members: list[Ref] = field(default_factory=list)  # the library works behind a cluster

    @property
    def libraries(self) -> list[tuple[str, str | None, int, str]]:
        """(library, link to its first work, how many works, their titles) per library."""
        out: OrderedDict[str, list[Ref]] = OrderedDict()
        for m in self.members:
            out.setdefault(m.library or "", []).append(m)
        return [(lib, refs[0].href, len(refs), " · ".join(r.label for r in refs)) for lib, refs in out.items()]


@dataclass
class Role:
    key: str
    label: str
    works: list[WorkEntry] = field(default_factory=list)


@dataclass
class Holding:
    library: Ref
    records: int = 0
    items: int = 0


def agent_class(node: Node) -> str:
    types = node.types()
    return next((cls for cls in CLASSES if BF + cls in types), "Agent")


def names_of(node: Node, lang: str) -> list[tuple[str, str]]:
    """(name, form) — the authorised form, the headings, the variants."""
    out: OrderedDict[str, str] = OrderedDict()
    for text in ordered(node.literals(MADS + "authoritativeLabel"), lang):
        out.setdefault(text, "authorised")
    for text in ordered(node.literals(LABEL), lang):
        out.setdefault(text, "heading")
    for v in node.all(MADS + "hasVariant"):
        texts = v.node.texts(MADS + "variantLabel", lang) if v.node is not None else ordered(v.labels, lang)
        for text in texts:
            out.setdefault(text, "variant")
    return list(out.items())


def identifiers(node: Node, base: str) -> list[tuple[str, str, str | None]]:
    """(scheme, value, link): ``bf:identifiedBy``, the authority's control number, and the
    external authorities it is the same as (links only for web addresses)."""
    out: list[tuple[str, str, str | None]] = []
    for ident in node.nodes(BF + "identifiedBy"):
        value = ident.text(VALUE)
        if value:
            cls = next((local_name(t) for t in ident.types() if t.startswith(BF)), "Identifier")
            out.append((cls, value, None))
    for admin in node.nodes(BF + "adminMetadata"):
        for ident in admin.nodes(BF + "identifiedBy"):
            value = ident.text(VALUE)
            if value:
                out.append((_("agent.control_number"), value, None))
    for p in (OWL + "sameAs", MADS + "hasExactExternalAuthority", MADS + "isIdentifiedByAuthority",
              MADS + "hasCloseExternalAuthority"):
        for v in node.iris(p):
            if not v.term.value.startswith(base):
                out.append((local_name(p), v.term.value, href(base, v.term.value)))
    return list(dict.fromkeys(out))


def facts(nodes: list[Node], vocab, lang: str) -> list[tuple[str, list[str]]]:
    out: OrderedDict[str, list[str]] = OrderedDict()
    for prop, key in FACTS:
        for node in nodes:
            for text in vocab_values(node.all(prop), vocab, lang):
                values = out.setdefault(_(key), [])
                if text not in values:
                    values.append(text)
    return list(out.items())


def role_of(r: dict, vocab, lang: str) -> tuple[str, str]:
    """A contribution's role: its relator, a role named in words, or — a main entry without a
    role (1XX without $e) — the author's role, as cataloguing rules presume."""
    role = r.get("role")
    if isinstance(role, NamedNode):
        return role.value, vocab.label(role.value, lang) or local_name(role.value)
    if role is not None and "rl" in r:
        return "text:" + r["rl"].value, r["rl"].value
    if "pc" in r:
        return AUTHOR, vocab.label(AUTHOR, lang) or _("role.primary")
    return "contributor", _("role.contributor")


ROLE_ORDER = {AUTHOR: 0, "contributor": 8, "uniform": 9, "publisher": 10, "subject": 11}


def _roles(data, rows: list[tuple[str, str, str, str | None]], cluster_labels: dict[str, str]) -> list[Role]:
    """rows: (role key, role label, work IRI, cluster hub IRI or None); ``cluster_labels``: the
    labels of the clusters the agent created (a cluster of someone else's work — the agent
    translated it — is named by the agent's own record's title)."""
    titles = record_facts(data, [w for _k, _l, w, _h in rows])
    other = index_labels(data, [w for _k, _l, w, _h in rows if w not in titles])
    by_role: dict[str, Role] = {}
    entries: dict[tuple[str, str], WorkEntry] = {}
    seen: set[tuple[str, str, str]] = set()
    for key, label, w, hub in rows:
        kind = classify(data.base, w)
        if kind is not None and kind.scope and key != "subject":
            # a library's uniform title or a related work named in a record: a heading, listed apart
            key, label = "uniform", _("role.uniform")
        role = by_role.setdefault(key, Role(key, label))
        facts_ = titles.get(w)
        title = (facts_.title if facts_ else None) or other.get(w) or local_name(w)
        group = hub or w  # a work in a cluster is shown as the cluster, once, with its libraries
        entry = entries.get((key, group))
        if entry is None:
            entry = entries[(key, group)] = WorkEntry(cluster_labels.get(group, title), href(data.base, group),
                                                      facts_.year if facts_ else None)
            role.works.append(entry)
        if (key, group, w) not in seen:
            seen.add((key, group, w))
            entry.members.append(ref(data, w, title))
        if facts_ and facts_.year and (entry.year is None or facts_.year < entry.year):
            entry.year = facts_.year
    out = sorted(by_role.values(), key=lambda role: (ROLE_ORDER.get(role.key, 5), -len(role.works), role.label))
    for role in out:
        role.works.sort(key=lambda e: (e.label.casefold(), e.year or 0))
        for entry in role.works:
            entry.members.sort(key=lambda m: (m.library or "", m.iri))
    return out


def activity(data, vocab, agents: list[tuple[str, bool]], lang: str) -> tuple[list[tuple], bool]:
    """(role key, role label, work, cluster) for what each library-level agent did; and whether
    a list was cut at the limit."""
    links = data.names.links
    rows: list[tuple] = []
    cut = False
    for iri, publisher in agents:
        if len(rows) >= WORK_LIMIT * 3:
            cut = True
            break
        s = NamedNode(iri)
        found = data.select(CONTRIBUTIONS, s=s, links=links)
        cut |= len(found) >= WORK_LIMIT
        for r in found:
            key, label = role_of(r, vocab, lang)
            rows.append((key, label, r["w"].value, r["wh"].value if "wh" in r else None))
        found = data.select(SUBJECTS, s=s, links=links)
        cut |= len(found) >= WORK_LIMIT
        rows.extend(("subject", _("role.subject"), r["w"].value, r["wh"].value if "wh" in r else None)
                    for r in found)
        if publisher:
            found = data.select(PUBLICATIONS, s=s)
            cut |= len(found) >= WORK_LIMIT
            rows.extend(("publisher", _("role.publisher"), r["i"].value, None) for r in found)
    # a role named both by relator and by words collapses on the relator's key
    return list(dict.fromkeys(rows)), cut


def holdings(data, agents: list[str]) -> list[Holding]:
    rows = data.index_rows(HOLDINGS, (json.dumps(agents),))
    out = [Holding(library_ref(data, lib), records, items or 0) for lib, records, items in rows]
    return sorted(out, key=lambda h: (-h.records, h.library.library or ""))


def member_refs(data, iris: list[str]) -> dict[str, int]:
    pairs = [[i, library_of(data.base, i)] for i in iris if library_of(data.base, i)]
    if not pairs:
        return {}
    return dict(data.index_rows(REFS, (json.dumps(pairs),)))


def agent_page(data, vocab, iri: str, kind, lang: str) -> dict | None:
    s = NamedNode(iri)
    links = data.names.links
    members: list[Ref] = []
    hubs: list[Ref] = []
    authorities: list[Node] = []
    if kind.hub:
        me = describe(data, iri, [links])
        if not me:
            return None
        exact = [v.term.value for v in me.iris(OWL + "sameAs")]
        close = [v.term.value for v in me.iris(MADS + "hasCloseExternalAuthority")]
        everyone = sorted(set(exact) | set(close), key=lambda m: (library_of(data.base, m) or "", m))[:MEMBER_LIMIT]
        info = index_info(data, everyone)
        counts = member_refs(data, everyone)
        for m in everyone:
            graphs = [r["g"] for r in data.select(AUTHORITY_GRAPHS, s=NamedNode(m))]
            node = describe(data, m, graphs) if graphs else None
            if node:
                authorities.append(node)
            label = (node.text(MADS + "authoritativeLabel", lang) if node else None) or info.get(m, ("", ""))[0]
            r = ref(data, m, label)
            r.note = "exact" if m in exact else "close"
            members.append(r)
        agents = [(m, info.get(m, ("", ""))[1] == "Agent") for m in everyone]
        cluster_hub = iri
        refs = counts
    else:
        me = describe(data, iri, home_graphs(data, iri))
        if not me:
            return None
        if MADS + "Authority" in me.types():
            authorities = [me]
        for r in data.select(HUBS_OF, s=s, links=links):
            h = ref(data, r["hub"].value, r["label"].value if "label" in r else None)
            h.note = r["how"].value
            if all(x.iri != h.iri for x in hubs):
                hubs.append(h)
        agents = [(iri, agent_class(me) == "Agent")]
        everyone = [iri]
        cluster_hub = hubs[0].iri if hubs else None
        refs = member_refs(data, [iri])
    cluster_labels: dict[str, str] = {}
    if cluster_hub:
        for r in data.select(CLUSTERS, s=NamedNode(cluster_hub), links=links):
            cluster_labels[r["wh"].value] = r["label"].value if "label" in r else local_name(r["wh"].value)
    rows, cut = activity(data, vocab, agents, lang)
    roles = _roles(data, rows, cluster_labels)
    nodes_ = [me] + [a for a in authorities if a is not me]
    names: OrderedDict[str, str] = OrderedDict()
    for node in nodes_:
        for text, form in names_of(node, lang):
            names.setdefault(text, form)
    label = me.text(MADS + "authoritativeLabel", lang) or me.label(lang) or local_name(iri)
    ids: list = []
    for node in nodes_:
        ids.extend(x for x in identifiers(node, data.base) if x not in ids)
    cls = agent_class(me)
    if cls == "Agent" and authorities:
        cls = agent_class(authorities[0])
    return {
        "template": "agent.html",
        "label": label,
        "cls": cls,
        "library": None if kind.hub else library_ref(data, kind.library),
        "names": [(text, form) for text, form in names.items() if text != label],
        "facts": facts(nodes_, vocab, lang),
        "identifiers": ids,
        "members": members,
        "hubs": hubs,
        "roles": roles,
        "holdings": holdings(data, everyone),
        "truncated": cut,
        "refs": refs,
    }
