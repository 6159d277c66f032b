"""Quality of ``kg link`` against the labelled gold set (tests/link/gold/): precision >= 0.99
and recall >= 0.95 over pairs of records, for agents and for works.

The gold set is built, ingested with the ``kg`` command (four libraries, authorities before and
after their records) and linked once for the module; :mod:`gold` says how pairs are counted.
"""

import gold
import pytest

MIN_PAIRS = {"agents": 200, "works": 100}


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    d = tmp_path_factory.mktemp("gold")
    files = gold.build(d / "mrk")
    gold.load(d / "store", files, report=str(d / "link-report.csv"))
    return gold.evaluate(d / "store")


@pytest.mark.parametrize("kind", ["agents", "works"])
def test_enough_labelled_pairs(result, kind):
    assert result[kind]["pairs"] >= MIN_PAIRS[kind], gold.format_report(result)
    assert result[kind]["positives"] and result[kind]["negatives"]


def test_every_record_has_its_creator_in_the_store(result):
    assert not result["missing_creators"], gold.format_report(result)


@pytest.mark.parametrize("kind", ["agents", "works"])
def test_precision(result, kind):
    assert result[kind]["precision"] >= gold.TARGETS["precision"], gold.format_report(result)


@pytest.mark.parametrize("kind", ["agents", "works"])
def test_recall(result, kind):
    assert result[kind]["recall"] >= gold.TARGETS["recall"], gold.format_report(result)
