"""The reconciliation service (``/reconcile``: API 0.2; ``/reconcile/v1``: 1.0-draft) on real
servers: the demo (session ``server``), a demo with external identifiers and duplicate
authorities (``ids_server``, :func:`reconweb.build_ids_store`), and fresh ones for the cases
that need their own (the first requests racing, a small body limit).

First the validator itself: every example file of the specification passes (``valid/``) or
fails (``invalid/``) the schema it belongs to — the same validator then judges every answer.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from types import SimpleNamespace
from urllib.parse import quote

import pytest
import requests
from pyoxigraph import Store
from reconweb import BROWSER, SCHEMAS_02, SCHEMAS_V1, SPECS, build_ids_store
from webhelp import build_demo, free_port, start_server, stop_server

from kg.text.heading import heading_key

BF = "http://id.loc.gov/ontologies/bibframe/"
PERSON, WORK = BF + "Person", BF + "Work"
OWL_SAME = "http://www.w3.org/2002/07/owl#sameAs"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DEFAULT_TYPES = ["Person", "Organization", "Meeting", "Family", "Work", "Topic", "Place"]

# -- the validator against the specification's examples -----------------------------------------

#: example folder -> (schema file, JSON pointer of the part it exemplifies)
EXAMPLES = {
    "0.2": {
        "manifest": ("manifest.json", ""),
        "reconciliation-query-batch": ("reconciliation-query-batch.json", ""),
        "reconciliation-result-batch": ("reconciliation-result-batch.json", ""),
        "reconciliation-candidate": ("reconciliation-result-batch.json", "/patternProperties/^.*$/properties/result/items"),
        "suggest-entities-response": ("suggest-entities-response.json", ""),
        "suggest-properties-response": ("suggest-properties-response.json", ""),
        "suggest-types-response": ("suggest-types-response.json", ""),
        "suggest-metadata": ("manifest.json", "/properties/suggest/definitions/service_definition"),
        "preview-metadata": ("manifest.json", "/properties/preview"),
        "data-extension-metadata": ("manifest.json", "/properties/extend"),
        "data-extension-query": ("data-extension-query.json", ""),
        "data-extension-response": ("data-extension-response.json", ""),
        "data-extension-property-proposal": ("data-extension-property-proposal.json", ""),
    },
    "1.0-draft": {
        "manifest": ("manifest.json", ""),
        "reconciliation-query-batch": ("reconciliation-query-batch.json", ""),
        "reconciliation-result-batch": ("reconciliation-result-batch.json", ""),
        "reconciliation-candidate": ("reconciliation-result-batch.json",
                                     "/properties/results/items/properties/candidates/items"),
        "suggest-entities-response": ("suggest-entities-response.json", ""),
        "suggest-properties-response": ("suggest-properties-response.json", ""),
        "suggest-types-response": ("suggest-types-response.json", ""),
        "preview-metadata": ("manifest.json", "/properties/preview"),
        "data-extension-metadata": ("manifest.json", "/properties/extend"),
        "data-extension-query": ("data-extension-query.json", ""),
        "data-extension-response": ("data-extension-response.json", ""),
        "data-extension-property-proposal": ("data-extension-property-proposal.json", ""),
    },
}
#: example folders no schema of the version describes, and what their files are: the 0.2 flyout
#: (``{id, html}``), the preview (HTML, no JSON file), and security schemes written the OpenAPI 3
#: way (``{"type": "http", "scheme": "basic"}``) where the manifest's ``authentication`` refers to
#: Swagger 2.0 (``openapi.json``), which has no such type — the specification's own checks
#: validate neither
NO_SCHEMA = {"flyout-response": {"id", "html"}, "preview-response": set(), "security-scheme": {"type"}}
SCHEMAS = {"0.2": SCHEMAS_02, "1.0-draft": SCHEMAS_V1}


def _examples():
    for version in EXAMPLES:
        for folder in sorted((SPECS / version / "examples").iterdir()):
            for kind in ("valid", "invalid"):
                for path in sorted((folder / kind).glob("*.json")):
                    yield pytest.param(version, folder.name, kind, path, id=f"{version}/{folder.name}/{kind}/{path.name}")


def test_every_example_folder_has_its_schema():
    for version, table in EXAMPLES.items():
        folders = {p.name for p in (SPECS / version / "examples").iterdir() if p.is_dir()}
        assert folders - set(NO_SCHEMA) == set(table), version
        for schema, _pointer in table.values():
            assert schema in SCHEMAS[version].files


@pytest.mark.parametrize("version, folder, kind, path", list(_examples()))
def test_specification_examples(version, folder, kind, path):
    if folder in NO_SCHEMA:
        assert NO_SCHEMA[folder] and NO_SCHEMA[folder] <= set(json.loads(path.read_text(encoding="utf-8")))
        return
    schema, pointer = EXAMPLES[version][folder]
    errors = SCHEMAS[version].errors(schema, json.loads(path.read_text(encoding="utf-8")), pointer)
    if kind == "valid":
        assert not errors, errors
    else:
        assert errors, f"{path.name} should not validate against {schema}{pointer}"


def test_the_validator_follows_references():
    """Errors found only through ``$ref`` (type.json, the Swagger schema): the registry is used."""
    assert SCHEMAS_02.errors("suggest-types-response.json", {"result": [{"id": "x"}]})  # type.json needs a name
    assert SCHEMAS_02.errors("manifest.json", {"versions": ["0.2"], "name": "n", "identifierSpace": "i",
                                               "schemaSpace": "s", "authentication": {"type": "nonsense"}})
    assert SCHEMAS_V1.errors("manifest.json", {"versions": ["1.0-draft"], "name": "n", "view": {"url": "{id}"},
                                               "lang": 3})  # lang.json


# -- fixtures ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_hubs(demo_store):
    """label of a cluster of the demo -> hub IRI, read from the store (not through the service)."""
    directory, _base, _port = demo_store
    store = Store.read_only(str(directory / "oxigraph"))
    return {r["label"].value: r["hub"].value for r in store.query(
        f"SELECT DISTINCT ?hub ?label WHERE {{ GRAPH ?g {{ ?hub <{OWL_SAME}> ?m ; <{RDFS_LABEL}> ?label }} }}")}


@pytest.fixture(scope="module")
def ids_server(tmp_path_factory):
    """The demo with identifiers and duplicates; what the page must show is computed before the
    server takes the store: the duplicates by :class:`kg.reconcile.Reconciler` itself, the hub of
    Phan Bội Châu from the index and the links graph."""
    from kg.reconcile import Reconciler
    from kg.store import Hub

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    store = build_ids_store(tmp_path_factory.mktemp("reconcile-ids"), base)
    with Hub(str(store), base_uri=base) as hub:
        with Reconciler(hub) as r:
            duplicates = {code: {(p.a.entity, p.b.entity) for p in r.duplicates(code)} for code in ("NLV", "VNU", "TVHN")}
        db = sqlite3.connect(f"file:{store / 'index.sqlite'}?mode=ro", uri=True)
        try:
            entity = {rid: e for rid, e in db.execute(
                "SELECT rid, entity FROM label_rows WHERE rid LIKE 'authority/%X%' AND form = 'authorised'")}
        finally:
            db.close()
        rows = hub.backend.select(f"SELECT ?g ?m ?hub WHERE {{ GRAPH ?g {{ ?hub <{OWL_SAME}> ?m }} }}",
                                  g=hub.names.links, m=_node(entity["authority/NLVX1"]))
        pbc = rows[0]["hub"].value
    proc = start_server(store, port)
    try:
        yield SimpleNamespace(base=base, duplicates=duplicates, entity=entity, pbc=pbc)
    finally:
        stop_server(proc)


def _node(iri: str):
    from pyoxigraph import NamedNode

    return NamedNode(iri)


def _queries(http, base: str, batch, method: str = "post", **extra):
    text = batch if isinstance(batch, str) else json.dumps(batch, ensure_ascii=False)
    if method == "post":
        return http.post(base + "reconcile", data={"queries": text, **extra}, timeout=60)
    return http.get(base + "reconcile", params={"queries": text, **extra}, timeout=60)


def _ok(r, schema: str | None = None, schemas=SCHEMAS_02):
    assert r.status_code == 200, (r.status_code, r.text[:400])
    assert r.headers["Content-Type"].startswith("application/json")
    assert r.headers.get("Access-Control-Allow-Origin") == "*"
    body = r.json()
    if schema:
        schemas.check(schema, body)
    return body


def _error(r, status: int) -> str:
    assert r.status_code == status, (r.status_code, r.text[:300])
    assert r.headers["Content-Type"].startswith("application/json")
    assert r.headers.get("Access-Control-Allow-Origin") == "*"
    body = r.json()
    assert body["status"] == status and isinstance(body["message"], str) and body["message"]
    return body["message"]


# -- the manifest ----------------------------------------------------------------------------------

def test_manifest(server, http):
    m = _ok(http.get(server + "reconcile", timeout=30), "manifest.json")
    assert "0.2" in m["versions"]
    assert m["identifierSpace"] == server and m["schemaSpace"] == BF
    assert m["view"]["url"] == "{{id}}"
    assert [t["id"] for t in m["defaultTypes"]] == [BF + t for t in DEFAULT_TYPES]
    assert m["preview"]["url"] == server + "reconcile/preview?id={{id}}"
    assert isinstance(m["preview"]["width"], int) and isinstance(m["preview"]["height"], int)
    for kind in ("entity", "type", "property"):
        assert m["suggest"][kind]["service_url"] == server + "reconcile"
        assert "${id}" in m["suggest"][kind]["flyout_service_path"]
    assert m["extend"]["propose_properties"] == {"service_url": server + "reconcile", "service_path": "/properties"}
    assert [s["name"] for s in m["extend"]["property_settings"]] == ["limit"]
    assert isinstance(m["batchSize"], int) and m["batchSize"] >= 10
    # the same at /reconcile/, by POST, and with parameters the service does not know
    assert _ok(http.get(server + "reconcile/", timeout=30)) == m
    assert _ok(http.post(server + "reconcile", timeout=30)) == m
    assert _ok(http.get(server + "reconcile", params={"spell": "always", "x": "1"}, timeout=30)) == m


def test_manifest_is_not_a_10_draft_manifest(server, http):
    m = _ok(http.get(server + "reconcile", timeout=30))
    assert SCHEMAS_V1.errors("manifest.json", m)  # the two versions need two roots


def test_manifest_in_english(server, http):
    vi = _ok(http.get(server + "reconcile", timeout=30))
    en = _ok(http.get(server + "reconcile", params={"lang": "en"}, timeout=30), "manifest.json")
    assert en["defaultTypes"][0]["name"] == "Person" and vi["defaultTypes"][0]["name"] == "Cá nhân"
    assert en["name"] != vi["name"]


def test_every_url_of_the_manifest_answers(server, http, demo_hubs):
    m = _ok(http.get(server + "reconcile", timeout=30))
    hub = demo_hubs["Nguyễn Du, 1765-1820"]
    for kind, schema in (("entity", "suggest-entities-response.json"), ("type", "suggest-types-response.json"),
                         ("property", "suggest-properties-response.json")):
        s = m["suggest"][kind]
        _ok(http.get(s["service_url"] + s["service_path"], params={"prefix": "ng"}, timeout=30), schema)
        ident = {"entity": hub, "type": PERSON, "property": "dates"}[kind]
        flyout = _ok(http.get(s["service_url"] + s["flyout_service_path"].replace("${id}", quote(ident, safe="")),
                              timeout=30))
        assert flyout["id"] == ident and flyout["html"]
    p = m["extend"]["propose_properties"]
    _ok(http.get(p["service_url"] + p["service_path"], params={"type": PERSON}, timeout=30),
        "data-extension-property-proposal.json")
    r = http.get(m["preview"]["url"].replace("{{id}}", quote(hub, safe="")), timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    page = http.get(m["view"]["url"].replace("{{id}}", hub), headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200 and "Nguyễn Du" in page.text  # the view URL is the entity page


# -- queries ---------------------------------------------------------------------------------------

BATCH = {
    "q0": {"query": "Nguyễn Du", "type": PERSON, "type_strict": "should", "properties": [{"pid": "dates", "v": "1765-1820"}]},
    "q1": {"query": "Nguyễn Dữ", "type": "Person"},
    "q2": {"query": "Truyện Kiều", "type": [WORK], "limit": 3},
    "q3": {"query": "Hoàng Cầm"},
    "q4": {"query": "Số đỏ", "type": {"id": WORK, "name": "Work"}},
    "q5": {"query": "Nguyễn Văn Không Có Thật"},
}


def test_queries_by_post_and_by_get(server, http):
    post = _ok(_queries(http, server, BATCH), "reconciliation-result-batch.json")
    get = _ok(_queries(http, server, BATCH, "get"), "reconciliation-result-batch.json")
    assert post == get and list(post) == list(BATCH)
    for q in post.values():
        scores = [c["score"] for c in q["result"]]
        assert scores == sorted(scores, reverse=True) and all(0 <= s <= 100 for s in scores)
        for c in q["result"]:
            assert c["id"].startswith(server) and c["name"] and c["type"][0]["id"].startswith(BF)
            assert isinstance(c["description"], str)
            assert all(isinstance(f["value"], (bool, int, float)) for f in c["features"])
    assert len(post["q2"]["result"]) <= 3
    assert post["q5"]["result"] == [] or not post["q5"]["result"][0]["match"]


def test_query_answers(server, http, demo_hubs):
    a = _ok(_queries(http, server, BATCH))
    du, dzu = demo_hubs["Nguyễn Du, 1765-1820"], demo_hubs["Nguyễn Dữ, thế kỷ 16"]
    assert a["q0"]["result"][0]["id"] == du and a["q0"]["result"][0]["match"]
    features = {f["id"]: f["value"] for f in a["q0"]["result"][0]["features"]}
    assert features["date_agreement"] == 1 and features["tone_exact"] is True and features["cluster_size"] >= 3
    assert a["q1"]["result"][0]["id"] == dzu and a["q1"]["result"][0]["id"] != du
    kieu = a["q2"]["result"][0]
    assert kieu["type"][0]["id"] == WORK and heading_key(kieu["name"]).endswith("truyện kiều")
    assert not a["q3"]["result"][0]["match"]  # the poet or the general: not safe
    assert heading_key(a["q4"]["result"][0]["name"]).endswith("số đỏ")


def test_types_restrict_when_strict(server, http):
    a = _ok(_queries(http, server, {"q0": {"query": "Truyện Kiều", "type": PERSON, "type_strict": "any"},
                                    "q1": {"query": "Truyện Kiều", "type": BF + "NoSuchType", "type_strict": "all"}}))
    assert all(c["type"][0]["id"] != WORK for c in a["q0"]["result"])
    assert a["q1"]["result"] == []


def test_malformed_queries_are_400_with_a_message(server, http):
    assert "not valid JSON" in _error(_queries(http, server, '{"q0": {"query": "x"'), 400)
    assert "not valid JSON" in _error(_queries(http, server, "{bad", "get"), 400)
    assert "JSON object" in _error(_queries(http, server, '["Nguyễn Du"]'), 400)
    message = _error(_queries(http, server, {"q0": {"query": "x"}, "q7": {"query": "y", "limit": "many"}}), 400)
    assert "q7" in message and "limit" in message
    assert "type_strict" in _error(_queries(http, server, {"q0": {"query": "x", "type_strict": "sometimes"}}), 400)
    assert "properties" in _error(_queries(http, server, {"q0": {"query": "x", "properties": {"pid": "dates"}}}), 400)


def test_a_batch_above_batch_size_is_413(server, http):
    size = _ok(http.get(server + "reconcile", timeout=30))["batchSize"]
    batch = {f"q{n}": {"query": f"Nguyễn {n}"} for n in range(size + 1)}
    assert str(size) in _error(_queries(http, server, batch), 413)
    _ok(_queries(http, server, dict(list(batch.items())[:size])), "reconciliation-result-batch.json")


def test_a_body_above_the_limit_is_413(tmp_path):
    """A server whose body limit is small (KG_MAX_BODY): a bigger form is refused whole."""
    port = free_port()
    store = tmp_path / "store"
    build_demo(store, f"http://127.0.0.1:{port}/")
    proc = start_server(store, port, env={"KG_MAX_BODY": "2000"})
    try:
        base = f"http://127.0.0.1:{port}/"
        with requests.Session() as http:
            small = {"q0": {"query": "Nguyễn Du"}}
            _ok(_queries(http, base, small), "reconciliation-result-batch.json")
            big = {"q0": {"query": "Nguyễn Du " + "x" * 3000}}
            assert _queries(http, base, big).status_code == 413
    finally:
        stop_server(proc)


def test_first_requests_at_once_share_one_reconciler(tmp_path):
    """A fresh server's first requests come together: the reconciler is created once, and every
    answer is the same."""
    port = free_port()
    store = tmp_path / "store"
    base = f"http://127.0.0.1:{port}/"
    build_demo(store, base)
    proc = start_server(store, port)
    try:
        answers, failures = [], []
        barrier = threading.Barrier(8)

        def ask():
            try:
                with requests.Session() as http:
                    barrier.wait(10)
                    answers.append(_ok(_queries(http, base, BATCH)))
            except Exception as e:  # noqa: BLE001 - reported below
                failures.append(e)

        threads = [threading.Thread(target=ask) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert not failures and len(answers) == 8
        assert all(a == answers[0] for a in answers)
        log = (store.parent / f"server-{port}.log").read_text(encoding="utf-8")
        assert "Traceback" not in log
    finally:
        stop_server(proc)


# -- CORS, JSONP, unknown parameters ------------------------------------------------------------

ROUTES_GET = ["reconcile", "reconcile/suggest/entity?prefix=nguyen", "reconcile/suggest/type?prefix=p",
              "reconcile/suggest/property?prefix=d", "reconcile/properties?type=" + quote(PERSON, safe=""),
              "reconcile/flyout/type?id=" + quote(PERSON, safe=""), "reconcile/v1", "reconcile/v1/suggest/entity?prefix=ng",
              "reconcile/v1/suggest/type?prefix=p", "reconcile/v1/suggest/property?prefix=d",
              "reconcile/v1/extend/propose?type=Person"]


@pytest.mark.parametrize("path", ROUTES_GET)
def test_cors_on_every_route(server, http, path):
    r = http.get(server + path, headers={"Origin": "http://127.0.0.1:3333"}, timeout=30)
    assert r.status_code == 200 and r.headers["Access-Control-Allow-Origin"] == "*"
    pre = http.options(server + path.split("?")[0], headers={
        "Origin": "http://127.0.0.1:3333", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, x-requested-with"}, timeout=30)
    assert pre.status_code == 200 and pre.headers["Access-Control-Allow-Origin"] == "*"
    methods = {m.strip() for m in pre.headers["Access-Control-Allow-Methods"].split(",")}
    headers = {h.strip().lower() for h in pre.headers["Access-Control-Allow-Headers"].split(",")}
    assert {"GET", "POST"} <= methods and {"content-type", "accept-language", "x-requested-with"} <= headers


def test_cors_on_posts_and_errors(server, http):
    origin = {"Origin": "https://example.org"}
    for r in (http.post(server + "reconcile", data={"queries": json.dumps(BATCH)}, headers=origin, timeout=30),
              http.post(server + "reconcile", data={"queries": "{"}, headers=origin, timeout=30),
              http.post(server + "reconcile/v1/match", json={"queries": []}, headers=origin, timeout=30),
              http.get(server + "reconcile/flyout/entity", params={"id": server + "nothing"}, headers=origin, timeout=30)):
        assert r.headers["Access-Control-Allow-Origin"] == "*", r.url


def _unwrap(r, callback: str):
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/javascript")
    assert r.text.startswith(f"/**/{callback}(") and r.text.endswith(");")
    return json.loads(r.text[len(callback) + 5:-2])


@pytest.mark.parametrize("path, schema", [("reconcile", "manifest.json"),
                                          ("reconcile/suggest/entity?prefix=nguyen", "suggest-entities-response.json"),
                                          ("reconcile/suggest/type?prefix=t", "suggest-types-response.json"),
                                          ("reconcile/properties?type=Work", "data-extension-property-proposal.json")])
def test_jsonp(server, http, path, schema):
    sep = "&" if "?" in path else "?"
    plain = _ok(http.get(server + path, timeout=30))
    for callback in ("jQuery36005823190567832645_1718000000000", "window.refine.cb", "$_cb9"):
        wrapped = _unwrap(http.get(server + path + sep + f"callback={callback}&_=1718000000000", timeout=30), callback)
        SCHEMAS_02.check(schema, wrapped)
        assert wrapped == plain
    queries = _unwrap(http.get(server + "reconcile", params={"queries": json.dumps(BATCH), "callback": "cb"},
                               timeout=30), "cb")
    SCHEMAS_02.check("reconciliation-result-batch.json", queries)


@pytest.mark.parametrize("callback", ["alert(1)", "a b", "<script>", "a;b", "1abc", "a..b", "x" * 700, "a.b.c.d.e.f.g.h"])
def test_jsonp_callback_must_be_an_identifier(server, http, callback):
    r = http.get(server + "reconcile", params={"callback": callback}, timeout=30)
    _error(r, 400)
    assert callback not in r.text  # never echoed


def test_unknown_parameters_are_ignored(server, http):
    junk = {"spell": "always", "exact": "false", "scoring": "entity", "prefixed": "true", "_": "17180", "foo": "bar"}
    plain = _ok(_queries(http, server, BATCH))
    assert _ok(_queries(http, server, BATCH, **junk)) == plain
    a = _ok(http.get(server + "reconcile/suggest/entity", params={"prefix": "nguyen d"}, timeout=30))
    b = _ok(http.get(server + "reconcile/suggest/entity", params={"prefix": "nguyen d", **junk}, timeout=30))
    assert a == b
    unknown_keys = {"q0": {"query": "Nguyễn Du", "type": PERSON, "client_hint": 1, "lang": "vi"}}
    assert _ok(_queries(http, server, unknown_keys))["q0"]["result"][0]["match"]


# -- suggest, flyout, preview ---------------------------------------------------------------------

def test_suggest_entities(server, http, demo_hubs):
    du = demo_hubs["Nguyễn Du, 1765-1820"]
    r = _ok(http.get(server + "reconcile/suggest/entity", params={"prefix": "Nguyễn D", "type": PERSON}, timeout=30),
            "suggest-entities-response.json")
    assert r["result"][0]["id"] == du and r["result"][0]["notable"][0]["id"] == PERSON
    assert "1765-1820" in r["result"][0]["description"]
    by_iri = _ok(http.get(server + "reconcile/suggest/entity", params={"prefix": du}, timeout=30))
    assert [x["id"] for x in by_iri["result"]] == [du]  # an identifier of ours as prefix: that entity
    assert _ok(http.get(server + "reconcile/suggest/entity", params={"prefix": "N"}, timeout=30))["result"] == []
    assert _ok(http.get(server + "reconcile/suggest/entity", timeout=30))["result"] == []


def test_suggest_pages(server, http):
    everything = _ok(http.get(server + "reconcile/suggest/entity", params={"prefix": "ng", "limit": 50}, timeout=30))
    ids = [x["id"] for x in everything["result"]]
    assert len(ids) >= 5 and "cursor" not in everything
    pages, cursor = [], 0
    while True:
        page = _ok(http.get(server + "reconcile/suggest/entity", params={"prefix": "ng", "limit": 2, "cursor": cursor},
                            timeout=30), "suggest-entities-response.json")
        pages += [x["id"] for x in page["result"]]
        if "cursor" not in page:
            break
        assert page["cursor"] == cursor + 2
        cursor = page["cursor"]
    assert pages == ids
    assert "cursor" in _error(http.get(server + "reconcile/suggest/entity", params={"prefix": "ng", "cursor": "x"},
                                       timeout=30), 400)


def test_suggest_types_and_properties(server, http):
    types = _ok(http.get(server + "reconcile/suggest/type", params={"prefix": "tac"}, timeout=30),
                "suggest-types-response.json")  # "Tác phẩm", marks ignored
    assert WORK in [t["id"] for t in types["result"]]
    everything = _ok(http.get(server + "reconcile/suggest/type", timeout=30))
    assert [t["id"] for t in everything["result"]] == [BF + t for t in DEFAULT_TYPES]
    props = _ok(http.get(server + "reconcile/suggest/property", params={"prefix": "thu vien"}, timeout=30),
                "suggest-properties-response.json")
    assert [p["id"] for p in props["result"]] == ["library"]
    work = _ok(http.get(server + "reconcile/suggest/property", params={"prefix": "", "type": WORK}, timeout=30))
    assert "creator" in [p["id"] for p in work["result"]] and "dates" not in [p["id"] for p in work["result"]]


def test_flyouts(server, http, demo_hubs):
    du = demo_hubs["Nguyễn Du, 1765-1820"]
    f = _ok(http.get(server + "reconcile/flyout/entity", params={"id": du}, timeout=30))
    assert f["id"] == du and "Nguyễn Du, 1765-1820" in f["html"] and "NLV" in f["html"]
    t = _ok(http.get(server + "reconcile/flyout/property", params={"id": "dates", "lang": "en"}, timeout=30))
    assert "Dates" in t["html"]
    _error(http.get(server + "reconcile/flyout/entity", params={"id": server + "agent/X/nothing"}, timeout=30), 404)
    _error(http.get(server + "reconcile/flyout/type", params={"id": BF + "Nope"}, timeout=30), 404)
    _error(http.get(server + "reconcile/flyout/entity", timeout=30), 400)


def test_preview(server, http, demo_hubs):
    du = demo_hubs["Nguyễn Du, 1765-1820"]
    r = http.get(server + "reconcile/preview", params={"id": du}, headers={"Accept": "text/html"}, timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    assert "X-Frame-Options" not in r.headers and "frame-ancestors *" in r.headers["Content-Security-Policy"]
    assert "<script" not in r.text and "style=" not in r.text  # CSP: no inline script or style
    assert "Nguyễn Du, 1765-1820" in r.text and f'href="{du}"' in r.text
    for code in ("NLV", "VNU", "TVHN"):
        assert f">{code}<" in r.text
    assert 'lang="vi"' in r.text and "Năm sinh" in r.text
    css = re.search(r'<link rel="stylesheet" href="([^"]+)"', r.text).group(1)
    sheet = http.get(server + css.lstrip("/"), timeout=30)
    assert sheet.status_code == 200 and sheet.headers["Content-Type"].startswith("text/css")
    en = http.get(server + "reconcile/preview", params={"id": du, "lang": "en"}, timeout=30)
    assert 'lang="en"' in en.text and "Dates" in en.text
    work = demo_hubs.get("Nguyễn Du, 1765-1820. Truyện Kiều")
    if work:
        w = http.get(server + "reconcile/preview", params={"id": work}, timeout=30)
        assert w.status_code == 200 and "Nguyễn Du, 1765-1820" in w.text
    missing = http.get(server + "reconcile/preview", params={"id": server + "agent/NLV/nothing-0"}, timeout=30)
    assert missing.status_code == 404 and "X-Frame-Options" not in missing.headers
    assert http.get(server + "reconcile/preview", timeout=30).status_code == 400


def test_preview_and_flyout_show_markup_as_text(extra_server, http):
    base, _instance = extra_server
    found = _ok(_queries(http, base, {"q0": {"query": "Kẻ Gian", "type": PERSON}}))["q0"]["result"]
    assert found and "<script>" in found[0]["name"]  # the name as catalogued, in JSON
    ident = found[0]["id"]
    page = http.get(base + "reconcile/preview", params={"id": ident}, timeout=30).text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    flyout = _ok(http.get(base + "reconcile/flyout/entity", params={"id": ident}, timeout=30))
    assert "<script>alert" not in flyout["html"] and "&lt;script&gt;" in flyout["html"]


# -- data extension -----------------------------------------------------------------------------

def test_extend(server, http, demo_hubs):
    du = demo_hubs["Nguyễn Du, 1765-1820"]
    query = {"ids": [du, server + "agent/NLV/nothing-0"],
             "properties": [{"id": "dates"}, {"id": "birth"}, {"id": "variants", "settings": {"limit": 2}},
                            {"id": "works"}, {"id": "library"}, {"id": "nonsense"}]}
    SCHEMAS_02.check("data-extension-query.json", query)
    post = _ok(http.post(server + "reconcile", data={"extend": json.dumps(query)}, timeout=30),
               "data-extension-response.json")
    get = _ok(http.get(server + "reconcile", params={"extend": json.dumps(query)}, timeout=30))
    assert post == get
    assert [m["id"] for m in post["meta"]] == ["dates", "birth", "variants", "works", "library", "nonsense"]
    row = post["rows"][du]
    assert row["dates"] == [{"str": "1765-1820"}] and row["birth"] == [{"int": 1765}]
    assert len(row["variants"]) == 2 and {v["str"] for v in row["library"]} == {"NLV", "VNU", "TVHN"}
    assert row["nonsense"] == []
    assert all(v == [] for v in post["rows"][server + "agent/NLV/nothing-0"].values())


def test_extend_errors(server, http):
    assert "not valid JSON" in _error(http.post(server + "reconcile", data={"extend": "{"}, timeout=30), 400)
    assert "ids" in _error(http.post(server + "reconcile", data={"extend": json.dumps({"ids": "x", "properties": []})},
                                     timeout=30), 400)
    many = {"ids": [f"{server}agent/NLV/x{n}" for n in range(501)], "properties": [{"id": "dates"}]}
    _error(http.post(server + "reconcile", data={"extend": json.dumps(many)}, timeout=30), 413)


def test_property_proposals(server, http):
    person = _ok(http.get(server + "reconcile/properties", params={"type": PERSON}, timeout=30),
                 "data-extension-property-proposal.json")
    assert person["type"] == PERSON and "dates" in [p["id"] for p in person["properties"]]
    limited = _ok(http.get(server + "reconcile/properties", params={"type": PERSON, "limit": 2}, timeout=30),
                  "data-extension-property-proposal.json")
    assert limited["properties"] == person["properties"][:2] and limited["limit"] == 2
    nothing = _ok(http.get(server + "reconcile/properties", params={"type": BF + "Nope"}, timeout=30))
    assert nothing["properties"] == []


# -- identifiers (a store that has some) -----------------------------------------------------------

@pytest.mark.parametrize("text", ["viaf:12345678", "http://viaf.org/viaf/12345678", "https://viaf.org/viaf/12345678/",
                                  "12345678", "n 80012345", "n80012345", "Q1234567", "wikidata:Q1234567"])
def test_an_identifier_answers_its_entity(ids_server, http, text):
    a = _ok(_queries(http, ids_server.base, {"q0": {"query": text, "type": PERSON, "type_strict": "should"}}),
            "reconciliation-result-batch.json")
    first = a["q0"]["result"][0]
    assert first["id"] == ids_server.pbc and first["match"] and first["score"] == 100
    assert {f["id"]: f["value"] for f in first["features"]}["identifier_match"] is True


def test_identifiers_as_properties_and_iris(ids_server, http):
    base = ids_server.base
    member = ids_server.entity["authority/VNUX1"]
    a = _ok(_queries(http, base, {
        "q0": {"query": "Phan Bội Châu", "properties": [{"pid": "viaf", "v": "12345678"}]},
        "q1": {"query": "Phan Bội Châu", "properties": [{"pid": "identifier", "v": "viaf:99999999"}]},
        "q2": {"query": member},
        "q3": {"query": ids_server.pbc}}), "reconciliation-result-batch.json")
    assert a["q0"]["result"][0]["id"] == ids_server.pbc and a["q0"]["result"][0]["match"]
    assert not a["q1"]["result"] or not a["q1"]["result"][0]["match"]  # another VIAF number: not safe
    assert a["q2"]["result"][0]["id"] == ids_server.pbc and a["q3"]["result"][0]["id"] == ids_server.pbc
    ext = _ok(http.post(base + "reconcile", data={"extend": json.dumps(
        {"ids": [ids_server.pbc], "properties": [{"id": "viaf"}, {"id": "lccn"}, {"id": "wikidata"}]})}, timeout=30),
        "data-extension-response.json")
    row = ext["rows"][ids_server.pbc]
    assert row["viaf"] == [{"str": "12345678"}] and row["lccn"] == [{"str": "n80012345"}]
    assert row["wikidata"] == [{"str": "Q1234567"}]
    preview = http.get(base + "reconcile/preview", params={"id": ids_server.pbc}, timeout=30).text
    assert "12345678" in preview and "Sào Nam" in preview
    suggested = _ok(http.get(base + "reconcile/suggest/entity", params={"prefix": "viaf:12345678"}, timeout=30))
    assert [x["id"] for x in suggested["result"]] == [ids_server.pbc]


# -- the library page: likely duplicates ---------------------------------------------------------

def _library_page(http, base: str, code: str, lang: str = "vi") -> str:
    """The library's page once its duplicates are computed (in the background: the first visit
    may say "computing" on a slow machine)."""
    import time

    deadline = time.monotonic() + 60
    while True:
        r = http.get(base + f"library/{code}", params={"lang": lang}, headers={"Accept": "text/html"}, timeout=60)
        assert r.status_code == 200
        section = r.text.split('<section id="duplicates">', 1)[1].split("</section>", 1)[0]
        if "Đang tổng hợp" not in section and "being computed" not in section.lower() or time.monotonic() > deadline:
            return r.text
        time.sleep(0.5)


def _duplicate_rows(html: str) -> list[tuple[str, str, str]]:
    """(the library's record link, the other record's link, the evidence cell) of the section."""
    section = html.split('<section id="duplicates">', 1)[1].split("</section>", 1)[0]
    out = []
    for row in re.findall(r"<tr>(.*?)</tr>", section, re.S):
        links = re.findall(r'<a href="(/agent/[^"]+)">', row)
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        if links:
            out.append((links[0], links[1], cells[2]))
    return out


def test_library_pages_list_likely_duplicates(ids_server, http):
    base = ids_server.base
    assert ids_server.duplicates["NLV"] and ids_server.duplicates["VNU"]
    for code, expected in ids_server.duplicates.items():
        page = _library_page(http, base, code)
        rows = _duplicate_rows(page)
        shown = {(base + a.lstrip("/"), base + b.lstrip("/")) for a, b, _e in rows}
        want = {(a, b) if a.startswith(f"{base}agent/{code}/") else (b, a) for a, b in expected}
        assert shown == want, code
        if not expected:
            assert "Không thấy biểu ghi chuẩn nào có thể trùng" in page
    nlv = _library_page(http, base, "NLV")
    hung, hung2 = ids_server.entity["authority/NLVX2"], ids_server.entity["authority/NLVX3"]
    rows = {frozenset((base + a.lstrip("/"), base + b.lstrip("/"))): e for a, b, e in _duplicate_rows(nlv)}
    evidence = rows[frozenset((hung, hung2))]
    assert "khác dấu thanh" in evidence and "kg link --same" in evidence  # Hùng / Hưng, same dates
    en = _library_page(http, base, "NLV", "en")
    assert "names differ by tone marks, same dates" in en
    vnu = _duplicate_rows(_library_page(http, base, "VNU"))
    assert vnu[0][0] == "/" + ids_server.entity["authority/VNUX2"][len(base):]  # its own record first


def test_the_demo_library_page_has_the_section(server, http):
    page = _library_page(http, server, "NLV")
    assert _duplicate_rows(page) == []  # the demo's duplicates are all linked already
    assert "Không thấy biểu ghi chuẩn nào có thể trùng" in page


# -- 1.0-draft ------------------------------------------------------------------------------------

def _v1(http, base, body, **headers):
    return http.post(base + "reconcile/v1/match", json=body, headers=headers, timeout=60)


def test_v1_manifest(server, http):
    m = _ok(http.get(server + "reconcile/v1", timeout=30), "manifest.json", SCHEMAS_V1)
    assert m["versions"] == ["1.0-draft"] and "identifierSpace" not in m
    assert SCHEMAS_02.errors("manifest.json", m)
    assert m["view"]["url"] == "{+id}" and m["suggest"] == {"entity": True, "property": True, "type": True}
    en = _ok(http.get(server + "reconcile/v1", headers={"Accept-Language": "en-GB,en;q=0.9"}, timeout=30))
    assert en["lang"] == "en" and en["defaultTypes"][0]["name"] == "Person"
    vi = http.get(server + "reconcile/v1", headers={"Accept-Language": "vi"}, timeout=30)
    assert vi.headers["Content-Language"] == "vi" and "Accept-Language" in vi.headers["Vary"]


def test_v1_match(server, http, demo_hubs):
    du, dzu = demo_hubs["Nguyễn Du, 1765-1820"], demo_hubs["Nguyễn Dữ, thế kỷ 16"]
    body = {"queries": [
        {"type": PERSON, "conditions": [{"matchType": "name", "propertyValue": "Nguyễn Du"},
                                        {"matchType": "property", "propertyId": "dates", "propertyValue": "1765-1820"}]},
        {"conditions": [{"matchType": "name", "propertyValue": "Nguyễn Dữ"}], "limit": 1},
        {"conditions": [{"matchType": "id", "propertyValue": du}]},
        {"conditions": [{"matchType": "id", "propertyValue": "not an identifier"}]},
        {"type": PERSON, "conditions": [
            {"matchType": "name", "propertyValue": "Hoàng Cầm"},
            {"matchType": "property", "propertyId": "dates", "propertyValue": "1922-2010", "required": True}]},
    ]}
    SCHEMAS_V1.check("reconciliation-query-batch.json", body)
    a = _ok(_v1(http, server, body), "reconciliation-result-batch.json", SCHEMAS_V1)
    r = [x["candidates"] for x in a["results"]]
    assert len(r) == 5
    assert r[0][0]["id"] == du and r[0][0]["match"]
    assert all(f["name"] and f["name"] != f["id"] for f in r[0][0]["features"])
    assert len(r[1]) == 1 and r[1][0]["id"] == dzu
    assert r[2][0]["id"] == du and r[2][0]["match"]
    assert r[3] == []
    assert [c["name"] for c in r[4]] == ["Hoàng Cầm, 1922-2010"]  # required: the general is left out
    en = _ok(_v1(http, server, {"queries": [{"conditions": [{"matchType": "name", "propertyValue": "Nguyễn Du"}]}]},
                 **{"Accept-Language": "en"}))
    assert "cluster of" in en["results"][0]["candidates"][0]["description"]


def test_v1_errors(server, http):
    _error(http.post(server + "reconcile/v1/match", data=b"{", headers={"Content-Type": "application/json"},
                     timeout=30), 400)
    _error(_v1(http, server, {"queries": [{"conditions": []}]}), 400)
    _error(_v1(http, server, {"queries": [{"conditions": [{"matchType": "nom", "propertyValue": "x"}]}]}), 400)
    _error(_v1(http, server, {"queries": [{"conditions": [{"matchType": "name", "propertyValue": "x"}], "type": ["a"]}]}), 400)
    assert "matchQuantifier" in _error(_v1(http, server, {"queries": [{"conditions": [
        {"matchType": "property", "propertyId": "dates", "propertyValue": "1", "matchQuantifier": "none"}]}]}), 400)
    size = _ok(http.get(server + "reconcile/v1", timeout=30))["batchSize"]
    q = {"conditions": [{"matchType": "name", "propertyValue": "x"}]}
    _error(_v1(http, server, {"queries": [q] * (size + 1)}), 413)
    assert http.get(server + "reconcile/v1/match", timeout=30).status_code == 405


def test_v1_suggest_preview_extend(server, http, demo_hubs):
    du = demo_hubs["Nguyễn Du, 1765-1820"]
    s = _ok(http.get(server + "reconcile/v1/suggest/entity", params={"prefix": "nguyen d", "type": PERSON}, timeout=30),
            "suggest-entities-response.json", SCHEMAS_V1)
    assert du in [x["id"] for x in s["result"]]
    first = _ok(http.get(server + "reconcile/v1/suggest/entity", params={"prefix": "ng", "limit": 2}, timeout=30))
    second = _ok(http.get(server + "reconcile/v1/suggest/entity", params={"prefix": "ng", "limit": 2, "offset": 2},
                          timeout=30))
    assert len(first["result"]) == 2 and not {x["id"] for x in first["result"]} & {x["id"] for x in second["result"]}
    _ok(http.get(server + "reconcile/v1/suggest/type", params={"prefix": "p"}, timeout=30),
        "suggest-types-response.json", SCHEMAS_V1)
    _ok(http.get(server + "reconcile/v1/suggest/property", params={"prefix": "d"}, timeout=30),
        "suggest-properties-response.json", SCHEMAS_V1)
    p = http.get(server + "reconcile/v1/preview", params={"id": du}, headers={"Accept-Language": "en"}, timeout=30)
    assert p.status_code == 200 and "X-Frame-Options" not in p.headers and 'lang="en"' in p.text
    body = {"ids": [du], "properties": [{"id": "dates"}, {"id": "variants", "settings": {"limit": 1}}]}
    SCHEMAS_V1.check("data-extension-query.json", body)
    e = _ok(http.post(server + "reconcile/v1/extend", json=body, timeout=30), "data-extension-response.json", SCHEMAS_V1)
    assert e["rows"] == [{"id": du, "properties": [{"id": "dates", "values": [{"str": "1765-1820"}]},
                                                   {"id": "variants", "values": e["rows"][0]["properties"][1]["values"]}]}]
    assert len(e["rows"][0]["properties"][1]["values"]) == 1
    pr = _ok(http.get(server + "reconcile/v1/extend/propose", params={"type": WORK, "limit": 3}, timeout=30),
             "data-extension-property-proposal.json", SCHEMAS_V1)
    assert pr["type"] == WORK and len(pr["properties"]) == 3


def test_v1_preflight(server, http):
    pre = http.options(server + "reconcile/v1/match", headers={**BROWSER, "Access-Control-Request-Method": "POST",
                                                               "Access-Control-Request-Headers": "content-type"},
                       timeout=30)
    assert pre.status_code == 200 and pre.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "content-type" in pre.headers["Access-Control-Allow-Headers"].lower()


# -- messages ------------------------------------------------------------------------------------

def test_every_message_exists_in_both_languages(server, http):
    from pathlib import Path

    from kg.reconcile.duplicates import EVIDENCE as ENGINE_EVIDENCE
    from kg.web import i18n
    from kg.web import pages  # noqa: F401 - registers the pages' messages
    from kg.web import reconcile
    from kg.web.pages.libraries import EVIDENCE

    templates = Path(__file__).resolve().parents[2] / "web" / "templates"
    keys = set()
    for name in ("_reconcile.html", "reconcile_preview.html", "library.html"):
        keys |= set(re.findall(r"""_\(\s*["']([a-z_.]+)["']\s*[,)]""", (templates / name).read_text(encoding="utf-8")))
    assert set(EVIDENCE) == set(ENGINE_EVIDENCE)  # every evidence the engine gives has its words
    keys |= set(EVIDENCE.values()) | {f"reconcile.feature.{f}" for f in reconcile.FEATURES}
    keys |= {"reconcile.name", "reconcile.limit", "reconcile.limit.help"}
    assert len(keys) > 30
    for key in keys:
        assert set(i18n.MESSAGES[key]) >= set(i18n.LANGUAGES), key
    # every feature the engine reports has a name
    answer = _ok(_queries(http, server, {**BATCH, "q9": {"query": "Nguyễn Du", "properties": [
        {"pid": "library", "v": "NLV"}, {"pid": "title", "v": "Truyện Kiều"}]},
        "q10": {"query": "Truyện Kiều", "type": WORK, "properties": [{"pid": "creator", "v": "Nguyễn Du"},
                                                                     {"pid": "language", "v": "vie"}]}}))
    features = {f["id"] for q in answer.values() for c in q["result"] for f in c["features"]}
    assert {"library_match", "work_match", "creator_match", "language_match"} <= features
    assert features <= set(reconcile.FEATURES)
