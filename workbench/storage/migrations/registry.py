"""Provides the one ``Migrations("workbench")`` set every migration module registers with, and the script runner they share."""

from __future__ import annotations

import sqlite3

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("workbench")


def _run(db: sqlite_utils.Database, script: str) -> None:
    """Execute a multi-statement script inside the migration's transaction.

    ``executescript`` would COMMIT first, so statements (including trigger
    bodies with inner semicolons) are split with ``sqlite3.complete_statement``.
    """
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            db.conn.execute(buf)
            buf = ""
    if buf.strip():
        raise ValueError(f"incomplete SQL statement in migration: {buf[:80]!r}")
