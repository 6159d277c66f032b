"""ISO 2709 (MARC 21 "communications format"), read the way real exports are written.

Splitting (cheap, one pass, streaming in blocks so memory stays flat in file size):

- standard files are cut at each record terminator ``0x1D``; the leader's record length is
  *not* trusted for cutting, because Alma writes lengths in characters rather than bytes and
  other systems get it wrong too (``shared/data/marc/malformed``); whitespace, NULs and byte
  order marks between records are skipped;
- Emiclib exports (MKU, ``vie_mku_hash_terminators_240.iso``) replace ``0x1E``/``0x1D`` by
  ``#`` and ``0x1F`` by ``$``; there the leader length is the only reliable cut, checked
  against the ``#`` it must land on, with a search for ``##`` + next leader as fallback.

Parsing one record:

- the directory gives each field's bytes; if an entry is not numeric, or a field does not end
  with a field terminator where the directory says (character-counting leaders, hand-edited
  files), the data area is split on field terminators instead and matched to the directory's
  tags in order — the repair is reported;
- the character set comes from leader/09 (``a`` = UTF-8, blank = MARC-8) but the bytes have the
  last word: a "MARC-8" record whose bytes are valid UTF-8 with non-ASCII characters is read as
  UTF-8 (Aleph's ``eg_FSL.marc`` does this); invalid UTF-8 bytes become U+FFFD, reported;
- every value then goes through :func:`kg.text.repair.clean` (mojibake, NFC, controls).
"""

from __future__ import annotations

import re
from typing import BinaryIO, Iterator

from ..errors import RecordError
from ..text.repair import REPLACEMENT_CHAR
from . import marc8
from .chunk import ISO2709, ISO2709_HASH, Chunk
from .problems import DROPPED, REPAIRED, Problem, cleaned
from .record import Field, Record

RT, FT, SD = 0x1D, 0x1E, 0x1F
BLOCK = 1 << 20
_SEPARATORS = b"\r\n \t\x00\x1a"
_BOM = b"\xef\xbb\xbf"
_TAG_OK = re.compile(r"^[0-9A-Za-z]{3}$")
_NEXT_HASH_RECORD = re.compile(rb"##(?=(?:\xef\xbb\xbf)?\d{5}[a-z ])")


# --------------------------------------------------------------------------------------------
# splitting
# --------------------------------------------------------------------------------------------


def split(stream: BinaryIO, path: str, dialect: str = ISO2709) -> Iterator[Chunk]:
    """Yield the records of an ISO 2709 stream as raw chunks, without parsing them."""
    find_end = _end_hash if dialect == ISO2709_HASH else _end_standard
    buf = b""
    pos = 0  # start of the next record inside buf
    base = 0  # file offset of buf[0]
    eof = False
    number = 0
    while True:
        # skip separators between records
        while True:
            while pos < len(buf) and buf[pos] in _SEPARATORS:
                pos += 1
            if buf.startswith(_BOM, pos):
                pos += 3
                continue
            break
        if pos >= len(buf) and not eof:
            more = stream.read(BLOCK)
            buf, base, pos = more, base + len(buf), 0
            if not more:
                eof = True
            continue
        if pos >= len(buf) and eof:
            return
        end = find_end(buf, pos, eof)
        if end < 0:
            if eof:
                end = len(buf)
            else:
                more = stream.read(BLOCK)
                if not more:
                    eof = True
                buf = buf[pos:] + more
                base += pos
                pos = 0
                continue
        number += 1
        yield Chunk(path, number, base + pos, buf[pos:end], dialect)
        pos = end


def _end_standard(buf: bytes, pos: int, eof: bool) -> int:
    i = buf.find(b"\x1d", pos)
    return -1 if i < 0 else i + 1


def _end_hash(buf: bytes, pos: int, eof: bool) -> int:
    head = buf[pos : pos + 5]
    if len(head) == 5 and head.isdigit():
        length = int(head)
        end = pos + length
        if length >= 24 and end <= len(buf):
            follows = buf[end : end + 5].lstrip(_SEPARATORS)
            if buf[end - 1 : end] == b"#" and (
                (end == len(buf) and eof) or follows[:5].isdigit() or follows.startswith(_BOM)
            ):
                return end
        elif length >= 24 and not eof:
            return -1
    m = _NEXT_HASH_RECORD.search(buf, pos + 24)
    if m:
        return m.start() + 2
    return -1


# --------------------------------------------------------------------------------------------
# parsing
# --------------------------------------------------------------------------------------------


def parse(chunk: Chunk) -> Record:
    """Parse one chunk into a :class:`Record`; raise :class:`RecordError` if it is unreadable."""
    data = chunk.data
    hash_mode = chunk.dialect == ISO2709_HASH
    ft = 0x23 if hash_mode else FT  # '#'
    problems: list[Problem] = []
    if len(data) < 25:
        raise RecordError(f"record of {len(data)} bytes is shorter than a leader and directory", "LDR")
    leader = _leader(data[:24], problems)
    if hash_mode:
        problems.append(Problem("Emiclib export: '#' terminators and '$' subfield delimiters", REPAIRED, "LDR"))

    length_field = leader[0:5]
    if length_field.isdigit() and int(length_field) != len(data) and not hash_mode:
        problems.append(
            Problem(
                f"leader/00-04 says {int(length_field)} bytes, record has {len(data)} (ignored)",
                REPAIRED,
                "LDR",
            )
        )

    base, dir_end = _base_address(data, leader, ft, problems)
    directory = data[24:dir_end]
    if len(directory) % 12:
        problems.append(
            Problem(f"directory length {len(directory)} is not a multiple of 12; extra bytes ignored", REPAIRED, "LDR")
        )
    entries = []
    for i in range(0, len(directory) - len(directory) % 12, 12):
        e = directory[i : i + 12]
        entries.append((e[0:3], e[3:7], e[7:12]))
    if not entries:
        raise RecordError("empty directory: the record has no fields", "LDR")

    raw_fields = _fields_by_directory(data, base, entries, ft)
    if raw_fields is None:
        raw_fields = _fields_by_terminator(data, base, entries, ft, problems)

    body_encoding = _encoding(leader, raw_fields, problems)
    fields: list[Field] = []
    for tag_bytes, raw in raw_fields:
        tag = tag_bytes.decode("ascii", "replace")
        if not _TAG_OK.match(tag):
            problems.append(Problem(f"invalid tag {tag!r}: field dropped", DROPPED, tag))
            continue
        field = _field(tag, raw, body_encoding, hash_mode, problems)
        if field is not None:
            fields.append(field)
    return Record(leader, fields, chunk.path, chunk.number, chunk.offset, problems)


def _base_address(data: bytes, leader: str, ft: int, problems: list[Problem]) -> tuple[int, int]:
    """Where the data starts.  The leader's base address is trusted when the directory before it
    is whole (a multiple of 12 digits-and-tag bytes): Libol ends its directory with 0x1F instead of
    0x1E, so searching for the first field terminator would cut inside the data.  Otherwise the
    first field terminator after the leader ends the directory."""
    field = leader[12:17]
    if field.isdigit():
        base = int(field)
        if 24 < base <= len(data) and (base - 25) % 12 == 0 and data[24 : base - 1].isalnum():
            if data[base - 1] != ft:
                problems.append(
                    Problem(f"directory ends with byte 0x{data[base - 1]:02x}, not a field terminator", REPAIRED, "LDR")
                )
            return base, base - 1
    dir_end = data.find(bytes((ft,)), 24)
    if dir_end < 0:
        raise RecordError("no field terminator after the directory", "LDR")
    if field.isdigit() and int(field) != dir_end + 1:
        problems.append(Problem(f"leader/12-16 base address {field} should be {dir_end + 1:05d}", REPAIRED, "LDR"))
    return dir_end + 1, dir_end


def _leader(raw: bytes, problems: list[Problem]) -> str:
    leader = raw.decode("ascii", "replace")
    if not raw.isascii() or any(c < 0x20 for c in raw):
        leader = "".join(c if " " <= c <= "~" else " " for c in leader)
        problems.append(Problem("non-ASCII or control bytes in the leader replaced by spaces", REPAIRED, "LDR"))
    return leader


def _fields_by_directory(data: bytes, base: int, entries, ft: int):
    fields = []
    for tag, length, start in entries:
        if not (length.isdigit() and start.isdigit()):
            return None
        s = base + int(start)
        e = s + int(length)
        if int(length) == 0 or e > len(data) or data[e - 1] != ft:
            return None
        fields.append((tag, data[s : e - 1]))
    return fields


def _fields_by_terminator(data: bytes, base: int, entries, ft: int, problems: list[Problem]):
    pieces = data[base:].split(bytes((ft,)))
    # the last piece is what follows the last field terminator: the record terminator (or nothing)
    if pieces and pieces[-1].strip(b"\x1d#\r\n ") == b"":
        pieces.pop()
    n = min(len(pieces), len(entries))
    problems.append(
        Problem(
            "directory lengths/offsets do not match the data (character counts?); "
            "fields taken in order between field terminators",
            REPAIRED,
            "LDR",
        )
    )
    if len(pieces) != len(entries):
        problems.append(
            Problem(
                f"directory lists {len(entries)} fields, data holds {len(pieces)}; {abs(len(pieces) - len(entries))} "
                "unmatched field(s) dropped",
                DROPPED,
                "LDR",
            )
        )
    return [(entries[i][0], pieces[i]) for i in range(n)]


def _encoding(leader: str, raw_fields, problems: list[Problem]) -> str:
    """Decide 'utf-8', 'utf-8-lossy' or 'marc8' for the whole record."""
    body = b"".join(raw for _, raw in raw_fields)
    coding = leader[9]
    if body.isascii():
        if coding not in ("a", " "):
            problems.append(Problem(f"leader/09 {coding!r} is not a MARC 21 value; data is ASCII", REPAIRED, "LDR"))
        return "marc8" if b"\x1b" in body else "utf-8"
    try:
        body.decode("utf-8")
        valid_utf8 = True
    except UnicodeDecodeError:
        valid_utf8 = False
    if coding == "a":
        return "utf-8" if valid_utf8 else "utf-8-lossy"
    if valid_utf8 and b"\x1b" not in body:
        problems.append(Problem(f"leader/09 is {coding!r} (MARC-8) but the bytes are UTF-8; read as UTF-8", REPAIRED, "LDR"))
        return "utf-8"
    if b"\x1b" not in body and _looks_cp1251(body):
        problems.append(
            Problem(f"leader/09 is {coding!r} (MARC-8) but the bytes are Windows-1251 Cyrillic; read as Windows-1251", REPAIRED, "LDR")
        )
        return "cp1251"
    if coding != " ":
        problems.append(Problem(f"leader/09 {coding!r} is not a MARC 21 value; read as MARC-8", REPAIRED, "LDR"))
    return "marc8"


_HIGH = re.compile(rb"[\x80-\xff]")
_CYRILLIC_RUN = re.compile(rb"[\xc0-\xff]{3,}")


def _looks_cp1251(body: bytes) -> bool:
    """Windows-1251 Russian puts letters at 0xC0-0xFF, in runs as long as the words.  MARC-8 puts
    combining diacritics there, each followed by an ASCII base letter: runs of three or more high
    bytes in that range do not occur in it (pymarc's 1251.dat is the real case)."""
    high = _HIGH.findall(body)
    if len(high) < 8:
        return False
    letters = sum(1 for h in high if h[0] >= 0xC0)
    runs = _CYRILLIC_RUN.findall(body)
    return letters >= 0.8 * len(high) and sum(len(r) for r in runs) >= 0.5 * len(high)


def _decode(raw: bytes, encoding: str, tag: str, problems: list[Problem]) -> str:
    if encoding == "utf-8":
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            # the record's bytes are valid UTF-8 as a whole, but a directory cut this field inside a
            # character (its other bytes went to the next field)
            problems.append(Problem(f"invalid UTF-8 (a character cut at the field's boundary): {REPLACEMENT_CHAR}",
                                    REPAIRED, tag))
            return raw.decode("utf-8", "replace")
    if encoding == "cp1251":
        return raw.decode("cp1251", "replace")
    if encoding == "utf-8-lossy":
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(f"invalid UTF-8: {REPLACEMENT_CHAR}", REPAIRED, tag))
            return raw.decode("utf-8", "replace")
    text, errors = marc8.decode(raw)
    for message in dict.fromkeys(errors):
        problems.append(Problem(f"MARC-8: {message}", REPAIRED, tag))
    return text


def _field(tag: str, raw: bytes, encoding: str, hash_mode: bool, problems: list[Problem]) -> Field | None:
    text = _decode(raw, encoding, tag, problems)
    if tag.startswith("00"):
        return Field(tag, data=cleaned(text, tag, problems))
    delimiter = "\x1f"
    if hash_mode and delimiter not in text:
        delimiter = "$"
    parts = text.split(delimiter)
    indicators = parts[0]
    if len(indicators) != 2:
        # MARC 21 leaves 9XX to local definition; Libol and Emiclib write them without indicators.
        if not tag.startswith("9"):
            problems.append(Problem(f"indicators {indicators!r} are not two characters", REPAIRED, tag))
        indicators = (indicators + "  ")[:2] if len(parts) > 1 else "  "
    subfields = []
    for part in parts[1:]:
        if not part:
            continue
        code, value = part[0], part[1:]
        value = cleaned(value, tag, problems)
        subfields.append((code, value))
    ind1 = indicators[0] if indicators[0].isprintable() else " "
    ind2 = indicators[1] if indicators[1].isprintable() else " "
    return Field(tag, ind1, ind2, subfields)
