"""Provides the CSV export: the JSONL fields flattened, safe to open in a spreadsheet.

One row per claim, the columns of ``export.FIELDS`` in that order (plus
``events`` as a JSON array with ``with_history``). Nested values are
flattened: a span (``mention``, ``antecedent``, ``cue``) becomes its text,
``evidence`` its URLs one per line, ``hedged`` ``true``/``false``.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and,
in some, a tab or carriage return) as a formula, so such a cell is prefixed
with an apostrophe, which spreadsheets show as text (OWASP "CSV injection").
A cell that already starts with an apostrophe gets one too, so
:func:`unneutralise` can undo it exactly when ``import-reviews`` reads a CSV.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterable
from typing import TextIO

from .corrected_sql import ANTECEDENT_TEXT, ATTRIBUTION, CUE_TEXT
from .export import (CORRECTED, END, EVENTS_JSON_SQL, FIELDS, HISTORY_FIELD, MENTION_TEXT, SENTENCE_END,
                     SENTENCE_START, START, TEXT, ArticleText, ExportFilter, select)

# A cell starting with one of these is read as a formula by spreadsheet software.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED_START = FORMULA_START + ("'",)


def neutralise(value: str) -> str:
    """Prefix a would-be formula (or a leading apostrophe) with an apostrophe so it is shown as text."""
    return "'" + value if value.startswith(_ESCAPED_START) else value


def unneutralise(value: str) -> str:
    """Undo :func:`neutralise`: drop one leading apostrophe."""
    return value[1:] if value.startswith("'") else value


def _sql_neutralise(column: str) -> str:
    """The same rule as :func:`neutralise`, as SQL, so the fast path stays in C."""
    codes = ", ".join(str(ord(ch)) for ch in _ESCAPED_START)
    return f"CASE WHEN unicode({column}) IN ({codes}) THEN '''' || {column} ELSE {column} END"


def _sql_text(column: str) -> str:
    """A text column as a neutralised, always-quoted CSV field ('' for NULL)."""
    return "coalesce('\"' || replace(" + _sql_neutralise(column) + ", '\"', '\"\"') || '\"', '')"


def _sql_plain(column: str) -> str:
    """A column that never holds a comma, quote or formula start: ids, offsets, enums, hashes, timestamps."""
    return f"coalesce({column}, '')"


def _join(fields: list[str]) -> str:
    return " || ',' || ".join(fields)


# The fast path builds each CSV line in SQL, quoting every text field (RFC
# 4180 allows it) and neutralising it: the csv module's writerow cost more
# than everything else together. Only ``sentence``, sliced in Python from the
# cached article text, is put in between. Fields follow FIELDS.
_T, _P = _sql_text, _sql_plain
_CSV_COLUMNS = ", ".join([
    "c.article_id", SENTENCE_START, SENTENCE_END,
    _join([_P("c.id"), _P("c.article_id"), _T("a.source"), _T("a.title"), _P("a.content_hash"),
           _P(START), _P(END), _T(TEXT)]),
    # ... sentence ...
    _join([_T("s.name"), _P("s.kind"), _T("s.role"), _T("s.affiliation"), _T(MENTION_TEXT),
           _T(ANTECEDENT_TEXT), _P(ATTRIBUTION), _T(CUE_TEXT), _T("c.channel"), _T("c.rule"),
           "CASE WHEN c.hedged THEN 'true' ELSE 'false' END", _T("c.hedge_cue"), _T("c.anonymity_cue"),
           _P("cc.status"), _T("cc.reviewer"), _T("cc.note"), _T("cc.evidence"), _P("cc.reviewed_at"),
           f"CASE WHEN {CORRECTED} THEN 'true' ELSE 'false' END", _T("so.name"), _P("c.start"), _P("c.end")]),
])
# The events list is JSON (it starts with "[", never a formula): quoted only.
_CSV_EVENTS = "'\"' || replace(" + EVENTS_JSON_SQL + ", '\"', '\"\"') || '\"'"


def _quote(value: str) -> str:
    return '"' + neutralise(value).replace('"', '""') + '"'


def export_csv(conn: sqlite3.Connection, out: TextIO, flt: ExportFilter | None = None, *,
               with_history: bool = False) -> int:
    """Stream the selected claims to ``out`` as CSV with a header row; returns how many.

    Writes what :func:`write_csv` would write for the same records (a test
    parses both and compares), with ``\\r\\n`` line ends: open ``out`` with
    ``newline=""``.
    """
    columns = _CSV_COLUMNS + (f", {_CSV_EVENTS}" if with_history else "")
    csv.writer(out).writerow(FIELDS + ((HISTORY_FIELD,) if with_history else ()))
    slice_, quote, write = ArticleText(conn).slice, _quote, out.write
    n, batch = 0, []
    for r in select(conn, columns, flt):
        if with_history:
            batch.append(f"{r[3]},{quote(slice_(r[0], r[1], r[2]))},{r[4]},{r[5]}\r\n")
        else:
            batch.append(f"{r[3]},{quote(slice_(r[0], r[1], r[2]))},{r[4]}\r\n")
        if len(batch) == 512:
            write("".join(batch))
            n += len(batch)
            batch.clear()
    write("".join(batch))
    return n + len(batch)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return neutralise(value.get("text") or "")
    if isinstance(value, list):
        return neutralise("\n".join(map(str, value)))
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def write_csv(records: Iterable[dict], out: TextIO) -> int:
    """Write dict records (as ``iter_records`` yields) as CSV; the slow, general path."""
    writer = csv.writer(out)
    fields, n = FIELDS, 0
    for rec in records:
        if n == 0:
            fields = FIELDS + ((HISTORY_FIELD,) if HISTORY_FIELD in rec else ())
            writer.writerow(fields)
        row = [_cell(rec.get(f)) for f in FIELDS]
        if len(fields) > len(FIELDS):  # the events list, as compact JSON like the fast path
            row.append(json.dumps(rec[HISTORY_FIELD], ensure_ascii=False, separators=(",", ":")))
        writer.writerow(row)
        n += 1
    if n == 0:
        writer.writerow(FIELDS)
    return n
