"""Provides the review screen's reads: thread workers that load the queue window, its position, more rows, a claim's detail and the counts, each posting a typed message (latest load wins)."""

from __future__ import annotations

from textual import work
from textual.worker import get_current_worker

from ...storage import connect
from ...storage import queue as q
from ..messages import CountsLoaded, DetailLoaded, PositionLoaded, QueueExtended, QueueLoaded

# Rows loaded around the cursor: the table shows a window of the queue, never all of it.
WINDOW = q.PAGE_SIZE * 3


class LoadsMixin:
    """Database reads for :class:`~workbench.tui.screens.review.ReviewScreen`, each in its own exclusive worker group."""

    @work(thread=True, group="load", exclusive=True)
    def load_window(self, flt: q.QueueFilter, anchor: int | None, reason: str) -> None:
        """Read a window of rows around ``anchor`` (keyset), or the queue's last rows (reason "end"), and the total."""
        conn = connect(self.db_path)
        try:
            if reason == "end":
                rows = q.page_end(conn, flt, WINDOW)
                index, anchor = max(0, len(rows) - 1), rows[-1].claim_id if rows else None
            else:
                rows, index = q.page_around_at(conn, flt, anchor, WINDOW)
            at_start = not rows or not q.page_before(conn, flt, rows[0].claim_id, 1)
            at_end = not rows or not q.page_after(conn, flt, rows[-1].claim_id, 1)
            total = q.count(conn, flt)
        finally:
            conn.close()
        if not get_current_worker().is_cancelled:
            self.post_message(QueueLoaded(flt, rows, anchor, at_start, at_end, total, None, reason, index))

    @work(thread=True, group="position", exclusive=True)
    def load_position(self, flt: q.QueueFilter, first_claim: int) -> None:
        """Count the matching claims before the window (bounded), for "n of total"."""
        conn = connect(self.db_path)
        try:
            base = q.count(conn, flt, below=first_claim)
        finally:
            conn.close()
        if not get_current_worker().is_cancelled:
            self.post_message(PositionLoaded(flt, first_claim, base))

    @work(thread=True, group="more", exclusive=True)
    def load_more(self, flt: q.QueueFilter, direction: str, claim_id: int) -> None:
        """The next page beyond one end of the window (keyset)."""
        conn = connect(self.db_path)
        try:
            if direction == "down":
                rows = q.page_after(conn, flt, claim_id, q.PAGE_SIZE + 1)
            else:
                rows = q.page_before(conn, flt, claim_id, q.PAGE_SIZE + 1)
        finally:
            conn.close()
        exhausted = len(rows) <= q.PAGE_SIZE
        rows = rows[:q.PAGE_SIZE] if direction == "down" else rows[-q.PAGE_SIZE:]
        if not get_current_worker().is_cancelled:
            self.post_message(QueueExtended(flt, rows, direction, exhausted))

    @work(thread=True, group="detail", exclusive=True)
    def load_detail(self, claim_id: int) -> None:
        conn = connect(self.db_path)
        try:
            detail = q.claim_detail(conn, claim_id)
        finally:
            conn.close()
        if not get_current_worker().is_cancelled:
            self.post_message(DetailLoaded(claim_id, detail))

    @work(thread=True, group="counts", exclusive=True)
    def load_counts(self, article_id: int | None, claim_ids: list[int]) -> None:
        """Status counts (status_counts table), the article's progress, and the window's statuses."""
        conn = connect(self.db_path)
        try:
            counts = q.status_counts(conn)
            progress = q.article_progress(conn, article_id) if article_id is not None else None
            statuses = q.claim_statuses(conn, claim_ids)
        finally:
            conn.close()
        if not get_current_worker().is_cancelled:
            self.post_message(CountsLoaded(counts, progress, statuses))

    def refresh_counts(self) -> None:
        """Periodic: re-read the window's statuses and the counts, so other reviewers' marks show."""
        self.load_counts(self.article_id, [r.claim_id for r in self.table.rows_window])
