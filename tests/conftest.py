"""Fixtures for every test, defined in :mod:`kgtest` beside this file.

pytest imports each folder's ``conftest.py`` under the one module name ``conftest``, so a test
that imported helpers ``from conftest`` would get whichever folder's was imported last; helpers
are therefore imported ``from kgtest`` (and the web and reconciliation tests have ``webhelp`` and
their own helper modules).
"""

from kgtest import shared  # noqa: F401 - a fixture must be a name of this module
