"""Files in, RDF and a report out: the conversion run behind ``kg convert``.

Shape of a run::

    main process:  expand paths -> split files into raw chunks -> batches of ~200 chunks
    workers (N):   parse chunk -> classify record -> convert -> serialise the batch
    main process:  write payloads in input order, write report lines, count, show progress

With ``jobs == 1`` everything runs in the main process.  Workers are fed through a bounded window
of batches so that memory stays flat however large the input is.  A record that cannot be read,
a record of a kind we do not convert (authority, holdings) and a whole file that is not MARC 21
are reported and skipped; the run goes on.  ``strict`` stops at the first problem.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from .errors import InputError, RecordError, StrictModeError
from .marc import source
from .marc.chunk import Chunk
from .marc.problems import REJECTED, REPAIRED, SKIPPED, Problem
from .marc.record import Record
from .convert import CONVERTED_KINDS, NotAnAuthority, convert_record
from .output import QUAD_FORMATS, piece, serialize
from .pipeline import batches, process

NOT_HANDLED = "{kind} record: not handled by this converter yet"


@dataclass
class Options:
    library: str
    base_uri: str
    fmt: str = "nt"
    strict: bool = False
    jobs: int = 1
    compress: bool = False  # pieces as gzip members (output file ends in .gz)


@dataclass
class BatchResult:
    payload: bytes  # a piece ready to append (kg.output.piece); empty when spooled
    spool: str | None = None  # or the file a worker wrote the piece to
    records: int = 0
    converted: int = 0
    repaired: int = 0
    rejected: int = 0
    skipped: int = 0
    triples: int = 0
    items: int = 0
    problems: list[Problem] = field(default_factory=list)
    unhandled: Counter = field(default_factory=Counter)
    end_offset: int = 0
    path: str = ""


@dataclass
class Stats:
    files: int = 0
    unreadable_files: int = 0
    records: int = 0
    converted: int = 0
    repaired: int = 0
    rejected: int = 0
    skipped: int = 0
    triples: int = 0
    items: int = 0
    seconds: float = 0.0
    unhandled: Counter = field(default_factory=Counter)

    def add(self, r: BatchResult) -> None:
        self.records += r.records
        self.converted += r.converted
        self.repaired += r.repaired
        self.rejected += r.rejected
        self.skipped += r.skipped
        self.triples += r.triples
        self.items += r.items
        self.unhandled.update(r.unhandled)


# ------------------------------------------------------------------------------------------------
# the work done per batch (in a worker process, or inline)
# ------------------------------------------------------------------------------------------------

_minter_cache: dict[tuple[str, str], object] = {}


def minter_for(base: str, library: str):
    from .convert import Minter

    key = (base, library)
    m = _minter_cache.get(key)
    if m is None:
        m = _minter_cache[key] = Minter(base, library)
    return m


def classify(record: Record) -> tuple[str, list[Problem]]:
    """Bibliographic, or what else.

    - A record whose leader/06 is missing or undefined is read as language material when it has
      a title (245, or an 880 paired with 245): exports with blank leaders exist (pymarc's
      bad_records.mrc; LC's own 880 test record has no leader at all).
    - A record whose leader says bibliographic but that has no title and carries authority
      fields (4XX/5XX tracings with $w, 670 sources) is an authority record mislabelled by its
      system (Libol writes "nam" leaders on some authority records: vie_libol_authority_text.txt).
    """
    kind = record.kind
    has_title = record.first("245") is not None or any(
        f.tag == "880" and (f.get("6") or "").startswith("245") for f in record.fields
    )
    if kind == "bibliographic":
        if not has_title and any(
            f.tag == "670" or (f.tag[0] in "45" and f.tag[1:] in ("00", "10", "11", "30", "50", "51", "55") and f.get("w"))
            or f.tag in ("400", "410", "411", "450", "451") and record.first("670") is not None
            for f in record.fields
        ):
            return "authority", [
                Problem(f"leader/06 {record.record_type!r} says bibliographic but the record is an authority "
                        "record (no 245; 4XX/5XX tracings, 670 sources)", REPAIRED, "LDR")
            ]
        return kind, []
    if kind == "unknown" and has_title:
        leader = record.leader
        t = leader[6]
        record.leader = leader[:6] + "a" + (leader[7] if leader[7] in "abcdims" else "m") + leader[8:]
        return "bibliographic", [
            Problem(f"leader/06 {t!r} is not a record type; read as language material (a) because it has a title (245)", REPAIRED, "LDR")
        ]
    return kind, []


@dataclass
class Prepared:
    """A raw record read and classified: ``record`` is set when it is bibliographic and can be
    converted; ``outcome`` says otherwise ("rejected" or "skipped"); ``problems`` are located."""

    record: Record | None
    outcome: str
    problems: list[Problem]
    kind: str = "bibliographic"


def prepare(chunk: Chunk) -> Prepared:
    """Read one raw record and decide whether it is converted — the step ``kg convert`` and
    ``kg ingest`` share."""
    try:
        record = source.parse(chunk)
    except RecordError as err:
        return Prepared(None, REJECTED, [Problem(err.message, REJECTED, err.tag).located(chunk.path, chunk.number, chunk.offset, None)])
    ctrl = record.control_number
    kind, class_problems = classify(record)
    here = (chunk.path, chunk.number, chunk.offset, ctrl)
    if kind == "unknown":
        return Prepared(None, REJECTED, [Problem(
            f"leader/06 {record.record_type!r} is not a MARC 21 record type and the record has no title (245)",
            REJECTED, "LDR").located(*here)])
    if kind not in CONVERTED_KINDS:
        problems = [p.located(*here) for p in class_problems]
        problems.append(Problem(NOT_HANDLED.format(kind=kind.capitalize()) + f" (leader/06 {record.record_type!r})",
                                SKIPPED, "LDR").located(*here))
        return Prepared(None, SKIPPED, problems)
    return Prepared(record, "ok", class_problems, kind)


def convert_prepared(prepared: Prepared, minter, as_quads: bool):
    """Convert a prepared record; an authority record establishing no heading comes back as
    ``None`` with the reason appended to ``prepared.problems`` (the record is skipped)."""
    try:
        return convert_record(prepared.kind, prepared.record, minter, as_quads)
    except NotAnAuthority as why:
        prepared.problems.append(Problem(str(why), SKIPPED, "1XX"))
        return None


def convert_chunks(chunks: list[Chunk], options: Options) -> BatchResult:
    as_quads = options.fmt in QUAD_FORMATS
    minter = minter_for(options.base_uri, options.library)
    terms: list = []
    result = BatchResult(b"")
    for chunk in chunks:
        result.records += 1
        result.end_offset = chunk.offset + len(chunk.data)
        result.path = chunk.path
        prepared = prepare(chunk)
        if prepared.record is None:
            if prepared.outcome == REJECTED:
                result.rejected += 1
            else:
                result.skipped += 1
            result.problems.extend(prepared.problems)
            continue
        record, class_problems = prepared.record, prepared.problems
        ctrl = record.control_number
        try:
            converted = convert_prepared(prepared, minter, as_quads)
            if converted is None:
                result.skipped += 1
                result.problems.extend(p.located(chunk.path, chunk.number, chunk.offset, ctrl) for p in prepared.problems)
                continue
        except Exception as err:  # noqa: BLE001 - report, never lose the batch
            result.rejected += 1
            result.problems.append(
                Problem(f"conversion failed ({type(err).__name__}: {err})", REJECTED, None).located(
                    chunk.path, chunk.number, chunk.offset, ctrl
                )
            )
            continue
        problems = _dedupe(class_problems + record.problems + converted.problems)
        for p in problems:
            p.located(chunk.path, chunk.number, chunk.offset, ctrl)
        result.problems.extend(problems)
        result.converted += 1
        if problems:
            result.repaired += 1
        result.triples += len(converted.triples)
        result.items += converted.items
        result.unhandled.update(converted.unhandled)
        terms.extend(converted.triples)
    result.payload = piece(serialize(terms, options.fmt), options.fmt, options.compress)
    return result


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen = set()
    out = []
    for p in problems:
        key = (p.tag, p.problem, p.action)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _worker(args: tuple[list[Chunk], Options, str]) -> BatchResult:
    """Convert a batch and spool its piece to a file: the main process then appends it with a
    kernel copy instead of receiving megabytes through a pipe."""
    chunks, options, spool = args
    result = convert_chunks(chunks, options)
    if result.payload:
        with open(spool, "wb") as f:
            f.write(result.payload)
        result.payload, result.spool = b"", spool
    return result


# ------------------------------------------------------------------------------------------------
# the run
# ------------------------------------------------------------------------------------------------


def run(
    paths: list[str],
    options: Options,
    write: Callable[[bytes], None],
    report: Callable[[Problem], None],
    progress: Callable[[BatchResult], None] = lambda r: None,
    append_file: Callable[[str], None] | None = None,
) -> Stats:
    """Convert ``paths``; pieces go to ``write`` (bytes) or, from worker processes, to
    ``append_file`` (a spooled file to append and remove) when one is given."""
    stats = Stats()
    started = time.perf_counter()

    def file_error(err: InputError) -> None:
        stats.unreadable_files += 1
        report(Problem(err.message, REJECTED, None, err.path, 0, 0, None))
        if options.strict:
            raise StrictModeError(f"{err.path}: {err.message}")

    def on_file(path: str) -> None:
        stats.files += 1

    def consume(result: BatchResult) -> None:
        for p in result.problems:
            report(p)
        if options.strict and result.problems:
            if result.spool:
                os.unlink(result.spool)
            first = result.problems[0]
            raise StrictModeError(
                f"{first.file}: record {first.record} (offset {first.offset}), field {first.tag or '-'}: "
                f"{first.problem} [{first.action}]"
            )
        if result.spool:
            if append_file is not None:
                append_file(result.spool)
            else:
                with open(result.spool, "rb") as f:
                    write(f.read())
                os.unlink(result.spool)
        else:
            write(result.payload)
        stats.add(result)
        progress(result)

    work = batches(paths, file_error, on_file)
    spool_dir = tempfile.mkdtemp(prefix="kg-convert-") if options.jobs > 1 else None
    try:
        if spool_dir is None:
            process(work, lambda batch: convert_chunks(batch, options), 1, consume)
        else:
            items = ((batch, options, os.path.join(spool_dir, f"{n:08d}.part")) for n, batch in enumerate(work))
            process(items, _worker, options.jobs, consume)
    finally:
        stats.seconds = time.perf_counter() - started
        if spool_dir is not None:
            shutil.rmtree(spool_dir, ignore_errors=True)
    return stats
