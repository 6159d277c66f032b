"""Starting and stopping real ``kg serve`` processes for the web tests (used by conftest.py's
fixtures and by tests that need a server with special options)."""


from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
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


class Listener:
    """A socket on 127.0.0.1 that counts the connections made to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def settle(self, seconds: float = 0.5) -> int:
        time.sleep(seconds)
        return self.connections

    def close(self):
        self._stop = True
        self._thread.join()
        self.sock.close()
