"""Property-based: whatever the field content, the converter neither crashes nor emits bad RDF.

Handlers are isolated (a failing handler loses only its field), so "never crashes" is checked
strictly: no handler may fail at all — such a failure is reported as "field could not be
converted" and counts as a bug here.  Literals must be NFC and the output must serialise and
parse back.
"""

import unicodedata

import pyoxigraph
from hypothesis import HealthCheck, given, settings, strategies as st

from kg.convert import Minter, convert_bibliographic
from kg.convert.registry import HANDLERS
from kg.marc.record import Field, Record
from kg.text.repair import clean

TAGS = sorted(t for t in HANDLERS if not t.startswith("00")) + ["880", "999", "653"]
CODES = st.sampled_from(list("abcdefghijklmnopqrstuvwxyz0123456789"))
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("ăâđêôơưĂÂĐÊÔƠƯ /:;=,.-()[]$\\") + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]),
    ),
    max_size=30,
)
SIX = st.one_of(TEXT, st.sampled_from(["245-01/$1", "100-02/(3/r", "880-01", "245-00", "xyz", "650-01/(N"]))


@st.composite
def data_fields(draw):
    tag = draw(st.sampled_from(TAGS))
    ind = st.sampled_from(list(" 0123456789#a"))
    subs = draw(st.lists(st.tuples(CODES, st.one_of(TEXT, SIX)), max_size=6))
    # readers always hand over cleaned values; do the same
    return Field(tag, draw(ind), draw(ind), [(c, clean(v)[0]) for c, v in subs])


@st.composite
def records(draw):
    leader = "00000" + draw(st.sampled_from(list("acdnp"))) + draw(st.sampled_from(list("acdefgijkmoprt"))) \
        + draw(st.sampled_from(list("abcdims "))) + " a2200000 a 4500"
    fields = [Field("001", data=clean(draw(st.text(max_size=15)))[0] or "X")]
    fields.append(Field("008", data=clean(draw(st.text(min_size=0, max_size=42)))[0]))
    fields.extend(draw(st.lists(data_fields(), max_size=12)))
    return Record(leader[:24].ljust(24), fields)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_random_records_convert_without_handler_failures_and_with_nfc_literals(record):
    out = convert_bibliographic(record, Minter("http://example.org/", "T"))
    failures = [p.problem for p in out.problems if "could not be converted" in p.problem]
    assert failures == []
    for t in out.triples:
        if isinstance(t.object, pyoxigraph.Literal):
            assert unicodedata.is_normalized("NFC", t.object.value)
            assert t.object.value == t.object.value.strip() or t.object.value.strip() == ""
    data = pyoxigraph.serialize(out.triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert set(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES)) == {pyoxigraph.Quad(t.subject, t.predicate, t.object) for t in out.triples}
