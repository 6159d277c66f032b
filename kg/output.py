"""Writing converted batches to a file or stdout in N-Triples, N-Quads, Turtle or JSON-LD.

Each batch of records is serialised by pyoxigraph in the process that converted it, and turned
into a *piece* that can simply be appended (:func:`piece`): Turtle pieces lose their ``@prefix``
block (the writer writes one header for the file), JSON-LD pieces lose their outer brackets
(pyoxigraph writes expanded JSON-LD: an array of node objects; the writer makes one array of
all pieces), and with a ``.gz`` output each piece is its own gzip member — concatenated gzip
members are one valid gzip file.  So the heavy work (serialising, compressing) runs in the
worker processes, and the writer only appends bytes in input order; in parallel runs the pieces
travel through spool files the kernel copies (``os.sendfile``), not through pipes.
"""

from __future__ import annotations

import gzip
import os
import shutil
import sys
from functools import lru_cache
from typing import BinaryIO

from pyoxigraph import NamedNode, RdfFormat, Triple
from pyoxigraph import serialize as ox_serialize

from .convert.terms import BF, PREFIXES

FORMATS = {
    "nt": RdfFormat.N_TRIPLES,
    "nq": RdfFormat.N_QUADS,
    "ttl": RdfFormat.TURTLE,
    "jsonld": RdfFormat.JSON_LD,
}
QUAD_FORMATS = frozenset({"nq"})


def serialize(terms: list, fmt: str) -> bytes:
    if not terms:
        return b""
    if fmt == "ttl":
        return ox_serialize(terms, format=FORMATS[fmt], prefixes=PREFIXES)
    return ox_serialize(terms, format=FORMATS[fmt])


@lru_cache(maxsize=1)
def turtle_header() -> bytes:
    """The ``@prefix`` block pyoxigraph writes for our prefixes (taken from a one-triple document)."""
    probe = ox_serialize([Triple(NamedNode(BF + "x"), NamedNode(BF + "y"), NamedNode(BF + "z"))],
                         format=RdfFormat.TURTLE, prefixes=PREFIXES)
    return b"".join(line + b"\n" for line in probe.split(b"\n") if line.startswith(b"@prefix"))


def piece(payload: bytes, fmt: str, compress: bool) -> bytes:
    """A serialised batch made ready to be appended to the output file."""
    if fmt == "ttl":
        lines = payload.split(b"\n")
        i = 0
        while i < len(lines) and lines[i].startswith(b"@prefix"):
            i += 1
        payload = b"\n".join(lines[i:])
    elif fmt == "jsonld":
        payload = payload.strip()
        if payload.startswith(b"[") and payload.endswith(b"]"):
            payload = payload[1:-1].strip()
    if not payload.strip():
        return b""
    return gzip.compress(payload, compresslevel=6) if compress else payload


class Writer:
    def __init__(self, path: str, fmt: str):
        self.fmt = fmt
        self.path = path
        self.compress = path.endswith(".gz")
        self._count = 0
        if path == "-":
            self._f: BinaryIO = sys.stdout.buffer
            self._close = False
        else:
            self._f = open(path, "wb")
            self._close = True
        if fmt == "ttl":
            self._emit(turtle_header())
        elif fmt == "jsonld":
            self._emit(b"[\n")

    def _emit(self, data: bytes) -> None:
        self._f.write(gzip.compress(data) if self.compress else data)

    def _separate(self) -> None:
        if self.fmt == "jsonld" and self._count:
            self._emit(b",\n")
        self._count += 1

    def write(self, data: bytes) -> None:
        """Append a piece made by :func:`piece`."""
        if not data:
            return
        self._separate()
        self._f.write(data)

    def append_file(self, path: str) -> None:
        """Append a piece spooled to ``path`` by a worker, and remove the file."""
        try:
            size = os.path.getsize(path)
            if size:
                self._separate()
                self._f.flush()
                with open(path, "rb") as src:
                    try:
                        offset = 0
                        while offset < size:
                            sent = os.sendfile(self._f.fileno(), src.fileno(), offset, size - offset)
                            if sent == 0:
                                break
                            offset += sent
                    except (OSError, AttributeError, ValueError):
                        src.seek(0)
                        shutil.copyfileobj(src, self._f, 1 << 20)
        finally:
            os.unlink(path)

    def close(self) -> None:
        if self.fmt == "jsonld":
            self._emit(b"\n]\n")
        self._f.flush()
        if self._close:
            self._f.close()
