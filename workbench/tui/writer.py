"""Provides the review writer: every mark, note, correction and undo is stored at once, in the order made.

Each key press queues a :class:`WriteRequest` and starts a thread worker
(``group="write"``, never exclusive). A worker takes the request at the head
of the queue under a lock, so writes are serialized and happen in key-press
order whichever thread runs first: ``z`` right after ``s`` undoes that mark.
Each write opens a short-lived connection and goes through
:mod:`workbench.storage.reviews` (its own ``BEGIN IMMEDIATE`` transaction,
retried while another reviewer holds the lock), so it is committed, and
survives a crash, before the UI reports it stored.

Corrections of the extraction (speaker, mention, not-a-claim, span, split,
merge) go through :mod:`workbench.storage.corrections` the same way and share
the one undo stack, so ``z`` undoes the last mark or correction, whichever
came last.
"""

from __future__ import annotations

import collections
import sqlite3
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..storage import connect, correction_history, corrections, disputes, reviews
from ..storage.added_claims import add_claim
from ..storage.db import StorageError
from ..storage.triage import group_claim_ids
from ..services.triage import mark_group
from .messages import Adjudicated, ClaimAdded, CorrectionStored, GroupMarked, ReviewFailed, ReviewStored

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

# Actions whose events "z" can undo: marks and clears restore your status; notes and evidence are taken back.
UNDOABLE = {"mark": "review", "clear": "review", "note": "note", "evidence": "note"}
# Corrections of the extraction; each is undoable.
CORRECTIONS = {"speaker", "mention", "not_claim", "restore", "span", "split", "merge"}


@dataclass(frozen=True)
class WriteRequest:
    action: str  # mark, clear, note, evidence, undo, group, adjudicate, or a correction
    claim_id: int | None
    reply_to: "MessagePump"
    status: str | None = None
    text: str | None = None
    # Correction arguments: speaker_id / new_speaker / mention, start / end, at.
    payload: dict | None = None


class ReviewWriter:
    """Ordered review writes for one reviewer session, with its undo stack."""

    def __init__(self, db_path: str, reviewer: str):
        self.db_path = db_path
        self.reviewer = reviewer
        self._requests: collections.deque[WriteRequest] = collections.deque()
        self._lock = threading.Lock()
        # (event id, claim id, kind) of this session's marks, clears ("review") and corrections
        # ("correction"), newest last; a group mark is one entry, (event ids, claim id, "group").
        self.undo_stack: list[tuple[int | tuple[int, ...], int, str]] = []

    def enqueue(self, request: WriteRequest) -> None:
        """Queue a write (UI thread); a worker must then call :meth:`write_next`."""
        self._requests.append(request)

    def write_next(self) -> None:
        """Store the oldest queued request (worker thread) and post the outcome to its sender."""
        with self._lock:
            request = self._requests.popleft()
            try:
                conn = connect(self.db_path)
            except StorageError as exc:
                request.reply_to.post_message(ReviewFailed(request.action, request.claim_id, str(exc)))
                return
            try:
                self._handle(conn, request)
            finally:
                conn.close()

    def _handle(self, conn: sqlite3.Connection, r: WriteRequest) -> None:
        who = self.reviewer
        if r.action in CORRECTIONS:
            self._correct(conn, r)
            return
        if r.action == "group":
            self._mark_group(conn, r)
            return
        if r.action == "adjudicate":
            self._adjudicate(conn, r)
            return
        if r.action == "add_claim":
            self._add_claim(conn, r)
            return
        try:
            if r.action == "mark":
                event = reviews.mark(conn, r.claim_id, r.status, who)
            elif r.action == "clear":
                event = reviews.clear(conn, r.claim_id, who)
            elif r.action == "note":
                event = reviews.add_note(conn, r.claim_id, r.text, who)
            elif r.action == "evidence":
                event = reviews.add_evidence(conn, r.claim_id, r.text, who)
            elif r.action == "undo":
                if not self.undo_stack:
                    r.reply_to.post_message(ReviewFailed("undo", None, "nothing to undo in this session"))
                    return
                event_id, _claim, kind = self.undo_stack[-1]
                if kind == "group":
                    self._undo_group(conn, r, event_id, _claim)
                    return
                if kind == "correction":
                    undone = correction_history.undo(conn, event_id, who)
                    self.undo_stack.pop()
                    r.reply_to.post_message(CorrectionStored("undo", undone[0].claim_id, undone,
                                                             undone[1].claim_id if len(undone) > 1 else None))
                    return
                if kind == "adjudication":
                    decision = disputes.undo_adjudication(conn, event_id, who)
                    self.undo_stack.pop()
                    r.reply_to.post_message(Adjudicated(decision.claim_id, decision,
                                                        reviews.stored_status(conn, decision.claim_id), undone=True))
                    return
                event = reviews.undo(conn, event_id, who)
                self.undo_stack.pop()
                if kind == "note":
                    r.reply_to.post_message(ReviewStored("undo_note", event.claim_id, event,
                                                         reviews.stored_status(conn, event.claim_id)))
                    return
            else:  # pragma: no cover - programming error
                raise ValueError(f"unknown write action {r.action!r}")
        except (StorageError, sqlite3.Error) as exc:
            r.reply_to.post_message(ReviewFailed(r.action, r.claim_id, str(exc)))
            return
        if r.action in UNDOABLE:
            self.undo_stack.append((event.id, event.claim_id, UNDOABLE[r.action]))
        r.reply_to.post_message(ReviewStored(r.action, event.claim_id, event,
                                             reviews.stored_status(conn, event.claim_id)))

    def _add_claim(self, conn: sqlite3.Connection, r: WriteRequest) -> None:
        """Store a claim the reviewer selected in the article view; undone like a correction."""
        p = r.payload or {}
        try:
            mention = None
            if p.get("mention_words"):
                text = conn.execute("SELECT text FROM articles WHERE id = ?", (p["article_id"],)).fetchone()[0]
                at = text.find(p["mention_words"], max(0, p["start"] - 300))
                at = at if at >= 0 else text.find(p["mention_words"])
                mention = (at, at + len(p["mention_words"])) if at >= 0 else None
            event, claim_id = add_claim(conn, p["article_id"], p["start"], p["end"], self.reviewer,
                                        speaker_id=p.get("speaker_id"), new_speaker=p.get("new_speaker"),
                                        mention=mention)
        except (StorageError, sqlite3.Error) as exc:
            r.reply_to.post_message(ClaimAdded(None, str(exc)))
            return
        self.undo_stack.append((event.id, claim_id, "correction"))
        r.reply_to.post_message(ClaimAdded(claim_id))

    def _adjudicate(self, conn: sqlite3.Connection, r: WriteRequest) -> None:
        """Decide a disputed claim (the screen checked the role); undoable like a mark."""
        p = r.payload or {}
        try:
            decision = disputes.adjudicate(conn, r.claim_id, r.status, self.reviewer, p.get("note"))
            status = reviews.stored_status(conn, r.claim_id)
        except (StorageError, sqlite3.Error) as exc:
            r.reply_to.post_message(ReviewFailed("adjudicate", r.claim_id, str(exc)))
            return
        self.undo_stack.append((decision.id, r.claim_id, "adjudication"))
        r.reply_to.post_message(Adjudicated(r.claim_id, decision, status))

    def _mark_group(self, conn: sqlite3.Connection, r: WriteRequest) -> None:
        """Apply the claim's current status to its whole group (one event per claim), through triage."""
        try:
            if len(group_claim_ids(conn, r.claim_id)) < 2:  # no group: write nothing
                r.reply_to.post_message(GroupMarked(r.claim_id, "", {}))
                return
            ids = mark_group(conn, r.claim_id, None, self.reviewer)
            rows = conn.execute(f"SELECT claim_id, status FROM review_events WHERE id IN ({','.join('?' * len(ids))})",
                                ids).fetchall()
        except (StorageError, sqlite3.Error) as exc:
            r.reply_to.post_message(ReviewFailed("group", r.claim_id, str(exc)))
            return
        statuses = dict(rows)
        self.undo_stack.append((tuple(ids), r.claim_id, "group"))
        r.reply_to.post_message(GroupMarked(r.claim_id, statuses.get(r.claim_id, ""), statuses))

    def _undo_group(self, conn: sqlite3.Connection, r: WriteRequest, event_ids: tuple[int, ...],
                    claim_id: int) -> None:
        """Undo a group mark: one undo event per claim of the group."""
        statuses: dict[int, str] = {}
        try:
            for event_id in event_ids:
                event = reviews.undo(conn, event_id, self.reviewer)
                statuses[event.claim_id] = event.status
        except (StorageError, sqlite3.Error) as exc:
            r.reply_to.post_message(ReviewFailed("undo", claim_id, str(exc)))
            return
        finally:
            if statuses:  # what was undone stays undone; the rest can be retried
                remaining = tuple(e for e in event_ids if e not in self._undone(conn, event_ids))
                if remaining:
                    self.undo_stack[-1] = (remaining, claim_id, "group")
                else:
                    self.undo_stack.pop()
        r.reply_to.post_message(GroupMarked(claim_id, statuses.get(claim_id, ""), statuses, undone=True))

    @staticmethod
    def _undone(conn: sqlite3.Connection, event_ids: tuple[int, ...]) -> set[int]:
        marks = ",".join("?" * len(event_ids))
        return {row[0] for row in conn.execute(
            f"SELECT undoes_event_id FROM review_events WHERE undoes_event_id IN ({marks})", event_ids)}

    def _correct(self, conn: sqlite3.Connection, r: WriteRequest) -> None:
        """Store one correction of the extraction and post :class:`CorrectionStored`."""
        who, p, other = self.reviewer, r.payload or {}, None
        try:
            if r.action == "speaker":
                mention = p.get("mention")
                if p.get("mention_words"):
                    mention = corrections.mention_for_words(conn, r.claim_id, p["mention_words"])
                event = corrections.reassign_speaker(conn, r.claim_id, p.get("speaker_id"), who,
                                                     new_speaker=p.get("new_speaker"), mention=mention)
            elif r.action == "mention":
                start, end = corrections.mention_for_words(conn, r.claim_id, p["words"])
                event = corrections.repoint_mention(conn, r.claim_id, start, end, who)
            elif r.action == "not_claim":
                event = corrections.not_claim(conn, r.claim_id, who)
            elif r.action == "restore":
                event = corrections.restore(conn, r.claim_id, who)
            elif r.action == "span":
                event = corrections.adjust_span_by(conn, r.claim_id, p["op"], who)
            elif r.action == "split":
                event, other = corrections.split(conn, r.claim_id, p["at"], who)
            else:  # merge
                event, other = corrections.merge_next(conn, r.claim_id, who)
        except (StorageError, sqlite3.Error) as exc:
            r.reply_to.post_message(ReviewFailed(r.action, r.claim_id, str(exc)))
            return
        self.undo_stack.append((event.id, event.claim_id, "correction"))
        r.reply_to.post_message(CorrectionStored(r.action, event.claim_id, [event], other))
