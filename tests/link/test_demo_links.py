"""The demo's three libraries linked: one Nguyễn Du, one Truyện Kiều, and the traps not fallen
into (kg/demo/README.md lists them)."""

import pytest
from linkhelp import BASE, clusters, cluster_of, creator, link, links_dump, load_demo, open_store


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    hub = open_store(tmp_path_factory.mktemp("demo") / "store")
    load_demo(hub, authorities_first=("VNU",))
    summary = link(hub, str(tmp_path_factory.getbasetemp() / "report.csv"))
    yield hub, summary
    hub.close()


def members(hub, library, rid):
    return cluster_of(hub, creator(hub, library, rid))


def libraries(iris):
    return sorted({i.split("/")[-2] for i in iris})


def test_nguyen_du_is_one_agent_across_the_three_libraries(demo):
    hub, _ = demo
    nlv = creator(hub, "NLV", "NLV000001")
    cluster = cluster_of(hub, nlv)
    assert libraries(cluster) == ["NLV", "TVHN", "VNU"]
    # VNU typed "Nguyễn, Du", TVHN "Nguyễn Du": their records' creators are in the cluster
    assert creator(hub, "VNU", "VNU000001") in cluster and creator(hub, "TVHN", "10231") in cluster


def test_nguyen_du_and_nguyen_du_of_the_16th_century_stay_apart(demo):
    hub, _ = demo
    du = cluster_of(hub, creator(hub, "NLV", "NLV000001"))
    assert creator(hub, "NLV", "NLV000022") not in du  # Truyền kỳ mạn lục, Nguyễn Dữ
    assert creator(hub, "VNU", "VNU000015") not in du


def test_the_two_hoang_cam_are_not_merged_and_the_undated_one_joins_the_poet_by_his_book(demo):
    hub, _ = demo
    poet = cluster_of(hub, creator(hub, "NLV", "NLV000020"))
    general = cluster_of(hub, creator(hub, "NLV", "NLV000021"))
    assert poet.isdisjoint(general)
    assert creator(hub, "TVHN", "10245") in poet


def test_the_pen_name_links_through_the_authority_variant(demo):
    hub, _ = demo
    to_hoai = cluster_of(hub, creator(hub, "NLV", "NLV000007"))
    vnu = creator(hub, "VNU", "VNU000006")  # entered under the real name "Nguyễn, Sen"
    assert "nguyen-sen" in vnu and vnu in to_hoai


def test_truyen_kieu_is_one_work_with_every_library_s_instances_and_the_translation(demo):
    hub, _ = demo
    rows = hub.backend.select(
        "PREFIX bf: <http://id.loc.gov/ontologies/bibframe/> "
        "SELECT ?g ?hub ?i WHERE { GRAPH ?g { ?i bf:instanceOf ?hub . ?hub bf:hasExpression ?w } } ",
        g=hub.names.links)
    by_hub = {}
    for r in rows:
        by_hub.setdefault(r["hub"].value, set()).add(r["i"].value)
    kieu = next(v for v in by_hub.values() if f"{BASE}instance/NLV/NLV000001" in v)
    assert {f"{BASE}instance/{x}" for x in ("NLV/NLV000002", "NLV/NLV000004", "VNU/VNU000001", "TVHN/10231")} <= kieu
    assert f"{BASE}instance/NLV/NLV000005" not in kieu  # Từ điển Truyện Kiều: a work about it


def test_hub_labels_are_the_most_authoritative_forms(demo):
    hub, _ = demo
    labels = {r["l"].value for r in hub.backend.select(
        "SELECT ?g ?l WHERE { GRAPH ?g { ?h <http://www.w3.org/2000/01/rdf-schema#label> ?l } }", g=hub.names.links)}
    assert "Nguyễn Du, 1765-1820" in labels and "Nguyễn Du, 1765-1820. Truyện Kiều" in labels


def test_undated_headings_linked_by_name_alone_are_close_not_same(demo):
    hub, summary = demo
    found = [m for c in clusters(hub).values() for m, how in c.items() if how == "close"]
    assert found and summary.close_links == len(found)
    assert all(m.split("/")[-2] in ("TVHN", "VNU") for m in found)


def test_hub_iris_do_not_depend_on_the_order_of_loading(demo, tmp_path):
    hub, _ = demo
    other = open_store(tmp_path / "reversed")
    load_demo(other, order=("TVHN", "VNU", "NLV"), authorities_first=("NLV", "TVHN"))
    link(other)
    assert links_dump(other) == links_dump(hub)
    other.close()


def test_every_term_of_the_links_graph_is_defined(demo):
    """Classes and properties of the links graph exist in BIBFRAME 2.6 / MADS/RDF 1.4 (or are
    owl:sameAs, rdfs:label, our declared kgns: terms)."""
    import io
    import logging

    import pyoxigraph
    import rdflib
    from kgtest import ROOT

    hub, _ = demo
    out = io.BytesIO()
    hub.backend.dump(out, [hub.names.links.value])
    quads = list(pyoxigraph.parse(out.getvalue(), format=pyoxigraph.RdfFormat.N_QUADS))
    used = {q.predicate.value for q in quads} | {q.object.value for q in quads if q.predicate.value.endswith("#type")}
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    defined = set()
    for name in ("bibframe.rdf", "madsrdf-v1.4.0.rdf"):
        g = rdflib.Graph().parse(ROOT.parent / "shared" / "vocab-reference" / name)
        defined |= {str(s) for s in g.subjects()}
    g = rdflib.Graph().parse(ROOT / "vocabularies" / "kg.ttl")
    defined |= {str(s) for s in g.subjects()}
    defined |= {"http://www.w3.org/2002/07/owl#sameAs", "http://www.w3.org/2000/01/rdf-schema#label",
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"}
    assert sorted(used - defined) == []
