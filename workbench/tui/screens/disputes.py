"""Provides the disputed queue: claims whose reviewers disagree, each reviewer's mark and note side by side.

An adjudicator (``--adjudicator``, or named in the config file) decides with
``s``/``u``/``c`` and an optional note; the decision is an event that names the
marks it settles (:mod:`workbench.storage.disputes`) and ``z`` undoes it.
Everyone else sees the same screen and is told who can decide.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from ...storage import connect
from ...storage.disputes import Dispute, list_disputes
from ..literal import literal, one_line
from ..messages import Adjudicated, DisputesLoaded, ReviewFailed
from ..widgets.claim_table import BADGES
from ..writer import WriteRequest
from .dialogs import PromptDialog

PAGE = 200
STATUS_STYLE = {"sourced": "bold $success", "unsourced": "bold $error", "contested": "bold $warning"}


def marks_summary(d: Dispute) -> Text:
    """ "alice ✔ · bob ✘": each reviewer with their decision's sign, for the table."""
    out = Text(no_wrap=True, overflow="ellipsis")
    for i, m in enumerate(d.marks):
        if i:
            out.append(" · ", style="dim")
        out.append(one_line(m.reviewer))
        out.append(" " + BADGES.get(m.status, (m.status, ""))[0].split(" ")[0])
    return out


class DisputesScreen(Screen[int | None]):
    """Disputed claims in queue order; dismisses with a claim id to show it in the queue (Enter), or None."""

    CSS_PATH = "lists.tcss"
    AUTO_FOCUS = "#disputes-table"
    BINDINGS = [
        Binding("s", "decide('sourced')", "Sourced", tooltip="Adjudicate: decide the claim sourced", id="decide-sourced"),
        Binding("u", "decide('unsourced')", "Unsourced", tooltip="Adjudicate: decide the claim unsourced",
                id="decide-unsourced"),
        Binding("c", "decide('contested')", "Contested", tooltip="Adjudicate: decide the claim contested",
                id="decide-contested"),
        Binding("z", "undo_decision", "Undo", tooltip="Undo your last decision", id="decide-undo"),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
        Binding("enter", "show_in_queue", "In queue", tooltip="Back to the queue, on this claim", id="disputes-show"),
        Binding("escape,D,q", "back", "Back", tooltip="Back to the queue", id="disputes-back"),
    ]

    def __init__(self, reviewer: str) -> None:
        super().__init__()
        self.reviewer = reviewer
        self.rows: list[Dispute] = []
        self.exhausted = False

    @property
    def adjudicator(self) -> bool:
        return bool(getattr(self.app, "adjudicator", False))

    def compose(self) -> ComposeResult:
        yield Static(Content("Disputed claims"), classes="list-title", id="disputes-title")
        yield DataTable(cursor_type="row", id="disputes-table")
        with VerticalScroll(id="dispute-detail"):
            yield Static(Content(""), id="dispute-claim")
            yield Horizontal(id="dispute-marks")
        yield Static(Content(""), id="dispute-hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        width = max(self.app.size.width, 60)
        table.add_column("#", key="id", width=6)
        table.add_column("Claim", key="claim", width=max(30, width - 6 - 26 - 8))
        table.add_column("Marks", key="marks", width=26)
        hint = ("You decide: s / u / c, with a note if you like; z undoes." if self.adjudicator else
                "Only an adjudicator decides (workbench review --adjudicator, or your name under adjudicators in"
                " the config file).")
        self.query_one("#dispute-hint", Static).update(Content(hint))
        self.load(None)

    @work(thread=True, group="load", exclusive=True)
    def load(self, after: int | None) -> None:
        conn = connect(self.app.db_path)
        try:
            rows = list_disputes(conn, after=after, limit=PAGE)
        finally:
            conn.close()
        if not get_current_worker().is_cancelled:
            self.post_message(DisputesLoaded(rows, after is not None))

    @on(DisputesLoaded)
    def show_rows(self, message: DisputesLoaded) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row
        if not message.append:
            table.clear()
            self.rows = []
        self.exhausted = len(message.rows) < PAGE
        for d in message.rows:
            self.rows.append(d)
            table.add_row(Text(str(d.claim_id), style="dim"), Text(one_line(d.text), no_wrap=True, overflow="ellipsis"),
                          marks_summary(d), key=str(d.claim_id))
        n = len(self.rows)
        self.query_one("#disputes-title", Static).update(Content.assemble(
            ("Disputed claims", "bold"), (f" — {n}{'+' if not self.exhausted else ''}", ""),
            ("  reviewers' decisions differ; an adjudicator decides", "dim")))
        if self.rows:
            table.move_cursor(row=min(max(keep, 0), n - 1))
        self.show_current()

    @property
    def current(self) -> Dispute | None:
        row = self.query_one(DataTable).cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    @on(DataTable.RowHighlighted)
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_current()
        if not self.exhausted and self.rows and event.cursor_row >= len(self.rows) - 10:
            self.exhausted = True
            self.load(self.rows[-1].claim_id)

    def show_current(self) -> None:
        d = self.current
        claim = self.query_one("#dispute-claim", Static)
        panels = self.query_one("#dispute-marks", Horizontal)
        panels.remove_children()
        if d is None:
            claim.update(Content("No disputed claims: every claim's reviewers agree, or an adjudicator decided."))
            return
        claim.update(Content.assemble(("Claim #", "dim"), (str(d.claim_id), "bold"), ("  ", ""),
                                      (one_line(d.speaker), "bold"), ("  in ", "dim"),
                                      (one_line(d.article_title or f"article {d.article_id}"), "italic"), "\n",
                                      ("“", "dim"), (literal(d.text), ""), ("”", "dim"), strip_control_codes=False))
        panels.mount_all([Static(self._panel(m), classes="mark-panel") for m in d.marks])

    @staticmethod
    def _panel(m) -> Content:
        label, _ = BADGES.get(m.status, (m.status, ""))
        return Content.assemble((one_line(m.reviewer), "bold"), "\n", (label, STATUS_STYLE.get(m.status, "")), "\n",
                                (m.marked_at[:16].replace("T", " "), "dim"), "\n",
                                (literal(m.note) if m.note else "no note", "" if m.note else "dim"),
                                strip_control_codes=False)

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, min(len(self.rows) - 1, table.cursor_row + step)))

    def action_decide(self, status: str) -> None:
        d = self.current
        if d is None:
            return
        if not self.adjudicator:
            self.app.notify("Only an adjudicator decides disputed claims: start the review with --adjudicator, or"
                            " list your name under adjudicators in the config file", severity="warning")
            return

        def save(note: str | None) -> None:
            if note is not None:
                self.app.submit_write(WriteRequest("adjudicate", d.claim_id, self, status=status,
                                                   payload={"note": note.strip() or None}))

        self.app.push_screen(PromptDialog(f"Decide claim #{d.claim_id} {status}: why? (optional)",
                                          placeholder="e.g. the report is public after all",
                                          hint="Enter to decide · Escape to cancel"), save)

    def action_undo_decision(self) -> None:
        stack = self.app.writer.undo_stack
        if not stack or stack[-1][2] != "adjudication":
            self.app.notify("z here undoes your last decision; undo marks in the queue", severity="warning")
            return
        self.app.submit_write(WriteRequest("undo", None, self))

    @on(Adjudicated)
    def adjudicated(self, message: Adjudicated) -> None:
        d = message.decision
        if message.undone:
            self.app.notify(f"Undone: your decision on claim #{message.claim_id}; it is {message.status} again")
        else:
            self.app.notify(f"Decided claim #{message.claim_id} {d.status} (settles {len(d.settles)} marks)")
        self.load(None)

    @on(ReviewFailed)
    def failed(self, message: ReviewFailed) -> None:
        self.app.notify(f"Not saved: {message.error}", severity="error")

    @on(DataTable.RowSelected)
    def selected(self) -> None:
        """Enter on a row (the table takes the key before the screen's binding sees it)."""
        self.action_show_in_queue()

    def action_show_in_queue(self) -> None:
        d = self.current
        self.dismiss(d.claim_id if d is not None else None)

    def action_back(self) -> None:
        self.dismiss(None)
