"""``kg reconcile`` and ``kg authorities duplicates``: reconciliation for cataloguers at the
command line (:mod:`kg.reconcile`).

``kg reconcile FILE.csv --column NAME`` matches the names (or titles) of one column against the
shared authorities and writes the file back with four more columns (:mod:`kg.reconcile.table`);
other columns may feed the matching: ``--property dates=Năm sinh`` reads the property ``dates``
from the column "Năm sinh".

``kg authorities duplicates`` lists likely duplicate authority records
(:mod:`kg.reconcile.duplicates`) with their evidence and the ``kg link --same/--different``
command that records a decision.

Files written with ``--out`` carry a byte-order mark so that Excel shows Vietnamese.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager

from ..errors import UsageError
from .common import add_store_options, open_hub


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


def run(args) -> int:
    from ..reconcile import QueryError, Reconciler
    from ..reconcile.table import Table, reconcile_table
    from ..reconcile.vocab import resolve_property, resolve_type

    table = Table.read(args.file)
    header = table.header
    if args.column not in header:
        raise UsageError(f"--column {args.column!r}: no such column; the columns are: {', '.join(header)}")
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
    with open_hub(args) as hub, Reconciler(hub, refresh_seconds=3600.0) as reconciler:
        try:
            outcome = reconcile_table(reconciler, table, header.index(args.column), args.type, props)
        except QueryError as err:
            raise UsageError(str(err)) from None
    with _output(args.out) as out:
        outcome.write(out, table.dialect)
    print(f"kg reconcile: {len(table.rows):,} rows: {outcome.matched:,} matched, {outcome.candidates:,} with a "
          f"candidate to check, {outcome.without_candidate:,} without a candidate, {outcome.empty:,} empty"
          + (f"; written to {args.out}" if args.out else ""), file=sys.stderr)
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
