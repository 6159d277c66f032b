"""The shape every batch job shares (``kg convert``, ``kg ingest``): files are cut into batches of
raw records by the main process, a pool of worker processes does the expensive work on each
batch, and the main process consumes the results *in input order* — writing output, updating a
store — as they come.

At most ``3 x jobs`` batches are in flight, so memory stays flat however large the input.  Workers
are forked (on Linux) after ``initializer`` has run in the parent, so large read-only state (the
mapping tables, an ingest's manifest of stored records) is shared copy-on-write rather than
pickled; with ``jobs == 1`` everything runs in the calling process.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from typing import Callable, Iterable, Iterator, TypeVar

from .errors import InputError
from .marc import source
from .marc.chunk import Chunk

T = TypeVar("T")
R = TypeVar("R")
BATCH = 200


def batches(paths: list[str], on_file_error: Callable[[InputError], None], on_file: Callable[[str], None] = lambda p: None,
            size: int = BATCH) -> Iterator[list[Chunk]]:
    """Raw records of every file, ``size`` at a time; a file that cannot be read at all goes to
    ``on_file_error`` and the next file is read."""
    for path in paths:
        on_file(path)
        batch: list[Chunk] = []
        try:
            for chunk in source.chunks(path):
                batch.append(chunk)
                if len(batch) >= size:
                    yield batch
                    batch = []
        except InputError as err:
            on_file_error(err)
        if batch:
            yield batch


def process(work: Iterable[T], worker: Callable[[T], R], jobs: int, consume: Callable[[R], None],
            initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> None:
    """Run ``worker`` on every item of ``work`` on ``jobs`` processes; ``consume`` the results in order."""
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        for item in work:
            consume(worker(item))
        return
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    window = jobs * 3
    with ctx.Pool(jobs, initializer=initializer, initargs=initargs) as pool:
        pending: deque = deque()
        try:
            for item in work:
                pending.append(pool.apply_async(worker, (item,)))
                while len(pending) >= window:
                    consume(pending.popleft().get())
            while pending:
                consume(pending.popleft().get())
        except BaseException:
            pool.terminate()
            raise
