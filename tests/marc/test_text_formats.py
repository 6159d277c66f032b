"""The text formats: Libol's export and MarcEdit's mnemonic form."""

import io

from kgtest import MARC, mrk

from kg.marc import libol_text, mnemonic, source


def test_libol_text_export_with_mojibake_is_repaired():
    recs = [source.parse(c) for c in source.chunks(str(MARC / "vietnamese" / "vie_libol_text_mojibake_9.txt"))]
    assert len(recs) == 9
    assert recs[0].control_number == "TVL050001475"
    assert recs[0].first("245").get("a") == "Báo tiền phong"
    assert recs[1].first("260").subfields == [("a", "Hà Nội :"), ("b", "Văn hoá thông tin,"), ("c", "2005")]
    assert recs[0].first("100").ind1 == "1"
    assert any(p.problem == "double-encoded UTF-8 repaired" and p.tag == "245" for p in recs[0].problems)


def test_libol_local_fields_without_subfields_are_kept_empty():
    recs = [source.parse(c) for c in source.chunks(str(MARC / "vietnamese" / "vie_libol_text_mojibake_9.txt"))]
    assert recs[0].first("925").subfields == []


def test_libol_split_offsets_point_at_the_ldr_line():
    data = b"Ldr 00000nam a22        4500\n#001 A\n##\nLdr 00000nam a22        4500\n#001 B\n##\n"
    chunks = list(libol_text.split(io.BytesIO(data), "x.txt"))
    assert [c.offset for c in chunks] == [0, data.index(b"Ldr", 5)]
    assert data[chunks[1].offset:].startswith(b"Ldr")


def test_mnemonic_blanks_dollar_escape_and_indicators():
    record = mrk(r"""
        =001  ABC\1
        =245  10$aGiá 50{dollar} /$cNguyễn Du.
        =650  \7$aThơ$2tvqg
    """)
    assert record.control("001") == "ABC 1"
    assert record.first("245").subfields == [("a", "Giá 50$ /"), ("c", "Nguyễn Du.")]
    assert (record.first("650").ind1, record.first("650").ind2) == (" ", "7")


def test_mnemonic_file_splits_on_blank_lines():
    data = "=LDR  00000nam a2200000 a 4500\n=001  A\n\n=LDR  00000nam a2200000 a 4500\n=001  B\n".encode()
    assert [mnemonic.parse(c).control_number for c in mnemonic.split(io.BytesIO(data), "x.mrk")] == ["A", "B"]
