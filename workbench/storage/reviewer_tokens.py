"""Provides the reviewer-token rows behind ``workbench serve``: add, revoke, list, read the live hashes.

Tokens themselves never reach this module: callers pass the SHA-256 hex digest
(see :mod:`workbench.serve.tokens`), so nothing here can store or log a token.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .db import write_transaction
from .ingest import utc_now


@dataclass(frozen=True, slots=True)
class ReviewerToken:
    reviewer: str
    token_sha256: str
    created_at: str


def add(conn: sqlite3.Connection, reviewer: str, token_sha256: str) -> bool:
    """Give ``reviewer`` a new live token, revoking the one they had.

    Returns:
        True if a previous live token of theirs was revoked.
    """
    now = utc_now()
    with write_transaction(conn):
        replaced = conn.execute("UPDATE reviewer_tokens SET revoked_at = ? WHERE reviewer = ? AND revoked_at IS NULL",
                                (now, reviewer)).rowcount
        conn.execute("INSERT INTO reviewer_tokens (reviewer, token_sha256, created_at) VALUES (?, ?, ?)",
                     (reviewer, token_sha256, now))
    return bool(replaced)


def revoke(conn: sqlite3.Connection, reviewer: str) -> bool:
    """Revoke ``reviewer``'s live token; False if they had none."""
    with write_transaction(conn):
        return bool(conn.execute("UPDATE reviewer_tokens SET revoked_at = ? WHERE reviewer = ? AND revoked_at IS NULL",
                                 (utc_now(), reviewer)).rowcount)


def live(conn: sqlite3.Connection) -> list[ReviewerToken]:
    """Every live (not revoked) token hash, one per reviewer, by name."""
    rows = conn.execute("SELECT reviewer, token_sha256, created_at FROM reviewer_tokens"
                        " WHERE revoked_at IS NULL ORDER BY reviewer").fetchall()
    return [ReviewerToken(*row) for row in rows]
