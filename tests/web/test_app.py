def test_smoke(server, http):
    r = http.get(server + "healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    r = http.get(server + "nothing-here", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "<h1>" in r.text
