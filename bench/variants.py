"""Large realistic inputs built by varying real records of ``../shared/data/marc``.

A catalogue is not the same record a million times: each copy of a source record gets its own
control number, a title and ISBN of its own, its own barcodes, and one name in fifty a new
author, so that headings repeat at a realistic rate (an author has several books, most books
have their own title).  MARC-8 records are varied byte for byte (their 001 only) so they stay
MARC-8.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pymarc

ROOT = Path(__file__).resolve().parents[1]
MARC = ROOT.parent / "shared" / "data" / "marc"

UTF8_SOURCES = [
    MARC / "vietnamese" / "vie_vnu_libol_10.iso",
    MARC / "vietnamese" / "vie_uefl_852_mojibake_2.iso",
    MARC / "vietnamese" / "vie_mixed_rus_6.iso",
    MARC / "bib_utf8" / "marc4j_pride-and-prejudice-fixed.mrc",
    MARC / "bib_utf8" / "eg_nepali.marc",
    MARC / "bib_utf8" / "qa_BooksAll.2014.part01-0001.mrc",
    MARC / "bib_utf8" / "traject_test_data.utf8.mrc",
]
MARC8_SOURCE = MARC / "bib_marc8" / "eg_jazz_1k.mrc"


def _records(path: Path) -> list[pymarc.Record]:
    with open(path, "rb") as f, contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return [r for r in pymarc.MARCReader(f, to_unicode=True, force_utf8=True, permissive=True) if r is not None]


def _vary(record: pymarc.Record, copy: int, serial: int, edit: str = "") -> bytes:
    for f in record.get_fields("001"):
        f.data = f"{f.data}-{copy}"
    for f in record.get_fields("245"):
        if f.subfields:
            first = f.subfields[0]
            f.subfields[0] = pymarc.Subfield(first.code, f"{first.value} [{copy}]{edit}")
    if serial % 50 == 0:
        for f in record.get_fields("100", "700"):
            if f.subfields:
                first = f.subfields[0]
                f.subfields[0] = pymarc.Subfield(first.code, f"{first.value} {copy}")
    for f in record.get_fields("020"):
        f.subfields = [pymarc.Subfield(s.code, f"{s.value}{copy}" if s.code == "a" else s.value) for s in f.subfields]
    for f in record.get_fields("852", "876", "952"):
        f.subfields = [pymarc.Subfield(s.code, f"{s.value}-{copy}" if s.code in "pj" else s.value) for s in f.subfields]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return record.as_marc()


def build(out: Path, records: int, with_marc8: bool = True) -> int:
    """Write about ``records`` varied records to ``out``; return the exact count."""
    sources = [_records(p) for p in UTF8_SOURCES]
    marc8 = [r + b"\x1d" for r in MARC8_SOURCE.read_bytes().split(b"\x1d") if r.strip()] if with_marc8 else []
    n = 0
    copy = 0
    with open(out, "wb") as f:
        while n < records:
            for source in sources:
                for record in source:
                    if n >= records:
                        break
                    f.write(_vary(pymarc.Record(data=record.as_marc(), to_unicode=True, force_utf8=True), copy, n))
                    n += 1
            for raw in marc8:
                if n >= records:
                    break
                f.write(_vary_marc8(raw, copy))
                n += 1
            copy += 1
    return n


def _vary_marc8(raw: bytes, copy: int) -> bytes:
    """The record with ``-{copy}`` appended to its 001, rebuilt byte for byte (directory and
    leader lengths recomputed), so the other fields keep their MARC-8 bytes."""
    base = int(raw[12:17])
    fields = []
    for i in range(24, base - 1, 12):
        tag, length, start = raw[i : i + 3], int(raw[i + 3 : i + 7]), int(raw[i + 7 : i + 12])
        data = raw[base + start : base + start + length]
        if tag == b"001":
            data = data[:-1] + b"-%d" % copy + b"\x1e"
        fields.append((tag, data))
    directory, body = b"", b""
    for tag, data in fields:
        directory += tag + b"%04d%05d" % (len(data), len(body))
        body += data
    base = 24 + len(directory) + 1
    length = base + len(body) + 1
    leader = b"%05d" % length + raw[5:12] + b"%05d" % base + raw[17:24]
    return leader + directory + b"\x1e" + body + b"\x1d"


def edited(source: Path, out: Path, count: int, every: int = 3) -> int:
    """A newer export: ``count`` records of ``source`` (one eligible record in ``every``; UTF-8
    ones with a 001, which a newer export can replace) with an edited title — what a library
    sends after a day of cataloguing."""
    n = eligible = 0
    with open(source, "rb") as f, open(out, "wb") as w, contextlib.redirect_stdout(io.StringIO()), \
            contextlib.redirect_stderr(io.StringIO()):
        for record in pymarc.MARCReader(f, to_unicode=True, force_utf8=True, permissive=True):
            if record is None or record.leader[9] != "a" or not record.get_fields("001"):
                continue  # MARC-8 records are left alone; records without 001 cannot be replaced
            eligible += 1
            if eligible % every:
                continue
            for fld in record.get_fields("245"):
                if fld.subfields:
                    first = fld.subfields[0]
                    fld.subfields[0] = pymarc.Subfield(first.code, first.value + " (hiệu đính)")
            w.write(record.as_marc())
            n += 1
            if n >= count:
                break
    return n
