"""Stores for the reconciliation tests, each built once per session with the real pipeline:

- ``gold_store``: the labelled linking set (tests/link/gold), ingested and linked with ``kg``;
- ``demo_store``: the three-library demo (``kg.demo.build``);
- ``ids_store``: a small store of authority records carrying external identifiers (VIAF, ISNI,
  Wikidata, LC) and likely duplicates (tone variants, lost marks, a typo, missing dates), in two
  libraries, linked;

and ``reconciler(store)`` opening a :class:`kg.reconcile.Reconciler` on one of them (closed at
the end of the test).
"""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import reconhelp  # noqa: E402
from idstore import BASE, _no_kg_env, build_ids  # noqa: E402,F401


@pytest.fixture(scope="session")
def gold_store(tmp_path_factory) -> Path:
    saved = _no_kg_env()
    try:
        return reconhelp.build_gold(tmp_path_factory.mktemp("reconcile-gold"))
    finally:
        os.environ.update(saved)


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> Path:
    return reconhelp.build_demo(tmp_path_factory.mktemp("reconcile-demo"))


@pytest.fixture(scope="session")
def ids_store(tmp_path_factory) -> Path:
    return build_ids(tmp_path_factory.mktemp("reconcile-ids"))


@pytest.fixture
def reconciler():
    """``reconciler(store)`` -> an open Reconciler (and its hub), closed after the test."""
    from kg.reconcile import Reconciler

    opened = []

    def open_(store: Path, **kwargs):
        hub = reconhelp.open_hub(store)
        r = Reconciler(hub, **kwargs)
        opened.append((r, hub))
        return r

    yield open_
    for r, hub in opened:
        r.close()
        hub.close()
