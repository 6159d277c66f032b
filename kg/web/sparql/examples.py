"""The example queries of the query page: ``sparql/*.rq`` (``kg.resources.sparql_examples_dir``).

Each file is a query that runs as it is in any SPARQL client, headed by comment lines::

    # title: Holdings of a work across libraries
    # title-vi: Bản sách của một tác phẩm ở các thư viện
    #
    # What the query shows and why, in a few lines (both languages welcome).

The page lists them by the title in its language and serves the text at
``/sparql/examples/<name>.rq``; the tests run every one against the demo store and expect rows.
File names (``01-holdings-of-a-work.rq``) give the order of the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...resources import sparql_examples_dir

NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HEADER = re.compile(r"^#\s*(title|title-vi)\s*:\s*(.+?)\s*$")


@dataclass(frozen=True)
class Example:
    name: str  # the file name without .rq
    title: str  # English
    title_vi: str
    description: str  # the other leading comment lines
    text: str

    def title_in(self, lang: str) -> str:
        return self.title_vi if lang == "vi" else self.title


def parse(name: str, text: str) -> Example:
    """An example from its file; ValueError when a title line is missing."""
    titles: dict[str, str] = {}
    description: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m:
            titles[m.group(1)] = m.group(2)
        else:
            description.append(line[1:].strip())
    missing = [k for k in ("title", "title-vi") if k not in titles]
    if missing:
        raise ValueError(f"example {name}.rq lacks a '# {missing[0]}:' line")
    return Example(name, titles["title"], titles["title-vi"], "\n".join(description).strip(), text)


@lru_cache(maxsize=1)
def all_examples() -> tuple[Example, ...]:
    """Every example, in file-name order (read once: the files do not change while serving)."""
    try:
        directory = sparql_examples_dir()
    except FileNotFoundError:
        return ()
    out = []
    for path in sorted(directory.glob("*.rq")):
        if NAME.match(path.stem):
            out.append(parse(path.stem, path.read_text(encoding="utf-8")))
    return tuple(out)


def get(name: str) -> Example | None:
    if not NAME.match(name):
        return None
    return next((e for e in all_examples() if e.name == name), None)
