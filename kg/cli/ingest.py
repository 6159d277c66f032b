"""``kg ingest``: load a library's export into the store (added / replaced / deleted / unchanged)."""

from __future__ import annotations

import os
import sys

from .. import settings
from ..errors import InputError, UsageError
from ..marc.source import expand
from ..store import ingest
from .common import Reporter, add_store_options, open_hub

HELP = """Load MARC exports of one library into the knowledge graph.  Each record lives in its own
named graph; a newer export replaces exactly the records it contains (by control number),
leader/05 = d deletes a record, --replace-all makes the export the library's whole catalogue.
Running the same command twice changes nothing; a run that was killed is completed by running
the same command again."""


def add_parser(sub) -> None:
    p = sub.add_parser("ingest", help="load MARC exports of a library into the store", description=HELP)
    p.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR")
    p.add_argument("--library", required=True, metavar="CODE", help="the registered library these records belong to")
    add_store_options(p)
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help=f"{settings.SETTINGS['jobs'].help} [{settings.SETTINGS['jobs'].env}]")
    p.add_argument("--report", metavar="FILE", help="JSON Lines report of rejected, repaired and skipped records")
    p.add_argument("--replace-all", action="store_true",
                   help="the export is the library's whole catalogue: records not in it are removed")
    p.add_argument("--strict", action="store_true", help="stop at the first problem (exit status 4)")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary line")
    p.set_defaults(func=run)


def run(args) -> int:
    jobs = settings.get("jobs", args.jobs)
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    missing = [p for p in args.inputs if not os.path.exists(p)]
    if missing:
        raise InputError(missing[0], "no such file or directory")
    paths = expand(args.inputs)
    reporter = Reporter(args.report, "ingest")
    bar = None
    with open_hub(args) as hub:
        hub.require_library(args.library)
        options = ingest.IngestOptions(args.library, hub.base_uri, jobs, args.replace_all, args.strict)
        progress = lambda batch: None  # noqa: E731
        if not args.quiet and sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(unit=" records", desc=f"kg ingest {args.library}", file=sys.stderr, leave=False)
            progress = lambda batch: bar.update(batch.records)  # noqa: E731
        try:
            summary = ingest.run(paths, options, hub.backend, hub.index, hub.names, reporter, progress)
        finally:
            if bar is not None:
                bar.close()
            reporter.close()
    if not args.quiet:
        rate = summary.records / summary.seconds if summary.seconds else 0
        how = " (bulk load)" if summary.bulk and summary.added else ""
        print(f"kg ingest {args.library}: {summary.records:,} records read: {summary.added:,} added{how}, "
              f"{summary.replaced:,} replaced, {summary.deleted:,} deleted, {summary.unchanged:,} unchanged, "
              f"{summary.rejected:,} rejected, {summary.skipped:,} skipped (see the report); "
              f"{summary.triples:,} triples written, {rate:,.0f} records/s; "
              f"library now holds {summary.figures.get('records', 0):,} records", file=sys.stderr)
    return 3 if summary.unreadable_files else 0
