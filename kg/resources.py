"""Where the package finds its data: the mapping tables, the vocabularies, the web templates
and the example queries.

In the repository they live at the top (``mappings/``, ``vocabularies/``) where cataloguers
find them; the wheel carries them as ``kg/mappings`` and ``kg/vocabularies`` (see
``pyproject.toml``).  Looking inside the package first keeps an installed ``kg`` independent of
the current directory.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg data folder {name!r} not found beside the package ({_PACKAGE})")


@lru_cache(maxsize=None)
def web_dir() -> Path:
    """Templates and static files: ``web/`` in the repository, ``kg/web_assets`` in the wheel
    (``kg/web`` is the Python package of the web application)."""
    for candidate in (_PACKAGE / "web_assets", _PACKAGE.parent / "web"):
        if (candidate / "templates").is_dir():
            return candidate
    raise FileNotFoundError(f"kg web templates not found beside the package ({_PACKAGE})")


def sparql_examples_dir() -> Path:
    """The example queries (``sparql/*.rq``) shown on the query page."""
    return data_dir("sparql")


def mapping_path(filename: str) -> Path:
    return data_dir("mappings") / filename


def vocabulary_path(filename: str) -> Path:
    return data_dir("vocabularies") / filename
