"""Which function converts which tag.

Each ``tag_Nxx`` module decorates its handlers with ``@handles("245")``; importing
:mod:`kg.convert.handlers` fills :data:`HANDLERS`.  ``kg convert --explain 245`` (and a
newcomer's grep for ``"245"``) lands on the one handler of a tag.
"""

from __future__ import annotations

from typing import Callable

HANDLERS: dict[str, Callable] = {}


def handles(*tags: str):
    def register(fn: Callable) -> Callable:
        for tag in tags:
            if tag in HANDLERS:
                raise RuntimeError(f"two handlers for tag {tag}: {HANDLERS[tag].__name__} and {fn.__name__}")
            HANDLERS[tag] = fn
        return fn

    return register
