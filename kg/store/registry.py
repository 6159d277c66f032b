"""The libraries of the hub: ``kg library add`` / ``kg library list``.

A library is an entity of the graph, ``{base}library/{code}``, typed ``bf:Organization``, with
its names in Vietnamese and English, its city and its kind, kept in a graph of its own so that
re-registering replaces the entry.  Ingesting into an unregistered code is refused with the
command that registers it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, Quad, RdfFormat, serialize

from ..convert.terms import LABEL, TYPE, bf
from ..errors import UsageError
from .backend import Backend
from .names import LIBRARY_TYPE, RESERVED, GraphNames, term

TYPES = ("national", "public", "university", "special", "school")
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")


@dataclass
class Library:
    code: str
    name_vi: str
    name_en: str = ""
    city: str = ""
    kind: str = ""


def check_code(code: str) -> str:
    if not CODE.match(code) or code.lower() in RESERVED:
        raise UsageError(f"library code {code!r}: use 1-32 letters, digits, '-' or '_' (not {', '.join(sorted(RESERVED))})")
    return code


def add(backend: Backend, names: GraphNames, lib: Library) -> None:
    check_code(lib.code)
    if lib.kind and lib.kind not in TYPES:
        raise UsageError(f"--type {lib.kind!r}: one of {', '.join(TYPES)}")
    g = names.registry(lib.code)
    s = names.library(lib.code)
    quads = [
        Quad(s, TYPE, bf.Organization, g),
        Quad(s, bf.code, Literal(lib.code), g),
        Quad(s, LABEL, Literal(lib.name_vi, language="vi"), g),
    ]
    if lib.name_en:
        quads.append(Quad(s, LABEL, Literal(lib.name_en, language="en"), g))
    if lib.kind:
        quads.append(Quad(s, LIBRARY_TYPE, term(lib.kind), g))
    if lib.city:
        place = BlankNode(f"place{lib.code}")
        quads += [Quad(s, bf.place, place, g), Quad(place, TYPE, bf.Place, g),
                  Quad(place, LABEL, Literal(lib.city, language="vi"), g)]
    backend.replace([g.value], serialize(quads, format=RdfFormat.N_QUADS))


QUERY = f"""
PREFIX bf: <http://id.loc.gov/ontologies/bibframe/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?g ?library ?code ?vi ?en ?kind ?city WHERE {{
  GRAPH ?g {{
    ?library a bf:Organization ; bf:code ?code .
    OPTIONAL {{ ?library rdfs:label ?vi FILTER(LANG(?vi) = "vi") }}
    OPTIONAL {{ ?library rdfs:label ?en FILTER(LANG(?en) = "en") }}
    OPTIONAL {{ ?library <{LIBRARY_TYPE.value}> ?kind }}
    OPTIONAL {{ ?library bf:place/rdfs:label ?city }}
  }}
}}
"""


def get(backend: Backend, names: GraphNames, code: str) -> Library | None:
    """The entry of one library: a query on its own registry graph (never a scan of the store)."""
    rows = backend.select(QUERY, g=names.registry(code))
    if not rows:
        return None
    r = rows[0]
    kind = r["kind"].value.rsplit("#", 1)[-1] if "kind" in r else ""
    return Library(r["code"].value, r.get("vi", Literal("")).value, r.get("en", Literal("")).value,
                   r.get("city", Literal("")).value, kind)


def all_libraries(backend: Backend, names: GraphNames) -> list[Library]:
    codes = sorted(g[len(names.registry_prefix):] for g in backend.named_graphs(names.registry_prefix))
    return [lib for lib in (get(backend, names, code) for code in codes) if lib is not None]


def require(backend: Backend, names: GraphNames, code: str) -> Library:
    lib = get(backend, names, code)
    if lib is None:
        raise UsageError(
            f"library {code!r} is not registered in this store. Register it first, e.g.:\n"
            f"  kg library add {code} --name-vi \"Thư viện …\" --name-en \"… Library\" --type public --city \"…\"")
    return lib
