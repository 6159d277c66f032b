"""Damaged real records through ``kg convert``'s whole path: a failure is a report line, never a crash.

The short, bounded counterpart of ``bench/fuzz_marc.py`` (atheris, a million executions).  Where
``tests/marc/test_damaged_input.py`` feeds byte-mutated files to each *reader* alone, this module
damages real records the way real exports are damaged — a leader digit overwritten, a directory
entry pointing elsewhere, a MARC-8 escape sequence cut in half, a MARCXML tag broken, a record
truncated, bits flipped — writes each as a file and gives it to :func:`kg.batch.run`, which is
what ``kg convert`` runs: sniffing, splitting, parsing, classifying, converting, serialising.

The property, for every input (:func:`check`):

- nothing escapes ``run``;
- every record read is converted, rejected or skipped, once; each rejected or skipped record has
  a report line with its number;
- no report line comes from a safety net (``conversion failed (…)``, ``unreadable record
  (ValueError…)``, ``field could not be converted (…)``): those catch *internal* errors, so each
  is a bug even though the user sees a clean report;
- the output is N-Triples that parse, as many triples as the summary counts.

``regressions/`` holds every input the fuzzers found failing (see its README); each is replayed
through the same path in-process and, all at once, through the real ``kg convert`` command.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kgtest import MARC, ROOT
from kg import batch

HERE = Path(__file__).resolve().parent
REGRESSIONS = HERE / "regressions"
SAFETY_NETS = ("conversion failed (", "unreadable record (", "field could not be converted (")


def convert_bytes(data: bytes, path: Path):
    """``kg convert`` (one process) on a file holding ``data``: (stats, problems, output bytes)."""
    path.write_bytes(data)
    return convert_file(path)


def convert_file(path: Path):
    out: list[bytes] = []
    problems: list = []
    stats = batch.run([str(path)], batch.Options(library="FUZZ", base_uri="http://example.org/", jobs=1),
                      out.append, problems.append)
    return stats, problems, b"".join(out)


def check(stats, problems, output: bytes) -> None:
    assert stats.records == stats.converted + stats.rejected + stats.skipped
    for action, count in (("rejected", stats.rejected), ("skipped", stats.skipped)):
        named = {p.record for p in problems if p.action == action and p.record > 0}
        assert len(named) == count, f"{count} record(s) {action}, report names {sorted(named)}"
    nets = [p.as_dict() for p in problems if p.problem.startswith(SAFETY_NETS)]
    assert nets == [], "a safety net caught an internal error"
    triples = list(pyoxigraph.parse(output, format=pyoxigraph.RdfFormat.N_TRIPLES)) if output else []
    assert len(triples) == stats.triples


# ------------------------------------------------------------------------------------------------
# seeds: single real records of each kind of file
# ------------------------------------------------------------------------------------------------


def _iso_records(name: str, count: int, terminator: bytes = b"\x1d") -> list[bytes]:
    data = (MARC / name).read_bytes()
    out = []
    for piece in data.split(terminator):
        piece = piece.lstrip(b"\r\n \x00")
        if len(piece) > 24:
            out.append(piece + terminator)
        if len(out) >= count:
            break
    return out


def _xml_records(name: str, count: int) -> list[bytes]:
    data = (MARC / name).read_bytes()
    start = data.find(b"<record")
    if start < 0:
        start = data.find(b"<marc:record")
    head = data[:start]
    out = []
    pos = start
    while len(out) < count:
        end = data.find(b"record>", pos + 10)
        if end < 0:
            break
        end += len(b"record>")
        out.append(head + data[pos:end] + b"</collection>" if b"<collection" in head or b":collection" in head
                   else head + data[pos:end])
        pos = data.find(b"<", end)
        if pos < 0 or data[pos:pos + 2] == b"</":
            break
    return out


SEEDS = {
    "utf8": _iso_records("vietnamese/vie_vnu_libol_10.iso", 4) + _iso_records("bib_utf8/eg_nepali.marc", 2),
    "marc8": _iso_records("bib_marc8/eg_hebrew.marc", 3) + _iso_records("bib_marc8/marc4j_brkrtest.mrc", 3),
    "authority": _iso_records("authority/eg_auth-subset100.mrc", 4),
    "xml": _xml_records("bib_utf8/m2b_gwu.xml", 3)
    + _xml_records("malformed/ruby-marc_three-records-second-bad.xml", 1),
    "text": [(MARC / "vietnamese/vie_libol_text_mojibake_9.txt").read_bytes()[:1500],
             (MARC / "authority/vie_libol_authority_text.txt").read_bytes()[:2000]],
}
ESCAPES = [b"\x1b(B", b"\x1b)E", b"\x1b$1", b"\x1b$)1", b"\x1b(N", b"\x1b)Q", b"\x1b(S", b"\x1bg", b"\x1bs", b"\x1bb",
           b"\x1bp", b"\x1b(2", b"\x1b)3"]
XML_BREAKS = [b"<", b"</", b"<record>", b"</datafield>", b"<subfield>", b'<subfield code="">', b"&", b"&bogus;",
              b"&#0;", b"&#x1F;", b"<![CDATA[", b"<!--", b"\x00", b"\xff\xfe", b'tag=""', b'tag="24"']


def test_seeds_are_real_records_that_convert_cleanly(tmp_path):
    """The damage below starts from records that convert: a failure is the damage's doing."""
    assert all(len(v) >= 2 for v in SEEDS.values()), {k: len(v) for k, v in SEEDS.items()}
    for kind, records in SEEDS.items():
        for i, data in enumerate(records):
            stats, problems, output = convert_bytes(data, tmp_path / f"{kind}-{i}")
            check(stats, problems, output)
            assert stats.records >= 1 and stats.rejected == 0, (kind, i, [p.as_dict() for p in problems])


@st.composite
def damaged(draw, kinds: tuple[str, ...]):
    kind = draw(st.sampled_from(kinds))
    data = bytearray(draw(st.sampled_from(SEEDS[kind])))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "leader", "directory", "escape-cut", "escape-insert", "terminator",
                                   "xml-tag", "truncate", "duplicate"]))
        if not data:
            break
        pos = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "leader":
            data[draw(st.integers(0, min(23, len(data) - 1)))] = draw(st.sampled_from(b"0123456789 az#\x00\xff"))
        elif op == "directory" and len(data) > 36:
            i = 24 + 12 * draw(st.integers(0, max(0, min(30, (len(data) - 36) // 12)))) + draw(st.integers(0, 11))
            if i < len(data):
                data[i] = draw(st.sampled_from(b"0123456789X \x1e\x1d"))
        elif op == "escape-cut":
            escapes = [i for i, b in enumerate(data) if b == 0x1B]
            if escapes:
                i = draw(st.sampled_from(escapes))
                del data[i + 1 : i + 1 + draw(st.integers(1, 3))]
            else:
                data[pos:pos] = draw(st.sampled_from(ESCAPES))[: draw(st.integers(1, 3))]
        elif op == "escape-insert":
            data[pos:pos] = draw(st.sampled_from(ESCAPES))
        elif op == "terminator":
            data[pos:pos] = draw(st.sampled_from([b"\x1d", b"\x1e", b"\x1f", b"#", b"$", b"##\n", b"\n"]))
        elif op == "xml-tag":
            tags = [i for i, b in enumerate(data) if b == 0x3C]
            if tags and draw(st.booleans()):
                i = draw(st.sampled_from(tags))
                del data[i : i + draw(st.integers(1, 15))]
            else:
                data[pos:pos] = draw(st.sampled_from(XML_BREAKS))
        elif op == "truncate":
            del data[pos:]
        elif op == "duplicate":
            j = min(len(data), pos + draw(st.integers(1, 120)))
            k = draw(st.integers(0, len(data)))
            data[k:k] = data[pos:j]
    return bytes(data)


FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FUZZ
@given(damaged(("utf8", "authority")))
def test_damaged_iso2709_utf8_records(tmp_path, data):
    check(*convert_bytes(data, tmp_path / "record.iso"))


@FUZZ
@given(damaged(("marc8",)))
def test_damaged_marc8_records_and_escape_sequences(tmp_path, data):
    check(*convert_bytes(data, tmp_path / "record.mrc"))


@FUZZ
@given(damaged(("xml",)))
def test_damaged_marcxml_records(tmp_path, data):
    check(*convert_bytes(data, tmp_path / "record.xml"))


@FUZZ
@given(damaged(("text",)))
def test_damaged_libol_text_exports(tmp_path, data):
    check(*convert_bytes(data, tmp_path / "export.txt"))


# ------------------------------------------------------------------------------------------------
# regressions: every input a fuzzer found failing
# ------------------------------------------------------------------------------------------------

FIXTURES = sorted(p for p in REGRESSIONS.iterdir() if p.is_file() and p.name != "README.md")


def test_every_regression_fixture_is_listed_in_the_readme():
    listed = (REGRESSIONS / "README.md").read_text(encoding="utf-8")
    assert FIXTURES, "no regression fixture"
    assert [p.name for p in FIXTURES if f"`{p.name}`" not in listed] == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_regression_is_reported_not_crashed(fixture):
    check(*convert_file(fixture))


def test_regressions_through_the_kg_convert_command(tmp_path):
    """All fixtures at once through the real command: a report, exit 0 (or 3 for a file that is
    not MARC at all), no traceback."""
    report = tmp_path / "report.jsonl"
    done = subprocess.run([sys.executable, "-m", "kg", "convert", str(REGRESSIONS), "--library", "FUZZ", "--jobs", "1",
                           "-o", str(tmp_path / "out.nt"), "--report", str(report), "--quiet"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 3), done.stderr
    assert "Traceback" not in done.stderr
    lines = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert lines, "the fixtures are damaged: the report cannot be empty"
    assert {line["action"] for line in lines} <= {"repaired", "dropped", "rejected", "skipped"}
    assert not [line for line in lines if line["problem"].startswith(SAFETY_NETS)]
    out = (tmp_path / "out.nt").read_bytes()
    pyoxigraph.parse(out, format=pyoxigraph.RdfFormat.N_TRIPLES)  # raises if invalid
