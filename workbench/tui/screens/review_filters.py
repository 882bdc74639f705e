"""Provides the review screen's filters: status, speaker kind, speaker, article, search text, the queue's order, and clearing them."""

from __future__ import annotations

import dataclasses

from ...storage import queue as q
from ..widgets.filter_bar import ORDER_LABELS, FilterBar
from .dialogs import ChoiceDialog, PromptDialog


class FiltersMixin:
    """Filter actions for :class:`~workbench.tui.screens.review.ReviewScreen`: each builds a new QueueFilter and reloads the window."""

    def apply_filter(self, flt: q.QueueFilter, anchor: int | None = None) -> None:
        self.flt = flt
        self.query_one(FilterBar).show(flt)
        self._last_detail = None
        self.load_window(flt, anchor, "filter" if anchor is not None else "start")

    def action_clear_filters(self) -> None:
        if not self.flt.empty:
            current = self.table.current
            self.apply_filter(q.QueueFilter(order=self.flt.order), current.claim_id if current else None)

    def action_reload(self) -> None:
        current = self.table.current
        self.load_window(self.flt, current.claim_id if current else None, "refresh")

    def action_search(self) -> None:
        def search(text: str | None) -> None:
            if text is not None:
                self.apply_filter(dataclasses.replace(self.flt, search=text.strip() or None))

        self.app.push_screen(PromptDialog("Search claims", placeholder="words to find (all must occur)",
                                          value=self.flt.search or "",
                                          hint="Enter to search · empty to clear · Escape to cancel"), search)

    def action_cycle_order(self) -> None:
        """Article order -> check-worthiness -> least confident first -> article order, from the top;
        the filters stay."""
        order = q.ORDERS[(q.ORDERS.index(self.flt.order) + 1) % len(q.ORDERS)] if self.flt.order in q.ORDERS \
            else q.ORDERS[0]
        self.apply_filter(dataclasses.replace(self.flt, order=order))  # from the top of the new order
        self.app.notify(f"Queue order: {ORDER_LABELS[order]}", markup=False, timeout=2)

    def action_worthy_unsourced(self) -> None:
        """One key: the unsourced claims, most check-worthy first (other filters stay)."""
        self.apply_filter(dataclasses.replace(self.flt, status="unsourced", order="worthiness"))

    def action_filter_status(self) -> None:
        choices = [("any", "any status")] + [(s, s) for s in ("unreviewed", "sourced", "unsourced", "contested")]

        def chosen(value: str | None) -> None:
            if value is not None:
                self.apply_filter(dataclasses.replace(self.flt, status=None if value == "any" else value))

        self.app.push_screen(ChoiceDialog("Show claims with status", choices), chosen)

    def action_filter_kind(self) -> None:
        choices = [("any", "any speaker kind")] + [(k, k) for k in q.KINDS]

        def chosen(value: str | None) -> None:
            if value is not None:
                self.apply_filter(dataclasses.replace(self.flt, speaker_kind=None if value == "any" else value))

        self.app.push_screen(ChoiceDialog("Show claims whose speaker is a", choices), chosen)

    def filter_speaker(self, speaker_id: int | None, label: str | None = None) -> None:
        self.apply_filter(dataclasses.replace(self.flt, speaker_id=speaker_id, speaker_label=label))

    def filter_article(self, article_id: int | None, label: str | None = None) -> None:
        self.apply_filter(dataclasses.replace(self.flt, article_id=article_id, article_label=label))
