"""Tests import their helpers from named modules, never ``from conftest``: pytest imports every
folder's conftest.py as the one module ``conftest``, so such an import gets whichever folder's
was imported last (it broke the suite once, depending on the order of collection)."""

import re

from kgtest import ROOT


def test_no_test_imports_helpers_from_conftest():
    offenders = []
    for path in (ROOT / "tests").rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"\s*(from conftest import|import conftest\b)", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}")
    assert offenders == []
