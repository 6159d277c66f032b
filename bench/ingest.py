"""Benchmark of ``kg ingest`` next to ``oxigraph load`` of the same triples, in the same run.

    .venv/bin/python bench/ingest.py [--records 100000] [--update 1000] [--jobs 2] [--keep]

1. builds a realistic export of ``--records`` records by varying real ones (bench/variants.py);
2. converts it once with ``kg convert --to nq`` to have the same triples as N-Quads, and times
   ``oxigraph load`` of that file into an empty directory (the engine's own rate: the baseline);
3. times ``kg ingest`` of the export into an empty store (a first load: bulk loader), end to end
   — reading, conversion, store and search index — with the peak RSS of the process tree and
   the size of the store directory;
4. times ``kg ingest`` of a newer export of ``--update`` edited records into that store.

Targets (issue "store"): >= 2,000 records/s end to end for a first load; >= 0.7x the triples/s of
``oxigraph load``; 1M records in < 15 minutes with peak RSS < 4 GB; an update of 1,000 changed
records into a 1M-record store in < 10 s.  Shared, noisy machine: compare the ratio.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import variants  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
OXIGRAPH = str(Path(PY).with_name("oxigraph"))


def timed(cmd: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS of the process tree, stderr."""
    started = time.perf_counter()
    proc = psutil.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True)))
        except psutil.Error:
            pass
        time.sleep(0.05)
    err = proc.stderr.read()
    proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return time.perf_counter() - started, peak, err


def size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--update", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", action="store_true", help="keep the work directory (printed)")
    ap.add_argument("--dir", help="work directory (default: a temporary one)")
    args = ap.parse_args()
    work = Path(args.dir or tempfile.mkdtemp(prefix="kg-bench-ingest-"))
    work.mkdir(parents=True, exist_ok=True)
    export = work / "export.mrc"
    t = time.perf_counter()
    n = variants.build(export, args.records)
    print(f"input: {n:,} records, {export.stat().st_size / 2**20:.0f} MB (built in {time.perf_counter() - t:.0f} s)")

    nq = work / "export.nq"
    secs, _, err = timed([PY, "-m", "kg", "convert", str(export), "--library", "BENCH", "--to", "nq", "-o", str(nq),
                          "--jobs", str(args.jobs)])
    quads = sum(1 for _ in open(nq, "rb"))
    print(f"kg convert --to nq: {secs:.1f} s, {quads:,} quads")

    ox_dir = work / "oxigraph-load"
    secs_ox, rss_ox, _ = timed([OXIGRAPH, "load", "--location", str(ox_dir), "--file", str(nq)])
    print(f"oxigraph load (baseline): {secs_ox:.1f} s, {quads / secs_ox:,.0f} quads/s, peak RSS {rss_ox / 2**20:.0f} MB, "
          f"store {size(ox_dir) / 2**20:.0f} MB")
    shutil.rmtree(ox_dir)

    store = work / "store"
    store_args = ["--store", str(store)]
    subprocess.run([PY, "-m", "kg", "library", "add", "BENCH", "--name-vi", "Thư viện thử", *store_args], check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL)
    secs_kg, rss_kg, err = timed([PY, "-m", "kg", "ingest", str(export), "--library", "BENCH", "--jobs", str(args.jobs),
                                  *store_args])
    summary = err.strip().splitlines()[-1]
    triples = int(summary.split(" triples written")[0].rsplit(" ", 1)[-1].replace(",", ""))
    print(f"kg ingest (first load): {secs_kg:.1f} s, {n / secs_kg:,.0f} records/s, {triples / secs_kg:,.0f} triples/s, "
          f"peak RSS {rss_kg / 2**20:.0f} MB, store + index {size(store) / 2**20:.0f} MB")
    print(f"  {summary}")

    update = work / "update.mrc"
    m = variants.edited(export, update, args.update, max(1, n // (args.update * 3)))
    secs_up, rss_up, err = timed([PY, "-m", "kg", "ingest", str(update), "--library", "BENCH", "--jobs", str(args.jobs),
                                  *store_args])
    print(f"kg ingest (update of {m:,} edited records into {n:,}): {secs_up:.1f} s, peak RSS {rss_up / 2**20:.0f} MB")
    print(f"  {err.strip().splitlines()[-1]}")

    print()
    print(f"{'figure':<46} {'measured':>14} {'target':>12}")
    print(f"{'first load, records/s':<46} {n / secs_kg:>14,.0f} {'>= 2,000':>12}")
    print(f"{'first load triples/s vs oxigraph load':<46} {(triples / secs_kg) / (quads / secs_ox):>14.2f} {'>= 0.7':>12}")
    print(f"{'peak RSS, MB':<46} {rss_kg / 2**20:>14,.0f} {'< 4,096':>12}")
    print(f"{f'update of {m:,} records, s':<46} {secs_up:>14.1f} {'< 10':>12}")
    print(f"{'projected 1M first load, minutes':<46} {1_000_000 / (n / secs_kg) / 60:>14.1f} {'< 15':>12}")
    if args.keep or args.dir:
        print(f"work directory kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
