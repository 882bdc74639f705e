"""Provides the articles list: every article with its progress; choosing one filters the queue."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from ...storage import connect
from ...storage import queue as q
from ..literal import one_line

PAGE = 200


class ArticlesPage(Message):
    def __init__(self, rows: list[q.ArticleProgress]) -> None:
        super().__init__()
        self.rows = rows


class ArticlesScreen(Screen[tuple[int, str] | None]):
    """Pick an article (Enter) to filter the queue by it."""

    CSS_PATH = "lists.tcss"
    BINDINGS = [
        Binding("enter", "choose", "Filter by article", id="articles-choose"),
        Binding("escape,a,q", "back", "Back", id="articles-back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.articles: list[q.ArticleProgress] = []
        self.exhausted = False
        self.file_width = 20

    def compose(self) -> ComposeResult:
        yield Static("Articles — Enter shows the article's claims (an old version's too)", classes="list-title")
        yield DataTable(cursor_type="row", id="articles-table")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # Fit the terminal: the title takes what the id, progress and file columns leave (8: cell padding).
        width = max(self.app.size.width, 60) - 2
        w_file = self.file_width = 14 if width < 100 else 20
        table.add_column("#", key="id", width=5)
        table.add_column("Decided", key="progress", width=9)
        table.add_column("Title", key="title", width=max(20, width - 5 - 9 - w_file - 8))
        table.add_column("File", key="source", width=w_file)
        self.load_page(None)

    @work(thread=True, group="load", exclusive=True)
    def load_page(self, after: int | None) -> None:
        conn = connect(self.app.db_path)
        try:
            rows = q.list_articles(conn, after, PAGE)
        finally:
            conn.close()
        if not get_current_worker().is_cancelled:
            self.post_message(ArticlesPage(rows))

    @on(ArticlesPage)
    def add_page(self, message: ArticlesPage) -> None:
        table = self.query_one(DataTable)
        self.exhausted = len(message.rows) < PAGE
        for a in message.rows:
            self.articles.append(a)
            title = Text(one_line(a.title or "(untitled)"), no_wrap=True, overflow="ellipsis")
            if a.version_label:
                title.append(f" ({a.version_label})", style="dim italic" if a.superseded_by else "dim")
            # The file's name is what tells two articles apart at a glance: keep its end.
            source = one_line(a.source or "")
            table.add_row(Text(str(a.article_id)), Text(f"{a.reviewed}/{a.claims}"), title,
                          Text(source if len(source) <= self.file_width else "…" + source[1 - self.file_width:],
                               style="dim"),
                          key=str(a.article_id))

    @on(DataTable.RowHighlighted)
    def more(self, event: DataTable.RowHighlighted) -> None:
        if not self.exhausted and self.articles and event.cursor_row >= len(self.articles) - 10:
            self.exhausted = True  # until the page arrives
            self.load_page(self.articles[-1].article_id)

    @on(DataTable.RowSelected)
    def chosen(self) -> None:
        self.action_choose()

    def action_choose(self) -> None:
        table = self.query_one(DataTable)
        if 0 <= table.cursor_row < len(self.articles):
            a = self.articles[table.cursor_row]
            self.dismiss((a.article_id, a.title or f"article {a.article_id}"))

    def action_back(self) -> None:
        self.dismiss(None)
