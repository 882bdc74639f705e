"""Provides review events: marks, clears, undo, notes and evidence, all append-only.

Every call writes one ``review_events`` row in its own short transaction and
returns at once, so a mark survives a crash a moment later. The current status
of a claim (``claim_current`` / the ``claim_status`` view) follows from the
events by trigger: each reviewer's latest decision counts, and differing
decisions make the claim ``disputed`` until an adjudicator decides
(:mod:`workbench.storage.disputes`); nothing here updates it directly.

A clear, a note and an evidence URL are a reviewer's own: clearing takes back
your decision (there must be one), and undo restores the status you had
before, or takes back a note or an evidence URL.
"""

from __future__ import annotations

import getpass
import os
import re
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


# An evidence value is a web address a colleague can open: http(s), a host, no spaces.
_URL = re.compile(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?\Z|https?://localhost(?::\d+)?(?:[/?#]\S*)?\Z",
                  re.IGNORECASE)


def check_evidence_url(value: str) -> str:
    """The URL, stripped, or a StorageError saying what an evidence value must look like."""
    url = (value or "").strip()
    if not _URL.match(url):
        raise StorageError(f"evidence {url!r} is not a web address; give a URL such as "
                           "https://example.org/transcript")
    return url


def reviewer_status(conn: sqlite3.Connection, claim_id: int, reviewer: str) -> str:
    """This reviewer's own current status of the claim (``unreviewed`` if they have no decision).

    Raises:
        StorageError: there is no such claim.
    """
    if conn.execute("SELECT 1 FROM claim_current WHERE claim_id = ?", (claim_id,)).fetchone() is None:
        raise StorageError(f"no claim with id {claim_id}; list claims with 'workbench claims'")
    row = conn.execute("SELECT status FROM reviewer_current WHERE claim_id = ? AND reviewer = ?",
                       (claim_id, reviewer)).fetchone()
    return row[0] if row else str(ReviewStatus.UNREVIEWED)


def stored_status(conn: sqlite3.Connection, claim_id: int) -> str:
    """The claim's current status as stored (after every reviewer's decision and any adjudication)."""
    row = conn.execute("SELECT status FROM claim_current WHERE claim_id = ?", (claim_id,)).fetchone()
    if row is None:
        raise StorageError(f"no claim with id {claim_id}; list claims with 'workbench claims'")
    return row[0]


def _append(conn: sqlite3.Connection, claim_id: int, action: str, status: str | None, reviewer: str,
            note: str | None = None, evidence_url: str | None = None,
            undoes_event_id: int | None = None) -> ReviewEvent:
    now = utc_now()
    with write_transaction(conn):
        # Notes and evidence keep the reviewer's own status (the claim's may be "disputed").
        own = reviewer_status(conn, claim_id, reviewer)
        if action == "clear" and own == str(ReviewStatus.UNREVIEWED):
            raise StorageError(f"claim #{claim_id} has no decision of yours to clear (it is unreviewed by "
                               f"{reviewer}); nothing was written")
        status = status or own
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
    url = check_evidence_url(evidence_url) if evidence_url else None
    return _append(conn, claim_id, "mark", str(status), reviewer, note or None, url)


def clear(conn: sqlite3.Connection, claim_id: int, reviewer: str) -> ReviewEvent:
    """Take back your decision on a claim (history is kept).

    Raises:
        StorageError: you have no decision on it (nothing would change, so nothing is written).
    """
    return _append(conn, claim_id, "clear", str(ReviewStatus.UNREVIEWED), reviewer)


def add_note(conn: sqlite3.Connection, claim_id: int, note: str, reviewer: str) -> ReviewEvent:
    return _append(conn, claim_id, "note", None, reviewer, note=note)


def add_evidence(conn: sqlite3.Connection, claim_id: int, url: str, reviewer: str) -> ReviewEvent:
    """Add an evidence URL (refused unless it is an http(s) web address)."""
    return _append(conn, claim_id, "evidence", None, reviewer, evidence_url=check_evidence_url(url))


def undo(conn: sqlite3.Connection, event_id: int, reviewer: str) -> ReviewEvent:
    """Append an event that takes back ``event_id``.

    A mark or clear: the reviewer's own status goes back to what it was
    before that event. A note or evidence URL: it is no longer the claim's
    note or among its evidence (the current note is the latest one not taken
    back); the status is unchanged.
    """
    row = conn.execute("SELECT claim_id, created_at, reviewer, action FROM review_events WHERE id = ?",
                       (event_id,)).fetchone()
    if row is None:
        raise StorageError(f"no review event with id {event_id}")
    claim_id, created_at, owner, action = row
    if action in ("note", "evidence"):
        return _append(conn, claim_id, "undo", None, reviewer, undoes_event_id=event_id)
    before = conn.execute(
        "SELECT status FROM review_events WHERE claim_id = ? AND reviewer = ? AND action IN ('mark', 'clear', 'undo')"
        " AND (created_at < ? OR (created_at = ? AND id < ?)) ORDER BY created_at DESC, id DESC LIMIT 1",
        (claim_id, owner, created_at, created_at, event_id),
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
