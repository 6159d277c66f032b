"""Writing converted batches to a file or stdout in N-Triples, N-Quads, Turtle or JSON-LD.

Workers serialise their own batch with pyoxigraph (fast, and off the main process); the writer
only stitches the pieces: N-Triples/N-Quads concatenate; Turtle keeps the ``@prefix`` block of
the first piece only; JSON-LD (pyoxigraph writes expanded JSON-LD, an array of node objects)
is merged into one array.  Output is streamed: memory does not grow with the input.
"""

from __future__ import annotations

import gzip
import sys
from typing import BinaryIO

from pyoxigraph import RdfFormat

from .convert.terms import PREFIXES

FORMATS = {
    "nt": RdfFormat.N_TRIPLES,
    "nq": RdfFormat.N_QUADS,
    "ttl": RdfFormat.TURTLE,
    "jsonld": RdfFormat.JSON_LD,
}
QUAD_FORMATS = frozenset({"nq"})


def serialize(terms: list, fmt: str) -> bytes:
    from pyoxigraph import serialize as ox_serialize

    if not terms:
        return b""
    if fmt == "ttl":
        return ox_serialize(terms, format=FORMATS[fmt], prefixes=PREFIXES)
    return ox_serialize(terms, format=FORMATS[fmt])


class Writer:
    def __init__(self, path: str, fmt: str):
        self.fmt = fmt
        self.path = path
        self._count = 0
        if path == "-":
            self._f: BinaryIO = sys.stdout.buffer
            self._close = False
        elif path.endswith(".gz"):
            self._f = gzip.open(path, "wb")  # type: ignore[assignment]
            self._close = True
        else:
            self._f = open(path, "wb")
            self._close = True
        if fmt == "jsonld":
            self._f.write(b"[")

    def write(self, payload: bytes) -> None:
        if not payload:
            return
        if self.fmt == "ttl" and self._count:
            lines = payload.split(b"\n")
            i = 0
            while i < len(lines) and lines[i].startswith(b"@prefix"):
                i += 1
            payload = b"\n".join(lines[i:])
        elif self.fmt == "jsonld":
            body = payload.strip()
            if body.startswith(b"[") and body.endswith(b"]"):
                body = body[1:-1].strip()
            if not body:
                return
            payload = (b",\n" if self._count else b"\n") + body
        self._f.write(payload)
        self._count += 1

    def close(self) -> None:
        if self.fmt == "jsonld":
            self._f.write(b"\n]\n")
        self._f.flush()
        if self._close:
            self._f.close()
