"""``kg stats``: the precomputed statistics of every library and of the whole store."""

from __future__ import annotations

import json
from collections import Counter

from ..store import registry, stats
from .common import add_store_options, open_hub

KEYS = ("records", "works", "instances", "items", "agents", "concepts", "triples")


def add_parser(sub) -> None:
    p = sub.add_parser("stats", help="counts per library, read from the precomputed statistics")
    add_store_options(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=run)


def run(args) -> int:
    with open_hub(args) as hub:
        figures = stats.read(hub.backend)
        names = {lib.code: lib.name_vi for lib in registry.all_libraries(hub.backend, hub.names)}
    total: dict = {k: 0 for k in KEYS}
    languages: Counter = Counter()
    for fig in figures.values():
        for k in KEYS:
            total[k] += fig.get(k, 0)
        languages.update(fig["languages"])
    if args.json:
        out = {code: {**{k: fig.get(k, 0) for k in KEYS}, "languages": dict(fig["languages"]),
                      "years": {str(y): n for y, n in sorted(fig["years"].items())}} for code, fig in figures.items()}
        out["_total"] = {**total, "languages": dict(languages)}
        print(json.dumps(out, ensure_ascii=False, indent=2, sort_keys=True))
        return 0
    print(f"{'library':<10} " + " ".join(f"{k:>10}" for k in KEYS) + "  languages")
    for code in sorted(figures):
        fig = figures[code]
        top = ", ".join(f"{c} {n}" for c, n in fig["languages"].most_common(3))
        print(f"{code:<10} " + " ".join(f"{fig.get(k, 0):>10,}" for k in KEYS) + f"  {top}  {names.get(code, '')}")
    if len(figures) > 1:
        print(f"{'(all)':<10} " + " ".join(f"{total[k]:>10,}" for k in KEYS) + "  " +
              ", ".join(f"{c} {n}" for c, n in languages.most_common(3)))
    if not figures:
        print("the store holds no statistics yet (kg ingest computes them)")
    return 0
