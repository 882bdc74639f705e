"""Provides disagreements between reviewers: disputed claims, each reviewer's mark side by side, adjudication.

A claim is ``disputed`` when its reviewers' latest decisions differ (the
``claim_current`` triggers derive it, see ``migrations.m011_review_state``). An
adjudicator settles it with an ``adjudication_events`` row: the decision,
a note, and ``settles``, the ids of the review events (the marks) it settles.
The decision stands while every reviewer's current decision is either the
one it settled for them or the decision itself; a reviewer who marks
something else later disputes the claim again. Adjudications are append-only;
undoing one appends an event that names it (``undoes_event_id``).

Who may adjudicate is the caller's business (a config list or a flag, see
:mod:`workbench.services.config`); this module records who did.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from ..domain.models import DECISIONS
from .db import StorageError, write_transaction
from .ingest import utc_now
from .reviews import parse_status

_DECIDED = "('sourced', 'unsourced', 'contested')"


@dataclass(frozen=True, slots=True)
class Mark:
    """One reviewer's current decision on a claim, with their latest note on it."""

    reviewer: str
    status: str
    marked_at: str
    event_id: int
    note: str | None


@dataclass(frozen=True, slots=True)
class Adjudication:
    id: int
    claim_id: int
    status: str | None
    reviewer: str
    note: str | None
    settles: tuple[int, ...]
    created_at: str
    undoes_event_id: int | None = None


@dataclass(frozen=True, slots=True)
class Dispute:
    """A claim whose reviewers disagree (or an adjudicated one), for the disputes screen."""

    claim_id: int
    article_id: int
    article_title: str | None
    text: str
    speaker: str
    status: str
    sort_key: float
    marks: tuple[Mark, ...]
    adjudication: Adjudication | None


def marks(conn: sqlite3.Connection, claim_id: int) -> list[Mark]:
    """Every reviewer's current decision on the claim, by reviewer name."""
    return [Mark(*r) for r in conn.execute(
        "SELECT r.reviewer, r.status, r.created_at, r.event_id,"
        " (SELECT e.note FROM review_events e WHERE e.claim_id = r.claim_id AND e.reviewer = r.reviewer"
        "  AND e.note IS NOT NULL AND NOT EXISTS (SELECT 1 FROM review_events u WHERE u.claim_id = e.claim_id"
        "  AND u.undoes_event_id = e.id) ORDER BY e.created_at DESC, e.id DESC LIMIT 1)"
        f" FROM reviewer_current r WHERE r.claim_id = ? AND r.status IN {_DECIDED} ORDER BY r.reviewer",
        (claim_id,))]


def _adjudication(row) -> Adjudication:
    return Adjudication(row[0], row[1], row[2], row[3], row[4], tuple(json.loads(row[5])), row[6], row[7])


_ADJ_COLUMNS = "id, claim_id, status, reviewer, note, settles, created_at, undoes_event_id"


def adjudication_in_force(conn: sqlite3.Connection, claim_id: int) -> Adjudication | None:
    """The adjudication that decides the claim's status now (None when none holds)."""
    row = conn.execute(f"SELECT {', '.join('a.' + c for c in _ADJ_COLUMNS.split(', '))}"
                       " FROM claim_current cc JOIN adjudication_events a ON a.id = cc.adjudication_id"
                       " WHERE cc.claim_id = ?", (claim_id,)).fetchone()
    return _adjudication(row) if row else None


def history(conn: sqlite3.Connection, claim_id: int) -> list[Adjudication]:
    """Every adjudication event of the claim, oldest first."""
    return [_adjudication(r) for r in conn.execute(
        f"SELECT {_ADJ_COLUMNS} FROM adjudication_events WHERE claim_id = ? ORDER BY id", (claim_id,))]


def adjudicate(conn: sqlite3.Connection, claim_id: int, status: str, reviewer: str,
               note: str | None = None) -> Adjudication:
    """Decide a claim whose reviewers disagree; the event settles every current differing mark.

    Raises:
        StorageError: no such claim, not a decision, or the reviewers do not disagree.
    """
    decision = parse_status(status)
    if decision not in DECISIONS:
        raise StorageError(f"{decision} is not a decision; adjudicate with sourced, unsourced or contested")
    now = utc_now()
    with write_transaction(conn):
        if conn.execute("SELECT 1 FROM claim_current WHERE claim_id = ?", (claim_id,)).fetchone() is None:
            raise StorageError(f"no claim with id {claim_id}; list claims with 'workbench claims'")
        current = marks(conn, claim_id)
        if len({m.status for m in current}) < 2:
            raise StorageError(f"claim #{claim_id} is not disputed: its reviewers' decisions do not differ;"
                               " mark it as usual")
        settles = [m.event_id for m in current]
        cur = conn.execute(
            "INSERT INTO adjudication_events (claim_id, status, reviewer, note, settles, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (claim_id, str(decision), reviewer, (note or "").strip() or None, json.dumps(settles), now))
    return Adjudication(cur.lastrowid, claim_id, str(decision), reviewer, (note or "").strip() or None,
                        tuple(settles), now)


def undo_adjudication(conn: sqlite3.Connection, event_id: int, reviewer: str) -> Adjudication:
    """Take an adjudication back (appends an event naming it); the claim is disputed again if its marks differ."""
    now = utc_now()
    with write_transaction(conn):
        row = conn.execute("SELECT claim_id, undoes_event_id FROM adjudication_events WHERE id = ?",
                           (event_id,)).fetchone()
        if row is None or row[1] is not None:
            raise StorageError(f"no adjudication with id {event_id}")
        if conn.execute("SELECT 1 FROM adjudication_events WHERE undoes_event_id = ?", (event_id,)).fetchone():
            raise StorageError(f"adjudication {event_id} is already undone")
        cur = conn.execute("INSERT INTO adjudication_events (claim_id, status, reviewer, created_at, undoes_event_id)"
                           " VALUES (?, NULL, ?, ?, ?)", (row[0], reviewer, now, event_id))
    return Adjudication(cur.lastrowid, row[0], None, reviewer, None, (), now, event_id)


def list_disputes(conn: sqlite3.Connection, *, after: int | None = None, limit: int = 100,
                  include_settled: bool = False) -> list[Dispute]:
    """A keyset page of disputed claims in queue order (after claim ``after``), with every reviewer's mark.

    Args:
        include_settled: also claims an adjudication decided (their marks still differ).
    """
    where = "cc.status = 'disputed'" if not include_settled else "(cc.status = 'disputed' OR cc.adjudication_id IS NOT NULL)"
    key: tuple[float, int] = (-1.0, -1)
    if after is not None:
        row = conn.execute("SELECT sort_key FROM claim_current WHERE claim_id = ?", (after,)).fetchone()
        key = (row[0], after) if row else key
    rows = conn.execute(
        "SELECT cc.claim_id, c.article_id, a.title, coalesce(k.text, c.text), s.name, cc.status, cc.sort_key"
        " FROM claim_current cc JOIN claims c ON c.id = cc.claim_id JOIN articles a ON a.id = c.article_id"
        " LEFT JOIN claim_corrections k ON k.claim_id = c.id"
        " JOIN speakers s0 ON s0.id = coalesce(k.speaker_id, c.speaker_id)"
        " JOIN speakers s ON s.id = coalesce(s0.merged_into, s0.id)"
        f" WHERE {where} AND cc.excluded = 0 AND cc.superseded = 0 AND (cc.sort_key, cc.claim_id) > (?, ?)"
        " ORDER BY cc.sort_key, cc.claim_id LIMIT ?", (*key, limit)).fetchall()
    return [Dispute(*r, marks=tuple(marks(conn, r[0])), adjudication=adjudication_in_force(conn, r[0]))
            for r in rows]


def dispute_of(conn: sqlite3.Connection, claim_id: int) -> tuple[list[Mark], Adjudication | None]:
    """A claim's current marks and the adjudication in force, for the detail pane."""
    return marks(conn, claim_id), adjudication_in_force(conn, claim_id)
