"""Provides write transactions that take the lock up front and retry, savepoints, and the StorageError a user can act on.

A write that fails for a reason the user can cause (a read-only file, a full
disk, a writer that holds the lock too long) is raised as :class:`StorageError`
with a sentence that says what to do.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator

import sqlite_utils

WRITE_RETRIES = 5


class StorageError(Exception):
    """A problem with the database file that the user can act on."""


def database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """Wrap a connection for sqlite-utils (migrations, introspection)."""
    return sqlite_utils.Database(conn, execute_plugins=False)


@contextlib.contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run a block in one write transaction, retrying if another writer holds the lock.

    The retry covers only acquiring the lock (``BEGIN IMMEDIATE``); once the
    block runs, an error rolls back and propagates, so nothing is half-written.
    """
    delay = 0.05
    for attempt in range(WRITE_RETRIES + 1):
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or attempt == WRITE_RETRIES:
                raise _friendly(exc) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    try:
        yield conn
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        # A write that fails for a reason the user can act on (read-only
        # file, full disk) becomes a StorageError with a sentence instead of
        # a traceback; other errors (constraints, bugs) propagate unchanged.
        if isinstance(exc, sqlite3.OperationalError):
            friendly = _friendly(exc)
            if friendly is not exc:
                raise friendly from exc
        raise
    else:
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise _friendly(exc) from exc


@contextlib.contextmanager
def atomic(conn: sqlite3.Connection, name: str = "atomic") -> Iterator[None]:
    """A block that is all-or-nothing: its own write transaction, or a savepoint in the caller's.

    Lets one unit of work (an article, its triage) run alone or inside a
    batch that commits many of them at once.
    """
    if not conn.in_transaction:
        with write_transaction(conn):
            yield
        return
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        conn.execute(f"ROLLBACK TO {name}")
        conn.execute(f"RELEASE {name}")
        raise
    conn.execute(f"RELEASE {name}")


def _friendly(exc: sqlite3.Error) -> Exception:
    text = str(exc)
    name = getattr(exc, "sqlite_errorname", "") or ""
    if "readonly" in text or "read-only" in text or name.startswith("SQLITE_READONLY"):
        return StorageError(f"the database is read-only ({text}); check the file's permissions or use another --db")
    if "locked" in text or "busy" in text:
        return StorageError("the database stayed busy with another writer for too long; try again in a moment")
    # Only SQLite's own "full" (SQLITE_FULL), not any message containing the word.
    if "disk is full" in text or name == "SQLITE_FULL":
        return StorageError("the disk is full; free some space and run the command again (nothing was half-written)")
    return exc
