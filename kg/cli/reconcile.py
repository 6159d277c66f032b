"""``kg reconcile`` and ``kg authorities duplicates``: reconciliation for cataloguers at the
command line (:mod:`kg.reconcile`).

``kg reconcile FILE.csv --column NAME`` matches the names (or titles) of one column against the
shared authorities and writes the file back with four more columns — ``IRI``, ``matched name``,
``score``, ``match`` — every other column kept as it was.  ``match`` is ``true`` only when the
first candidate may be accepted without looking (the rule of :mod:`kg.reconcile.engine`); the IRI
and name of the best candidate are written either way, for a cataloguer to check.  Other columns
may feed the matching: ``--property dates=Năm sinh`` reads the property ``dates`` from the column
"Năm sinh".

``kg authorities duplicates`` lists likely duplicate authority records
(:mod:`kg.reconcile.duplicates`) with their evidence and the ``kg link --same/--different``
command that records a decision.

Files are read as UTF-8 (with or without a byte-order mark) with the delimiter sniffed (comma,
semicolon or tab); files written with ``--out`` carry a byte-order mark so that Excel shows
Vietnamese.
"""

from __future__ import annotations

import csv
import io
import sys
from contextlib import contextmanager

from ..errors import InputError, UsageError
from .common import add_store_options, open_hub

ADDED = ("IRI", "matched name", "score", "match")
BATCH = 50


def add_parser(sub) -> None:
    p = sub.add_parser(
        "reconcile", help="match a CSV column of names or titles to the shared authorities",
        description="Match the names (or titles) of one column of a CSV file against the authorities and clusters "
                    "of the store, Vietnamese-aware (tone marks decide; typos, missing marks, inverted order, "
                    "initials, pen names and dates are understood). Writes the file back with the columns IRI, "
                    "matched name, score and match added.")
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument("--column", required=True, metavar="NAME", help="the column holding the names (its header)")
    p.add_argument("--type", metavar="TYPE",
                   help="Person, Organization, Meeting, Family, Work, Topic or Place (default: any)")
    p.add_argument("--property", action="append", default=[], metavar="PID=COLUMN",
                   help="a property read from another column, e.g. dates=Năm sinh, title=Nhan đề, library=Mã TV "
                        "(repeatable)")
    p.add_argument("--out", metavar="FILE.csv", help="where to write (default: standard output)")
    add_store_options(p)
    p.set_defaults(func=run)

    a = sub.add_parser("authorities", help="questions about the authority records of the store",
                       description="Questions about the authority records of the store.")
    asub = a.add_subparsers(dest="action", metavar="ACTION")
    asub.required = True
    d = asub.add_parser(
        "duplicates", help="likely duplicate authority records, with evidence",
        description="List likely duplicate authority records within and across libraries (the same person entered "
                    "twice, tone-variant spellings, missing dates, typos), each pair with its evidence and the "
                    "kg link --same / --different command that records the decision. Pairs already linked or "
                    "decided are left out.")
    d.add_argument("--library", metavar="CODE", help="only pairs involving this library's records")
    d.add_argument("--out", metavar="FILE.csv", help="where to write (default: standard output)")
    add_store_options(d)
    d.set_defaults(func=run_duplicates)


@contextmanager
def _output(path: str | None):
    if path:
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            yield f
    else:
        yield sys.stdout


def _read(path: str) -> tuple[list[str], list[list[str]], csv.Dialect | type[csv.Dialect]]:
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
    return rows[0], rows[1:], dialect


def run(args) -> int:
    from ..reconcile import QueryError, Reconciler
    from ..reconcile.vocab import resolve_property, resolve_type

    header, rows, dialect = _read(args.file)
    if args.column not in header:
        raise UsageError(f"--column {args.column!r}: no such column; the columns are: {', '.join(header)}")
    column = header.index(args.column)
    if args.type and resolve_type(args.type) is None:
        raise UsageError(f"--type {args.type!r}: one of Person, Organization, Meeting, Family, Work, Topic, Place")
    props: list[tuple[str, int]] = []
    for spec in args.property:
        pid, eq, name = spec.partition("=")
        if not eq or resolve_property(pid) is None or not resolve_property(pid).match:
            raise UsageError(f"--property {spec!r}: use PID=COLUMN with PID one of dates, identifier, title, "
                             "creator, language, isbn, library, viaf, isni, wikidata, lccn")
        if name not in header:
            raise UsageError(f"--property {spec!r}: no column {name!r}; the columns are: {', '.join(header)}")
        props.append((pid, header.index(name)))
    added = [name if name not in header else f"{name} (kg)" for name in ADDED]
    results: list[list[str]] = []
    matched = candidates = empty = 0
    with open_hub(args) as hub, Reconciler(hub, refresh_seconds=3600.0) as reconciler:
        for start in range(0, len(rows), BATCH):
            part = rows[start : start + BATCH]
            queries = {}
            for i, row in enumerate(part):
                cell = row[column].strip() if column < len(row) else ""
                if not cell:
                    continue
                q: dict = {"query": cell, "limit": 3}
                if args.type:
                    q["type"] = args.type
                given = [{"pid": pid, "v": row[j].strip()} for pid, j in props if j < len(row) and row[j].strip()]
                if given:
                    q["properties"] = given
                queries[str(i)] = q
            try:
                answers = reconciler.match(queries)
            except QueryError as err:
                raise UsageError(str(err)) from None
            for i, row in enumerate(part):
                found = answers.get(str(i))
                if found is None:
                    empty += 1
                    results.append(row + ["", "", "", ""])
                elif not found:
                    results.append(row + ["", "", "", "false"])
                else:
                    best = found[0]
                    matched += best.match
                    candidates += not best.match
                    results.append(row + [best.id, best.name, f"{best.score:g}", "true" if best.match else "false"])
    with _output(args.out) as out:
        w = csv.writer(out, dialect)
        w.writerow(header + added)
        w.writerows(results)
    none = len(rows) - matched - candidates - empty
    print(f"kg reconcile: {len(rows):,} rows: {matched:,} matched, {candidates:,} with a candidate to check, "
          f"{none:,} without a candidate, {empty:,} empty" + (f"; written to {args.out}" if args.out else ""),
          file=sys.stderr)
    return 0


def run_duplicates(args) -> int:
    from ..reconcile import Reconciler
    from ..reconcile.duplicates import write_csv

    with open_hub(args) as hub, Reconciler(hub, refresh_seconds=3600.0) as reconciler:
        if args.library:
            hub.require_library(args.library)
        found = reconciler.duplicates(args.library)
    with _output(args.out) as out:
        write_csv(found, out)
    same = sum(1 for p in found if "--same" in p.command)
    print(f"kg authorities duplicates: {len(found):,} pair(s) of likely duplicate authority records"
          f"{' involving ' + args.library if args.library else ''}: {same:,} to merge (--same), "
          f"{len(found) - same:,} to mark different (--different)" + (f"; written to {args.out}" if args.out else ""),
          file=sys.stderr)
    return 0
