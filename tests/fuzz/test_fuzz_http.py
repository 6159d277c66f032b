"""Hostile input to a live ``kg serve``: reconciliation, search and ``/sparql``.

Every answer must be a clear 4xx (a message, no trace) or a valid 200 — never a 500 and never a
stack trace in the body, whatever arrives: batches far over the limit, JSON nested 100,000 deep,
invalid UTF-8 in query strings, form fields and bodies (raw on the wire too), names of 10,000
characters, NUL bytes, unpaired surrogate escapes, JSON values of every wrong type, SPARQL that
nests or chains deep enough to crash the engine.  Explicit cases pin the status each must get;
hypothesis then sends random values of every kind to every parameter of every route.  The
server's log is read at the end: no request may have ended in an unhandled exception.
"""

from __future__ import annotations

import json
import socket
from urllib.parse import quote, urlsplit

import pytest
import requests
from hypothesis import HealthCheck, given, settings, strategies as st

JSON_TYPE = "application/json"
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
TRACE_MARKERS = ("Traceback (most recent call last)", 'File "/', "site-packages", "Error at 0x")


@pytest.fixture(scope="module")
def base(fuzz_server):
    return fuzz_server[0]


@pytest.fixture(scope="module")
def web():
    with requests.Session() as s:
        yield s


def clean(r: requests.Response, allowed: tuple[int, ...] | None = None) -> requests.Response:
    """The property every answer must have; ``allowed``: the statuses this case may get."""
    where = f"{r.request.method} {r.request.url[:200]} -> {r.status_code}: {r.text[:300]!r}"
    assert r.status_code < 500, where
    for marker in TRACE_MARKERS:
        assert marker not in r.text, where
    if allowed is not None:
        assert r.status_code in allowed, where
    if 400 <= r.status_code < 500:
        assert r.text.strip(), f"a 4xx must say why: {where}"
    if r.status_code == 200 and r.headers.get("Content-Type", "").startswith(JSON_TYPE):
        r.json()  # a valid 200 is valid JSON
    return r


# ------------------------------------------------------------------------------------------------
# reconciliation: explicit cases
# ------------------------------------------------------------------------------------------------

DEEP_ARRAY = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"q0":' * 5000 + "{}" + "}" * 5000


def queries_form(web, base, text: str | bytes, allowed):
    if isinstance(text, bytes):
        return clean(web.post(base + "reconcile", data=b"queries=" + text, headers={"Content-Type": FORM}), allowed)
    return clean(web.post(base + "reconcile", data={"queries": text}), allowed)


@pytest.mark.parametrize("text, allowed", [
    (DEEP_OBJECT, (400,)),
    (DEEP_ARRAY, (400,)),
    (json.dumps({f"q{i}": {"query": "Nguyễn Du"} for i in range(10_000)}), (413,)),
    (json.dumps({f"q{i}": {"query": "Nguyễn Du"} for i in range(51)}), (413,)),
    (json.dumps({"q0": {"query": "Nguyễn Du " * 1000}}), (200,)),
    # 3,000 words that match nothing: the engine asked the index for 3,000 alternatives of 2,999
    # words each (SQLite took 17 GB and minutes) before kg.reconcile.engine.MAX_LOOKUP_WORDS
    (json.dumps({"q0": {"query": " ".join(f"w{i}x" for i in range(3000))}}), (200,)),
    (json.dumps({"q0": {"query": "Nguyễn\x00Du", "type": "\x00"}}), (200,)),
    ('{"q0": {"query": "\\ud800 Nguy\\u1ec5n"}}', (400,)),
    ('{"q0": {"query": "Nguy\\u1ec5n", "properties": [{"pid": "creator", "v": "\\udfff"}]}}', (400,)),
    ('{"\\ud800": {"query": "a"}}', (400,)),
    ('{"q0": {"query": "a", "limit": NaN}}', (400,)),
    ('{"q0": {"query": "a", "limit": 1e999}}', (400,)),
    ('{"q0": {"query": "a", "limit": 100000000000000000000000000000}}', (200, 400)),
    ('{"q0": {"query": "a", "limit": -1}}', (400,)),
    ('{"q0": {"query": ["a"]}}', (400,)),
    ('{"q0": {"query": "a", "type": {"id": 5}}}', (400,)),
    ('{"q0": {"query": "a", "properties": "creator"}}', (400,)),
    ('{"q0": {"query": "a", "properties": [1, null, {"pid": 5, "v": {}}]}}', (400,)),
    ('{"q0": {"query": "a", "properties": [{"pid": "creator", "v": [[[[{"name": 5}]]]]}]}}', (200, 400)),
    ('{"q0": {"query": "a", "properties": [{"pid": "creator", "v": {"id": "\\u0000"}}]}}', (200, 400)),
    ('{"q0": {"query": "a", "type_strict": {"a": 1}}}', (400,)),
    ('{"q0": null}', (400,)),
    ("[]", (400,)),
    ('"queries"', (400,)),
    ("", (400,)),
    (b"%FF%FE%00%ED%A0%80", (400,)),
    (b"%7B%22q0%22%3A%7B%22query%22%3A%22%FF%FENguy%E1%BB%85n%22%7D%7D", (200,)),  # invalid UTF-8 in a name
], ids=lambda v: repr(v)[:40] if isinstance(v, (str, bytes)) else None)
def test_reconcile_queries(web, base, text, allowed):
    r = queries_form(web, base, text, allowed)
    if r.status_code == 200:
        body = r.json()
        if isinstance(text, str):
            assert set(body) == set(json.loads(text))
        assert body and all(isinstance(v["result"], list) for v in body.values())


@pytest.mark.parametrize("text, allowed", [
    ('{"ids": "x", "properties": 5}', (400,)),
    (json.dumps({"ids": ["x"] * 10_000, "properties": [{"id": "creator"}]}), (413,)),
    (json.dumps({"ids": [5, None, {"a": 1}], "properties": [{"id": 5}, None, "x"]}), (400,)),
    ('{"ids": ["\\ud800"], "properties": [{"id": "\\udfff"}]}', (400,)),
    (json.dumps({"ids": ["x" * 10_000], "properties": [{"id": "creator" * 1000}]}), (200, 400)),
    (json.dumps({"ids": ["\x00"], "properties": [{"id": "creator", "settings": {"limit": "x"}}]}), (400,)),
    (DEEP_ARRAY, (400,)),
])
def test_reconcile_extend(web, base, text, allowed):
    clean(web.post(base + "reconcile", data={"extend": text}), allowed)


@pytest.mark.parametrize("body, content_type, allowed", [
    (DEEP_ARRAY, JSON_TYPE, (400,)),
    (b"\xff\xfe{\x00", JSON_TYPE, (400,)),
    (b'{"queries": 5}', JSON_TYPE, (400,)),
    (b'{"queries": [null, 5, "x", {"query": {"a": 1}}]}', JSON_TYPE, (400,)),
    (json.dumps({"queries": [{"query": "a"}] * 10_000}), JSON_TYPE, (413,)),
    (b'{"queries": [{"query": "\\ud800\\udc00\\ud800"}]}', JSON_TYPE, (400,)),
    (b'{"queries": [{"query": "a", "conditions": [{"matchType": "property", "propertyId": 5}]}]}', JSON_TYPE, (400,)),
    # a 10,200-character name of 3,400 words (the 17 GB case above, through the 1.0 API)
    (json.dumps({"queries": [{"conditions": [{"matchType": "name", "propertyValue": "Ng\x00" * 3400}]}]}), JSON_TYPE,
     (200, 400)),
    (b"null", JSON_TYPE, (400,)),
    (b"", JSON_TYPE, (400,)),
    (b'{"queries": []}', "text/plain", (200, 400, 415)),
    (b"queries=%FF%FE", FORM, (400,)),
])
def test_reconcile_v1_match(web, base, body, content_type, allowed):
    clean(web.post(base + "reconcile/v1/match", data=body, headers={"Content-Type": content_type}), allowed)


@pytest.mark.parametrize("body, allowed", [
    (b'{"ids": [null], "properties": [{"id": null, "settings": 5}]}', (400,)),
    (b'{"ids": ["\\ud800"], "properties": [{"id": "creator"}]}', (400,)),
    (b'{"ids": ["x"], "properties": [{"id": "creator", "settings": {"limit": "x"}}]}', (400,)),
    (b"\xc3\x28", (400,)),
])
def test_reconcile_v1_extend(web, base, body, allowed):
    clean(web.post(base + "reconcile/v1/extend", data=body, headers={"Content-Type": JSON_TYPE}), allowed)


LONG = "Nguyễn " * 1500  # 10,500 characters


@pytest.mark.parametrize("path", [
    "reconcile/suggest/entity?prefix=" + quote(LONG),
    "reconcile/suggest/entity?prefix=%00%FF&cursor=-1&limit=99999999999999999999",
    "reconcile/suggest/entity?prefix=a&type=%00%ED%A0%80",
    "reconcile/suggest/type?prefix=%ED%A0%80",
    "reconcile/suggest/property?prefix=%22*OR&type=%3Cx%3E",
    "reconcile/flyout/entity?id=" + "x" * 10_000,
    "reconcile/flyout/entity?id=%3Chttp://x%3E",
    "reconcile/flyout/entity?id=http://127.0.0.1/agent/%00",
    "reconcile/flyout/type?id=%00",
    "reconcile/flyout/property?id=%FF",
    "reconcile/preview?id=%FF%00",
    "reconcile/preview?id=" + quote(LONG),
    "reconcile/properties?type=%00&limit=-1",
    "reconcile?callback=%FF",
    "reconcile?callback=" + "a" * 10_000,
    "reconcile/v1/suggest/entity?prefix=%ED%A0%80&offset=" + "9" * 400,
    "reconcile/v1/extend/propose?type=%00&limit=1e9",
    "reconcile/v1/preview?id=%00",
])
def test_reconcile_get_routes(web, base, path):
    clean(web.get(base + path), (200, 400, 404))


@pytest.mark.parametrize("path, allowed", [
    ("reconcile/suggest/entity?prefix=a&cursor=abc", (400,)),
    ("reconcile/properties?limit=%FF", (400,)),
    ("reconcile?callback=alert(1)", (400,)),
    ("reconcile/flyout/entity", (400,)),
])
def test_reconcile_wrong_parameters_are_400(web, base, path, allowed):
    r = clean(web.get(base + path), allowed)
    assert r.json()["status"] == r.status_code


# ------------------------------------------------------------------------------------------------
# search and /sparql: explicit cases
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", [
    "q=" + quote(LONG),
    "q=%00%FF%ED%A0%80&page=abc&year=99999999-0&subject=%22%3E&library=%00&type=x&language=%FF",
    "q=%22&page=-1",
    "q=NEAR(a%20b)&page=1000000000000000000000",
    "q=a*&subject=http://x/%3C%3E",
    "q=*", "q=a%20OR%20b%20AND%20NOT%20c", "q=%5Ea:b%22c%22", "q=-", "q=%28%29", "q=%7B%7D:x",
    "year=0-9999", "year=9999-0", "year=" + "9" * 400,
    "subject=" + quote("http://127.0.0.1/concept/" + "x" * 3000),
    "lang=%FF&q=a", "q=" + "%FF" * 3000,
])
def test_search(web, base, query):
    r = clean(web.get(base + "search?" + query), (200, 400))
    if r.status_code == 200:
        assert "<html" in r.text


DEEP_BRACES = "SELECT * { " + "{" * 5000 + "}" * 5000 + " }"
DEEP_PARENS = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 20_000 + "true" + ")" * 20_000 + ") } LIMIT 1"
LONG_OR = "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(f"?o = {i}" for i in range(20_000)) + ") } LIMIT 1"
LONG_UNION = "SELECT * WHERE { " + " UNION ".join("{ ?s ?p %d }" % i for i in range(20_000)) + " } LIMIT 1"
MANY_BINDS = "SELECT * WHERE { ?s ?p ?o " + " ".join(f"BIND({i} AS ?b{i})" for i in range(10_000)) + " } LIMIT 1"
LONG_PATH = "SELECT * WHERE { ?s " + "/".join(["<http://x/p>"] * 20_000) + " ?o } LIMIT 1"
DEEP_SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> " + "{" * 3000 + "}" * 3000 + " }"


@pytest.mark.parametrize("text", [DEEP_BRACES, DEEP_PARENS, LONG_OR, LONG_UNION, MANY_BINDS, LONG_PATH, DEEP_SERVICE],
                         ids=["braces", "parens", "or", "union", "bind", "path", "service"])
def test_sparql_that_would_crash_the_engine_is_a_400(web, base, text):
    """pyoxigraph's process dies on these (stack overflow): the endpoint refuses them first,
    instead of losing a worker per request and answering 503."""
    r = clean(web.post(base + "sparql", data=text.encode(), headers={"Content-Type": SPARQL_QUERY}), (400,))
    assert "too complex" in r.text


def test_sparql_large_but_flat_queries_are_not_refused(web, base):
    """What the complexity limit must let through: a long VALUES block of IRIs and typed
    literals, many triple patterns, a long IN list."""
    values = " ".join(f'(<http://x/{i}> "{i}"^^<http://www.w3.org/2001/XMLSchema#int>)' for i in range(3000))
    patterns = " ".join(f"OPTIONAL {{ ?s <http://x/p{i}> ?o{i} }}" for i in range(100))
    listed = ", ".join(str(i) for i in range(3000))
    for q in (f"SELECT * WHERE {{ VALUES (?s ?n) {{ {values} }} }} LIMIT 1",
              f"SELECT * WHERE {{ VALUES ?s {{ <http://x/s> }} ?s ?p ?o {patterns} }} LIMIT 1",
              f"SELECT * WHERE {{ BIND(2999 AS ?o) FILTER(?o IN ({listed})) }} LIMIT 1"):
        clean(web.post(base + "sparql", data=q.encode(), headers={"Content-Type": SPARQL_QUERY,
                                                                   "Accept": "application/sparql-results+json"}),
              (200,))


def test_sparql_ordinary_query_still_answers(web, base):
    q = ("SELECT ?s WHERE { { ?s ?p ?o } UNION { ?o ?p ?s } FILTER(!isBlank(?s) && (isIRI(?s) || isLiteral(?s))) } "
         "LIMIT 2")
    r = clean(web.get(base + "sparql", params={"query": q}, headers={"Accept": "application/sparql-results+json"}),
              (200,))
    assert len(r.json()["results"]["bindings"]) == 2


@pytest.mark.parametrize("method, data, content_type, params, headers", [
    ("GET", None, None, {"query": "(" * 10_000}, {}),
    ("GET", None, None, {"query": "\x00\xff"}, {}),
    ("GET", None, None, {"query": 'SELECT * WHERE { ?s ?p "\x00" } LIMIT 1'}, {}),
    ("GET", None, None, {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "format": "\x00"}, {}),
    ("GET", None, None, {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "default-graph-uri": "\x00",
                         "named-graph-uri": "<>"}, {}),
    ("GET", None, None, {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}, {"Accept": "x/y;q=abc, */*;q=-1"}),
    ("GET", None, None, {"query": "ASK {}", "output": "json" * 1000}, {}),
    ("GET", None, None, {"update": "DROP ALL"}, {}),
    ("GET", None, None, {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 99999999999999999999999"}, {}),
    ("GET", None, None, {"query": "SELECT (1/0 AS ?x) (STRDT('x', <http://www.w3.org/2001/XMLSchema#int>) + 1 AS ?y) "
                                  "{}"}, {}),
    ("POST", b"\xff\xfe SELECT", SPARQL_QUERY, None, {}),
    ("POST", b"SELECT * {?s ?p ?o} LIMIT 1", SPARQL_QUERY + "; charset=bogus", None, {}),
    ("POST", b"query=%FF%FE", FORM + "; charset=latin-9", None, {}),
    ("POST", b"query=%FF%FE%ED%A0%80", FORM, None, {}),
    ("POST", b"update=DROP%20ALL", FORM, None, {}),
    ("POST", b"query=a&query=b", FORM, None, {}),
    ("POST", b"SELECT * {}", "text/plain", None, {}),
    ("POST", b"SELECT * {}", None, None, {"Content-Type": ""}),
    ("POST", b"x" * 2_000_000, SPARQL_QUERY, None, {}),
    ("POST", b"LOAD <file:///etc/passwd>", "application/sparql-update", None, {}),
])
def test_sparql_bad_requests(web, base, method, data, content_type, params, headers):
    headers = dict(headers)
    if content_type is not None:
        headers["Content-Type"] = content_type
    r = web.request(method, base + "sparql", data=data, params=params, headers=headers, timeout=120)
    clean(r, (200, 400, 403, 406, 413, 415))


# ------------------------------------------------------------------------------------------------
# raw bytes on the wire: what no HTTP client library would send
# ------------------------------------------------------------------------------------------------


def raw_request(base: str, head: bytes, body: bytes = b"") -> tuple[int, bytes]:
    host, port = urlsplit(base).hostname, urlsplit(base).port
    with socket.create_connection((host, port), timeout=60) as s:
        s.sendall(head + body)
        chunks = []
        while True:
            data = s.recv(65536)
            if not data:
                break
            chunks.append(data)
    answer = b"".join(chunks)
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0
    return status, answer


@pytest.mark.parametrize("line", [
    b"GET /search?q=\xff\xfe\x00Nguy\xe1\xbb\x85n HTTP/1.1",
    b"GET /reconcile?queries={\"q0\":{\"query\":\"\xff\"}} HTTP/1.1",
    b"GET /reconcile/suggest/entity?prefix=\xc3\x28\xed\xa0\x80 HTTP/1.1",
    b"GET /sparql?query=ASK\xff{} HTTP/1.1",
    b"GET /search?q=%00%00%00 HTTP/1.1",
    b"GET /reconcile/preview?id=\x01\x02\x7f HTTP/1.1",
])
def test_raw_invalid_utf8_in_request_lines(base, line):
    status, answer = raw_request(base, line + b"\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    assert 200 <= status < 500, answer[:300]
    assert b"Traceback" not in answer


def test_raw_body_with_wrong_content_length(base):
    body = b"queries=" + b"\xff" * 10
    head = (b"POST /reconcile HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: " + FORM.encode()
            + b"\r\nContent-Length: " + str(len(body) - 5).encode() + b"\r\n\r\n")
    status, answer = raw_request(base, head, body)
    assert 200 <= status < 500, answer[:300]
    assert b"Traceback" not in answer


# ------------------------------------------------------------------------------------------------
# random: every parameter of every route gets values of every kind
# ------------------------------------------------------------------------------------------------

NASTY = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40),
    st.sampled_from(["", " ", "\x00", "%", "%FF", "'", '"', "\\", "<script>", "{{id}}", "${id}", "-1", "0", "1e999",
                     "NaN", "99999999999999999999", "Nguyễn Du", "NguyÔn Du", "Nguyá»…n", "Nguyeãn", "?s ?p ?o }",
                     "http://127.0.0.1/agent/x", "*", "NEAR(", "a OR", "^", "()", "\u202e", "\ufeff", "\U0001f600"]),
    st.text(max_size=3).map(lambda s: s * 3000),
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | NASTY,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(NASTY, inner, max_size=4),
    max_leaves=12,
)
QUERY_SHAPED = st.fixed_dictionaries({}, optional={
    "query": JSON_VALUES, "type": JSON_VALUES, "limit": JSON_VALUES, "type_strict": JSON_VALUES,
    "properties": st.lists(st.fixed_dictionaries({}, optional={"pid": JSON_VALUES, "p": JSON_VALUES,
                                                              "v": JSON_VALUES}), max_size=3) | JSON_VALUES,
})
RANDOM = settings(max_examples=40, deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

GET_ROUTES = {
    "reconcile": ["queries", "extend", "callback", "lang"],
    "reconcile/suggest/entity": ["prefix", "cursor", "limit", "type", "callback"],
    "reconcile/suggest/type": ["prefix", "cursor", "limit"],
    "reconcile/suggest/property": ["prefix", "cursor", "limit", "type"],
    "reconcile/flyout/entity": ["id", "callback"],
    "reconcile/flyout/type": ["id"],
    "reconcile/flyout/property": ["id"],
    "reconcile/preview": ["id", "lang"],
    "reconcile/properties": ["type", "limit"],
    "reconcile/v1": [],
    "reconcile/v1/suggest/entity": ["prefix", "offset", "limit", "type"],
    "reconcile/v1/preview": ["id"],
    "reconcile/v1/extend/propose": ["type", "limit"],
    "search": ["q", "page", "library", "type", "language", "year", "subject", "lang"],
    "sparql": ["query", "format", "output", "results", "default-graph-uri", "named-graph-uri"],
}


@RANDOM
@given(route=st.sampled_from(sorted(GET_ROUTES)), data=st.data())
def test_random_parameters_on_every_get_route(web, base, route, data):
    names = GET_ROUTES[route]
    params = {name: data.draw(NASTY, label=name) for name in names if data.draw(st.booleans(), label=f"send {name}")}
    if route == "sparql" and "query" not in params:
        params["query"] = data.draw(NASTY, label="query")
    clean(web.get(base + route, params=params, timeout=120), (200, 400, 403, 404, 406, 413, 414, 415, 431))


@RANDOM
@given(batch=st.one_of(JSON_VALUES, st.dictionaries(st.from_regex(r"q[0-9]{1,2}", fullmatch=True) | NASTY,
                                                    QUERY_SHAPED | JSON_VALUES, max_size=5)))
def test_random_reconciliation_batches(web, base, batch):
    r = clean(web.post(base + "reconcile", data={"queries": json.dumps(batch)}), (200, 400, 413))
    if r.status_code == 200:
        assert set(r.json()) == set(batch)


@RANDOM
@given(body=st.one_of(JSON_VALUES, st.fixed_dictionaries({"queries": st.lists(
    st.fixed_dictionaries({}, optional={"query": JSON_VALUES, "type": JSON_VALUES, "limit": JSON_VALUES,
                                        "conditions": JSON_VALUES | st.lists(st.fixed_dictionaries({}, optional={
                                            "matchType": st.sampled_from(["name", "property", "id"]) | JSON_VALUES,
                                            "propertyId": JSON_VALUES, "propertyValue": JSON_VALUES,
                                            "required": JSON_VALUES}), max_size=3)}),
    max_size=4)})))
def test_random_v1_match_bodies(web, base, body):
    clean(web.post(base + "reconcile/v1/match", data=json.dumps(body).encode(), headers={"Content-Type": JSON_TYPE}),
          (200, 400, 413))


@RANDOM
@given(ext=st.one_of(JSON_VALUES, st.fixed_dictionaries({"ids": st.lists(NASTY, max_size=4) | JSON_VALUES,
                                                          "properties": st.lists(st.fixed_dictionaries(
                                                              {"id": NASTY | JSON_VALUES},
                                                              optional={"settings": JSON_VALUES}), max_size=3)
                                                          | JSON_VALUES})))
def test_random_extension_requests(web, base, ext):
    clean(web.post(base + "reconcile", data={"extend": json.dumps(ext)}), (200, 400, 413))
    clean(web.post(base + "reconcile/v1/extend", data=json.dumps(ext).encode(), headers={"Content-Type": JSON_TYPE}),
          (200, 400, 413))


@RANDOM
@given(raw=st.binary(max_size=300), route=st.sampled_from(["reconcile", "reconcile/v1/match", "reconcile/v1/extend",
                                                          "sparql"]),
       content_type=st.sampled_from([FORM, JSON_TYPE, SPARQL_QUERY, "application/sparql-update", "text/plain",
                                     "multipart/form-data; boundary=x", FORM + "; charset=utf-8"]))
def test_random_bytes_as_bodies(web, base, raw, route, content_type):
    body = (b"queries=" + raw) if content_type.startswith(FORM) and route == "reconcile" else raw
    clean(web.post(base + route, data=body, headers={"Content-Type": content_type}), (200, 400, 403, 406, 413, 415))


# ------------------------------------------------------------------------------------------------
# afterwards: nothing went wrong that an answer may have hidden
# ------------------------------------------------------------------------------------------------


def test_zz_server_log_has_no_unhandled_exception(web, fuzz_server):
    base, log = fuzz_server
    clean(web.get(base + "healthz"), (200,))
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text, text[text.find("Traceback") - 300 : text.find("Traceback") + 3000]
    statuses = [json.loads(line).get("status") for line in text.splitlines() if line.startswith("{")]
    assert not [s for s in statuses if isinstance(s, int) and s >= 500]
