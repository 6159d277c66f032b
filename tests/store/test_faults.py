"""Faults: a killed ingest, a full disk, a store held by another process.

The promise: whatever happens, running the same command again ends in the store an
uninterrupted run would have built — no duplicate, no orphan, no lost record — and the error on
the way says what happened.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time

import pymarc
import pytest
from kgtest import MARC, ROOT
from storehelp import BASE, canonical, dump, kg

from kg.store import Hub

SOURCES = [MARC / "vietnamese" / "vie_vnu_libol_10.iso", MARC / "vietnamese" / "vie_uefl_852_mojibake_2.iso",
           MARC / "bib_utf8" / "marc4j_pride-and-prejudice-fixed.mrc"]


def varied(path, copies, changed_every=0):
    """Copies of real records, each with its own 001; with ``changed_every``, every n-th record's
    title is edited (a newer export)."""
    n = 0
    with open(path, "wb") as out:
        for copy in range(copies):
            for src in SOURCES:
                with open(src, "rb") as f, contextlib.redirect_stdout(None), contextlib.redirect_stderr(None):
                    for record in pymarc.MARCReader(f, to_unicode=True, force_utf8=True, permissive=True):
                        if record is None:
                            continue
                        n += 1
                        for field in record.get_fields("001"):
                            field.data = f"{field.data}-{copy}"
                        if changed_every and n % changed_every == 0:
                            for field in record.get_fields("245"):
                                field.subfields[0] = pymarc.Subfield(field.subfields[0].code, field.subfields[0].value + " (sửa)")
                        out.write(record.as_marc())
    return path


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    d = tmp_path_factory.mktemp("exports")
    return varied(d / "v1.mrc", 6), varied(d / "v2.mrc", 6, changed_every=3)


def store_args(store):
    return ["--store", str(store), "--base-uri", BASE]


def register(store):
    kg("library", "add", "OX", "--name-vi", "Thư viện thử", *store_args(store))


def ingest_cmd(store, export):
    return [sys.executable, "-m", "kg", "ingest", str(export), "--library", "OX", "--jobs", "2", "--quiet",
            *store_args(store)]


def snapshot(store):
    h = Hub(str(store), base_uri=BASE)
    try:
        return canonical(dump(h)), {k: v for k, v in h.index.statistics("OX").items()}
    finally:
        h.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory, exports):
    """Uninterrupted runs: after the first export, and after the newer one; with their durations."""
    store = tmp_path_factory.mktemp("ref") / "s"
    register(store)
    out = {}
    for name, export in zip(("v1", "v2"), exports):
        started = time.perf_counter()
        subprocess.run(ingest_cmd(store, export), check=True, cwd=ROOT)
        out[name + "_seconds"] = time.perf_counter() - started
        out[name] = snapshot(store)
    return out


def kill_during(cmd, seconds):
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its worker processes, without warning
    proc.wait()
    return proc.returncode


def kill_a_first_load(tmp_path, export, seconds):
    """Kill a first load after ``seconds``; on a machine faster than during the reference run the
    load may finish first: then again on a fresh store, earlier (the kill must happen)."""
    for attempt in range(4):
        store = tmp_path / f"s{attempt}"
        register(store)
        code = kill_during(ingest_cmd(store, export), seconds * 0.5 ** attempt)
        if code == -signal.SIGKILL:
            return store
    raise AssertionError("the ingest always finished before it could be killed: make the input larger")


@pytest.mark.parametrize("fraction", [0.25, 0.6, 0.9])
def test_kill_9_during_a_first_load_then_the_same_command_again(tmp_path, exports, reference, fraction):
    store = kill_a_first_load(tmp_path, exports[0], reference["v1_seconds"] * fraction)
    subprocess.run(ingest_cmd(store, exports[0]), check=True, cwd=ROOT)
    assert snapshot(store) == reference["v1"]


@pytest.mark.parametrize("fraction", [0.3, 0.7])
def test_kill_9_during_an_update_then_the_same_command_again(tmp_path, exports, reference, fraction):
    for attempt in range(4):  # as kill_a_first_load: earlier each time the update finished first
        store = tmp_path / f"s{attempt}"
        register(store)
        subprocess.run(ingest_cmd(store, exports[0]), check=True, cwd=ROOT)
        if kill_during(ingest_cmd(store, exports[1]), reference["v2_seconds"] * fraction * 0.5 ** attempt) \
                == -signal.SIGKILL:
            break
    else:
        raise AssertionError("the update always finished before it could be killed: make the input larger")
    subprocess.run(ingest_cmd(store, exports[1]), check=True, cwd=ROOT)
    assert snapshot(store) == reference["v2"]


def test_store_held_by_another_process_gives_a_clear_message(tmp_path):
    store = tmp_path / "s"
    register(store)
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from kg.store import Hub; "
                               "h = Hub(sys.argv[1]); print('open', flush=True); time.sleep(60)", str(store)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        proc = kg("ingest", str(MARC / "vietnamese" / "vie_vnu_libol_10.iso"), "--library", "OX", *store_args(store),
                  check=False)
        assert proc.returncode == 5
        assert f"is in use by another process (pid {holder.pid})" in proc.stderr
        assert "Traceback" not in proc.stderr
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_full_disk_is_a_clear_error_and_a_rerun_completes(small_disk, exports, reference):
    store = small_disk / "s"
    register(store)
    filler = small_disk / "filler"
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    with open(filler, "wb") as f:
        f.write(b"\0" * max(0, free - 30 * 2**20))  # leave ~30 MB: not enough for the ingest (~140 MB)
    proc = subprocess.run(ingest_cmd(store, exports[0]), cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode != 0
    assert "disk full" in proc.stderr and "run the same command again" in proc.stderr
    assert "Traceback" not in proc.stderr
    filler.unlink()
    subprocess.run(ingest_cmd(store, exports[0]), check=True, cwd=ROOT)
    assert snapshot(store) == reference["v1"]
