"""Small builders for the conversion tests' mnemonic fixtures.

Fixed-length fields are where hand-typed fixtures go wrong (a missing blank shifts every
position after it), so the 008 and the leader are built here from named positions and their
length is checked.  The result is in mnemonic form: ``\\`` for a blank.
"""

from __future__ import annotations

from kgtest import MARC

VIETNAMESE = MARC / "vietnamese"
PRINCETON = MARC / "bib_utf8" / "m2b_princeton.xml"


def f008(date_type: str = "s", date1: str = "2016", date2: str = "    ", country: str = "vm ",
         lang: str = "vie", entered: str = "250315", at: dict[int, str] | None = None) -> str:
    """An 008 of exactly 40 characters in mnemonic form; ``at`` sets single positions."""
    chars = [" "] * 40
    chars[0:6] = entered
    chars[6] = date_type
    chars[7:11] = date1
    chars[11:15] = date2
    chars[15:18] = country
    chars[35:38] = lang
    for pos, value in (at or {}).items():
        chars[pos : pos + len(value)] = value
    assert len(chars) == 40, chars
    return "".join(chars).replace(" ", "\\")


def ldr(type_: str = "a", level: str = "m", status: str = "n", encoding: str = " ", form: str = "a") -> str:
    """A bibliographic leader (24 characters) in mnemonic form."""
    text = f"00000{status}{type_}{level} a2200000{encoding}{form} 4500"
    assert len(text) == 24, text
    return text.replace(" ", "\\")


def read(path, control_number: str | None = None):
    """The records of a real file read in place (all of them, or the one with that 001)."""
    from kg.marc.source import chunks, parse

    records = [parse(chunk) for chunk in chunks(str(path))]
    if control_number is None:
        return records
    for record in records:
        if record.control_number == control_number:
            return record
    raise LookupError(f"{control_number} not in {path}")


def convert_record(record, library: str = "TEST"):
    """A real record converted into the tests' :class:`conftest.Output`."""
    from kgtest import BASE, Output

    from kg.convert import Minter, convert_bibliographic

    return Output(convert_bibliographic(record, Minter(BASE, library)))


def rdf_list(out, subject: str, predicate: str) -> list:
    """The members of the RDF list ``<subject> <predicate> ( … )``, in order (pyoxigraph terms)."""
    import pyoxigraph as ox

    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    first, rest, nil = ox.NamedNode(rdf + "first"), ox.NamedNode(rdf + "rest"), ox.NamedNode(rdf + "nil")

    def one(s, p):
        objects = [q.object for q in out.store.quads_for_pattern(s, p, None)]
        assert len(objects) == 1, (s, p, objects)
        return objects[0]

    cell, items = one(ox.NamedNode(subject), ox.NamedNode(predicate)), []
    while cell != nil:
        items.append(one(cell, first))
        cell = one(cell, rest)
        assert len(items) < 100, "list does not end"
    return items


def describe(out, node) -> dict[str, list[str]]:
    """property IRI -> sorted values of a node (blank or named) of the output."""
    got: dict[str, list[str]] = {}
    for q in out.store.quads_for_pattern(node, None, None):
        got.setdefault(q.predicate.value, []).append(q.object.value)
    return {k: sorted(v) for k, v in got.items()}
