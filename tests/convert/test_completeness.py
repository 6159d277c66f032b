"""Every handler has a row in ``mappings/tags.csv`` (the index a cataloguer reads), every row a
handler, and every handled tag a test case in ``tests/convert`` — either a fixture that names
the tag or a test parametrised over the mapping table that lists it.  Authority records have their
own index, ``mappings/authority_tags.csv``: each row names a handler that exists, and each tag a
test of ``test_authority.py`` (its name or docstring)."""

import ast
import csv
import importlib
import re

from kgtest import ROOT

from kg.convert import auth_fields, authority
from kg.convert.registry import HANDLERS

TESTS = ROOT / "tests" / "convert"
MAPPINGS = ROOT / "mappings"
AUTHORITY_TAGS = MAPPINGS / "authority_tags.csv"


def tag_rows(path=MAPPINGS / "tags.csv"):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_tags_table_and_handlers_agree():
    rows = {r["tag"]: r["handler"] for r in tag_rows()}
    handlers = {tag: f"{fn.__module__.rsplit('.', 1)[1]}.{fn.__name__}" for tag, fn in HANDLERS.items()}
    assert rows == handlers


def test_every_handled_tag_has_a_test_case():
    source = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py"))
    by_table = set()
    for table in MAPPINGS.glob("*.csv"):
        # authority tables list authority tags: they say nothing of the bibliographic handlers
        if table.name != "tags.csv" and not table.name.startswith("authority_") and f'"{table.name}"' in source:
            with open(table, encoding="utf-8", newline="") as f:
                by_table |= {row["tag"] for row in csv.DictReader(f) if "tag" in row}
    untested = [t for t in HANDLERS if t not in by_table and not re.search(rf'(={t}\b|["\']{t}["\'])', source)]
    assert untested == []


def test_every_table_is_documented_in_the_mappings_readme():
    readme = (MAPPINGS / "README.md").read_text(encoding="utf-8")
    assert [p.name for p in sorted(MAPPINGS.glob("*.csv")) if p.name not in readme] == []


def test_every_authority_tags_row_names_a_handler_that_exists():
    """``module.function`` of each row is importable from ``kg.convert``, and it is the handler the
    converter runs for that tag (headings: the tags the converter establishes)."""
    rows = tag_rows(AUTHORITY_TAGS)
    missing, mismatched = [], []
    for row in rows:
        module, _, name = row["handler"].partition(".")
        fn = getattr(importlib.import_module(f"kg.convert.{module}"), name, None)
        if not callable(fn):
            missing.append((row["tag"], row["handler"]))
        elif row["handler"] == "authority.heading":
            if row["tag"] not in authority.HEADING_TAGS:
                mismatched.append(row["tag"])
        elif auth_fields.HANDLERS.get(row["tag"]) is not fn:
            mismatched.append(row["tag"])
    assert missing == [] and mismatched == []
    headings = {r["tag"] for r in rows if r["handler"] == "authority.heading"}
    assert headings == set(authority.HEADING_TAGS)
    assert set(auth_fields.HANDLERS) == {r["tag"] for r in rows} - headings


def test_every_authority_tag_has_a_test_in_test_authority():
    """Each tag of the authority index is named by a test of ``test_authority.py`` (in the test's
    name or docstring, e.g. ``test_670_is_a_found_source…``)."""
    tree = ast.parse((TESTS / "test_authority.py").read_text(encoding="utf-8"))
    tests = [f"{node.name}\n{ast.get_docstring(node) or ''}" for node in ast.walk(tree)
             if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")]
    text = "\n".join(tests)
    untested = [r["tag"] for r in tag_rows(AUTHORITY_TAGS) if not re.search(rf"(?<!\d){r['tag']}(?!\d)", text)]
    assert untested == []
