"""Provides the CSV export: the JSONL fields flattened, every text kept as stored unless a spreadsheet would run it.

One row per claim, the columns of ``export.FIELDS`` in that order (plus
``events`` as a JSON array with ``with_history``). Nested values are
flattened: a span (``mention``, ``antecedent``, ``cue``) becomes its text,
``evidence`` its URLs one per line, ``check_worthiness_reasons`` its JSON
list, ``hedged`` and ``corrected`` ``true``/``false``.

Formula injection, following OWASP's "CSV Injection" page. Every text field
is wrapped in double quotes with its quotes doubled, so a separator or quote
inside a value never starts a new cell (OWASP's ``=1+2";=1+2`` is written
``"'=1+2"";=1+2"``). A spreadsheet runs a cell that starts with ``=`` as a
formula, and strips a leading tab, carriage return or line feed first: those
cells are always neutralised. A cell starting with ``+``, ``-`` or ``@`` is
read as a formula too, but it can only reach outside the cell through a
function call (a name followed by ``(``: ``HYPERLINK(``, ``@SUM(``), a DDE
link (``|``) or a reference to another sheet or file (``!``); only then is it
neutralised. Everything else in such a cell is at worst arithmetic or an
error on screen, and neutralising it would alter text that is mostly prose
(``-3 degrees``, ``- From the section US & Canada``, ``+44 (0)20``). The
neutralising mark is an apostrophe in front, which spreadsheets take as "show
as text"; every other cell is byte-identical to the database (``@carol``,
``'Parasite' scores`` too). A cell that already starts with apostrophes
followed by such a formula gets one more, so :func:`unneutralise` undoes
:func:`neutralise` exactly and ``import-reviews`` reads back every text as
stored. ``raw=True`` (``--csv-raw``) neutralises nothing, for pipelines that
never open the file in a spreadsheet.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from typing import TextIO

from .corrected_sql import ANTECEDENT_TEXT, ATTRIBUTION, CUE_TEXT
from .export import (CORRECTED, END, EVENTS_JSON_SQL, FIELDS, HISTORY_FIELD, MENTION_TEXT, SENTENCE_END,
                     SENTENCE_START, START, TEXT, ArticleText, ExportFilter, claim_record, select)

# A cell a spreadsheet would run (see the docstring): "=" or a stripped tab/CR/LF first, or
# "+", "-" or "@" with a function call, a DDE link or a sheet/file reference after it.
_FORMULA = r"(?:[=\t\r\n]|[+\-@].*?(?:[|!]|\w\())"
_LIVE = re.compile(_FORMULA, re.S)
# ... after any apostrophes already in front (neutralise), with one more (unneutralise).
_TO_NEUTRALISE = re.compile(rf"'*{_FORMULA}", re.S)
_NEUTRALISED = re.compile(rf"'+{_FORMULA}", re.S)
# Every cell the rule can change starts with one of these (the SQL pre-filter).
CANDIDATE_START = ("'", "=", "\t", "\r", "\n", "+", "-", "@")
_UDF = "workbench_csv_neutralise"


def has_formula(value: str) -> bool:
    """True when a spreadsheet would run ``value`` as a formula (the neutralising export never writes one)."""
    return _LIVE.match(value) is not None


def neutralise(value: str) -> str:
    """Prefix a would-be formula (and an apostrophe-led one, to stay reversible) with an apostrophe."""
    return "'" + value if _TO_NEUTRALISE.match(value) else value


def unneutralise(value: str) -> str:
    """Undo :func:`neutralise`: drop the apostrophe it added, and nothing else."""
    return value[1:] if _NEUTRALISED.match(value) else value


def _sql_text(column: str, raw: bool) -> str:
    """A text column as an always-quoted CSV field ('' for NULL), neutralised unless ``raw``.

    The rule runs in Python (a SQL function) only for cells whose first
    character could start a formula; every other cell stays in C. printf's
    ``%w`` quotes and doubles the quotes in one call (it stops at a NUL: see
    ``_nul_check``).
    """
    value = column
    if not raw:
        codes = ", ".join(str(ord(ch)) for ch in CANDIDATE_START)
        value = f"iif(unicode({column}) < 65 AND unicode({column}) IN ({codes}), {_UDF}({column}), {column})"
    return f"iif({column} IS NULL, '', printf('\"%w\"', {value}))"


def _nul_check(columns: list[str]) -> str:
    """True for a row with a NUL in a text field: printf would cut it there, so Python writes that row."""
    return "(" + " OR ".join(f"instr({c}, char(0))" for c in columns) + ")"


def _sql_plain(column: str) -> str:
    """A column that never holds a comma, quote or formula start: ids, offsets, enums, hashes, timestamps."""
    return f"coalesce({column}, '')"


def _sql_json(expr: str) -> str:
    """A JSON list (it starts with "[", never a formula; any NUL is escaped): quoted only."""
    return f"printf('\"%w\"', {expr})"


def _join(fields: list[str]) -> str:
    """The fields' SQL joined with commas, in one printf (cheaper than a chain of ||)."""
    return "printf('" + ",".join("%s" for _ in fields) + "', " + ", ".join(fields) + ")"


def _csv_columns(raw: bool) -> str:
    """The fast path: each CSV line built in SQL around the sentence, which is sliced in Python.

    Every text field is quoted (RFC 4180 allows it): the csv module's
    writerow cost more than everything else together. Fields follow FIELDS.
    """
    texts = []

    def t(column: str) -> str:
        texts.append(column)
        return _sql_text(column, raw)

    p = _sql_plain
    return ", ".join([
        "c.article_id", SENTENCE_START, SENTENCE_END, "c.id",
        # ... article_id, then the article's fields, once per article in Python ...
        _join([p(START), p(END), t(TEXT)]),
        # ... sentence, then the speaker's fields, once per speaker in Python ...
        "s.id",
        _join([t(MENTION_TEXT),
               t(ANTECEDENT_TEXT), p(ATTRIBUTION), t(CUE_TEXT), t("c.channel"), t("c.rule"), p("c.confidence"),
               "CASE WHEN c.hedged THEN 'true' ELSE 'false' END", t("c.hedge_cue"), t("c.anonymity_cue"),
               p("cc.status"), t("cc.reviewer"), t("cc.note"), t("cc.evidence"), p("cc.reviewed_at"),
               p("sc.score"), _sql_json("json(coalesce(sc.reasons, '[]'))"), p("g.group_id"), p("gs.n"),
               f"CASE WHEN {CORRECTED} THEN 'true' ELSE 'false' END", t("so.name"), p("c.start"),
               p("c.end")]),
    ]) + ", " + _nul_check(texts)


_CSV_COLUMNS = {False: _csv_columns(raw=False), True: _csv_columns(raw=True)}
_CSV_EVENTS = _sql_json(EVENTS_JSON_SQL)


def _quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def text_field(value: str, *, raw: bool = False) -> str:
    """One text value as the CSV field the export writes: neutralised unless ``raw``, quoted, quotes doubled."""
    return _quote(value if raw else neutralise(value))


def export_csv(conn: sqlite3.Connection, out: TextIO, flt: ExportFilter | None = None, *,
               with_history: bool = False, raw: bool = False) -> int:
    """Stream the selected claims to ``out`` as CSV with a header row; returns how many.

    Writes exactly what :func:`write_csv` writes for the same records (a
    test compares the bytes), with ``\\r\\n`` line ends: open ``out`` with
    ``newline=""``.

    Args:
        raw: keep every cell as stored, formulas included (``--csv-raw``).
    """
    conn.create_function(_UDF, 1, neutralise, deterministic=True)
    columns = _CSV_COLUMNS[raw] + (f", {_CSV_EVENTS}" if with_history else "")
    out.write(_header(with_history))
    articles = ArticleText(conn)
    slice_, part, write = articles.slice, articles.part, out.write
    cell = _quote if raw else text_field
    article_fields = _article_raw if raw else _article_neutralised
    speakers = _Speakers(conn, raw)
    n, batch = 0, []
    for r in select(conn, columns, flt):
        if r[7]:
            batch.append(_row(claim_record(conn, r[3], articles, with_history=with_history), with_history, raw))
            continue
        speaker = speakers.cells.get(r[5]) or speakers.load(r[5])
        head = (f"{r[3]},{r[0]},{part(r[0], article_fields)},{r[4]},{cell(slice_(r[0], r[1], r[2]))},"
                f"{speaker},{r[6]}")
        if with_history:
            batch.append(f"{head},{r[8]}\r\n")
        else:
            batch.append(f"{head}\r\n")
        if len(batch) == 512:
            write("".join(batch))
            n += len(batch)
            batch.clear()
    write("".join(batch))
    return n + len(batch)


def _article_fields(meta: tuple, raw: bool) -> str:
    """The article's cells of a row (ARTICLE_COLUMNS: text fields, then the plain content hash)."""
    return ",".join([*("" if v is None else text_field(v, raw=raw) for v in meta[:-1]), meta[-1] or ""])


def _article_neutralised(meta: tuple) -> str:
    return _article_fields(meta, False)


def _article_raw(meta: tuple) -> str:
    return _article_fields(meta, True)


class _Speakers:
    """The speaker's four cells (name, kind, role, affiliation) per speaker id, built once.

    A speaker speaks in many claims, so this saves the SQL quoting of three
    text fields per row. Bounded: cleared when it holds ``LIMIT`` speakers.
    """

    LIMIT = 20_000

    def __init__(self, conn: sqlite3.Connection, raw: bool):
        self.conn, self.raw, self.cells = conn, raw, {}

    def load(self, speaker_id: int) -> str:
        name, kind, role, affiliation = self.conn.execute(
            "SELECT name, kind, role, affiliation FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
        if len(self.cells) >= self.LIMIT:
            self.cells.clear()
        text = ("" if v is None else text_field(v, raw=self.raw) for v in (name, role, affiliation))
        name, role, affiliation = text
        self.cells[speaker_id] = piece = f"{name},{kind or ''},{role},{affiliation}"
        return piece


def _header(with_history: bool) -> str:
    return ",".join(FIELDS + ((HISTORY_FIELD,) if with_history else ())) + "\r\n"


# Fields written unquoted, as the fast path does: numbers, enums, hashes, timestamps.
_PLAIN = frozenset({"claim_id", "article_id", "content_hash", "start", "end", "speaker_kind", "attribution",
                    "status", "reviewed_at", "check_worthiness", "group_id", "group_size", "original_start",
                    "original_end"})


def _cell(field: str, value, raw: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if field in _PLAIN:
        return str(value)
    if field == "check_worthiness_reasons":
        return _quote(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    if isinstance(value, dict):  # a span: its text
        value = value.get("text")
        if value is None:
            return ""
    elif isinstance(value, list):  # evidence: one URL per line
        if not value:
            return ""
        value = "\n".join(map(str, value))
    return text_field(str(value), raw=raw)


def _row(rec: dict, with_history: bool, raw: bool) -> str:
    row = [_cell(f, rec.get(f), raw) for f in FIELDS]
    if with_history:  # the events list, as compact JSON like the fast path
        row.append(_quote(json.dumps(rec[HISTORY_FIELD], ensure_ascii=False, separators=(",", ":"))))
    return ",".join(row) + "\r\n"


def write_csv(records: Iterable[dict], out: TextIO, *, raw: bool = False) -> int:
    """Write dict records (as ``iter_records`` yields) as CSV; the slow, general path."""
    n, with_history = 0, False
    for rec in records:
        if n == 0:
            with_history = HISTORY_FIELD in rec
            out.write(_header(with_history))
        out.write(_row(rec, with_history, raw))
        n += 1
    if n == 0:
        out.write(_header(False))
    return n
