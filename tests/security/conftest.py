"""A real ``kg serve`` for the security tests, with every secret set (helpers: ``sechelp``).

- ``secured``: a demo store served with updates on, a bearer token, an endpoint password in the
  environment and a small body limit; its routes listed by ``create_app`` before it started;
  its stderr kept in ``secured.log``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from sechelp import MAX_BODY, SECRETS, Rule, build_demo, free_port, rules, start_server, stop_server


@dataclass
class Served:
    base: str
    port: int
    store: Path
    log: Path
    rules: list[Rule]
    proc: object

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="session")
def secured(tmp_path_factory):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    store = tmp_path_factory.mktemp("security") / "store"
    build_demo(store, base)
    listed = rules(store, base)
    proc = start_server(store, port, env={**SECRETS, "KG_MAX_BODY": str(MAX_BODY)})
    yield Served(base, port, store, store.parent / f"server-{port}.log", listed, proc)
    stop_server(proc)


@pytest.fixture()
def http():
    with requests.Session() as s:
        yield s
