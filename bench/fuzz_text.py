"""Coverage-guided fuzzing of the Vietnamese normaliser (:mod:`kg.text`) with atheris.

    .venv/bin/pip install '.[bench]'
    .venv/bin/python bench/fuzz_text.py [--runs N] [--timeout S] [--workdir DIR] [-- libFuzzer flags]

Each input's bytes are decoded four ways — UTF-8 (invalid bytes replaced), Windows-1252 (what
TCVN3 and VNI look like after a wrong import), UTF-8 read as Windows-1252 (double-encoded UTF-8)
and UTF-16 (any code point, surrogates excepted) — and each text goes through every function of
:mod:`kg.text` that names, headings and MARC values pass through: ``clean``, ``fix_mojibake``,
``normalise``, ``forms``, ``block_keys``, ``split_dates``, ``strip_roles``, ``same_name``,
``repair_legacy``, ``heading_key``, ``heading_label``, ``slug``, ``canonical_tones``, ``fold``,
``trim``, ``trim_period`` and the identifier keys.  The properties are those of
``tests/fuzz/test_fuzz_names.py`` (total, NFC keys, ASCII slugs, symmetric ``same_name``
whose matches the blocking keys find), plus time: a guard raises after ``--timeout`` CPU seconds
(``ITIMER_VIRTUAL``; libFuzzer's wall-clock ``-timeout`` stops a loop in C), so super-linear
behaviour on long inputs (``-max_len`` 65,536) is a finding.  It found ``clean`` leaving a
letter and its combining mark apart when a control character stood between them.

Seeds: Vietnamese names and headings as real exports carry them (Unicode, NFD, TCVN3, VNI,
double-encoded), written below.  Findings go to ``WORKDIR/crashes/`` (one per distinct
exception and place), the run goes on, and a summary is printed at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import signal
import sys
import tempfile
import time
import traceback
import unicodedata
from pathlib import Path

SEEDS = [
    "Nguyễn Du, 1765-1820.", "Nguyễn, Du", "Hồ Xuân Hương (khoảng 1772-1822)", "Lê Quý Đôn, 1726-1784",
    "Đặng Thùy Trâm", "Thuỷ Hoà Qúy gìa", "Huỳnh Phước Hải chủ biên, Nguyễn Văn Hòa.", "NguyễnVănLong.",
    "Trần Đ. Suyền", "Smith, John, 1900-1980, editor.", "Tô Hoài, sinh 1920", "Phan Bội Châu, thế kỷ XX",
    "ISBN 978-604-2-08857-3 (bìa mềm)", "http://viaf.org/viaf/96990355/", "n  79-3807",
]


def seed_bytes() -> list[bytes]:
    out = []
    for s in SEEDS:
        out.append(s.encode("utf-8"))
        out.append(unicodedata.normalize("NFD", s).encode("utf-8"))
        out.append(s.encode("utf-8").decode("cp1252", "replace").encode("utf-8"))  # double-encoded
    from kg.text import legacy

    for s in ("Nguyễn Trương Đặng", "Bảo Thắng", "Hồ Chí Minh"):
        for enc in legacy.ENCODINGS:
            out.append(legacy.encode(s, enc).encode("cp1252", "replace"))
    return out


def texts(data: bytes) -> list[str]:
    out = [data.decode("utf-8", "replace"), data.decode("cp1252", "replace")]
    try:
        out.append(data.decode("utf-8").encode("utf-8").decode("cp1252", "replace"))
    except UnicodeDecodeError:
        pass
    u16 = data[: len(data) // 2 * 2].decode("utf-16-le", "replace")
    out.append("".join(c for c in u16 if not 0xD800 <= ord(c) <= 0xDFFF))
    return out


def check(text: str) -> None:
    from kg.text import heading, identifiers, legacy, names, punctuation, repair, vietnamese

    cleaned, _ = repair.clean(text)
    assert unicodedata.is_normalized("NFC", cleaned), "clean: not NFC"
    repair.fix_mojibake(text)
    assert unicodedata.is_normalized("NFC", names.normalise(text)), "normalise: not NFC"
    forms = names.forms(text)
    assert names.block_keys(text) >= {vietnamese.fold(f) for f in forms}, "block_keys miss a form"
    names.split_dates(text)
    names.strip_roles(text)
    half = text[: len(text) // 2]
    same = names.same_name(text, half)
    assert same == names.same_name(half, text), "same_name not symmetric"
    if same:
        assert names.block_keys(text) & names.block_keys(half), "same_name accepted what blocking cannot find"
    legacy.repair_legacy(text)
    assert unicodedata.is_normalized("NFC", heading.heading_key(text)), "heading_key: not NFC"
    heading.heading_label(text)
    slug = heading.slug(text)
    assert slug.isascii() and len(slug) <= 48, "slug"
    vietnamese.canonical_tones(text)
    vietnamese.fold(text)
    punctuation.trim(text)
    punctuation.trim_period(text)
    identifiers.isbn_key(text)
    identifiers.issn_key(text)
    identifiers.isni_key(text)
    identifiers.normalise_lccn(text)
    identifiers.uri_key(text)


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang("input took longer than the per-input time limit")


def main(argv: list[str]) -> int:
    extra: list[str] = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1 :]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "kg-fuzz-text"))
    ap.add_argument("--runs", type=int, default=200_000)
    ap.add_argument("--timeout", type=float, default=2.0, help="CPU seconds per input")
    ap.add_argument("--max-len", type=int, default=65536)
    args = ap.parse_args(argv[1:])

    import atheris

    with atheris.instrument_imports(include=["kg.text"]):
        import kg.text.heading  # noqa: F401
        import kg.text.identifiers  # noqa: F401
        import kg.text.legacy  # noqa: F401
        import kg.text.names  # noqa: F401
        import kg.text.punctuation  # noqa: F401
        import kg.text.repair  # noqa: F401
        import kg.text.vietnamese  # noqa: F401

    workdir = Path(args.workdir)
    corpus, crashes = workdir / "corpus", workdir / "crashes"
    corpus.mkdir(parents=True, exist_ok=True)
    crashes.mkdir(parents=True, exist_ok=True)
    for data in seed_bytes():
        (corpus / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)

    signal.signal(signal.SIGVTALRM, _alarm)
    state = {"runs": 0}
    findings: dict[str, int] = {}
    started = time.monotonic()

    def one(data: bytes) -> None:
        state["runs"] += 1
        signal.setitimer(signal.ITIMER_VIRTUAL, args.timeout)
        try:
            for text in texts(data):
                check(text)
        except Exception as err:  # noqa: BLE001 - record one input per distinct finding, go on
            frames = [f for f in traceback.extract_tb(err.__traceback__) if "/kg/" in f.filename]
            where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "-"
            sig = f"{type(err).__name__} at {where}: {str(err)[:80]}"
            findings[sig] = findings.get(sig, 0) + 1
            if findings[sig] == 1:
                name = "crash-" + hashlib.sha1(data).hexdigest()[:16]
                (crashes / name).write_bytes(data)
                (crashes / (name + ".txt")).write_text(sig + "\n\n" + "".join(traceback.format_exception(err)),
                                                      encoding="utf-8")
                print(f"\nFINDING #{len(findings)} {sig} -> {crashes / name}", flush=True)
        finally:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)

    def summary() -> None:
        import resource

        wall = time.monotonic() - started
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rate = state["runs"] / max(wall, 1e-9)
        print(f"\nfuzz_text: {state['runs']} executions in {wall:.0f} s = {rate:.1f} exec/s; "
              f"peak RSS {rss:.0f} MB; distinct findings: {len(findings)}", flush=True)
        for sig, count in sorted(findings.items(), key=lambda kv: -kv[1]):
            print(f"  {count:8d} x {sig}")

    import atexit

    atexit.register(summary)
    atheris.Setup([argv[0], f"-atheris_runs={args.runs}", f"-max_len={args.max_len}",
                   f"-timeout={max(1, int(args.timeout * 3))}", "-rss_limit_mb=2048", "-print_final_stats=1",
                   *extra, str(corpus)], one)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
