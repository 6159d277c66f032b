"""Request-size limits on every route that takes a body (listed from the URL map): a body above
``KG_MAX_BODY`` is a 413 — announced by ``Content-Length`` or sent chunked without one, as a form,
JSON or a SPARQL text — never a 500, and the server goes on answering.  A body under the limit
is read (the limit is not a blanket refusal).

The 413 comes from waitress, before the application: it reads no more than the limit, so a
client cannot fill the disk with a body it never finishes sending.  That answer is waitress's
own plain text, without the application's headers (behind a reverse proxy, the proxy's own body
limit answers first: ``docs/deploying.md``)."""

from __future__ import annotations

import http.client
import json
import socket

import requests
from sechelp import MAX_BODY, raw_request

BODY_METHODS = {"POST", "PUT", "PATCH"}


def bodies(size: int) -> list[tuple[str, bytes]]:
    """(Content-Type, body) of about ``size`` bytes, in each form the routes read."""
    filler = "Nguyễn Du " * (size // 10 + 1)
    return [
        ("application/x-www-form-urlencoded", ("queries=" + json.dumps({"q0": {"query": filler}})).encode()[:size]),
        ("application/json", json.dumps({"queries": [{"query": filler}]}).encode()[:size]),
        ("application/sparql-query", ("SELECT * WHERE { ?s ?p \"" + filler + "\" }").encode()[:size]),
        ("application/sparql-update", ("INSERT DATA { <urn:a> <urn:b> \"" + filler + "\" }").encode()[:size]),
        ("multipart/form-data; boundary=kgkgkg",
         (b"--kgkgkg\r\nContent-Disposition: form-data; name=\"queries\"\r\n\r\n" + filler.encode())[:size]),
    ]


def body_routes(secured) -> list[tuple[str, str]]:
    out = []
    for rule in secured.rules:
        for method in sorted(rule.methods & BODY_METHODS):
            out.append((method, rule.rule))
    return out


def chunked(port: int, method: str, path: str, content_type: str, body: bytes) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=iter([body[i:i + 8192] for i in range(0, len(body), 8192)]),
                     headers={"Content-Type": content_type, "Transfer-Encoding": "chunked"}, encode_chunked=True)
        r = conn.getresponse()
        return r.status, r.read()
    except (BrokenPipeError, ConnectionResetError):
        return 413, b""  # the server answered 413 and closed while the body was still being sent
    finally:
        conn.close()


def test_every_body_route_is_listed(secured):
    routes = body_routes(secured)
    assert ("POST", "/sparql") in routes and ("POST", "/reconcile") in routes
    assert ("POST", "/reconcile/v1/match") in routes and ("POST", "/reconcile/v1/extend") in routes


def test_bodies_over_the_limit_are_413(secured):
    for method, path in body_routes(secured):
        for content_type, body in bodies(MAX_BODY + 1000):
            assert len(body) > MAX_BODY
            status, headers, text = raw_request(secured.port, method, path, {"Content-Type": content_type}, body)
            assert status == 413, (method, path, content_type, status, text[:200])
            assert b"Traceback" not in text
            status, text = chunked(secured.port, method, path, content_type, body)
            assert status == 413, ("chunked", method, path, content_type, status, text[:200])
    assert requests.get(secured.base + "healthz", timeout=30).status_code == 200


def test_a_huge_body_is_refused_without_being_read(secured):
    """A client announces 10 GB and sends nothing: the 413 comes at once, on the headers alone."""
    for path, content_type in (("/reconcile", "application/x-www-form-urlencoded"),
                               ("/sparql", "application/sparql-query"), ("/reconcile/v1/match", "application/json")):
        with socket.create_connection(("127.0.0.1", secured.port), timeout=30) as s:
            s.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
                      f"Content-Length: {10 ** 10}\r\n\r\n".encode())
            answer = b""
            while b"\r\n\r\n" not in answer:
                chunk = s.recv(4096)
                if not chunk:
                    break
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 413"), (path, answer[:200])


def test_bodies_under_the_limit_are_read(secured):
    """Just under the limit: an answer of the route itself (a 400 for these filler texts, or a
    result), not a 413 — and never a 500."""
    for method, path in body_routes(secured):
        for content_type, body in bodies(MAX_BODY - 2000):
            status, headers, text = raw_request(secured.port, method, path, {"Content-Type": content_type}, body)
            assert status not in (413, 500), (method, path, content_type, status, text[:300])
            assert status < 500, (method, path, content_type, status, text[:300])
