"""``kg backup DIR``: a consistent copy of the embedded store and its label index;
``kg restore DIR``: put such a copy in place (:mod:`kg.store.backup`)."""

from __future__ import annotations

import sys

from .. import settings
from ..errors import UsageError


def add_parser(sub) -> None:
    s = settings.SETTINGS["store"]
    b = sub.add_parser("backup", help="back up the embedded store and its index into a new directory",
                       description="Write a consistent backup of the embedded store (Oxigraph's backup: hard "
                                   "links to its immutable files when on the same file system) and a copy of "
                                   "the label index into DIR, which must be new or empty. The store must not be in use: stop kg serve for the time of the "
                                   "backup. Copy DIR to another disk to survive the loss of this one.")
    b.add_argument("directory", metavar="DIR", help="where to write the backup (new or empty)")
    b.add_argument("--store", metavar="DIR", default=None, help=f"the store to back up [{s.env}, default {s.default}]")
    b.set_defaults(func=run_backup)

    r = sub.add_parser("restore", help="restore a backup written by kg backup",
                       description="Put the backup DIR in place as the store: checked against what kg backup "
                                   "recorded before it replaces anything. The store directory must be empty or "
                                   "missing, unless --force (then the store it holds is replaced; never while "
                                   "a process uses it). The backup itself is left as it is.")
    r.add_argument("directory", metavar="DIR", help="a backup written by kg backup")
    r.add_argument("--store", metavar="DIR", default=None, help=f"the store to restore into [{s.env}, default {s.default}]")
    r.add_argument("--force", action="store_true", help="replace an existing store")
    r.set_defaults(func=run_restore)


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1000
    return f"{n} B"  # pragma: no cover - the loop always returns


def _line(verb: str, s) -> str:
    libraries = ", ".join(f"{code} {f['records'] + f['authorities']:,}" for code, f in sorted(s.libraries.items()))
    return (f"{verb} {s.directory}: {s.records:,} records ({libraries or 'no library'}), {s.graphs:,} graphs, "
            f"{s.files:,} files, {_size(s.bytes)}, {s.seconds:.1f} s")


def run_backup(args) -> int:
    from ..store import Hub
    from ..store.backup import backup

    if settings.get("endpoint"):
        raise UsageError(f"{settings.SETTINGS['endpoint'].env} names a remote server: kg backup copies an embedded "
                         "store (a remote server keeps its own backups)")
    with Hub(args.store, endpoint="") as hub:
        summary = backup(hub, args.directory)
    print(f"kg backup: {_line('wrote', summary)}", file=sys.stderr)
    return 0


def run_restore(args) -> int:
    from ..store.backup import restore

    summary = restore(args.directory, str(settings.get("store", args.store)), force=args.force)
    print(f"kg restore: {_line('restored', summary)}", file=sys.stderr)
    return 0
