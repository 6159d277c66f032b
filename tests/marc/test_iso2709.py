"""ISO 2709 splitting and parsing, on real exports and on one fixture per failure mode."""

import io

import pymarc
import pytest
from kgtest import MARC

from kg.errors import RecordError
from kg.marc import iso2709, source
from kg.marc.chunk import ISO2709, ISO2709_HASH, Chunk


def records(path):
    return [source.parse(c) for c in source.chunks(str(path))]


def iso(fields, leader="00000nam a2200000 a 4500", encoding="a"):
    """Write a well-formed ISO 2709 record with pymarc (the reference writer)."""
    record = pymarc.Record(leader=leader[:9] + encoding + leader[10:], force_utf8=(encoding == "a"))
    for tag, ind, subs in fields:
        if tag < "010":
            record.add_field(pymarc.Field(tag=tag, data=subs))
        else:
            record.add_field(pymarc.Field(tag=tag, indicators=list(ind),
                                          subfields=[pymarc.Subfield(c, v) for c, v in subs]))
    return record.as_marc()


def test_utf8_record_round_trips_pymarc_writer():
    data = iso([("001", "", "VNU1"), ("245", "10", [("a", "Truyện Kiều /"), ("c", "Nguyễn Du.")])])
    [chunk] = list(iso2709.split(io.BytesIO(data), "x.mrc"))
    record = iso2709.parse(chunk)
    assert record.control_number == "VNU1"
    assert record.first("245").subfields == [("a", "Truyện Kiều /"), ("c", "Nguyễn Du.")]
    assert record.problems == []


def test_split_skips_newlines_and_bom_between_records():
    one = iso([("001", "", "A"), ("245", "00", [("a", "Một")])])
    two = iso([("001", "", "B"), ("245", "00", [("a", "Hai")])])
    chunks = list(iso2709.split(io.BytesIO(b"\xef\xbb\xbf" + one + b"\r\n" + two + b"\n"), "x"))
    assert [iso2709.parse(c).control_number for c in chunks] == ["A", "B"]
    assert chunks[1].offset == 3 + len(one) + 2
    assert [c.number for c in chunks] == [1, 2]


def test_split_streams_in_blocks(monkeypatch):
    monkeypatch.setattr(iso2709, "BLOCK", 37)  # records straddle every block boundary
    data = b"".join(iso([("001", "", str(i)), ("245", "00", [("a", "x" * i)])]) for i in range(20))
    assert [iso2709.parse(c).control_number for c in iso2709.split(io.BytesIO(data), "x")] == [str(i) for i in range(20)]


def test_character_counting_leader_lengths_are_repaired():
    """Alma writes directory lengths in characters: fields are then split on terminators."""
    data = iso([("001", "", "A1"), ("245", "00", [("a", "Hồ Xuân Hương")]), ("500", "  ", [("a", "Ghi chú")])])
    record = pymarc.Record(data=data)
    # rebuild the directory with character counts
    leader, rest = data[:24], data[24:]
    base = int(leader[12:17])
    body = data[base:]
    fields = body.split(b"\x1e")[:-1]
    directory, pos = b"", 0
    for field, tag in zip(fields, [b"001", b"245", b"500"]):
        n = len((field + b"\x1e").decode("utf-8"))
        directory += tag + b"%04d%05d" % (n, pos)
        pos += n
    broken = leader + directory + b"\x1e" + body
    record = iso2709.parse(Chunk("alma.mrc", 1, 0, broken, ISO2709))
    assert record.first("245").get("a") == "Hồ Xuân Hương"
    assert record.first("500").get("a") == "Ghi chú"
    assert any("character counts" in p.problem for p in record.problems)


def test_libol_directory_ending_in_0x1f_uses_the_base_address():
    [first, *_] = records(MARC / "vietnamese" / "vie_vnu_libol_10.iso")
    assert first.control_number == "TVL050000002"
    assert first.first("245").get("a") == "Vật lý học đại cương :"
    assert [p.problem for p in first.problems] == ["directory ends with byte 0x1f, not a field terminator"]


def test_emiclib_hash_terminators_and_dollar_delimiters():
    recs = records(MARC / "vietnamese" / "vie_mku_hash_terminators_240.iso")
    assert len(recs) == 240
    first = recs[0]
    assert first.control_number == "TVL120001680"
    assert first.first("245").get("a").startswith("Đánh giá chất lượng dịch vụ")
    assert first.first("260").subfields == [("a", "Tp Hồ Chí Minh:"), ("b", "HVHK Việt Nam,"), ("c", "2012")]
    assert all(r.control_number and r.control_number.startswith("TVL") for r in recs)


def test_marc8_with_utf8_bytes_is_read_as_utf8():
    """Aleph's FSL records say MARC-8 in leader/09 but carry UTF-8."""
    recs = records(MARC / "bib_marc8" / "eg_FSL.marc")
    assert len(recs) == 52
    assert all(any("read as UTF-8" in p.problem for p in r.problems) for r in recs)
    assert any("Ա" <= ch <= "ֆ" for r in recs for f in r.fields for _, v in f.subfields for ch in v)  # Armenian


def test_marc8_and_utf8_twins_decode_to_the_same_text():
    marc8 = records(MARC / "bib_marc8" / "marc4j_brkrtest.mrc")
    utf8 = records(MARC / "bib_utf8" / "marc4j_brkrtest_UTF8.mrc")
    for a, b in zip(marc8, utf8):
        assert [f.subfields for f in a.fields if f.tag == "245"] == [f.subfields for f in b.fields if f.tag == "245"]


def test_windows_1251_with_marc8_leader_is_detected():
    recs = records(MARC / "malformed" / "pymarc_1251.dat")
    assert recs[1].first("245").get("a") == "Психологический тренинг с подростками"
    assert all(any("Windows-1251" in p.problem for p in r.problems) for r in recs)


def test_invalid_utf8_bytes_are_replaced_and_reported():
    [record] = records(MARC / "malformed" / "traject_bad_utf_byte.utf8.marc")
    assert "\ufffd" in record.first("300").get("a")
    assert any(p.tag == "300" and "U+FFFD" in p.problem for p in record.problems)


def test_bad_records_are_rejected_one_by_one():
    chunks = list(source.chunks(str(MARC / "malformed" / "pymarc_bad_records.mrc")))
    outcomes = []
    for c in chunks:
        try:
            source.parse(c)
            outcomes.append("ok")
        except RecordError as err:
            outcomes.append(err.message)
    assert len(chunks) == 8
    assert outcomes.count("ok") == 7
    assert "empty directory: the record has no fields" in outcomes


def test_too_short_chunk_is_a_record_error():
    with pytest.raises(RecordError, match="shorter than a leader"):
        iso2709.parse(Chunk("x", 1, 0, b"00012nam\x1d", ISO2709))


def test_invalid_tag_is_dropped_not_fatal():
    [record] = records(MARC / "malformed" / "pymarc_bad_indicator.dat")
    assert record.first("245") is not None
    assert any(p.action == "dropped" and "invalid tag" in p.problem for p in record.problems)


def test_hash_dialect_falls_back_to_searching_the_next_leader():
    data = iso([("001", "", "H1"), ("245", "00", [("a", "Một")])])
    hashed = data.replace(b"\x1e", b"#").replace(b"\x1d", b"#").replace(b"\x1f", b"$")
    bad_length = b"99999" + hashed[5:]
    chunks = list(iso2709.split(io.BytesIO(bad_length + hashed), "x", ISO2709_HASH))
    assert len(chunks) == 2
    assert iso2709.parse(chunks[1]).control_number == "H1"
