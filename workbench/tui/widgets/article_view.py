"""Provides the article view: the whole article, claims coloured by status, other text dimmed.

The text is split into paragraphs (one ``Static`` each) so the current claim's
paragraph can be scrolled into view; offsets are kept, and text is literal.
"""

from __future__ import annotations

import re

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...storage.queue import ArticleText
from ..literal import literal

CLAIM_STYLES = {"sourced": "$success", "unsourced": "$error", "contested": "$warning", "unreviewed": "$text"}
CURRENT = "reverse bold"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line-separated paragraph."""
    spans, start = [], 0
    for m in re.finditer(r"\n\s*\n", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


class ArticleView(VerticalScroll):
    """Renders an :class:`ArticleText`; the screen sets :attr:`current` with :meth:`highlight`."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: ArticleText | None = None
        self.statuses: dict[int, str] = {}
        self.current: int | None = None
        self._paras: list[tuple[int, int]] = []

    def show(self, article: ArticleText, current: int | None) -> None:
        self.article = article
        self.statuses = {c.claim_id: c.status for c in article.claims}
        self.current = current
        self._paras = paragraphs(article.text)
        self.remove_children()
        self.mount_all([Static(self._render_para(i), classes="para", id=f"para-{i}") for i in range(len(self._paras))])
        self.call_after_refresh(self.scroll_to_current)

    def _render_para(self, i: int) -> Content:
        assert self.article is not None
        a, b = self._paras[i]
        content = Content(literal(self.article.text[a:b]), strip_control_codes=False).stylize("$text-muted")
        for c in self.article.claims:
            if c.end <= a or c.start >= b:
                continue
            s, e = max(c.start, a) - a, min(c.end, b) - a
            style = CLAIM_STYLES.get(self.statuses.get(c.claim_id, c.status), "$text")
            if c.claim_id == self.current:
                style = f"{style} {CURRENT}"
            content = content.stylize(f"{style} not dim", s, e)
        return content

    def _para_of(self, claim_id: int | None) -> int | None:
        if self.article is None or claim_id is None:
            return None
        claim = next((c for c in self.article.claims if c.claim_id == claim_id), None)
        if claim is None:
            return None
        return next((i for i, (a, b) in enumerate(self._paras) if a <= claim.start < b), None)

    def highlight(self, claim_id: int | None) -> None:
        old, self.current = self._para_of(self.current), claim_id
        for i in {old, self._para_of(claim_id)} - {None}:
            self.query_one(f"#para-{i}", Static).update(self._render_para(i))
        self.scroll_to_current()

    def set_status(self, claim_id: int, status: str) -> None:
        self.statuses[claim_id] = status
        i = self._para_of(claim_id)
        if i is not None:
            self.query_one(f"#para-{i}", Static).update(self._render_para(i))

    def scroll_to_current(self) -> None:
        i = self._para_of(self.current)
        if i is not None:
            self.scroll_to_widget(self.query_one(f"#para-{i}"), animate=False, top=False)
