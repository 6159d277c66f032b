"""``kg export``: dump the store or one library (N-Quads keeps the record graphs)."""

from __future__ import annotations

import sys

from ..store import export as exporter
from .common import add_store_options, open_hub


def add_parser(sub) -> None:
    p = sub.add_parser("export", help="dump the store or a library as N-Quads, N-Triples or Turtle (.gz allowed)")
    add_store_options(p)
    p.add_argument("--to", choices=("nq", "nt", "ttl"), default="nq", help="format (default nq: one graph per record)")
    p.add_argument("--library", metavar="CODE", help="only this library's records, registry entry and statistics")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="output file; '.gz' compresses; '-' for stdout")
    p.set_defaults(func=run)


def run(args) -> int:
    with open_hub(args) as hub:
        if args.library:
            hub.require_library(args.library)
        n = exporter.export(hub, args.output, args.to, args.library)
    print(f"kg export: {n:,} quads -> {args.output}", file=sys.stderr)
    return 0
