"""Provides the review UI's speaker edits: merge two speakers, split a wrongly merged alias off.

Both are recorded in ``speaker_events`` (who, what, when) and run in one
write transaction. A merge keeps every alias: the merged speaker's row stays,
with ``merged_into`` pointing at the survivor, so its aliases and claims answer
to the survivor (``claim_review`` and the queue follow ``merged_into``). A
split moves one alias, and the claims named by it, to a new speaker.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .db import StorageError, write_transaction
from .ingest import utc_now
from .speakers import normalise


@dataclass(frozen=True, slots=True)
class SpeakerEdit:
    """The outcome of a merge or split."""

    action: str
    speaker_id: int
    other_speaker_id: int
    alias: str | None
    claims_moved: int


def _effective(conn: sqlite3.Connection, speaker_id: int) -> int:
    row = conn.execute("SELECT coalesce(merged_into, id) FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    if row is None:
        raise StorageError(f"no speaker with id {speaker_id}")
    return row[0]


def merge(conn: sqlite3.Connection, source_id: int, target_id: int, reviewer: str) -> SpeakerEdit:
    """Merge speaker ``source_id`` into ``target_id``; both keep their aliases.

    Speakers already merged into the source follow it, so ``merged_into`` is
    always one step deep.
    """
    now = utc_now()
    with write_transaction(conn):
        source, target = _effective(conn, source_id), _effective(conn, target_id)
        if source == target:
            raise StorageError("these are already the same speaker")
        moved = conn.execute(
            "SELECT count(*) FROM claims WHERE speaker_id IN (SELECT id FROM speakers WHERE id = ? OR merged_into = ?)",
            (source, source)).fetchone()[0]
        conn.execute("UPDATE speakers SET merged_into = ? WHERE id = ? OR merged_into = ?", (target, source, source))
        conn.execute(
            "INSERT INTO speaker_events (action, speaker_id, other_speaker_id, alias, reviewer, created_at)"
            " VALUES ('merge', ?, ?, NULL, ?, ?)", (target, source, reviewer, now))
    return SpeakerEdit("merge", target, source, None, moved)


def split(conn: sqlite3.Connection, alias_id: int, reviewer: str) -> SpeakerEdit:
    """Move one alias, and every claim that names the speaker by it, to a new speaker.

    The new speaker takes the alias as its name and the old speaker's kind;
    its merge key is unique to this split, so later ingests do not fold it
    back in by accident.
    """
    now = utc_now()
    with write_transaction(conn):
        row = conn.execute(
            "SELECT al.alias, al.speaker_id, al.first_article_id, sp.kind, coalesce(sp.merged_into, sp.id)"
            " FROM speaker_aliases al JOIN speakers sp ON sp.id = al.speaker_id WHERE al.id = ?",
            (alias_id,)).fetchone()
        if row is None:
            raise StorageError(f"no speaker alias with id {alias_id}")
        alias, holder, first_article, kind, effective = row
        n_aliases = conn.execute(
            "SELECT count(*) FROM speaker_aliases al JOIN speakers sp ON sp.id = al.speaker_id"
            " WHERE sp.id = ? OR sp.merged_into = ?", (effective, effective)).fetchone()[0]
        if n_aliases < 2:
            raise StorageError(f"{alias!r} is this speaker's only alias; there is nothing to split it from")
        new_id = conn.execute(
            "INSERT INTO speakers (name, kind, merge_key, article_id, created_at) VALUES (?, ?, ?, ?, ?)",
            (alias, kind, f"split:{alias_id}:{kind}:{normalise(alias) or 'unnamed'}", None, now)).lastrowid
        conn.execute("UPDATE speaker_aliases SET speaker_id = ? WHERE id = ?", (new_id, alias_id))
        moved = conn.execute("UPDATE claims SET speaker_id = ? WHERE alias_id = ?", (new_id, alias_id)).rowcount
        conn.execute(
            "INSERT INTO speaker_events (action, speaker_id, other_speaker_id, alias, reviewer, created_at)"
            " VALUES ('split', ?, ?, ?, ?, ?)", (effective, new_id, alias, reviewer, now))
    return SpeakerEdit("split", effective, new_id, alias, moved)
