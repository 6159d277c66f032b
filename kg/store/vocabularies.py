"""The code lists of ``vocabularies/`` in the store's vocabulary graph, so that queries and pages
find labels (relators in Vietnamese, languages, countries…) next to the data.  Reloaded only when
the files changed (their hash is kept in the graph)."""

from __future__ import annotations

import hashlib

from pyoxigraph import Literal, Quad, RdfFormat, parse, serialize

from ..resources import data_dir
from .backend import Backend
from .names import VOCABULARY_HASH, GraphNames


def _files():
    return sorted(data_dir("vocabularies").glob("*.ttl"))


def digest() -> str:
    h = hashlib.blake2b(digest_size=16)
    for path in _files():
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def ensure(backend: Backend, names: GraphNames) -> bool:
    """Load the vocabularies if the store lacks them or has an older version; True if loaded."""
    g = names.vocabularies
    wanted = digest()
    rows = backend.select(f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{VOCABULARY_HASH.value}> ?h }} }}", g=g)
    if rows and rows[0]["h"].value == wanted:
        return False
    quads = [Quad(g, VOCABULARY_HASH, Literal(wanted), g)]
    for path in _files():
        quads.extend(Quad(t.subject, t.predicate, t.object, g) for t in parse(path=str(path), format=RdfFormat.TURTLE))
    backend.replace([g.value], serialize(quads, format=RdfFormat.N_QUADS))
    return True
