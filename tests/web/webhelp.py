"""Starting and stopping real ``kg serve`` processes for the web tests (used by conftest.py's
fixtures and by tests that need a server with special options)."""


from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_demo(directory: Path, base: str) -> None:
    from kg import demo
    from kg.store import Hub

    with Hub(str(directory), base_uri=base) as hub:
        demo.build(hub)


def start_server(store: Path, port: int, *extra: str, env: dict | None = None) -> subprocess.Popen:
    base = f"http://127.0.0.1:{port}/"
    environ = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    environ.update(env or {})
    with open(store.parent / f"server-{port}.log", "wb") as log:  # the child keeps its own descriptor
        proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--base-uri", base,
                                 "--port", str(port), *extra], cwd=ROOT, env=environ,
                                stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"kg serve exited {proc.returncode}: {(store.parent / f'server-{port}.log').read_text()}")
        try:
            requests.get(base + "healthz", timeout=1)
            return proc
        except requests.RequestException:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("kg serve did not start within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


