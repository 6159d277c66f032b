"""Faults of a running hub: ``kill -9`` of ``kg serve`` under load, a corrupt label index at
start-up.

The promises (issue "hardening", section Faults):

- a server killed without warning — its whole process group (waitress and the SPARQL worker
  processes) as a service manager or an operator does, or the web process alone as the kernel's
  out-of-memory killer does — leaves no process behind (a worker that loses its server ends
  itself, even in the middle of a runaway query) and nothing that stops the next start: the stale
  ``kg.pid`` and ``sparql-snapshots/`` are taken over, the store opens for other commands too;
  started again on the same store it gives the same answers (pages, linked data, search, a
  SPARQL result, a reconciliation batch) as before the kill;
- a label index damaged while the server was stopped is detected when ``kg serve`` starts and
  rebuilt from the store: pages, search and the figures are what they were.

Real parts only: the demo store on disk, ``kg serve`` processes on 127.0.0.1, ``requests``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import threading
import time

import psutil
import pyoxigraph
import pytest
import requests
from faulthelp import BF, alive, build_demo, group, kg, kill_group, start_kg_serve, stop, wait_gone
from webhelp import free_port

#: a query that runs until the time limit (a cross product filtered late): a worker is busy with
#: it, in Rust, when the server is killed
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(?c = ?i && ?a != ?g) }"
TITLES = f"SELECT ?w ?t WHERE {{ ?w <{BF}title>/<{BF}mainTitle> ?t }} ORDER BY ?w ?t LIMIT 200"
BATCH = {"q0": {"query": "Nguyễn Du", "type": "Person"}, "q1": {"query": "To Hoai"},
         "q2": {"query": "Truyện Kiều", "type": "Work"}, "q3": {"query": "Nguyễn Du, 1765-1820", "limit": 2},
         "q4": {"query": "Vũ Trọng Phụng", "type": "Person", "properties": [{"pid": "dates", "v": "1912"}]}}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A demo store built for this module (it is killed and restarted: never the shared one) and
    its port (its base IRI is http://127.0.0.1:{port}/)."""
    port = free_port()
    store = tmp_path_factory.mktemp("faults") / "store"
    build_demo(store, f"http://127.0.0.1:{port}/")
    return store, port


def entities(store, k: int = 3) -> list[str]:
    """Paths of a few works, instances and agents of the store (from its label index)."""
    db = sqlite3.connect(f"file:{store / 'index.sqlite'}?mode=ro", uri=True)
    try:
        iris = [r[0] for r in db.execute("SELECT work FROM records WHERE work IS NOT NULL AND kind = 'bibliographic' "
                                         "ORDER BY library, rid LIMIT ?", (k,))]
        iris += [r[0] for r in db.execute("SELECT instance FROM records WHERE instance IS NOT NULL "
                                          "ORDER BY library DESC, rid LIMIT ?", (k,))]
        iris += [r[0] for r in db.execute("SELECT entity FROM entity_refs WHERE kind = 'agent' ORDER BY entity LIMIT ?",
                                          (k,))]
    finally:
        db.close()
    assert len(iris) == 3 * k
    return ["/" + iri.split("/", 3)[3] for iri in iris]


def canonical_turtle(text: str, base: str) -> set:
    ds = pyoxigraph.Dataset(pyoxigraph.Quad(t.subject, t.predicate, t.object)
                            for t in pyoxigraph.parse(text.encode(), format=pyoxigraph.RdfFormat.TURTLE, base_iri=base))
    ds.canonicalize(pyoxigraph.CanonicalizationAlgorithm.UNSTABLE)
    return set(ds)


def probes(store, base: str) -> list[tuple[str, callable]]:
    """(name, request) for every answer compared before and after a fault: each request takes a
    session and returns what must be the same (status and content)."""
    out = []
    for path in entities(store):
        out.append((f"page {path}", lambda s, p=path: _text(s.get(base + p.lstrip("/"), headers={"Accept": "text/html"},
                                                                 timeout=60))))
        out.append((f"turtle {path}", lambda s, p=path: _turtle(s.get(base + p.lstrip("/"),
                                                                      headers={"Accept": "text/turtle"}, timeout=60),
                                                                base)))
    out.append(("home", lambda s: _text(s.get(base, params={"lang": "en"}, timeout=60))))
    out.append(("search", lambda s: _text(s.get(base + "search", params={"q": "nguyen du"}, timeout=60))))
    out.append(("sparql", lambda s: _json(s.get(base + "sparql", params={"query": TITLES}, timeout=60,
                                                headers={"Accept": "application/sparql-results+json"}))))
    out.append(("reconcile", lambda s: _json(s.post(base + "reconcile", timeout=60,
                                                    data={"queries": json.dumps(BATCH, ensure_ascii=False)}))))
    return out


def _text(r):
    return r.status_code, r.text


def _json(r):
    return r.status_code, r.json() if r.status_code == 200 else r.text


def _turtle(r, base):
    return r.status_code, canonical_turtle(r.text, base) if r.status_code == 200 else r.text


def answers(base: str, checks) -> dict:
    out = {}
    with requests.Session() as s:
        for name, ask in checks:
            s.cookies.clear()  # ?lang= is remembered in a cookie: each probe starts without one
            out[name] = ask(s)
    return out


class Load:
    """Client threads sending the probes round and round (and one the runaway query) until
    stopped; every answer is compared with the reference."""

    def __init__(self, base: str, checks, reference: dict, clients: int = 4):
        self.base, self.checks, self.reference = base, checks, reference
        self.ok = 0
        self.wrong: list[str] = []  # answers that differ from the reference
        self.failures: list[str] = []  # no answer (connection refused or reset)
        self.runaway_sent = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self.threads = [threading.Thread(target=self._client, args=(n,), daemon=True) for n in range(clients)]
        self.threads.append(threading.Thread(target=self._runaway, daemon=True))

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for t in self.threads:
            t.join(120)

    def _client(self, n: int) -> None:
        with requests.Session() as s:
            i = n
            while not self._stop.is_set():
                name, ask = self.checks[i % len(self.checks)]
                i += 1
                s.cookies.clear()
                try:
                    got = ask(s)
                except requests.RequestException as err:
                    with self._lock:
                        self.failures.append(f"{name}: {type(err).__name__}")
                    time.sleep(0.05)
                    continue
                with self._lock:
                    if got == self.reference[name]:
                        self.ok += 1
                    else:
                        self.wrong.append(f"{name}: {got[0]}")

    def _runaway(self) -> None:
        with requests.Session() as s:
            while not self._stop.is_set():
                self.runaway_sent.set()
                try:
                    s.get(self.base + "sparql", params={"query": RUNAWAY}, timeout=120)
                except requests.RequestException:
                    time.sleep(0.05)

    def wait_for(self, answered: int, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while self.ok < answered and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.ok >= answered, f"only {self.ok} answers under load: {self.failures[:5]} {self.wrong[:5]}"


def busy_worker(server: psutil.Process, seconds: float = 60) -> psutil.Process:
    """A SPARQL worker of ``server`` that is running a query (using the CPU)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for child in server.children(recursive=True):
            try:
                if "kg.web.sparql.pool" in " ".join(child.cmdline()) and child.cpu_percent(0.3) > 20:
                    return child
            except psutil.Error:
                continue
    raise AssertionError("no SPARQL worker took the runaway query")


@pytest.mark.parametrize("how", ["group", "web process alone"])
def test_kill_9_under_load_then_restart_gives_the_same_answers(demo, how):
    store, port = demo
    base = f"http://127.0.0.1:{port}/"
    checks = probes(store, base)
    server = start_kg_serve(store, port, "--query-timeout", "20")
    try:
        reference = answers(base, checks)
        assert all(status == 200 for status, _ in reference.values()), reference
        with Load(base, checks, reference) as load:
            load.wait_for(3 * len(checks))  # every kind answered several times, workers started
            worker = busy_worker(server)  # the runaway query is in a worker, in Rust
            before = [server.pid, *(c.pid for c in server.children(recursive=True))]
            assert len(before) >= 3  # waitress and its two SPARQL workers
            if how == "group":  # a service manager's or an operator's kill -9
                kill_group(server)
            else:  # the out-of-memory killer's: the web process only
                os.kill(server.pid, signal.SIGKILL)
                server.wait()
            answered_before_kill = load.ok
            # every worker ends: killed with the group, or by itself on losing its server (even
            # the one in the middle of the runaway query)
            assert wait_gone(before) == []
            assert worker.pid in before
            assert group(server.pid) == []
            assert load.wrong == [], load.wrong
            # what a kill leaves: the pid file of a dead process and the workers' snapshot (marked
            # here, with a stale generation beside it, to see them go)
            assert (store / "kg.pid").read_text().strip() == str(server.pid)
            snapshots = store / "sparql-snapshots"
            assert [p.name for p in snapshots.iterdir()] == ["1"]
            (snapshots / "1" / "left-by-the-killed-server").write_text("")
            (snapshots / "7").mkdir()
            # ... which stop nothing: another command opens the store
            stats = kg("stats", "--json", "--store", str(store), "--base-uri", base)
            assert set(json.loads(stats.stdout)) >= {"NLV", "VNU", "TVHN"}
            server = start_kg_serve(store, port, "--query-timeout", "20")
            assert (store / "kg.pid").read_text().strip() == str(server.pid)
            failures_before_restart = len(load.failures)
            load.wait_for(answered_before_kill + 3 * len(checks))
        assert load.wrong == [], load.wrong
        assert failures_before_restart > 0  # the clients did see the server go away
        assert answers(base, checks) == reference
        # the snapshots of the killed server were replaced by this server's own
        assert [p.name for p in snapshots.iterdir()] == ["1"]
        assert not (snapshots / "1" / "left-by-the-killed-server").exists()
    finally:
        left = stop(server)
    assert left == []
    assert not (store / "kg.pid").exists()  # a clean stop removes it
    assert not (store / "sparql-snapshots").exists()


def test_no_orphan_after_a_clean_stop_under_load(demo):
    """SIGTERM (systemd's stop) while the runaway query runs: the server and its workers end."""
    store, port = demo
    base = f"http://127.0.0.1:{port}/"
    checks = probes(store, base)
    server = start_kg_serve(store, port, "--query-timeout", "20")
    try:
        reference = answers(base, checks)
        with Load(base, checks, reference, clients=2) as load:
            load.wait_for(len(checks))
            busy_worker(server)
            pids = [server.pid, *(c.pid for c in server.children(recursive=True))]
            left = stop(server)
            assert server.returncode == 0
            assert left == [] and alive(pids) == []
        assert load.wrong == []
    finally:
        kill_group(server)
    assert not (store / "kg.pid").exists() and not (store / "sparql-snapshots").exists()


def _corrupt_header(path):
    data = bytearray(path.read_bytes())
    data[100:4096] = (b"\x00garbage" * 512)[: 4096 - 100]
    path.write_bytes(bytes(data))


def _corrupt_middle(path):
    """Garbage over the middle half of the file: the rows, the full-text index, their b-trees."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    pages = len(data) // page
    for n in range(max(2, pages // 4), max(3, 3 * pages // 4)):
        data[n * page : (n + 1) * page] = (b"\xffkg-garbage\x00" * (page // 12 + 1))[:page]
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_corrupt_header, _corrupt_middle, lambda p: p.write_bytes(b""),
                                    lambda p: p.unlink()], ids=["header", "middle", "emptied", "deleted"])
def test_corrupt_label_index_is_detected_and_rebuilt_when_the_server_starts(demo, tmp_path, damage):
    source, port = demo
    base = f"http://127.0.0.1:{port}/"
    store = tmp_path / "store"
    shutil.copytree(source, store, ignore=shutil.ignore_patterns("sparql-snapshots", "kg.pid", "dumps"))
    checks = [c for c in probes(store, base) if c[0].startswith(("page", "home", "search", "reconcile"))]
    server = start_kg_serve(store, port)
    try:
        reference = answers(base, checks)
    finally:
        assert stop(server) == []
    index = store / "index.sqlite"
    for suffix in ("-wal", "-shm"):
        (store / f"index.sqlite{suffix}").unlink(missing_ok=True)
    damage(index)
    server = start_kg_serve(store, port)
    try:
        assert answers(base, checks) == reference
        db = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
        try:
            assert db.execute("PRAGMA quick_check").fetchone() == ("ok",)
        finally:
            db.close()
    finally:
        assert stop(server) == []
