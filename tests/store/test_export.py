"""``kg export``: dumps that ``oxigraph load`` and rdflib read back, whole or per library."""

import gzip
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from storehelp import BASE, DEMO, kg

from kg.store import Hub, registry
from kg.store.ingest import IngestOptions, run


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "s"
    h = Hub(str(path), base_uri=BASE)
    for code, f in (("VNU", "vnu.mrc"), ("TVHN", "tvhn.mrc")):
        registry.add(h.backend, h.names, registry.Library(code, code))
        run([str(DEMO / f)], IngestOptions(code, BASE), h.backend, h.index, h.names, lambda p: None)
    h.close()
    return ["--store", str(path), "--base-uri", BASE]


def test_whole_store_as_gzipped_nquads_loads_into_oxigraph(store, tmp_path):
    out = tmp_path / "all.nq.gz"
    kg("export", "-o", str(out), *store)
    quads = list(pyoxigraph.parse(gzip.decompress(out.read_bytes()), format=pyoxigraph.RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads}
    assert {BASE + "graph/vocabularies", BASE + "graph/registry/VNU", BASE + "graph/stats/TVHN"} <= graphs
    assert sum(1 for g in graphs if g.startswith(BASE + "graph/VNU/")) == 17
    oxigraph = Path(sys.executable).with_name("oxigraph")
    proc = subprocess.run([str(oxigraph), "load", "--location", str(tmp_path / "ox"), "--file", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    loaded = pyoxigraph.Store(str(tmp_path / "ox"))
    assert len(loaded) == len(set(quads))


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_library_dump_holds_its_records_registry_and_statistics_only(store, tmp_path):
    out = tmp_path / "tvhn.nq"
    kg("export", "--library", "TVHN", "-o", str(out), *store)
    ds = rdflib.Dataset()
    ds.parse(str(out), format="nquads")
    graphs = {str(c.identifier) for c in ds.graphs() if len(c)}
    assert all(g.startswith((BASE + "graph/TVHN/", BASE + "graph/registry/TVHN", BASE + "graph/stats/TVHN"))
               for g in graphs)
    assert sum(1 for g in graphs if g.startswith(BASE + "graph/TVHN/")) == 15


@pytest.mark.parametrize("fmt, rdflib_format", [("nt", "nt"), ("ttl", "turtle")])
def test_flat_formats_parse_in_rdflib(store, tmp_path, fmt, rdflib_format):
    out = tmp_path / f"vnu.{fmt}"
    kg("export", "--library", "VNU", "--to", fmt, "-o", str(out), *store)
    g = rdflib.Graph().parse(str(out), format=rdflib_format)
    assert len(g) > 1500
    assert (rdflib.URIRef(BASE + "library/VNU"), rdflib.RDF.type,
            rdflib.URIRef("http://id.loc.gov/ontologies/bibframe/Organization")) in g
