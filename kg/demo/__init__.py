"""The demo: three Vietnamese libraries' catalogues written by us (``data/``, see README.md),
built into a store — registered, ingested, linked — for ``kg demo`` and for the web tests.

The order is fixed (NLV, then VNU with its authorities first, then TVHN) so the demo store is
the same on every machine; the hub IRIs ``kg link`` mints do not depend on the order anyway.
"""

from __future__ import annotations

from pathlib import Path

from ..store import Hub, registry
from ..store.ingest import IngestOptions, run as ingest_run

DATA = Path(__file__).resolve().parent / "data"

LIBRARIES = [
    registry.Library("NLV", "Thư viện Quốc gia Việt Nam", "National Library of Vietnam", "Hà Nội", "national"),
    registry.Library("VNU", "Trung tâm Thư viện và Tri thức số, Đại học Quốc gia Hà Nội",
                     "Library and Digital Knowledge Centre, Vietnam National University, Hanoi", "Hà Nội", "university"),
    registry.Library("TVHN", "Thư viện Hà Nội", "Hanoi Library", "Hà Nội", "public"),
]

#: per library, its files in the order they are ingested
FILES = {
    "NLV": ["nlv.xml", "nlv-authorities.xml"],
    "VNU": ["vnu-authorities.xml", "vnu.mrc"],
    "TVHN": ["tvhn.mrc", "tvhn-authorities.xml"],
}


def build(hub: Hub, progress=lambda message: None) -> dict[str, int]:
    """Register the demo libraries, ingest their files and run ``kg link`` into ``hub``
    (idempotent: a second build leaves the same store).  Returns the problems per library."""
    from ..link.run import run as link

    problems: dict[str, int] = {}
    for lib in LIBRARIES:
        registry.add(hub.backend, hub.names, lib)
        found: list = []
        for name in FILES[lib.code]:
            progress(f"ingesting {name} into {lib.code}")
            ingest_run([str(DATA / name)], IngestOptions(lib.code, hub.base_uri, jobs=1),
                       hub.backend, hub.index, hub.names, found.append)
        problems[lib.code] = sum(1 for p in found if p.action == "rejected")
    progress("linking the libraries (kg link)")
    link(hub)
    return problems
