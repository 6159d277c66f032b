"""The README's generated parts stay true to the code."""

import os
import re
import subprocess
import sys

from kgtest import ROOT


def test_convert_help_in_readme_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- generated: COLUMNS=100 kg convert --help.*?-->\n```text\n(.*?)```", readme, re.S)
    assert block, "generated help block missing"
    help_text = subprocess.run([sys.executable, "-m", "kg", "convert", "--help"], capture_output=True, text=True,
                               env={**os.environ, "COLUMNS": "100"}, cwd=ROOT).stdout
    assert block.group(1).rstrip() == help_text.rstrip(), "regenerate the block with COLUMNS=100 kg convert --help"


def test_readme_starts_with_the_two_setup_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    fence = lines.index("```sh")
    assert fence < 5
    assert lines[fence + 1] == "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/kg demo"
    assert lines[fence + 2] == "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/python -m pytest"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert ".venv/bin/python -m pytest" in ci and "pip install '.[test]'" in ci


def test_configuration_table_in_readme_is_current():
    from kg.web.config import WebConfig

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- generated: WebConfig.table\(\) in kg/web/config.py -->\n(.*?)\n\n", readme, re.S)
    assert block, "generated configuration table missing"
    assert block.group(1) == WebConfig.table(), "regenerate the table from WebConfig.table()"


def test_readme_mentions_every_command():
    from kg.cli import parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = parser()._subparsers._group_actions[0].choices
    assert [c for c in commands if f"kg {c}" not in readme] == []
