"""Coverage-guided fuzzing of ``kg convert``'s byte-level path with atheris (libFuzzer).

    .venv/bin/pip install '.[bench]'        # atheris (wheels for CPython 3.11)
    .venv/bin/python bench/fuzz_marc.py [--workdir DIR] [--runs N] [--timeout S] [--rss-limit-mb M]
                                        [--allow-safety-nets] [-- libFuzzer flags]
    .venv/bin/python bench/fuzz_marc.py --replay FILE_OR_DIR...   # re-run inputs, print the verdict

Each fuzz input is the content of one file given to ``kg convert``.  It goes through exactly what
the command does with a file (:func:`kg.batch.run` with ``--jobs 1``): the format is sniffed from
the bytes, the file is cut into records, each record is parsed, classified, converted and
serialised, and every problem goes to the report callback.  The input is written to a file on
``/dev/shm`` (a RAM file system) because the real path opens files by name.

The properties checked on every input:

- nothing escapes :func:`kg.batch.run` (no exception at all: a failure must be a report line);
- every record read is counted exactly once as converted, rejected or skipped, and every
  rejected or skipped record has a report line saying so, with that record's number;
- no report line comes from a *safety net* — the catch-all handlers that keep a batch alive when
  code fails unexpectedly (``conversion failed (…)``, ``unreadable record (ValueError…)``, ``field
  could not be converted (…)``).  Those are reported and skipped, so for the user nothing breaks,
  but each is an internal error with an unhelpful message: the fuzzer treats them as findings
  (``--allow-safety-nets`` turns that off);
- the output is valid N-Triples with as many triples as the summary counts;
- no hang: a guard raises after ``--timeout`` seconds of CPU time per input (``ITIMER_VIRTUAL``:
  CPU, not wall-clock time, so a loaded machine does not make false hangs), libFuzzer's own
  wall-clock ``-timeout`` (twice that) stops what the guard cannot interrupt (a loop in C), and
  memory is capped by ``-rss_limit_mb``.

The seed corpus is built from the real files of ``../shared/data/marc`` (ISO 2709 UTF-8 and
MARC-8 with escape sequences, Emiclib '#' exports, Libol text, MARCXML, the malformed set),
sliced into single records (a MARCXML record keeps its file's prolog and namespace
declarations), plus the small files whole.  Besides libFuzzer's byte mutations, a custom mutator
makes the damage real exports show: leader digits and directory entries overwritten, MARC-8
escape sequences cut in half or inserted, terminators inserted or removed, XML tags broken,
records truncated.

By default the run goes on after a finding: the first input of each distinct finding (exception
type and innermost frame of our code, or the property that failed) is written to
``WORKDIR/crashes/`` with its traceback beside it, and the count of each is printed at the end
(``--stop-on-crash`` leaves it to libFuzzer, which stops at the first).  Copy each finding to
``tests/fuzz/regressions/`` with a line in its README: ``tests/fuzz/test_fuzz_marc.py`` replays
every file there through the same path.  Several processes may share one ``--workdir``
(libFuzzer reloads the corpus the others add); ``--runs`` counts each process's executions.  At
the end the run prints executions, exec/s, wall time, peak RSS and the findings; coverage is in
libFuzzer's log lines (``cov``: edges, ``ft``: features) and final ``stat::`` lines.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import resource
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARC = ROOT.parent / "shared" / "data" / "marc"
MAX_LEN = 16384
SEEDS_PER_FILE = 30
WHOLE_FILE_MAX = 8192

SAFETY_NETS = (
    "conversion failed (",  # kg.batch.convert_chunks: the converter raised
    "unreadable record (",  # kg.marc.source.parse: a reader raised ValueError/IndexError/KeyError/UnicodeError
    "field could not be converted (",  # kg.convert.bibliographic._run: a field handler raised
)


class Hang(Exception):
    """An input took longer than the per-input time limit."""


class Finding(AssertionError):
    """A property of the ``kg convert`` path does not hold for this input."""


# ------------------------------------------------------------------------------------------------
# the property
# ------------------------------------------------------------------------------------------------


class Target:
    """``kg convert`` on one file's bytes, with the properties above checked."""

    def __init__(self, allow_safety_nets: bool = False, timeout: float = 10.0):
        from kg import batch

        self.batch = batch
        self.options = batch.Options(library="FUZZ", base_uri="http://example.org/", fmt="nt", jobs=1)
        self.allow_safety_nets = allow_safety_nets
        self.timeout = timeout
        shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
        fd, self.path = tempfile.mkstemp(prefix="kg-fuzz-", suffix=".mrc", dir=shm)
        os.close(fd)

    def close(self) -> None:
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass

    def __call__(self, data: bytes) -> None:
        import pyoxigraph

        with open(self.path, "wb") as f:
            f.write(data)
        out: list[bytes] = []
        problems: list = []
        if self.timeout:
            signal.setitimer(signal.ITIMER_VIRTUAL, self.timeout)
        try:
            stats = self.batch.run([self.path], self.options, out.append, problems.append)
        finally:
            if self.timeout:
                signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        check(stats, problems, out, self.allow_safety_nets, pyoxigraph)


def check(stats, problems, out, allow_safety_nets, pyoxigraph) -> None:
    if stats.records != stats.converted + stats.rejected + stats.skipped:
        raise Finding(f"records {stats.records} != converted {stats.converted} + rejected {stats.rejected} "
                      f"+ skipped {stats.skipped}")
    for action, count in (("rejected", stats.rejected), ("skipped", stats.skipped)):
        numbers = {p.record for p in problems if p.action == action and p.record > 0}
        if len(numbers) != count:
            raise Finding(f"{count} record(s) {action} but report lines name {len(numbers)}: {sorted(numbers)[:10]}")
    if not allow_safety_nets:
        for p in problems:
            if p.problem.startswith(SAFETY_NETS):
                raise Finding(f"safety net caught an internal error: record {p.record}, field {p.tag}: {p.problem}")
    data = b"".join(out)
    triples = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES)) if data else []
    if len(triples) != stats.triples:
        raise Finding(f"output holds {len(triples)} triples, the summary counts {stats.triples}")


def signature(err: BaseException) -> str:
    """What makes two findings the same bug: the exception type and the innermost frame of our code."""
    frames = [f for f in traceback.extract_tb(err.__traceback__) if "/kg/" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "-"
    message = str(err)
    if isinstance(err, Finding):
        message = re.sub(r"record \d+", "record N", message)
        message = re.sub(r"\d{4,}|'[^']*'|\"[^\"]*\"", "…", message)[:160]
        return f"{type(err).__name__} {message}"
    return f"{type(err).__name__} at {where}"


def _alarm(signum, frame):
    raise Hang("input took longer than the per-input time limit")


# ------------------------------------------------------------------------------------------------
# seed corpus: real records, one per seed
# ------------------------------------------------------------------------------------------------


def seeds() -> list[tuple[str, bytes]]:
    """(name, bytes) for every seed: single records of every real file, and small files whole."""
    from kg.errors import InputError
    from kg.marc import source
    from kg.marc.chunk import MARCXML

    out: list[tuple[str, bytes]] = []
    for path in sorted(MARC.rglob("*")):
        if not path.is_file() or path.suffix == ".md":
            continue
        raw = path.read_bytes()
        rel = path.relative_to(MARC).as_posix().replace("/", "__")
        if len(raw) <= WHOLE_FILE_MAX:
            out.append((f"{rel}.whole", raw))
        try:
            chunks = list(source.chunks(str(path)))
        except InputError:
            continue  # UNIMARC and the like: the whole-file seed above covers the refusal
        step = max(1, len(chunks) // SEEDS_PER_FILE)
        for chunk in chunks[::step][:SEEDS_PER_FILE]:
            if chunk.dialect == MARCXML:
                head = raw[: raw.find(chunk.data)] if chunk.data in raw else b""
                body = head + chunk.data + _closing(head)
            else:
                body = chunk.data
            if len(body) <= MAX_LEN:
                out.append((f"{rel}.{chunk.number}", body))
    return out


def _closing(head: bytes) -> bytes:
    """The end tag of the document element opened in ``head`` (MARCXML prolog), if any."""
    opened = re.findall(rb"<([A-Za-z_][\w.:-]*)[\s>]", head.split(b"?>")[-1])
    return b"</" + opened[0] + b">" if opened else b""


def write_corpus(directory: Path) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    n = 0
    for name, body in seeds():
        target = directory / name
        if not target.exists():
            target.write_bytes(body)
        n += 1
    return n


# ------------------------------------------------------------------------------------------------
# structure-aware mutations (on top of libFuzzer's byte-level ones)
# ------------------------------------------------------------------------------------------------

ESCAPES = [b"\x1b(B", b"\x1b)E", b"\x1b$1", b"\x1b$)1", b"\x1b(N", b"\x1b)Q", b"\x1b(S", b"\x1bg", b"\x1bs",
           b"\x1bb", b"\x1bp", b"\x1b(2", b"\x1b)3", b"\x1b$", b"\x1b(", b"\x1b"]
XML_BITS = [b"<record>", b"</record>", b"<leader>", b"</leader>", b'<datafield tag="245" ind1="1" ind2="0">',
            b"</datafield>", b'<subfield code="a">', b'<subfield code="">', b"</subfield>", b'<controlfield tag="001">',
            b"</controlfield>", b"<!--", b"-->", b"<![CDATA[", b"]]>", b"&amp;", b"&#0;", b"&#x1F;", b"&undefined;",
            b'xmlns="http://www.loc.gov/MARC21/slim"', b'tag=""', b"<marc:record>", b"</marc:record>"]
TERMINATORS = [b"\x1d", b"\x1e", b"\x1f", b"#", b"$", b"##\n", b"\n", b"\r\n", b"\x00"]


def structural(data: bytes, max_size: int, rng: random.Random) -> bytes:
    b = bytearray(data)
    if not b:
        return bytes(rng.choice(ESCAPES + TERMINATORS))
    op = rng.randrange(9)
    if op == 0 and len(b) >= 24:  # a leader position: digit soup, blank, or letter
        i = rng.randrange(24)
        b[i] = rng.choice(b"0123456789 az#\x00\xff")
    elif op == 1 and len(b) > 36:  # a directory entry: tag, length or offset digits
        entries = max(1, (min(len(b), 24 + 12 * 40) - 24) // 12)
        e = 24 + 12 * rng.randrange(entries)
        i = e + rng.randrange(12)
        if i < len(b):
            b[i] = rng.choice(b"0123456789X \x1e")
    elif op == 2:  # an escape sequence inserted, possibly cut
        esc = rng.choice(ESCAPES)
        esc = esc[: rng.randrange(1, len(esc) + 1)]
        i = rng.randrange(len(b) + 1)
        b[i:i] = esc
    elif op == 3:  # cut an existing escape sequence in half
        starts = [i for i, c in enumerate(b) if c == 0x1B]
        if starts:
            i = rng.choice(starts)
            del b[i + 1 : i + 1 + rng.randrange(1, 4)]
    elif op == 4:  # terminators inserted or removed
        if rng.random() < 0.5:
            i = rng.randrange(len(b) + 1)
            b[i:i] = rng.choice(TERMINATORS)
        else:
            spots = [i for i, c in enumerate(b) if c in (0x1D, 0x1E, 0x1F, 0x23, 0x24)]
            if spots:
                del b[rng.choice(spots)]
    elif op == 5:  # XML tag breakage: cut a tag, insert a fragment
        lts = [i for i, c in enumerate(b) if c == 0x3C]
        if lts and rng.random() < 0.5:
            i = rng.choice(lts)
            del b[i : i + rng.randrange(1, 12)]
        else:
            i = rng.randrange(len(b) + 1)
            b[i:i] = rng.choice(XML_BITS)
    elif op == 6:  # truncation
        del b[rng.randrange(len(b)) :]
    elif op == 7:  # a slice duplicated (repeated fields, repeated records)
        i = rng.randrange(len(b))
        j = min(len(b), i + rng.randrange(1, 200))
        k = rng.randrange(len(b) + 1)
        b[k:k] = b[i:j]
    else:  # leader record length / base address rewritten to a plausible-but-wrong number
        if len(b) >= 24:
            where = rng.choice((0, 12))
            b[where : where + 5] = b"%05d" % rng.randrange(0, 100000)
    return bytes(b[:max_size])


def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
    import atheris

    rng = random.Random(seed)
    if rng.random() < 0.5:
        return atheris.Mutate(data, max_size)
    out = structural(data, max_size, rng)
    if rng.random() < 0.3:
        out = atheris.Mutate(out, max_size)
    return out


# ------------------------------------------------------------------------------------------------
# main
# ------------------------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def replay(paths: list[str], allow_safety_nets: bool, timeout: float) -> int:
    signal.signal(signal.SIGVTALRM, _alarm)
    target = Target(allow_safety_nets, timeout)
    failed = 0
    files = []
    for p in paths:
        pp = Path(p)
        files.extend(sorted(x for x in pp.iterdir() if x.is_file()) if pp.is_dir() else [pp])
    try:
        for f in files:
            try:
                target(f.read_bytes())
                print(f"ok     {f}")
            except Exception as err:  # noqa: BLE001 - print every verdict
                failed += 1
                print(f"FAILED {f}: {type(err).__name__}: {err}")
    finally:
        target.close()
    print(f"{len(files)} input(s), {failed} failing")
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1 :]
    else:
        extra = []
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "kg-fuzz-marc"))
    ap.add_argument("--runs", type=int, default=1_000_000)
    ap.add_argument("--timeout", type=float, default=10.0, help="CPU seconds per input (a finding past it)")
    ap.add_argument("--rss-limit-mb", type=int, default=2048)
    ap.add_argument("--allow-safety-nets", action="store_true")
    ap.add_argument("--no-custom-mutator", action="store_true")
    ap.add_argument("--stop-on-crash", action="store_true",
                    help="let libFuzzer stop at the first finding (default: keep one input per distinct "
                         "finding and go on)")
    ap.add_argument("--replay", nargs="+", metavar="PATH")
    args = ap.parse_args(argv[1:])

    if args.replay:
        return replay(args.replay, args.allow_safety_nets, args.timeout)

    import atheris

    with atheris.instrument_imports(include=["kg"]):
        import kg.batch  # noqa: F401 - the whole reader and converter, instrumented
        import kg.convert  # noqa: F401
        import kg.marc.source  # noqa: F401

    workdir = Path(args.workdir)
    corpus, crashes = workdir / "corpus", workdir / "crashes"
    crashes.mkdir(parents=True, exist_ok=True)
    n = write_corpus(corpus)
    print(f"seed corpus: {n} inputs from {MARC} in {corpus}", flush=True)

    target = Target(args.allow_safety_nets, args.timeout)
    signal.signal(signal.SIGVTALRM, _alarm)
    state = {"runs": 0}
    findings: dict[str, int] = {}

    def one(data: bytes) -> None:
        state["runs"] += 1
        if args.stop_on_crash:
            target(data)
            return
        try:
            target(data)
        except Exception as err:  # noqa: BLE001 - keep going: save one input per distinct finding
            sig = signature(err)
            findings[sig] = findings.get(sig, 0) + 1
            if findings[sig] == 1:
                name = "crash-" + hashlib.sha1(data).hexdigest()[:16]
                (crashes / name).write_bytes(data)
                (crashes / (name + ".txt")).write_text(
                    f"{sig}\n\n" + "".join(traceback.format_exception(err)), encoding="utf-8")
                print(f"\nFINDING #{len(findings)} {sig} -> {crashes / name}", flush=True)

    started = time.monotonic()

    def summary() -> None:
        wall = time.monotonic() - started
        rate = state["runs"] / max(wall, 1e-9)
        print(f"\nfuzz_marc: {state['runs']} executions in {wall:.0f} s = {rate:.1f} exec/s; "
              f"peak RSS {peak_rss_mb():.0f} MB; distinct findings: {len(findings)} (inputs in {crashes})", flush=True)
        for sig, count in sorted(findings.items(), key=lambda kv: -kv[1]):
            print(f"  {count:8d} x {sig}")

    import atexit

    atexit.register(summary)
    atexit.register(target.close)
    libfuzzer = [
        argv[0],
        f"-atheris_runs={args.runs}",
        f"-timeout={max(1, int(args.timeout * 2))}",
        f"-rss_limit_mb={args.rss_limit_mb}",
        f"-max_len={MAX_LEN}",
        f"-artifact_prefix={crashes}/",
        "-print_final_stats=1",
        *extra,
        str(corpus),
    ]
    if args.no_custom_mutator:
        atheris.Setup(libfuzzer, one)
    else:
        atheris.Setup(libfuzzer, one, custom_mutator=custom_mutator)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
