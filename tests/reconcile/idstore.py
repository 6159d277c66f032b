"""The ``ids`` store of the reconciliation tests: authority records carrying external identifiers
and likely duplicates, in two libraries, linked (built by :func:`build_ids`)."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import reconhelp  # noqa: E402

BASE = reconhelp.BASE
AUTH = "=LDR  00000nz  a2200000n  4500\n=008  260101n| azannaabn          |a aaa     \n"
BIB = "=LDR  00000nam a2200000 a 4500\n=008  260101s2020    vm            000 0 vie d\n"

#: authority records of the ``ids`` store, per library (MarcEdit text, one record per block)
IDS_RECORDS = {
    "NLV": [
        "=001  NLVA9001\n=003  NLV\n=010  \\\\$an  79021164\n=024  7\\$a96990355$2viaf\n"
        "=024  7\\$a0000000121458561$2isni\n=024  7\\$aQ312$2wikidata\n=100  0\\$aNguyễn Du,$d1765-1820\n"
        "=400  0\\$aTố Như,$d1765-1820",
        "=001  NLVA9002\n=003  NLV\n=024  7\\$a111222333$2viaf\n=100  0\\$aNguyễn Dữ,$dthế kỷ 16",
        "=001  NLVA9003\n=003  NLV\n=100  0\\$aNguyễn Văn Hùng,$d1950-",
        "=001  NLVA9004\n=003  NLV\n=100  0\\$aNguyễn Văn Hưng,$d1950-",
        "=001  NLVA9005\n=003  NLV\n=100  0\\$aPhạm Quang Hiển",
        "=001  NLVA9006\n=003  NLV\n=100  0\\$aTrần Thị Mai,$d1960-",
        "=001  NLVA9007\n=003  NLV\n=100  0\\$aTrần Thị Mai,$d1975-",
        "=001  NLVA9008\n=003  NLV\n=100  0\\$aLê Thị Hoa",
        "=001  NLVA9009\n=003  NLV\n=100  0\\$aĐặng Văn Ngữ,$d1910-1967",
    ],
    "VNU": [
        "=001  VNUA9001\n=003  VNU\n=024  7\\$ahttp://viaf.org/viaf/96990355$2uri\n=100  1\\$aNguyễn, Du,$d1765-1820",
        "=001  VNUA9002\n=003  VNU\n=100  0\\$aPhạm Quang Hiểnn",
        "=001  VNUA9003\n=003  VNU\n=100  0\\$aNguyen Van Binh",
        "=001  VNUA9004\n=003  VNU\n=100  0\\$aTrần Thị Mai",
        "=001  VNUA9005\n=003  VNU\n=100  0\\$aLê Thị Hoà",
        "=001  VNUA9006\n=003  VNU\n=100  0\\$aĐặng Văn Ngữ,$d1910-1967",
    ],
    "TVHN": [
        "=001  TVHNA9001\n=003  TVHN\n=100  0\\$aNguyễn Văn Bình",
        "=001  TVHNA9002\n=003  TVHN\n=100  1\\$aWilliams, John,$d1922-1994\n"
        "=400  1\\$aWilliams, John Edward,$d1922-1994",
        "=001  TVHNA9003\n=003  TVHN\n=100  0\\$aNguyễn Văn Minh",
        "=001  TVHNA9004\n=003  TVHN\n=100  0\\$aNguyễn Văn Linh",
    ],
}
IDS_BIBS = {
    "NLV": ["=001  NLV9001\n=003  NLV\n=100  0\\$aNguyễn Du,$d1765-1820.\n=245  10$aTruyện Kiều.\n"
            "=020  \\\\$a9786049900624"],
    "VNU": ["=001  VNU9001\n=003  VNU\n=100  1\\$aNguyễn, Du,$d1765-1820.\n=245  10$aTruyện Kiều.\n"
            "=041  0\\$avie"],
}


def _no_kg_env():
    return {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("KG_")}


def build_ids(directory: Path) -> Path:
    from kg.link.run import run as link
    from kg.store import Hub, registry
    from kg.store.ingest import IngestOptions, run as ingest_run

    store = directory / "ids"
    saved = _no_kg_env()
    try:
        with Hub(str(store), base_uri=BASE) as hub:
            for code, kind in (("NLV", "national"), ("VNU", "university"), ("TVHN", "public")):
                registry.add(hub.backend, hub.names, registry.Library(code, f"Thư viện {code}", kind=kind))
            for code in IDS_RECORDS:
                files = []
                for kind, records, head in (("auth", IDS_RECORDS[code], AUTH), ("bib", IDS_BIBS.get(code, []), BIB)):
                    if records:
                        path = directory / f"{code.lower()}-{kind}.mrk"
                        path.write_text("\n".join(head + textwrap.dedent(r).strip() + "\n" for r in records),
                                        encoding="utf-8")
                        files.append(path)
                problems: list = []
                ingest_run([str(p) for p in files], IngestOptions(code, BASE, jobs=1), hub.backend, hub.index,
                           hub.names, problems.append)
                assert not [p for p in problems if p.action == "rejected"], problems
            link(hub)
    finally:
        os.environ.update(saved)
    return store
