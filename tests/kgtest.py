"""Shared test helpers.

- ``SHARED``: the read-only material beside the project (``../shared``), read in place.
- ``mrk(text)``: a :class:`~kg.marc.record.Record` from MarcEdit mnemonic text, through the real
  mnemonic reader, so conversion tests read like catalogue records.
- ``convert(text)``: that record converted, loaded into an in-memory Oxigraph store, so tests ask
  SPARQL questions of the output instead of poking at triples.
- ``double_encode(text)``: what a Windows tool does to UTF-8 it believes is Windows-1252.
- ``quads_digest(store_dir)``: (quads, SHA-256 of the sorted N-Quads) of a store no process holds.
"""

from __future__ import annotations

import hashlib
import io
import textwrap
from pathlib import Path

import pyoxigraph
import pytest

from kg.convert import Minter, convert_bibliographic
from kg.convert.terms import PREFIXES
from kg.marc import mnemonic
from kg.marc.chunk import MNEMONIC, Chunk

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MARC = SHARED / "data" / "marc"
BASE = "http://example.org/"
SPARQL_PREFIXES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def mrk(text: str):
    data = textwrap.dedent(text).strip().encode("utf-8") + b"\n"
    if not data.startswith(b"=LDR"):
        data = b"=LDR  00000nam a2200000 a 4500\n" + data
    return mnemonic.parse(Chunk("test.mrk", 1, 0, data, MNEMONIC))


class Output:
    """A converted record as an Oxigraph store, with the conversion's problems."""

    def __init__(self, converted):
        self.converted = converted
        self.problems = converted.problems
        self.store = pyoxigraph.Store()
        self.store.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object) for t in converted.triples)

    def ask(self, where: str, **bindings) -> bool:
        return bool(self.store.query(SPARQL_PREFIXES + f"ASK {{ {where} }}", substitutions=_subst(bindings)))

    def values(self, where: str, var: str = "v", **bindings) -> list[str]:
        q = SPARQL_PREFIXES + f"SELECT DISTINCT ?{var} WHERE {{ {where} }}"
        return sorted(row[var].value for row in self.store.query(q, substitutions=_subst(bindings)))

    def literals(self, where: str, var: str = "v") -> list[tuple[str, str | None]]:
        q = SPARQL_PREFIXES + f"SELECT DISTINCT ?{var} WHERE {{ {where} }}"
        return sorted((row[var].value, row[var].language) for row in self.store.query(q))

    def turtle(self) -> str:
        return pyoxigraph.serialize(self.store, format=pyoxigraph.RdfFormat.TRIG, prefixes=PREFIXES).decode()

    def problem_texts(self) -> list[str]:
        return [f"{p.tag}: {p.problem}" for p in self.problems]


def _subst(bindings: dict) -> dict:
    out = {}
    for name, value in bindings.items():
        term = value if not isinstance(value, str) else (
            pyoxigraph.NamedNode(value) if value.startswith("http") else pyoxigraph.Literal(value)
        )
        out[pyoxigraph.Variable(name)] = term
    return out


def convert(text: str, library: str = "TEST") -> Output:
    return Output(convert_bibliographic(mrk(text), Minter(BASE, library)))


WORK = BASE + "work/TEST/"
INSTANCE = BASE + "instance/TEST/"


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():  # pragma: no cover - the checkout always has it beside
        pytest.fail(f"shared material not found at {SHARED}")
    return SHARED


def double_encode(text: str) -> str:
    """What a Windows tool does to UTF-8 it believes is Windows-1252 (undefined bytes kept as C1)."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def quads_digest(store: Path) -> tuple[int, str]:
    """(number of quads, SHA-256 of their sorted N-Quads) of a ``kg`` store directory no process holds."""
    s = pyoxigraph.Store(str(store / "oxigraph"))
    try:
        lines = sorted(str(q) for q in s)
    finally:
        del s
    return len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest()
