"""Provides the review screen's navigation: next/previous unreviewed claim, go to a claim, the queue's true ends,
copying a claim with its citation, opening the article's url, and the disputed queue.

A mixin for :class:`~workbench.tui.screens.review.ReviewScreen`: the reads run
in thread workers (the target may be far outside the loaded window) and come
back as :class:`JumpTarget`; the screen then loads a window around the target.
"""

from __future__ import annotations

import dataclasses

from textual import work
from textual.worker import get_current_worker

from ...storage import connect
from ...storage import queue as q
from ..clipboard import citation, clipboard_problem, open_in_browser
from ..messages import JumpTarget
from ..widgets.detail_pane import DetailPane
from .dialogs import PromptDialog, TextDialog
from .group_paging import GroupPagingMixin


class NavigationMixin(GroupPagingMixin):
    """Keys that move through the whole queue, not just the loaded window (and through a claim's group)."""

    # -- next / previous unreviewed ------------------------------------------

    def action_jump_unreviewed(self, step: int) -> None:
        if self.flt.status not in (None, "unreviewed"):
            self.app.notify(f"The queue shows {self.flt.status} claims only: backspace clears the filter",
                            severity="warning")
            return
        row = self.table.current
        self.find_unreviewed(self.flt, row.claim_id if row else None, step)

    @work(thread=True, group="jump", exclusive=True)
    def find_unreviewed(self, flt: q.QueueFilter, claim_id: int | None, step: int) -> None:
        todo = dataclasses.replace(flt, status="unreviewed")
        conn = connect(self.app.db_path)
        try:
            if step > 0:
                rows = q.page_after(conn, todo, claim_id, 1)
            else:
                rows = q.page_before(conn, todo, claim_id, 1) if claim_id is not None else []
            left = q.count(conn, todo).n if not rows else 0
        finally:
            conn.close()
        if get_current_worker().is_cancelled:
            return
        where = "after" if step > 0 else "before"
        message = None if rows else (f"No unreviewed claim {where} this one" +
                                     (f" ({left:,} elsewhere in the queue)" if left else ": all reviewed"))
        self.post_message(JumpTarget(rows[0].claim_id if rows else None, flt, message))

    # -- go to a claim, the ends of the queue ----------------------------------

    def action_queue_start(self) -> None:
        self._last_detail = None
        self.load_window(self.flt, None, "start")

    def action_queue_end(self) -> None:
        self._last_detail = None
        self.load_window(self.flt, None, "end")

    def action_goto(self) -> None:
        def chosen(value: str | None) -> None:
            text = (value or "").strip().lstrip("#")
            if not text:
                return
            if not text.isdigit():
                self.app.notify(f"{text!r} is not a claim id: type a number such as 42", severity="warning")
                return
            self.find_claim(self.flt, int(text))

        self.app.push_screen(PromptDialog("Go to claim #", placeholder="a claim id, e.g. 42",
                                          hint="Enter to go · Escape to cancel"), chosen)

    @work(thread=True, group="jump", exclusive=True)
    def find_claim(self, flt: q.QueueFilter, claim_id: int) -> None:
        """Is the claim in this queue? If only the filters hide it, they are cleared; else say why not."""
        conn = connect(self.app.db_path)
        try:
            row = conn.execute("SELECT excluded, superseded FROM claim_current WHERE claim_id = ?",
                               (claim_id,)).fetchone()
            shown = bool(row) and [r.claim_id for r in q.page_after(conn, flt, claim_id, 1, inclusive=True)] == [claim_id]
        finally:
            conn.close()
        if get_current_worker().is_cancelled:
            return
        if row is None:
            self.post_message(JumpTarget(None, flt, f"There is no claim #{claim_id}"))
        elif row[0]:
            self.post_message(JumpTarget(None, flt, f"Claim #{claim_id} was taken out of the queue (not a claim, or"
                                                    " merged into another); its article view still shows it"))
        elif row[1] and flt.article_id is None:
            self.post_message(JumpTarget(None, flt, f"Claim #{claim_id} is in a superseded version of its article:"
                                                    " pick that version with a (articles) to see it"))
        elif shown:
            self.post_message(JumpTarget(claim_id, flt))
        else:
            self.post_message(JumpTarget(claim_id, q.QueueFilter(order=flt.order),
                                         f"Claim #{claim_id} is not in the filtered queue: filters cleared"))

    def on_jump_target(self, message: JumpTarget) -> None:
        """Show where a navigation key leads (named handler: ``@on`` is not collected from a mixin)."""
        if message.message:
            self.app.notify(message.message, severity="warning" if message.claim_id is None else "information")
        if message.claim_id is None:
            return
        if message.flt != self.flt:
            self.apply_filter(message.flt, message.claim_id)
            return
        index = next((i for i, r in enumerate(self.table.rows_window) if r.claim_id == message.claim_id), None)
        if index is not None:
            self.table.move_cursor(row=index)
        else:
            self._last_detail = None
            self.load_window(self.flt, message.claim_id, "jump")

    # -- copy with citation, open the url ---------------------------------------

    def _detail_of_current(self):
        row = self.table.current
        detail = self.query_one(DetailPane).detail
        if row is None or detail is None or detail.claim_id != row.claim_id:
            self.app.notify("The claim's details are still loading; try again in a moment", severity="warning")
            return None
        return detail

    def action_copy_citation(self) -> None:
        detail = self._detail_of_current()
        if detail is not None:
            self.copy_text(citation(detail), detail.claim_id)

    @work(thread=True, group="clipboard", exclusive=True)
    def copy_text(self, text: str, claim_id: int) -> None:
        problem = clipboard_problem()  # may ask tmux: off the UI thread
        self.app.call_from_thread(self._copied, text, claim_id, problem)

    def _copied(self, text: str, claim_id: int, problem: str | None) -> None:
        if problem:
            self.app.push_screen(TextDialog(f"Claim #{claim_id} with its citation", text,
                                            f"Not copied: {problem}. Select the text with the mouse (in tmux: hold"
                                            " shift) and copy it yourself."))
            return
        self.app.copy_to_clipboard(text)
        self.app.notify(f"Copied claim #{claim_id} with its citation to the clipboard (OSC 52)")

    def action_open_url(self) -> None:
        detail = self._detail_of_current()
        if detail is None:
            return
        if not detail.article_url:
            self.app.notify(f"Article #{detail.article_id} has no url (it came from {detail.article_source or 'a file'})",
                            severity="warning")
            return
        open_in_browser(self.app, detail.article_url)

    # -- the disputed queue ---------------------------------------------------------

    def action_disputes(self) -> None:
        from .disputes import DisputesScreen

        def back(claim_id: int | None) -> None:
            self._last_detail = None
            if claim_id is not None:
                self.find_claim(self.flt, claim_id)
            else:
                self.action_reload()

        self.app.push_screen(DisputesScreen(self.reviewer), back)
