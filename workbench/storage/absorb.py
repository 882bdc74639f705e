"""Provides absorbing the claims a grown span now covers, and giving them back on undo.

When a reviewer grows a claim (to its sentence with ``S``, a word at a time,
or by merging with the next claim), other claims of the article that lie
wholly inside the new span would stay in the queue overlapping it. Each is
marked ``merged`` into the grown claim by a correction event whose
``cause_event_id`` names the span (or merge) event, so the absorption is
recorded, shows in each claim's history, and undoing the span change
restores them.
"""

from __future__ import annotations

import sqlite3


def absorb_covered(conn: sqlite3.Connection, claim_id: int, start: int, end: int, cause_event_id: int,
                   reviewer: str, now: str, *, old: tuple[int, int], skip: tuple[int, ...] = ()) -> list[int]:
    """Mark every other claim to review of the article that ``[start, end)`` now covers merged into ``claim_id``.

    Only claims the span newly covers: one already inside the old span ``old``
    (two rules on the same words) is left as it was. Call inside the
    correction's transaction. Returns the absorbed claim ids.
    """
    covered = [r[0] for r in conn.execute(
        "SELECT c.id FROM claims c JOIN claim_current cc ON cc.claim_id = c.id"
        " LEFT JOIN claim_corrections k ON k.claim_id = c.id"
        " WHERE c.article_id = (SELECT article_id FROM claims WHERE id = ?) AND c.id <> ? AND cc.excluded = 0"
        " AND coalesce(k.start, c.start) >= ? AND coalesce(k.end, c.end) <= ?"
        " AND NOT (coalesce(k.start, c.start) >= ? AND coalesce(k.end, c.end) <= ?) ORDER BY c.id",
        (claim_id, claim_id, start, end, *old)) if r[0] not in skip]
    conn.executemany(
        "INSERT INTO correction_events (claim_id, action, reviewer, created_at, other_claim_id, cause_event_id)"
        " VALUES (?, 'merged', ?, ?, ?, ?)", [(cid, reviewer, now, claim_id, cause_event_id) for cid in covered])
    return covered


def release_absorbed(conn: sqlite3.Connection, cause_event_id: int, reviewer: str, now: str) -> list[int]:
    """Restore the claims that ``cause_event_id`` absorbed (and are still merged away); returns their ids.

    Each gets a ``restore`` event that undoes its ``merged`` event.
    """
    absorbed = conn.execute(
        "SELECT e.id, e.claim_id FROM correction_events e JOIN claim_corrections k ON k.claim_id = e.claim_id"
        " WHERE e.cause_event_id = ? AND e.action = 'merged' AND k.excluded = 'merged' ORDER BY e.claim_id",
        (cause_event_id,)).fetchall()
    conn.executemany(
        "INSERT INTO correction_events (claim_id, action, reviewer, created_at, undoes_event_id, cause_event_id)"
        " VALUES (?, 'restore', ?, ?, ?, ?)", [(cid, reviewer, now, eid, cause_event_id) for eid, cid in absorbed])
    return [cid for _, cid in absorbed]
