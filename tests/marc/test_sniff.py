"""Formats are recognised from content, whatever the file is called."""

import shutil

import pytest
from kgtest import MARC

from kg.errors import InputError
from kg.marc import source
from kg.marc.chunk import ISO2709, ISO2709_HASH, LIBOL_TEXT, MARCXML
from kg.marc.sniff import sniff


@pytest.mark.parametrize("path, dialect", [
    ("vietnamese/vie_vnu_libol_10.iso", ISO2709),
    ("vietnamese/vie_mku_hash_terminators_240.iso", ISO2709_HASH),
    ("vietnamese/vie_libol_text_mojibake_9.txt", LIBOL_TEXT),
    ("bib_utf8/m2b_gwu.xml", MARCXML),
    ("malformed/pymarc_bad_tag.xml", MARCXML),
    ("bib_marc8/eg_jazz_1k.mrc", ISO2709),
])
def test_real_files(path, dialect):
    assert sniff((MARC / path).read_bytes()[:65536]) == dialect


def test_extension_does_not_matter(tmp_path):
    target = tmp_path / "catalogue.txt"
    shutil.copy(MARC / "bib_utf8" / "m2b_gwu.xml", target)
    assert sum(1 for _ in source.chunks(str(target))) == 99


def test_gzip_input_is_read(tmp_path):
    import gzip

    target = tmp_path / "export.mrc.gz"
    target.write_bytes(gzip.compress((MARC / "vietnamese" / "vie_vnu_libol_10.iso").read_bytes()))
    assert sum(1 for _ in source.chunks(str(target))) == 10


def test_not_marc_names_the_file():
    with pytest.raises(InputError, match="SOURCES.md: not a MARC file"):
        list(source.chunks(str(MARC / "SOURCES.md")))


@pytest.mark.parametrize("name", ["pymarc_testunimarc.dat", "qa_short.bnr.1993.mrc"])
def test_unimarc_is_refused_by_name(name):
    with pytest.raises(InputError, match=f"{name}: UNIMARC is not supported"):
        list(source.chunks(str(MARC / "unimarc" / name)))


def test_directories_expand_sorted_without_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.mrc").write_bytes(b"")
    (tmp_path / "1.mrc").write_bytes(b"")
    (tmp_path / ".hidden").write_bytes(b"")
    assert [p.split("/")[-1] for p in source.expand([str(tmp_path)])] == ["1.mrc", "2.mrc"]
