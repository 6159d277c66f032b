"""``kg convert``: MARC files -> BIBFRAME 2 RDF and a report, no store needed."""

from __future__ import annotations

import json
import os
import re
import sys

from .. import settings
from ..batch import Options, run
from ..errors import InputError, UsageError
from ..marc.source import expand
from ..output import FORMATS, Writer

_LIBRARY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")

HELP = """Convert MARC 21 bibliographic records to BIBFRAME 2 RDF.  Reads ISO 2709 (UTF-8 or
MARC-8), MARCXML, MarcEdit .mrk and Libol text exports, single files or whole directories,
gzip allowed; the format is recognised from the content.  A record that cannot be read is
reported and skipped, the rest is converted; authority and holdings records are reported as
not handled yet."""


def add_parser(sub) -> None:
    p = sub.add_parser("convert", help="convert MARC files to BIBFRAME 2 RDF", description=HELP)
    p.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR", help="MARC files or directories")
    p.add_argument("--library", required=True, metavar="CODE",
                   help="code of the library whose catalogue this is (e.g. TVHN); goes into provenance and item ownership")
    p.add_argument("-o", "--output", default="-", metavar="FILE",
                   help="output file ('-' for standard output, the default; '.gz' compresses)")
    p.add_argument("--to", choices=sorted(FORMATS), default="nt",
                   help="nt (N-Triples, default), nq (N-Quads: one named graph per record), ttl (Turtle), jsonld (JSON-LD)")
    p.add_argument("--report", metavar="FILE",
                   help="write a JSON Lines report: one line per problem of a rejected, repaired or skipped record")
    p.add_argument("--strict", action="store_true", help="stop at the first problem (exit status 4)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help=f"{settings.SETTINGS['jobs'].help} [{settings.SETTINGS['jobs'].env}]")
    p.add_argument("--base-uri", default=None, metavar="IRI",
                   help=f"{settings.SETTINGS['base_uri'].help} [{settings.SETTINGS['base_uri'].env}, "
                        f"default {settings.SETTINGS['base_uri'].default}]")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary line")
    p.set_defaults(func=run_command)


def run_command(args) -> int:
    if not _LIBRARY.match(args.library):
        raise UsageError(f"--library {args.library!r}: use 1-32 letters, digits, '-' or '_' (e.g. TVHN)")
    jobs = settings.get("jobs", args.jobs)
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    base = settings.get("base_uri", args.base_uri)
    if not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", base):
        raise UsageError(f"--base-uri {base!r} is not an http(s) IRI")
    paths = expand(args.inputs)
    missing = [p for p in args.inputs if not os.path.exists(p)]
    if missing:
        raise InputError(missing[0], "no such file or directory")
    if not paths:
        raise InputError(args.inputs[0], "no files found")
    options = Options(library=args.library, base_uri=base, fmt=args.to, strict=args.strict, jobs=jobs,
                      compress=args.output.endswith(".gz"))

    report_file = open(args.report, "w", encoding="utf-8") if args.report else None

    def report(problem) -> None:
        if report_file is not None:
            report_file.write(json.dumps(problem.as_dict(), ensure_ascii=False) + "\n")
        if problem.record == 0:  # a whole file: always say it on stderr
            print(f"kg convert: {problem.file}: {problem.problem}", file=sys.stderr)

    bar = None
    show = not args.quiet and sys.stderr.isatty()
    writer = Writer(args.output, args.to)
    try:
        if show:
            from tqdm import tqdm

            total = sum(os.path.getsize(p) for p in paths if os.path.isfile(p))
            bar = tqdm(total=total, unit="B", unit_scale=True, desc="kg convert", file=sys.stderr, leave=False)
            state = {"done": 0, "records": 0, "path": None, "base": 0}

            def progress(result) -> None:
                if result.path != state["path"]:
                    state["base"] = state["done"]
                    state["path"] = result.path
                now = state["base"] + result.end_offset
                bar.update(max(0, now - bar.n))
                state["done"] = now
                state["records"] += result.records
                bar.set_postfix(records=state["records"], refresh=False)
        else:
            def progress(result) -> None:
                pass

        stats = run(paths, options, writer.write, report, progress, writer.append_file)
    finally:
        if bar is not None:
            bar.close()
        writer.close()
        if report_file is not None:
            report_file.close()
    if not args.quiet:
        rate = stats.records / stats.seconds if stats.seconds > 0 else 0.0
        target = "stdout" if args.output == "-" else args.output
        print(
            f"kg convert: {stats.files} file(s), {stats.records:,} records read, {stats.converted:,} converted "
            f"({stats.repaired:,} repaired), {stats.rejected:,} rejected, {stats.skipped:,} skipped (see the report), "
            f"{stats.triples:,} triples, {stats.items:,} items, {rate:,.0f} records/s -> {target}",
            file=sys.stderr,
        )
    return 3 if stats.unreadable_files else 0
