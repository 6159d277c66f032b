"""``kg reindex``: rebuild the search index from the store."""

from __future__ import annotations

import sys

from .common import add_store_options, open_hub


def add_parser(sub) -> None:
    p = sub.add_parser("reindex", help="rebuild the search and statistics index from the store")
    add_store_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    with open_hub(args, sync=False) as hub:
        n = hub.sync_index(full=True)
        from ..store import registry, stats

        for lib in registry.all_libraries(hub.backend, hub.names):
            stats.write(hub.backend, hub.names, hub.index, lib.code)
    print(f"kg reindex: {n:,} records re-read from the store", file=sys.stderr)
    return 0
