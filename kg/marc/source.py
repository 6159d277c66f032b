"""From paths on the command line to records: files, directories, formats, UNIMARC refusal.

``chunks(path)`` streams raw chunks (cheap, sequential) and ``parse(chunk)`` turns one chunk
into a :class:`Record` (the expensive part, safe to run in worker processes).  A file that is
not MARC at all, or is UNIMARC, raises :class:`~kg.errors.InputError` naming it; a single
unreadable record raises :class:`~kg.errors.RecordError`, which the caller reports and skips.
"""

from __future__ import annotations

import gzip
import os
from itertools import chain
from pathlib import Path
from typing import BinaryIO, Iterator

from ..errors import InputError, RecordError
from . import iso2709, libol_text, marcxml, mnemonic
from .chunk import ISO2709, ISO2709_HASH, LIBOL_TEXT, MARCXML, MNEMONIC, Chunk
from .record import Record
from .sniff import sniff
from .unimarc import is_unimarc

_PARSERS = {
    ISO2709: iso2709.parse,
    ISO2709_HASH: iso2709.parse,
    MARCXML: marcxml.parse,
    LIBOL_TEXT: libol_text.parse,
    MNEMONIC: mnemonic.parse,
}


def expand(inputs: list[str]) -> list[str]:
    """Files named, and the files under directories named (recursively, sorted, no hidden)."""
    out: list[str] = []
    for name in inputs:
        p = Path(name)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(str(Path(root) / f) for f in sorted(files) if not f.startswith("."))
        else:
            out.append(name)
    return out


def _open(path: str) -> BinaryIO:
    try:
        f = open(path, "rb")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as err:
        raise InputError(path, f"cannot be read ({err.strerror})") from None
    if f.read(2) == b"\x1f\x8b":
        f.close()
        return gzip.open(path, "rb")  # type: ignore[return-value]
    f.seek(0)
    return f


def parse(chunk: Chunk) -> Record:
    try:
        return _PARSERS[chunk.dialect](chunk)
    except RecordError:
        raise
    except (ValueError, IndexError, KeyError, UnicodeError) as err:  # defensive: never lose the batch
        raise RecordError(f"unreadable record ({type(err).__name__}: {err})") from None


def chunks(path: str) -> Iterator[Chunk]:
    """Stream the raw records of one file.  Raises InputError before the first chunk if the
    file is not MARC 21 in a format we read."""
    stream = _open(path)
    try:
        head = stream.read(65536)
    except (OSError, EOFError) as err:
        stream.close()
        raise InputError(path, f"cannot be read ({err})") from None
    dialect = sniff(head)
    if dialect is None:
        stream.close()
        raise InputError(path, "not a MARC file (expected ISO 2709, MARCXML, MarcEdit .mrk or a Libol text export)")
    stream.seek(0)
    if dialect == MARCXML:
        it = marcxml.split(stream, path)
    elif dialect == LIBOL_TEXT:
        it = libol_text.split(stream, path)
    elif dialect == MNEMONIC:
        it = mnemonic.split(stream, path)
    else:
        it = iso2709.split(stream, path, dialect)
    return _guarded(path, stream, it)


def _guarded(path: str, stream: BinaryIO, it: Iterator[Chunk]) -> Iterator[Chunk]:
    """Refuse UNIMARC on the evidence of the first readable records, then pass chunks on."""
    try:
        head: list[Chunk] = []
        for chunk in it:
            head.append(chunk)
            if len(head) >= 3:
                break
        verdicts = []
        for chunk in head:
            try:
                verdicts.append(is_unimarc(parse(chunk)))
            except RecordError:
                continue
        if verdicts and all(verdicts):
            raise InputError(path, "UNIMARC is not supported (this converter reads MARC 21); file skipped")
        yield from chain(head, it)
    finally:
        stream.close()
