"""IRIs for everything a user may link to, minted deterministically under a configurable base.

Layout (``{lib}`` is the library code, ``{rid}`` the record's control number, percent-encoded)::

    {base}work/{lib}/{rid}                 the Work described by a bibliographic record
    {base}instance/{lib}/{rid}             its Instance
    {base}item/{lib}/{rid}/{copy}          an Item: copy = barcode, else copy number, else position
    {base}agent/{lib}/{slug}-{hash}        an agent from a heading (100, 600, 700, 800, …)
    {base}concept/{lib}/{slug}-{hash}      a subject/genre concept from a heading (6XX, 653)
    {base}work/{lib}/hub/{slug}-{hash}     a uniform-title hub (130/240, name-title 7XX)
    {base}work/{lib}/rel/{slug}-{hash}     a related work described inside a record (76X-78X, 8XX)
    {base}instance/{lib}/rel/{slug}-{hash} its brief Instance
    {base}library/{lib}                    the library
    {base}graph/{lib}/{rid}                the named graph holding the record's triples (N-Quads)

- The library code is part of every record-derived IRI, so two libraries' records with the same
  001 never collide.  A record without 001 gets ``x-`` + a hash of its content, and the report
  says so: such a record cannot later be replaced by a newer export.
- Heading IRIs are scoped to the library (a later linking step decides which agents of different
  libraries are the same person) and derived from :func:`kg.text.heading.heading_key` plus the
  entity type, so the same heading in two records of a library is one agent, and ``Lê`` and
  ``Lễ`` are two.  The slug is only for people reading the IRI; the hash carries the identity.
- Blank nodes get ids derived from the record's IRI and a counter, so converting the same record
  twice yields the same triples (an ingest can compare them) and ids never clash between records
  of one N-Triples file.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from pyoxigraph import NamedNode

from ..text.heading import heading_key, slug


def checked_iri(value: str) -> NamedNode | None:
    """``value`` as an IRI if it is an http(s) IRI pyoxigraph accepts, else None: a MARC
    subfield that should hold a link ($0, $1, $4, 670 $u) can hold anything ("http://x/<y>",
    "%2"), and a field must not be lost because its link is not one (found by bench/fuzz_marc.py)."""
    if not value.startswith(("http://", "https://")) or any(c.isspace() for c in value):
        return None
    try:
        return NamedNode(value)
    except ValueError:
        return None


def _seg(value: str) -> str:
    return quote(value.strip(), safe="-_.~")


def digest(text: str, size: int = 12) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=size // 2 + size % 2).hexdigest()[:size]


class Minter:
    def __init__(self, base: str, library: str):
        if not base.endswith(("/", "#")):
            base += "/"
        self.base = base
        self.library = library
        self.lib = _seg(library)

    def record_id(self, control_number: str | None, content=None, record=None) -> str:
        """The record's path segment: its 001, or ``x-`` + a hash of ``content(record)``."""
        if control_number:
            return _seg(control_number)
        return "x-" + digest(content(record), 16)

    def work(self, rid: str) -> NamedNode:
        return NamedNode(f"{self.base}work/{self.lib}/{rid}")

    def instance(self, rid: str) -> NamedNode:
        return NamedNode(f"{self.base}instance/{self.lib}/{rid}")

    def item(self, rid: str, copy: str) -> NamedNode:
        return NamedNode(f"{self.base}item/{self.lib}/{rid}/{_seg(copy)}")

    def graph(self, rid: str) -> NamedNode:
        return NamedNode(f"{self.base}graph/{self.lib}/{rid}")

    def library_iri(self, code: str | None = None) -> NamedNode:
        return NamedNode(f"{self.base}library/{_seg(code) if code else self.lib}")

    def _heading(self, path: str, kind: str, label: str) -> NamedNode:
        key = f"{kind}|{heading_key(label)}"
        return NamedNode(f"{self.base}{path}/{self.lib}/{slug(label)}-{digest(key)}")

    def agent(self, kind: str, label: str) -> NamedNode:
        return self._heading("agent", kind, label)

    def concept(self, kind: str, label: str, scheme: str = "") -> NamedNode:
        return self._heading("concept", f"{kind}|{scheme}", label)

    def hub(self, label: str) -> NamedNode:
        return NamedNode(f"{self.base}work/{self.lib}/hub/{slug(label)}-{digest('hub|' + heading_key(label))}")

    def related_work(self, label: str) -> NamedNode:
        return NamedNode(f"{self.base}work/{self.lib}/rel/{slug(label)}-{digest('rel|' + heading_key(label))}")

    def related_instance(self, label: str, identifiers: str) -> NamedNode:
        key = f"rel|{heading_key(label)}|{identifiers}"
        return NamedNode(f"{self.base}instance/{self.lib}/rel/{slug(label)}-{digest(key)}")
