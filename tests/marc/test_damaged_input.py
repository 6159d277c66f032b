"""Property-based: damaged input never escapes as anything but a reported ``RecordError``.

Real records from ``../shared/data/marc`` are mutated (bytes overwritten, inserted, cut) and
fed to the readers; whatever the damage, splitting terminates and each chunk either parses into
a record whose values are NFC text or raises ``RecordError`` — the kind of error a batch
reports and skips.
"""

import io
import unicodedata

from kgtest import MARC
from hypothesis import HealthCheck, given, settings, strategies as st

from kg.errors import RecordError
from kg.marc import iso2709, libol_text, marcxml, mnemonic
from kg.marc.chunk import ISO2709, ISO2709_HASH

SAMPLES = {
    "utf8": (MARC / "vietnamese" / "vie_vnu_libol_10.iso").read_bytes()[:3000],
    "marc8": (MARC / "bib_marc8" / "eg_hebrew.marc").read_bytes()[:4000],
    "hash": (MARC / "vietnamese" / "vie_mku_hash_terminators_240.iso").read_bytes()[:3000],
    "xml": (MARC / "bib_utf8" / "m2b_gwu.xml").read_bytes()[:6000],
    "libol": (MARC / "vietnamese" / "vie_libol_text_mojibake_9.txt").read_bytes(),
}


@st.composite
def mutated(draw, name):
    data = bytearray(SAMPLES[name])
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["set", "insert", "delete", "cut"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "set" and data:
            data[pos] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=6))
        elif kind == "delete" and data:
            del data[pos : pos + draw(st.integers(1, 20))]
        elif kind == "cut":
            data = data[:pos]
    return bytes(data)


def check_values(record):
    for f in record.fields:
        values = [f.data] if f.data is not None else [v for _, v in f.subfields]
        for v in values:
            assert unicodedata.is_normalized("NFC", v)
    assert len(record.leader) == 24


def run(split, parse, data, *args):
    for chunk in split(io.BytesIO(data), "fuzz", *args):
        try:
            check_values(parse(chunk))
        except RecordError:
            pass


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(mutated("utf8"))
def test_iso2709_utf8(data):
    run(iso2709.split, iso2709.parse, data, ISO2709)


@SETTINGS
@given(mutated("marc8"))
def test_iso2709_marc8(data):
    run(iso2709.split, iso2709.parse, data, ISO2709)


@SETTINGS
@given(mutated("hash"))
def test_iso2709_emiclib_hash(data):
    run(iso2709.split, iso2709.parse, data, ISO2709_HASH)


@SETTINGS
@given(mutated("xml"))
def test_marcxml(data):
    run(marcxml.split, marcxml.parse, data)


@SETTINGS
@given(mutated("libol"))
def test_libol_text(data):
    run(libol_text.split, libol_text.parse, data)


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_in_every_reader(data):
    run(iso2709.split, iso2709.parse, data, ISO2709)
    run(iso2709.split, iso2709.parse, data, ISO2709_HASH)
    run(marcxml.split, marcxml.parse, data)
    run(libol_text.split, libol_text.parse, data)
    run(mnemonic.split, mnemonic.parse, data)
