"""Libol's text export: one line per field, ``##`` between records.

    Ldr 00000naa a22        4500
    #001 TVL050001490
    #245 00 $aBáo tiền phong
    #260    $aHà Nội :$bVăn hoá thông tin,$c2005
    ##

Seen in ``shared/data/marc/vietnamese/vie_libol_text_mojibake_9.txt`` (bibliographic, with the
whole file double-encoded) and ``authority/vie_libol_authority_text.txt``.  ``$`` delimits
subfields; the two characters after the tag and a space are the indicators (often blank or
missing); local 9XX lines carry a bare value without subfields.
"""

from __future__ import annotations

from typing import BinaryIO, Iterator

from ..errors import RecordError
from .chunk import LIBOL_TEXT, Chunk
from .problems import REPAIRED, Problem, cleaned
from .record import Field, Record


def split(stream: BinaryIO, path: str) -> Iterator[Chunk]:
    lines: list[bytes] = []
    start = 0
    offset = 0
    number = 0
    for line in stream:
        stripped = line.strip()
        if stripped[:4].lower() == b"ldr " or stripped[:3].lower() == b"ldr" and len(stripped) == 3:
            if lines:
                number += 1
                yield Chunk(path, number, start, b"".join(lines), LIBOL_TEXT)
            lines = [line]
            start = offset
        elif stripped == b"##":
            if lines:
                number += 1
                yield Chunk(path, number, start, b"".join(lines), LIBOL_TEXT)
            lines = []
        elif lines or stripped:
            if not lines:
                start = offset
            lines.append(line)
        offset += len(line)
    if lines and any(l.strip() for l in lines):
        number += 1
        yield Chunk(path, number, start, b"".join(lines), LIBOL_TEXT)


def parse(chunk: Chunk) -> Record:
    problems: list[Problem] = []
    try:
        text = chunk.data.decode("utf-8")
    except UnicodeDecodeError:
        text = chunk.data.decode("utf-8", "replace")
        problems.append(Problem("invalid UTF-8 bytes replaced by U+FFFD", REPAIRED, None))
    text = text.lstrip("\ufeff")
    leader = None
    fields: list[Field] = []

    for raw in text.splitlines():
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if line[:3].lower() == "ldr":
            leader = line[4:] if len(line) > 4 else ""
            continue
        if not line.startswith("#") or len(line) < 4:
            problems.append(Problem(f"line not in Libol form: {line[:40]!r}", REPAIRED, None))
            continue
        tag = line[1:4]
        rest = line[5:] if len(line) > 4 else ""
        if tag.startswith("00"):
            fields.append(Field(tag, data=cleaned(rest, tag, problems)))
            continue
        dollar = rest.find("$")
        if dollar < 0:
            fields.append(Field(tag, " ", " ", []))
            continue
        indicators = (rest[:dollar].rstrip() + "  ")[:2]
        subfields = []
        for part in rest[dollar + 1 :].split("$"):
            if part:
                subfields.append((part[0], cleaned(part[1:], tag, problems)))
        fields.append(Field(tag, indicators[0], indicators[1], subfields))
    if leader is None:
        raise RecordError("record has no 'Ldr' line", "LDR")
    leader = (cleaned(leader, "LDR", problems) + " " * 24)[:24]
    return Record(leader, fields, chunk.path, chunk.number, chunk.offset, problems)
