"""Every class and property the converter emits exists in BIBFRAME 2.6, bflc or MADS/RDF 1.4,
and every code-list IRI it emits is described in ``vocabularies/``.

The output checked is the conversion of every record in ``../shared/data/marc`` and of the demo
catalogues, so a term used by any handler on real data is covered.  Authority records (MADS/RDF)
are also checked on their own — the shared authority files and the demo authority files — so that
a term used only by the authority converter cannot hide in the bibliographic bulk.
"""

import logging
from collections import Counter

import pyoxigraph
import pytest
import rdflib
from kgtest import MARC, ROOT

from kg.batch import Options, run
from kg.convert.terms import BF, BFLC, MADS, RDF, RDFS, OWL
from kg.marc.source import expand

REF = ROOT.parent / "shared" / "vocab-reference"
ID = "http://id.loc.gov/vocabulary/"
OPEN_ENDED = {"subjectSchemes", "classSchemes"}  # codes come from $2: MARC source lists are open


@pytest.fixture(scope="module")
def output():
    chunks = []
    paths = [p for p in expand([str(MARC), str(ROOT / "kg" / "demo" / "data")]) if not p.endswith(".md")]
    run(paths, Options("TEST", "http://example.org/", fmt="nt"), chunks.append, lambda p: None)
    return list(pyoxigraph.parse(b"".join(chunks), format=pyoxigraph.RdfFormat.N_TRIPLES))


@pytest.fixture(scope="module")
def authority_output():
    chunks = []
    demo = sorted(str(p) for p in (ROOT / "kg" / "demo" / "data").glob("*authorit*"))
    paths = expand([str(MARC / "authority"), *demo])
    stats = run(paths, Options("TEST", "http://example.org/", fmt="nt"), chunks.append, lambda p: None)
    assert stats.unreadable_files == 0 and stats.converted >= 41 + len(demo)  # 41 shared authority records
    return list(pyoxigraph.parse(b"".join(chunks), format=pyoxigraph.RdfFormat.N_TRIPLES))


@pytest.fixture(scope="module")
def defined():
    logging.getLogger("rdflib").setLevel(logging.ERROR)  # LC's files have padded xsd:dateTime literals
    terms = set()
    for name in ("bibframe.rdf", "bflc.rdf", "madsrdf-v1.4.0.rdf"):
        g = rdflib.Graph()
        g.parse(REF / name)
        terms |= {str(s) for s in g.subjects() if isinstance(s, rdflib.URIRef)}
    return terms


def test_output_is_large_enough_to_mean_something(output):
    assert len(output) > 250_000


def _check_terms(output, defined) -> Counter:
    used = Counter()
    for t in output:
        used[t.predicate.value] += 1
        if t.predicate.value == RDF + "type":
            used[t.object.value] += 1
    ours = {u for u in used if u.startswith((BF, BFLC, MADS))}
    undefined = sorted(u for u in ours if u not in defined)
    assert undefined == []
    others = {u for u in used if not u.startswith((BF, BFLC, MADS))}
    assert others <= {RDF + "type", RDF + "value", RDF + "first", RDF + "rest", RDFS + "label", OWL + "sameAs"}
    return used


def test_every_class_and_property_is_defined(output, defined):
    _check_terms(output, defined)


def test_every_authority_class_and_property_is_defined(authority_output, defined):
    """MADS/RDF and BIBFRAME terms of the authority converter (headings, variants, relations,
    sources, notes, 046/37X attributes, identifiers) exist in madsrdf 1.4 / BIBFRAME 2.6."""
    used = _check_terms(authority_output, defined)
    for term in ("Authority", "Variant", "hasVariant", "variantLabel", "hasSource", "citationSource",
                 "hasBroaderAuthority", "hasRelatedAuthority", "birthDate", "occupation", "scopeNote"):
        assert used[MADS + term] > 0, term


def test_every_term_of_the_authority_tables_is_defined(defined):
    """Terms the authority tables name but the shared records may never exercise (681 exampleNote,
    510 $w t hasCorporateParentAuthority, 373 Affiliation…) exist too."""
    import csv

    prefixes = {"bf": BF, "madsrdf": MADS}
    terms = set()
    for name, columns in (("authority_tags.csv", ("property",)), ("authority_relations.csv", ("property",)),
                          ("authority_attributes.csv", ("property", "node_class"))):
        with open(ROOT / "mappings" / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                for column in columns:
                    value = row[column]
                    if not value or value in ("edtf", "literal", "language"):
                        continue
                    prefix, _, local = value.rpartition(":")
                    terms.add(prefixes[prefix or "madsrdf"] + local)
    terms |= {MADS + "affiliationStart", MADS + "affiliationEnd", MADS + "organization", MADS + "NameTitle"}
    assert sorted(t for t in terms if t not in defined) == []


def test_every_code_list_iri_is_in_vocabularies(output):
    described = set()
    for path in (ROOT / "vocabularies").glob("*.ttl"):
        described |= {t.subject.value for t in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)}
    emitted = {t.object.value for t in output if isinstance(t.object, pyoxigraph.NamedNode) and t.object.value.startswith(ID)}
    missing = sorted(i for i in emitted if i not in described and i[len(ID):].split("/")[0] not in OPEN_ENDED)
    assert missing == []


def test_every_literal_is_nfc(output):
    import unicodedata

    bad = [t for t in output if isinstance(t.object, pyoxigraph.Literal) and not unicodedata.is_normalized("NFC", t.object.value)]
    assert bad == []
