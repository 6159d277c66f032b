"""``kg demo``, the README's first command, as a newcomer runs it: a real process builds the
bundled demo, serves it on 127.0.0.1, stops on SIGTERM (systemd's and Ctrl+C's way) and leaves
nothing behind in the temporary directory."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import requests
from kgtest import ROOT

WEB = ROOT / "tests" / "web"
if str(WEB) not in sys.path:
    sys.path.insert(0, str(WEB))

from webhelp import free_port  # noqa: E402


def test_demo_builds_serves_and_cleans_up(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["TMPDIR"] = str(tmp_path)
    log = (tmp_path / "demo.log").open("w+", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "demo", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 240
        while True:
            assert proc.poll() is None, (tmp_path / "demo.log").read_text(encoding="utf-8")
            try:
                if requests.get(base + "healthz", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "kg demo did not start in 240 s"
            time.sleep(0.5)
        made = [p for p in tmp_path.iterdir() if p.name.startswith("kg-demo-")]
        assert len(made) == 1 and (made[0] / "oxigraph").is_dir()

        home = requests.get(base, timeout=30)
        assert home.status_code == 200
        for library in ("Thư viện Quốc gia Việt Nam", "Thư viện Hà Nội"):
            assert library in home.text
        found = requests.get(base + "search", params={"q": "nguyen du"}, timeout=30)
        assert found.status_code == 200 and "Nguyễn Du" in found.text
        answer = requests.get(base + "sparql", params={"query": "ASK { ?s a <http://id.loc.gov/ontologies/bibframe/Work> }"},
                              headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert answer.json()["boolean"] is True
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=60)
        log.close()
    assert code == 0, (tmp_path / "demo.log").read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("kg-demo-")]
    assert "building the demo store" in (tmp_path / "demo.log").read_text(encoding="utf-8")
