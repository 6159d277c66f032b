"""``kg ingest``: a library's export into the store — added, replaced, deleted, unchanged.

Shape of a run (the conversion pipeline of ``kg convert``, with a store as the consumer)::

    main:     the library's manifest (record id -> content hash), from the index when it is
              in sync, else from the store
    workers:  per record: content hash; unchanged records are not even converted; deleted
              records (leader/05 = d) become deletions; the rest is converted into its named
              graph with its manifest triples, serialised as N-Quads, plus its index facts
    main:     duplicates within the run are rejected; batches go, in input order, to
    writer:   the store (a first load streams into one bulk load; later batches are atomic,
              see kg.store.embedded), then to
    indexer:  the SQLite index, in a thread of its own so both work at once
    end:      ``--replace-all`` removes what the export no longer has; the statistics graph
              is recomputed; the index is marked clean

Headings that are variants of (or carry the $0 of) an authority the library has already loaded
are pointed at that authority as records are converted (:mod:`kg.store.aliases`); ``kg link``
does the same for records loaded before their authorities.

Idempotent by construction: a record's graph is a pure function of its MARC bytes, the
library, the base IRI and the converter (tables included), and its content hash says so; the
same export twice changes nothing, and a killed run followed by the same command converges on
the store an uninterrupted run would have built (finished batches are unchanged the second
time; the interrupted one is replayed by the store or done again).
"""

from __future__ import annotations

import hashlib
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from .. import __version__
from ..batch import convert_prepared, minter_for, prepare
from ..convert import record_id
from ..convert.terms import TYPE
from ..errors import InputError, StrictModeError
from ..marc.chunk import Chunk
from ..marc.problems import REJECTED, Problem
from ..pipeline import batches, process
from ..resources import data_dir
from . import extract, stats, vocabularies
from .aliases import library_aliases
from .backend import Backend
from .extract import Facts
from .index import Index
from .names import CONTENT_HASH, LIBRARY, RECORD_GRAPH, RECORD_ID, GraphNames

ADD, REPLACE, DELETE, UNCHANGED = "add", "replace", "delete", "unchanged"
BULK_TRIPLES = 100_000  # during a first load, triples handed to the writer at a time
BULK_SESSION_TRIPLES = 10_000_000  # triples per Oxigraph bulk load (bounds its memory)


@dataclass
class IngestOptions:
    library: str
    base_uri: str
    jobs: int = 1
    replace_all: bool = False
    strict: bool = False


@dataclass
class Op:
    rid: str
    action: str
    graph: str
    digest: str = ""
    nquads: bytes = b""
    facts: Facts | None = None
    number: int = 0
    path: str = ""
    offset: int = 0


@dataclass
class Batch:
    ops: list[Op] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    records: int = 0
    rejected: int = 0
    skipped: int = 0
    path: str = ""
    end_offset: int = 0


@dataclass
class Summary:
    records: int = 0
    added: int = 0
    replaced: int = 0
    deleted: int = 0
    unchanged: int = 0
    rejected: int = 0
    skipped: int = 0
    triples: int = 0
    unreadable_files: int = 0
    seconds: float = 0.0
    bulk: bool = False
    figures: dict = field(default_factory=dict)


_fingerprint: str | None = None


def fingerprint() -> str:
    """What else a record's graph depends on: the converter version and its tables."""
    global _fingerprint
    if _fingerprint is None:
        h = hashlib.blake2b(__version__.encode(), digest_size=16)
        for path in sorted(data_dir("mappings").glob("*.csv")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
        _fingerprint = h.hexdigest()
    return _fingerprint


def content_hash(data: bytes, library: str, base: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(fingerprint().encode())
    h.update(library.encode())
    h.update(base.encode())
    h.update(data)
    return h.hexdigest()


# -- workers ------------------------------------------------------------------------------------

_MANIFEST: dict[str, str] = {}
_ALIASES: dict[str, NamedNode] = {}


def _init(manifest: dict[str, str], aliases: dict[str, str] | None = None) -> None:
    global _MANIFEST, _ALIASES
    _MANIFEST = manifest
    _ALIASES = {k: NamedNode(v) for k, v in (aliases or {}).items()}


def redirect(quads: list, aliases: dict[str, NamedNode]) -> list:
    """Point headings that are another name of one of the library's authorities at the
    authority (:mod:`kg.store.aliases`); ``kg link`` does the same to records loaded earlier."""
    if not aliases:
        return quads
    out = []
    get = aliases.get
    for q in quads:
        s, o = q.subject, q.object
        s2 = get(s.value) if isinstance(s, NamedNode) else None
        o2 = get(o.value) if isinstance(o, NamedNode) else None
        out.append(q if s2 is None and o2 is None else Quad(s2 or s, q.predicate, o2 or o, q.graph_name))
    return out


def ingest_chunks(args: tuple[list[Chunk], IngestOptions]) -> Batch:
    chunks, options = args
    minter = minter_for(options.base_uri, options.library)
    library_node = minter.library_iri()
    out = Batch()
    for chunk in chunks:
        out.records += 1
        out.path, out.end_offset = chunk.path, chunk.offset + len(chunk.data)
        prepared = prepare(chunk)
        out.problems.extend(prepared.problems)
        if prepared.record is None:
            if prepared.outcome == REJECTED:
                out.rejected += 1
            else:
                out.skipped += 1
            continue
        record = prepared.record
        rid = record_id(prepared.kind, record, minter)
        graph = minter.graph(rid)
        where = dict(number=chunk.number, path=chunk.path, offset=chunk.offset)
        if record.leader[5] == "d":
            out.ops.append(Op(rid, DELETE, graph.value, **where))
            continue
        digest = content_hash(chunk.data, options.library, options.base_uri)
        if _MANIFEST.get(rid) == digest:
            out.ops.append(Op(rid, UNCHANGED, graph.value, digest, **where))
            continue
        try:
            converted = convert_prepared(prepared, minter, as_quads=True)
            if converted is None:
                out.skipped += 1
                out.problems.append(prepared.problems[-1].located(chunk.path, chunk.number, chunk.offset,
                                                                  record.control_number))
                continue
        except Exception as err:  # noqa: BLE001 - report, never lose the batch
            out.rejected += 1
            out.problems.append(Problem(f"conversion failed ({type(err).__name__}: {err})", REJECTED, None).located(
                chunk.path, chunk.number, chunk.offset, record.control_number))
            continue
        for p in converted.problems:
            out.problems.append(p.located(chunk.path, chunk.number, chunk.offset, record.control_number))
        quads = converted.triples if prepared.kind == "authority" else redirect(converted.triples, _ALIASES)
        quads += [
            Quad(graph, TYPE, RECORD_GRAPH, graph),
            Quad(graph, LIBRARY, library_node, graph),
            Quad(graph, RECORD_ID, Literal(rid), graph),
            Quad(graph, CONTENT_HASH, Literal(digest), graph),
        ]
        facts = extract.facts(quads)
        out.ops.append(Op(rid, REPLACE if rid in _MANIFEST else ADD, graph.value, digest,
                          serialize(quads, format=RdfFormat.N_QUADS), facts, **where))
    return out


# -- the run ------------------------------------------------------------------------------------


class WriterThread(threading.Thread):
    """Writes batches to the store and the index while the next batches are being converted.

    The bulk loader and SQLite release the GIL, so the writing overlaps the workers' conversion.
    One thread, a FIFO: batches reach the store in input order.  An error stops the writing; the
    main thread sees it at its next hand-over (or at the end) and the run stops with it.
    """

    def __init__(self, write: Callable[[list], None]):
        super().__init__(name="kg-ingest-writer", daemon=True)
        self.write = write
        self.queue: queue.Queue = queue.Queue(maxsize=2)
        self.error: BaseException | None = None

    def run(self) -> None:
        while True:
            item = self.queue.get()
            if item is None:
                return
            if self.error is None:
                try:
                    self.write(item)
                except BaseException as err:  # noqa: BLE001 - handed to the main thread
                    self.error = err

    def submit(self, item: list) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(item)

    def finish(self) -> None:
        self.queue.put(None)
        self.join()
        if self.error is not None:
            raise self.error


MANIFEST_QUERY = f"""
SELECT ?library ?rid ?hash WHERE {{
  GRAPH ?g {{ ?g <{LIBRARY.value}> ?library ; <{RECORD_ID.value}> ?rid ; <{CONTENT_HASH.value}> ?hash }}
}}
"""


def manifest(backend: Backend, names: GraphNames, library: str) -> dict[str, str]:
    return {r["rid"].value: r["hash"].value for r in backend.select(MANIFEST_QUERY, library=names.library(library))}


def run(
    paths: list[str],
    options: IngestOptions,
    backend: Backend,
    index: Index,
    names: GraphNames,
    report: Callable[[Problem], None],
    progress: Callable[[Batch], None] = lambda b: None,
) -> Summary:
    started = time.perf_counter()
    summary = Summary()
    vocabularies.ensure(backend, names)
    # The index mirrors the store's manifest whenever it is clean (Hub re-synchronises a dirty
    # one on opening), and reads it in a fraction of the time a store query takes.
    stored = index.manifest(options.library) if not index.is_dirty() else manifest(backend, names, options.library)
    summary.bulk = not stored
    # headings typed as a variant (or with a $0) of an authority already loaded point at it
    aliases = library_aliases(index, options.library).redirect if stored else {}
    seen: dict[str, int] = {}

    def file_error(err: InputError) -> None:
        summary.unreadable_files += 1
        report(Problem(err.message, REJECTED, None, err.path, 0, 0, None))
        if options.strict:
            raise StrictModeError(f"{err.path}: {err.message}")

    def write_store(ops: list[Op]) -> None:
        nonlocal bulk
        changes = [op for op in ops if op.action in (ADD, REPLACE) or (op.action == DELETE and op.rid in stored)]
        if not changes:
            return
        removed = [op.graph for op in changes if op.action in (REPLACE, DELETE)]
        data = b"".join(op.nquads for op in changes if op.action in (ADD, REPLACE))
        if removed:
            # every graph the batch touches, the added ones too: a replayed batch then drops what
            # a first, interrupted application already loaded instead of loading it twice
            backend.replace([op.graph for op in changes], data)
        elif summary.bulk:
            if bulk is None:
                # opened at the first write, so after the worker processes were forked: a pipe
                # created before would be inherited by them, and the loader would never see EOF
                bulk = backend.bulk_session()
            bulk.write(data)
            loaded[0] += sum(op.facts.triples for op in changes if op.facts)
            if loaded[0] >= BULK_SESSION_TRIPLES:
                rotate()
        else:
            backend.add(data)
        for op in changes:
            if op.action == DELETE:
                stored.pop(op.rid, None)
                summary.deleted += 1
            else:
                summary.added += op.action == ADD
                summary.replaced += op.action == REPLACE
                summary.triples += op.facts.triples if op.facts else 0
        index_writer.submit(changes)

    def write_index(changes: list[Op]) -> None:
        index.apply(options.library,
                    [(op.rid, op.graph, op.digest, op.facts) for op in changes if op.action in (ADD, REPLACE)],
                    [op.rid for op in changes if op.action == DELETE], clean=False, fulltext=not summary.bulk)

    # Crash protocol: the index is marked dirty for the whole run and marked clean only after the
    # last batch reached both the store and the index; a killed run leaves it dirty, and the next
    # command re-reads from the store whatever the index missed.  The store and the index are
    # written by two threads, so SQLite works while the bulk loader works on the next batch.
    index.mark_dirty()
    bulk = None
    loaded = [0]

    def rotate() -> None:
        """End the bulk load and start another: Oxigraph's loader holds its sorted runs in
        memory until the end (6.6 GB for 110M quads); a fresh load every ~10M quads keeps the
        peak near 2.5 GB.  Each finished load is a committed step a rerun builds on."""
        nonlocal bulk
        bulk.close()
        bulk = None
        loaded[0] = 0
    index_writer = WriterThread(write_index)
    index_writer.start()
    writer = WriterThread(write_store)
    writer.start()
    pending: list[Op] = []
    pending_triples = 0

    def flush() -> None:
        nonlocal pending_triples
        if pending:
            writer.submit(pending[:])
            pending.clear()
            pending_triples = 0

    def consume(batch: Batch) -> None:
        nonlocal pending_triples
        for p in batch.problems:
            report(p)
        if options.strict and batch.problems:
            first = batch.problems[0]
            raise StrictModeError(f"{first.file}: record {first.record} (offset {first.offset}), field {first.tag or '-'}: "
                                  f"{first.problem} [{first.action}]")
        kept = []
        for op in batch.ops:
            if op.rid in seen:
                summary.rejected += 1
                report(Problem(f"record id {op.rid} already read in this run (record {seen[op.rid]}): this later copy is "
                               "ignored", REJECTED, "001", op.path, op.number, op.offset, op.rid))
                continue
            seen[op.rid] = op.number
            if op.action == UNCHANGED:
                summary.unchanged += 1
            elif op.action == DELETE and op.rid not in stored:
                summary.unchanged += 1  # deleting what the store does not have changes nothing
            else:
                kept.append(op)
        if summary.bulk:
            # the bulk loader writes sorted files per call: feed it large batches
            pending.extend(kept)
            pending_triples += sum(op.facts.triples for op in kept if op.facts)
            if pending_triples >= BULK_TRIPLES:
                flush()
        elif kept:
            writer.submit(kept)
        summary.records += batch.records
        summary.rejected += batch.rejected
        summary.skipped += batch.skipped
        progress(batch)

    work = ((b, options) for b in batches(paths, file_error))
    try:
        process(work, ingest_chunks, options.jobs, consume, _init, (dict(stored), aliases))
        flush()
    finally:
        try:
            writer.finish()
        finally:
            try:
                index_writer.finish()
            finally:
                if bulk is not None:
                    bulk.close()
                    bulk = None
    if options.replace_all:
        gone = [rid for rid in stored if rid not in seen]
        minter = minter_for(options.base_uri, options.library)
        index_writer = WriterThread(write_index)
        index_writer.start()
        try:
            for i in range(0, len(gone), 500):
                write_store([Op(rid, DELETE, minter.graph(rid).value) for rid in gone[i : i + 500]])
        finally:
            index_writer.finish()
    if index.fulltext_stale():
        index.rebuild_fulltext()
    index.mark_clean()
    summary.figures = stats.write(backend, names, index, options.library)
    summary.seconds = time.perf_counter() - started
    return summary


def delete(backend: Backend, index: Index, names: GraphNames, library: str, rids: list[str] | None) -> int:
    """Remove records (all of the library's when ``rids`` is None); return how many were removed."""
    stored = manifest(backend, names, library)
    targets = list(stored) if rids is None else [r for r in rids if r in stored]
    prefix = names.record_graph_prefix(library)
    for i in range(0, len(targets), 500):
        chunk = targets[i : i + 500]
        index.mark_dirty()
        backend.replace([prefix + rid for rid in chunk], b"")
        index.apply(library, [], chunk)
    stats.write(backend, names, index, library)
    return len(targets)
