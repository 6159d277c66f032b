"""Updates need the bearer token, compared in constant time; secrets never reach a log or a
message: the server's stderr (request lines and everything else) after requests that carry the
token and the endpoint password in every place a client may put them, and the commands' messages
about a remote server whose URL carries a password."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys

import requests
from sechelp import PASSWORD, ROOT, TOKEN, free_port, start_server, stop_server
from servers import oxigraph_server

INSERT = 'INSERT DATA {{ GRAPH <{g}> {{ <urn:kg:test> <http://www.w3.org/2000/01/rdf-schema#label> "t" }} }}'


def test_the_token_is_compared_in_constant_time():
    from kg.web.sparql import views

    source = inspect.getsource(views.update)
    assert "hmac.compare_digest(" in source
    assert "== expected" not in source and "expected ==" not in source and "token ==" not in source


def test_updates_need_the_exact_token_in_the_header(secured, http):
    url = secured.base + "sparql"
    graph = secured.base + "graph/security-test"
    body = INSERT.format(g=graph).encode()
    ask = f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    refused = [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer "},
        {"Authorization": f"Bearer {TOKEN[:-1]}"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": f"Bearer {TOKEN.upper()}"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": TOKEN},
        {"Authorization": f"Token {TOKEN}"},
        {"X-Token": TOKEN},
        {"Cookie": f"token={TOKEN}"},
    ]
    for headers in refused:
        r = http.post(url, data=body, headers={"Content-Type": "application/sparql-update", **headers}, timeout=60)
        assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Bearer"), (headers, r.status_code)
        assert TOKEN not in r.text
    for params in ({"token": TOKEN}, {"access_token": TOKEN}, {"key": TOKEN}):
        r = http.post(url, params=params, data=body, headers={"Content-Type": "application/sparql-update"}, timeout=60)
        assert r.status_code == 401, params
    r = http.post(url, auth=("kg", TOKEN), data=body, headers={"Content-Type": "application/sparql-update"}, timeout=60)
    assert r.status_code == 401
    for method in ("PUT", "DELETE", "PATCH"):  # no other way to write: the Graph Store protocol is not served
        r = http.request(method, url, params={"graph": graph}, data=body, timeout=60, headers={
            "Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 405, (method, r.status_code)
    assert http.get(url, params={"query": ask}, headers={"Accept": "application/json"}, timeout=60).json()["boolean"] is False
    for scheme in ("Bearer", "bearer"):
        r = http.post(url, data=body, headers={"Content-Type": "application/sparql-update",
                                               "Authorization": f"{scheme} {TOKEN}"}, timeout=60)
        assert r.status_code == 204, r.text
    assert http.get(url, params={"query": ask}, headers={"Accept": "application/json"}, timeout=60).json()["boolean"] is True
    r = http.post(url, data={"update": f"DROP GRAPH <{graph}>"}, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert r.status_code == 204


def test_no_secret_in_the_server_log(secured, http):
    ids = []
    tries = [
        ("GET", "search", {"params": {"q": "Nguyễn Du", "token": TOKEN, "access_token": TOKEN},
                           "headers": {"Authorization": f"Bearer {TOKEN}"}}),
        ("GET", "sparql", {"params": {"query": "ASK {}", "api_key": TOKEN, "password": PASSWORD},
                           "headers": {"Authorization": f"Basic {PASSWORD}", "Accept": "application/json"}}),
        ("GET", "", {"headers": {"Cookie": f"session={TOKEN}; lang=en", "X-Api-Key": TOKEN}}),
        ("POST", "sparql", {"data": b"CLEAR ALL", "params": {"auth": TOKEN},
                            "headers": {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}x"}}),
        ("POST", "sparql", {"data": INSERT.format(g=secured.base + "graph/log-test").encode(),
                            "headers": {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}}),
        ("POST", "sparql", {"data": {"update": f"DROP GRAPH <{secured.base}graph/log-test>"},
                            "headers": {"Authorization": f"Bearer {TOKEN}"}}),
        ("POST", "reconcile", {"data": {"queries": json.dumps({"q0": {"query": "Nguyễn Du"}}), "secret": PASSWORD}}),
        ("GET", "no/such/page", {"params": {"password": PASSWORD}, "headers": {"Authorization": f"Bearer {TOKEN}"}}),
        ("GET", "sparql", {"params": {"query": "SELECT nonsense", "token": TOKEN}}),
        ("GET", f"search?q=x&token={TOKEN}&PASSWORD={PASSWORD}&signature={TOKEN}", {}),
    ]
    for n, (method, path, kwargs) in enumerate(tries):
        rid = f"secrets-test-{n}"
        ids.append(rid)
        headers = {**kwargs.pop("headers", {}), "X-Request-ID": rid}
        r = http.request(method, secured.base + path, headers=headers, timeout=60, **kwargs)
        assert r.status_code < 500 and r.headers["X-Request-ID"] == rid, (path, r.status_code)
    log = secured.log_text()
    lines = {json.loads(x)["id"]: json.loads(x) for x in log.splitlines() if x.startswith("{")}
    assert set(ids) <= set(lines), "every request has its line"  # the log is there, and read
    assert lines["secrets-test-0"]["query"].count("***") == 2
    assert TOKEN not in log and PASSWORD not in log
    assert TOKEN[:12] not in log and PASSWORD[:12] not in log  # nor a part of them


def _run_kg(*args, env):
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120)


def test_a_password_in_the_endpoint_url_is_never_printed(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    dead = f"http://kgadmin:{PASSWORD}@127.0.0.1:{free_port()}"
    for endpoint in (dead + "/sparql", dead):
        proc = _run_kg("stats", "--store", str(tmp_path / "index"), "--endpoint", endpoint, env=env)
        assert proc.returncode == 5 and "unreachable" in proc.stderr
        assert PASSWORD not in proc.stderr + proc.stdout and "kgadmin:***@127.0.0.1" in proc.stderr
    with oxigraph_server(tmp_path / "oxigraph") as (url, _proc):
        port = free_port()
        store = tmp_path / "served"
        live = url.replace("http://", f"http://kgadmin:{PASSWORD}@")
        server = start_server(store, port, "--endpoint", live, env={"KG_TOKEN": TOKEN})
        try:
            assert requests.get(f"http://127.0.0.1:{port}/search", params={"q": "x"}, timeout=60).status_code == 200
        finally:
            stop_server(server)
        log = (store.parent / f"server-{port}.log").read_text()
        assert "kg serve: http://127.0.0.1" in log and "kgadmin:***@127.0.0.1" in log
        assert PASSWORD not in log and TOKEN not in log
