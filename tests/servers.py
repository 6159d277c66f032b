"""Real SPARQL servers for tests and benchmarks, started on 127.0.0.1 with free ports and
stopped afterwards: ``oxigraph serve`` (PyPI package ``oxigraph``) and Virtuoso Open Source
(Debian's ``virtuoso-opensource-7-bin``, installed by ``.ci/run``)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

VIRTUOSO = shutil.which("virtuoso-t")
VIRTUOSO_USER = ("dba", "dba")  # Virtuoso's default administrator, on a throw-away database


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if requests.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not start in {seconds} s")


@contextlib.contextmanager
def oxigraph_server(location: Path):
    Path(location).mkdir(parents=True, exist_ok=True)
    port = free_port()
    exe = Path(sys.executable).with_name("oxigraph")
    proc = subprocess.Popen([str(exe if exe.exists() else "oxigraph"), "serve", "--location", str(location),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(f"http://127.0.0.1:{port}/query", proc)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        proc.wait(10)


INI = """
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., {d}
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 10
ServerThreads = 10

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 600
"""


@contextlib.contextmanager
def virtuoso_server(directory: Path | None = None):
    """Virtuoso on a fresh database; yields its /sparql URL.  Needs the Debian package."""
    if VIRTUOSO is None:
        raise RuntimeError("virtuoso-t not installed (apt-get install virtuoso-opensource-7-bin)")
    d = Path(directory or tempfile.mkdtemp(prefix="kg-virtuoso-"))
    d.mkdir(parents=True, exist_ok=True)
    http, isql = free_port(), free_port()
    (d / "virtuoso.ini").write_text(INI.format(d=d, http=http, isql=isql))
    proc = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(d / "virtuoso.ini")], cwd=d,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait(f"http://127.0.0.1:{http}/sparql", proc, 120)
        yield f"http://127.0.0.1:{http}/sparql", proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
        if directory is None:
            shutil.rmtree(d, ignore_errors=True)
