"""Provides the article screen: read the whole article and move (and mark) claim by claim."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from ...storage import connect
from ...storage import queue as q
from ..literal import one_line
from ..messages import ArticleLoaded, ReviewFailed, ReviewStored
from ..widgets.article_view import ArticleView
from ..writer import WriteRequest


class ArticleScreen(Screen[int | None]):
    """One article; ``j``/``k`` move through its claims, which stay in view. Dismisses with the claim id."""

    CSS_PATH = "article.tcss"
    BINDINGS = [
        Binding("j,down", "move(1)", "Next claim", tooltip="Next claim in this article", id="article-next"),
        Binding("k,up", "move(-1)", "Prev claim", tooltip="Previous claim in this article", id="article-prev"),
        Binding("s", "mark('sourced')", "Sourced", id="article-sourced"),
        Binding("u", "mark('unsourced')", "Unsourced", id="article-unsourced"),
        Binding("c", "mark('contested')", "Contested", id="article-contested"),
        Binding("x", "clear_mark", "Clear", id="article-clear"),
        Binding("escape,v,q", "back", "Back", tooltip="Back to the queue, on this claim", id="article-back"),
    ]

    def __init__(self, article_id: int, claim_id: int | None) -> None:
        super().__init__()
        self.article_id = article_id
        self.claim_id = claim_id
        self.claim_ids: list[int] = []

    def compose(self) -> ComposeResult:
        yield Static(Content("Loading article…"), id="article-title")
        yield ArticleView(id="article-view")
        yield Footer()

    def on_mount(self) -> None:
        self.load_article()

    @work(thread=True, group="load", exclusive=True)
    def load_article(self) -> None:
        conn = connect(self.app.db_path)
        try:
            article = q.article_text(conn, self.article_id)
        finally:
            conn.close()
        if not get_current_worker().is_cancelled:
            self.post_message(ArticleLoaded(article))

    @on(ArticleLoaded)
    def show_article(self, message: ArticleLoaded) -> None:
        article = message.article
        title = self.query_one("#article-title", Static)
        if article is None:
            title.update(Content("This article is gone."))
            return
        self.claim_ids = [c.claim_id for c in article.claims]
        title.update(Content.assemble((one_line(article.title or "(untitled)"), "bold"), ("  ", ""),
                                      (one_line(" · ".join(x for x in (article.outlet, article.author) if x)), "dim"),
                                      (f"  {len(self.claim_ids)} claims", "dim"), strip_control_codes=False))
        self.query_one(ArticleView).show(article, self.claim_id)

    def action_move(self, step: int) -> None:
        if not self.claim_ids:
            return
        i = self.claim_ids.index(self.claim_id) if self.claim_id in self.claim_ids else -1
        i = max(0, min(len(self.claim_ids) - 1, i + step))
        self.claim_id = self.claim_ids[i]
        self.query_one(ArticleView).highlight(self.claim_id)

    def action_mark(self, status: str) -> None:
        if self.claim_id is not None:
            self.query_one(ArticleView).set_status(self.claim_id, status)
            self.app.submit_write(WriteRequest("mark", self.claim_id, self, status=status))
            self.action_move(1)

    def action_clear_mark(self) -> None:
        if self.claim_id is not None:
            self.query_one(ArticleView).set_status(self.claim_id, "unreviewed")
            self.app.submit_write(WriteRequest("clear", self.claim_id, self))

    @on(ReviewStored)
    def stored(self, message: ReviewStored) -> None:
        self.query_one(ArticleView).set_status(message.claim_id, message.event.status)

    @on(ReviewFailed)
    def failed(self, message: ReviewFailed) -> None:
        self.app.notify(f"Not saved: {message.error}", severity="error", markup=False)

    def action_back(self) -> None:
        self.dismiss(self.claim_id)
