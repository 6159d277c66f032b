"""Statistics precomputed at ingest and kept as a VoID description per library.

Whole-store aggregates take seconds in Oxigraph; the side index answers them in milliseconds, so
after each ingest the library's figures are computed from the index and written to
``graph/stats/{library}``::

    <dataset/TVHN> a void:Dataset ; dcterms:publisher <library/TVHN> ;
        void:triples 701400 ; kgns:records 10200 ;
        void:classPartition [ void:class bf:Work ; void:entities 10200 ] , … ;
        kgns:languagePartition [ bf:language <…/languages/vie> ; void:entities 9800 ] , … ;
        kgns:yearPartition [ kgns:year 1936 ; void:entities 12 ] , … .

``kg stats`` and the web pages read these graphs back with one small query.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, serialize

from ..convert.terms import TYPE, bf, mads, vocab, xsd
from .backend import Backend
from .index import Index
from .names import CONTENT_HASH, DCTERMS, KGNS, VOID, GraphNames, term

V = lambda local: NamedNode(VOID + local)  # noqa: E731
CLASSES = (("works", bf.Work), ("instances", bf.Instance), ("items", bf.Item), ("agents", bf.Agent),
           ("concepts", bf.Topic), ("authorities", mads.Authority))


def write(backend: Backend, names: GraphNames, index: Index, library: str) -> dict:
    """Recompute the library's figures; rewrite its statistics graph only if they changed (so an
    ingest that changes nothing leaves the store byte-for-byte as it was)."""
    figures = index.statistics(library)
    g = names.stats(library)
    d = names.dataset(library)
    digest = hashlib.blake2b(json.dumps(figures, sort_keys=True, default=str).encode(), digest_size=16).hexdigest()
    stored = backend.select(f"SELECT ?d ?h WHERE {{ GRAPH ?g {{ ?d <{CONTENT_HASH.value}> ?h }} }}", d=d)
    if stored and stored[0]["h"].value == digest:
        return figures
    n = 0

    def bnode() -> BlankNode:
        nonlocal n
        n += 1
        return BlankNode(f"stats{library}x{n}".replace("-", "_"))

    def integer(value: int) -> Literal:
        return Literal(str(value), datatype=xsd.integer)

    quads = [
        Quad(d, TYPE, V("Dataset"), g),
        Quad(d, NamedNode(DCTERMS + "publisher"), names.library(library), g),
        Quad(d, V("triples"), integer(figures["triples"]), g),
        Quad(d, term("records"), integer(figures["records"]), g),
        Quad(d, CONTENT_HASH, Literal(digest), g),
    ]
    for key, cls in CLASSES:
        p = bnode()
        quads += [Quad(d, V("classPartition"), p, g), Quad(p, V("class"), cls, g), Quad(p, V("entities"), integer(figures[key]), g)]
    for code, count in sorted(figures["languages"].items()):
        p = bnode()
        quads += [Quad(d, term("languagePartition"), p, g), Quad(p, bf.language, vocab("languages", code), g),
                  Quad(p, V("entities"), integer(count), g)]
    for year, count in sorted(figures["years"].items()):
        p = bnode()
        quads += [Quad(d, term("yearPartition"), p, g), Quad(p, term("year"), Literal(str(year), datatype=xsd.gYear), g),
                  Quad(p, V("entities"), integer(count), g)]
    backend.replace([g.value], serialize(quads, format=RdfFormat.N_QUADS))
    return figures


READ = f"""
PREFIX void: <{VOID}>
PREFIX kgns: <{KGNS}>
PREFIX bf: <http://id.loc.gov/ontologies/bibframe/>
SELECT ?dataset ?library ?key ?value ?n WHERE {{
  GRAPH ?g {{
    ?dataset a void:Dataset ; <{DCTERMS}publisher> ?library .
    {{ ?dataset void:triples ?n BIND("triples" AS ?key) }}
    UNION {{ ?dataset kgns:records ?n BIND("records" AS ?key) }}
    UNION {{ ?dataset void:classPartition [ void:class ?value ; void:entities ?n ] BIND("class" AS ?key) }}
    UNION {{ ?dataset kgns:languagePartition [ bf:language ?value ; void:entities ?n ] BIND("language" AS ?key) }}
    UNION {{ ?dataset kgns:yearPartition [ kgns:year ?value ; void:entities ?n ] BIND("year" AS ?key) }}
  }}
}}
"""

_CLASS_KEYS = {cls.value: key for key, cls in CLASSES}


def read(backend: Backend) -> dict[str, dict]:
    """{library code: figures} from the statistics graphs."""
    out: dict[str, dict] = {}
    for row in backend.select(READ):
        code = row["library"].value.rsplit("/", 1)[-1]
        fig = out.setdefault(code, {"languages": Counter(), "years": Counter()})
        key, n = row["key"].value, int(row["n"].value)
        if key in ("triples", "records"):
            fig[key] = n
        elif key == "class":
            fig[_CLASS_KEYS.get(row["value"].value, row["value"].value)] = n
        elif key == "language":
            fig["languages"][row["value"].value.rsplit("/", 1)[-1]] += n
        elif key == "year":
            fig["years"][int(row["value"].value)] += n
    return out
