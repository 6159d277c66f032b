"""The matching engine on real stores (kg.reconcile): candidates, scores and features, the match
rule, clusters as one entity, identifiers and IRIs, suggest, describe, data extension, refresh
and threads."""

from __future__ import annotations

import threading

import pytest

from kg.reconcile import Query, QueryError
from kg.reconcile.query import identifier
from kg.reconcile.scoring import EXACT, FUZZY, INITIALS, STRIPPED, TONE, UNMARKED, compare

HUB = "agent/hub/"


def top(r, query, **kw):
    q = {"query": query, **kw}
    return r.match({"q0": q})["q0"]


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize("query, stored, cls", [
    ("Nguyễn Du", "Nguyễn, Du, 1765-1820", EXACT),
    ("John Williams", "Williams, John, 1922-1994", EXACT),
    ("Nguyen Du", "Nguyễn Du", UNMARKED),
    ("Nguyễn Dữ", "Nguyen Du, thế kỷ 16", STRIPPED),
    ("Nguyễn Du", "Nguyễn Dữ", TONE),
    ("Lê Văn Hưu", "Lễ Văn Hưu", TONE),
    ("Nguyễn V. A.", "Nguyễn Văn An", INITIALS),
    ("Stewart, J.", "Stewart, James, 1941-2014", INITIALS),
    ("NguyÔn Du", "Nguyễn Du", EXACT),  # TCVN3 read as Windows-1252, repaired
    ("Thuỷ Hoà", "Thủy Hòa", EXACT),  # tone placement
    ("Bùi Lệ Minh", "Bùi Minh Lệ", FUZZY),  # given names in another order: another name
])
def test_name_classes(query, stored, cls):
    assert compare(query, stored).cls == cls


def test_other_order_costs_a_little():
    sim = compare("Du Nguyễn", "Nguyễn Du")
    assert sim.cls == EXACT and sim.permuted and sim.score < 100


def test_tone_marks_decide(demo_store, reconciler):
    r = reconciler(demo_store)
    du = top(r, "Nguyễn Du", type="Person")
    assert du[0].name == "Nguyễn Du, 1765-1820" and du[0].match
    assert HUB in du[0].id
    f = dict(du[0].features)
    assert f["tone_exact"] is True and f["name_similarity"] == 100
    du16 = top(r, "Nguyễn Dữ", type="Person")
    assert du16[0].name == "Nguyễn Dữ, thế kỷ 16" and du16[0].match
    assert du16[0].id != du[0].id
    # the other is shown, lower, never matched
    other = next(c for c in du if c.id == du16[0].id)
    assert other.score < du[0].score - 8 and not other.match
    # a query without marks cannot tell them apart
    plain = top(r, "Nguyen Du", type="Person")
    assert {c.name for c in plain[:2]} == {"Nguyễn Du, 1765-1820", "Nguyễn Dữ, thế kỷ 16"}
    assert not any(c.match for c in plain)


def test_homonyms_need_dates_or_a_work(demo_store, reconciler):
    r = reconciler(demo_store)
    both = top(r, "Hoàng Cầm", type="Person")
    assert {c.name for c in both[:2]} == {"Hoàng Cầm, 1922-2010", "Hoàng Cầm, 1920-2013"}
    assert not both[0].match
    poet = top(r, "Hoàng Cầm, 1922-2010", type="Person")
    assert poet[0].name == "Hoàng Cầm, 1922-2010" and poet[0].match
    assert dict(poet[0].features)["date_agreement"] == 1
    general = next(c for c in poet if c.name == "Hoàng Cầm, 1920-2013")
    assert dict(general.features)["date_agreement"] == -1 and general.score < 60
    by_property = top(r, "Hoàng Cầm", type="Person", properties=[{"pid": "dates", "v": "1920-2013"}])
    assert by_property[0].name == "Hoàng Cầm, 1920-2013" and by_property[0].match
    by_work = top(r, "Hoàng Cầm", type="Person", properties=[{"pid": "title", "v": "Thơ Hoàng Cầm"}])
    assert by_work[0].name == "Hoàng Cầm, 1922-2010" and by_work[0].match
    assert dict(by_work[0].features)["work_match"] is True


def test_contradicting_dates_never_match(demo_store, reconciler):
    r = reconciler(demo_store)
    c = top(r, "Nguyễn Du, 1766-1822", type="Person")
    assert c[0].name == "Nguyễn Du, 1765-1820"
    assert not c[0].match and dict(c[0].features)["date_agreement"] == -1


@pytest.mark.parametrize("query, expected", [
    ("Tố Như", "Nguyễn Du, 1765-1820"),  # pen name: an authority's 400
    ("Nguyễn Sen", "Tô Hoài, 1920-2014"),  # real name
    ("Nguyễn, Tuân", "Nguyễn Tuân, 1910-1987"),  # inverted
    ("Frances FitzGerald", "FitzGerald, Frances"),  # Western name, direct order
    ("Hữu Mai (1926-2007)", "Hữu Mai, 1926-2007"),
    ("阮攸", "Nguyễn Du, 1765-1820"),  # 880 Hán-Nôm form
    ("Du Nguyễn", "Nguyễn Du, 1765-1820"),  # Western order: "Nguyễn, Du" reads both ways (kg.text.names)
])
def test_forms_that_match(demo_store, reconciler, query, expected):
    c = top(reconciler(demo_store), query, type="Person")
    assert c[0].name == expected and c[0].match


@pytest.mark.parametrize("query, expected", [
    ("Nguyễn N. Á.", "Nguyễn, Nhật Ánh, 1955-"),  # initials
    ("Vũ Trọng Phụngg", "Vũ Trọng Phụng, 1912-1939"),  # typo
    ("Ngo Tat To", "Ngô, Tất Tố"),  # no marks, and no unaccented form in the store
])
def test_forms_that_rank_first_without_match(demo_store, reconciler, query, expected):
    c = top(reconciler(demo_store), query, type="Person")
    assert c[0].name == expected and not c[0].match


def test_clusters_are_one_entity(demo_store, reconciler):
    r = reconciler(demo_store)
    c = top(r, "Nguyễn Du, 1765-1820", type="Person")
    ids = [x.id for x in c]
    assert len(ids) == len(set(ids))
    assert sum(1 for x in c if x.name == "Nguyễn Du, 1765-1820") == 1
    first = c[0]
    assert dict(first.features)["cluster_size"] >= 3
    for code in ("NLV", "VNU", "TVHN"):
        assert code in first.description
    assert "1765-1820" in first.description


def test_type_restricts_and_penalises(demo_store, reconciler):
    r = reconciler(demo_store)
    person = top(r, "Nguyễn Du", type="Person")
    assert all(x.type.local in ("Person", "Agent") for x in person)
    untyped = top(r, "Nguyễn Du")
    assert any(x.type.local == "Topic" for x in untyped)  # the subject heading "Nguyễn Du"
    assert not untyped[0].match  # a person and a subject of the same name: look first
    place = top(r, "Việt Nam", type="http://id.loc.gov/ontologies/bibframe/Place")
    assert place[0].name == "Việt Nam" and place[0].type.local == "Place" and place[0].match
    strict = top(r, "Việt Nam", type=["Topic"], type_strict="all")
    assert all(x.type.local == "Topic" for x in strict)


def test_same_subject_heading_in_several_libraries_is_not_a_rival(demo_store, reconciler):
    c = top(reconciler(demo_store), "Văn học Việt Nam", type="Topic")
    assert c[0].name == "Văn học Việt Nam" and c[0].match
    assert "NLV" in c[0].description  # the authority's entity first


def test_works(demo_store, reconciler):
    r = reconciler(demo_store)
    kieu = top(r, "Truyện Kiều", type="Work")
    assert kieu[0].name == "Nguyễn Du, 1765-1820. Truyện Kiều" and kieu[0].match
    assert "work/hub/" in kieu[0].id
    eye = top(r, "Mắt biếc", type="Work", properties=[{"pid": "creator", "v": "Nguyễn Nhật Ánh"}])
    assert eye[0].name.endswith("Mắt biếc") and dict(eye[0].features)["creator_match"] is True
    wrong = top(r, "Mắt biếc", type="Work", properties=[{"pid": "creator", "v": "Tô Hoài"}])
    assert not wrong[0].match and dict(wrong[0].features)["creator_match"] is False


def test_our_iris_answer_their_entity(demo_store, reconciler):
    r = reconciler(demo_store)
    hub = top(r, "Nguyễn Du", type="Person")[0]
    member = next(m.iri for m in hub.entity.members if "/agent/VNU/" in m.iri)
    for q in (member, f"<{member}>", hub.id):
        c = top(r, q)
        assert [x.id for x in c] == [hub.id] and c[0].match and c[0].score == 100
    assert top(r, reconcile_base(r) + "agent/NLV/no-such-entity") == []


def reconcile_base(r) -> str:
    return r.catalog.base


@pytest.mark.parametrize("query", ["96990355", "viaf:96990355", "VIAF 96990355", "http://viaf.org/viaf/96990355/",
                                   "0000 0001 2145 8561", "https://isni.org/isni/0000000121458561", "Q312",
                                   "https://www.wikidata.org/wiki/Q312", "n79021164", "n  79-21164",
                                   "http://id.loc.gov/authorities/names/n79021164"])
def test_external_identifiers_answer_their_entity(ids_store, reconciler, query):
    c = top(reconciler(ids_store), query)
    assert len(c) == 1 and c[0].match and c[0].score == 100
    assert c[0].name == "Nguyễn Du, 1765-1820" and HUB in c[0].id  # the NLV and VNU records share the VIAF


def test_identifier_as_a_property(ids_store, reconciler):
    r = reconciler(ids_store)
    c = top(r, "Nguyễn Dữ", properties=[{"pid": "viaf", "v": "111222333"}])
    assert c[0].name == "Nguyễn Dữ, thế kỷ 16" and c[0].match and dict(c[0].features)["identifier_match"]
    clash = top(r, "Nguyễn Du, 1765-1820", properties=[{"pid": "identifier", "v": "viaf:999999999"}])
    assert not clash[0].match  # the only Nguyễn Du holds another VIAF number
    conflict = top(r, "Tố Như", properties=[{"pid": "identifier", "v": "viaf:111222333"}])
    assert conflict[0].name == "Nguyễn Dữ, thế kỷ 16" and not conflict[0].match  # name of another: look first


def test_identifier_recognition():
    assert identifier("viaf:96990355") == ("viaf", "96990355")
    assert identifier("Q42") == ("wikidata", "Q42")
    assert identifier("0000 0001 2145 8561") == ("isni", "0000000121458561")
    assert identifier("0000 0001 2145 8562") is None  # wrong check character
    assert identifier("sh 85076502") == ("lcsh", "sh85076502")
    assert identifier("Nguyễn Du") is None and identifier("1765-1820") is None


# --- the protocol shapes ------------------------------------------------------------------------


def test_candidate_json_shape(demo_store, reconciler):
    c = top(reconciler(demo_store), "Nguyễn Du", type="Person")[0].as_json("vi")
    assert set(c) == {"id", "name", "type", "score", "match", "description", "features"}
    assert isinstance(c["score"], float) and 0 <= c["score"] <= 100 and isinstance(c["match"], bool)
    assert c["type"] == [{"id": "http://id.loc.gov/ontologies/bibframe/Person", "name": "Cá nhân"}]
    for f in c["features"]:
        assert set(f) == {"id", "value"} and isinstance(f["value"], (bool, int, float))


def test_batch_keys_limit_and_properties(demo_store, reconciler):
    r = reconciler(demo_store)
    out = r.match({"q0": {"query": "Nguyễn", "limit": 2}, "q1": Query("Xuân Diệu"), "q2": "Tô Hoài",
                   "q3": {"query": ""}, "q4": {"query": "Nguyễn Du", "type": "Q5", "type_strict": "should"}})
    assert set(out) == {"q0", "q1", "q2", "q3", "q4"}
    assert len(out["q0"]) == 2
    assert out["q1"][0].name == "Xuân Diệu, 1916-1985" and out["q2"][0].name == "Tô Hoài, 1920-2014"
    assert out["q3"] == []
    assert out["q4"][0].name == "Nguyễn Du, 1765-1820"  # a type we do not have is ignored with "should"


@pytest.mark.parametrize("bad", [{"query": "x", "limit": "many"}, {"query": "x", "properties": {"pid": "dates"}},
                                 {"query": "x", "type_strict": "maybe"}, {"query": ["x"]}, 42,
                                 {"query": "x", "properties": [{"v": 1}]}])
def test_malformed_queries(bad):
    with pytest.raises(QueryError):
        Query.from_json(bad)


# --- suggest, describe, extend -------------------------------------------------------------------


def test_suggest(demo_store, reconciler):
    r = reconciler(demo_store)
    found = r.suggest("nguyen nh", type="Person")
    assert found[0]["name"] == "Nguyễn, Nhật Ánh, 1955-"
    assert set(found[0]) == {"id", "name", "description", "notable"}
    marked = r.suggest("Nguyễn Dữ")
    assert marked[0]["name"] == "Nguyễn Dữ, thế kỷ 16"  # the typed marks first
    page1 = r.suggest("Nguyễn", cursor=0, limit=3)
    page2 = r.suggest("Nguyễn", cursor=3, limit=3)
    assert len(page1) == 3 and page2 and not {x["id"] for x in page1} & {x["id"] for x in page2}
    hub = page1[0]["id"]
    assert r.suggest(hub)[0]["id"] == hub
    assert r.suggest("") == [] and r.suggest("n") == [] and r.suggest("zzzqqq") == []
    assert r.suggest("Nguyễn Đ", type="Person")[0]["name"] == "Nguyễn Đình Chiểu, 1822-1888"
    assert all(x["notable"][0]["id"].endswith("/Place") for x in r.suggest("viet", type="Place"))


def test_describe(demo_store, reconciler):
    r = reconciler(demo_store)
    du = top(r, "Nguyễn Du", type="Person")[0]
    d = r.describe(du.id)
    assert d.name == "Nguyễn Du, 1765-1820" and d.dates == "1765-1820" and (d.birth, d.death) == (1765, 1820)
    assert {"NLV", "VNU", "TVHN"} <= {code for code, _ in d.libraries}
    assert any(v.startswith("Tố Như") for v in d.variants) and d.records >= 5
    assert d.works == 1  # every edition of Truyện Kiều is one work cluster
    assert len(d.members) >= 3 and d.as_json()["type"]["id"].endswith("/Person")
    kieu = r.describe(top(r, "Truyện Kiều", type="Work")[0].id)
    assert kieu.creator == (du.id, "Nguyễn Du, 1765-1820")
    assert {"vie", "eng"} <= set(kieu.languages) and kieu.instances >= 5
    assert r.describe(r.catalog.base + "agent/NLV/nothing") is None


def test_extend(demo_store, ids_store, reconciler):
    r = reconciler(demo_store)
    du = top(r, "Nguyễn Du", type="Person")[0].id
    kieu = top(r, "Truyện Kiều", type="Work")[0].id
    out = r.extend([du, kieu, "http://nowhere.example/x"], ["dates", "variants", "works", "library", "creator",
                                                            "language", "instances", "nonsense"])
    assert [m["id"] for m in out["meta"]] == ["dates", "variants", "works", "library", "creator", "language",
                                              "instances", "nonsense"]
    row = out["rows"][du]
    assert row["dates"] == [{"str": "1765-1820"}] and {"str": "NLV"} in row["library"]
    assert row["works"] == [{"int": 1}] and any(v["str"].startswith("Tố Như") for v in row["variants"])
    assert row["creator"] == [] and row["nonsense"] == []
    work = out["rows"][kieu]
    assert work["creator"] == [{"id": du, "name": "Nguyễn Du, 1765-1820"}]
    assert {"str": "vie"} in work["language"] and work["instances"][0]["int"] >= 5
    assert all(v == [] for v in out["rows"]["http://nowhere.example/x"].values())
    ids = reconciler(ids_store)
    nd = top(ids, "Q312")[0].id
    ext = ids.extend([nd], ["viaf", "isni", "wikidata", "lccn", "identifier"])["rows"][nd]
    assert ext["viaf"] == [{"str": "96990355"}] and ext["isni"] == [{"str": "0000000121458561"}]
    assert ext["wikidata"] == [{"str": "Q312"}] and ext["lccn"] == [{"str": "n79021164"}]
    assert {"str": "viaf:96990355"} in ext["identifier"]


def test_properties_per_type():
    from kg.reconcile import Reconciler

    agent = {p.id for p in Reconciler.properties("Person")}
    work = {p.id for p in Reconciler.properties("Work")}
    assert {"dates", "identifier", "variants", "works", "library"} <= agent and "creator" not in agent
    assert {"creator", "language", "instances", "isbn"} <= work and "dates" not in work
    assert {"title", "dates", "identifier"} <= {p.id for p in Reconciler.properties("Person", extend=False)}
    assert [t.local for t in Reconciler.types()] == ["Person", "Organization", "Meeting", "Family", "Work", "Topic",
                                                     "Place"]


# --- life cycle --------------------------------------------------------------------------------------


def test_refresh_sees_a_new_link_run(tmp_path, reconciler):
    """The cluster map is read once, and again when kg link has run since."""
    import idstore

    store = idstore.build_ids(tmp_path)
    r = reconciler(store, refresh_seconds=0)
    before = top(r, "Nguyễn Văn Bình")
    assert {c.name for c in before} == {"Nguyễn Văn Bình", "Nguyen Van Binh"}
    a, b = (c.entity.members[0].iri for c in before[:2])
    from kg.link import decisions
    from kg.link.run import run as link

    hub = r.catalog.hub
    decisions.record(hub.backend, hub.names, decisions.SAME, [(a, b)])
    link(hub)
    after = top(r, "Nguyễn Văn Bình")
    assert len(after) == 1 and HUB in after[0].id and dict(after[0].features)["cluster_size"] == 2


def test_threads_share_a_reconciler(demo_store, reconciler):
    r = reconciler(demo_store)
    queries = {f"q{i}": {"query": q, "type": "Person"} for i, q in enumerate(
        ["Nguyễn Du", "Tố Như", "Hoàng Cầm, 1922-2010", "Xuân Diệu", "Nguyen Trai", "Đồ Chiểu"])}
    expected = {k: [(c.id, c.score, c.match) for c in v] for k, v in r.match(queries).items()}
    results, errors = [], []

    def work():
        try:
            for _ in range(5):
                results.append({k: [(c.id, c.score, c.match) for c in v] for k, v in r.match(queries).items()})
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 20 and all(x == expected for x in results)


def test_unknown_types_and_languages(demo_store, reconciler):
    r = reconciler(demo_store)
    assert top(r, "Nguyễn Du", type="http://www.wikidata.org/entity/Q5", type_strict="any") == []
    en = r.match({"q0": {"query": "Nguyễn Du", "type": "Person"}}, lang="en")["q0"][0]
    vi = r.match({"q0": {"query": "Nguyễn Du", "type": "Person"}}, lang="vi")["q0"][0]
    assert "records" in en.description and "biểu ghi" in vi.description
    assert r.suggest("Tố Như", lang="en")[0]["notable"] == [{"id": "http://id.loc.gov/ontologies/bibframe/Person",
                                                             "name": "Person"}]


def test_suggest_types_and_properties():
    from kg.reconcile import Reconciler

    assert [t["name"] for t in Reconciler.suggest_types("ca nh")] == ["Cá nhân"]
    assert Reconciler.suggest_types("pers", lang="en") == [{"id": "http://id.loc.gov/ontologies/bibframe/Person",
                                                            "name": "Person"}]
    assert len(Reconciler.suggest_types("")) == 7
    assert {p["id"] for p in Reconciler.suggest_properties("nam", "Person")} >= {"dates"}  # "Năm sinh"
    assert [p["id"] for p in Reconciler.suggest_properties("creat", "Work", lang="en")] == ["creator"]
    assert Reconciler.suggest_properties("creat", "Person", lang="en") == []


def test_works_on_the_web_data(demo_store):
    """The service's Data (a Hub opened by kg serve) is a source too; its threads share one
    Reconciler."""
    from kg.reconcile import Reconciler
    from kg.web.config import WebConfig
    from kg.web.data import Data

    from idstore import BASE, _no_kg_env

    saved = _no_kg_env()
    try:
        data = Data(WebConfig.from_env(store=str(demo_store), base_uri=BASE))
    finally:
        __import__("os").environ.update(saved)
    try:
        with Reconciler(data) as r:
            found = {}

            def ask(name):
                found[name] = r.match_one({"query": name, "type": "Person"})[0].name

            threads = [threading.Thread(target=ask, args=(n,)) for n in ("Tố Như", "Nguyễn Sen", "Ức Trai")]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert found == {"Tố Như": "Nguyễn Du, 1765-1820", "Nguyễn Sen": "Tô Hoài, 1920-2014",
                             "Ức Trai": "Nguyễn Trãi, 1380-1442"}
    finally:
        data.close()
