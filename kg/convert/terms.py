"""Namespaces and the RDF terms the converter emits, created once as pyoxigraph objects.

Every class and property used anywhere in ``kg.convert`` is named here, so the vocabulary
check in ``tests/convert/test_vocabulary.py`` can compare this module against the BIBFRAME 2.6,
bflc and MADS/RDF ontologies in one place.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

BF = "http://id.loc.gov/ontologies/bibframe/"
BFLC = "http://id.loc.gov/ontologies/bflc/"
MADS = "http://www.loc.gov/mads/rdf/v1#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ID = "http://id.loc.gov/vocabulary/"

PREFIXES = {
    "bf": BF,
    "bflc": BFLC,
    "madsrdf": MADS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "relators": ID + "relators/",
    "languages": ID + "languages/",
    "countries": ID + "countries/",
}


class _Namespace:
    """``BFn.Work`` -> NamedNode; attribute access is cached so each term exists once."""

    def __init__(self, base: str):
        self._base = base
        self._cache: dict[str, NamedNode] = {}

    def __getattr__(self, name: str) -> NamedNode:
        # only called on the first access: the term is then stored as a plain attribute
        if name.startswith("_"):
            raise AttributeError(name)
        node = self[name]
        setattr(self, name, node)
        return node

    def __getitem__(self, name: str) -> NamedNode:
        node = self._cache.get(name)
        if node is None:
            node = self._cache[name] = NamedNode(self._base + name)
        return node

    @property
    def used(self) -> dict[str, NamedNode]:
        return dict(self._cache)


bf = _Namespace(BF)
bflc = _Namespace(BFLC)
mads = _Namespace(MADS)
rdf = _Namespace(RDF)
rdfs = _Namespace(RDFS)
owl = _Namespace(OWL)
xsd = _Namespace(XSD)

TYPE = rdf.type
LABEL = rdfs.label
VALUE = rdf.value
FIRST, REST, NIL = rdf.first, rdf.rest, rdf.nil
DATE_EDTF = NamedNode("http://id.loc.gov/datatypes/edtf")


def vocab(scheme: str, code: str) -> NamedNode:
    """An id.loc.gov controlled-vocabulary IRI, e.g. ``vocab("languages", "vie")``."""
    return NamedNode(f"{ID}{scheme}/{code}")
