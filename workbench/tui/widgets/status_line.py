"""Provides the status line: queue position, current article's progress and overall status counts."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...storage.queue import ArticleProgress, Count
from ..literal import one_line

COUNT_STYLES = (("unreviewed", "·", ""), ("sourced", "✔", "$success"), ("unsourced", "✘", "$error"),
                ("contested", "⚑", "$warning"), ("disputed", "≠", "$accent"))


class StatusLine(Static):
    """Position · article progress · counts. The screen sets the parts and calls :meth:`show`."""

    def __init__(self, reviewer: str, *, guessed: bool = False, adjudicator: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.reviewer = reviewer
        # The name is the login name nobody set: say so. An adjudicator may decide disputed claims.
        self.guessed = guessed
        self.adjudicator = adjudicator
        self.position: int | None = None
        self.total: Count | None = None
        self.progress: ArticleProgress | None = None
        self.counts: dict[str, int] = {}

    def show(self) -> None:
        parts: list = []
        if self.total is not None:
            pos = f"{self.position:,}" if self.position else "–"
            parts += [(f"{pos}", "bold"), (f"/{self.total}", "")]
        if self.progress is not None:
            p = self.progress
            title = one_line(p.title or p.source or f"article {p.article_id}")
            parts += [(" │ ", "dim"), ("art ", "dim"), (f"{p.reviewed}/{p.claims}", "bold"), (" done ", "dim"),
                      (title[:16], "italic")]
        if self.counts:
            parts.append((" │ ", "dim"))
            for status, sign, style in COUNT_STYLES:
                if status != "disputed" or self.counts.get(status):
                    parts += [(sign, style), (f"{self.counts.get(status, 0):,} ", style)]
        parts += [("│ ", "dim"), (one_line(self.reviewer)[:16], "italic")]
        if self.guessed:
            parts.append((" (login name)", "dim $warning"))
        if self.adjudicator:
            parts.append((" ⚖", "bold $accent"))
        self.update(Content.assemble(*parts, strip_control_codes=False), layout=False)  # one fixed line
