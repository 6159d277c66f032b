"""OpenRefine's own requests, replayed against the live demo server (``kg serve``), every answer
validated against the 0.2 schemas.

A cataloguer's session, request by request, as OpenRefine 3.x makes them:

1. the browser front end fetches the manifest cross-origin (``Origin: http://127.0.0.1:3333``),
   and — as OpenRefine < 3.3 and its fallback do — again as JSONP;
2. the Java back end reconciles a column of names: form-encoded POSTs of ``queries=`` batches
   of 10 (``StandardReconConfig``: ``{"query", "type", "type_strict": "should", "properties":
   [{"pid", "v"}]}``, no ``limit``), the "Năm sinh" and "Nhan đề" columns mapped to the ``dates``
   and ``title`` properties;
3. then a column of titles, the creator column reconciled already: its cells go as
   ``{"id", "name"}`` values;
4. the browser's suggest widget while the cataloguer types (``prefix``, ``type``,
   ``type_strict``, ``spell``, ``exact``, ``prefixed``; JSONP ``callback`` and ``_``), "view
   more" (``cursor``), the flyout of the highlighted entry;
5. the preview iframe of each matched cell;
6. "Add columns from reconciled values": the property proposal (browser) and the data
   extension (back end, ``extend=``).

The answers are checked against what the demo is (``kg/demo/README.md``): the Nguyễn Du cluster
of three libraries first for every spelling of his name, ``match: true`` only where the name
and dates leave no doubt (never for "nguyen du", which is also Nguyễn Dữ, nor for "Hoàng Cầm"
without dates: the poet and the general), and never on a wrong entity.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from pyoxigraph import Store
from reconweb import BACKEND, BROWSER, SCHEMAS_02

from kg.text.heading import heading_key

BF = "http://id.loc.gov/ontologies/bibframe/"
PERSON, WORK = BF + "Person", BF + "Work"
OWL_SAME = "http://www.w3.org/2002/07/owl#sameAs"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
JQUERY = "jQuery36005823190567832645_1718000000000"
BATCH = 10  # StandardReconConfig.getBatchSize

#: the cataloguer's spreadsheet of names: (Tên, Năm sinh, Nhan đề), the entity the demo holds for it
#: (its name as the store shows it; a tuple: either is right, None: nobody) and whether
#: ``match: true`` must (True), must not (False) or may (None) be answered
NAMES = [
    ("Nguyễn Du", "1765-1820", "", "Nguyễn Du, 1765-1820", True),
    ("Nguyễn Du", "", "", "Nguyễn Du, 1765-1820", True),
    ("nguyen du", "", "", "Nguyễn Du, 1765-1820", False),  # also Nguyễn Dữ, folded
    ("Nguyễn, Du", "", "", "Nguyễn Du, 1765-1820", None),
    ("Du, Nguyễn", "", "", "Nguyễn Du, 1765-1820", None),
    ("Nguyen Du", "1765-1820", "", "Nguyễn Du, 1765-1820", None),
    ("Nguyễn Du", "", "Truyện Kiều", "Nguyễn Du, 1765-1820", True),
    ("Tố Như", "", "", "Nguyễn Du, 1765-1820", None),  # his pen name, a 400
    ("Nguyễn Dữ", "", "", "Nguyễn Dữ, thế kỷ 16", None),  # not Nguyễn Du: a tone apart
    ("Hoàng Cầm", "", "", ("Hoàng Cầm, 1922-2010", "Hoàng Cầm, 1920-2013"), False),  # poet or general
    ("Hoàng Cầm", "1922-2010", "", "Hoàng Cầm, 1922-2010", True),
    ("Hoàng Cầm", "1920-2013", "", "Hoàng Cầm, 1920-2013", True),
    ("Tô Hoài", "", "", "Tô Hoài, 1920-2014", None),
    ("Nguyễn Sen", "", "", "Tô Hoài, 1920-2014", None),  # his birth name
    ("Vũ, Trọng Phụng", "", "", "Vũ Trọng Phụng, 1912-1939", None),
    ("Hồ Xuân Hương", "1772-1822", "", "Hồ Xuân Hương, 1772-1822", True),
    ("Đặng Thuỳ Trâm", "", "", "Đặng Thùy Trâm, 1942-1970", None),  # new-style tone placement
    ("Trần Hữu Tri", "", "", "Nam Cao, 1915-1951", None),  # Nam Cao's real name
    ("Nam Cao", "", "", "Nam Cao, 1915-1951", None),
    ("Xuân Diệu", "", "", "Xuân Diệu, 1916-1985", None),
    ("Hồ Chí Minh", "", "", "Hồ Chí Minh, 1890-1969", None),
    ("Nguyễn Văn Không Có", "1901-1999", "", None, False),  # nobody of the demo
]
#: titles, the row of NAMES whose reconciled cell is the creator column, and the work (the name of
#: its cluster: creator and uniform title — "Nhật ký trong tù" is Hồ Chí Minh's "Ngục trung nhật ký")
TITLES = [("Truyện Kiều", 1, "Nguyễn Du, 1765-1820. Truyện Kiều"), ("Chí Phèo", 18, "Nam Cao, 1915-1951. Chí Phèo"),
          ("Số đỏ", 14, "Vũ Trọng Phụng, 1912-1939. Số đỏ"),
          ("Dế Mèn phiêu lưu ký", 12, "Tô Hoài, 1920-2014. Dế Mèn phiêu lưu ký"),
          ("Nhật ký trong tù", 20, "Hồ Chí Minh, 1890-1969. Ngục trung nhật ký"),
          ("Truyền kỳ mạn lục", 8, "Nguyễn Dữ, thế kỷ 16. Truyền kỳ mạn lục")]


def _json(r):
    assert r.headers["Content-Type"].startswith("application/json"), r.headers["Content-Type"]
    return r.json()


def _jsonp(r, callback: str):
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/javascript")
    text = r.text
    assert text.startswith(f"/**/{callback}(") and text.endswith(");"), text[:80]
    return json.loads(text[len(f"/**/{callback}("):-2])


def _browser(http, url: str, **params):
    r = http.get(url, params=params, headers=BROWSER, timeout=30)
    assert r.status_code == 200, (url, r.status_code, r.text[:300])
    assert r.headers.get("Access-Control-Allow-Origin") == "*", url  # CORS: the page may read it
    return r


def _backend(http, url: str, field: str, payload: dict):
    """``HttpClient.postNameValue(url, field, json)``: one form field, UTF-8, no Origin."""
    body = f"{field}=" + quote(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), safe="")
    r = http.post(url, data=body.encode("ascii"), headers=BACKEND, timeout=60)
    assert r.status_code == 200, (r.status_code, r.text[:300])
    return _json(r)


@pytest.fixture(scope="module")
def hub_of(demo_store):
    """label of a cluster -> (hub IRI, libraries of its members), read from the store itself."""
    directory, base, _ = demo_store
    store = Store.read_only(str(directory / "oxigraph"))
    out: dict[str, tuple[str, set[str]]] = {}
    rows = store.query(f"SELECT ?hub ?label ?m WHERE {{ GRAPH ?g {{ ?hub <{OWL_SAME}> ?m ; <{RDFS_LABEL}> ?label }} }}",
                       substitutions={})
    for r in rows:
        hub, label, member = r["hub"].value, r["label"].value, r["m"].value
        lib = member[len(base):].split("/")[1]
        out.setdefault(label, (hub, set()))[1].add(lib)
    return out


@pytest.fixture(scope="module")
def session(server, hub_of):
    """The whole replayed session (every request made once), for the tests below to examine."""
    import requests

    with requests.Session() as http:
        s: dict = {"base": server}
        # 1. the manifest, CORS then JSONP
        s["manifest"] = _json(_browser(http, server + "reconcile"))
        s["manifest_jsonp"] = _jsonp(_browser(http, server + "reconcile", callback=JQUERY, _="1718000000001"), JQUERY)
        service = s["manifest"]["suggest"]["entity"]["service_url"]
        assert service == server + "reconcile"
        # 2. the column of names, batches of 10
        s["names"] = []
        for i in range(0, len(NAMES), BATCH):
            batch = {}
            for n, (name, dates, title, _expected, _match) in enumerate(NAMES[i:i + BATCH]):
                q: dict = {"query": name, "type": PERSON, "type_strict": "should"}
                props = [{"pid": pid, "v": v} for pid, v in (("dates", dates), ("title", title)) if v]
                if props:
                    q["properties"] = props
                batch[f"q{n}"] = q
            answer = _backend(http, server + "reconcile", "queries", batch)
            s.setdefault("batches", []).append(answer)
            s["names"] += [answer[f"q{n}"]["result"] for n in range(len(batch))]
        # 3. the titles, the creator column reconciled
        batch = {}
        for n, (title, row, _expected) in enumerate(TITLES):
            first = s["names"][row][0]
            batch[f"q{n}"] = {"query": title, "type": WORK, "type_strict": "should",
                              "properties": [{"pid": "creator", "v": {"id": first["id"], "name": first["name"]}}]}
        s["titles_batch"] = _backend(http, server + "reconcile", "queries", batch)
        s["titles"] = [s["titles_batch"][f"q{n}"]["result"] for n in range(len(TITLES))]
        # 4. suggest while typing, "view more", the flyout; types and properties
        entity = s["manifest"]["suggest"]["entity"]
        s["typing"] = {}
        for prefix in ("N", "Ng", "Nguy", "Nguyễn D", "nguyen d", "Hoàng C"):
            r = _browser(http, entity["service_url"] + entity["service_path"], prefix=prefix, type=PERSON,
                         type_strict="should", spell="always", exact="false", prefixed="true")
            s["typing"][prefix] = _json(r)
        r = _browser(http, entity["service_url"] + entity["service_path"], prefix="Ng", type=PERSON,
                     type_strict="should", spell="always", exact="false", prefixed="true", callback=JQUERY,
                     _="1718000000002")
        s["typing_jsonp"] = _jsonp(r, JQUERY)
        more = s["typing_jsonp"].get("cursor")
        s["more"] = _json(_browser(http, entity["service_url"] + entity["service_path"], prefix="Ng", type=PERSON,
                                   type_strict="should", cursor=more)) if more else None
        top = s["typing"]["Nguyễn D"]["result"][0]
        flyout = entity["service_url"] + entity["flyout_service_path"].replace("${id}", quote(top["id"], safe=""))
        s["flyout"] = (top, _json(_browser(http, flyout)))
        types = s["manifest"]["suggest"]["type"]
        s["types"] = _json(_browser(http, types["service_url"] + types["service_path"], prefix="Ng"))
        s["types_en"] = _json(_browser(http, types["service_url"] + types["service_path"], prefix="Per", lang="en"))
        props = s["manifest"]["suggest"]["property"]
        s["properties"] = _json(_browser(http, props["service_url"] + props["service_path"], prefix="năm",
                                         type=PERSON))
        # 5. previews of the matched cells, in an iframe
        preview = s["manifest"]["preview"]["url"]
        s["previews"] = []
        for result in s["names"] + s["titles"]:
            if result and result[0]["match"]:
                url = preview.replace("{{id}}", quote(result[0]["id"], safe=""))
                r = http.get(url, headers={**BROWSER, "Accept": "text/html", "Sec-Fetch-Dest": "iframe"}, timeout=30)
                s["previews"].append((result[0], r))
        # 6. add columns from reconciled values
        propose = s["manifest"]["extend"]["propose_properties"]
        s["proposal"] = _json(_browser(http, propose["service_url"] + propose["service_path"], type=PERSON))
        s["proposal_work"] = _json(_browser(http, propose["service_url"] + propose["service_path"], type=WORK))
        ids = list(dict.fromkeys(r[0]["id"] for r in s["names"] if r and r[0]["match"]))
        s["extend"] = _backend(http, server + "reconcile", "extend", {
            "ids": ids, "properties": [{"id": "dates"}, {"id": "variants", "settings": {"limit": "3"}},
                                       {"id": "works"}, {"id": "library"}, {"id": "records"}]})
        work_ids = [r[0]["id"] for r in s["titles"] if r]
        s["extend_works"] = _backend(http, server + "reconcile", "extend", {
            "ids": work_ids, "properties": [{"id": "creator"}, {"id": "language"}, {"id": "instances"}]})
        s["extend_ids"], s["extend_work_ids"] = ids, work_ids
        yield s


# -- every answer validates ------------------------------------------------------------------------

def test_every_answer_validates_against_the_02_schemas(session):
    s = session
    SCHEMAS_02.check("manifest.json", s["manifest"])
    assert s["manifest_jsonp"] == s["manifest"]
    for answer in s["batches"] + [s["titles_batch"]]:
        SCHEMAS_02.check("reconciliation-result-batch.json", answer)
    for answer in list(s["typing"].values()) + [s["typing_jsonp"]] + ([s["more"]] if s["more"] else []):
        SCHEMAS_02.check("suggest-entities-response.json", answer)
    SCHEMAS_02.check("suggest-types-response.json", s["types"])
    SCHEMAS_02.check("suggest-types-response.json", s["types_en"])
    SCHEMAS_02.check("suggest-properties-response.json", s["properties"])
    SCHEMAS_02.check("data-extension-property-proposal.json", s["proposal"])
    SCHEMAS_02.check("data-extension-property-proposal.json", s["proposal_work"])
    SCHEMAS_02.check("data-extension-response.json", s["extend"])
    SCHEMAS_02.check("data-extension-response.json", s["extend_works"])
    _top, flyout = s["flyout"]
    assert set(flyout) == {"id", "html"} and all(isinstance(v, str) for v in flyout.values())  # as the 0.2 example


def test_batches_answer_every_query_best_first(session):
    for answer in session["batches"] + [session["titles_batch"]]:
        keys = list(answer)
        assert keys == [f"q{n}" for n in range(len(keys))]
        for q in answer.values():
            scores = [c["score"] for c in q["result"]]
            assert scores == sorted(scores, reverse=True)
            assert all(0 <= x <= 100 for x in scores)
            assert sum(c["match"] for c in q["result"]) <= 1 and all(not c["match"] for c in q["result"][1:])
    assert len(session["names"]) == len(NAMES) and len(session["batches"]) == -(-len(NAMES) // BATCH)


# -- the answers are right ---------------------------------------------------------------------------

def _is(candidate: dict, expected) -> bool:
    names = expected if isinstance(expected, tuple) else (expected,)
    return any(heading_key(candidate["name"]) == heading_key(n) for n in names)


@pytest.mark.parametrize("row", range(len(NAMES)), ids=[f"{n[0]}|{n[1]}|{n[2]}" for n in NAMES])
def test_names_answer_the_demos_entity(session, row):
    name, _dates, _title, expected, match = NAMES[row]
    result = session["names"][row]
    if expected is None:
        assert not any(c["match"] for c in result), result[:1]
        return
    assert result, f"no candidate for {name!r}"
    first = result[0]
    assert _is(first, expected), (name, first["name"])
    if match is True:
        assert first["match"], (name, first)
    elif match is False:
        assert not first["match"], (name, first)
    features = {f["id"]: f["value"] for f in first["features"]}
    assert {"name_similarity", "tone_exact", "date_agreement", "identifier_match"} <= set(features)


def test_every_spelling_of_nguyen_du_answers_his_cluster_of_three_libraries(session, hub_of):
    hub, libraries = hub_of["Nguyễn Du, 1765-1820"]
    assert libraries == {"NLV", "VNU", "TVHN"} and "/agent/hub/" in hub
    for row, (name, _d, _t, expected, _m) in enumerate(NAMES):
        if expected == "Nguyễn Du, 1765-1820":
            assert session["names"][row][0]["id"] == hub, name
    exact = session["names"][0][0]  # with his dates
    assert exact["match"] and exact["type"][0]["id"] == PERSON
    assert {f["id"]: f["value"] for f in exact["features"]}["date_agreement"] == 1
    assert "NLV" in exact["description"] and "VNU" in exact["description"] and "TVHN" in exact["description"]


def test_nguyen_du_is_never_nguyen_du_with_another_tone(session, hub_of):
    du, _ = hub_of["Nguyễn Du, 1765-1820"]
    row = next(i for i, n in enumerate(NAMES) if n[0] == "Nguyễn Dữ")
    result = session["names"][row]
    assert result[0]["id"] != du
    assert not any(c["match"] for c in result if c["id"] == du)
    tone = {f["id"]: f["value"] for f in next(c for c in result if c["id"] == du)["features"]}
    assert tone["tone_exact"] is False
    # and Nguyễn Du's answers never offer Nguyễn Dữ as a match
    for r, (name, *_rest) in enumerate(NAMES):
        if name in ("Nguyễn Du", "Nguyễn, Du", "Du, Nguyễn"):
            assert not any(c["match"] and heading_key(c["name"]).startswith("nguyễn dữ") for c in session["names"][r])


def test_match_true_only_on_the_right_entity(session):
    for row, (name, _d, _t, expected, _m) in enumerate(NAMES):
        for c in session["names"][row]:
            if c["match"]:
                assert expected is not None and _is(c, expected), (name, c["name"])


def test_titles_with_a_reconciled_creator(session):
    for n, (title, row, expected) in enumerate(TITLES):
        result = session["titles"][n]
        assert result, title
        first = result[0]
        assert first["type"][0]["id"] == WORK and "/work/hub/" in first["id"]
        assert _is(first, expected), (title, first["name"])
        features = {f["id"]: f["value"] for f in first["features"]}
        assert features.get("creator_match") is True, (title, first)  # the {id, name} cell was understood
        assert first["match"], (title, first)
        assert session["names"][row][0]["match"]  # the creator cell was matched


# -- suggest, flyout, preview -------------------------------------------------------------------

def test_suggest_while_typing(session, hub_of):
    du, _ = hub_of["Nguyễn Du, 1765-1820"]
    typing = session["typing"]
    assert typing["N"]["result"] == []  # one letter: still too little to say anything
    for prefix in ("Ng", "Nguy"):
        assert typing[prefix]["result"] and all(r["notable"][0]["id"] == PERSON for r in typing[prefix]["result"])
    assert du in [r["id"] for r in typing["Nguyễn D"]["result"]]
    assert typing["Nguyễn D"]["result"][0]["id"] == du  # the same marks first
    assert du in [r["id"] for r in typing["nguyen d"]["result"]]  # typed without marks
    poets = [r["name"] for r in typing["Hoàng C"]["result"]]
    assert {"Hoàng Cầm, 1922-2010", "Hoàng Cầm, 1920-2013"} <= set(poets)
    for r in typing["Nguyễn D"]["result"]:
        assert r["notable"] and r["notable"][0]["id"] == PERSON
    page1 = [r["id"] for r in session["typing_jsonp"]["result"]]
    assert page1 == [r["id"] for r in typing["Ng"]["result"]]  # JSONP or CORS: the same answer
    assert len(page1) == 10 and session["more"] is not None  # "Ng": a dozen people — "view more"
    page2 = [r["id"] for r in session["more"]["result"]]
    assert page2 and not set(page1) & set(page2) and "cursor" not in session["more"]


def test_flyout_of_the_highlighted_suggestion(session):
    top, flyout = session["flyout"]
    assert flyout["id"] == top["id"]
    assert top["name"] in flyout["html"] and "<script" not in flyout["html"]


def test_types_and_properties_suggested(session):
    assert [t["id"] for t in session["types"]["result"]] == [BF + "Meeting"]  # "Hội nghị": a word begins "ng"
    names = {t["id"]: t["name"] for t in session["types_en"]["result"]}
    assert names.get(PERSON) == "Person"
    assert "dates" in [p["id"] for p in session["properties"]["result"]]


def test_previews_can_be_framed_and_show_the_entity(session):
    assert session["previews"], "no matched cell to preview"
    manifest = session["manifest"]["preview"]
    for candidate, r in session["previews"]:
        assert r.status_code == 200
        assert r.headers["Content-Type"].startswith("text/html")
        assert "X-Frame-Options" not in r.headers
        assert "frame-ancestors *" in r.headers["Content-Security-Policy"]
        assert r.headers.get("Access-Control-Allow-Origin") == "*"
        assert candidate["name"] in r.text or candidate["name"].replace("'", "&#39;") in r.text
        assert f'href="{candidate["id"]}"' in r.text
        assert isinstance(manifest["width"], int) and isinstance(manifest["height"], int)


# -- data extension ----------------------------------------------------------------------------------

def test_property_proposals(session):
    ids = [p["id"] for p in session["proposal"]["properties"]]
    assert session["proposal"]["type"] == PERSON
    assert {"dates", "variants", "works", "library"} <= set(ids) and "instances" not in ids
    work = [p["id"] for p in session["proposal_work"]["properties"]]
    assert {"creator", "language", "instances", "isbn"} <= set(work) and "works" not in work


def test_extend_the_matched_names(session, hub_of):
    du, libraries = hub_of["Nguyễn Du, 1765-1820"]
    ext = session["extend"]
    assert [m["id"] for m in ext["meta"]] == ["dates", "variants", "works", "library", "records"]
    assert set(ext["rows"]) == set(session["extend_ids"])
    row = ext["rows"][du]
    assert row["dates"] == [{"str": "1765-1820"}]
    assert {v["str"] for v in row["library"]} == libraries
    assert 1 <= len(row["variants"]) <= 3  # the limit setting
    assert row["works"][0]["int"] >= 1 and row["records"][0]["int"] >= 3


def test_extend_the_matched_titles(session, hub_of):
    du, _ = hub_of["Nguyễn Du, 1765-1820"]
    ext = session["extend_works"]
    kieu = ext["rows"][session["extend_work_ids"][0]]
    assert kieu["creator"][0]["id"] == du
    assert "vie" in {v["str"] for v in kieu["language"]}
    assert kieu["instances"][0]["int"] >= 3
    meta = {m["id"]: m for m in ext["meta"]}
    assert meta["creator"]["type"]["id"] == BF + "Agent"  # values are entities of this service


def test_an_iri_of_ours_in_a_cell(server, http, hub_of):
    """A cell holding one of our IRIs (pasted from a page) answers that entity, certainly; a member
    record's IRI answers its cluster."""
    du, _ = hub_of["Nguyễn Du, 1765-1820"]
    store_member = next(iter(_members(server, http, du)))
    answer = _backend(http, server + "reconcile", "queries", {
        "q0": {"query": du, "type": PERSON, "type_strict": "should"},
        "q1": {"query": store_member, "type": PERSON, "type_strict": "should"},
        "q2": {"query": server + "agent/NLV/nobody-000000000000", "type": PERSON, "type_strict": "should"}})
    SCHEMAS_02.check("reconciliation-result-batch.json", answer)
    for key in ("q0", "q1"):
        first = answer[key]["result"][0]
        assert first["id"] == du and first["match"] and first["score"] == 100
    assert answer["q2"]["result"] == []


def _members(server, http, hub: str) -> set[str]:
    r = http.get(server + "sparql", params={"query": f"SELECT ?m WHERE {{ GRAPH ?g {{ <{hub}> <{OWL_SAME}> ?m }} }}"},
                 headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert r.status_code == 200
    return {b["m"]["value"] for b in r.json()["results"]["bindings"]}

