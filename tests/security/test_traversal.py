"""Path traversal on the routes that serve files — ``/static/`` (the site's assets), ``/dumps/``
(files written into the store), ``/sparql/examples/`` — with ``..`` as sent, percent-encoded,
double-encoded, with backslashes, overlong UTF-8, absolute paths and NUL bytes.  Requests go out
byte for byte as written (``http.client``: nothing normalises them on the way); canary files
beside and above the directories served must never come back."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sechelp import ROOT, raw_request

CANARY = b"CANARY-3f9a1c-must-never-be-served"

DOTS = ["..", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "%252e%252e", "%c0%ae%c0%ae", "..%00", "....", ".%00."]
SLASHES = ["/", "%2f", "%2F", "%252f", "\\", "%5c", "%c0%af", "//"]


def traversals(prefix: str, target: str, suffix: str = "") -> list[str]:
    out = []
    for dots in DOTS:
        for slash in SLASHES:
            for depth in (1, 2, 3, 6):
                out.append(prefix + (dots + slash) * depth + target + suffix)
    out += [prefix + "/etc/passwd", prefix + "%2fetc%2fpasswd", prefix + "%2Fetc%2Fpasswd" + suffix,
            prefix + "file:///etc/passwd", prefix + "%00" + suffix, prefix + "%00../" + target + suffix,
            prefix + target + "%00" + suffix, prefix + "..;/" + target + suffix, prefix + "~/" + target + suffix,
            prefix + "%7e/" + target + suffix]
    return out


@pytest.fixture(scope="module")
def canaries(secured):
    """Canary files in the store, next to it, and a dump-named one above the dumps directory."""
    paths = [secured.store / "canary.nq.gz", secured.store.parent / "canary.nq.gz", secured.store / "canary.css",
             secured.store.parent / "canary.css"]
    for p in paths:
        p.write_bytes(CANARY)
    yield
    for p in paths:
        p.unlink(missing_ok=True)


def check(secured, target: str) -> int:
    status, headers, body = raw_request(secured.port, "GET", target)
    if status == 308:  # werkzeug merges repeated slashes: the same path with one slash, on this host
        location = urlsplit(headers["location"])
        assert location.netloc == f"127.0.0.1:{secured.port}" and ".." not in location.path, (target, headers)
        assert location.path.startswith("/" + target.split("/")[1] + "/"), (target, headers)
        return check(secured, location.path)
    assert status in (400, 404), (target, status, body[:200])
    assert CANARY not in body, target
    assert b"root:x:0:0" not in body and b"[build-system]" not in body and b"SQLite format 3" not in body, target
    assert b"Traceback" not in body, target
    return status


def test_static_route_serves_its_own_files(secured):
    status, headers, body = raw_request(secured.port, "GET", "/static/site.css")
    assert status == 200 and body == (ROOT / "web" / "static" / "site.css").read_bytes()


def test_static_traversal(secured, canaries):
    targets = (traversals("/static/", "pyproject.toml") + traversals("/static/", "canary.css")
               + traversals("/static/", "etc/passwd") + traversals("/static/", "kg/__init__.py"))
    for target in targets:
        check(secured, target)


def test_dumps_route_serves_only_dumps(secured, canaries):
    status, headers, body = raw_request(secured.port, "GET", "/dumps/links.nq.gz")
    assert status == 200 and body[:2] == b"\x1f\x8b"
    targets = (traversals("/dumps/", "canary", ".nq.gz") + traversals("/dumps/", "store/canary", ".nq.gz")
               + traversals("/dumps/", "index.sqlite", "") + traversals("/dumps/", "etc/passwd", ""))
    targets += ["/dumps/canary.nq.gz", "/dumps/.links.nq.gz", "/dumps/links.nq.gz%00.txt", "/dumps/%00.nq.gz",
                "/dumps/links%2fnq.gz", "/dumps/LINKS.nq.gz", "/dumps/links.nq.gz/..", "/dumps/hub.nq.gz%2f..%2f..%2fcanary.nq.gz"]
    statuses = {check(secured, t) for t in targets}
    assert statuses  # every one answered 400 or 404


def test_sparql_examples_route_reads_only_examples(secured, canaries):
    targets = traversals("/sparql/examples/", "pyproject", ".rq") + traversals("/sparql/examples/", "canary", ".rq")
    for target in targets:
        check(secured, target)
