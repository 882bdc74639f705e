"""Provides online backup and integrity checks of the workbench database, reported in plain words.

``backup`` copies a live database with SQLite's online backup API while
reviewers keep working (in WAL mode the copy reads one consistent snapshot and
never blocks their writes). The copy is written to a temporary file beside the
destination, checked, and only then renamed into place, so an existing file is
never overwritten and a failed backup leaves nothing behind.

``check`` opens the file read-only (it never migrates or repairs anything) and
runs SQLite's ``integrity_check`` and ``foreign_key_check`` plus the
workbench's own invariants (claim offsets, the current-status table), and
describes each finding in a sentence.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .db import StorageError, connect
from .leftovers import interrupted_work, partial_prefix, remove_stale_partials

# Findings listed per check before the rest are summarised as "... and N more".
MAX_DETAILS = 10


@dataclass
class CheckReport:
    """The outcome of ``check``: what was checked and what is wrong."""

    path: str
    ok_lines: list[str] = field(default_factory=list)
    """One sentence per check that passed."""
    problems: list[str] = field(default_factory=list)
    """One sentence per problem found; empty when the database is healthy."""
    notes: list[str] = field(default_factory=list)
    """Unfinished work that is no damage (claims not yet scored): what to run, without failing the check."""

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class BackupResult:
    """What ``backup`` wrote."""

    path: str
    bytes: int
    articles: int
    claims: int
    review_events: int


def _counts(conn: sqlite3.Connection) -> tuple[int, int, int]:
    return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                 for t in ("articles", "claims", "review_events"))


def backup(db_path: str | os.PathLike, dest: str | os.PathLike) -> BackupResult:
    """Copy the database at ``db_path`` to the new file ``dest`` with SQLite's online backup.

    Safe while other processes read and write: the copy is one consistent
    snapshot. ``dest`` must not exist yet.

    Raises:
        StorageError: the source cannot be opened, ``dest`` exists or its
            folder is missing or not writable, the disk fills up, or the copy
            fails its integrity check.
    """
    dest = Path(dest)
    if Path(db_path).resolve() == dest.resolve():
        raise StorageError(f"{dest}: the backup must be a different file from the database")
    if dest.exists() or dest.is_symlink():
        raise StorageError(f"{dest}: already exists; the backup never overwrites a file, choose a new name")
    folder = dest.parent if str(dest.parent) else Path(".")
    if not folder.is_dir():
        raise StorageError(f"{dest}: folder {folder} does not exist; create it or choose another path")
    src = connect(db_path, create=False)
    tmp_name = None
    try:
        try:
            remove_stale_partials(folder, dest.name)  # what an interrupted backup to this name left
            fd, tmp_name = tempfile.mkstemp(prefix=partial_prefix(dest.name), suffix=".partial", dir=folder)
            os.close(fd)
        except OSError as exc:
            raise StorageError(f"{dest}: cannot write in {folder} ({exc.strerror})") from exc
        try:
            out = sqlite3.connect(tmp_name, isolation_level=None)
            try:
                # pages=-1: one step, so the whole copy is one read snapshot; in
                # WAL mode writers go on meanwhile (a stepped backup would
                # restart every time another process commits).
                src.backup(out, pages=-1)
                # The copy is one self-contained file (no -wal beside it).
                out.execute("PRAGMA journal_mode = DELETE")
                problems = out.execute("PRAGMA quick_check").fetchall()
                if [r[0] for r in problems] != ["ok"]:
                    raise StorageError(f"{dest}: the copy failed its check ({problems[0][0]}); "
                                       f"run 'workbench check --db {db_path}'")
                counts = _counts(out)
            finally:
                out.close()
        except sqlite3.Error as exc:
            text = str(exc)
            if "disk is full" in text or getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL":
                raise StorageError(f"{dest}: the disk is full; free some space and try again"
                                   " (no partial backup was left)") from exc
            raise StorageError(f"{dest}: the backup failed ({text}); the database itself is unchanged") from exc
        try:
            # link() fails if dest appeared meanwhile, so even a race never overwrites it.
            os.link(tmp_name, dest)
        except FileExistsError:
            raise StorageError(f"{dest}: already exists; the backup never overwrites a file, choose a new name")
        except OSError:
            if dest.exists():
                raise StorageError(f"{dest}: already exists; the backup never overwrites a file, choose a new name")
            os.replace(tmp_name, dest)  # file systems without hard links
            tmp_name = None
    finally:
        src.close()
        for leftover in (tmp_name, f"{tmp_name}-journal") if tmp_name is not None else ():
            try:
                os.unlink(leftover)
            except OSError:
                pass
    return BackupResult(str(dest), dest.stat().st_size, *counts)


def _open_for_check(path: str | os.PathLike, report: CheckReport) -> sqlite3.Connection | None:
    p = Path(path)
    if not p.exists():
        report.problems.append(f"{path} does not exist.")
        return None
    if p.is_dir():
        report.problems.append(f"{path} is a folder, not a database file.")
        return None
    size = p.stat().st_size
    if size == 0:
        report.problems.append(f"{path} is empty (0 bytes): it holds no database.")
        return None
    with p.open("rb") as f:
        header = f.read(100)
    if not header.startswith(b"SQLite format 3\x00"):
        report.problems.append(f"{path} is not a SQLite database (it does not start with the SQLite header).")
        return None
    if len(header) == 100:
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        wal = Path(f"{p}-wal")
        if page_size and pages and size < page_size * pages and not (wal.exists() and wal.stat().st_size):
            report.problems.append(
                f"The file is truncated: its header says {pages} pages of {page_size} bytes "
                f"({pages * page_size:,} bytes) but it holds {size:,} bytes. Restore it from a backup.")
    try:
        # Read-only: a check never changes the file (no migration, no WAL switch).
        conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True, isolation_level=None)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        report.problems.append(f"SQLite cannot read the file ({exc}). Restore it from a backup.")
        return None
    report.ok_lines.append(f"{path} is a SQLite database ({size:,} bytes).")
    return conn


def _limited(lines: list[str]) -> list[str]:
    if len(lines) <= MAX_DETAILS:
        return lines
    return lines[:MAX_DETAILS] + [f"... and {len(lines) - MAX_DETAILS} more of the same kind."]


def check(path: str | os.PathLike) -> CheckReport:
    """Run every check on the database at ``path`` without changing it."""
    report = CheckReport(str(path))
    conn = _open_for_check(path, report)
    if conn is None:
        return report
    try:
        _check_integrity(conn, report)
        if report.problems:
            return report  # the remaining checks would only repeat the damage
        _check_schema(conn, report)
        if any("schema" in p or "newer" in p for p in report.problems):
            return report
        _check_foreign_keys(conn, report)
        _check_claims(conn, report)
        _check_current_status(conn, report)
        problems, notes = interrupted_work(conn, path)
        report.problems.extend(problems)
        report.notes.extend(notes)
    except sqlite3.DatabaseError as exc:
        report.problems.append(f"Reading the database failed part-way ({exc}). Restore it from a backup.")
    finally:
        conn.close()
    return report


def _check_integrity(conn: sqlite3.Connection, report: CheckReport) -> None:
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check(100)").fetchall()]
    if rows == ["ok"]:
        report.ok_lines.append("SQLite's integrity check found no damage.")
    else:
        report.problems.append(f"SQLite's integrity check found {len(rows)}{'+' if len(rows) >= 100 else ''} "
                               "problem(s): the file is damaged. Restore it from a backup.")
        report.problems.extend(f"  {r}" for r in _limited(rows))


def _check_schema(conn: sqlite3.Connection, report: CheckReport) -> None:
    from .migrations import known_migrations

    has = conn.execute("SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'").fetchone()
    if not has:
        report.problems.append("This is a SQLite database but not a workbench database (no schema "
                               "migrations recorded).")
        return
    applied = [r[0] for r in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = 'workbench' ORDER BY rowid")]
    known = known_migrations()
    unknown = [n for n in applied if n not in known]
    if unknown:
        report.problems.append(f"This database was written by a newer version of the workbench (unknown "
                               f"schema changes: {', '.join(unknown)}); upgrade the workbench to use it.")
        return
    pending = [n for n in known if n not in applied]
    if pending:
        report.ok_lines.append(f"The schema is {len(pending)} step(s) behind this version; it will be "
                               "upgraded the next time a command writes to it.")
    else:
        report.ok_lines.append(f"The schema is up to date ({len(applied)} migration(s)).")


def _check_foreign_keys(conn: sqlite3.Connection, report: CheckReport) -> None:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    if not rows:
        report.ok_lines.append("Every reference between tables points at an existing row.")
        return
    by_pair: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fk in rows:
        by_pair[(table, parent)] = by_pair.get((table, parent), 0) + 1
    for (table, parent), n in sorted(by_pair.items()):
        report.problems.append(f"{n} row(s) in {table} point at missing rows in {parent}.")


def _check_claims(conn: sqlite3.Connection, report: CheckReport) -> None:
    from .sentences import offset_problems

    bad, bad_sentences = offset_problems(conn)
    if bad:
        report.problems.append(f"{len(bad)} claim(s) do not match their article's text at their offsets "
                               f"(first: claim {bad[0][0]} in article {bad[0][1]}).")
    else:
        n = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        report.ok_lines.append(f"All {n:,} claims match their article's text at their offsets.")
    if bad_sentences:
        report.problems.append(f"{len(bad_sentences)} claim(s) store a sentence that is not their article's text"
                               f" at their sentence offsets (first: claim {bad_sentences[0][0]} in article"
                               f" {bad_sentences[0][1]}).")


def _check_current_status(conn: sqlite3.Connection, report: CheckReport) -> None:
    from .status_audit import bad_event_times, status_problems

    missing = conn.execute(
        "SELECT count(*) FROM claims c WHERE NOT EXISTS (SELECT 1 FROM claim_current cc WHERE cc.claim_id = c.id)"
    ).fetchone()[0]
    if missing:
        report.problems.append(f"{missing} claim(s) have no current-status row.")
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'reviewer_current'").fetchone() is None:
        return  # an older schema: upgraded (and its statuses recomputed) by the next command that writes
    found = status_problems(conn) + bad_event_times(conn)
    report.problems.extend(found)
    events = conn.execute("SELECT count(*) FROM review_events").fetchone()[0]
    if not (missing or found):
        report.ok_lines.append(f"Every claim's status follows from its review history ({events:,} review events),"
                               " and no event is dated in the future.")
