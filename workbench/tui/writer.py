"""Provides the review writer: one thread that stores every mark, note and undo in order.

Marks are queued by the UI and written by a single worker thread with its own
connection, in the order they were made, each in its own short ``BEGIN
IMMEDIATE`` transaction (via :mod:`workbench.storage.reviews`). Order matters:
``z`` right after ``s`` must undo that mark, so undo reads this session's stack
of committed event ids inside the same thread. Each outcome is posted back to
the widget that asked.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..storage import connect, reviews
from ..storage.db import StorageError
from .messages import ReviewFailed, ReviewStored

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

# Actions whose events can be undone with "z" (notes and evidence are not marks).
UNDOABLE = {"mark", "clear"}


@dataclass(frozen=True)
class WriteRequest:
    action: str  # mark, clear, note, evidence, undo
    claim_id: int | None
    reply_to: "MessagePump"
    status: str | None = None
    text: str | None = None


class ReviewWriter:
    """Serializes review writes on one thread; ``run`` is the worker body."""

    def __init__(self, db_path: str, reviewer: str):
        self.db_path = db_path
        self.reviewer = reviewer
        self._queue: queue.Queue[WriteRequest | None] = queue.Queue()
        self._undo: list[tuple[int, int]] = []  # (event id, claim id) of this session's marks
        self._stopped = threading.Event()

    def submit(self, request: WriteRequest) -> None:
        self._queue.put(request)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued write is committed (or failed). True if drained."""
        done = threading.Event()
        threading.Thread(target=lambda: (self._queue.join(), done.set()), daemon=True).start()
        return done.wait(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Write what is queued, then end the thread."""
        self._queue.put(None)
        self._stopped.wait(timeout)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def run(self) -> None:
        conn: sqlite3.Connection | None = None
        try:
            while True:
                request = self._queue.get()
                try:
                    if request is None:
                        return
                    if conn is None:
                        conn = connect(self.db_path)
                    self._handle(conn, request)
                finally:
                    self._queue.task_done()
        finally:
            if conn is not None:
                conn.close()
            self._stopped.set()

    def _handle(self, conn: sqlite3.Connection, r: WriteRequest) -> None:
        who = self.reviewer
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
                if not self._undo:
                    r.reply_to.post_message(ReviewFailed("undo", None, "nothing to undo in this session"))
                    return
                event_id, _claim = self._undo[-1]
                event = reviews.undo(conn, event_id, who)
                self._undo.pop()
            else:  # pragma: no cover - programming error
                raise ValueError(f"unknown write action {r.action!r}")
        except (StorageError, sqlite3.Error) as exc:
            r.reply_to.post_message(ReviewFailed(r.action, r.claim_id, str(exc)))
            return
        if r.action in UNDOABLE:
            self._undo.append((event.id, event.claim_id))
        r.reply_to.post_message(ReviewStored(r.action, event.claim_id, event))
