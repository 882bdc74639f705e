"""Provides the article view: the article, claims coloured by status, other text dimmed.

The text is split into blocks (paragraphs, long ones cut; one ``Static`` each,
a window of them mounted at a time) so the current claim's block can be
scrolled into view; offsets are kept, and text is literal.
Text in no claim is dim; an unreviewed claim is plain text, underlined, so
the two never look alike. While a reviewer selects words for a new claim the
selection and the word cursor are drawn over it; a mouse selection (where the
terminal passes the mouse through) is read back as offsets.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...storage.queue import ArticleText
from ..article_layout import ArticleLayout
from ..literal import literal
from ..text_select import offsets_of_selection

CLAIM_STYLES = {"sourced": "$success", "unsourced": "$error", "contested": "$warning",
                "unreviewed": "$text underline", "disputed": "$accent bold"}
CURRENT = "reverse bold"
NO_CLAIM = "$text-muted dim"
SELECTION = "reverse $accent"
WORD_CURSOR = "bold underline $accent on $boost"
# Blocks mounted around the current claim, and added when the reader scrolls near an end.
WINDOW = 60
MORE = 30
LEGEND = Content.assemble(("sourced", "$success"), " · ", ("unsourced", "$error"), " · ", ("contested", "$warning"),
                          " · ", ("disputed", "$accent bold"), " · ", ("unreviewed", "underline"), " · ",
                          ("not in any claim", NO_CLAIM))


class ArticleView(VerticalScroll):
    """Renders an :class:`ArticleText`; the screen sets :attr:`current` with :meth:`highlight`.

    Only a window of blocks (:mod:`~workbench.tui.article_layout`) is mounted:
    :data:`WINDOW` around the current claim, :data:`MORE` more whenever the
    reader scrolls near either end, and a new window when the current claim
    moves outside it.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: ArticleText | None = None
        self.shape: ArticleLayout | None = None
        self.statuses: dict[int, str] = {}
        self.current: int | None = None
        self._paras: tuple[tuple[int, int], ...] = ()
        self._lo = self._hi = 0  # the mounted blocks, [lo, hi)
        self._growing = False
        # While selecting words for a new claim: the selected span and the word under the cursor.
        self.selection: tuple[int, int] | None = None
        self.cursor: tuple[int, int] | None = None

    async def show(self, article: ArticleText, current: int | None, layout: ArticleLayout) -> None:
        same_text = self.article is not None and self.article.text == article.text
        self.article, self.shape = article, layout
        self.statuses = {c.claim_id: c.status for c in article.claims}
        self.current = current
        self._paras = layout.blocks
        if same_text:  # the same article again (a claim added): redraw its blocks in place
            self._redraw(range(self._lo, self._hi))
        else:
            await self._window_around(self._para_of(current) or 0)
        self.call_after_refresh(self.scroll_to_current)

    async def _window_around(self, i: int) -> None:
        self._lo = max(0, i - WINDOW // 2)
        self._hi = min(len(self._paras), self._lo + WINDOW)
        await self.remove_children()
        await self.mount_all([self._block(k) for k in range(self._lo, self._hi)])

    def _block(self, i: int) -> Static:
        return Static(self._render_para(i), classes="para", id=f"para-{i}")

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self._growing or self.article is None:
            return
        if new >= self.max_scroll_y - self.size.height and self._hi < len(self._paras):
            self._growing = True
            self.run_worker(self._grow(1), group="article-window")
        elif new <= self.size.height and self._lo > 0:
            self._growing = True
            self.run_worker(self._grow(-1), group="article-window")

    async def _grow(self, direction: int) -> None:
        """Mount :data:`MORE` blocks past one end of the window (keeping the text in view where it was)."""
        try:
            if direction > 0:
                hi = min(len(self._paras), self._hi + MORE)
                await self.mount_all([self._block(k) for k in range(self._hi, hi)])
                self._hi = hi
            else:
                lo = max(0, self._lo - MORE)
                first = self.query_one(f"#para-{self._lo}")
                offset = first.virtual_region.y - self.scroll_y
                await self.mount_all([self._block(k) for k in range(lo, self._lo)], before=first)
                self._lo = lo
                self.call_after_refresh(lambda: self.scroll_to(y=first.virtual_region.y - offset, animate=False))
        finally:
            self.call_after_refresh(self._done_growing)

    def _done_growing(self) -> None:
        self._growing = False

    def _redraw(self, indexes) -> None:
        for i in indexes:
            if self._lo <= i < self._hi:
                for widget in self.query(f"#para-{i}"):
                    widget.update(self._render_para(i))

    def _render_para(self, i: int) -> Content:
        assert self.article is not None and self.shape is not None
        a, b = self._paras[i]
        content = Content(literal(self.article.text[a:b]), strip_control_codes=False).stylize(NO_CLAIM)
        for k in self.shape.claims_in[i]:
            c = self.article.claims[k]
            s, e = max(c.start, a) - a, min(c.end, b) - a
            if e <= s:
                continue
            style = CLAIM_STYLES.get(self.statuses.get(c.claim_id, c.status), "$text")
            if c.claim_id == self.current and self.cursor is None:
                style = f"{style} {CURRENT}"
            content = content.stylize(f"{style} not dim", s, e)
        for span, style in ((self.selection, SELECTION), (self.cursor, WORD_CURSOR)):
            if span is not None and span[1] > a and span[0] < b:
                content = content.stylize(style, max(span[0], a) - a, min(span[1], b) - a)
        return content

    def _para_of(self, claim_id: int | None) -> int | None:
        if self.shape is None or claim_id is None:
            return None
        return self.shape.block_of.get(claim_id)

    def highlight(self, claim_id: int | None) -> None:
        old, self.current = self._para_of(self.current), claim_id
        i = self._para_of(claim_id)
        if i is not None and not self._lo <= i < self._hi:
            self.run_worker(self._jump(i), group="article-window", exclusive=True)
            return
        self._redraw({old, i} - {None})
        self.scroll_to_current()

    async def _jump(self, i: int) -> None:
        await self._window_around(i)
        self.call_after_refresh(self.scroll_to_current)

    def set_status(self, claim_id: int, status: str) -> None:
        self.statuses[claim_id] = status
        i = self._para_of(claim_id)
        if i is not None:
            self._redraw([i])

    def _para_at(self, offset: int | None) -> int | None:
        if offset is None or self.shape is None:
            return None
        return self.shape.block_at(offset)

    def show_selection(self, selection: tuple[int, int] | None, cursor: tuple[int, int] | None) -> None:
        """Draw the words being selected (None, None: selecting is over)."""
        touched = set()
        for span in (self.selection, self.cursor, selection, cursor):
            if span is not None:
                lo, hi = self._para_at(span[0]), self._para_at(span[1] - 1)
                if lo is not None and hi is not None:
                    touched.update(range(lo, hi + 1))
        self.selection, self.cursor = selection, cursor
        self._redraw(sorted(touched))
        i = self._para_at(cursor[0]) if cursor else None
        if i is not None:
            for widget in self.query(f"#para-{i}"):
                self.scroll_to_widget(widget, animate=False, top=False)

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
            for widget in self.query(f"#para-{i}"):
                self.scroll_to_widget(widget, animate=False, top=False)
