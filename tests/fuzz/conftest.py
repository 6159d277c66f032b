"""A real ``kg serve`` for the HTTP fuzz tests: the demo store built once per session, the server
started on a free port of 127.0.0.1 (helpers from ``tests/web/webhelp.py``), stopped at the end.

``fuzz_server`` yields ``(base URL, server log path)``: the tests read the log to check that no
request ended in an unhandled exception, whatever the answer said.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))

from webhelp import build_demo, free_port, start_server, stop_server  # noqa: E402


@pytest.fixture(scope="session")
def fuzz_server(tmp_path_factory):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    directory = tmp_path_factory.mktemp("fuzz-web") / "store"
    build_demo(directory, base)
    proc = start_server(directory, port)
    yield base, directory.parent / f"server-{port}.log"
    stop_server(proc)
