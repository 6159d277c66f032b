"""Reconciling a spreadsheet: one column of a CSV file matched against the shared authorities
(``kg reconcile FILE.csv --column NAME``).

The file is read as UTF-8 (with or without a byte-order mark) with its delimiter sniffed (comma,
semicolon or tab) and written back in the same dialect with four columns added — ``IRI``,
``matched name``, ``score``, ``match`` — every other column kept as it was (an added name that
clashes with an existing header gets `` (kg)``).  Rows go to :meth:`Reconciler.match` in batches
of :data:`BATCH` queries, as a service's client would send them; an empty cell is no query.
``match`` is ``true`` only when the first candidate may be accepted without looking (the rule of
:mod:`kg.reconcile.engine`); the best candidate's IRI and name are written either way.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import TextIO

from ..errors import InputError
from .reconciler import Reconciler

ADDED = ("IRI", "matched name", "score", "match")
BATCH = 50


@dataclass
class Table:
    """A CSV file as read: its header, its rows and the dialect to write it back in."""

    header: list[str]
    rows: list[list[str]]
    dialect: csv.Dialect | type[csv.Dialect] = csv.excel

    @classmethod
    def read(cls, path: str) -> "Table":
        try:
            with open(path, encoding="utf-8-sig", newline="") as f:
                text = f.read()
        except FileNotFoundError:
            raise InputError(path, "no such file") from None
        except UnicodeDecodeError:
            raise InputError(path, "not UTF-8 text (save the spreadsheet as CSV UTF-8)") from None
        try:
            dialect: csv.Dialect | type[csv.Dialect] = csv.Sniffer().sniff(text[:20000], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = list(csv.reader(io.StringIO(text), dialect))
        if not rows:
            raise InputError(path, "empty file: a header row is needed")
        return cls(rows[0], rows[1:], dialect)


@dataclass
class Outcome:
    """The rows with the four columns added, and how many rows ended which way."""

    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    matched: int = 0  # match true
    candidates: int = 0  # a best candidate to check
    empty: int = 0  # no name in the cell

    @property
    def without_candidate(self) -> int:
        return len(self.rows) - self.matched - self.candidates - self.empty

    def write(self, out: TextIO, dialect: csv.Dialect | type[csv.Dialect]) -> None:
        w = csv.writer(out, dialect)
        w.writerow(self.header)
        w.writerows(self.rows)


def reconcile_table(reconciler: Reconciler, table: Table, column: int, type_: str | None = None,
                    properties: list[tuple[str, int]] = ()) -> Outcome:
    """Match the cells of ``column`` (with the property ``pid`` read from column ``j`` for each
    ``(pid, j)`` of ``properties``); :class:`~kg.reconcile.QueryError` as the engine raises it."""
    out = Outcome(table.header + [name if name not in table.header else f"{name} (kg)" for name in ADDED])
    for start in range(0, len(table.rows), BATCH):
        part = table.rows[start : start + BATCH]
        queries = {}
        for i, row in enumerate(part):
            cell = row[column].strip() if column < len(row) else ""
            if not cell:
                continue
            q: dict = {"query": cell, "limit": 3}
            if type_:
                q["type"] = type_
            given = [{"pid": pid, "v": row[j].strip()} for pid, j in properties if j < len(row) and row[j].strip()]
            if given:
                q["properties"] = given
            queries[str(i)] = q
        answers = reconciler.match(queries)
        for i, row in enumerate(part):
            found = answers.get(str(i))
            if found is None:
                out.empty += 1
                out.rows.append(row + ["", "", "", ""])
            elif not found:
                out.rows.append(row + ["", "", "", "false"])
            else:
                best = found[0]
                out.matched += best.match
                out.candidates += not best.match
                out.rows.append(row + [best.id, best.name, f"{best.score:g}", "true" if best.match else "false"])
    return out
