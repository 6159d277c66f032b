"""``kg authorities duplicates`` (kg.reconcile.duplicates): likely duplicate authority records with
their evidence, on the ``ids`` store of idstore.py whose records were written to hold each case."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from kg.reconcile.duplicates import HEADER, pairs


def found(r, library=None) -> dict[frozenset, object]:
    return {frozenset((p.a.label, p.b.label)): p for p in pairs(r.catalog, library)}


@pytest.fixture
def dups(ids_store, reconciler):
    return found(reconciler(ids_store))


@pytest.mark.parametrize("a, b, evidence, command", [
    ("Nguyễn Văn Bình", "Nguyen Van Binh", "same name, marks lost in one", "--same"),
    ("Nguyễn Văn Hùng, 1950-", "Nguyễn Văn Hưng, 1950-", "names differ by tone marks, same dates", "--same"),
    ("Lê Thị Hoa", "Lê Thị Hoà", "names differ by tone marks", "--different"),
    ("Phạm Quang Hiển", "Phạm Quang Hiểnn", "names one or two letters apart", "--same"),
    ("Trần Thị Mai, 1960-", "Trần Thị Mai", "same name, one without dates, several dated namesakes",
     "--different"),
])
def test_each_kind_of_evidence(dups, a, b, evidence, command):
    p = dups[frozenset((a, b))]
    assert p.evidence == evidence
    assert p.command.startswith(f"kg link {command} ") and p.a.entity in p.command and p.b.entity in p.command


def test_linked_and_unlike_pairs_are_left_out(dups):
    labels = {label for pair in dups for label in pair}
    assert "Đặng Văn Ngữ, 1910-1967" not in labels  # NLV and VNU records of one person: linked already
    assert not any("Nguyễn Du" in label for label in labels)  # one cluster; Nguyễn Dữ is dated apart
    assert "Williams, John, 1922-1994" not in labels
    assert frozenset(("Trần Thị Mai, 1960-", "Trần Thị Mai, 1975-")) not in dups  # dates disagree: two people
    assert frozenset(("Nguyễn Văn Minh", "Nguyễn Văn Linh")) not in dups  # two real names, one letter apart


def test_best_first_and_rows(dups):
    ranked = sorted(dups.values(), key=lambda p: -p.score)
    assert ranked[0].score >= ranked[-1].score
    row = ranked[0].as_row()
    assert len(row) == len(HEADER) and row[1] and row[4]  # record ids without the "authority/" prefix
    assert not row[1].startswith("authority/")


def test_library_filter_puts_its_record_first(ids_store, reconciler):
    vnu = pairs(reconciler(ids_store).catalog, "VNU")
    assert vnu and all(p.a.library == "VNU" for p in vnu)
    assert not any({p.a.library, p.b.library} == {"NLV"} for p in vnu)


def test_a_decision_removes_the_pair(tmp_path, reconciler):
    import idstore
    from kg.link import decisions

    store = idstore.build_ids(tmp_path)
    r = reconciler(store, refresh_seconds=0)
    before = found(r)
    p = before[frozenset(("Lê Thị Hoa", "Lê Thị Hoà"))]
    hub = r.catalog.hub
    decisions.record(hub.backend, hub.names, decisions.DIFFERENT, [(p.a.entity, p.b.entity)])
    after = found(r)
    assert frozenset(("Lê Thị Hoa", "Lê Thị Hoà")) not in after and len(after) == len(before) - 1


def test_command_line(ids_store, tmp_path):
    import idstore

    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("KG_")}
    common = ["--store", str(ids_store), "--base-uri", idstore.BASE]
    out = tmp_path / "dups.csv"
    proc = subprocess.run([sys.executable, "-m", "kg", "authorities", "duplicates", "--library", "NLV", "--out",
                           str(out), *common], capture_output=True, text=True, env=env, cwd=idstore.HERE.parents[1])
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel sees UTF-8
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows and list(rows[0]) == HEADER and all(r["library"] == "NLV" for r in rows)
    assert "pair(s) of likely duplicate authority records involving NLV" in proc.stderr
    bad = subprocess.run([sys.executable, "-m", "kg", "authorities", "duplicates", "--library", "XYZ", *common],
                         capture_output=True, text=True, env=env, cwd=idstore.HERE.parents[1])
    assert bad.returncode == 2 and "not registered" in bad.stderr


def test_pairs_for_a_page(ids_store, reconciler):
    found = reconciler(ids_store).duplicates("TVHN")
    d = found[0].as_dict()
    assert set(d) == {"a", "b", "score", "evidence", "detail", "command"}
    assert d["a"]["library"] == "TVHN" and d["a"]["iri"].startswith("http") and d["command"].startswith("kg link --")
