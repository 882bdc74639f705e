"""Provides a claim's correction history, and undoing a correction (appending the events that restore what was before it)."""

from __future__ import annotations

import sqlite3

from .absorb import release_absorbed
from .db import StorageError, write_transaction
from .ingest import utc_now
from .rescore import rescore
from .corrections import ClaimSpan, CorrectionEvent, _append


def _before(conn: sqlite3.Connection, claim_id: int, event_id: int) -> ClaimSpan:
    """The claim's corrected values as they were just before ``event_id`` (replaying earlier events)."""
    c = conn.execute("SELECT article_id, start, end, text, speaker_id, mention_start, mention_end, mention_text"
                     " FROM claims WHERE id = ?", (claim_id,)).fetchone()
    state = {"start": c[1], "end": c[2], "text": c[3], "speaker_id": c[4], "mention_start": c[5],
             "mention_end": c[6], "mention_text": c[7], "excluded": None}
    for action, sid, ms, me, mt, s, e, t in conn.execute(
            "SELECT action, speaker_id, mention_start, mention_end, mention_text, start, end, text"
            " FROM correction_events WHERE claim_id = ? AND id < ? ORDER BY id", (claim_id, event_id)):
        if action == "speaker":
            state["speaker_id"] = sid
        if action == "mention" or (action == "speaker" and ms is not None):
            state.update(mention_start=ms, mention_end=me, mention_text=mt)
        if s is not None:
            state.update(start=s, end=e, text=t)
        if action in ("not_claim", "merged"):
            state["excluded"] = action
        elif action == "restore":
            state["excluded"] = None
    return state  # type: ignore[return-value]


def undo(conn: sqlite3.Connection, event_id: int, reviewer: str) -> list[CorrectionEvent]:
    """Append the events that put back what ``event_id`` changed (its partner's too, for split and merge).

    A split's second claim is marked not-a-claim (its own history stays); a
    merged claim is restored.
    """
    now = utc_now()
    with write_transaction(conn):
        row = conn.execute("SELECT claim_id, action, other_claim_id, origin FROM correction_events WHERE id = ?",
                           (event_id,)).fetchone()
        if row is None:
            raise StorageError(f"no correction event with id {event_id}")
        claim_id, action, other, origin = row
        prev = _before(conn, claim_id, event_id)
        out = []
        if action == "span" and origin == "added":  # a claim a reviewer added: it is not a claim after all
            out.append(_append(conn, claim_id, "not_claim", reviewer, now, undoes_event_id=event_id))
        elif action == "speaker":
            out.append(_append(conn, claim_id, "speaker", reviewer, now, speaker_id=prev["speaker_id"],
                               mention_start=prev["mention_start"], mention_end=prev["mention_end"],
                               mention_text=prev["mention_text"], undoes_event_id=event_id))
        elif action == "mention":
            out.append(_append(conn, claim_id, "mention", reviewer, now, mention_start=prev["mention_start"],
                               mention_end=prev["mention_end"], mention_text=prev["mention_text"],
                               undoes_event_id=event_id))
        elif action in ("not_claim", "merged"):
            out.append(_append(conn, claim_id, "restore", reviewer, now, undoes_event_id=event_id))
        elif action == "restore":
            out.append(_append(conn, claim_id, "not_claim", reviewer, now, undoes_event_id=event_id))
        elif action in ("span", "split", "merge"):
            out.append(_append(conn, claim_id, "span", reviewer, now, start=prev["start"], end=prev["end"],
                               text=prev["text"], undoes_event_id=event_id))
            if action == "split" and other is not None:
                out.append(_append(conn, other, "not_claim", reviewer, now, undoes_event_id=event_id))
            elif action == "merge" and other is not None:
                out.append(_append(conn, other, "restore", reviewer, now, undoes_event_id=event_id))
            release_absorbed(conn, event_id, reviewer, now)
        rescore(conn, [e.claim_id for e in out])
    return out


def history(conn: sqlite3.Connection, claim_id: int) -> list[CorrectionEvent]:
    """Every correction event of a claim, oldest first, with speaker names."""
    return [CorrectionEvent(*r) for r in conn.execute(
        "SELECT e.id, e.claim_id, e.action, e.reviewer, e.created_at, e.speaker_id, e.mention_start,"
        " e.mention_end, e.mention_text, e.start, e.end, e.text, e.other_claim_id, e.undoes_event_id, s.name"
        " FROM correction_events e LEFT JOIN speakers s0 ON s0.id = e.speaker_id"
        " LEFT JOIN speakers s ON s.id = coalesce(s0.merged_into, s0.id)"
        " WHERE e.claim_id = ? ORDER BY e.id", (claim_id,))]
