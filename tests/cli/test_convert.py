"""``kg convert`` as a cataloguer runs it: a real process, real files, every output format."""

import gzip
import json
import subprocess
import sys

import pyoxigraph
import pytest
import rdflib
from rdflib.compare import isomorphic
from kgtest import MARC, ROOT

VNU = str(MARC / "vietnamese" / "vie_vnu_libol_10.iso")
UEFL = str(MARC / "vietnamese" / "vie_uefl_852_mojibake_2.iso")


def kg(*args, check=True):
    proc = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc


def ox_graph(path, fmt):
    return set(pyoxigraph.parse(path=str(path), format=fmt))


# rdflib 7's Dataset and JSON-LD parser warn about rdflib's own internals
@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt, ox_format, rdflib_format", [
    ("nt", pyoxigraph.RdfFormat.N_TRIPLES, "nt"),
    ("nq", pyoxigraph.RdfFormat.N_QUADS, "nquads"),
    ("ttl", pyoxigraph.RdfFormat.TURTLE, "turtle"),
    ("jsonld", pyoxigraph.RdfFormat.JSON_LD, "json-ld"),
])
def test_every_format_parses_in_pyoxigraph_and_rdflib_with_the_same_triples(tmp_path, fmt, ox_format, rdflib_format):
    out = tmp_path / f"vnu.{fmt}"
    kg("convert", VNU, UEFL, "--library", "VNU", "--to", fmt, "-o", str(out), "--jobs", "1")
    ox = ox_graph(out, ox_format)
    if fmt == "nq":
        graphs = {q.graph_name.value for q in ox}
        assert len(graphs) == 12  # one named graph per record
        assert "http://127.0.0.1:5000/graph/VNU/TVL050000002" in graphs
        ds = rdflib.Dataset()
        ds.parse(str(out), format=rdflib_format)
        assert sum(1 for _ in ds.quads((None, None, None, None))) == len(ox)
    else:
        g = rdflib.Graph()
        g.parse(str(out), format=rdflib_format)
        assert len(g) == len(ox) > 600


def test_formats_carry_the_same_triples(tmp_path):
    kg("convert", VNU, "--library", "VNU", "-o", str(tmp_path / "a.nt"))
    kg("convert", VNU, "--library", "VNU", "--to", "ttl", "-o", str(tmp_path / "a.ttl"))
    nt = rdflib.Graph().parse(str(tmp_path / "a.nt"), format="nt")
    ttl = rdflib.Graph().parse(str(tmp_path / "a.ttl"), format="turtle")
    assert isomorphic(nt, ttl)


def test_same_input_same_output_and_jobs_do_not_change_it(tmp_path):
    kg("convert", str(MARC / "bib_utf8"), "--library", "X", "-o", str(tmp_path / "1.nt"), "--jobs", "1")
    kg("convert", str(MARC / "bib_utf8"), "--library", "X", "-o", str(tmp_path / "2.nt"), "--jobs", "2")
    kg("convert", str(MARC / "bib_utf8"), "--library", "X", "-o", str(tmp_path / "3.nt"), "--jobs", "1")
    one = (tmp_path / "1.nt").read_bytes()
    assert one == (tmp_path / "3.nt").read_bytes()  # deterministic, blank nodes included
    assert one == (tmp_path / "2.nt").read_bytes()  # parallel output keeps input order


def test_stdout_and_summary_line():
    proc = kg("convert", VNU, "--library", "VNU", "-o", "-")
    assert proc.stdout.count("\n") > 600
    assert "10 records read, 10 converted (10 repaired), 0 rejected" in proc.stderr
    assert "records/s" in proc.stderr


def test_gzip_output(tmp_path):
    kg("convert", VNU, "--library", "VNU", "-o", str(tmp_path / "out.nt.gz"))
    text = gzip.decompress((tmp_path / "out.nt.gz").read_bytes()).decode()
    assert "<http://127.0.0.1:5000/instance/VNU/TVL050000002>" in text


def test_report_lines_name_file_record_offset_control_number_tag(tmp_path):
    report = tmp_path / "report.jsonl"
    kg("convert", str(MARC / "malformed" / "ruby-marc_three-records-second-bad.xml"), UEFL,
       "--library", "X", "-o", str(tmp_path / "o.nt"), "--report", str(report))
    lines = [json.loads(l) for l in report.read_text().splitlines()]
    assert all(list(l) == ["file", "record", "offset", "control_number", "tag", "problem", "action"] for l in lines)
    rejected = [l for l in lines if l["action"] == "rejected"]
    assert len(rejected) == 1 and rejected[0]["record"] == 2 and rejected[0]["offset"] > 0
    mojibake = [l for l in lines if l["problem"] == "double-encoded UTF-8 repaired"]
    assert [(l["control_number"], l["tag"]) for l in mojibake] == [("TVL080000001", "653"), ("TVL080000002", "653")]


def test_unreadable_input_exits_3_but_converts_the_rest(tmp_path):
    proc = kg("convert", str(MARC / "unimarc" / "qa_short.bnr.1993.mrc"), VNU, "--library", "X",
              "-o", str(tmp_path / "o.nt"), check=False)
    assert proc.returncode == 3
    assert "qa_short.bnr.1993.mrc: UNIMARC is not supported" in proc.stderr
    assert "10 converted" in proc.stderr


def test_missing_file_exits_3():
    proc = kg("convert", "no/such/file.mrc", "--library", "X", check=False)
    assert proc.returncode == 3 and "no/such/file.mrc" in proc.stderr


def test_strict_stops_at_first_problem_with_exit_4(tmp_path):
    proc = kg("convert", str(MARC / "malformed" / "pymarc_bad_records.mrc"), "--library", "X", "--strict",
              "-o", str(tmp_path / "o.nt"), check=False)
    assert proc.returncode == 4
    assert "pymarc_bad_records.mrc: record 1" in proc.stderr


def test_strict_passes_clean_input(tmp_path):
    kg("convert", str(MARC / "bib_marc8" / "pymarc_test.dat"), "--library", "X", "--strict",
       "-o", str(tmp_path / "o.nt"))


@pytest.mark.parametrize("args, message", [
    (["--library", "TV HN"], "--library"),
    (["--library", "X", "--jobs", "0"], "--jobs"),
    (["--library", "X", "--base-uri", "ftp://x"], "--base-uri"),
])
def test_usage_errors_exit_2(args, message):
    proc = kg("convert", VNU, *args, check=False)
    assert proc.returncode == 2 and message in proc.stderr


def test_base_uri_from_environment(tmp_path):
    env_proc = subprocess.run([sys.executable, "-m", "kg", "convert", VNU, "--library", "VNU", "-o", "-", "--quiet"],
                              capture_output=True, text=True, cwd=ROOT,
                              env={**__import__("os").environ, "KG_BASE_URI": "https://data.thuvien.vn/"})
    assert "<https://data.thuvien.vn/work/VNU/TVL050000002>" in env_proc.stdout


@pytest.mark.parametrize("fmt, ox_format", [("ttl", pyoxigraph.RdfFormat.TURTLE), ("jsonld", pyoxigraph.RdfFormat.JSON_LD),
                                            ("nq", pyoxigraph.RdfFormat.N_QUADS)])
def test_parallel_and_compressed_outputs_equal_the_single_process_one(tmp_path, fmt, ox_format):
    """Many batches (every bibliographic file of the shared data), pieces stitched by the writer:
    the first batch is empty (authority files come first), which must not lose the Turtle
    prefixes or put a stray comma in the JSON-LD array."""
    inputs = [str(MARC / "authority" / "eg_auth_lc.xml"), str(MARC / "bib_utf8"), str(MARC / "vietnamese")]
    kg("convert", *inputs, "--library", "X", "--to", fmt, "-o", str(tmp_path / f"one.{fmt}"), "--jobs", "1")
    kg("convert", *inputs, "--library", "X", "--to", fmt, "-o", str(tmp_path / f"two.{fmt}.gz"), "--jobs", "2")
    (tmp_path / f"two.{fmt}").write_bytes(gzip.decompress((tmp_path / f"two.{fmt}.gz").read_bytes()))
    one = ox_graph(tmp_path / f"one.{fmt}", ox_format)
    two = ox_graph(tmp_path / f"two.{fmt}", ox_format)
    assert len(one) > 100_000
    assert one == two
