"""Provides the filter bar: every active queue filter, always visible."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...storage.queue import QueueFilter
from ..literal import one_line


ORDER_LABELS = {"article": "article", "worthiness": "most check-worthy first", "confidence": "least confident first"}


def describe(flt: QueueFilter, width: int = 200) -> Content:
    order: list = [("Order: ", "bold"), (ORDER_LABELS.get(flt.order, flt.order),
                                         "bold $accent" if flt.order != "article" else ""), ("  ·  ", "dim")]
    if flt.empty:
        hint = ("  (o order · W unsourced first · f status · t kind · a article · p speaker · / search)"
                if width >= 120 else "  (f status · t kind · / search · ? every key)")
        return Content.assemble(*order, ("Filters: ", "bold"), ("none", "dim"), (hint, "dim"))
    parts: list = [*order, ("Filters: ", "bold")]

    def add(label: str, value: str) -> None:
        if parts[-1] != ("Filters: ", "bold"):
            parts.append(("  ·  ", "dim"))
        parts.extend([(f"{label} ", "dim"), (value, "bold $accent")])

    if flt.status:
        add("status", flt.status)
    if flt.article_id is not None:
        add("article", one_line(flt.article_label or f"#{flt.article_id}")[:40])
    if flt.speaker_id is not None:
        add("speaker", one_line(flt.speaker_label or f"#{flt.speaker_id}")[:30])
    if flt.speaker_kind:
        add("kind", flt.speaker_kind)
    if flt.search:
        add("search", f"“{one_line(flt.search)[:30]}”")
    parts.append(("  (backspace clears)", "dim"))
    return Content.assemble(*parts, strip_control_codes=False)


class FilterBar(Static):
    """One line naming the active filters; the screen calls :meth:`show`."""

    def show(self, flt: QueueFilter) -> None:
        self.update(describe(flt, self.size.width or self.app.size.width), layout=False)  # one fixed line
        self.set_class(not flt.empty or flt.order != "article", "-active")
