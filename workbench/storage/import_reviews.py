"""Provides merging review events from another reviewer's export into this database.

Reviewers working offline on separate copies export JSONL (or JSON, or CSV)
and import each other's files. Row ids differ between copies, so a record is
matched by its article's ``content_hash`` and the claim's ``start``/``end``
offsets. Events are appended, never edited:

- a record with ``events`` (``workbench export --with-history``) replays every
  event as it was (action, status, reviewer, note, evidence URL, created_at);
- a record without it contributes its current state as one event: a ``mark``
  (or a ``clear``) at ``reviewed_at`` with the note and first evidence URL,
  plus one ``evidence`` event per further URL. Without history the evidence
  and note are credited to the latest reviewer, an approximation the history
  option avoids.

An event is already present, and skipped, when claim, action, status,
reviewer, note, evidence URL and created_at all match, so importing the same
file twice adds nothing and a reviewer's own events coming back are not
doubled. Imported events carry ``origin`` = the file name. An ``undo`` keeps
the status it restored; its link to the undone event (a row id in the other
copy) is not carried over. Each reviewer's latest event by time is their
decision; claims whose reviewers' latest marks differ are ``disputed`` (and
appear in ``review_disagreements``) until an adjudicator decides.

An event time must be an ISO-8601 date-time no later than a few minutes from
now (:mod:`workbench.storage.timestamps`): an event dated in the future would
stay its reviewer's latest decision for ever. Such events are refused (the rest
of the file is imported) and counted with their reason in the summary; times
are stored in the one form the database uses.

The whole file is imported in one transaction: a malformed record aborts it
with its line number and nothing is written.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .db import StorageError, write_transaction
from .export import HISTORY_FIELD
from .export_csv import has_formula, unneutralise
from .timestamps import event_time

ACTIONS = ("mark", "clear", "undo", "note", "evidence")
DECISIONS = ("sourced", "unsourced", "contested")
# What an event can say (a record's current status may also be "disputed", which is no event).
STATUSES = ("unreviewed", *DECISIONS)
# Refused events named in the summary (with their line), before "and N more".
REFUSED_EXAMPLES = 5


@dataclass
class ImportSummary:
    """What one import did."""

    records: int = 0
    """Records read from the file."""
    added: int = 0
    """Review events appended."""
    duplicates: int = 0
    """Events skipped because an identical one was already there."""
    unmatched_articles: int = 0
    """Records whose article (by content hash) is not in this database."""
    unmatched_claims: int = 0
    """Records whose article is here but no claim has their offsets."""
    without_reviews: int = 0
    """Records with nothing to import (never reviewed)."""
    claims: set[int] = field(default_factory=set)
    """Ids of the claims that received events."""
    disagreements: int = 0
    """Claims among those now listed in ``review_disagreements``."""
    disputed: int = 0
    """Claims among those now disputed (their reviewers' latest decisions differ, no adjudication holds)."""
    refused: dict[str, int] = field(default_factory=dict)
    """Events not imported, by reason (a time in the future, not a time, a disputed record without history)."""
    refused_examples: list[str] = field(default_factory=list)
    """The first few refused events: ``FILE:LINE: reason``."""

    def refuse(self, where: str, reason: str) -> None:
        kind = re.sub(r"\s*'[^']*'", "", reason)  # the reason without the value, to count by
        self.refused[kind] = self.refused.get(kind, 0) + 1
        if len(self.refused_examples) < REFUSED_EXAMPLES:
            self.refused_examples.append(f"{where}: {reason}")


@dataclass(frozen=True, slots=True)
class _Event:
    action: str
    status: str
    reviewer: str
    note: str | None
    evidence_url: str | None
    created_at: str
    # The time as the file wrote it (an older import may have stored that form).
    raw_created_at: str | None = None


def read_records(path: str | os.PathLike, *, csv_raw: bool = False) -> Iterator[tuple[int, dict]]:
    """Yield ``(line number, record)`` from a JSONL, JSON-array or CSV export.

    The format is taken from the extension (``.csv``, ``.json``, ``.jsonl``,
    ``.ndjson``) or else from the first character of the file. A CSV's cells
    are taken as written when ``csv_raw`` is set or the file holds a formula
    cell that the export would have neutralised (it was written with
    ``--csv-raw``); otherwise the export's neutralising apostrophes are removed.
    """
    p = Path(path)
    try:
        f = p.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise StorageError(f"{path}: cannot read ({exc.strerror})") from None
    with f:
        fmt = _detect(p, f)
        if fmt == "csv":
            yield from _read_csv(p, f, csv_raw)
        elif fmt == "json":
            try:
                data = json.load(f)
            except json.JSONDecodeError as exc:
                raise StorageError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
            if not isinstance(data, list):
                raise StorageError(f"{path}: a JSON export is an array of records")
            for i, rec in enumerate(data, start=1):
                yield i, rec
        else:
            for lineno, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    yield lineno, json.loads(line)
                except json.JSONDecodeError as exc:
                    raise StorageError(f"{path}:{lineno}: not a JSON record ({exc.msg})") from None


def _detect(p: Path, f) -> str:
    ext = p.suffix.lower()
    if ext == ".csv":
        return "csv"
    if ext in (".jsonl", ".ndjson"):
        return "jsonl"
    head = f.read(4096).lstrip()
    f.seek(0)
    if ext == ".json" or head.startswith("["):
        return "json" if head.startswith("[") else "jsonl"
    return "jsonl" if head.startswith("{") else "csv"


_CSV_INTS = ("claim_id", "article_id", "start", "end", "original_start", "original_end")


def _read_csv(p: Path, f, raw: bool) -> Iterator[tuple[int, dict]]:
    if not raw:
        # The neutralising export never writes a cell a spreadsheet would run: a file with one is raw.
        raw = any(has_formula(cell) for row in csv.reader(f) for cell in row)
        f.seek(0)
    reader = csv.DictReader(f)
    missing = {"content_hash", "start", "end"} - set(reader.fieldnames or ())
    if missing:
        raise StorageError(f"{p}: not a workbench export (no {', '.join(sorted(missing))} column)")
    for row in reader:
        rec: dict = {}
        for key, value in row.items():
            if key is None:
                continue
            value = (value or "") if raw else unneutralise(value or "")
            rec[key] = value if value != "" else None
        for key in _CSV_INTS:
            if rec.get(key) is not None:
                try:
                    rec[key] = int(rec[key])
                except ValueError:
                    raise StorageError(f"{p}:{reader.line_num}: {key} is not a whole number") from None
        rec["evidence"] = rec["evidence"].split("\n") if rec.get("evidence") else []
        if rec.get(HISTORY_FIELD):
            try:
                rec[HISTORY_FIELD] = json.loads(rec[HISTORY_FIELD])
            except json.JSONDecodeError:
                raise StorageError(f"{p}:{reader.line_num}: the events cell is not JSON") from None
        elif HISTORY_FIELD in rec:
            rec[HISTORY_FIELD] = []
        yield reader.line_num, rec


def _text(rec: dict, key: str) -> str | None:
    value = rec.get(key)
    return value if isinstance(value, str) and value != "" else None


def events_of(rec: dict, where: str, summary: ImportSummary | None = None) -> list[_Event]:
    """The review events a record stands for, oldest first.

    Events whose time is not an ISO-8601 date-time or lies in the future are
    left out, and counted in ``summary`` with their reason.

    Raises:
        StorageError: an event or the record's review fields are malformed.
    """
    summary = summary if summary is not None else ImportSummary()
    history = rec.get(HISTORY_FIELD)
    if history is not None:
        if not isinstance(history, list):
            raise StorageError(f"{where}: events must be a list")
        out = []
        for ev in history:
            if not isinstance(ev, dict):
                raise StorageError(f"{where}: each event must be an object")
            action, status = ev.get("action"), ev.get("status")
            reviewer, created_at = _text(ev, "reviewer"), _text(ev, "created_at")
            if action not in ACTIONS:
                raise StorageError(f"{where}: unknown event action {action!r}")
            if status not in STATUSES:
                raise StorageError(f"{where}: unknown event status {status!r}")
            if not reviewer or not created_at:
                raise StorageError(f"{where}: an event needs a reviewer and created_at")
            try:
                stored_at = event_time(created_at)
            except ValueError as exc:
                summary.refuse(where, str(exc))
                continue
            out.append(_Event(action, status, reviewer, _text(ev, "note"), _text(ev, "evidence_url"), stored_at,
                              created_at))
        return sorted(out, key=lambda e: e.created_at)
    status, reviewer, at = rec.get("status"), _text(rec, "reviewer"), _text(rec, "reviewed_at")
    if status == "disputed":
        summary.refuse(where, "a disputed record without its events is not importable (export with"
                              " --with-history)")
        return []
    if status not in STATUSES:
        raise StorageError(f"{where}: unknown status {status!r}")
    if not reviewer or not at:
        return []  # never reviewed
    try:
        raw, at = at, event_time(at)
    except ValueError as exc:
        summary.refuse(where, str(exc).replace("created_at", "reviewed_at"))
        return []
    evidence = rec.get("evidence") or []
    if isinstance(evidence, str):
        evidence = evidence.split("\n")
    evidence = [e for e in evidence if isinstance(e, str) and e]
    if status in DECISIONS:
        first = _Event("mark", status, reviewer, _text(rec, "note"), evidence[0] if evidence else None, at, raw)
    else:
        first = _Event("clear", status, reviewer, _text(rec, "note"), evidence[0] if evidence else None, at, raw)
    return [first] + [_Event("evidence", status, reviewer, None, url, at, raw) for url in evidence[1:]]


_EXISTS = ("SELECT 1 FROM review_events WHERE claim_id = ? AND created_at IN (?, ?) AND action = ? AND status = ?"
           " AND reviewer = ? AND note IS ? AND evidence_url IS ? LIMIT 1")
_INSERT = ("INSERT INTO review_events (claim_id, action, status, reviewer, note, evidence_url, created_at, origin)"
           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


def import_reviews(conn: sqlite3.Connection, path: str | os.PathLike, *, origin: str | None = None,
                   csv_raw: bool = False) -> ImportSummary:
    """Append the review events of an export file to the matching claims here.

    Args:
        conn: this reviewer's database.
        path: a JSONL, JSON or CSV file written by ``workbench export``.
        origin: stored on each imported event; default the file's name.
        csv_raw: a CSV was written with ``--csv-raw``: take its cells as they are.

    Returns:
        counts of what was added, skipped and left unmatched.

    Raises:
        StorageError: the file cannot be read or a record is malformed
            (nothing is imported then).
    """
    origin = origin or Path(path).name
    summary = ImportSummary()
    article_ids: dict[str, int | None] = {}
    with write_transaction(conn):
        for lineno, rec in read_records(path, csv_raw=csv_raw):
            where = f"{path}:{lineno}"
            summary.records += 1
            if not isinstance(rec, dict):
                raise StorageError(f"{where}: a record must be an object")
            digest, start, end = rec.get("content_hash"), rec.get("start"), rec.get("end")
            if not isinstance(digest, str) or not isinstance(start, int) or not isinstance(end, int):
                raise StorageError(f"{where}: a record needs content_hash, start and end "
                                   "(export it with 'workbench export --format jsonl')")
            # A reviewer may have corrected the span in their copy: the claim is
            # found here by the extractor's offsets, which both copies share.
            if isinstance(rec.get("original_start"), int) and isinstance(rec.get("original_end"), int):
                start, end = rec["original_start"], rec["original_end"]
            refused = sum(summary.refused.values())
            events = events_of(rec, where, summary)
            if not events:
                summary.without_reviews += sum(summary.refused.values()) == refused
                continue
            if digest not in article_ids:
                row = conn.execute("SELECT id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
                article_ids[digest] = row[0] if row else None
            article_id = article_ids[digest]
            if article_id is None:
                summary.unmatched_articles += 1
                continue
            # Several claims may share a span (two rules on the same words):
            # the reviewer's decision is about those words, so all get it.
            claim_ids = [r[0] for r in conn.execute(
                "SELECT id FROM claims WHERE article_id = ? AND start = ? AND end = ?", (article_id, start, end))]
            if not claim_ids:
                summary.unmatched_claims += 1
                continue
            for claim_id in claim_ids:
                for ev in events:
                    if conn.execute(_EXISTS, (claim_id, ev.created_at, ev.raw_created_at or ev.created_at,
                                              ev.action, ev.status, ev.reviewer, ev.note,
                                              ev.evidence_url)).fetchone():
                        summary.duplicates += 1
                        continue
                    conn.execute(_INSERT, (claim_id, ev.action, ev.status, ev.reviewer, ev.note,
                                           ev.evidence_url, ev.created_at, origin))
                    summary.added += 1
                    summary.claims.add(claim_id)
    if summary.claims:
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS _imported_claims (claim_id INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM _imported_claims")
        conn.executemany("INSERT INTO _imported_claims VALUES (?)", ((c,) for c in summary.claims))
        summary.disagreements = conn.execute(
            "SELECT count(*) FROM review_disagreements WHERE claim_id IN (SELECT claim_id FROM _imported_claims)"
        ).fetchone()[0]
        summary.disputed = conn.execute(
            "SELECT count(*) FROM claim_current WHERE status = 'disputed'"
            " AND claim_id IN (SELECT claim_id FROM _imported_claims)").fetchone()[0]
        conn.execute("DROP TABLE _imported_claims")
    return summary
