"""MARCXML: namespaces, broken records isolated, streaming."""

import io

import pytest
from kgtest import MARC

from kg.errors import RecordError
from kg.marc import marcxml, source


def parse_all(data: bytes):
    out = []
    for chunk in marcxml.split(io.BytesIO(data), "x.xml"):
        try:
            out.append(marcxml.parse(chunk))
        except RecordError as err:
            out.append(err)
    return out


RECORD = b"""<record><leader>00000nam a2200000 a 4500</leader>
<controlfield tag="001">X{n}</controlfield>
<datafield tag="245" ind1="1" ind2="0"><subfield code="a">Nh\xe1\xba\xadt k\xc3\xbd</subfield></datafield></record>"""


def test_namespaced_prefix_is_kept_for_each_chunk():
    data = (b'<?xml version="1.0"?><marc:collection xmlns:marc="http://www.loc.gov/MARC21/slim">'
            + RECORD.replace(b"<", b"<marc:").replace(b"<marc:/", b"</marc:").replace(b"{n}", b"1")
            + b"</marc:collection>")
    [record] = parse_all(data)
    assert record.control_number == "X1"
    assert record.first("245").get("a") == "Nhật ký"


def test_no_namespace_and_default_namespace_both_read():
    plain = b"<collection>" + RECORD.replace(b"{n}", b"1") + b"</collection>"
    default = b'<collection xmlns="http://www.loc.gov/MARC21/slim">' + RECORD.replace(b"{n}", b"2") + b"</collection>"
    assert parse_all(plain)[0].control_number == "X1"
    assert parse_all(default)[0].control_number == "X2"


def test_one_broken_record_does_not_hide_the_others():
    results = []
    for chunk in source.chunks(str(MARC / "malformed" / "ruby-marc_three-records-second-bad.xml")):
        try:
            results.append(source.parse(chunk).control_number)
        except RecordError as err:
            results.append(err)
    assert isinstance(results[1], RecordError) and "not well-formed" in results[1].message
    assert results[0] == results[2] == "afc99990058366"


def test_streaming_split_across_small_blocks(monkeypatch):
    monkeypatch.setattr(marcxml, "BLOCK", 50)
    data = b'<collection xmlns="http://www.loc.gov/MARC21/slim">' + b"".join(
        RECORD.replace(b"{n}", str(i).encode()) for i in range(30)) + b"</collection>"
    assert [r.control_number for r in parse_all(data)] == [f"X{i}" for i in range(30)]


def test_missing_subfield_code_and_missing_tag_are_dropped():
    [r1] = [source.parse(c) for c in source.chunks(str(MARC / "malformed" / "marc4j_chabon-missing-subfield-code.xml"))]
    assert any(p.action == "dropped" and p.tag == "020" for p in r1.problems)
    [r2] = [source.parse(c) for c in source.chunks(str(MARC / "malformed" / "marc4j_chabon-missing-datafield-tag.xml"))]
    assert any(p.action == "dropped" and "without a valid tag" in p.problem for p in r2.problems)


def test_record_without_leader_gets_a_blank_one_and_a_note():
    [record] = [source.parse(c) for c in source.chunks(str(MARC / "bib_utf8" / "m2b_ConvSpec-880_marc.xml"))]
    assert len(record.leader) == 24 and record.leader[6] == " "
    assert any("no leader" in p.problem for p in record.problems)


def test_entities_are_not_resolved():
    data = (b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]><collection>'
            b'<record><leader>00000nam a2200000 a 4500</leader><datafield tag="245" ind1="0" ind2="0">'
            b'<subfield code="a">&x;</subfield></datafield></record></collection>')
    for r in parse_all(data):
        if not isinstance(r, RecordError):
            assert "root:" not in (r.first("245").get("a") or "")
