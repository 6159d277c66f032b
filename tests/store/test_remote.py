"""The same commands against real SPARQL servers: ``oxigraph serve`` and Virtuoso.

The same sequence of ingests (a first load, a newer export with replacements and deletions, a
second library) must leave the same set of quads on all three backends, blank nodes compared
canonically.  Faults: an unreachable server and a server failing in the middle of a batch stop
the run with a clear message, and the same command again completes it.
"""

import http.server
import threading

import pytest
import requests
from servers import VIRTUOSO, VIRTUOSO_USER, free_port, oxigraph_server, virtuoso_server
from storehelp import BASE, DEMO, V1, V2, canonical, kg, write


def sequence(tmp_path, backend_args, env=None):
    v1, v2 = write(tmp_path / "v1.mrk", V1), write(tmp_path / "v2.mrk", V2)
    args = [*backend_args, "--base-uri", BASE]
    kg("library", "add", "TVHN", "--name-vi", "Thư viện Hà Nội", "--type", "public", *args, env=env)
    kg("library", "add", "VNU", "--name-vi", "Trung tâm Thư viện ĐHQGHN", *args, env=env)
    kg("ingest", str(v1), "--library", "TVHN", *args, env=env)
    kg("ingest", str(v2), "--library", "TVHN", *args, env=env)
    kg("ingest", str(DEMO / "vnu.mrc"), "--library", "VNU", "--jobs", "2", *args, env=env)
    kg("delete", "--library", "VNU", "VNU000003", *args, env=env)
    out = tmp_path / "export.nq"
    kg("export", "-o", str(out), *args, env=env)
    stats = kg("stats", "--json", *args, env=env).stdout
    return canonical(out.read_bytes()), stats


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    d = tmp_path_factory.mktemp("embedded")
    return sequence(d, ["--store", str(d / "s")])


def test_oxigraph_server_holds_the_same_quads_as_the_embedded_store(tmp_path, embedded):
    with oxigraph_server(tmp_path / "ox") as (url, _):
        remote = sequence(tmp_path, ["--endpoint", url, "--store", str(tmp_path / "index")])
    assert remote[0] == embedded[0]
    assert remote[1] == embedded[1]
    assert len(embedded[0]) > 3000


@pytest.mark.skipif(VIRTUOSO is None, reason="Virtuoso is not installed (.ci/run installs virtuoso-opensource-7-bin)")
def test_virtuoso_holds_the_same_quads_as_the_embedded_store(tmp_path, embedded, monkeypatch):
    import os

    env = {**os.environ, "KG_ENDPOINT_USER": VIRTUOSO_USER[0], "KG_ENDPOINT_PASSWORD": VIRTUOSO_USER[1]}
    with virtuoso_server(tmp_path / "virtuoso") as (url, _):
        remote = sequence(tmp_path, ["--endpoint", url, "--store", str(tmp_path / "index")], env=env)
    assert remote[0] == embedded[0]
    assert remote[1] == embedded[1]


def test_unreachable_endpoint_is_a_clear_error(tmp_path):
    proc = kg("library", "list", "--endpoint", f"http://127.0.0.1:{free_port()}", "--store", str(tmp_path / "i"),
              check=False)
    assert proc.returncode == 5
    assert "is unreachable" in proc.stderr and "Traceback" not in proc.stderr


class FailingProxy(http.server.BaseHTTPRequestHandler):
    """Forwards to the real server, but answers 500 to the n-th write."""

    target = ""
    fail_on = 0
    writes = 0

    def _forward(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.command in ("POST", "PUT", "DELETE") and self.path.startswith("/store"):
            FailingProxy.writes += 1
            if FailingProxy.writes == FailingProxy.fail_on:
                self.send_response(500)
                self.end_headers()
                self.wfile.write(b"simulated server failure")
                return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")}
        r = requests.request(self.command, self.target + self.path, data=body, headers=headers, timeout=60)
        self.send_response(r.status_code)
        for k, v in r.headers.items():
            if k.lower() not in ("content-length", "transfer-encoding", "connection", "content-encoding"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(r.content)))
        self.end_headers()
        self.wfile.write(r.content)

    do_GET = do_POST = do_PUT = do_DELETE = _forward

    def log_message(self, *args):
        pass


def test_server_failing_mid_batch_then_rerun_completes(tmp_path, embedded):
    with oxigraph_server(tmp_path / "ox") as (url, _):
        FailingProxy.target, FailingProxy.writes, FailingProxy.fail_on = url, 0, 10**9
        proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FailingProxy)
        thread = threading.Thread(target=proxy.serve_forever, daemon=True)
        thread.start()
        try:
            proxied = ["--endpoint", f"http://127.0.0.1:{proxy.server_address[1]}", "--store", str(tmp_path / "index"),
                       "--base-uri", BASE]
            kg("library", "add", "VNU", "--name-vi", "Trung tâm Thư viện ĐHQGHN", *proxied)
            FailingProxy.writes, FailingProxy.fail_on = 0, 3  # the 3rd write of the ingest fails
            proc = kg("ingest", str(DEMO / "vnu.mrc"), "--library", "VNU", *proxied, check=False)
            assert proc.returncode == 5
            assert "answered 500" in proc.stderr and "run the same command again" in proc.stderr
            FailingProxy.fail_on = 10**9
            kg("ingest", str(DEMO / "vnu.mrc"), "--library", "VNU", *proxied)
            once = tmp_path / "once.nq"
            kg("export", "--library", "VNU", "-o", str(once), *proxied)
        finally:
            proxy.shutdown()
            proxy.server_close()
    clean = tmp_path / "clean"
    with oxigraph_server(clean / "ox") as (url, _):
        args = ["--endpoint", url, "--store", str(clean / "index"), "--base-uri", BASE]
        kg("library", "add", "VNU", "--name-vi", "Trung tâm Thư viện ĐHQGHN", *args)
        kg("ingest", str(DEMO / "vnu.mrc"), "--library", "VNU", *args)
        kg("export", "--library", "VNU", "-o", str(clean / "clean.nq"), *args)
    assert canonical(once.read_bytes()) == canonical((clean / "clean.nq").read_bytes())
