"""``kg backup`` / ``kg restore`` as an operator runs them: real processes over a real demo
store, a restore drill that serves the restored store, and every refusal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from kgtest import ROOT, quads_digest as digest

WEB = ROOT / "tests" / "web"
if str(WEB) not in sys.path:
    sys.path.insert(0, str(WEB))

from webhelp import build_demo, free_port, start_server, stop_server  # noqa: E402

BASE = "http://127.0.0.1:5000/"


def kg(*args, env=None):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT, env=environ,
                          timeout=300)


def stats(store: Path) -> dict:
    proc = kg("stats", "--json", "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("backup") / "store"
    build_demo(store, BASE)
    return store


def test_backup_then_restore_gives_the_same_store(demo, tmp_path):
    before, figures = digest(demo), stats(demo)
    proc = kg("backup", str(tmp_path / "b"), "--store", str(demo))
    assert proc.returncode == 0, proc.stderr
    assert "kg backup: wrote" in proc.stderr and "NLV" in proc.stderr
    manifest = json.loads((tmp_path / "b" / "kg-backup.json").read_text())
    assert manifest["format"] == 1 and manifest["graphs"] > 80 and set(manifest["libraries"]) == {"NLV", "VNU", "TVHN"}
    assert "oxigraph/CURRENT" in manifest["files"] and "index.sqlite" in manifest["files"]
    proc = kg("restore", str(tmp_path / "b"), "--store", str(tmp_path / "restored"))
    assert proc.returncode == 0, proc.stderr
    assert "kg restore: restored" in proc.stderr
    assert digest(tmp_path / "restored") == before and digest(demo) == before
    assert stats(tmp_path / "restored") == figures
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left behind
    # the backup was not touched by the restore: it restores again, to a second place
    assert kg("restore", str(tmp_path / "b"), "--store", str(tmp_path / "again")).returncode == 0
    assert digest(tmp_path / "again") == before


def test_restore_drill_serves_the_restored_store(tmp_path):
    """What docs/deploying.md tells an operator to do every month: restore the latest backup
    elsewhere and serve it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    build_demo(tmp_path / "live", base)
    assert kg("backup", str(tmp_path / "nightly"), "--store", str(tmp_path / "live")).returncode == 0
    assert kg("restore", str(tmp_path / "nightly"), "--store", str(tmp_path / "drill")).returncode == 0
    proc = start_server(tmp_path / "drill", port)
    try:
        r = requests.get(base + "search", params={"q": "truyen kieu"}, headers={"Accept": "text/html"}, timeout=60)
        assert r.status_code == 200 and "Truyện Kiều" in r.text
        r = requests.get(base + "sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                         headers={"Accept": "application/sparql-results+json"}, timeout=60)
        served = int(r.json()["results"]["bindings"][0]["n"]["value"])
    finally:
        stop_server(proc)
    assert served == digest(tmp_path / "live")[0]


def test_a_backup_is_a_point_in_time(demo, tmp_path):
    """Changes made to the store after the backup are not in it; restore --force goes back."""
    store = tmp_path / "store"
    assert kg("restore", str(_backup(demo, tmp_path / "first")), "--store", str(store)).returncode == 0
    before = digest(store)
    proc = kg("backup", str(tmp_path / "b"), "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    proc = kg("delete", "--library", "NLV", "NLV000001", "--store", str(store), "--base-uri", BASE)
    assert proc.returncode == 0, proc.stderr
    changed = digest(store)
    assert changed != before
    proc = kg("restore", str(tmp_path / "b"), "--store", str(store))
    assert proc.returncode == 5 and "not empty" in proc.stderr and "--force" in proc.stderr
    assert digest(store) == changed  # refused: nothing touched
    proc = kg("restore", str(tmp_path / "b"), "--store", str(store), "--force")
    assert proc.returncode == 0, proc.stderr
    assert digest(store) == before
    assert stats(store)["NLV"]["records"] == stats(demo)["NLV"]["records"]


def _backup(store: Path, target: Path) -> Path:
    proc = kg("backup", str(target), "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    return target


def test_refusals(demo, tmp_path):
    b = _backup(demo, tmp_path / "b")
    # a backup goes into a new or empty directory only
    proc = kg("backup", str(b), "--store", str(demo))
    assert proc.returncode == 5 and "not empty" in proc.stderr
    (tmp_path / "empty").mkdir()
    assert kg("backup", str(tmp_path / "empty"), "--store", str(demo)).returncode == 0
    # never into the store itself
    proc = kg("backup", str(demo / "backups" / "x"), "--store", str(demo))
    assert proc.returncode == 5 and "inside the store" in proc.stderr
    # a remote store keeps its own backups
    proc = kg("backup", str(tmp_path / "r"), "--store", str(demo), env={"KG_ENDPOINT": "http://127.0.0.1:1/sparql"})
    assert proc.returncode == 2 and "remote" in proc.stderr
    # --force replaces a kg store, not any directory
    other = tmp_path / "documents"
    other.mkdir()
    (other / "thesis.odt").write_text("keep me")
    proc = kg("restore", str(b), "--store", str(other), "--force")
    assert proc.returncode == 5 and "does not look like a kg store" in proc.stderr
    assert (other / "thesis.odt").read_text() == "keep me"


def test_unfinished_or_damaged_backups_are_refused(demo, tmp_path):
    b = _backup(demo, tmp_path / "b")
    manifest = json.loads((b / "kg-backup.json").read_text())
    biggest = max((name for name in manifest["files"] if name.endswith(".sst")), key=manifest["files"].get)
    data = (b / biggest).read_bytes()
    (b / biggest).unlink()
    (b / biggest).write_bytes(data[: len(data) // 2])  # a copy cut short (the original is a hard link)
    proc = kg("restore", str(b), "--store", str(tmp_path / "r1"))
    assert proc.returncode == 5 and "incomplete or damaged" in proc.stderr and biggest in proc.stderr
    assert not (tmp_path / "r1").exists()
    (b / "kg-backup.json").unlink()
    proc = kg("restore", str(b), "--store", str(tmp_path / "r2"))
    assert proc.returncode == 5 and "unfinished" in proc.stderr
    proc = kg("restore", str(tmp_path / "nothing"), "--store", str(tmp_path / "r3"))
    assert proc.returncode == 5 and "not a directory" in proc.stderr


def test_a_store_in_use_is_neither_backed_up_nor_replaced(tmp_path):
    port = free_port()
    store = tmp_path / "store"
    build_demo(store, f"http://127.0.0.1:{port}/")
    b = _backup(store, tmp_path / "b")
    proc = start_server(store, port)
    try:
        r = kg("backup", str(tmp_path / "while-serving"), "--store", str(store))
        assert r.returncode == 5 and "in use by another process" in r.stderr and str(proc.pid) in r.stderr
        assert not (tmp_path / "while-serving").exists()
        r = kg("restore", str(b), "--store", str(store), "--force")
        assert r.returncode == 5 and "in use" in r.stderr and str(proc.pid) in r.stderr
        assert requests.get(f"http://127.0.0.1:{port}/healthz", timeout=30).status_code == 200
    finally:
        stop_server(proc)
