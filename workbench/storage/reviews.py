"""Provides review events: marks, clears, undo, notes and evidence, all append-only.

Every call writes one ``review_events`` row in its own short transaction and
returns at once, so a mark survives a crash a moment later. The current status
of a claim (``claim_current`` / the ``claim_status`` view) follows from the
events by trigger; nothing here updates it directly.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
from dataclasses import dataclass

from ..domain.models import DECISIONS, ReviewStatus
from .db import StorageError, write_transaction
from .ingest import utc_now


@dataclass(frozen=True, slots=True)
class ReviewEvent:
    id: int
    claim_id: int
    action: str
    status: str
    reviewer: str
    note: str | None
    evidence_url: str | None
    created_at: str
    undoes_event_id: int | None = None
    origin: str | None = None


def default_reviewer() -> str:
    """The login name, or $WORKBENCH_REVIEWER when set."""
    name = os.environ.get("WORKBENCH_REVIEWER")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "reviewer"


def parse_status(value: str) -> ReviewStatus:
    try:
        status = ReviewStatus(value.strip().lower())
    except ValueError:
        raise StorageError(f"unknown status {value!r}; use one of: sourced, unsourced, contested") from None
    return status


def _current_status(conn: sqlite3.Connection, claim_id: int) -> str:
    row = conn.execute("SELECT status FROM claim_current WHERE claim_id = ?", (claim_id,)).fetchone()
    if row is None:
        raise StorageError(f"no claim with id {claim_id}; list claims with 'workbench claims'")
    return row[0]


def _append(conn: sqlite3.Connection, claim_id: int, action: str, status: str | None, reviewer: str,
            note: str | None = None, evidence_url: str | None = None,
            undoes_event_id: int | None = None) -> ReviewEvent:
    now = utc_now()
    with write_transaction(conn):
        current = _current_status(conn, claim_id)
        status = status or current
        cur = conn.execute(
            "INSERT INTO review_events (claim_id, action, status, reviewer, note, evidence_url, created_at,"
            " undoes_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (claim_id, action, status, reviewer, note, evidence_url, now, undoes_event_id),
        )
    return ReviewEvent(cur.lastrowid, claim_id, action, status, reviewer, note, evidence_url, now, undoes_event_id)


def mark(conn: sqlite3.Connection, claim_id: int, status: ReviewStatus | str, reviewer: str,
         note: str | None = None, evidence_url: str | None = None) -> ReviewEvent:
    """Record a decision (sourced, unsourced or contested) on a claim."""
    status = parse_status(str(status))
    if status not in DECISIONS:
        raise StorageError(f"{status} is not a decision; use sourced, unsourced or contested (or clear)")
    return _append(conn, claim_id, "mark", str(status), reviewer, note or None, evidence_url or None)


def clear(conn: sqlite3.Connection, claim_id: int, reviewer: str) -> ReviewEvent:
    """Put a claim back to unreviewed (history is kept)."""
    return _append(conn, claim_id, "clear", str(ReviewStatus.UNREVIEWED), reviewer)


def add_note(conn: sqlite3.Connection, claim_id: int, note: str, reviewer: str) -> ReviewEvent:
    return _append(conn, claim_id, "note", None, reviewer, note=note)


def add_evidence(conn: sqlite3.Connection, claim_id: int, url: str, reviewer: str) -> ReviewEvent:
    return _append(conn, claim_id, "evidence", None, reviewer, evidence_url=url)


def undo(conn: sqlite3.Connection, event_id: int, reviewer: str) -> ReviewEvent:
    """Append an event that restores the status a claim had before ``event_id``."""
    row = conn.execute("SELECT claim_id, created_at, id FROM review_events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise StorageError(f"no review event with id {event_id}")
    claim_id, created_at, _ = row
    before = conn.execute(
        "SELECT status FROM review_events WHERE claim_id = ? AND (created_at < ? OR (created_at = ? AND id < ?))"
        " ORDER BY created_at DESC, id DESC LIMIT 1",
        (claim_id, created_at, created_at, event_id),
    ).fetchone()
    status = before[0] if before else str(ReviewStatus.UNREVIEWED)
    return _append(conn, claim_id, "undo", status, reviewer, undoes_event_id=event_id)


def history(conn: sqlite3.Connection, claim_id: int) -> list[ReviewEvent]:
    rows = conn.execute(
        "SELECT id, claim_id, action, status, reviewer, note, evidence_url, created_at, undoes_event_id, origin"
        " FROM review_events WHERE claim_id = ? ORDER BY created_at, id",
        (claim_id,),
    ).fetchall()
    return [ReviewEvent(*r) for r in rows]
