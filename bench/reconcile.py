"""Benchmark of reconciliation (``kg.reconcile``): quality against the labelled queries, speed on
a large store next to a bare label-index lookup measured in the same run.

    .venv/bin/python bench/reconcile.py                        # both; builds a 1M-label store
    .venv/bin/python bench/reconcile.py --quality-only
    .venv/bin/python bench/reconcile.py --speed-only --labels 200000 [--dir DIR] [--keep]
    .venv/bin/python bench/reconcile.py --speed-only --store DIR   # an existing store

Quality: builds the labelled linking set (tests/link/gold) and the demo in a temporary
directory with the ``kg`` command, runs every query of ``tests/reconcile/queries.csv`` in
batches of ten and prints precision@1, recall@5 and the precision of ``match: true`` next to the
targets (>= 0.95, >= 0.98, >= 0.995), with every miss (:mod:`reconhelp` says how answers are
judged).

Speed: a store of ``--labels`` name labels is built by ingesting authority files generated from
real names (bench/reconcile_names.py: four libraries, each person in one to three of them, ~4
labels per record) and linking them; or ``--store`` points at an existing one.  Queries are drawn
from the store's own labels and varied the ways cataloguers type names — as stored, without tone
marks, with a typo, with initials, in the other order, without the dates — then sent in batches
of ten: the wall time of each batch gives p50 and p99 (targets < 50 ms and < 200 ms).  The same
batches are also looked up with a bare full-text query of the label index
(:meth:`kg.store.index.Index.search`), the floor any answer costs on this machine at this moment:
on a shared machine compare the two, not the absolute figures.

Benchmarks print figures; they do not assert.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests" / "reconcile"))
import reconcile_names  # noqa: E402
import reconhelp  # noqa: E402

PY = sys.executable
TARGET_P50, TARGET_P99 = 0.050, 0.200


def kg(*args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    subprocess.run([PY, "-m", "kg", *args], check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


# --- quality -----------------------------------------------------------------------------------


def quality(work: Path) -> None:
    from kg.reconcile import Reconciler

    t = time.perf_counter()
    stores = {"gold": reconhelp.build_gold(work), "demo": reconhelp.build_demo(work)}
    print(f"labelled stores built, ingested and linked in {time.perf_counter() - t:.0f} s")
    hubs = {k: reconhelp.open_hub(v) for k, v in stores.items()}
    identities = {"gold": reconhelp.gold_identities(hubs["gold"])}
    reconcilers = {k: Reconciler(h) for k, h in hubs.items()}
    try:
        result = reconhelp.evaluate(reconcilers, identities)
    finally:
        for r in reconcilers.values():
            r.close()
        for h in hubs.values():
            h.close()
    print(reconhelp.format_report(result, identities, limit=200))
    print(f"match rate (expected entity answered with match: true): {result['match_rate']:.3f}")
    times = sorted(result["batch_seconds"])
    print(f"batches of 10 on these small stores: p50 {statistics.median(times) * 1000:.1f} ms, "
          f"max {times[-1] * 1000:.1f} ms")


# --- speed -------------------------------------------------------------------------------------


def build_store(work: Path, labels: int) -> Path:
    t = time.perf_counter()
    files = reconcile_names.build(work / "mrc", labels)
    print(f"generated authority files for ~{labels:,} name labels in {time.perf_counter() - t:.0f} s")
    store = work / "store"
    for code in reconcile_names.LIBRARIES:
        kg("library", "add", code, "--name-vi", f"Thư viện {code}", "--store", str(store))
    t = time.perf_counter()
    for code, path in files.items():
        kg("ingest", str(path), "--library", code, "--store", str(store), "--jobs", "2", "--quiet")
    print(f"kg ingest of four libraries: {time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    kg("link", "--store", str(store), "--quiet")
    print(f"kg link: {time.perf_counter() - t:.0f} s")
    return store


def vary(label: str, how: int, rng: random.Random) -> str:
    """A label as a cataloguer might type it (see the module docstring)."""
    from kg.reconcile.scoring import parse
    from kg.text.vietnamese import fold

    name = parse(label)
    words = name.text.replace(",", "").split()
    if how == 0 or not words:
        return label
    if how == 1:
        return " ".join(w.capitalize() for w in fold(name.text).split())
    if how == 2:
        i = rng.randrange(len(name.text))
        return name.text[:i] + name.text[i] + name.text[i:]  # a doubled letter
    if how == 3 and len(words) > 1:
        return words[0] + " " + " ".join(w[0] + "." for w in words[1:])
    if how == 4 and len(words) > 1:
        return " ".join(words[1:] + words[:1])
    return name.text  # without the dates


def speed(store: Path, batches: int, seed: int = 7) -> None:
    from kg.reconcile import Reconciler

    hub = reconhelp.open_hub(store)
    try:
        db = hub.index.db
        n_labels = db.execute("SELECT COUNT(*) FROM label_rows WHERE kind = 'agent'").fetchone()[0]
        n_entities = db.execute("SELECT COUNT(DISTINCT entity) FROM label_rows WHERE kind = 'agent'").fetchone()[0]
        print(f"store {store}: {n_labels:,} name labels of {n_entities:,} agents")
        rng = random.Random(seed)
        top = db.execute("SELECT MAX(id) FROM label_rows").fetchone()[0]
        labels: list[str] = []
        while len(labels) < batches * 10 + 50:
            row = db.execute("SELECT label FROM label_rows WHERE id >= ? AND kind = 'agent' LIMIT 1",
                             (rng.randrange(1, top + 1),)).fetchone()
            if row:
                labels.append(row[0])
        warm = [vary(label, i % 6, rng) for i, label in enumerate(labels[:50])]  # not timed
        queries = [vary(label, i % 6, rng) for i, label in enumerate(labels[50:])]
        t = time.perf_counter()
        r = Reconciler(hub, refresh_seconds=3600)
        r.catalog.snapshot()
        print(f"reconciler ready (cluster map, identifiers) in {time.perf_counter() - t:.1f} s")
        for i in range(0, len(warm), 10):  # warm up both: code paths, SQLite page cache
            for q in warm[i : i + 10]:
                hub.index.search(q, kinds=["agent"], limit=10)
            r.match({f"q{j}": {"query": q, "type": "Person"} for j, q in enumerate(warm[i : i + 10])})
        engine, bare = [], []
        for b in range(batches):
            part = queries[b * 10 : b * 10 + 10]
            t = time.perf_counter()
            for q in part:
                hub.index.search(q, kinds=["agent"], limit=10)
            bare.append(time.perf_counter() - t)
            t = time.perf_counter()
            r.match({f"q{i}": {"query": q, "type": "Person"} for i, q in enumerate(part)})
            engine.append(time.perf_counter() - t)
        r.close()
    finally:
        hub.close()
    engine.sort()
    bare.sort()

    def pct(xs: list[float], p: float) -> float:
        return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))] * 1000

    print(f"{batches} batches of 10 queries (as stored, no marks, typo, initials, other order, no dates):")
    print(f"{'':<38} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9}")
    print(f"{'bare label-index FTS lookup (x10)':<38} {pct(bare, .5):>9.1f} {pct(bare, .99):>9.1f} "
          f"{bare[-1] * 1000:>9.1f}")
    print(f"{'reconcile match (batch of 10)':<38} {pct(engine, .5):>9.1f} {pct(engine, .99):>9.1f} "
          f"{engine[-1] * 1000:>9.1f}")
    print(f"{'targets':<38} {TARGET_P50 * 1000:>9.0f} {TARGET_P99 * 1000:>9.0f}")
    print(f"ratio to the bare lookup: p50 x{pct(engine, .5) / max(pct(bare, .5), 1e-9):.2f}, "
          f"p99 x{pct(engine, .99) / max(pct(bare, .99), 1e-9):.2f}")
    try:
        print(f"machine load average (1, 5, 15 min): {', '.join(f'{x:.1f}' for x in os.getloadavg())} on "
              f"{os.cpu_count()} cores")
    except OSError:
        pass


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quality-only", action="store_true")
    ap.add_argument("--speed-only", action="store_true")
    ap.add_argument("--labels", type=int, default=1_000_000, help="name labels of the generated speed store")
    ap.add_argument("--store", help="measure speed on this existing store instead of building one")
    ap.add_argument("--batches", type=int, default=200, help="batches of 10 queries to time")
    ap.add_argument("--dir", help="work directory (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory (printed)")
    args = ap.parse_args()
    work = Path(args.dir or tempfile.mkdtemp(prefix="kg-bench-reconcile-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if not args.speed_only:
            quality(work / "quality")
            print()
        if not args.quality_only:
            store = Path(args.store) if args.store else build_store(work / "speed", args.labels)
            speed(store, args.batches)
    finally:
        if args.keep or args.dir:
            print(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
