"""A real server for the web tests: the demo store built once per session, ``kg serve`` started
as a subprocess on a free port of 127.0.0.1 (base IRI = that address, so every IRI the store
mints dereferences on it), stopped at the end.

Fixtures:
- ``demo_store``: (directory, base IRI) of the built demo store — read-only for tests;
- ``server``: the base URL of the running server (same as the base IRI);
- ``http``: a ``requests.Session``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
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


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    directory = tmp_path_factory.mktemp("web") / "store"
    build_demo(directory, base)
    return directory, base, port


@pytest.fixture(scope="session")
def server(demo_store):
    directory, base, port = demo_store
    proc = start_server(directory, port)
    yield base
    stop_server(proc)


@pytest.fixture()
def http():
    with requests.Session() as s:
        yield s
