"""Security headers on every route of the application (listed from its URL map), on errors and
on preflights: ``Content-Security-Policy`` without inline script, ``X-Content-Type-Options:
nosniff``, ``Referrer-Policy``, and framing refused (``X-Frame-Options: DENY`` and
``frame-ancestors 'none'``) everywhere except the reconciliation previews, which OpenRefine shows
in an iframe."""

from __future__ import annotations

import pytest
from sechelp import example

#: the routes made to be framed (OpenRefine's preview iframe); the 0.2 flyouts are JSON that
#: OpenRefine's page inserts itself, not frames
FRAMED = {"reconcile.preview", "reconcile_v1.preview"}
ACCEPTS = ["text/html", "application/json", "text/turtle", "*/*"]


def check(r, framed: bool, what: str) -> None:
    h = r.headers
    csp = h.get("Content-Security-Policy", "")
    assert csp, (what, r.status_code, dict(h))
    directives = {d.split()[0]: d.split()[1:] for d in (x.strip() for x in csp.split(";")) if d}
    assert directives["default-src"] == ["'self'"], (what, csp)
    assert directives["script-src"] == ["'self'"], (what, csp)  # no 'unsafe-inline', no eval
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'none'"], (what, csp)
    assert h.get("X-Content-Type-Options") == "nosniff", (what, dict(h))
    assert h.get("Referrer-Policy") in ("strict-origin-when-cross-origin", "same-origin", "no-referrer",
                                        "strict-origin"), (what, dict(h))
    if framed:
        assert "X-Frame-Options" not in h, what
        assert directives["frame-ancestors"] != ["'none'"], (what, csp)
    else:
        assert h.get("X-Frame-Options") == "DENY", (what, r.status_code, dict(h))
        assert directives["frame-ancestors"] == ["'none'"], (what, csp)


def test_every_route_sends_the_security_headers(secured, http):
    seen = set()
    for rule in secured.rules:
        path = example(rule)
        framed = rule.endpoint in FRAMED
        for accept in ACCEPTS:
            if "GET" in rule.methods:
                r = http.get(secured.base.rstrip("/") + path, params={"id": secured.base + "agent/NLV/x"}
                             if framed else None, headers={"Accept": accept}, timeout=120)
            else:
                r = http.post(secured.base.rstrip("/") + path, json={}, headers={"Accept": accept}, timeout=120)
            assert r.status_code < 500, (path, r.status_code, r.text[:300])
            check(r, framed, f"{rule.rule} {accept} → {r.status_code}")
            seen.add(rule.endpoint)
        r = http.options(secured.base.rstrip("/") + path, headers={
            "Origin": "http://elsewhere.example", "Access-Control-Request-Method": "POST"}, timeout=60)
        check(r, False, f"OPTIONS {rule.rule} → {r.status_code}")  # a preflight is never framed
    assert {"pages.search", "sparql", "reconcile.endpoint", "entity", "dump", "static", "healthz"} <= seen
    assert FRAMED <= seen  # the framed routes exist under these names


def test_a_preview_of_a_real_entity_may_be_framed(secured, http):
    r = http.get(secured.base + "reconcile/suggest/entity", params={"prefix": "Nguyễn Du"}, timeout=60)
    ident = r.json()["result"][0]["id"]
    for path in ("reconcile/preview", "reconcile/v1/preview"):
        r = http.get(secured.base + path, params={"id": ident}, timeout=60)
        assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
        check(r, True, path)


@pytest.mark.parametrize("method,path,kwargs,status", [
    ("GET", "no/such/page", {}, 404),
    ("GET", "work/NLV/no-such-record", {"headers": {"Accept": "text/html"}}, 404),
    ("GET", "work/NLV/no-such-record", {"headers": {"Accept": "text/turtle"}}, 404),
    ("DELETE", "search", {}, 405),
    ("POST", "reconcile", {"data": {"queries": "{not json"}}, 400),
    ("GET", "sparql", {"params": {"query": "SELECT nonsense"}}, 400),
    ("POST", "sparql", {"data": b"INSERT DATA {}", "headers": {"Content-Type": "application/sparql-update"}}, 401),
    ("GET", "work/NLV/NLV000001", {"headers": {"Accept": "application/x-nothing"}}, 406),
])
def test_errors_carry_the_headers_too(secured, http, method, path, kwargs, status):
    r = http.request(method, secured.base + path, timeout=60, **kwargs)
    assert r.status_code == status, (r.status_code, r.text[:300])
    check(r, False, f"{method} {path} → {status}")
