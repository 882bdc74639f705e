"""Provides reading review records from an export file and the review events each stands for.

Everything here refuses what it cannot trust with a :class:`StorageError` naming
the file, the line and the problem (a number too long or too large, nesting too
deep, a field of the wrong type, a binary file): :mod:`.import_reviews` reads
the whole file through these before it writes anything.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .db import StorageError
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
        with p.open("rb") as raw_file:
            head = raw_file.read(8192)
        f = p.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise StorageError(f"{path}: cannot read ({exc.strerror})") from None
    if b"\x00" in head:
        # A database, an image, a zip: no export holds a NUL byte (they are JSON or CSV text).
        raise StorageError(f"{path}: a binary file, not a review export (JSONL, JSON or CSV text)")
    with f:
        try:
            yield from _records(p, f, csv_raw)
        except UnicodeDecodeError as exc:
            raise StorageError(f"{path}: not UTF-8 text at byte {exc.start} (a binary file?); give the JSONL,"
                               " JSON or CSV file 'workbench export' wrote") from None
        except RecursionError:
            raise StorageError(f"{path}: nested too deeply to be a review export") from None


def _records(p: Path, f, csv_raw: bool) -> Iterator[tuple[int, dict]]:
    fmt = _detect(p, f)
    if fmt == "csv":
        yield from _read_csv(p, f, csv_raw)
    elif fmt == "json":
        try:
            data = json.load(f)
        except ValueError as exc:
            raise StorageError(f"{p}: not valid JSON ({_json_problem(exc)})") from None
        if not isinstance(data, list):
            raise StorageError(f"{p}: a JSON export is an array of records")
        for i, rec in enumerate(data, start=1):
            yield i, rec
    else:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                raise StorageError(f"{p}:{lineno}: not a JSON record ({_json_problem(exc)})") from None
            except RecursionError:
                raise StorageError(f"{p}:{lineno}: nested too deeply to be a review record") from None
            yield lineno, rec


def _json_problem(exc: ValueError) -> str:
    """What is wrong, in words: a JSON syntax error, or a number with more digits than Python converts."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno}"
    if "digits" in str(exc):
        return "a number with thousands of digits"
    return str(exc)[:200]


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


# A note is as long as the reviewer wrote it: our own export holds cells over the csv module's
# default 128 KiB limit. The file is read a row at a time, so a row is the most held at once.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _read_csv(p: Path, f, raw: bool) -> Iterator[tuple[int, dict]]:
    try:
        yield from _read_csv_rows(p, f, raw)
    except csv.Error as exc:
        raise StorageError(f"{p}: not a CSV export ({exc})") from None


def _read_csv_rows(p: Path, f, raw: bool) -> Iterator[tuple[int, dict]]:
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
                    # At most 20 characters: no offset or id is longer, and int() of thousands of digits is slow.
                    if len(rec[key]) > 20:
                        raise ValueError(key)
                    rec[key] = int(rec[key])
                except ValueError:
                    raise StorageError(f"{p}:{reader.line_num}: {key} is not a whole number") from None
        rec["evidence"] = rec["evidence"].split("\n") if rec.get("evidence") else []
        if rec.get(HISTORY_FIELD):
            try:
                rec[HISTORY_FIELD] = json.loads(rec[HISTORY_FIELD])
            except (ValueError, RecursionError):
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
                raise StorageError(f"{where}: unknown event action {_short(action)}")
            if status not in STATUSES:
                raise StorageError(f"{where}: unknown event status {_short(status)}")
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
        raise StorageError(f"{where}: unknown status {_short(status)}")
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
    if not isinstance(evidence, list):
        raise StorageError(f"{where}: evidence must be a list of URLs, not {_short(evidence)}")
    evidence = [e for e in evidence if isinstance(e, str) and e]
    if status in DECISIONS:
        first = _Event("mark", status, reviewer, _text(rec, "note"), evidence[0] if evidence else None, at, raw)
    else:
        first = _Event("clear", status, reviewer, _text(rec, "note"), evidence[0] if evidence else None, at, raw)
    return [first] + [_Event("evidence", status, reviewer, None, url, at, raw) for url in evidence[1:]]


# Offsets and row ids fit SQLite's INTEGER (64-bit signed); a larger number cannot name a claim.
MAX_OFFSET = 2**63 - 1


def record_span(rec: object, where: str) -> tuple[str, int, int]:
    """The record's article hash and the claim's offsets as the extractor found them.

    A reviewer may have corrected the span in their copy: the claim is found by
    ``original_start``/``original_end`` when given, which both copies share.

    Raises:
        StorageError: the record is not an object or lacks a usable hash and offsets.
    """
    if not isinstance(rec, dict):
        raise StorageError(f"{where}: a record must be an object")
    digest, start, end = rec.get("content_hash"), rec.get("start"), rec.get("end")
    if not isinstance(digest, str) or not _offset(start) or not _offset(end):
        raise StorageError(f"{where}: a record needs content_hash, start and end (offsets: whole numbers from 0"
                           " to 2^63-1; export it with 'workbench export --format jsonl')")
    o_start, o_end = rec.get("original_start"), rec.get("original_end")
    if _whole(o_start) and _whole(o_end):
        if not _offset(o_start) or not _offset(o_end):
            raise StorageError(f"{where}: original_start and original_end must be from 0 to 2^63-1")
        start, end = o_start, o_end
    return digest, start, end


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _offset(value: object) -> bool:
    return _whole(value) and 0 <= value <= MAX_OFFSET


def _short(value: object) -> str:
    """A value for an error line: its repr, cut short (a hostile file's values can be megabytes)."""
    if _whole(value) and value.bit_length() > 128:
        return "a number too large"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
