"""Benchmark of the web hub: pages, linked data, search and /sparql, next to ``oxigraph serve``.

    .venv/bin/python bench/web.py [--records 100000] [--clients 8] [--seconds 20]
    .venv/bin/python bench/web.py --store DIR        # an existing store (e.g. kept by bench/ingest.py)

1. a store of ``--records`` records (bench/variants.py: real records varied), ingested and linked
   with the ``kg`` command — or ``--store`` (its base IRI is read from the index);
2. baseline, same data, same run: ``oxigraph serve-read-only`` on the store's Oxigraph directory,
   a SPARQL point lookup (the title of one work, bound in the query text) by ``--clients``
   concurrent keep-alive clients;
3. ``kg serve`` on the same store: entity pages (HTML), entity Turtle by content negotiation,
   search, and the same point lookup through our ``/sparql`` — each by ``--clients`` concurrent
   clients for ``--seconds``, over entities sampled from the index;
4. the runaway check: one client sends a query that runs until the time limit while the others
   send point lookups; the point lookups' p50 next to their p50 without it.

Targets (issue "web"): pages p50 < 15 ms and p99 < 100 ms with 8 clients; our /sparql point
lookup <= 1.5x the oxigraph server's latency; a runaway query delays a point lookup by < 50 ms.
Shared, noisy 2-core machine: the clients run in this process and take CPU from the server, on
both sides alike; compare the ratios.  Benchmarks print figures, they do not assert.
"""

from __future__ import annotations

import argparse
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import variants  # noqa: E402

PY = sys.executable
OXIGRAPH = str(Path(PY).with_name("oxigraph"))
LIBRARY = "BENCH"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer in {seconds} s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def build_store(work: Path, records: int, base: str) -> Path:
    export = work / "export.mrc"
    n = variants.build(export, records)
    store = work / "store"
    common = ["--store", str(store), "--base-uri", base]
    run = lambda *a: subprocess.run([PY, "-m", "kg", *a, *common], check=True, cwd=ROOT,  # noqa: E731
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t = time.perf_counter()
    run("library", "add", LIBRARY, "--name-vi", "Thư viện thử")
    run("ingest", str(export), "--library", LIBRARY)
    run("link")
    print(f"store: {n:,} records ingested and linked in {time.perf_counter() - t:.0f} s")
    return store


def sample(store: Path, k: int = 2000) -> tuple[str, list[str], list[str], list[str]]:
    """(base, entity IRIs with pages, work IRIs, search words) sampled from the index."""
    db = sqlite3.connect(f"file:{store / 'index.sqlite'}?mode=ro", uri=True)
    graph, lib = db.execute("SELECT graph, library FROM records LIMIT 1").fetchone()
    base = graph[: graph.rindex(f"graph/{lib}/")]
    rng = random.Random(7)
    works = [r[0] for r in db.execute("SELECT work FROM records WHERE work IS NOT NULL AND kind != 'authority' "
                                      "ORDER BY rowid LIMIT 200000")]
    instances = [r[0] for r in db.execute("SELECT instance FROM records WHERE instance IS NOT NULL ORDER BY rowid "
                                          "LIMIT 200000")]
    agents = [r[0] for r in db.execute("SELECT entity FROM entity_refs WHERE kind = 'agent' LIMIT 200000")]
    labels = [r[0] for r in db.execute("SELECT label FROM label_rows WHERE kind = 'agent' LIMIT 50000")]
    db.close()
    entities = rng.sample(works, min(k, len(works))) + rng.sample(instances, min(k, len(instances))) + \
        rng.sample(agents, min(k, len(agents)))
    rng.shuffle(entities)
    words = [w for w in (label.split(",")[0].strip() for label in rng.sample(labels, min(k, len(labels)))) if w]
    return base, entities, rng.sample(works, min(k, len(works))), words


def hammer(clients: int, seconds: float, request) -> tuple[list[float], int]:
    """Latencies (ms) of ``request(session, i)`` sent by ``clients`` threads for ``seconds``."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(n: int) -> None:
        with requests.Session() as s:
            i = n
            mine = []
            while time.monotonic() < stop_at:
                t = time.perf_counter()
                ok = request(s, i)
                mine.append((time.perf_counter() - t) * 1000)
                if not ok:
                    with lock:
                        errors[0] += 1
                i += clients
            with lock:
                latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors[0]


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def point_query(work: str) -> str:
    # the bench's own fixed text; the IRI comes from our index, not from a user
    return f"SELECT ?t WHERE {{ <{work}> <http://id.loc.gov/ontologies/bibframe/title> ?x . " \
           f"?x <http://id.loc.gov/ontologies/bibframe/mainTitle> ?t }}"


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(?c = ?i && ?a != ?g) }"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--store", help="an existing store directory instead of building one")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--timeout", type=float, default=5, help="kg serve --query-timeout for the runaway check")
    ap.add_argument("--dir", help="work directory (default: a temporary one, removed)")
    args = ap.parse_args()
    work = Path(args.dir or tempfile.mkdtemp(prefix="kg-bench-web-"))
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    if args.store:
        store = Path(args.store)
    else:
        store = build_store(work, args.records, f"http://127.0.0.1:{port}/")
    base, entities, works, words = sample(store)
    records = sqlite3.connect(f"file:{store / 'index.sqlite'}?mode=ro", uri=True).execute(
        "SELECT COUNT(*) FROM records").fetchone()[0]
    print(f"store {store}: {records:,} records, base {base}; {args.clients} clients, {args.seconds:.0f} s per figure")
    rows: list[tuple[str, list[float], int, str]] = []

    # -- baseline: oxigraph serve on the same data --------------------------------------------
    ox_port = free_port()
    ox = subprocess.Popen([OXIGRAPH, "serve-read-only", "--location", str(store / "oxigraph"), "--bind",
                           f"127.0.0.1:{ox_port}", "--union-default-graph"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{ox_port}/query?query=ASK%7B%7D", ox)
        ox_url = f"http://127.0.0.1:{ox_port}/query"
        lat, err = hammer(args.clients, args.seconds, lambda s, i: s.get(
            ox_url, params={"query": point_query(works[i % len(works)])},
            headers={"Accept": "application/sparql-results+json"}).ok)
        rows.append(("oxigraph serve: point lookup (baseline)", lat, err, ""))
    finally:
        stop(ox)

    # -- kg serve ----------------------------------------------------------------------------
    log = open(work / "kg-serve.log", "wb")
    if not base.startswith(f"http://127.0.0.1:{port}/"):  # a kept store: serve it on its own port
        port = int(base.split(":")[2].split("/")[0]) if base.startswith("http://127.0.0.1:") else port
    kg = subprocess.Popen([PY, "-m", "kg", "serve", "--store", str(store), "--base-uri", base, "--port", str(port),
                           "--query-timeout", str(args.timeout)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url + "healthz", kg)
        local = lambda iri: url + iri[len(base):]  # noqa: E731
        requests.get(url + "sparql", params={"query": "ASK {}"}, timeout=60)  # start the workers
        lat, err = hammer(args.clients, args.seconds, lambda s, i: s.get(
            url + "sparql", params={"query": point_query(works[i % len(works)])},
            headers={"Accept": "application/sparql-results+json"}).ok)
        rows.append(("kg /sparql: point lookup", lat, err, "<= 1.5x baseline p50"))
        lat, err = hammer(args.clients, args.seconds, lambda s, i: s.get(
            local(entities[i % len(entities)]), headers={"Accept": "text/html"}).status_code == 200)
        rows.append(("entity page (HTML)", lat, err, "p50 < 15, p99 < 100"))
        lat, err = hammer(args.clients, args.seconds, lambda s, i: s.get(
            local(entities[i % len(entities)]), headers={"Accept": "text/turtle"}).status_code == 200)
        rows.append(("entity Turtle (conneg)", lat, err, "p50 < 15, p99 < 100"))
        lat, err = hammer(args.clients, args.seconds, lambda s, i: s.get(
            url + "search", params={"q": words[i % len(words)]}).ok)
        rows.append(("search (HTML, facets)", lat, err, ""))

        # runaway: one client keeps a query running to the time limit; the others look up
        quiet, _ = hammer(max(1, args.clients - 1), args.seconds / 2, lambda s, i: s.get(
            url + "sparql", params={"query": point_query(works[i % len(works)])}).ok)
        done = threading.Event()
        statuses: list[int] = []

        def runaway() -> None:
            with requests.Session() as s:
                while not done.is_set():
                    statuses.append(s.get(url + "sparql", params={"query": RUNAWAY}, timeout=args.timeout + 30)
                                    .status_code)

        t = threading.Thread(target=runaway)
        t.start()
        time.sleep(0.5)
        busy, err = hammer(max(1, args.clients - 1), args.seconds, lambda s, i: s.get(
            url + "sparql", params={"query": point_query(works[i % len(works)])}).ok)
        done.set()
        t.join()
        rows.append(("point lookup while a runaway query runs", busy, err,
                     f"p50 +{statistics.median(busy) - statistics.median(quiet):.1f} ms (< 50); runaway answered "
                     f"{sorted(set(statuses))}"))
        rss = None
        try:
            import psutil

            p = psutil.Process(kg.pid)
            rss = p.memory_info().rss + sum(c.memory_info().rss for c in p.children(recursive=True))
        except Exception:  # noqa: BLE001 - psutil is a test extra
            pass
    finally:
        stop(kg)
        log.close()

    print()
    print(f"{'figure':<44} {'requests':>9} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}  target")
    for name, lat, err, target in rows:
        print(f"{name:<44} {len(lat):>9,} {len(lat) / args.seconds:>7.0f} {pct(lat, 50):>8.1f} {pct(lat, 99):>8.1f} "
              f"{err:>6}  {target}")
    ox50, kg50 = pct(rows[0][1], 50), pct(rows[1][1], 50)
    print(f"\n/sparql point lookup vs oxigraph serve: {kg50 / ox50:.2f}x (target <= 1.5)")
    if rss:
        print(f"kg serve RSS at the end (with its workers): {rss / 2**20:.0f} MB")
    if not args.dir and not args.store:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
