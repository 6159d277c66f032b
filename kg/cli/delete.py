"""``kg delete``: remove records of a library (by control number), or all of them with ``--all``."""

from __future__ import annotations

import sys

from ..convert.iris import Minter
from ..errors import UsageError
from ..store import ingest
from .common import add_store_options, open_hub


def add_parser(sub) -> None:
    p = sub.add_parser("delete", help="remove records of a library from the store")
    p.add_argument("records", nargs="*", metavar="RECORD_ID", help="control numbers (001) of the records to remove")
    p.add_argument("--library", required=True, metavar="CODE")
    p.add_argument("--all", action="store_true", help="remove every record of the library (its registry entry stays)")
    add_store_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    if not args.records and not args.all:
        raise UsageError("name the records to delete (their 001), or give --all to delete every record of the library")
    if args.records and args.all:
        raise UsageError("give either RECORD_IDs or --all, not both")
    with open_hub(args) as hub:
        hub.require_library(args.library)
        minter = Minter(hub.base_uri, args.library)
        rids = None if args.all else [minter.record_id(r) for r in args.records]
        n = ingest.delete(hub.backend, hub.index, hub.names, args.library, rids)
    asked = "all" if args.all else str(len(args.records))
    print(f"kg delete {args.library}: {n:,} record(s) removed ({asked} asked)", file=sys.stderr)
    return 0
