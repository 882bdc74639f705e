"""Provides finding (and clearing) what an interrupted command left behind.

- ``backup`` copies into a hidden ``.NAME.PID-XXXX.partial`` beside the backup
  (and SQLite may keep a ``-journal`` beside that); a kill leaves them. Each
  holds the process id that wrote it: a file whose writer is gone is a leftover,
  which the next backup to the same name deletes. (Files from before the id was
  in the name, ``.NAME.XXXX.partial``, count as left over once an hour old.)
- ``triage`` rescores every claim, then rebuilds the groups in a second
  transaction; it notes in ``triage_meta`` that it started, and the rebuild
  deletes the note. A note still there means the groups were not rebuilt.
- Claims without a check-worthiness score were written by a command killed
  between storing claims and scoring them (``reextract``); the next
  ``reextract`` or ``triage`` scores and groups them.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from pathlib import Path

from .ingest import utc_now

TRIAGE_STARTED = "triage_started"
# A partial backup without a process id in its name is left over once untouched this long.
OLD_PARTIAL_AGE_S = 3600.0
_PARTIAL = re.compile(r"^\.(?P<name>.+)\.(?:(?P<pid>\d+)-)?[A-Za-z0-9_]+\.partial(?:-journal|-wal|-shm)?$")


def partial_prefix(dest_name: str) -> str:
    """The temporary-file prefix of a backup to ``dest_name`` by this process."""
    return f".{dest_name}.{os.getpid()}-"


def stale_partials(folder: Path, dest_name: str | None = None) -> list[Path]:
    """Partial backups (and their journals) in ``folder`` whose writer is gone, of one name or all."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    out = []
    for name in names:
        m = _PARTIAL.match(name)
        if not m or (dest_name is not None and m["name"] != dest_name):
            continue
        path = folder / name
        try:
            st = path.lstat()
        except OSError:
            continue
        if not path.is_file() or path.is_symlink():
            continue  # only regular files this workbench would have written
        if m["pid"] is not None:
            if not _alive(int(m["pid"])):
                out.append(path)
        elif time.time() - st.st_mtime > OLD_PARTIAL_AGE_S:
            out.append(path)
    return sorted(out)


def remove_stale_partials(folder: Path, dest_name: str) -> list[Path]:
    """Delete the leftovers of interrupted backups to ``dest_name``; returns what was deleted."""
    removed = []
    for path in stale_partials(folder, dest_name):
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process (or not a pid we can ask about): leave its file alone
    return True


def note_triage_started(conn: sqlite3.Connection) -> None:
    """Record that a full triage began (its own small transaction, before the rescoring)."""
    from .bands import set_meta
    from .db import write_transaction

    with write_transaction(conn):
        set_meta(conn, TRIAGE_STARTED, utc_now())


def unscored_articles(conn: sqlite3.Connection) -> list[int]:
    """Articles with a claim that has no check-worthiness score (an interrupted reextract left it)."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT c.article_id FROM claims c"
        " WHERE NOT EXISTS (SELECT 1 FROM claim_scores s WHERE s.claim_id = c.id) ORDER BY 1")]


def interrupted_work(conn: sqlite3.Connection, db_path: str | os.PathLike) -> tuple[list[str], list[str]]:
    """What interrupted commands left, one plain sentence each: (problems, notes).

    Claims without a score are a note, not a problem: a database written
    through the library (or before triage existed) has them too, and nothing
    is wrong with them but that the queue cannot order them by worthiness.
    """
    problems, notes = [], []
    folder = Path(db_path).parent
    for path in stale_partials(folder if str(folder) else Path(".")):
        size = path.stat().st_size if path.exists() else 0
        problems.append(f"{path} ({size:,} bytes) is left over from an interrupted 'workbench backup'; the next"
                        " backup to the same name deletes it (or delete it yourself).")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "triage_meta" in tables:
        row = conn.execute("SELECT value FROM triage_meta WHERE key = ?", (TRIAGE_STARTED,)).fetchone()
        if row:
            problems.append(f"A 'workbench triage' started at {row[0]} did not finish (or is running now): the"
                            " claims were rescored but the near-duplicate groups were not rebuilt. Run"
                            " 'workbench triage' again.")
    if "claim_scores" in tables:
        n, first = conn.execute(
            "SELECT count(*), min(c.article_id) FROM claims c"
            " WHERE NOT EXISTS (SELECT 1 FROM claim_scores s WHERE s.claim_id = c.id)").fetchone()
        if n:
            notes.append(f"{n:,} claim(s) have no check-worthiness score or group (first in article {first}),"
                            " as after an interrupted 'workbench reextract': run 'workbench reextract' or"
                            " 'workbench triage' to score and group them.")
    return problems, notes
