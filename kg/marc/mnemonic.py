"""MarcEdit's mnemonic text format (``.mrk``), which Vietnamese cataloguers use to fix records
by hand and which our tests use for readable fixtures::

    =LDR  00000nam a2200000 a 4500
    =001  VNU000001
    =100  1\\$aNguyễn Du,$d1765-1820.
    =245  10$aTruyện Kiều /$cNguyễn Du.

A line is ``=TAG`` two spaces and the content; ``\\`` stands for a blank in indicators and
control fields; ``$`` starts a subfield and ``{dollar}`` is a literal dollar sign.  Records are
separated by a blank line.
"""

from __future__ import annotations

from typing import BinaryIO, Iterator

from ..errors import RecordError
from .chunk import MNEMONIC, Chunk
from .problems import REPAIRED, Problem, cleaned
from .record import Field, Record


def split(stream: BinaryIO, path: str) -> Iterator[Chunk]:
    lines: list[bytes] = []
    start = offset = number = 0
    for line in stream:
        if line.strip() == b"":
            if lines:
                number += 1
                yield Chunk(path, number, start, b"".join(lines), MNEMONIC)
                lines = []
        else:
            if not lines:
                start = offset
            lines.append(line)
        offset += len(line)
    if lines:
        number += 1
        yield Chunk(path, number, start, b"".join(lines), MNEMONIC)


def _unescape(value: str) -> str:
    return value.replace("{dollar}", "$")


def parse(chunk: Chunk) -> Record:
    problems: list[Problem] = []
    try:
        text = chunk.data.decode("utf-8")
    except UnicodeDecodeError:
        text = chunk.data.decode("utf-8", "replace")
        problems.append(Problem("invalid UTF-8 bytes replaced by U+FFFD", REPAIRED, None))
    leader = None
    fields: list[Field] = []

    def value(v: str, tag: str) -> str:
        return cleaned(_unescape(v), tag, problems)

    for line in text.lstrip("\ufeff").splitlines():
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        if not line.startswith("=") or len(line) < 4:
            problems.append(Problem(f"line not in mnemonic form: {line[:40]!r}", REPAIRED, None))
            continue
        tag = line[1:4]
        rest = line[6:] if len(line) > 6 else ""
        if tag.upper() == "LDR":
            leader = rest.replace("\\", " ")
            continue
        if tag.startswith("00"):
            fields.append(Field(tag, data=value(rest.replace("\\", " "), tag)))
            continue
        indicators = rest[:2].replace("\\", " ").ljust(2)
        subfields = []
        for part in rest[2:].split("$")[1:]:
            if part:
                subfields.append((part[0], value(part[1:], tag)))
        fields.append(Field(tag, indicators[0], indicators[1], subfields))
    if leader is None:
        raise RecordError("record has no =LDR line", "LDR")
    leader = (leader + " " * 24)[:24]
    return Record(leader, fields, chunk.path, chunk.number, chunk.offset, problems)
