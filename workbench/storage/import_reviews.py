"""Provides merging review events from another reviewer's export into this database.

Reviewers working offline on separate copies export JSONL (or JSON, or CSV)
and import each other's files. Row ids differ between copies, so a record is
matched by its article's ``content_hash`` and the claim's ``start``/``end``
offsets. Events are appended, never edited:

- a record with ``events`` (``workbench export --with-history``) replays every
  event as it was (action, status, reviewer, note, evidence URL, created_at);
- a record without it contributes its current state as one event: a ``mark``
  (or a ``clear``) at ``reviewed_at`` with the note and first evidence URL,
  plus one ``evidence`` event per further URL. Without history the evidence
  and note are credited to the latest reviewer, an approximation the history
  option avoids.

An event is already present, and skipped, when claim, action, status,
reviewer, note, evidence URL and created_at all match, so importing the same
file twice adds nothing and a reviewer's own events coming back are not
doubled. Imported events carry ``origin`` = the file name. An ``undo`` keeps
the status it restored; its link to the undone event (a row id in the other
copy) is not carried over. Each reviewer's latest event by time is their
decision; claims whose reviewers' latest marks differ are ``disputed`` (and
appear in ``review_disagreements``) until an adjudicator decides.

An event time must be an ISO-8601 date-time no later than a few minutes from
now (:mod:`workbench.storage.timestamps`): an event dated in the future would
stay its reviewer's latest decision for ever. Such events are refused (the rest
of the file is imported) and counted with their reason in the summary; times
are stored in the one form the database uses.

The file is read whole before anything is written: each record is checked and
its events staged in a temporary table (this connection's own, which takes no
lock on the database). A malformed record stops the import there with its line
number, and nothing from that file is written. The staged events are then
appended in write transactions of about 0.2 s each with a pause between, so
a reviewer marking claims meanwhile waits a fraction of a second, not the whole
file; a claim's events are always written together (all or nothing per claim). An import
cut short (killed) is finished by running it again: what was written is skipped
as already present.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from .db import StorageError, write_transaction
from .review_records import (ACTIONS, DECISIONS, STATUSES, ImportSummary, events_of,  # noqa: F401 (re-exported)
                             read_records, record_span)

# How long one write transaction of the import should hold the lock: its size (in events,
# always whole claims) follows the rate the last one achieved.
HOLD_S = 0.2
FIRST_EVENTS, MIN_EVENTS, MAX_EVENTS = 1000, 100, 20_000
# Pause between commits. A writer waiting for the lock polls it every 100 ms at most
# (SQLite's busy handler): a pause that long lets it in at its next poll.
PAUSE_S = 0.1

_STAGE = """
CREATE TEMP TABLE IF NOT EXISTS _staged_events (
    seq INTEGER PRIMARY KEY, claim_id INTEGER NOT NULL, action TEXT NOT NULL, status TEXT NOT NULL,
    reviewer TEXT NOT NULL, note TEXT, evidence_url TEXT, created_at TEXT NOT NULL, raw_created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS temp._staged_events_once ON _staged_events
    (claim_id, action, status, reviewer, ifnull(note, ''), ifnull(evidence_url, ''), created_at);
"""
# An event is present when one like it is stored under either form of its time (an older
# import may have stored the file's own form). Notes and URLs are never '' (empty means none).
_APPLY = """
INSERT INTO review_events (claim_id, action, status, reviewer, note, evidence_url, created_at, origin)
SELECT s.claim_id, s.action, s.status, s.reviewer, s.note, s.evidence_url, s.created_at, :origin
FROM _staged_events s
WHERE s.claim_id > :lo AND s.claim_id <= :hi
  AND NOT EXISTS (SELECT 1 FROM review_events e WHERE e.claim_id = s.claim_id
                  AND e.created_at IN (s.created_at, s.raw_created_at) AND e.action = s.action
                  AND e.status = s.status AND e.reviewer = s.reviewer AND e.note IS s.note
                  AND e.evidence_url IS s.evidence_url)
ORDER BY s.claim_id, s.seq
RETURNING claim_id
"""


def import_reviews(conn: sqlite3.Connection, path: str | os.PathLike, *, origin: str | None = None,
                   csv_raw: bool = False, events_per_commit: int | None = None) -> ImportSummary:
    """Append the review events of an export file to the matching claims here.

    Args:
        conn: this reviewer's database.
        path: a JSONL, JSON or CSV file written by ``workbench export``.
        origin: stored on each imported event; default the file's name.
        csv_raw: a CSV was written with ``--csv-raw``: take its cells as they are.
        events_per_commit: about how many events each write transaction appends (whole claims);
            None: as many as take :data:`HOLD_S`.

    Returns:
        counts of what was added, skipped and left unmatched.

    Raises:
        StorageError: the file cannot be read or a record is malformed
            (nothing is imported then).
    """
    origin = origin or Path(path).name
    summary = ImportSummary()
    conn.executescript(_STAGE)
    try:
        conn.execute("DELETE FROM _staged_events")
        staged = _stage(conn, path, csv_raw, summary)
        _apply(conn, origin, staged, events_per_commit, summary)
        _count_disagreements(conn, summary)
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.execute("DROP TABLE IF EXISTS temp._staged_events")
    return summary


def _stage(conn: sqlite3.Connection, path, csv_raw: bool, summary: ImportSummary) -> int:
    """Check every record and stage its events (one read snapshot; only the temporary table is written).

    Returns the number of events staged (each claim's identical events once).
    """
    article_ids: dict[str, int | None] = {}
    offered = 0
    conn.execute("BEGIN")
    for lineno, rec in read_records(path, csv_raw=csv_raw):
        where = f"{path}:{lineno}"
        summary.records += 1
        digest, start, end = record_span(rec, where)
        refused = sum(summary.refused.values())
        events = events_of(rec, where, summary)
        if not events:
            summary.without_reviews += sum(summary.refused.values()) == refused
            continue
        if digest not in article_ids:
            row = conn.execute("SELECT id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
            article_ids[digest] = row[0] if row else None
        article_id = article_ids[digest]
        if article_id is None:
            summary.unmatched_articles += 1
            continue
        # Several claims may share a span (two rules on the same words):
        # the reviewer's decision is about those words, so all get it.
        claim_ids = [r[0] for r in conn.execute(
            "SELECT id FROM claims WHERE article_id = ? AND start = ? AND end = ?", (article_id, start, end))]
        if not claim_ids:
            summary.unmatched_claims += 1
            continue
        rows = [(cid, ev.action, ev.status, ev.reviewer, ev.note, ev.evidence_url, ev.created_at,
                 ev.raw_created_at or ev.created_at) for cid in claim_ids for ev in events]
        offered += len(rows)
        try:
            conn.executemany("INSERT OR IGNORE INTO _staged_events (claim_id, action, status, reviewer, note,"
                             " evidence_url, created_at, raw_created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        except UnicodeEncodeError:
            raise StorageError(f"{where}: a text field holds a character that is not valid Unicode text"
                               " (a lone surrogate)") from None
    conn.execute("COMMIT")
    staged = conn.execute("SELECT count(*) FROM _staged_events").fetchone()[0]
    summary.duplicates += offered - staged  # the file repeats an event
    return staged


def _apply(conn: sqlite3.Connection, origin: str, staged: int, per_commit: int | None,
           summary: ImportSummary) -> None:
    """Append the staged events, whole claims at a time, in write transactions of about :data:`HOLD_S`."""
    if not staged:
        return
    conn.execute("CREATE INDEX IF NOT EXISTS temp._staged_events_claim ON _staged_events (claim_id, seq)")
    lo = -1
    added = 0
    size = per_commit or FIRST_EVENTS
    while True:
        # The claim holding the size-th staged event past lo: the chunk ends with all of its events.
        row = conn.execute("SELECT claim_id FROM _staged_events WHERE claim_id > ? ORDER BY claim_id LIMIT 1"
                           " OFFSET ?", (lo, size - 1)).fetchone()
        hi = row[0] if row else conn.execute("SELECT max(claim_id) FROM _staged_events WHERE claim_id > ?",
                                             (lo,)).fetchone()[0]
        if hi is None:
            break
        t0 = time.monotonic()
        with write_transaction(conn):
            got = conn.execute(_APPLY, {"origin": origin, "lo": lo, "hi": hi}).fetchall()
        took = time.monotonic() - t0
        added += len(got)
        summary.claims.update(r[0] for r in got)
        lo = hi
        if per_commit is None and got:
            size = max(MIN_EVENTS, min(MAX_EVENTS, int(len(got) * HOLD_S / max(took, 1e-3))))
        time.sleep(PAUSE_S)
    summary.added += added
    summary.duplicates += staged - added


def _count_disagreements(conn: sqlite3.Connection, summary: ImportSummary) -> None:
    if not summary.claims:
        return
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS _imported_claims (claim_id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM _imported_claims")
    conn.executemany("INSERT INTO _imported_claims VALUES (?)", ((c,) for c in summary.claims))
    summary.disagreements = conn.execute(
        "SELECT count(*) FROM review_disagreements WHERE claim_id IN (SELECT claim_id FROM _imported_claims)"
    ).fetchone()[0]
    summary.disputed = conn.execute(
        "SELECT count(*) FROM claim_current WHERE status = 'disputed'"
        " AND claim_id IN (SELECT claim_id FROM _imported_claims)").fetchone()[0]
    conn.execute("DROP TABLE _imported_claims")
