"""``pip install .`` (a real wheel, not an editable install) gives a ``kg`` that finds its
mapping tables and vocabularies without the source tree."""

import subprocess
import sys

import pytest
from kgtest import MARC, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(ROOT)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    return target


def test_installed_package_carries_its_data(installed):
    assert (installed / "kg" / "mappings" / "relator_terms.csv").is_file()
    assert (installed / "kg" / "vocabularies" / "relators.ttl").is_file()
    assert (installed / "kg" / "demo" / "data" / "nlv.xml").is_file()
    assert (installed / "kg" / "web_assets" / "templates" / "base.html").is_file()
    assert (installed / "kg" / "web_assets" / "static" / "site.css").is_file()
    assert list((installed / "kg" / "sparql").glob("*.rq"))


def test_installed_package_finds_its_templates_and_examples(installed, tmp_path):
    code = ("import sys, kg.resources as r; "
            "assert str(r.web_dir()).startswith(sys.argv[1]), r.web_dir(); "
            "assert str(r.sparql_examples_dir()).startswith(sys.argv[1]), r.sparql_examples_dir()")
    proc = subprocess.run([sys.executable, "-c", code, str(installed)], capture_output=True, text=True, cwd=tmp_path,
                          env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr


def test_installed_kg_converts_from_another_directory(installed, tmp_path):
    code = (
        "import sys, kg.resources as r; "
        "assert str(r.data_dir('mappings')).startswith(sys.argv[1]), r.data_dir('mappings'); "
        "from kg.cli import main; sys.exit(main(sys.argv[2:]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(installed), "convert", str(MARC / "vietnamese" / "vie_vnu_libol_10.iso"),
         "--library", "VNU", "-o", str(tmp_path / "out.nt")],
        capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "10 converted" in proc.stderr
    assert "<http://127.0.0.1:5000/instance/VNU/TVL050000002>" in (tmp_path / "out.nt").read_text()
