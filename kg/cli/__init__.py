"""The ``kg`` command.  Each subcommand is a module with ``add_parser(subparsers)`` and
``run(args) -> int``; they parse input, call the library and format output — nothing more.
Errors of the :class:`~kg.errors.KgError` family become one line on stderr and an exit status;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys

from .. import __version__
from ..errors import KgError
from . import backup, convert, delete, export, ingest, library, link, reconcile, reindex, serve, stats

COMMANDS = [convert, ingest, library, link, stats, export, delete, reindex, serve, reconcile, backup]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kg",
        description="Thư viện Liên thông — Vietnamese library catalogues as one BIBFRAME 2 knowledge graph.",
    )
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in COMMANDS:
        module.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KgError as err:
        print(f"kg {args.command}: {err}", file=sys.stderr)
        return err.exit_status
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
