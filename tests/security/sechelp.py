"""Helpers of the security tests: the routes of the application, a real ``kg serve`` with the
secrets set, hostile inputs, a socket that tells whether anything connected to it, raw HTTP.

The web helpers (``webhelp``) are imported from their folder, as ``tests/link/linkhelp.py``
does.  Every server here is a real ``kg serve`` process on 127.0.0.1 over a demo store built for
it (``webhelp.build_demo``); its stderr is kept in a file for the tests that read the logs.
"""

from __future__ import annotations

import gc
import http.client
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent / "web") not in sys.path:
    sys.path.insert(0, str(HERE.parent / "web"))

from webhelp import ROOT, Listener, build_demo, free_port, start_server, stop_server  # noqa: E402,F401

TOKEN = "tok-Kx9pQ2vL7wZ4-never-logged"
PASSWORD = "pw-Vb3nM8cR1tY6-never-logged"
MAX_BODY = 50_000  # KG_MAX_BODY of the servers here
SECRETS = {"KG_TOKEN": TOKEN, "KG_ALLOW_UPDATE": "1", "KG_ENDPOINT_USER": "kgadmin", "KG_ENDPOINT_PASSWORD": PASSWORD}

#: SPARQL and markup fragments sent in every parameter and path segment
PAYLOADS = [
    '"} ; DROP ALL ; #',
    "> } UNION { ?s ?p ?o }",
    "\u0000",
    "x\u0000y } ; CLEAR ALL",
    "'",
    "' ) } ; DELETE WHERE { ?s ?p ?o } ; #",
    '"""',
    '""" } ; INSERT DATA { <urn:x> <urn:y> "z" } ; #',
    "http://example.org/a b",
    "<http://example.org/a> } ; DROP ALL ; <x",
    "http://example.org/<script>alert(1)</script>",
    '" onmouseover="alert(1)" x="',
    "\\u0022 } ; CLEAR DEFAULT",
    "?s ?p ?o",
    "*/alert(1);/*",
    "1 OR 1=1; DROP TABLE records; --",
    "labels MATCH 'a' OR \"b\" NEAR(c",
]

#: every query-string parameter a route of the hub reads (and some it does not)
PARAMS = ["q", "library", "type", "language", "year", "subject", "page", "lang", "prefix", "cursor", "limit",
          "offset", "id", "queries", "extend", "callback", "format", "output", "query", "update", "example",
          "default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri", "timeout", "ext"]


@dataclass
class Rule:
    rule: str
    methods: set[str]
    endpoint: str


def rules(store: Path, base: str) -> list[Rule]:
    """The URL rules of the application, listed by ``create_app`` over ``store`` in this process
    (before a server opens the store)."""
    from kg.web import WebConfig, create_app

    app = create_app(WebConfig(store=str(store), base_uri=base))
    try:
        out = [Rule(r.rule, set(r.methods or ()), r.endpoint) for r in app.url_map.iter_rules()]
    finally:
        for close in app.extensions.get("kg.on_close", []):
            close()
        app.extensions["kg.data"].close()
    del app
    gc.collect()  # the application's cycles hold the store (and its lock) until collected
    return out


def fill(rule: Rule, value: str) -> str:
    """The rule's path with every variable part replaced by ``value`` (already URL-encoded);
    ``any(…)`` parts take their first choice, so that the value lands in the others."""
    path = rule.rule
    while "<" in path:
        start = path.index("<")
        end = path.index(">", start)
        spec = path[start + 1:end]
        if spec.startswith("any("):
            choice = spec[4:spec.index(")")].split(",")[0].strip()
            path = path[:start] + choice + path[end + 1:]
        else:
            path = path[:start] + value + path[end + 1:]
    return path


def example(rule: Rule) -> str:
    """A plain path for ``rule`` (variables filled with ordinary values)."""
    path = rule.rule
    plain = {"kind": "work", "rest": "NLV/NLV000001", "name": "hub", "filename": "site.css", "n": "1",
             "ext": "ttl"}
    while "<" in path:
        start = path.index("<")
        end = path.index(">", start)
        spec = path[start + 1:end]
        name = spec.split(":")[-1] if ":" in spec else spec
        if spec.startswith("any("):
            name = spec.split(":")[-1]
            choice = plain.get(name) if plain.get(name) in spec else spec[4:spec.index(")")].split(",")[0].strip()
            path = path[:start] + choice + path[end + 1:]
        else:
            path = path[:start] + plain.get(name, "x") + path[end + 1:]
    if rule.endpoint == "sparql_example":
        path = "/sparql/examples/" + first_example() + ".rq"
    return path


def first_example() -> str:
    return sorted(p.stem for p in (ROOT / "sparql").glob("*.rq"))[0]


def raw_request(port: int, method: str, target: str, headers: dict | None = None, body: bytes | None = None,
                timeout: float = 60) -> tuple[int, dict, bytes]:
    """One request with the target sent exactly as given (no normalisation of ``..`` or of
    percent-escapes, which ``requests`` would do)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(method, target, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders()
        if body is not None:
            conn.send(body)
        r = conn.getresponse()
        data = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data
    finally:
        conn.close()


TRACE_MARKS = ("Traceback (most recent call last)", 'File "/', "werkzeug.exceptions", "sqlite3.", "pyoxigraph.",
               "jinja2.exceptions", "Internal Server Error")
