"""Options and helpers shared by the store commands."""

from __future__ import annotations

import json
import sys

from .. import settings
from ..store import Hub


def add_store_options(p) -> None:
    s = settings.SETTINGS
    p.add_argument("--store", metavar="DIR", default=None,
                   help=f"{s['store'].help} [{s['store'].env}, default {s['store'].default}]")
    p.add_argument("--endpoint", metavar="URL", default=None, help=f"{s['endpoint'].help} [{s['endpoint'].env}]")
    p.add_argument("--base-uri", metavar="IRI", default=None,
                   help=f"{s['base_uri'].help} [{s['base_uri'].env}, default {s['base_uri'].default}]")


def open_hub(args, sync: bool = True) -> Hub:
    return Hub(args.store, args.endpoint, args.base_uri, sync=sync)


class Reporter:
    """JSON Lines report file (optional) + whole-file problems always said on stderr."""

    def __init__(self, path: str | None, command: str):
        self.file = open(path, "w", encoding="utf-8") if path else None
        self.command = command

    def __call__(self, problem) -> None:
        if self.file is not None:
            self.file.write(json.dumps(problem.as_dict(), ensure_ascii=False) + "\n")
        if problem.record == 0:
            print(f"kg {self.command}: {problem.file}: {problem.problem}", file=sys.stderr)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
