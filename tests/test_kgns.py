"""Every ``kgns:`` term the code mints is declared in ``vocabularies/kg.ttl``."""

import re

import pyoxigraph
from kgtest import ROOT

from kg.store.names import KGNS


def test_every_kgns_term_is_declared():
    used = set()
    for path in (ROOT / "kg").rglob("*.py"):
        used |= set(re.findall(r'\bterm\("([A-Za-z]+)"\)', path.read_text(encoding="utf-8")))
    used |= {"national", "public", "university", "special", "school"}  # term(lib.kind)
    declared = {t.subject.value[len(KGNS):] for t in pyoxigraph.parse(path=str(ROOT / "vocabularies" / "kg.ttl"),
                                                                      format=pyoxigraph.RdfFormat.TURTLE)
                if t.subject.value.startswith(KGNS)}
    assert used and sorted(used - declared) == []
