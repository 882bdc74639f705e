"""Provides the claims queue: a DataTable that only ever holds a small window of rows.

The screen loads pages by keyset around the cursor and hands them down with
:meth:`ClaimTable.show_window` / :meth:`ClaimTable.extend_window`; the table
asks for more with :class:`ClaimTable.EdgeReached` when the cursor nears
either end of what it holds. It never holds more than :data:`MAX_ROWS` rows,
so a million-claim queue costs the same memory as a hundred-claim one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from ...storage.queue import PAGE_SIZE, QueueRow
from ..literal import one_line

MAX_ROWS = PAGE_SIZE * 4
# Ask for the next page this many rows before the cursor reaches the edge.
PREFETCH_MARGIN = 15

BADGES = {
    "unreviewed": ("· unreviewed", "dim"),
    "sourced": ("✔ sourced", "success"),
    "unsourced": ("✘ unsourced", "error"),
    "contested": ("⚑ contested", "warning"),
    "disputed": ("≠ disputed", "accent"),
}
# The claim column is never narrower than this; below NARROW columns the article column goes
# (the status line and the detail pane name the article).
MIN_CLAIM = 40
NARROW = 100
# Shown before the status of a claim changed since the article's previous version.
CHANGED_MARK = "Δ "
KIND_TAGS = {"person": "person", "organization": "org", "anonymous": "anon", "document": "doc", "author": "author"}


class ClaimTable(DataTable):
    """The claims queue (a windowed, keyset-paged DataTable)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @dataclass
    class ClaimHighlighted(Message):
        """The cursor is on a claim (or on none: ``row`` is None)."""

        table: "ClaimTable"
        row: QueueRow | None
        index: int

    @dataclass
    class EdgeReached(Message):
        """The cursor is near one end of the window; load more beyond ``claim_id``."""

        table: "ClaimTable"
        direction: str
        claim_id: int

    def __init__(self, **kwargs):
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.rows_window: list[QueueRow] = []
        self.at_start = True
        self.at_end = True
        self.pending: dict[int, str] = {}
        self._loading: str | None = None
        self._widths = (10, 20, 30, 14)

    # -- attributes down -------------------------------------------------

    @property
    def current(self) -> QueueRow | None:
        if not self.rows_window or self.cursor_row < 0 or self.cursor_row >= len(self.rows_window):
            return None
        return self.rows_window[self.cursor_row]

    def show_window(self, rows: list[QueueRow], *, at_start: bool, at_end: bool, cursor_claim: int | None,
                    cursor_index: int | None = None) -> None:
        """Replace the window; keep the cursor on ``cursor_claim`` (or the next claim after it in queue order,
        at ``cursor_index`` when the reader knows it)."""
        self.rows_window = list(rows)
        self.at_start, self.at_end = at_start, at_end
        self._loading = None
        index = 0
        exact = next((i for i, r in enumerate(rows) if r.claim_id == cursor_claim), None)
        if exact is not None:
            index = exact
        elif cursor_claim is not None and cursor_index is not None:
            index = min(cursor_index, max(0, len(rows) - 1))
        elif cursor_claim is not None:
            index = next((i for i, r in enumerate(rows) if r.claim_id >= cursor_claim), max(0, len(rows) - 1))
        self._rebuild(index)

    def extend_window(self, rows: list[QueueRow], direction: str, exhausted: bool) -> int:
        """Add rows at one end, trimming the other so at most MAX_ROWS stay. Returns rows trimmed from the top."""
        self._loading = None
        current = self.current
        trimmed_top = 0
        if direction == "down":
            self.at_end = exhausted
            known = {r.claim_id for r in self.rows_window}
            window = self.rows_window + [r for r in rows if r.claim_id not in known]
            if len(window) > MAX_ROWS:
                trimmed_top = len(window) - MAX_ROWS
                window = window[trimmed_top:]
                self.at_start = False
        else:
            self.at_start = exhausted
            known = {r.claim_id for r in self.rows_window}
            new = [r for r in rows if r.claim_id not in known]
            window = new + self.rows_window
            trimmed_top = -len(new)
            if len(window) > MAX_ROWS:
                window = window[:MAX_ROWS]
                self.at_end = False
        self.rows_window = window
        index = 0
        if current is not None:
            index = next((i for i, r in enumerate(window) if r.claim_id == current.claim_id), 0)
        self._rebuild(index)
        return trimmed_top

    def set_status(self, claim_id: int, status: str, *, pending: bool = False) -> None:
        """Show a new status on a row that is in the window (optimistically while ``pending``)."""
        if pending:
            self.pending[claim_id] = status
        else:
            self.pending.pop(claim_id, None)
        for i, r in enumerate(self.rows_window):
            if r.claim_id == claim_id:
                if r.status != status or pending:
                    self.rows_window[i] = r = dataclasses.replace(r, status=status)
                try:
                    self.update_cell(str(claim_id), "status", self._badge(status, pending, r.changed),
                                     update_width=False)
                except Exception:  # row not built yet (rebuild in flight); the next rebuild shows it
                    pass
                return

    # -- rendering ---------------------------------------------------------

    def _badge(self, status: str, pending: bool = False, changed: bool = False) -> Text:
        label, var = BADGES.get(status, (status, ""))
        color = self.app.theme_variables.get(var, "") if var != "dim" else ""
        style = f"bold {color}" if color else "dim"
        if pending:
            label = label[:-1] + "…"
        badge = Text(no_wrap=True, overflow="ellipsis")
        if changed:
            # Changed since the article's previous version: "Δ" in place of the status icon (fits the column).
            badge.append(CHANGED_MARK, style=f"bold {self.app.theme_variables.get('accent', '')}".strip())
            label = label.split(" ", 1)[-1]
        badge.append(label, style=style)
        return badge

    def _cells(self, r: QueueRow) -> tuple[Text, ...]:
        status = self.pending.get(r.claim_id, r.status)
        kind = KIND_TAGS.get(r.speaker_kind, r.speaker_kind)
        speaker = Text(no_wrap=True, overflow="ellipsis")
        speaker.append(one_line(r.speaker))
        speaker.append(f" ({kind})", style="dim")
        cells = (self._badge(status, r.claim_id in self.pending, r.changed), speaker,
                 Text(one_line(r.text), no_wrap=True, overflow="ellipsis"),
                 Text(one_line(r.article_title or f"article {r.article_id}"), no_wrap=True, overflow="ellipsis",
                      style="italic"))
        return cells[:len(self._widths)]

    def _compute_widths(self) -> tuple[int, ...]:
        """Status, speaker, claim (at least MIN_CLAIM) and, when there is room, article."""
        width = max(self.size.width, 60) - 1  # leave room for a scrollbar
        w_status = 12
        if width < NARROW:
            w_speaker = 16 if width >= 76 else 12
            return w_status, w_speaker, max(MIN_CLAIM, width - w_status - w_speaker - 2 * 3 - 1)
        w_speaker = 22 if width >= 110 else 20
        w_article = 20 if width >= 110 else 16
        gutter = 2 * 4  # cell padding
        w_claim = max(MIN_CLAIM, width - w_status - w_speaker - w_article - gutter - 1)
        return w_status, w_speaker, w_claim, w_article

    def _rebuild(self, index: int) -> None:
        self._widths = self._compute_widths()
        self.clear(columns=True)
        for key, label, width in zip(("status", "speaker", "claim", "article"),
                                     ("Status", "Speaker", "Claim", "Article"), self._widths):
            self.add_column(label, width=width, key=key)
        for r in self.rows_window:
            self.add_row(*self._cells(r), key=str(r.claim_id))
        if self.rows_window:
            self.move_cursor(row=min(index, len(self.rows_window) - 1), animate=False, scroll=True)
        self._announce()

    def on_resize(self) -> None:
        if self._compute_widths() != self._widths:
            self._rebuild(max(self.cursor_row, 0))

    # -- messages up -----------------------------------------------------

    def _announce(self) -> None:
        self.post_message(self.ClaimHighlighted(self, self.current, self.cursor_row))

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._announce()
        self._maybe_load_more()

    def _maybe_load_more(self) -> None:
        if not self.rows_window or self._loading:
            return
        i = self.cursor_row
        if not self.at_end and i >= len(self.rows_window) - PREFETCH_MARGIN:
            self._loading = "down"
            self.post_message(self.EdgeReached(self, "down", self.rows_window[-1].claim_id))
        elif not self.at_start and i < PREFETCH_MARGIN:
            self._loading = "up"
            self.post_message(self.EdgeReached(self, "up", self.rows_window[0].claim_id))

    def cancel_loading(self) -> None:
        self._loading = None
