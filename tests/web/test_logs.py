"""Structured request logs (:mod:`kg.web.logs`): one JSON line per request on the server's
stderr, with the request id echoed in ``X-Request-ID``; secret-looking parameters masked.  Read
from the stderr file of the session's real server (``webhelp.start_server`` keeps it beside the
store)."""

from __future__ import annotations

import json
import re
import time
import uuid

import pytest

from kg.web.logs import masked_query, request_id


def lines(demo_store) -> list[dict]:
    directory, _base, port = demo_store
    text = (directory.parent / f"server-{port}.log").read_text(encoding="utf-8")
    out = []
    for raw in text.splitlines():
        if raw.startswith("{"):
            out.append(json.loads(raw))  # every such line is one whole JSON object
    return out


def mine(demo_store, prefix: str) -> dict[str, dict]:
    found = {x["id"]: x for x in lines(demo_store) if x["id"].startswith(prefix)}
    return found


def test_one_line_per_request_with_its_id(server, http, demo_store):
    prefix = f"t{uuid.uuid4().hex[:8]}"
    sent = [("GET", "", {}), ("GET", "search", {"params": {"q": "Nguyễn Du", "lang": "en"}}),
            ("GET", "no/such/page", {}), ("HEAD", "healthz", {}), ("POST", "reconcile", {"data": {"queries": "{"}}),
            ("GET", "healthz", {})]
    answers = {}
    for n, (method, path, kwargs) in enumerate(sent):
        rid = f"{prefix}-{n}"
        r = http.request(method, server + path, headers={"X-Request-ID": rid}, timeout=60, **kwargs)
        assert r.headers["X-Request-ID"] == rid
        answers[rid] = r
    logged = mine(demo_store, prefix)
    assert set(logged) == set(answers)
    for rid, r in answers.items():
        line = logged[rid]
        assert set(line) == {"time", "id", "method", "path", "query", "status", "ms", "bytes"}
        assert line["status"] == r.status_code and line["method"] == r.request.method
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", line["time"])
        assert isinstance(line["ms"], (int, float)) and line["ms"] >= 0
        if r.request.method != "HEAD":
            assert line["bytes"] == len(r.content), rid
    assert logged[f"{prefix}-1"]["path"] == "/search" and "q=Nguy%E1%BB%85n+Du" in logged[f"{prefix}-1"]["query"]
    assert logged[f"{prefix}-2"]["status"] == 404 and logged[f"{prefix}-4"]["status"] == 400
    assert logged[f"{prefix}-3"]["bytes"] == 0


def test_insane_ids_are_replaced(server, http, demo_store):
    before = {x["id"] for x in lines(demo_store)}
    given = ["", "a" * 129, "spaces are not allowed", "quote\"d", "<script>", "ünïcode", "semi;colon"]
    got = []
    for value in given:
        r = http.get(server + "healthz", headers={"X-Request-ID": value.encode("utf-8")}, timeout=60)
        rid = r.headers["X-Request-ID"]
        assert re.fullmatch(r"[0-9a-f]{32}", rid), (value, rid)
        got.append(rid)
    r = http.get(server + "healthz", timeout=60)
    got.append(r.headers["X-Request-ID"])
    assert len(set(got)) == len(got)  # a new id each time
    now = {x["id"] for x in lines(demo_store)}
    assert set(got) <= now - before


def test_a_line_cannot_be_forged(server, http, demo_store):
    """What a client puts in the path or the query string stays inside one JSON string."""
    prefix = f"f{uuid.uuid4().hex[:8]}"
    forged = '"}\n{"id": "forged", "status": 200}\n'
    http.get(server + "search", params={"q": forged}, headers={"X-Request-ID": prefix + "-q"}, timeout=60)
    http.get(server + "search%0A%7B%22id%22%3A%22forged%22%7D", headers={"X-Request-ID": prefix + "-p"}, timeout=60)
    logged = mine(demo_store, prefix)
    assert set(logged) == {prefix + "-q", prefix + "-p"}
    assert "forged" not in {x["id"] for x in lines(demo_store)}
    assert logged[prefix + "-p"]["path"] == '/search\n{"id":"forged"}'


@pytest.mark.parametrize("query,shown", [
    (b"q=nguyen+du&lang=en", "q=nguyen+du&lang=en"),
    (b"token=abc&q=x", "token=***&q=x"),
    (b"access_token=abc&api_key=k&password=p&PASSWORD=p&secret=s&auth=a&sig=1&signature=2", "access_token=***&api_key=***&password=***&PASSWORD=***&secret=***&auth=***&sig=1&signature=***"),
    (b"session=abc&sessionid=d&x-api-key=e", "session=***&sessionid=***&x-api-key=***"),
    (b"", ""),
    (b"q=%E1%BB%85", "q=%E1%BB%85"),
    (b"q=a%26token%3Dsecret", "q=a%26token%3Dsecret"),
    (b"%74oken=abc", "token=***"),  # an encoded name is still the name
])
def test_masked_query(query, shown):
    assert masked_query(query) == shown


def test_long_queries_are_cut():
    assert len(masked_query(b"q=" + b"x" * 5000)) == 1001


def test_request_ids():
    assert request_id("abc-123") == "abc-123"
    assert request_id("Root=1-67891233-abcdef012345678912345678") == "Root=1-67891233-abcdef012345678912345678"
    assert request_id(None) != request_id(None)
    assert re.fullmatch(r"[0-9a-f]{32}", request_id("a b"))


def test_lines_appear_while_the_server_runs(server, http, demo_store):
    """A line is written when its response is ready, not buffered until the server stops."""
    rid = f"live-{uuid.uuid4().hex}"
    http.get(server + "healthz", headers={"X-Request-ID": rid}, timeout=60)
    deadline = time.monotonic() + 5
    while rid not in {x["id"] for x in lines(demo_store)} and time.monotonic() < deadline:
        time.sleep(0.05)
    assert rid in {x["id"] for x in lines(demo_store)}
