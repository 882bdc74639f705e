"""Provides the SQLite store: every SQL string of the workbench lives in this package."""

from __future__ import annotations

import sqlite3

from .db import StorageError, connect, default_path, write_transaction
from .migrations import migrate


def open_db(path: str, *, create: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the workbench database at ``path``."""
    conn = connect(path, create=create)
    try:
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


__all__ = ["StorageError", "connect", "default_path", "migrate", "open_db", "write_transaction"]
