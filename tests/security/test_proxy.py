"""Behind a reverse proxy (docs/deploying.md): the hub names itself by its base URI, never by the
``Host`` or ``X-Forwarded-*`` headers a client sends — a forged host cannot get into an IRI, a
link or the SPARQL service description, and TLS ended at the proxy does not turn the public
``https`` address into ``http``."""

from __future__ import annotations

import pytest
import requests
from sechelp import build_demo, free_port, start_server, stop_server

PUBLIC = "https://thuvien.example.vn/"
FORGED = {"Host": "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http",
          "X-Forwarded-For": "6.6.6.6", "Forwarded": "host=evil.example;proto=http", "X-Original-URL": "/evil"}


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    port = free_port()
    store = tmp_path_factory.mktemp("proxy") / "store"
    build_demo(store, PUBLIC)
    proc = start_server(store, port, "--base-uri", PUBLIC)
    yield f"http://127.0.0.1:{port}/"
    stop_server(proc)


@pytest.mark.parametrize("headers", [{"Host": "thuvien.example.vn"}, FORGED])
def test_the_hub_names_itself_by_its_base(proxied, headers):
    sd = requests.get(proxied + "sparql", headers={**headers, "Accept": "text/turtle"}, timeout=60)
    assert sd.status_code == 200 and f"<{PUBLIC}sparql>" in sd.text
    page = requests.get(proxied + "sparql", headers={**headers, "Accept": "text/html"}, timeout=60)
    assert page.status_code == 200 and f"{PUBLIC}sparql" in page.text
    entity = requests.get(proxied + "work/NLV/NLV000001", headers={**headers, "Accept": "text/turtle"}, timeout=60)
    assert entity.status_code == 200 and f"<{PUBLIC}work/NLV/NLV000001>" in entity.text
    assert entity.headers["Content-Location"].startswith(("/", PUBLIC))
    for path in ("", "search?q=truyen+kieu", ".well-known/void", "reconcile", "sitemap.xml", "robots.txt"):
        r = requests.get(proxied + path, headers={**headers, "Accept": "text/html"}, timeout=60)
        assert r.status_code == 200, path
        assert "evil.example" not in r.text and "6.6.6.6" not in r.text, path
        assert "http://thuvien.example.vn" not in r.text, path
    for r in (sd, page, entity):
        assert "evil.example" not in r.text and "http://thuvien.example.vn" not in r.text
