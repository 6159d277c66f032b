"""The prefixes of the query page: listed there, offered by its "insert prefixes" button, used
to write Turtle results and to shorten IRIs in the HTML result table.

Only vocabularies the store really uses (BIBFRAME 2, its LC extension, MADS/RDF, our own
``kgns:`` terms and the W3C basics); the example queries declare the ones they use, so each
``.rq`` file runs as it is in any SPARQL client.
"""

from __future__ import annotations

from ...convert.terms import BF, BFLC, MADS, OWL, RDF, RDFS, XSD
from ...store.names import DCTERMS, KGNS, VOID

PREFIXES: dict[str, str] = {
    "bf": BF,
    "bflc": BFLC,
    "madsrdf": MADS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "void": VOID,
    "dcterms": DCTERMS,
    "kgns": KGNS,
}


def compact(iri: str) -> str | None:
    """``bf:Work`` for ``http://id.loc.gov/ontologies/bibframe/Work``; None when no prefix
    fits or the rest would not be a plain local name (then the full IRI is clearer).

    >>> compact("http://id.loc.gov/ontologies/bibframe/Work")
    'bf:Work'
    >>> compact("http://id.loc.gov/ontologies/bibframe/a/b") is None
    True
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            local = iri[len(namespace):]
            if local and all(c.isalnum() or c in "_-." for c in local) and not local.endswith("."):
                return f"{prefix}:{local}"
    return None
