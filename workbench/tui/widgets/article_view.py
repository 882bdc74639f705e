"""Provides the article view: the whole article, claims coloured by status, other text dimmed.

The text is split into paragraphs (one ``Static`` each) so the current claim's
paragraph can be scrolled into view; offsets are kept, and text is literal.
Text in no claim is dim; an unreviewed claim is plain text, underlined, so
the two never look alike. While a reviewer selects words for a new claim the
selection and the word cursor are drawn over it; a mouse selection (where the
terminal passes the mouse through) is read back as offsets.
"""

from __future__ import annotations

import re

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...storage.queue import ArticleText
from ..literal import literal
from ..text_select import offsets_of_selection

CLAIM_STYLES = {"sourced": "$success", "unsourced": "$error", "contested": "$warning",
                "unreviewed": "$text underline", "disputed": "$accent bold"}
CURRENT = "reverse bold"
NO_CLAIM = "$text-muted dim"
SELECTION = "reverse $accent"
WORD_CURSOR = "bold underline $accent on $boost"
LEGEND = Content.assemble(("sourced", "$success"), " · ", ("unsourced", "$error"), " · ", ("contested", "$warning"),
                          " · ", ("disputed", "$accent bold"), " · ", ("unreviewed", "underline"), " · ",
                          ("not in any claim", NO_CLAIM))


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
        # While selecting words for a new claim: the selected span and the word under the cursor.
        self.selection: tuple[int, int] | None = None
        self.cursor: tuple[int, int] | None = None

    async def show(self, article: ArticleText, current: int | None) -> None:
        same_text = self.article is not None and self.article.text == article.text
        self.article = article
        self.statuses = {c.claim_id: c.status for c in article.claims}
        self.current = current
        if same_text:  # the same article again (a claim added): redraw its paragraphs in place
            for i in range(len(self._paras)):
                self.query_one(f"#para-{i}", Static).update(self._render_para(i))
        else:
            self._paras = paragraphs(article.text)
            await self.remove_children()
            await self.mount_all([Static(self._render_para(i), classes="para", id=f"para-{i}")
                                  for i in range(len(self._paras))])
        self.call_after_refresh(self.scroll_to_current)

    def _render_para(self, i: int) -> Content:
        assert self.article is not None
        a, b = self._paras[i]
        content = Content(literal(self.article.text[a:b]), strip_control_codes=False).stylize(NO_CLAIM)
        for c in self.article.claims:
            if c.end <= a or c.start >= b:
                continue
            s, e = max(c.start, a) - a, min(c.end, b) - a
            style = CLAIM_STYLES.get(self.statuses.get(c.claim_id, c.status), "$text")
            if c.claim_id == self.current and self.cursor is None:
                style = f"{style} {CURRENT}"
            content = content.stylize(f"{style} not dim", s, e)
        for span, style in ((self.selection, SELECTION), (self.cursor, WORD_CURSOR)):
            if span is not None and span[1] > a and span[0] < b:
                content = content.stylize(style, max(span[0], a) - a, min(span[1], b) - a)
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

    def _para_at(self, offset: int | None) -> int | None:
        if offset is None:
            return None
        return next((i for i, (a, b) in enumerate(self._paras) if a <= offset < b or offset == b), None)

    def show_selection(self, selection: tuple[int, int] | None, cursor: tuple[int, int] | None) -> None:
        """Draw the words being selected (None, None: selecting is over)."""
        touched = set()
        for span in (self.selection, self.cursor, selection, cursor):
            if span is not None:
                lo, hi = self._para_at(span[0]), self._para_at(span[1] - 1)
                if lo is not None and hi is not None:
                    touched.update(range(lo, hi + 1))
        self.selection, self.cursor = selection, cursor
        for i in sorted(touched):
            self.query_one(f"#para-{i}", Static).update(self._render_para(i))
        i = self._para_at(cursor[0]) if cursor else None
        if i is not None:
            self.scroll_to_widget(self.query_one(f"#para-{i}"), animate=False, top=False)

    def mouse_selection(self) -> tuple[int, int] | None:
        """The text selected with the mouse in one or more paragraphs, as article offsets (None if none)."""
        found = []
        for widget, sel in self.screen.selections.items():
            if not isinstance(widget, Static) or not (widget.id or "").startswith("para-") or widget.parent is not self:
                continue
            i = int(widget.id.split("-")[1])
            a, b = self._paras[i]
            text = literal(self.article.text[a:b]) if self.article else ""
            lo, hi = offsets_of_selection(text, tuple(sel.start or (0, 0))[::-1],
                                          tuple(sel.end)[::-1] if sel.end else (len(text.splitlines()), 0))
            found.append((a + lo, a + hi))
        if not found:
            return None
        lo, hi = min(f[0] for f in found), max(f[1] for f in found)
        return (lo, hi) if hi > lo else None

    def scroll_to_current(self) -> None:
        i = self._para_of(self.current)
        if i is not None:
            self.scroll_to_widget(self.query_one(f"#para-{i}"), animate=False, top=False)
