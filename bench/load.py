"""Load test of the web hub: minutes of a mixed workload against ``kg serve`` on 127.0.0.1.

    .venv/bin/python bench/load.py [--records 100000] [--minutes 5] [--clients 8]
    .venv/bin/python bench/load.py --store DIR       # an existing store (e.g. /tmp/b1m/store, 1M records)

1. a store of ``--records`` records (bench/variants.py: real records of ../shared/data/marc
   varied), ingested and linked with the ``kg`` command into ``--dir`` (default
   ``$TMPDIR/kg-bench-load-{records}``) and reused by later runs — or ``--store``; its base IRI
   is read from its index and given to ``kg serve`` (which then runs on a free port);
2. ``kg serve --query-timeout 10`` on that store, started in its own process group; the RSS of
   its process tree (waitress and the SPARQL worker processes) measured idle;
3. ``--warmup`` seconds of load (not counted: caches fill, the workers start), then the RSS
   again: the *start* figure;
4. ``--minutes`` of load by ``--clients`` closed-loop clients (each sends its next request when
   the previous one is answered), each request drawn at random with these weights:
   entity page in HTML (30), entity description in Turtle (10) and JSON-LD (5) by content
   negotiation, search (15), a ``/sparql`` point query (25: the title of one work), a
   reconciliation batch of 10 names (10: ``POST /reconcile`` ``queries=``); beside them one
   client sends a heavy aggregate — every triple counted by the type of its subject — waits
   for its answer and sends the next ``--heavy-pause`` seconds later.  The server cancels it
   at the time limit: a 503 is its expected outcome (counted apart, with the heavy queries that
   finished in time), not an error;
5. the figures: sustained requests/s (and the slowest minute), p50/p99 per kind, errors
   (target 0: anything but the expected status and body, or no answer within 60 s), RSS of the
   process tree at start and at the end (target: growth < 10 %; with its anonymous part — the
   heaps, where a leak shows — and PSS: the web process maps the label index through SQLite's
   ``mmap_size`` once per thread, and RSS counts those file pages once per mapping), and the
   point queries' p50/p99 while a heavy query was running next to while none was (heavy queries
   must not starve the rest).  At the end the server is stopped with SIGTERM and must leave no process behind.

Why a thread pool with ``requests`` rather than locust: locust's percentiles come from rounded
buckets (10 ms steps above 100 ms, 100 ms steps above 1 s), and it monkey-patches sockets and
threads with gevent in the process that also starts, measures (psutil) and stops the server;
"a heavy query N s after the previous one's answer, and were the point queries sent while it
ran slower?" is one thread and one flag here.  Either way the client's CPU goes to ``requests``;
this keeps exact latencies and needs nothing beyond psutil (test extra, and the ``bench``
extra).  Shared 2-core machine: the clients run in this process and take CPU from the server —
the figures are what the server does with what is left, the same for every kind.  Benchmarks
print figures, they do not assert.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import variants  # noqa: E402

PY = sys.executable
LIBRARY = "BENCH"
BASE = "http://127.0.0.1:5000/"  # the base IRI of a store built here (kg serve runs on any port)

BF = "http://id.loc.gov/ontologies/bibframe/"
#: the heavy aggregate: every triple of the store, counted by the type of its subject
HEAVY = ("SELECT ?type (COUNT(*) AS ?triples) WHERE { ?s a ?type ; ?p ?o } "
         "GROUP BY ?type ORDER BY DESC(?triples)")

#: request kinds and their weights in the mix
WEIGHTS = {"page": 30, "turtle": 10, "jsonld": 5, "search": 15, "sparql": 25, "reconcile": 10}
LABELS = {"page": "entity page (HTML)", "turtle": "entity Turtle (conneg)", "jsonld": "entity JSON-LD (conneg)",
          "search": "search (HTML, facets)", "sparql": "/sparql point query", "reconcile": "reconcile batch of 10",
          "heavy": "heavy aggregate (/sparql)"}
REQUEST_TIMEOUT = 60.0  # no answer within this: an error


# -- the store -----------------------------------------------------------------------------------

def kg(*args: str) -> None:
    proc = subprocess.run([PY, "-m", "kg", *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    if proc.returncode:
        raise SystemExit(f"kg {' '.join(args)} exited {proc.returncode}:\n{proc.stderr[-3000:]}")


def build_store(work: Path, records: int) -> Path:
    """A store of ``records`` varied records in ``work/store``, ingested and linked; reused when a
    previous run finished building it (``work/store.ready``)."""
    store, ready = work / "store", work / "store.ready"
    if ready.exists() and store.is_dir():
        print(f"store: reusing {store} (built by an earlier run)", flush=True)
        return store
    work.mkdir(parents=True, exist_ok=True)
    if store.exists():  # an unfinished build: start again
        import shutil

        shutil.rmtree(store)
    export = work / "export.mrc"
    t = time.perf_counter()
    n = variants.build(export, records)
    common = ["--store", str(store), "--base-uri", BASE]
    kg("library", "add", LIBRARY, "--name-vi", "Thư viện thử", *common)
    kg("ingest", str(export), "--library", LIBRARY, "--jobs", "2", "--quiet", *common)
    kg("link", "--quiet", *common)
    export.unlink()
    ready.write_text(f"{n}\n")
    print(f"store: {n:,} records built, ingested and linked in {time.perf_counter() - t:.0f} s ({store})", flush=True)
    return store


@dataclass
class Sample:
    base: str
    records: int
    entities: list[str]  # works, instances, agents: pages and descriptions
    works: list[str]  # point queries
    words: list[str]  # searches
    names: list[str]  # reconciliation


def sample(store: Path, k: int = 3000) -> Sample:
    """What the clients ask for, drawn from the store's label index (read-only)."""
    db = sqlite3.connect(f"file:{store / 'index.sqlite'}?mode=ro", uri=True)
    try:
        records = db.execute("SELECT COUNT(*) FROM records").fetchone()[0]
        graph, lib = db.execute("SELECT graph, library FROM records LIMIT 1").fetchone()
        base = graph[: graph.rindex(f"graph/{lib}/")]
        rng = random.Random(7)
        works = [r[0] for r in db.execute("SELECT work FROM records WHERE work IS NOT NULL AND kind != 'authority' "
                                          "ORDER BY rowid LIMIT 300000")]
        instances = [r[0] for r in db.execute("SELECT instance FROM records WHERE instance IS NOT NULL "
                                              "ORDER BY rowid LIMIT 300000")]
        agents = [r[0] for r in db.execute("SELECT entity FROM entity_refs WHERE kind = 'agent' LIMIT 300000")]
        labels = [r[0] for r in db.execute("SELECT label FROM label_rows WHERE kind = 'agent' LIMIT 100000")]
    finally:
        db.close()
    pick = lambda xs: rng.sample(xs, min(k, len(xs)))  # noqa: E731
    entities = pick(works) + pick(instances) + pick(agents)
    rng.shuffle(entities)
    names = pick(labels)
    words = [w for w in (n.split(",")[0].strip() for n in names) if w]
    if not (entities and works and words):
        raise SystemExit(f"store {store}: no works, agents or labels in its index to sample from")
    return Sample(base, records, entities, pick(works), words, names)


# -- the server ----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Memory:
    """Memory of the server's process tree (bytes).  ``rss`` is what the issue measures;
    ``anon`` its anonymous part (heaps: what a leak grows), the rest being file pages mapped in
    (SQLite's ``mmap_size`` of the label index, counted once per thread that maps it); ``pss``
    counts each physical page once."""

    rss: int = 0
    anon: int = 0
    pss: int = 0
    web: int = 0  # RSS of the web process alone (without the SPARQL workers)
    processes: int = 0


def tree_memory(proc: psutil.Process, pss: bool = False) -> Memory:
    m = Memory()
    for p in [proc, *proc.children(recursive=True)]:
        try:
            rss = p.memory_info().rss
            if pss:
                m.pss += p.memory_full_info().pss
            with open(f"/proc/{p.pid}/status") as f:
                m.anon += next((int(line.split()[1]) * 1024 for line in f if line.startswith("RssAnon:")), 0)
        except (psutil.Error, OSError):  # a worker killed at the time limit between listing and reading
            continue
        m.rss += rss
        m.web += rss if p.pid == proc.pid else 0
        m.processes += 1
    return m


def start_server(store: Path, base: str, port: int, args, log) -> psutil.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    cmd = [PY, "-m", "kg", "serve", "--store", str(store), "--base-uri", base, "--port", str(port),
           "--query-timeout", str(args.query_timeout)]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    proc = psutil.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    deadline = time.monotonic() + 600
    url = f"http://127.0.0.1:{port}/healthz"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"kg serve exited with {proc.returncode} (log: {log.name})")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return proc
        except requests.RequestException:
            pass
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    raise SystemExit(f"kg serve did not answer {url} within 600 s")


def stop_server(proc: psutil.Popen) -> tuple[int | None, list[int]]:
    """SIGTERM, as systemd does; (exit status, processes of its group still alive 10 s later)."""
    pgid = proc.pid
    proc.terminate()
    try:
        code = proc.wait(60)
    except psutil.TimeoutExpired:
        code = None
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        left = [p.pid for p in psutil.process_iter(["pid"]) if _pgid(p.pid) == pgid]
        if not left:
            break
        time.sleep(0.2)
    if left:
        os.killpg(pgid, signal.SIGKILL)
    return code, left


def _pgid(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except OSError:
        return None


# -- the load ------------------------------------------------------------------------------------

@dataclass
class Record:
    kind: str
    started: float  # seconds since the measured phase began
    ms: float
    ok: bool
    during_heavy: bool
    status: int | str = 200


@dataclass
class Load:
    url: str
    sample: Sample
    records: list[Record] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    heavy_running: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    t0: float = 0.0
    counting: bool = False
    warmup_errors: int = 0

    def local(self, iri: str) -> str:
        return self.url + iri[len(self.sample.base):]

    def add(self, rec: Record, detail: str = "") -> None:
        with self.lock:
            if not self.counting:
                self.warmup_errors += not rec.ok
                return
            self.records.append(rec)
            if not rec.ok and len(self.errors) < 20:
                self.errors.append(f"{rec.kind}: {rec.status} {detail}"[:300])


def point_query(work: str) -> str:
    # the bench's own text; the IRI comes from the store's index, not from a user
    return f"SELECT ?t WHERE {{ <{work}> <{BF}title>/<{BF}mainTitle> ?t }}"


def one_request(load: Load, s: requests.Session, kind: str, rng: random.Random) -> tuple[bool, int, str]:
    """Send one request of ``kind``; (as expected?, status, what was wrong)."""
    sm = load.sample
    if kind in ("page", "turtle", "jsonld"):
        accept = {"page": "text/html", "turtle": "text/turtle", "jsonld": "application/ld+json"}[kind]
        r = s.get(load.local(rng.choice(sm.entities)), headers={"Accept": accept}, timeout=REQUEST_TIMEOUT)
        want = {"page": "text/html", "turtle": "text/turtle", "jsonld": "application/ld+json"}[kind]
        ok = r.status_code == 200 and r.headers.get("Content-Type", "").startswith(want) and len(r.content) > 0
        return ok, r.status_code, r.url if not ok else ""
    if kind == "search":
        r = s.get(load.url + "search", params={"q": rng.choice(sm.words)}, headers={"Accept": "text/html"},
                  timeout=REQUEST_TIMEOUT)
        return r.status_code == 200, r.status_code, r.url
    if kind == "sparql":
        r = s.get(load.url + "sparql", params={"query": point_query(rng.choice(sm.works))},
                  headers={"Accept": "application/sparql-results+json"}, timeout=REQUEST_TIMEOUT)
        ok = r.status_code == 200 and "bindings" in r.json().get("results", {})
        return ok, r.status_code, r.text[:200]
    if kind == "reconcile":
        names = rng.sample(sm.names, 10)
        queries = {f"q{i}": {"query": n, "type": "Person", "limit": 3} for i, n in enumerate(names)}
        r = s.post(load.url + "reconcile", data={"queries": json.dumps(queries, ensure_ascii=False)},
                   timeout=REQUEST_TIMEOUT)
        ok = r.status_code == 200 and sorted(r.json()) == sorted(queries) and \
            all("result" in v for v in r.json().values())
        return ok, r.status_code, r.text[:200]
    raise ValueError(kind)


def client(load: Load, n: int, stop_at: float) -> None:
    rng = random.Random(1000 + n)
    kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
    with requests.Session() as s:
        while time.monotonic() < stop_at:
            kind = rng.choices(kinds, weights)[0]
            during = load.heavy_running.is_set()
            t = time.perf_counter()
            try:
                ok, status, detail = one_request(load, s, kind, rng)
            except (requests.RequestException, ValueError) as err:  # ValueError: a body that is not JSON
                ok, status, detail = False, type(err).__name__, str(err)
            ms = (time.perf_counter() - t) * 1000
            load.add(Record(kind, time.monotonic() - load.t0, ms, ok, during and load.heavy_running.is_set(),
                            status), detail)


def heavy_client(load: Load, stop_at: float, pause: float, timeout: float) -> None:
    with requests.Session() as s:
        while time.monotonic() < stop_at:
            load.heavy_running.set()
            t = time.perf_counter()
            try:
                r = s.get(load.url + "sparql", params={"query": HEAVY},
                          headers={"Accept": "application/sparql-results+json"}, timeout=timeout + REQUEST_TIMEOUT)
                status, detail = r.status_code, r.text[:200]
                ok = status == 503 or (status == 200 and len(r.json()["results"]["bindings"]) > 0)
            except (requests.RequestException, ValueError) as err:
                ok, status, detail = False, type(err).__name__, str(err)
            finally:
                load.heavy_running.clear()
            load.add(Record("heavy", time.monotonic() - load.t0, (time.perf_counter() - t) * 1000, ok, True, status),
                     detail)
            end = min(stop_at, time.monotonic() + pause)
            while time.monotonic() < end:
                time.sleep(0.1)


def run_load(load: Load, clients: int, seconds: float, heavy_pause: float, timeout: float,
             monitor=None) -> float:
    """Run the mix for ``seconds``; the wall time it took until every client had stopped."""
    stop_at = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(load, n, stop_at), name=f"client-{n}") for n in range(clients)]
    threads.append(threading.Thread(target=heavy_client, args=(load, stop_at, heavy_pause, timeout), name="heavy"))
    started = time.monotonic()
    for t in threads:
        t.start()
    if monitor:
        monitor(stop_at)
    for t in threads:
        t.join()
    return time.monotonic() - started


# -- figures -------------------------------------------------------------------------------------

def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=100_000, help="size of the store built (default 100,000)")
    ap.add_argument("--store", help="an existing store directory instead of building one")
    ap.add_argument("--dir", help="where the built store is kept and reused (default $TMPDIR/kg-bench-load-RECORDS)")
    ap.add_argument("--minutes", type=float, default=5.0, help="measured duration (default 5)")
    ap.add_argument("--warmup", type=float, default=60.0, help="seconds of load before measuring (default 60)")
    ap.add_argument("--clients", type=int, default=8, help="concurrent clients besides the heavy one (default 8)")
    ap.add_argument("--query-timeout", type=float, default=10.0, help="kg serve --query-timeout (default 10)")
    ap.add_argument("--heavy-pause", type=float, default=5.0,
                    help="seconds between a heavy query's answer and the next one (default 5)")
    ap.add_argument("--workers", type=int, help="kg serve --workers (default: kg serve's)")
    ap.add_argument("--threads", type=int, help="kg serve --threads (default: kg serve's)")
    ap.add_argument("--port", type=int, help="port of kg serve (default: a free one)")
    args = ap.parse_args()

    if args.store:
        store = Path(args.store)
    else:
        store = build_store(Path(args.dir or Path(tempfile.gettempdir()) / f"kg-bench-load-{args.records}"),
                            args.records)
    sm = sample(store)
    port = args.port or free_port()
    url = f"http://127.0.0.1:{port}/"
    print(f"store {store}: {sm.records:,} records, base {sm.base}; kg serve on {url}, --query-timeout "
          f"{args.query_timeout:g}; {args.clients} clients + 1 heavy; {args.warmup:.0f} s warm-up, "
          f"{args.minutes:g} min measured", flush=True)
    log = open(Path(tempfile.gettempdir()) / f"kg-bench-load-serve-{port}.log", "wb")
    server = start_server(store, sm.base, port, args, log)
    samples: list[tuple[float, Memory, int]] = []  # (seconds, memory, requests so far)
    try:
        requests.get(url + "sparql", params={"query": "ASK {}"}, timeout=120)  # the workers start
        time.sleep(2)
        idle = tree_memory(server, pss=True)
        load = Load(url, sm)
        load.t0 = time.monotonic()
        run_load(load, args.clients, args.warmup, args.heavy_pause, args.query_timeout)
        start = tree_memory(server, pss=True)
        load.counting, load.t0 = True, time.monotonic()
        seconds = args.minutes * 60

        def monitor(stop_at: float) -> None:
            next_print = time.monotonic() + 30
            while time.monotonic() < stop_at:
                time.sleep(min(5.0, max(0.0, stop_at - time.monotonic())))
                m = tree_memory(server)
                with load.lock:
                    done = len(load.records)
                    failed = sum(not r.ok for r in load.records)
                samples.append((time.monotonic() - load.t0, m, done))
                if time.monotonic() >= next_print:
                    next_print += 30
                    print(f"  {samples[-1][0]:5.0f} s: {done:,} requests, {failed:,} errors; RSS {mb(m.rss)} "
                          f"(anonymous {mb(m.anon)}; {m.processes} processes: web {mb(m.web)}, SPARQL workers "
                          f"{mb(m.rss - m.web)})", flush=True)

        wall = run_load(load, args.clients, seconds, args.heavy_pause, args.query_timeout, monitor)
        end = tree_memory(server, pss=True)
    finally:
        code, left = stop_server(server)
        log.close()

    # -- report --------------------------------------------------------------------------------
    recs = load.records
    by_kind: dict[str, list[Record]] = defaultdict(list)
    for r in recs:
        by_kind[r.kind].append(r)
    normal = [r for r in recs if r.kind != "heavy"]
    heavy = by_kind.get("heavy", [])
    errors = sum(not r.ok for r in recs)
    print()
    print(f"{'kind':<28} {'requests':>9} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>6}")
    for kind in [*WEIGHTS, "heavy"]:
        rows = by_kind.get(kind, [])
        ms = [r.ms for r in rows]
        print(f"{LABELS[kind]:<28} {len(rows):>9,} {len(rows) / seconds:>7.1f} {pct(ms, 50):>8.1f} {pct(ms, 99):>8.1f} "
              f"{max(ms, default=float('nan')):>8.0f} {sum(not r.ok for r in rows):>6}")
    ms = [r.ms for r in normal]
    print(f"{'all but heavy':<28} {len(normal):>9,} {len(normal) / seconds:>7.1f} {pct(ms, 50):>8.1f} "
          f"{pct(ms, 99):>8.1f} {max(ms, default=float('nan')):>8.0f} {sum(not r.ok for r in normal):>6}")

    per_minute = defaultdict(int)
    for r in normal:
        per_minute[int(r.started // 60)] += 1
    minutes = [per_minute[m] / 60 for m in range(int(seconds // 60))] or [len(normal) / seconds]
    completed = sum(1 for r in heavy if r.status == 200)
    cancelled = sum(1 for r in heavy if r.status == 503)
    cancel_ms = [r.ms for r in heavy if r.status == 503]
    during = [r.ms for r in by_kind.get("sparql", []) if r.during_heavy]
    quiet = [r.ms for r in by_kind.get("sparql", []) if not r.during_heavy]
    growth = (end.rss - start.rss) / start.rss * 100

    print()
    print(f"{'figure':<58} {'measured':>22}  target")
    print(f"{'sustained requests/s (measured phase, all kinds)':<58} {len(recs) / seconds:>22.1f}")
    print(f"{'slowest minute, requests/s (heavy excluded)':<58} {min(minutes):>22.1f}")
    print(f"{'errors':<58} {errors:>22,}  0")
    print(f"{'heavy queries: finished (200) / cancelled at limit (503)':<58} "
          f"{f'{completed} / {cancelled}':>22}  503 = expected")
    if cancel_ms:
        print(f"{'  cancelled after, s (median, max)':<58} "
              f"{f'{pct(cancel_ms, 50) / 1000:.1f}, {max(cancel_ms) / 1000:.1f}':>22}  "
              f"~{args.query_timeout:g} (the limit)")
    print(f"{'point query p50 / p99 ms, no heavy running':<58} {f'{pct(quiet, 50):.1f} / {pct(quiet, 99):.1f}':>22}"
          f"  ({len(quiet):,} queries)")
    print(f"{'point query p50 / p99 ms, a heavy one running':<58} "
          f"{f'{pct(during, 50):.1f} / {pct(during, 99):.1f}':>22}  ({len(during):,} queries; not starved)")
    for name, m in (("idle before load", idle), ("start (after warm-up)", start), ("end", end)):
        print(f"{'RSS of the process tree, ' + name:<58} {f'{mb(m.rss)} ({m.processes} proc)':>22}"
              f"  anonymous {mb(m.anon)}, PSS {mb(m.pss)}, web process {mb(m.web)}")
    print(f"{'RSS growth start -> end':<58} {f'{growth:+.1f} %':>22}  < 10 %")
    anon, pss = (end.anon - start.anon) / start.anon * 100, (end.pss - start.pss) / start.pss * 100
    print(f"{'  anonymous memory (heaps) growth, PSS growth':<58} {f'{anon:+.1f} %, {pss:+.1f} %':>22}")
    if samples:
        peak = max(samples, key=lambda x: x[1].rss)
        print(f"{'RSS peak during the run (5 s samples)':<58} {f'{mb(peak[1].rss)} at {peak[0]:.0f} s':>22}")
    print(f"{'kg serve stopped by SIGTERM: exit status, processes left':<58} {f'{code}, {len(left)}':>22}  0, 0")
    print(f"\nmeasured {seconds:.0f} s (clients done after {wall:.0f} s); per-minute requests/s: "
          + ", ".join(f"{x:.1f}" for x in minutes))
    if load.warmup_errors:
        print(f"warm-up errors (not counted): {load.warmup_errors}")
    if load.errors:
        print("first errors:")
        for e in load.errors[:10]:
            print("  " + e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
