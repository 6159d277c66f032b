"""Quality of reconciliation against the labelled queries (tests/reconcile/queries.csv, over the
gold linking set and the demo; :mod:`reconhelp` says how answers are judged): precision@1 >= 0.95,
recall@5 >= 0.98, precision of ``match: true`` >= 0.995."""

from __future__ import annotations

from collections import Counter

import pytest
import reconhelp


@pytest.fixture(scope="module")
def result(gold_store, demo_store):
    from kg.reconcile import Reconciler

    hubs = {"gold": reconhelp.open_hub(gold_store), "demo": reconhelp.open_hub(demo_store)}
    try:
        identities = {"gold": reconhelp.gold_identities(hubs["gold"])}
        reconcilers = {k: Reconciler(h) for k, h in hubs.items()}
        try:
            out = reconhelp.evaluate(reconcilers, identities)
        finally:
            for r in reconcilers.values():
                r.close()
    finally:
        for h in hubs.values():
            h.close()
    out["report"] = reconhelp.format_report(out, identities)
    return out


def test_the_labelled_set_is_large_and_varied():
    queries = reconhelp.queries()
    assert len(queries) >= 100
    notes = Counter(word for q in queries for word in ("typo", "no tone marks", "inverted", "Western order",
                                                       "pen name", "real name", "initial", "dates", "tone",
                                                       "must not match", "work") if word in q.note)
    assert all(notes[w] >= 3 for w in ("typo", "no tone marks", "inverted", "Western order", "initial", "dates",
                                       "must not match", "work")), notes
    assert notes["pen name"] + notes["real name"] >= 5
    assert {q.store for q in queries} == {"gold", "demo"}
    assert sum(1 for q in queries if not q.expected) >= 10  # queries whose only right answer is no match


def test_every_expected_label_exists(gold_store):
    hub = reconhelp.open_hub(gold_store)
    try:
        labels = set(reconhelp.gold_identities(hub).values())
    finally:
        hub.close()
    missing = [q.expected for q in reconhelp.queries() if q.store == "gold" and q.expected and q.expected not in labels]
    assert not missing


@pytest.mark.parametrize("figure", ["precision_at_1", "recall_at_5", "match_precision"])
def test_targets(result, figure):
    assert result[figure] >= reconhelp.TARGETS[figure], result["report"]


def test_match_is_not_rare(result):
    """A service that never says match would reach any precision: most exact names match."""
    assert result["match_rate"] >= 0.5, result["report"]
