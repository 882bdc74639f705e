"""Provides the queue order of claims a reviewer creates: beside their neighbours, not at the end.

The queue is ordered by ``claim_current.sort_key`` (then claim id). An
extracted claim's key is its id; a claim split off or added by a reviewer gets
a key between the claim before it and the next claim in queue order, so it
appears right after the claim it follows. Keys are REAL: halving a gap works
about fifty times in the same place, and after that equal keys still order by
claim id. A claim's key never exceeds its id (the queue's search relies on it).
"""

from __future__ import annotations

import sqlite3


def place_after(conn: sqlite3.Connection, claim_id: int, after_claim_id: int) -> float:
    """Give ``claim_id`` a key right after ``after_claim_id`` in queue order (caller's transaction)."""
    key = conn.execute("SELECT sort_key FROM claim_current WHERE claim_id = ?", (after_claim_id,)).fetchone()[0]
    nxt = conn.execute(
        "SELECT sort_key FROM claim_current WHERE (sort_key, claim_id) > (?, ?) AND claim_id <> ?"
        " ORDER BY sort_key, claim_id LIMIT 1", (key, after_claim_id, claim_id)).fetchone()
    upper = nxt[0] if nxt is not None and nxt[0] > key else key + 1.0
    return _set(conn, claim_id, min((key + upper) / 2, claim_id))


def place_before(conn: sqlite3.Connection, claim_id: int, before_claim_id: int) -> float:
    """Give ``claim_id`` a key right before ``before_claim_id`` in queue order (caller's transaction)."""
    key = conn.execute("SELECT sort_key FROM claim_current WHERE claim_id = ?", (before_claim_id,)).fetchone()[0]
    prev = conn.execute(
        "SELECT sort_key FROM claim_current WHERE (sort_key, claim_id) < (?, ?) AND claim_id <> ?"
        " ORDER BY sort_key DESC, claim_id DESC LIMIT 1", (key, before_claim_id, claim_id)).fetchone()
    lower = prev[0] if prev is not None and prev[0] < key else key - 1.0
    return _set(conn, claim_id, (lower + key) / 2)


def place_in_article(conn: sqlite3.Connection, claim_id: int, article_id: int, start: int) -> float:
    """Key a new claim of an article by where it starts in the text: after the claim before it, if any."""
    before = conn.execute(
        "SELECT c.id FROM claims c JOIN claim_current cc ON cc.claim_id = c.id"
        " LEFT JOIN claim_corrections k ON k.claim_id = c.id"
        " WHERE c.article_id = ? AND c.id <> ? AND cc.excluded = 0 AND coalesce(k.start, c.start) <= ?"
        " ORDER BY coalesce(k.start, c.start) DESC, cc.sort_key DESC LIMIT 1", (article_id, claim_id, start)).fetchone()
    if before is not None:
        return place_after(conn, claim_id, before[0])
    first = conn.execute(
        "SELECT c.id FROM claims c JOIN claim_current cc ON cc.claim_id = c.id"
        " WHERE c.article_id = ? AND c.id <> ? AND cc.excluded = 0 ORDER BY cc.sort_key, c.id LIMIT 1",
        (article_id, claim_id)).fetchone()
    if first is not None:
        return place_before(conn, claim_id, first[0])
    return conn.execute("SELECT sort_key FROM claim_current WHERE claim_id = ?", (claim_id,)).fetchone()[0]


def _set(conn: sqlite3.Connection, claim_id: int, key: float) -> float:
    conn.execute("UPDATE claim_current SET sort_key = ? WHERE claim_id = ?", (key, claim_id))
    return key
