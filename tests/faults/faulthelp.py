"""Helpers of the fault tests: real ``kg serve`` and ``oxigraph serve`` processes, each in its own
process group so that a test can ``kill -9`` it whole, and what such a kill may leave behind.

The web and store helpers (``webhelp``, ``storehelp``, ``servers``) are imported from their
folders, as ``tests/link/linkhelp.py`` does.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import requests

HERE = Path(__file__).resolve().parent
for folder in ("web", "store"):
    if str(HERE.parent / folder) not in sys.path:
        sys.path.insert(0, str(HERE.parent / folder))

from servers import free_port  # noqa: E402,F401
from storehelp import canonical, kg  # noqa: E402,F401
from webhelp import ROOT, build_demo  # noqa: E402,F401

BF = "http://id.loc.gov/ontologies/bibframe/"


def alive(pids) -> list[int]:
    """The processes of ``pids`` still running (a zombie waiting for its parent's wait holds
    nothing any more and does not count)."""
    out = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                out.append(pid)
        except psutil.NoSuchProcess:
            pass
    return out


def wait_gone(pids, seconds: float = 30) -> list[int]:
    """Wait up to ``seconds`` for ``pids`` to end; those still running then."""
    deadline = time.monotonic() + seconds
    left = alive(pids)
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = alive(left)
    return left


def group(pgid: int) -> list[int]:
    """Running processes of the process group ``pgid``."""
    out = []
    for p in psutil.process_iter(["pid"]):
        with contextlib.suppress(OSError):
            if os.getpgid(p.pid) == pgid:
                out.append(p.pid)
    return alive(out)


def start_kg_serve(store: Path, port: int, *extra: str, log: Path | None = None) -> psutil.Popen:
    """``kg serve`` on ``store`` (base IRI http://127.0.0.1:{port}/) as the leader of a new process
    group, like a service manager starts it; returns once /healthz answers."""
    base = f"http://127.0.0.1:{port}/"
    environ = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    log = log or store.parent / f"server-{port}.log"
    with open(log, "ab") as out:  # the child keeps its own descriptor
        proc = psutil.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--base-uri", base,
                             "--port", str(port), *extra], cwd=ROOT, env=environ, stdout=subprocess.DEVNULL,
                            stderr=out, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"kg serve exited {proc.returncode}: {log.read_text(errors='replace')[-3000:]}")
        try:
            if requests.get(base + "healthz", timeout=2).status_code == 200:
                return proc
        except requests.RequestException:
            pass
        time.sleep(0.1)
    kill_group(proc)
    raise RuntimeError("kg serve did not answer /healthz within 120 s")


def kill_group(proc: subprocess.Popen) -> None:
    """``kill -9`` of the whole process group led by ``proc``, and its exit status collected."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def stop(proc: subprocess.Popen) -> list[int]:
    """SIGTERM (a clean stop, as systemd does); the processes of its group still running 15 s
    after the server exited (then killed: a test never leaves one behind)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            pass
    left = wait_gone(group(proc.pid), 15) if proc.poll() is not None else [proc.pid]
    kill_group(proc)
    return left


def oxigraph_serve(location: Path, port: int) -> subprocess.Popen:
    """A real ``oxigraph serve`` (PyPI package ``oxigraph``) on 127.0.0.1:{port}, in its own
    process group; returns once it answers."""
    location.mkdir(parents=True, exist_ok=True)
    exe = Path(sys.executable).with_name("oxigraph")
    proc = subprocess.Popen([str(exe if exe.exists() else "oxigraph"), "serve", "--location", str(location),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited with {proc.returncode}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/query", params={"query": "ASK {}"}, timeout=2).ok:
                return proc
        except requests.RequestException:
            pass
        time.sleep(0.1)
    kill_group(proc)
    raise RuntimeError("oxigraph serve did not start within 60 s")


def quad_count(port: int) -> int:
    r = requests.get(f"http://127.0.0.1:{port}/query", timeout=30,
                     params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                     headers={"Accept": "application/sparql-results+json"})
    r.raise_for_status()
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def varied(path: Path, copies: int) -> Path:
    """An export of ``copies`` copies of real records (``../shared/data/marc``), each copy with a
    001 of its own: a catalogue large enough that its ingest takes many batches."""
    import pymarc
    from kgtest import MARC

    sources = [MARC / "vietnamese" / "vie_vnu_libol_10.iso", MARC / "vietnamese" / "vie_uefl_852_mojibake_2.iso",
               MARC / "bib_utf8" / "marc4j_pride-and-prejudice-fixed.mrc"]
    records = []
    for src in sources:
        with open(src, "rb") as f, contextlib.redirect_stdout(None), contextlib.redirect_stderr(None):
            records += [r.as_marc() for r in pymarc.MARCReader(f, to_unicode=True, force_utf8=True, permissive=True)
                        if r is not None]
    with open(path, "wb") as out, contextlib.redirect_stdout(None), contextlib.redirect_stderr(None):
        for copy in range(copies):
            for raw in records:
                record = pymarc.Record(data=raw, to_unicode=True, force_utf8=True)
                for field in record.get_fields("001"):
                    field.data = f"{field.data}-{copy}"
                out.write(record.as_marc())
    return path
