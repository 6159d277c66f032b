"""Server-side request forgery: nothing a client sends makes the hub connect anywhere.

``SERVICE`` and ``LOAD`` to hosts off ``KG_SERVICE_ALLOW`` are refused on ``/sparql`` in every
spelling (``tests/web/test_sparql.py``: ``test_service_is_refused``, with
``test_these_queries_do_call_out`` proving each of those queries does connect when run unguarded,
``test_from_an_external_iri_is_not_fetched``, ``test_update_needs_the_token``).  Here, with a
socket of this machine that counts connections as the target: ``FROM``/``FROM NAMED``, the
protocol's ``default-graph-uri``/``named-graph-uri``, ``USING``, ``LOAD`` by the token holder,
and the reconciliation service given that socket's IRIs as queries, identifiers, types,
properties, property values, extension ids, preview and flyout ids (API 0.2 and 1.0-draft).
"""

from __future__ import annotations

import json
import socket

import pytest
from sechelp import TOKEN, Listener


@pytest.fixture()
def listener():
    lst = Listener()
    with socket.create_connection(("127.0.0.1", lst.port), timeout=5):
        pass
    assert lst.settle(0.3) == 1  # it does count what connects
    lst.connections = 0
    yield lst
    lst.close()


def urls(port: int) -> list[str]:
    return [f"http://127.0.0.1:{port}/data.ttl", f"http://localhost:{port}/sparql", f"http://127.0.0.1:{port}/",
            f"https://127.0.0.1:{port}/x", f"http://[::ffff:127.0.0.1]:{port}/", f"http://2130706433:{port}/",
            f"http://kg@127.0.0.1:{port}/"]


def test_datasets_of_a_query_are_never_fetched(secured, http, listener):
    sparql = secured.base + "sparql"
    for url in urls(listener.port):
        queries = [f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
                   f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                   f"CONSTRUCT {{ ?s ?p ?o }} FROM <{url}> WHERE {{ ?s ?p ?o }}",
                   f"ASK FROM <{url}> FROM NAMED <{url}> {{ ?s ?p ?o }}",
                   f"DESCRIBE <{url}>",
                   f"SELECT * WHERE {{ GRAPH <{url}> {{ ?s ?p ?o }} }}"]
        for query in queries:
            r = http.get(sparql, params={"query": query}, headers={"Accept": "application/json"}, timeout=60)
            assert r.status_code < 500, (query, r.status_code, r.text[:200])
            r = http.post(sparql, data={"query": query, "default-graph-uri": url, "named-graph-uri": url}, timeout=60)
            assert r.status_code < 500, (query, r.status_code, r.text[:200])
        r = http.get(sparql, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "default-graph-uri": url,
                                     "named-graph-uri": url}, timeout=60)
        assert r.status_code < 500
    assert listener.settle() == 0


def test_updates_reach_no_host_even_with_the_token(secured, http, listener):
    sparql = secured.base + "sparql"
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/sparql-update"}
    for url in urls(listener.port):
        for update in (f"LOAD <{url}>", f"LOAD SILENT <{url}> INTO GRAPH <{secured.base}graph/x>",
                       f"INSERT {{ GRAPH <{secured.base}graph/x> {{ ?s ?p ?o }} }} USING <{url}> WHERE {{ ?s ?p ?o }}",
                       f"INSERT {{ GRAPH <{secured.base}graph/x> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"):
            r = http.post(sparql, data=update.encode(), headers=auth, timeout=60)
            assert r.status_code in (400, 204), (update, r.status_code, r.text[:200])
            if update.startswith("LOAD") or "SERVICE" in update:
                assert r.status_code == 400 and "allow" in r.text, (update, r.text)
        r = http.post(sparql, params={"using-graph-uri": url, "using-named-graph-uri": url},
                      data=f"INSERT {{ GRAPH <{secured.base}graph/x> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}".encode(),
                      headers=auth, timeout=60)
        assert r.status_code in (400, 204), r.text
    http.post(sparql, data=f"DROP SILENT GRAPH <{secured.base}graph/x>".encode(), headers=auth, timeout=60)
    assert listener.settle() == 0


def test_reconciliation_never_fetches_what_it_is_given(secured, http, listener):
    base = secured.base
    for url in urls(listener.port):
        batch = {"q0": {"query": url}, "q1": {"query": "Nguyễn Du", "type": url},
                 "q2": {"query": "Nguyễn Du", "properties": [{"pid": url, "v": url}, {"pid": "identifier", "v": url},
                                                              {"pid": "library", "v": {"id": url}}]},
                 "q3": {"query": "x", "properties": [{"pid": "creator", "v": {"id": url, "name": url}}]}}
        extend = {"ids": [url, base + "agent/NLV/x"], "properties": [{"id": url}, {"id": "dates"}]}
        for method in ("GET", "POST"):
            send = {"params": {"queries": json.dumps(batch)}} if method == "GET" else {"data": {"queries": json.dumps(batch)}}
            r = http.request(method, base + "reconcile", timeout=60, **send)
            assert r.status_code < 500, (r.status_code, r.text[:300])
            send = {"params": {"extend": json.dumps(extend)}} if method == "GET" else {"data": {"extend": json.dumps(extend)}}
            r = http.request(method, base + "reconcile", timeout=60, **send)
            assert r.status_code < 500, (r.status_code, r.text[:300])
        for path, params in [("reconcile/preview", {"id": url}), ("reconcile/flyout/entity", {"id": url}),
                             ("reconcile/flyout/type", {"id": url}), ("reconcile/flyout/property", {"id": url}),
                             ("reconcile/suggest/entity", {"prefix": url, "type": url}),
                             ("reconcile/suggest/type", {"prefix": url}),
                             ("reconcile/suggest/property", {"prefix": url, "type": url}),
                             ("reconcile/properties", {"type": url}),
                             ("reconcile/v1/preview", {"id": url}),
                             ("reconcile/v1/suggest/entity", {"prefix": url, "type": url}),
                             ("reconcile/v1/suggest/property", {"prefix": url, "type": url}),
                             ("reconcile/v1/extend/propose", {"type": url}),
                             ("search", {"q": url, "subject": url, "library": url}),
                             ("reconcile", {"callback": "cb", "queries": json.dumps({"q0": {"query": url}})})]:
            r = http.get(base + path, params=params, timeout=60)
            assert r.status_code < 500, (path, r.status_code, r.text[:300])
        v1 = {"queries": [{"conditions": [{"matchType": "name", "propertyValue": url}]},
                          {"conditions": [{"matchType": "id", "propertyValue": [url]}], "type": url},
                          {"conditions": [{"matchType": "name", "propertyValue": "Nguyễn Du"},
                                          {"matchType": "property", "propertyId": url, "propertyValue": url},
                                          {"matchType": "property", "propertyId": "identifier", "propertyValue": url}]}]}
        r = http.post(base + "reconcile/v1/match", json=v1, timeout=60)
        assert r.status_code < 500, (r.status_code, r.text[:300])
        r = http.post(base + "reconcile/v1/extend", json={"ids": [url], "properties": [{"id": url}, {"id": "dates"}]},
                      timeout=60)
        assert r.status_code < 500, (r.status_code, r.text[:300])
    assert listener.settle() == 0
