"""Backups of an embedded store, and restoring one (``kg backup`` / ``kg restore``).

A backup is a directory::

    oxigraph/        Oxigraph's own backup (``Store.backup``: a RocksDB checkpoint — a consistent
                     copy, made of hard links to the immutable SST files when the backup is on
                     the store's file system: no copy of the store's bulk)
    index.sqlite     the label index, copied with SQLite's online backup API (a consistent copy;
                     5 GB for 1M records: 27 s for the whole backup of such a store, 11 s to
                     restore it)
    kg-backup.json   written last: what was copied (every file and its size), the figures of
                     every library and the number of named graphs, to check a restore against

Both copies are taken while the backup holds the store (Oxigraph's lock: no ``kg`` process can
write meanwhile), after the crash recovery every opening does (a committed journal is applied,
a dirty index re-synchronised), so the graph and the index of a backup agree.  A backup without
``kg-backup.json`` is an unfinished one: restore refuses it.

Only an embedded store has a backup here (the one use of its pyoxigraph ``Store`` outside
:mod:`kg.store.embedded`: ``Store.backup``); a remote server keeps its own backups.

Hard links share the disk with the store: a backup protects against mistakes and corruption,
not against the loss of the disk.  Copy the directory elsewhere (``rsync -a``, ``tar``) for that.

Restoring copies the backup into a new directory beside the target (SST files hard-linked when
possible, the rest copied: the backup stays untouched and can be restored again), opens it to
check it against ``kg-backup.json``, and only then puts it in place.  An existing, non-empty
store is replaced only when asked (``force``) and never while a process holds it.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from .backend import StoreError

MANIFEST = "kg-backup.json"
FORMAT = 1
OXIGRAPH = "oxigraph"
INDEX = "index.sqlite"


class BackupError(StoreError):
    """A backup cannot be written or restored; the message says why and what to do."""


@dataclass
class Summary:
    directory: Path
    libraries: dict[str, dict]
    graphs: int
    files: int
    bytes: int
    seconds: float

    @property
    def records(self) -> int:
        return sum(f.get("records", 0) + f.get("authorities", 0) for f in self.libraries.values())


def _figures(index) -> dict[str, dict]:
    keep = ("records", "authorities", "items", "triples")
    return {code: {k: index.statistics(code)[k] for k in keep} for code in index.libraries()}


def _files(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_size for p in sorted(root.rglob("*")) if p.is_file()}


def _sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync(root: Path) -> None:
    for p in sorted(root.rglob("*")):
        if p.is_file():
            with open(p, "rb") as f:
                os.fsync(f.fileno())
        elif p.is_dir():
            _sync_directory(p)
    _sync_directory(root)


def _empty(directory: Path) -> bool:
    return not directory.exists() or (directory.is_dir() and not any(directory.iterdir()))


def backup(hub, target: str | Path) -> Summary:
    """Write a backup of ``hub`` (an embedded store, opened) into ``target``, a directory that
    does not exist yet or is empty."""
    from .embedded import EmbeddedBackend

    started = time.monotonic()
    target = Path(target)
    if not isinstance(hub.backend, EmbeddedBackend):
        raise BackupError(f"kg backup copies an embedded store; {hub.backend.name} keeps its own backups "
                          "(an Oxigraph server: 'oxigraph backup'; Virtuoso: its backup functions)")
    if not _empty(target):
        raise BackupError(f"{target} exists and is not empty; give a new directory for the backup")
    store_dir = hub.directory.resolve()
    if target.resolve() == store_dir or store_dir in target.resolve().parents:
        raise BackupError(f"{target} is inside the store {hub.directory}; put backups elsewhere")
    target.mkdir(parents=True, exist_ok=True)
    try:
        hub.backend.checkpoint(target / OXIGRAPH)
        with closing(sqlite3.connect(str(target / INDEX))) as copy:
            hub.index.db.backup(copy)
        graphs = sum(1 for _ in hub.backend.named_graphs())
        libraries = _figures(hub.index)
    except (OSError, sqlite3.Error) as err:
        for p in list(target.iterdir()):  # nothing half-written is left to be taken for a backup
            shutil.rmtree(p) if p.is_dir() else p.unlink()
        raise BackupError(f"the backup into {target} failed: {err}") from None
    _sync(target)  # every file on disk before the manifest says the backup is complete
    files = _files(target)
    manifest = {"format": FORMAT, "kg": __version__, "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "source": str(store_dir), "graphs": graphs, "libraries": libraries, "files": files}
    tmp = target / (MANIFEST + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target / MANIFEST)  # the backup is complete from here on
    _sync_directory(target)
    return Summary(target, libraries, graphs, len(files), sum(files.values()), time.monotonic() - started)


def read_manifest(source: Path) -> dict:
    path = source / MANIFEST
    if not source.is_dir():
        raise BackupError(f"{source} is not a directory")
    if not path.exists():
        raise BackupError(f"{source} is not a kg backup, or an unfinished one (no {MANIFEST})")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise BackupError(f"{path} cannot be read: {err}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is a backup of format {manifest.get('format')!r}; this kg reads format {FORMAT}")
    for name, size in manifest["files"].items():
        p = source / name
        if not p.is_file() or p.stat().st_size != size:
            raise BackupError(f"{source} is incomplete or damaged: {name} is missing or of the wrong size")
    return manifest


def _in_use(store: Path) -> bool:
    """Whether a process holds the store's Oxigraph lock (RocksDB's POSIX lock on ``LOCK``).
    POSIX locks belong to a process: this one's own hold is told by the pid file, since probing
    the lock here would not see it (and closing the probe would release it)."""
    lock = store / OXIGRAPH / "LOCK"
    pidfile = store / "kg.pid"
    if pidfile.exists() and pidfile.read_text().strip() == str(os.getpid()):
        return True
    if not lock.exists():
        return False
    with open(lock, "rb+") as f:
        try:
            fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        fcntl.lockf(f, fcntl.LOCK_UN)
    return False


def _copy_tree(source: Path, target: Path) -> None:
    """Copy a directory; SST files (immutable in RocksDB) are hard-linked when the file system
    allows it."""
    target.mkdir(parents=True)
    for p in sorted(source.rglob("*")):
        dest = target / p.relative_to(source)
        if p.is_dir():
            dest.mkdir(exist_ok=True)
            continue
        if p.suffix == ".sst":
            try:
                os.link(p, dest)
                continue
            except OSError:
                pass
        shutil.copy2(p, dest)


def restore(source: str | Path, store: str | Path, force: bool = False) -> Summary:
    """Put the backup ``source`` in place as the store ``store`` (empty or missing, or any store
    no process holds when ``force``)."""
    from . import Hub

    started = time.monotonic()
    source, store = Path(source), Path(store)
    manifest = read_manifest(source)
    if not _empty(store):
        if not force:
            raise BackupError(f"{store} is not empty; restore into an empty directory, or give --force to "
                              "replace that store")
        if _in_use(store):
            holder = (store / "kg.pid").read_text().strip() if (store / "kg.pid").exists() else "unknown"
            raise BackupError(f"{store} is in use by another process (pid {holder}); stop it first")
        if not (store / OXIGRAPH).is_dir() and not (store / INDEX).exists():
            raise BackupError(f"{store} does not look like a kg store (no {OXIGRAPH}/ nor {INDEX}); "
                              "not replacing it")
    parent = store.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = parent / f".{store.name}.restore-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        _copy_tree(source / OXIGRAPH, staging / OXIGRAPH)
        shutil.copy2(source / INDEX, staging / INDEX)
        with Hub(str(staging), endpoint="", sync=False) as hub:  # opens and checks both
            graphs = sum(1 for _ in hub.backend.named_graphs())
            libraries = _figures(hub.index)
        if graphs != manifest["graphs"] or libraries != manifest["libraries"]:
            raise BackupError(f"the restored copy of {source} does not match its manifest "
                              f"({graphs} graphs for {manifest['graphs']}); the backup is damaged")
        (staging / "kg.pid").unlink(missing_ok=True)
        _sync(staging)
        old = parent / f".{store.name}.replaced-{os.getpid()}"
        if store.exists():
            os.replace(store, old)
        try:
            os.replace(staging, store)
        except OSError:
            if old.exists() and not store.exists():
                os.replace(old, store)  # put the previous store back
            raise
        shutil.rmtree(old, ignore_errors=True)
    except (OSError, sqlite3.Error) as err:
        raise BackupError(f"restoring {source} into {store} failed: {err}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    files = _files(store)
    return Summary(store, libraries, graphs, len(files), sum(files.values()), time.monotonic() - started)
