"""Names of the graphs of the store, and the few terms of our own the store needs.

Every MARC record lives in its own named graph ``{base}graph/{library}/{record}`` (the IRI the
converter mints), so a record can be replaced or removed alone and every triple says which
library contributed it.  Everything else has a graph of its own::

    {base}graph/registry/{library}  a library's entry (kg library add)
    {base}graph/vocabularies    the code lists of vocabularies/ (relators, languages, ...)
    {base}graph/links           cross-library links (kg link: clusters, hubs, matches)
    {base}graph/decisions       cataloguers' pinned decisions (kg link --same / --different)
    {base}graph/stats/{library} the precomputed statistics of a library (VoID)

A record graph also describes itself, so the store alone knows what it holds (the manifest an
ingest compares a new export with)::

    <graph/TVHN/123> a kgns:RecordGraph ; kgns:library <library/TVHN> ;
        kgns:recordId "123" ; kgns:contentHash "…" .

``kgns:`` terms are declared in ``vocabularies/kg.ttl``.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

KGNS = "https://w3id.org/thuvien-lienthong/ns#"
VOID = "http://rdfs.org/ns/void#"
DCTERMS = "http://purl.org/dc/terms/"


class GraphNames:
    def __init__(self, base: str):
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self.registry_prefix = self.base + "graph/registry/"
        self.vocabularies = NamedNode(self.base + "graph/vocabularies")
        self.links = NamedNode(self.base + "graph/links")
        self.decisions = NamedNode(self.base + "graph/decisions")
        self.record_prefix = self.base + "graph/"

    def registry(self, library: str) -> NamedNode:
        return NamedNode(f"{self.base}graph/registry/{library}")

    def stats(self, library: str) -> NamedNode:
        return NamedNode(f"{self.base}graph/stats/{library}")

    def library(self, code: str) -> NamedNode:
        return NamedNode(f"{self.base}library/{code}")

    def dataset(self, code: str) -> NamedNode:
        return NamedNode(f"{self.base}dataset/{code}")

    def record_graph_prefix(self, library: str) -> str:
        return f"{self.base}graph/{library}/"

    def is_record_graph(self, iri: str) -> bool:
        if not iri.startswith(self.record_prefix):
            return False
        rest = iri[len(self.record_prefix):]
        return "/" in rest and rest.split("/", 1)[0] not in RESERVED


#: words a library code may not be: they name the store's own graphs
RESERVED = frozenset({"registry", "vocabularies", "links", "stats", "decisions", "hub"})


def term(local: str) -> NamedNode:
    return NamedNode(KGNS + local)


RECORD_GRAPH = term("RecordGraph")
LIBRARY = term("library")
RECORD_ID = term("recordId")
CONTENT_HASH = term("contentHash")
LIBRARY_TYPE = term("libraryType")
VOCABULARY_HASH = term("vocabularyHash")
