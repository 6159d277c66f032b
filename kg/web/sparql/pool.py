"""Worker processes for user queries: the only place a query can be stopped.

pyoxigraph cannot cancel a running query and has no time limit, so user queries never run in
the web process.  A :class:`Pool` keeps ``size`` worker processes and gives each request one
idle worker:

- the request is sent as bytes over a pipe (:mod:`kg.web.sparql.worker` says what travels);
  the web thread waits for the complete reply up to the time limit;
- at the limit the worker is killed (SIGKILL: the query is in Rust, no signal handler would
  run), a replacement is started, and the caller gets :class:`Unavailable` (HTTP 503) — never
  a partial body;
- a worker that dies on its own (a crash, the kernel's out-of-memory killer — workers ask to be
  its first choice, ``oom_score_adj`` 1000, so that a query eating the memory takes down its
  worker and not the server) is replaced the same way; one that died while idle is noticed
  when a request is sent to it, and the request goes to another;
- when every worker is busy a request waits for one, up to the same limit (then 503).

**What the workers read.**  Opening ``Store.read_only`` on the directory the web process holds
open for writing is undefined behaviour in RocksDB, and it shows: after the writer compacts,
a worker opening (or reading) the store can meet an SST file that was just deleted
("Corruption: … No such file", seen in the update tests).  So the workers read a *checkpoint*:
``Store.backup`` into ``<store>/sparql-snapshots/<generation>`` — hard links to the immutable
SST files, made in milliseconds, that no process ever writes.  Every worker opens it with
``Store.read_only``.  After an update (:meth:`Pool.recycle`) a new checkpoint is made and the
workers are replaced (busy ones when their query ends); a checkpoint is deleted when no worker
uses it any more, and all of them when the pool closes or the next server starts.

Workers are fresh interpreters (``python -m kg.web.sparql.pool``, like multiprocessing's
``spawn``; never ``fork``: the web process holds RocksDB, its lock and its threads), talking
over a socket pair wrapped in a multiprocessing ``Connection``.  Not multiprocessing's own
``spawn``, which re-runs the parent's main script in every child — a script calling
``create_app()`` without an ``if __name__ == "__main__"`` guard would start servers
recursively.  Workers are started on the first query (``kg serve`` starts at once), ignore
Ctrl+C (the server stops them), and end themselves within a second if the server process
disappears without stopping them (``kill -9``).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Callable

log = logging.getLogger("kg.web.sparql")

STARTUP_LIMIT = 60.0  # seconds a worker may take to open the store
RETRY_AFTER_FAILURE = 2.0  # seconds before starting a worker again after one failed to start


class Unavailable(Exception):
    """No answer within the time limit, or no worker; ``status`` is the HTTP status to send."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _worker_main(conn: Connection, store_path: str, allow: tuple[str, ...], base_iri: str) -> None:
    """The worker process: open the snapshot, say "ready", answer requests until the
    connection closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # a query that eats the machine's memory: the kernel kills this worker, not the server
        Path("/proc/self/oom_score_adj").write_text("1000")
    except OSError:
        pass  # not Linux, or not allowed: nothing else to do
    parent = os.getppid()

    def watch_parent() -> None:  # queries release the GIL, so this runs even during one
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch_parent, name="kg-watch-parent", daemon=True).start()
    try:
        from ...store.embedded import open_snapshot

        store = open_snapshot(store_path)
        from .worker import execute
    except BaseException as err:  # noqa: BLE001 - reported to the parent, which logs it
        conn.send_bytes(b"error:" + f"{type(err).__name__}: {err}".encode("utf-8", "replace"))
        return
    conn.send_bytes(b"ready")
    while True:
        try:
            request = conn.recv_bytes()
        except (EOFError, OSError):
            return
        conn.send_bytes(execute(store, request, allow, base_iri))


def _start_process(store_path: Path, allow: tuple[str, ...], base_iri: str) -> tuple[subprocess.Popen, Connection]:
    """A worker process and the parent's end of its connection."""
    parent_sock, child_sock = socket.socketpair()
    try:
        package_root = str(Path(__file__).resolve().parents[3])  # so that ``-m kg…`` finds this kg
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        process = subprocess.Popen(
            [sys.executable, "-m", "kg.web.sparql.pool", str(child_sock.fileno()), str(store_path), base_iri,
             json.dumps(list(allow))],
            pass_fds=(child_sock.fileno(),), stdin=subprocess.DEVNULL, env=env)
    except BaseException:
        parent_sock.close()
        raise
    finally:
        child_sock.close()
    return process, Connection(parent_sock.detach())


class _Worker:
    __slots__ = ("process", "conn", "generation")

    def __init__(self, process, conn, generation: int):
        self.process = process
        self.conn = conn
        self.generation = generation

    def kill(self) -> None:
        try:
            self.process.kill()
        except OSError:
            pass
        try:
            self.conn.close()
        except OSError:
            pass
        threading.Thread(target=self._reap, name="kg-reap-worker", daemon=True).start()

    def _reap(self) -> None:
        try:
            self.process.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            pass


class Pool:
    """``snapshot(directory)`` writes a checkpoint of the store into ``directory`` (which must
    not exist); ``snapshots`` is where the checkpoints live (on the store's file system, so
    they are hard links)."""

    def __init__(self, snapshot: Callable[[Path], None], snapshots: Path, size: int, allow: tuple[str, ...],
                 base_iri: str):
        self._snapshot = snapshot
        self.snapshots = Path(snapshots)
        self.size = max(1, size)
        self.allow = tuple(allow)
        self.base_iri = base_iri
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._live: set[_Worker] = set()  # started: idle or busy
        self._starting = 0
        self._users: Counter[int] = Counter()  # generation → workers starting or live
        self._made: dict[int, Path] = {}  # generation → its checkpoint
        self._generation = 1
        self._closed = False
        self._failure: str | None = None  # why the last worker failed to start, until one starts
        self._failed_at = 0.0
        self._transient = 0  # workers in a row that died while starting (killed, not refused)

    # -- checkpoints (all called with the lock held) -------------------------------------------

    def _checkpoint(self) -> Path | None:
        path = self._made.get(self._generation)
        if path is not None:
            return path
        path = self.snapshots / str(self._generation)
        try:
            if not self._made:  # the first of this server: clear what a stopped server left
                shutil.rmtree(self.snapshots, ignore_errors=True)
            self.snapshots.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(path, ignore_errors=True)
            self._snapshot(path)
        except OSError as err:
            self._fail(f"the store snapshot for queries cannot be written: {err}")
            return None
        self._made[self._generation] = path
        return path

    def _prune(self) -> list[Path]:
        """Checkpoints no worker uses any more (to delete outside the lock)."""
        old = [g for g in self._made if g != self._generation and self._users[g] <= 0]
        return [self._made.pop(g) for g in old]

    @staticmethod
    def _delete(paths: list[Path]) -> None:
        for path in paths:
            shutil.rmtree(path, ignore_errors=True)

    def _fail(self, message: str, transient: bool = False) -> None:
        """A worker failed to start.  One that was killed while starting is replaced at once
        (up to three in a row); one that could not open the store is retried after a pause,
        and meanwhile requests get the reason as a 503 rather than a spawning storm."""
        self._failure, self._failed_at = message, time.monotonic()
        self._transient = self._transient + 1 if transient else 3
        log.error("SPARQL workers: %s", message)

    def _backing_off(self) -> bool:
        return bool(self._failure) and self._transient >= 3 and \
            time.monotonic() - self._failed_at < RETRY_AFTER_FAILURE

    # -- life cycle --------------------------------------------------------------------------

    def _spawn_missing(self) -> None:
        """Start workers up to ``size`` (called with the lock held)."""
        if self._closed or len(self._live) + self._starting >= self.size or self._backing_off():
            return
        path = self._checkpoint()
        if path is None:
            return
        while len(self._live) + self._starting < self.size:
            self._starting += 1
            self._users[self._generation] += 1
            threading.Thread(target=self._start_one, args=(self._generation, path), name="kg-start-worker",
                             daemon=True).start()

    def _start_one(self, generation: int, path: Path) -> None:
        worker = None
        failure = None
        transient = False
        try:
            process, parent_conn = _start_process(path, self.allow, self.base_iri)
            worker = _Worker(process, parent_conn, generation)
            if not parent_conn.poll(STARTUP_LIMIT):
                failure = f"a query worker did not open the store within {STARTUP_LIMIT:.0f} s"
            else:
                hello = parent_conn.recv_bytes()
                if hello != b"ready":
                    failure = "a query worker cannot open the store: " + \
                        hello.decode("utf-8", "replace").removeprefix("error:")
        except EOFError:
            status = worker.process.wait(5) if worker is not None else None
            failure = f"a query worker ended before it was ready (exit status {status})"
            transient = status is not None and status < 0  # killed by a signal
        except OSError as err:
            failure = f"a query worker could not start: {err}"
        with self._cond:
            self._starting -= 1
            if failure is None and worker is not None and not self._closed and generation == self._generation:
                self._failure, self._transient = None, 0
                self._live.add(worker)
                self._idle.append(worker)
                worker = None
                unused: list[Path] = []
            else:
                self._users[generation] -= 1
                if failure is not None:
                    self._fail(failure, transient)
                # a replacement (after a failure, unless backing off), or a worker of the current
                # generation (this one was started for a generation recycled meanwhile)
                self._spawn_missing()
                unused = self._prune()
            self._cond.notify_all()
        if worker is not None:
            worker.kill()
        self._delete(unused)

    def _retire(self, worker: _Worker) -> list[Path]:
        """Forget ``worker`` (lock held); the checkpoints nobody uses any more."""
        if worker in self._live:
            self._live.discard(worker)
            self._users[worker.generation] -= 1
        if worker in self._idle:
            self._idle.remove(worker)
        self._spawn_missing()
        self._cond.notify_all()
        return self._prune()

    def _discard(self, worker: _Worker) -> None:
        with self._cond:
            unused = self._retire(worker)
        worker.kill()
        self._delete(unused)

    def _acquire(self, deadline: float) -> _Worker:
        with self._cond:
            while True:
                if self._closed:
                    raise Unavailable(503, "the server is stopping")
                if self._idle:
                    return self._idle.pop()
                self._spawn_missing()
                if not self._live and not self._starting and self._backing_off():
                    raise Unavailable(503, f"no query worker can run: {self._failure}")
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise Unavailable(503, "every query worker is busy; try again in a moment")
                self._cond.wait(remaining)

    def _release(self, worker: _Worker) -> None:
        with self._cond:
            if self._closed or worker.generation != self._generation:
                unused = self._retire(worker)
                stale = True
            else:
                self._idle.append(worker)
                self._cond.notify_all()
                stale, unused = False, []
        if stale:
            worker.kill()
        self._delete(unused)

    def start(self) -> None:
        """Start the workers now rather than on the first query."""
        with self._cond:
            self._spawn_missing()

    def recycle(self) -> None:
        """Read the store afresh (after an update): a new checkpoint, new workers; idle ones
        are replaced now, busy ones when they finish."""
        with self._cond:
            self._generation += 1
            self._failure, self._transient = None, 0
            idle, self._idle = self._idle, []
            for worker in idle:
                self._live.discard(worker)
                self._users[worker.generation] -= 1
            self._spawn_missing()
            unused = self._prune()
            self._cond.notify_all()
        for worker in idle:
            worker.kill()
        self._delete(unused)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            workers = list(self._live)
            self._live.clear()
            self._idle.clear()
            self._made.clear()
            self._cond.notify_all()
        for worker in workers:
            worker.kill()
        shutil.rmtree(self.snapshots, ignore_errors=True)

    # -- one request -------------------------------------------------------------------------

    def run(self, request: bytes, timeout: float) -> bytes:
        """The worker's complete reply to ``request``; :class:`Unavailable` when no worker is
        free within ``timeout`` or the query runs longer than ``timeout``."""
        for _attempt in range(3):
            worker = self._acquire(time.monotonic() + timeout)
            try:
                # died while idle (a peer that is gone reads as ready: end of file)?  Another one.
                if worker.process.poll() is not None or worker.conn.poll(0):
                    raise BrokenPipeError
                worker.conn.send_bytes(request)
            except (OSError, ValueError):
                self._discard(worker)
                continue
            try:
                ready = worker.conn.poll(timeout)
                reply = worker.conn.recv_bytes() if ready else None
            except (EOFError, OSError):
                self._discard(worker)
                raise Unavailable(503, "the query stopped its worker process (it may have needed more memory "
                                       "than the server allows); a new worker has been started") from None
            if reply is None:
                self._discard(worker)
                raise Unavailable(503, f"the query did not finish within the time limit of {timeout:g} s "
                                       "and was stopped; narrow it down (LIMIT, more specific patterns)")
            self._release(worker)
            return reply
        raise Unavailable(503, "no query worker is answering; try again in a moment")


if __name__ == "__main__":  # a worker: python -m kg.web.sparql.pool FD STORE BASE_IRI ALLOW_JSON
    _worker_main(Connection(int(sys.argv[1])), sys.argv[2], tuple(json.loads(sys.argv[4])), sys.argv[3])
