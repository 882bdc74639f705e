"""Provides connections to the workbench SQLite file, with the settings every caller needs.

One place decides how the file is opened: WAL journal, foreign keys on, a busy
timeout, and write transactions that take the write lock up front
(``BEGIN IMMEDIATE``) so two processes never deadlock upgrading a read lock.
Errors a user can cause (not a database, a newer schema, a read-only file) are
raised as :class:`StorageError` with a sentence that says what to do.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .migrations import check_version
from .transactions import StorageError, atomic, database, write_transaction  # noqa: F401  (re-exported)

DEFAULT_DB = "workbench.db"
ENV_VAR = "WORKBENCH_DB"
# How long one statement waits for another process's write lock before SQLite
# gives up; write_transaction() (storage.transactions) retries on top of this.
BUSY_TIMEOUT_S = 10.0


def default_path() -> str:
    return os.environ.get(ENV_VAR) or DEFAULT_DB


def connect(path: str | os.PathLike, *, create: bool = True, readonly: bool = False) -> sqlite3.Connection:
    """Open the database file with the workbench's pragmas.

    Args:
        path: the SQLite file.
        create: make the file if it does not exist (its folder must exist).
        readonly: open read-only (``mode=ro``); used by exports and checks.

    Raises:
        StorageError: the folder is missing, the file is not a SQLite
            database, or it cannot be opened.
    """
    p = Path(path)
    if str(path) != ":memory:":
        if p.is_dir():
            raise StorageError(f"{path}: is a folder, not a database file; give a file path with --db")
        if not p.exists():
            if not create or readonly:
                raise StorageError(f"{path}: no such database; run 'workbench ingest' to create it")
            if not p.parent.exists():
                raise StorageError(f"{path}: folder {p.parent} does not exist; create it or choose another --db path")
        elif p.stat().st_size and not _known_database(p) and not _looks_like_sqlite(p):
            raise StorageError(f"{path}: not a workbench database (not a SQLite file); refusing to touch it")
    uri = f"file:{p}?mode=ro" if readonly else None
    existed = str(path) != ":memory:" and p.exists() and p.stat().st_size > 0
    conn = None
    try:
        conn = sqlite3.connect(
            uri or str(path),
            uri=bool(uri),
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None,  # we issue BEGIN ourselves
            check_same_thread=False,
        )
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly and str(path) != ":memory:":
            if existed:
                # Switching to WAL rewrites the header: refuse a newer file first,
                # so a database we will not open is left byte-for-byte as it was.
                check_version(database(conn))
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                # A read-only folder cannot hold the -wal file.
                conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = NORMAL")
        # Touch the schema so a corrupt or non-SQLite file fails here, not later.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if str(path) != ":memory:":
            st = p.stat()
            _OPENED.add((st.st_dev, st.st_ino))
    except (sqlite3.DatabaseError, StorageError) as exc:
        if conn is not None:
            conn.close()
        if isinstance(exc, StorageError):
            raise
        text = str(exc)
        if "readonly" in text or "read-only" in text:
            # WAL needs to create FILE-wal and FILE-shm beside the database.
            raise StorageError(f"{path}: the database or its folder is read-only ({text}); the workbench needs to"
                               " write the file and create files beside it: fix the permissions or copy the"
                               " database somewhere writable") from exc
        if "unable to open" in text:
            raise StorageError(f"{path}: cannot open or create the database file ({text}); check that the folder"
                               " exists and is writable") from exc
        raise StorageError(f"{path}: cannot open the database ({exc}); run 'workbench check --db {path}'") from exc
    return conn


# Files (device, inode) this process has already opened as databases. Reading a file's header
# with open() and close() would drop every POSIX lock this process's SQLite connections hold on
# it (closing any descriptor of a file releases them all): another process could then take the
# file for its last user and delete the WAL under a live reader ("disk I/O error"). So the
# header is read once, before this process holds any connection to the file.
_OPENED: set[tuple[int, int]] = set()


def _known_database(p: Path) -> bool:
    st = p.stat()
    return (st.st_dev, st.st_ino) in _OPENED


def _looks_like_sqlite(p: Path) -> bool:
    try:
        with p.open("rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError as exc:
        raise StorageError(f"{p}: cannot read the database file ({exc.strerror})") from exc
