"""``kg reconcile FILE.csv --column NAME`` as a cataloguer runs it: the real command on the demo
store, CSV files as spreadsheets write them."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest

from idstore import BASE, HERE

ROOT = HERE.parents[1]


def kg(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=env, cwd=ROOT)


def reconcile(store, path, *extra) -> subprocess.CompletedProcess:
    return kg("reconcile", str(path), "--store", str(store), "--base-uri", BASE, *extra)


CELLS = [("Nguyễn Du", "1765-1820", "Truyện Kiều"), ("Hoàng Cầm", "", "Thơ Hoàng Cầm"),
         ("Nguyen Du", "", ""), ("", "", ""), ("Tố Như", "", ""), ("Xyzzy Qwerty", "", "")]


def write(path, rows, delimiter=",", bom=False):
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(["Tác giả", "Năm sinh", "Nhan đề"])
        w.writerows(rows)
    return path


def read(text: str, delimiter=","):
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_columns_added_and_kept(demo_store, tmp_path):
    proc = reconcile(demo_store, write(tmp_path / "in.csv", CELLS), "--column", "Tác giả", "--type", "Person")
    assert proc.returncode == 0, proc.stderr
    rows = read(proc.stdout)
    assert rows[0] == ["Tác giả", "Năm sinh", "Nhan đề", "IRI", "matched name", "score", "match"]
    assert [r[:3] for r in rows[1:]] == [list(c) for c in CELLS]  # every row and column kept, in order
    by = {r[0]: r for r in rows[1:]}
    assert by["Nguyễn Du"][4] == "Nguyễn Du, 1765-1820" and by["Nguyễn Du"][6] == "true"
    assert by["Nguyễn Du"][3].startswith(BASE + "agent/hub/") and float(by["Nguyễn Du"][5]) >= 90
    assert by["Tố Như"][4] == "Nguyễn Du, 1765-1820" and by["Tố Như"][6] == "true"
    assert by["Hoàng Cầm"][6] == "false" and by["Nguyen Du"][6] == "false"  # homonyms; no marks
    assert by["Xyzzy Qwerty"][3:] == ["", "", "", "false"]
    assert rows[4][3:] == ["", "", "", ""]  # the empty cell
    assert ("6 rows: 2 matched, 2 with a candidate to check, 1 without a candidate, 1 empty") in proc.stderr


def test_properties_from_other_columns(demo_store, tmp_path):
    proc = reconcile(demo_store, write(tmp_path / "in.csv", CELLS), "--column", "Tác giả", "--type", "Person",
                     "--property", "title=Nhan đề", "--property", "dates=Năm sinh")
    assert proc.returncode == 0, proc.stderr
    by = {r[0]: r for r in read(proc.stdout)[1:]}
    assert by["Hoàng Cầm"][4] == "Hoàng Cầm, 1922-2010" and by["Hoàng Cầm"][6] == "true"  # the poet's work
    assert by["Nguyễn Du"][6] == "true"


def test_excel_files_bom_and_semicolons(demo_store, tmp_path):
    src = write(tmp_path / "excel.csv", CELLS, delimiter=";", bom=True)
    out = tmp_path / "out.csv"
    proc = reconcile(demo_store, src, "--column", "Tác giả", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and f"written to {out}" in proc.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = read(raw.decode("utf-8-sig"), delimiter=";")
    assert rows[0][0] == "Tác giả" and len(rows) == len(CELLS) + 1 and len(rows[1]) == 7


def test_works_column(demo_store, tmp_path):
    path = tmp_path / "works.csv"
    path.write_text("title\nTruyện Kiều\nSố đỏ\n", encoding="utf-8")
    rows = read(reconcile(demo_store, path, "--column", "title", "--type", "Work").stdout)
    assert rows[0] == ["title", "IRI", "matched name", "score", "match"]
    assert rows[1][2] == "Nguyễn Du, 1765-1820. Truyện Kiều" and rows[1][4] == "true"
    assert rows[2][2] == "Vũ Trọng Phụng, 1912-1939. Số đỏ"


def test_existing_column_names_are_not_overwritten(demo_store, tmp_path):
    path = tmp_path / "clash.csv"
    path.write_text("name,score\nXuân Diệu,7\n", encoding="utf-8")
    rows = read(reconcile(demo_store, path, "--column", "name").stdout)
    assert rows[0] == ["name", "score", "IRI", "matched name", "score (kg)", "match"]
    assert rows[1][1] == "7" and rows[1][3] == "Xuân Diệu, 1916-1985"


@pytest.mark.parametrize("args, message", [
    (["--column", "Tên"], "no such column"),
    (["--column", "Tác giả", "--type", "Cat"], "--type 'Cat'"),
    (["--column", "Tác giả", "--property", "colour=Năm sinh"], "--property 'colour=Năm sinh'"),
    (["--column", "Tác giả", "--property", "dates=Không có"], "no column 'Không có'"),
])
def test_usage_errors(demo_store, tmp_path, args, message):
    proc = reconcile(demo_store, write(tmp_path / "in.csv", CELLS), *args)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


def test_input_errors(demo_store, tmp_path):
    missing = reconcile(demo_store, tmp_path / "nope.csv", "--column", "x")
    assert missing.returncode == 3 and "no such file" in missing.stderr
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("Tên\nNguyễn Du\n".encode("utf-16"))
    bad = reconcile(demo_store, latin, "--column", "Tên")
    assert bad.returncode == 3 and "UTF-8" in bad.stderr
