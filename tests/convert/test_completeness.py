"""Every handler has a row in ``mappings/tags.csv`` (the index a cataloguer reads), every row a
handler, and every handled tag a test case in ``tests/convert`` — either a fixture that names
the tag or a test parametrised over the mapping table that lists it."""

import csv
import re

from conftest import ROOT

from kg.convert.registry import HANDLERS

TESTS = ROOT / "tests" / "convert"
MAPPINGS = ROOT / "mappings"


def tag_rows():
    with open(MAPPINGS / "tags.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_tags_table_and_handlers_agree():
    rows = {r["tag"]: r["handler"] for r in tag_rows()}
    handlers = {tag: f"{fn.__module__.rsplit('.', 1)[1]}.{fn.__name__}" for tag, fn in HANDLERS.items()}
    assert rows == handlers


def test_every_handled_tag_has_a_test_case():
    source = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py"))
    by_table = set()
    for table in MAPPINGS.glob("*.csv"):
        if table.name != "tags.csv" and f'"{table.name}"' in source:
            with open(table, encoding="utf-8", newline="") as f:
                by_table |= {row["tag"] for row in csv.DictReader(f) if "tag" in row}
    untested = [t for t in HANDLERS if t not in by_table and not re.search(rf'(={t}\b|["\']{t}["\'])', source)]
    assert untested == []


def test_every_table_is_documented_in_the_mappings_readme():
    readme = (MAPPINGS / "README.md").read_text(encoding="utf-8")
    assert [p.name for p in sorted(MAPPINGS.glob("*.csv")) if p.name not in readme] == []
