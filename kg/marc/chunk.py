"""A raw record as cut from its file, before parsing: small, picklable, sent to worker processes.

Splitting a file into chunks is cheap and sequential (one reader); parsing a chunk into a
:class:`~kg.marc.record.Record` is the expensive part and runs in parallel.
"""

from __future__ import annotations

from dataclasses import dataclass

ISO2709 = "iso2709"
ISO2709_HASH = "iso2709-hash"  # Emiclib: '#' terminators, '$' subfield delimiters
MARCXML = "marcxml"
LIBOL_TEXT = "libol-text"
MNEMONIC = "mnemonic"  # MarcEdit .mrk


@dataclass(frozen=True)
class Chunk:
    path: str
    number: int  # 1-based position of the record in its file
    offset: int  # byte offset of the record's first byte in the file
    data: bytes
    dialect: str
    context: bytes = b""  # MARCXML: the namespace declarations of the document element
