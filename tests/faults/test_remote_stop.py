"""The remote SPARQL server stops in the middle of ``kg ingest`` (issue "hardening", Faults).

A real ``oxigraph serve`` process is killed (``kill -9``) while ``kg ingest --endpoint`` writes
to it — during a first load (bulk batches of N-Quads) and during an update (graph by graph:
deletions, then additions).  The promise: a clear error (exit status 5, what happened and what to
do, no traceback); once the server is started again on its data, the same command completes,
and the server then holds exactly the quads (blank nodes compared canonically) and the index the
same figures as after uninterrupted runs.

``tests/store/test_remote.py`` has the neighbouring faults: an unreachable server, and a proxy
answering 500 to one write in the middle of a batch.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time

import pymarc
import pytest
from faulthelp import ROOT, canonical, free_port, kg, kill_group, oxigraph_serve, quad_count, varied

BASE = "http://example.org/"
LIBRARY = "OX"


def args(port: int, index) -> list[str]:
    return ["--endpoint", f"http://127.0.0.1:{port}", "--store", str(index), "--base-uri", BASE]


def ingest(export, port: int, index) -> list[str]:
    return [sys.executable, "-m", "kg", "ingest", str(export), "--library", LIBRARY, "--jobs", "2", "--quiet",
            *args(port, index)]


def state(port: int, index, tmp) -> tuple[set, dict]:
    """(canonical quads of the server, the library's figures from the index)."""
    out = tmp / f"export-{port}.nq"
    kg("export", "-o", str(out), *args(port, index))
    figures = json.loads(kg("stats", "--json", *args(port, index)).stdout)
    return canonical(out.read_bytes()), figures


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """A first export of ~4,000 records (~410,000 quads: several bulk batches) and a newer one in
    which every third record has an edited title (graph replacements)."""
    d = tmp_path_factory.mktemp("remote-exports")
    first = varied(d / "v1.mrc", 10)
    newer = d / "v2.mrc"
    with open(first, "rb") as f, open(newer, "wb") as out, contextlib.redirect_stdout(None), \
            contextlib.redirect_stderr(None):
        for n, record in enumerate(pymarc.MARCReader(f, to_unicode=True, force_utf8=True, permissive=True)):
            if record is None:
                continue
            if n % 3 == 0:
                for field in record.get_fields("245"):
                    field.subfields[0] = pymarc.Subfield(field.subfields[0].code, field.subfields[0].value + " (sửa)")
            out.write(record.as_marc())
    return first, newer


@pytest.fixture(scope="module")
def reference(tmp_path_factory, exports):
    """Uninterrupted runs on a fresh server: the state after the first export, after the newer."""
    d = tmp_path_factory.mktemp("remote-reference")
    port = free_port()
    server = oxigraph_serve(d / "ox", port)
    try:
        kg("library", "add", LIBRARY, "--name-vi", "Thư viện thử", *args(port, d / "index"))
        subprocess.run(ingest(exports[0], port, d / "index"), check=True, cwd=ROOT)
        after_first = state(port, d / "index", d)
        subprocess.run(ingest(exports[1], port, d / "index"), check=True, cwd=ROOT)
        after_newer = state(port, d / "index", d)
    finally:
        kill_group(server)
    assert len(after_first[0]) > 100_000 and after_first[0] != after_newer[0]
    return after_first, after_newer


def kill_server_when_written(cmd, server, port: int, before: int) -> subprocess.CompletedProcess:
    """Run ``cmd``; ``kill -9`` the server as soon as its quad count moves away from ``before``
    (the ingest has written part of its data); the ingest's exit status and error output."""
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while proc.poll() is None:
            if quad_count(port) != before:
                kill_group(server)
                break
            time.sleep(0.02)
        _, err = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return subprocess.CompletedProcess(cmd, proc.returncode, "", err)


@pytest.mark.slow
@pytest.mark.parametrize("phase", ["first load", "update"])
def test_server_killed_mid_ingest_is_a_clear_error_and_a_rerun_completes(tmp_path, exports, reference, phase):
    export = exports[0] if phase == "first load" else exports[1]
    for attempt in range(3):  # the ingest may finish between its first write and the kill: again
        port, index, location = free_port(), tmp_path / f"index{attempt}", tmp_path / f"ox{attempt}"
        server = oxigraph_serve(location, port)
        try:
            kg("library", "add", LIBRARY, "--name-vi", "Thư viện thử", *args(port, index))
            if phase == "update":
                subprocess.run(ingest(exports[0], port, index), check=True, cwd=ROOT)
            proc = kill_server_when_written(ingest(export, port, index), server, port, quad_count(port))
            if proc.returncode == 0:
                continue
            assert server.poll() is not None
            assert proc.returncode == 5, proc.stderr
            assert "is unreachable" in proc.stderr and "run the same command again" in proc.stderr
            assert "Traceback" not in proc.stderr
            server = oxigraph_serve(location, port)  # the server is back, on the data it had
            subprocess.run(ingest(export, port, index), check=True, cwd=ROOT)
            got = state(port, index, tmp_path)
            break
        finally:
            kill_group(server)
    else:
        raise AssertionError("the ingest always finished before the server could be stopped: make the input larger")
    want = reference[0] if phase == "first load" else reference[1]
    assert got[1] == want[1]
    assert got[0] == want[0]
