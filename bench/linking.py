"""Benchmark of ``kg link``: quality against the labelled gold set, and speed on a large store.

    .venv/bin/python bench/linking.py [--keep]
    .venv/bin/python bench/linking.py --records 100000 [--libraries 4] [--overlap 0.3] [--jobs 2]
    .venv/bin/python bench/linking.py --store DIR          # time kg link on an existing store

Quality (default): builds the gold set of ``tests/link/gold/`` (four libraries typing the same
people and works their own ways, hard negatives, pen names through authorities) in a temporary
directory, ingests it with ``kg`` and runs ``kg link``, then prints precision, recall and F1 over
pairs of records for agents and for works (:mod:`gold` says how pairs are counted) next to the
targets (precision >= 0.99, recall >= 0.95), with every false positive and false negative.

Speed (``--records N`` or ``--store DIR``): times ``kg link`` — wall time and peak RSS of the
process tree — on a store of N bibliographic records.  With ``--records`` the store is built
first: bench/ingest.py's realistic export (bench/variants.py: real records varied, headings
repeating at a realistic rate) is cut into ``--libraries`` catalogues that share ``--overlap`` of
their records with the next one (the same books held by several libraries), each ingested into
its own library.  Target (issue "links"): < 10 minutes for 1M records; a smaller store's time is
projected linearly, which flatters nothing only if link time is linear — compare two sizes.

Benchmarks print figures; they do not assert.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests" / "link"))
import gold  # noqa: E402
import ingest  # noqa: E402  (bench/ingest.py: timed(), size(), and through it bench/variants.py)

PY = sys.executable
TARGET_MINUTES = 10


def quality(work: Path) -> int:
    t = time.perf_counter()
    files = gold.build(work / "mrk")
    n_bib = len(gold.records())
    n_auth = len(gold.authorities())
    orders = ", ".join(f"{c}: authorities {'first' if c in gold.AUTHORITIES_FIRST else 'last'}" for c in files)
    print(f"gold set: {n_bib} bibliographic and {n_auth} authority records in {len(files)} libraries ({orders})")
    link_out = gold.load(work / "store", files, report=str(work / "link-report.csv"))
    loaded = time.perf_counter() - t
    print(f"built, ingested and linked in {loaded:.1f} s")
    print("  " + link_out.strip().splitlines()[-1])
    result = gold.evaluate(work / "store")
    print()
    print(f"{'figure':<22} {'pairs':>7} {'positive':>9} {'negative':>9} {'precision':>10} {'recall':>8} {'F1':>8}")
    for kind in ("agents", "works", "publications"):
        s = result[kind]
        print(f"{kind:<22} {s['pairs']:>7,} {s['positives']:>9,} {s['negatives']:>9,} {s['precision']:>10.4f} "
              f"{s['recall']:>8.4f} {s['f1']:>8.4f}")
    p_target, r_target = f">= {gold.TARGETS['precision']}", f">= {gold.TARGETS['recall']}"
    print(f"{'target':<22} {'':>7} {'':>9} {'':>9} {p_target:>10} {r_target:>8}")
    print()
    print(gold.format_report(result, limit=10_000))
    return 0


def _slices(export: Path, out_dir: Path, libraries: int, per_library: int, overlap: float) -> dict[str, Path]:
    """Cut the export into per-library files; library i starts where i-1 started plus
    (1 - overlap) of a catalogue, so neighbours share ``overlap`` of their records."""
    records = [r + b"\x1d" for r in export.read_bytes().split(b"\x1d") if r.strip()]
    step = max(1, round(per_library * (1 - overlap)))
    out = {}
    for i in range(libraries):
        code = f"L{i + 1:02d}"
        path = out_dir / f"{code.lower()}.mrc"
        path.write_bytes(b"".join(records[i * step : i * step + per_library]))
        out[code] = path
    return out


def build_store(work: Path, records: int, libraries: int, overlap: float, jobs: int) -> Path:
    per_library = -(-records // libraries)
    unique = per_library + (libraries - 1) * max(1, round(per_library * (1 - overlap)))
    export = work / "export.mrc"
    t = time.perf_counter()
    n = ingest.variants.build(export, unique)
    print(f"export: {n:,} distinct records ({export.stat().st_size / 2**20:.0f} MB, built in {time.perf_counter() - t:.0f} s), "
          f"cut into {libraries} catalogues of {per_library:,} sharing {overlap:.0%} with the next")
    store = work / "store"
    common = ["--store", str(store), "--base-uri", gold.BASE]
    kinds = ["national", "university", "public", "special", "school"]
    for i, (code, path) in enumerate(_slices(export, work, libraries, per_library, overlap).items()):
        subprocess.run([PY, "-m", "kg", "library", "add", code, "--name-vi", f"Thư viện thử {code}",
                        "--type", kinds[i % len(kinds)], *common], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        secs, rss, err = ingest.timed([PY, "-m", "kg", "ingest", str(path), "--library", code, "--jobs", str(jobs),
                                       "--quiet", *common])
        print(f"  kg ingest {code}: {secs:.1f} s, peak RSS {rss / 2**20:.0f} MB")
    return store


def store_records(store: Path) -> int:
    proc = subprocess.run([PY, "-m", "kg", "stats", "--json", "--store", str(store)], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    stats = json.loads(proc.stdout)
    return sum(v.get("records", 0) for v in stats.values() if isinstance(v, dict))


def speed(store: Path) -> int:
    n = store_records(store)
    print(f"store: {store} — {n:,} bibliographic records, store + index {ingest.size(store) / 2**20:,.0f} MB")
    secs, rss, err = ingest.timed([PY, "-m", "kg", "link", "--store", str(store), "--base-uri", gold.BASE])
    lines = [x for x in err.strip().splitlines() if x.startswith("kg link")]
    for line in lines:
        print(f"  {line}")
    phases = dict(re.findall(r"kg link: (\w+): ([\d.]+) s", err))
    print()
    print(f"{'figure':<46} {'measured':>14} {'target':>12}")
    print(f"{f'kg link, {n:,} records, minutes':<46} {secs / 60:>14.2f}")
    print(f"{'kg link, records/s':<46} {n / secs:>14,.0f}")
    if phases:
        print(f"{'  phases (s): ' + ', '.join(f'{k} {v}' for k, v in phases.items()):<46}")
    print(f"{'peak RSS, MB':<46} {rss / 2**20:>14,.0f}")
    print(f"{'projected 1M records, minutes (linear)':<46} {secs * 1_000_000 / max(n, 1) / 60:>14.1f} "
          f"{f'< {TARGET_MINUTES}':>12}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=None,
                    help="speed mode: build a store of N synthetic records and time kg link on it")
    ap.add_argument("--store", help="speed mode on an existing store (e.g. one kept by bench/ingest.py)")
    ap.add_argument("--libraries", type=int, default=4, help="catalogues the N records are cut into (default 4)")
    ap.add_argument("--overlap", type=float, default=0.3, help="share of a catalogue also in the next (default 0.3)")
    ap.add_argument("--jobs", type=int, default=2, help="kg ingest --jobs when building the store")
    ap.add_argument("--keep", action="store_true", help="keep the work directory (printed)")
    ap.add_argument("--dir", help="work directory (default: a temporary one)")
    args = ap.parse_args()
    if args.store:
        return speed(Path(args.store))
    work = Path(args.dir or tempfile.mkdtemp(prefix="kg-bench-link-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.records:
            return speed(build_store(work, args.records, args.libraries, args.overlap, args.jobs))
        return quality(work)
    finally:
        if args.keep or args.dir:
            print(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
