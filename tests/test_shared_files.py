"""Every real MARC file of ``../shared/data/marc`` through the whole conversion, file by file.

The table says, per file, how many records are read, converted, rejected and skipped (not
bibliographic), and why the rejected ones are rejected.  A change in the readers or the
converter that loses or gains a record shows up here by name.
"""

import pytest
from kgtest import MARC

from kg.batch import Options, run
from kg.marc.source import expand

# path: (records read, converted, rejected, skipped, [reasons of rejection, in order])
EXPECTED = {
    "SOURCES.md": (0, 0, 0, 0, ["not a MARC file"]),
    "authority/eg_auth-1066.mrc": (1066, 0, 0, 1066, []),
    "authority/eg_auth-subset100.mrc": (17, 17, 0, 0, []),
    "authority/eg_auth_lc.xml": (14, 12, 0, 2, []),  # two 162 (medium of performance) records
    "authority/eg_auth_mesh.xml": (12, 12, 0, 0, []),
    # two Libol authority records carry a bibliographic leader ("nam"): still not converted
    "authority/vie_libol_authority_text.txt": (12, 12, 0, 0, []),
    "bib_marc8/eg_FSL.marc": (52, 52, 0, 0, []),
    "bib_marc8/eg_hebrew.marc": (20, 20, 0, 0, []),
    "bib_marc8/eg_jazz_1k.mrc": (1000, 1000, 0, 0, []),
    "bib_marc8/eg_lul_fre_100.mrc": (100, 100, 0, 0, []),
    "bib_marc8/marc4j_brkrtest.mrc": (8, 8, 0, 0, []),
    "bib_marc8/marc4j_cyrillic_capital_e.mrc": (2, 2, 0, 0, []),
    "bib_marc8/marc4j_greekmissingcharsetchange.mrc": (3, 3, 0, 0, []),
    "bib_marc8/pymarc_test.dat": (10, 10, 0, 0, []),
    "bib_utf8/eg_RDA_record_CD_Claudia.mrc": (1, 1, 0, 0, []),
    "bib_utf8/eg_RDA_record_DVD-BLUE-RAY-MOVIE_Pineapple_express.mrc": (1, 1, 0, 0, []),
    "bib_utf8/eg_RDA_record_MAP_2012_Enchanted_Circle.mrc": (1, 1, 0, 0, []),
    "bib_utf8/eg_RDA_record_PHOTO_Srid_pa_ho.mrc": (1, 1, 0, 0, []),
    "bib_utf8/eg_RDA_record_SCORE_Arias_for_bass.mrc": (1, 1, 0, 0, []),
    "bib_utf8/eg_nepali.marc": (96, 96, 0, 0, []),
    # LC's 880 test record has no leader: converted as language material, reported
    "bib_utf8/m2b_ConvSpec-880_marc.xml": (1, 1, 0, 0, []),
    "bib_utf8/m2b_gwu.xml": (99, 99, 0, 0, []),
    "bib_utf8/m2b_nlm.xml": (99, 99, 0, 0, []),
    "bib_utf8/m2b_oclc.xml": (99, 99, 0, 0, []),
    "bib_utf8/m2b_princeton.xml": (99, 99, 0, 0, []),
    "bib_utf8/marc4j_brkrtest_UTF8.mrc": (8, 8, 0, 0, []),
    "bib_utf8/marc4j_pride-and-prejudice-fixed.mrc": (383, 383, 0, 0, []),
    "bib_utf8/qa_BooksAll.2014.part01-0001.mrc": (100, 100, 0, 0, []),
    "bib_utf8/traject_test_data.utf8.mrc": (30, 30, 0, 0, []),
    "holdings/eg_map_data.mrc": (3, 3, 0, 0, []),
    "holdings/eg_serials_marc21.xml": (7, 7, 0, 0, []),
    "holdings/eg_serials_mfhd.xml": (7, 0, 0, 7, []),
    "holdings/marc4j_sample1.mrc": (8, 4, 0, 4, []),
    "holdings/ruby-marc_random_tag_order2.dat": (1, 1, 0, 0, []),
    "malformed/eg_oss.marc": (42, 42, 0, 0, []),
    "malformed/marc4j_bad-characters-in-various-fields.mrc": (1, 1, 0, 0, []),
    "malformed/marc4j_bad_leaders_10_11.mrc": (1, 1, 0, 0, []),
    "malformed/marc4j_bad_oversize_field_bad_directory.mrc": (5, 5, 0, 0, []),
    "malformed/marc4j_bad_too_long_plus_2.mrc": (3, 3, 0, 0, []),
    "malformed/marc4j_chabon-missing-datafield-tag.xml": (1, 1, 0, 0, []),
    "malformed/marc4j_chabon-missing-subfield-code.xml": (1, 1, 0, 0, []),
    "malformed/marc4j_chinese_mangled_multibyte.mrc": (4, 4, 0, 0, []),
    "malformed/marc4j_error.mrc": (1, 1, 0, 0, []),
    "malformed/marc4j_incomplete_esc_seq.mrc": (1, 1, 0, 0, []),
    "malformed/marc4j_unordered-directory-entries.mrc": (1, 1, 0, 0, []),
    "malformed/pymarc_1251.dat": (6, 6, 0, 0, []),
    "malformed/pymarc_bad_eacc_encoding.dat": (1, 1, 0, 0, []),
    "malformed/pymarc_bad_indicator.dat": (1, 1, 0, 0, []),
    "malformed/pymarc_bad_marc8_escape.dat": (1, 1, 0, 0, []),
    "malformed/pymarc_bad_records.mrc": (8, 7, 1, 0, ["empty directory: the record has no fields"]),
    "malformed/pymarc_bad_subfield_code.dat": (1, 1, 0, 0, []),
    "malformed/pymarc_bad_tag.xml": (1, 1, 0, 0, []),
    "malformed/pymarc_utf8_errors.dat": (1, 1, 0, 0, []),
    "malformed/pymarc_utf8_invalid.mrc": (1, 1, 0, 0, []),
    "malformed/qa_000-line-seperated.mrc": (20, 20, 0, 0, []),
    "malformed/qa_wrong-marcxml.xml": (3, 3, 0, 0, []),
    "malformed/ruby-marc_marc_with_bad_utf8.utf8.marc": (1, 1, 0, 0, []),
    "malformed/ruby-marc_messed_up_leader.xml": (1, 1, 0, 0, []),
    "malformed/ruby-marc_three-records-second-bad.xml": (3, 2, 1, 0, ["not well-formed XML"]),
    "malformed/traject_bad_utf_byte.utf8.marc": (1, 0, 1, 0, ["is not a MARC 21 record type and the record has no title"]),
    "unimarc/pymarc_testunimarc.dat": (0, 0, 0, 0, ["UNIMARC is not supported"]),
    "unimarc/qa_short.bnr.1993.mrc": (0, 0, 0, 0, ["UNIMARC is not supported"]),
    # CP866 UNIMARC with a leader that is not MARC: its one record cannot be typed
    "unimarc/ruby-marc_cp866_unimarc.marc": (1, 0, 1, 0, ["leader/06 '0' is not a MARC 21 record type"]),
    "vietnamese/vie_libol_text_mojibake_9.txt": (9, 9, 0, 0, []),
    "vietnamese/vie_mixed_rus_6.iso": (6, 6, 0, 0, []),
    "vietnamese/vie_mku_hash_terminators_240.iso": (240, 240, 0, 0, []),
    "vietnamese/vie_uefl_852_mojibake_2.iso": (2, 2, 0, 0, []),
    "vietnamese/vie_vnu_libol_10.iso": (10, 10, 0, 0, []),
}


def test_every_shared_file_is_listed():
    found = {p.split("data/marc/", 1)[1] for p in expand([str(MARC)])}
    assert found == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_file(name):
    records, converted, rejected, skipped, reasons = EXPECTED[name]
    problems = []
    stats = run([str(MARC / name)], Options("TEST", "http://example.org/"), lambda payload: None, problems.append)
    assert (stats.records, stats.converted, stats.rejected, stats.skipped) == (records, converted, rejected, skipped)
    rejections = [p for p in problems if p.action == "rejected"]
    assert len(rejections) == len(reasons)
    for problem, reason in zip(rejections, reasons):
        assert reason in problem.problem
        assert problem.file.endswith(name)
    for p in problems:  # every line of the report says where
        assert p.file.endswith(name)
        assert p.record >= 0 and p.offset >= 0


def test_local_authority_tags_are_reported_not_guessed():
    """IISH's Aleph export puts its headings in 103/403/503: not MARC 21, so each record is
    skipped with the tag named, never read as a 100."""
    problems = []
    stats = run([str(MARC / "authority" / "eg_auth-1066.mrc")], Options("T", "http://example.org/"), lambda b: None,
                problems.append)
    assert stats.converted == 0 and stats.skipped == 1066
    skipped = [p for p in problems if p.action == "skipped"]
    assert len(skipped) == 1066
    local = [p for p in skipped if "found 103" in p.problem and "local use" in p.problem and p.control_number]
    references = [p for p in skipped if "reference record (008/09 = 'c')" in p.problem]
    assert (len(local), len(references)) == (1064, 2)


def test_skipped_records_say_what_they_are():
    problems = []
    run([str(MARC / "holdings" / "marc4j_sample1.mrc")], Options("T", "http://example.org/"), lambda b: None, problems.append)
    skipped = [p for p in problems if p.action == "skipped"]
    assert len(skipped) == 4
    assert all("Holdings record: not handled by this converter yet" in p.problem for p in skipped)
    assert all(p.record > 0 and p.tag == "LDR" for p in skipped)
