"""Tests the CSV export: spreadsheet-safe cells, one row per claim, same data as the JSONL."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.storage.test_export_support import build
from workbench.storage.export import FIELDS, ExportFilter, iter_records
from workbench.storage.export_csv import FORMULA_START, export_csv, neutralise, unneutralise, write_csv


@pytest.fixture
def conn(tmp_path):
    c = build(tmp_path / "workbench.db")
    yield c
    c.close()


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_no_cell_can_run_as_a_formula(conn):
    """CSV injection: every cell that would start with = + - @ tab or CR is prefixed with an apostrophe."""
    out = io.StringIO(newline="")
    export_csv(conn, out, with_history=True)
    rows = _rows(out.getvalue())
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    # The dangerous values are there, neutralised, not dropped.
    for bad in ('=HYPERLINK("http://evil.example","click") was pasted into the form', "-12 percent was the drop",
                "+5 degrees is the forecast", "\tTabs lead this unattributed line.", "@carol",
                "=see transcript", "+anonymous, no second source", "-report not public"):
        assert any(c == "'" + bad or (c.startswith("'") and c[1:].startswith(bad)) or bad in c for c in cells), bad
    assert "'@carol" in cells and "'-12 percent was the drop" in cells


def test_one_row_per_claim_with_the_jsonl_fields(conn):
    out = io.StringIO(newline="")
    assert export_csv(conn, out) == 8
    rows = _rows(out.getvalue())
    assert tuple(rows[0]) == FIELDS
    assert len(rows) == 9
    assert out.getvalue().endswith("\r\n")


@pytest.mark.parametrize("with_history", [False, True])
@pytest.mark.parametrize("flt", [ExportFilter(), ExportFilter(article_id=2), ExportFilter(status="unreviewed")])
def test_fast_csv_reads_back_like_the_general_writer(conn, flt, with_history):
    fast, slow = io.StringIO(newline=""), io.StringIO(newline="")
    export_csv(conn, fast, flt, with_history=with_history)
    write_csv(iter_records(conn, flt, with_history=with_history), slow)
    assert _rows(fast.getvalue()) == _rows(slow.getvalue())


def test_values_survive_the_round_trip(conn):
    out = io.StringIO(newline="")
    export_csv(conn, out)
    rows = [dict(zip(FIELDS, r)) for r in _rows(out.getvalue())[1:]]
    records = list(iter_records(conn))
    for row, rec in zip(rows, records):
        assert unneutralise(row["text"]) == rec["text"]
        assert unneutralise(row["sentence"]) == rec["sentence"]
        assert int(row["start"]) == rec["start"] and int(row["end"]) == rec["end"]
        assert unneutralise(row["evidence"]).split("\n") == rec["evidence"] or not rec["evidence"]
        assert row["hedged"] in ("true", "false")
        assert row["mention"] == (rec["mention"]["text"] if rec["mention"] else "")


def test_utf8_file(tmp_path, conn):
    path = tmp_path / "claims.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        export_csv(conn, f)
    assert "María López" in path.read_bytes().decode("utf-8")


@given(st.text(max_size=30))
def test_neutralise_is_safe_and_reversible(value):
    safe = neutralise(value)
    assert not safe.startswith(FORMULA_START)
    assert unneutralise(safe) == value


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("'quoted", "''quoted"), ("plain = text", "plain = text"), ("", ""),
])
def test_neutralise_table(value, expected):
    assert neutralise(value) == expected
