"""Helpers for the linking tests: a real on-disk store with registered libraries, records
ingested from MarcEdit text or the demo files, ``kg link`` run in-process, questions asked of
the links graph with SPARQL."""

from __future__ import annotations

import sys
import textwrap
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from pyoxigraph import NamedNode  # noqa: E402
from storehelp import BASE, DEMO, canonical, dump, kg  # noqa: E402,F401

from kg.link.run import run as link  # noqa: E402
from kg.store import Hub, registry  # noqa: E402
from kg.store.ingest import IngestOptions, run as ingest_run  # noqa: E402

KINDS = {"NLV": "national", "VNU": "university", "TVHN": "public", "HCM": "public", "HUE": "university"}
OWL = "http://www.w3.org/2002/07/owl#"
MADS = "http://www.loc.gov/mads/rdf/v1#"
BF = "http://id.loc.gov/ontologies/bibframe/"


def open_store(path: Path) -> Hub:
    h = Hub(str(path), base_uri=BASE)
    for code, kind in KINDS.items():
        registry.add(h.backend, h.names, registry.Library(code, f"Thư viện {code}", kind=kind))
    return h


def ingest(hub: Hub, library: str, path: Path) -> list:
    problems: list = []
    ingest_run([str(path)], IngestOptions(library, BASE, jobs=1), hub.backend, hub.index, hub.names, problems.append)
    return problems


def mrk_file(path: Path, text: str) -> Path:
    """Records as MarcEdit text; each record starts with its =LDR line."""
    path.write_text(textwrap.dedent(text).strip() + "\n", encoding="utf-8")
    return path


DEMO_FILES = {"NLV": "nlv.xml", "VNU": "vnu.mrc", "TVHN": "tvhn.mrc"}


def load_demo(hub: Hub, order=("NLV", "VNU", "TVHN"), authorities_first=()) -> None:
    for code in order:
        bib, auth = DEMO / DEMO_FILES[code], DEMO / f"{code.lower()}-authorities.xml"
        for path in ((auth, bib) if code in authorities_first else (bib, auth)):
            assert not [p for p in ingest(hub, code, path) if p.action == "rejected"]


def agent(iri_tail: str) -> str:
    return f"{BASE}agent/{iri_tail}"


def clusters(hub: Hub) -> dict[str, dict[str, str]]:
    """hub IRI -> {member IRI: 'exact' | 'close' | 'expression'}"""
    rows = hub.backend.select(
        f"SELECT ?g ?hub ?p ?m WHERE {{ GRAPH ?g {{ ?hub ?p ?m . VALUES ?p {{ <{OWL}sameAs> "
        f"<{MADS}hasCloseExternalAuthority> <{BF}hasExpression> }} }} }}", g=hub.names.links)
    out: dict[str, dict[str, str]] = defaultdict(dict)
    how = {OWL + "sameAs": "exact", MADS + "hasCloseExternalAuthority": "close", BF + "hasExpression": "expression"}
    for r in rows:
        out[r["hub"].value][r["m"].value] = how[r["p"].value]
    return dict(out)


def cluster_of(hub: Hub, member: str) -> set[str]:
    """All members of the cluster ``member`` is in (``{member}`` when it is in none)."""
    for members in clusters(hub).values():
        if member in members:
            return set(members)
    return {member}


def creator(hub: Hub, library: str, rid: str) -> str:
    rows = hub.backend.select(
        f"SELECT ?g ?a WHERE {{ GRAPH ?g {{ ?w <{BF}contribution> ?c . ?c a <{BF}PrimaryContribution> ; "
        f"<{BF}agent> ?a }} }}", g=NamedNode(f"{BASE}graph/{library}/{rid}"))
    return rows[0]["a"].value if rows else ""


def links_dump(hub: Hub) -> set:
    import io

    out = io.BytesIO()
    hub.backend.dump(out, [hub.names.links.value])
    return {q for q in canonical(out.getvalue()) if not q.predicate.value.endswith("linkRun")}
