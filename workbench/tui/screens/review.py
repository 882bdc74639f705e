"""Provides the main review screen: the claims queue, the detail pane, filters and marking keys.

Database reads run in thread workers that post typed messages (latest load
wins); marks go to the app's single review writer, are shown at once as
pending, and are reported as stored only when committed.

Corrections of the extraction (speaker, mention, not a claim, span, split,
merge) go to the same writer; ``z`` undoes the last mark or correction.
The screen's reads, correction keys, filters and navigation are mixins in
``review_loads``, ``review_corrections``, ``review_filters`` and ``navigation``;
the ``@on`` handlers stay here (Textual collects them from the screen class).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from ...storage import queue as q
from ...storage import span_steps
from ..messages import (CorrectionStored, CountsLoaded, DetailLoaded, GroupMarked, PositionLoaded, QueueExtended,
                        QueueLoaded, ReviewFailed, ReviewStored, SpeakersForClaim)
from ..widgets.claim_table import ClaimTable
from ..widgets.detail_pane import DetailPane
from ..widgets.filter_bar import FilterBar
from ..widgets.status_line import StatusLine
from ..writer import WriteRequest
from .dialogs import ChoiceDialog, HelpScreen, PromptDialog
from .navigation import NavigationMixin
from .review_corrections import CorrectionsMixin
from .review_filters import FiltersMixin
from .review_loads import LoadsMixin
from .review_keys import MARK_ACTIONS, REVIEW_BINDINGS, binding_rows, cut_label


class ReviewScreen(LoadsMixin, CorrectionsMixin, FiltersMixin, NavigationMixin, Screen):
    """Work through the claims queue, one key per claim."""

    CSS_PATH = "review.tcss"
    AUTO_FOCUS = "#queue"

    BINDINGS = REVIEW_BINDINGS

    def __init__(self, reviewer: str, refresh_interval: float | None = 5.0, **kwargs) -> None:
        super().__init__(**kwargs)
        self.reviewer = reviewer
        self.refresh_interval = refresh_interval
        self.flt = q.QueueFilter()
        self.base: int | None = None  # matching claims before the window's first row
        self.article_id: int | None = None
        self._advance_pending = False
        self._last_detail: int | None = None
        self._had_none = True
        self._shown_detail: int | None = None

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter-bar")
        yield ClaimTable(id="queue")
        yield DetailPane(id="detail")
        yield StatusLine(self.reviewer, guessed=getattr(self.app, "reviewer_source", "") == "login name",
                         adjudicator=getattr(self.app, "adjudicator", False), id="status-line")
        # The palette (ctrl+p) is listed on "?": its footer entry would push "Help" and "Quit" off 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(FilterBar).show(self.flt)
        self.load_window(self.flt, None, "start")
        if self.refresh_interval:
            self.set_interval(self.refresh_interval, self.refresh_counts, name="periodic-refresh")

    @property
    def table(self) -> ClaimTable:
        return self.query_one(ClaimTable)

    @property
    def db_path(self) -> str:
        return self.app.db_path

    # -- results (attributes down) ------------------------------------------

    @on(QueueLoaded)
    def show_window(self, message: QueueLoaded) -> None:
        if message.flt != self.flt:
            return
        table = self.table
        cursor = message.anchor if message.reason != "start" else None
        table.show_window(message.rows, at_start=message.at_start, at_end=message.at_end, cursor_claim=cursor,
                          cursor_index=message.cursor_index if cursor is not None else None)
        status = self.query_one(StatusLine)
        status.total = message.total
        self.base = 0 if message.at_start else None
        if message.rows and not message.at_start:
            self.load_position(self.flt, message.rows[0].claim_id)
        if not message.rows:
            self.query_one(DetailPane).show(None, "No claims match these filters. Backspace clears them."
                                            if not self.flt.empty else "No claims yet.")
            status.position = None
            status.progress = None
            self.article_id = None
            status.show()
        self.refresh_counts()

    @on(PositionLoaded)
    def show_position(self, message: PositionLoaded) -> None:
        table = self.table
        if message.flt == self.flt and table.rows_window and table.rows_window[0].claim_id == message.first_claim:
            self.base = message.base.n
            self._show_position()

    @on(QueueExtended)
    def extend_window(self, message: QueueExtended) -> None:
        if message.flt != self.flt:
            self.table.cancel_loading()
            return
        trimmed = self.table.extend_window(message.rows, message.direction, message.exhausted)
        if self.base is not None:
            self.base += trimmed
        if self._advance_pending and message.direction == "down":
            self._advance_pending = False
            self.table.action_cursor_down()

    @on(ClaimTable.ClaimHighlighted)
    def follow_cursor(self, message: ClaimTable.ClaimHighlighted) -> None:
        row = message.row
        self._show_position()
        if (row is None) != self._had_none:
            self._had_none = row is None
            self.refresh_bindings()  # grey out / enable the marking keys
        if row is None:
            return
        if row.claim_id != self._last_detail:
            self._last_detail = row.claim_id
            # After the cursor is painted, so the read never delays the move itself.
            self.call_after_refresh(self._load_detail_if_current, row.claim_id)
        if row.article_id != self.article_id:
            self.article_id = row.article_id
            self.refresh_counts()

    def _load_detail_if_current(self, claim_id: int) -> None:
        if self._last_detail == claim_id:  # skipped when the cursor has already moved on
            self.load_detail(claim_id)

    @on(ClaimTable.RowSelected)
    def open_article(self) -> None:
        """Enter on a row (the table takes the key before the screen's binding sees it)."""
        self.action_article_view()

    @on(ClaimTable.EdgeReached)
    def fetch_more(self, message: ClaimTable.EdgeReached) -> None:
        self.load_more(self.flt, message.direction, message.claim_id)

    @on(DetailLoaded)
    def show_detail(self, message: DetailLoaded) -> None:
        current = self.table.current
        if current is not None and current.claim_id == message.claim_id:
            self.query_one(DetailPane).show(message.detail, "This claim is gone (deleted by another tool).")
            self._shown_detail = message.claim_id

    @on(CountsLoaded)
    def show_counts(self, message: CountsLoaded) -> None:
        status = self.query_one(StatusLine)
        status.counts = message.counts
        status.progress = message.progress
        status.show()
        table = self.table
        for claim_id, st in message.statuses.items():
            if claim_id not in table.pending:
                table.set_status(claim_id, st)

    def _show_position(self) -> None:
        status = self.query_one(StatusLine)
        table = self.table
        status.position = self.base + table.cursor_row + 1 if self.base is not None and table.current else None
        status.show()

    # -- writes ------------------------------------------------------------

    def _write(self, action: str, claim_id: int | None, status: str | None = None, text: str | None = None) -> None:
        self.app.submit_write(WriteRequest(action, claim_id, self, status=status, text=text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MARK_ACTIONS and self.is_mounted and self.table.current is None:
            return None  # shown greyed out: no claim highlighted
        return True

    def action_mark(self, status: str) -> None:
        row = self.table.current
        if row is None:
            return
        self.table.set_status(row.claim_id, status, pending=True)
        self._write("mark", row.claim_id, status=status)
        self._advance()

    def action_clear_mark(self) -> None:
        row = self.table.current
        if row is None:
            return
        if self.table.pending.get(row.claim_id, row.status) == "unreviewed":
            self.app.notify(f"Claim #{row.claim_id} is unreviewed: there is no mark to clear", severity="warning")
            return
        self.table.set_status(row.claim_id, "unreviewed", pending=True)
        self._write("clear", row.claim_id)
        self._advance()

    def _advance(self) -> None:
        table = self.table
        if table.cursor_row < len(table.rows_window) - 1:
            table.action_cursor_down()
        elif not table.at_end:
            self._advance_pending = True

    def action_undo(self) -> None:
        self._write("undo", None)

    def action_note(self) -> None:
        row = self.table.current
        if row is None:
            return

        def save(text: str | None) -> None:
            if text and text.strip():
                self._write("note", row.claim_id, text=text.strip())

        self.app.push_screen(PromptDialog(f"Note on claim #{row.claim_id}", placeholder="What did you find?"), save)

    def action_evidence(self) -> None:
        row = self.table.current
        if row is None:
            return

        def save(url: str | None) -> None:
            if url and url.strip():
                self._write("evidence", row.claim_id, text=url.strip())

        self.app.push_screen(PromptDialog(f"Evidence URL for claim #{row.claim_id}", placeholder="https://…"), save)

    def action_mark_group(self) -> None:
        """Apply the highlighted claim's stored status to its near-duplicate group (one event per claim)."""
        row = self.table.current
        if row is None:
            return
        detail = self.query_one(DetailPane).detail
        status = self.table.pending.get(row.claim_id, row.status)
        if status == "unreviewed":
            self.app.notify(f"Claim #{row.claim_id} is unreviewed: mark it (s, u or c) first, then g applies that"
                            " status to its group", severity="warning", markup=False)
            return
        if detail is not None and detail.claim_id == row.claim_id and not detail.group:
            self.app.notify(f"Claim #{row.claim_id} has no matches elsewhere: no group to mark", severity="warning",
                            markup=False)
            return
        self._write("group", row.claim_id)

    @on(GroupMarked)
    def group_marked(self, message: GroupMarked) -> None:
        n = len(message.statuses)
        if message.undone:
            self.app.notify(f"Undone: group mark of claim #{message.claim_id} ({n} claim{'s' * (n != 1)})",
                            markup=False)
        elif n <= 1:
            self.app.notify(f"Claim #{message.claim_id} has no matches elsewhere: no group to mark",
                            severity="warning", markup=False)
        else:
            self.app.notify(f"Marked {n} claims {message.status} (claim #{message.claim_id} and {n - 1} elsewhere)",
                            markup=False)
        for claim_id, status in message.statuses.items():
            self.table.set_status(claim_id, status)
        current = self.table.current
        if current is not None and current.claim_id in message.statuses:
            self.load_detail(current.claim_id)
        self.refresh_counts()

    # -- corrections -----------------------------------------------------------

    @on(SpeakersForClaim)
    def open_correction_dialog(self, message: SpeakersForClaim) -> None:
        from .speaker_dialog import ReassignSpeakerDialog

        kind, span = message.span
        claim_id = message.claim_id
        if kind == "reassign":
            name = next((s.name for s in message.speakers if s.speaker_id == span.speaker_id), "")
            current = self.table.current
            if current is not None and current.claim_id == claim_id:
                name = current.speaker

            def chosen(payload: dict | None) -> None:
                if payload:
                    self._correct("speaker", claim_id, **payload)

            self.app.push_screen(ReassignSpeakerDialog(claim_id, name, message.speakers), chosen)
            return
        cuts = span_steps.word_boundaries(message.article_text, span.start, span.end)
        context = max(12, (min(70, int(self.app.size.width * 0.95)) - 18) // 2)  # one line per cut in the dialog
        if not cuts:
            self.app.notify("This claim is one word: nothing to split", severity="warning", markup=False)
            return

        def cut(at: str | None) -> None:
            if at is not None:
                self._correct("split", claim_id, at=int(at))

        self.app.push_screen(ChoiceDialog(f"Split claim #{claim_id}: first part ends after", [
            (str(at), cut_label(first, second, context)) for at, first, second in cuts]), cut)

    @on(CorrectionStored)
    def correction_stored(self, message: CorrectionStored) -> None:
        labels = {"speaker": "Speaker changed", "mention": "Mention re-pointed", "not_claim": "Marked not a claim",
                  "restore": "Back in the queue", "span": "Span changed", "split": "Split",
                  "merge": "Merged with the next claim", "undo": "Correction undone"}
        extra = f" (new claim #{message.other_claim_id})" if message.action == "split" else ""
        self.app.notify(f"{labels.get(message.action, message.action)}: claim #{message.claim_id}{extra}",
                        markup=False)
        current = self.table.current
        # Stay on the claim corrected (or the undone one), unless it just left the queue.
        anchor = message.claim_id if message.action not in ("not_claim",) else (
            current.claim_id if current is not None else message.claim_id)
        self._last_detail = None
        self.load_window(self.flt, anchor, "refresh")

    @on(ReviewStored)
    def review_stored(self, message: ReviewStored) -> None:
        table = self.table
        event = message.event
        table.set_status(message.claim_id, message.claim_status or event.status)
        if message.claim_status == "disputed" and message.action in ("mark", "clear", "undo"):
            self.app.notify(f"Claim #{message.claim_id} is disputed: its reviewers' decisions differ. D shows them"
                            " side by side; an adjudicator decides.", severity="warning")
        elif message.action == "undo_note":
            self.app.notify(f"Undone: that note or evidence URL is taken back from claim #{message.claim_id}")
        elif message.action == "undo":
            self.app.notify(f"Undone: claim #{message.claim_id} is {event.status} again", markup=False)
            for i, r in enumerate(table.rows_window):
                if r.claim_id == message.claim_id:
                    table.move_cursor(row=i)
        elif message.action in ("note", "evidence"):
            self.app.notify(f"{message.action.capitalize()} saved on claim #{message.claim_id}", markup=False)
        current = table.current
        if current is not None and current.claim_id == message.claim_id:
            self.load_detail(message.claim_id)
        self.refresh_counts()

    @on(ReviewFailed)
    def review_failed(self, message: ReviewFailed) -> None:
        self.app.notify(f"Not saved: {message.error}", severity="error" if message.claim_id else "warning",
                        markup=False)
        if message.claim_id is not None:
            self.table.pending.pop(message.claim_id, None)
            self.refresh_counts()

    # -- other screens -------------------------------------------------------

    def action_articles(self) -> None:
        from .articles import ArticlesScreen

        def chosen(result: tuple[int, str] | None) -> None:
            if result is not None:
                self.filter_article(*result)

        self.app.push_screen(ArticlesScreen(), chosen)

    def action_speakers(self) -> None:
        from .speakers import SpeakersScreen

        def chosen(result: tuple[int, str] | None) -> None:
            if result is not None:
                self.filter_speaker(*result)
            else:
                self.action_reload()  # merges and splits change speaker names in the queue

        self.app.push_screen(SpeakersScreen(self.reviewer), chosen)

    def action_article_view(self) -> None:
        from .article import ArticleScreen

        row = self.table.current
        if row is None:
            return

        def back(claim_id: int | None) -> None:
            self.load_window(self.flt, claim_id if claim_id is not None else row.claim_id, "refresh")

        self.app.push_screen(ArticleScreen(row.article_id, row.claim_id), back)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(binding_rows(self)))

