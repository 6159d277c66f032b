"""Injection: SPARQL (and SQL, and markup) fragments in every parameter of every route, and in
every variable part of every path, against a real ``kg serve`` with updates on.

User input reaches SPARQL only as bound values and SQLite only as parameters, so none of these
can change a query's meaning.  The campaign lists the routes from the application's URL map
(``create_app`` over the store, in this process, before the server opens it) and sends each
payload of :data:`sechelp.PAYLOADS`:

- in each query-string parameter of :data:`sechelp.PARAMS` alone, then in all of them at once,
  to every route that answers GET;
- as every variable part of the path (percent-encoded);
- as each form field, and as the JSON or SPARQL body, to every route that takes a body;
- in the ``lang`` cookie and the ``Accept`` header.

Outcome, each a test over the same campaign: no answer is a 5xx; no answer carries a stack
trace; in an HTML answer a payload with markup characters only ever appears escaped; the store
holds exactly the quads it held before (N-Quads digest with the server stopped); the server is
still up at the end.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
import requests
from markupsafe import escape
from kgtest import quads_digest
from sechelp import (PAYLOADS, PARAMS, SECRETS, TRACE_MARKS, build_demo, example, fill, free_port,
                     rules, start_server, stop_server)

MARKUP = set("<>\"'")


@dataclass
class Campaign:
    requests: int = 0
    problems: dict[str, list[str]] = field(default_factory=lambda: {"5xx": [], "trace": [], "unescaped": []})
    before: tuple[int, str] = (0, "")
    after: tuple[int, str] = (0, "")
    alive: bool = False
    statuses: dict[int, int] = field(default_factory=dict)
    reached: set[str] = field(default_factory=set)  # endpoints that answered 200 to some payload
    escaped: set[str] = field(default_factory=set)  # payloads with markup some page showed, escaped


def _requests(base: str, listed) -> list[tuple[str, str, str, dict]]:
    """(description, method, url, requests keyword arguments) of the whole campaign."""
    out = []
    for rule in listed:
        plain = example(rule)
        for payload in PAYLOADS:
            enc = quote(payload, safe="")
            if "GET" in rule.methods:
                for name in PARAMS:
                    out.append((f"GET {rule.rule} ?{name}={payload!r}", "GET", base + plain, {"params": {name: payload}}))
                out.append((f"GET {rule.rule} every param={payload!r}", "GET", base + plain,
                            {"params": {name: payload for name in PARAMS}}))
                out.append((f"GET {rule.rule} cookie lang={payload!r}", "GET", base + plain,
                            {"cookies": {"lang": enc}}))
                if "\x00" not in payload:
                    out.append((f"GET {rule.rule} Accept: {payload!r}", "GET", base + plain,
                                {"headers": {"Accept": payload}}))
            if "<" in rule.rule:
                method = "GET" if "GET" in rule.methods else "POST"
                out.append((f"{method} {rule.rule} path={payload!r}", method, base + fill(rule, enc), {}))
            if "POST" in rule.methods:
                for name in PARAMS:
                    out.append((f"POST {rule.rule} form {name}={payload!r}", "POST", base + plain,
                                {"data": {name: payload}}))
                bodies = [("application/json", json.dumps({"queries": [{"conditions": [
                              {"matchType": "name", "propertyValue": payload},
                              {"matchType": "property", "propertyId": payload, "propertyValue": payload}],
                              "type": payload}], "ids": [payload], "properties": [{"id": payload}]}).encode()),
                          ("application/json", json.dumps({"queries": [{"conditions": [
                              {"matchType": "id", "propertyValue": payload}]}]}).encode()),
                          ("application/json", payload.encode()),
                          ("application/sparql-query", payload.encode()),
                          ("application/sparql-update", payload.encode()),
                          ("application/x-www-form-urlencoded",
                           ("queries=" + quote(json.dumps({"q0": {"query": payload, "type": payload, "properties": [
                               {"pid": payload, "v": payload}]}}))).encode()),
                          ("application/x-www-form-urlencoded",
                           ("extend=" + quote(json.dumps({"ids": [payload], "properties": [{"id": payload}]}))).encode())]
                for content_type, body in bodies:
                    out.append((f"POST {rule.rule} {content_type} body {payload!r}", "POST", base + plain,
                                {"data": body, "headers": {"Content-Type": content_type}}))
    return out


def _send(session_pool, item):
    desc, method, url, kwargs = item
    session = session_pool()
    r = session.request(method, url, timeout=120, allow_redirects=False, **kwargs)
    return desc, r.status_code, r.headers.get("Content-Type", ""), r.text if method != "HEAD" else ""


@pytest.fixture(scope="module")
def campaign(tmp_path_factory) -> Campaign:
    import threading

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    store = tmp_path_factory.mktemp("injection") / "store"
    build_demo(store, base)
    out = Campaign(before=quads_digest(store))
    listed = rules(store, base)
    endpoints = {r.endpoint: r for r in listed}
    proc = start_server(store, port, env=SECRETS)
    local = threading.local()
    sessions = []

    def session():
        s = getattr(local, "s", None)
        if s is None:
            s = local.s = requests.Session()
            sessions.append(s)
        return s

    try:
        todo = _requests(base.rstrip("/"), listed)
        with ThreadPoolExecutor(4) as pool:
            for desc, status, ctype, body in pool.map(lambda item: _send(session, item), todo):
                out.requests += 1
                out.statuses[status] = out.statuses.get(status, 0) + 1
                if status >= 500:
                    out.problems["5xx"].append(f"{desc} → {status}: {body[:200]}")
                if any(mark in body for mark in TRACE_MARKS):
                    out.problems["trace"].append(f"{desc} → {status}: {body[:300]}")
                if ctype.startswith("text/html"):
                    for payload in PAYLOADS:
                        if MARKUP & set(payload) and payload in body:
                            at = body.index(payload)
                            out.problems["unescaped"].append(f"{desc}: …{body[max(0, at - 80):at + 80]}…")
                        elif MARKUP & set(payload) and str(escape(payload)) in body:
                            out.escaped.add(payload)
                if status == 200:
                    rule = desc.split(" ")[1]
                    out.reached |= {e for e, r in endpoints.items() if r.rule == rule}
        out.alive = proc.poll() is None and requests.get(base + "healthz", timeout=30).status_code == 200
    finally:
        for s in sessions:
            s.close()
        stop_server(proc)
    out.after = quads_digest(store)
    return out


def test_the_campaign_covers_every_route(campaign):
    assert campaign.requests > 10_000
    # the payloads got past the front door: most routes answered some of them normally
    for endpoint in ("pages.search", "pages.home", "sparql", "reconcile.endpoint", "reconcile.suggest_entity",
                     "reconcile_v1.match", "entity", "void", "healthz", "static"):
        assert endpoint in campaign.reached, (endpoint, sorted(campaign.reached))
    assert campaign.statuses.get(400, 0) > 100  # and the protocol rejected many as malformed


def test_no_server_error(campaign):
    assert campaign.problems["5xx"] == [], "\n".join(campaign.problems["5xx"][:30])


def test_no_stack_trace_in_any_answer(campaign):
    assert campaign.problems["trace"] == [], "\n".join(campaign.problems["trace"][:30])


def test_payloads_appear_only_escaped_in_pages(campaign):
    # the pages do show what was asked (search box, query page…): every such payload, escaped
    assert campaign.escaped == {p for p in PAYLOADS if MARKUP & set(p)}
    assert campaign.problems["unescaped"] == [], "\n".join(campaign.problems["unescaped"][:30])


def test_the_store_is_unchanged(campaign):
    assert campaign.before[0] > 1000
    assert campaign.after == campaign.before


def test_the_server_is_still_up(campaign):
    assert campaign.alive
