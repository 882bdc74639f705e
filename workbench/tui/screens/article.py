"""Provides the article screen: read the whole article, move (and mark) claim by claim, add a missed claim.

``a`` starts selecting words for a claim the extractor missed: a word cursor
moves by word (←/→, h/l) and sentence ( ``(`` / ``)`` ), ``space`` marks where
the claim starts and ``Enter`` where it ends; a mouse selection (where the
terminal allows one) is taken as it is. The reviewer then picks or creates its
speaker, as ``r`` does in the queue, and the claim is stored as a correction
(``z`` in the queue undoes it).
"""

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
from ...storage.added_claims import article_speaker_choices
from ..literal import one_line
from ..messages import ArticleLoaded, ClaimAdded, ReviewFailed, ReviewStored, SpeakersForClaim
from ..article_layout import layout
from ..text_select import Words
from ..widgets.article_view import LEGEND, ArticleView
from ..writer import WriteRequest

# Keys that only work while selecting words, and those that only work while not.
SELECT_ACTIONS = {"word", "sentence", "anchor", "confirm", "cancel_select"}
READ_ACTIONS = {"move", "mark", "clear_mark", "add_claim", "back"}


class ArticleScreen(Screen[int | None]):
    """One article; ``j``/``k`` move through its claims, which stay in view. Dismisses with the claim id."""

    CSS_PATH = "article.tcss"
    BINDINGS = [
        Binding("j,down", "move(1)", "Next", tooltip="Next claim in this article", id="article-next"),
        Binding("k,up", "move(-1)", "Prev", tooltip="Previous claim in this article", id="article-prev"),
        Binding("s", "mark('sourced')", "Sourced", id="article-sourced"),
        Binding("u", "mark('unsourced')", "Unsourced", id="article-unsourced"),
        Binding("c", "mark('contested')", "Contested", id="article-contested"),
        Binding("x", "clear_mark", "Clear", id="article-clear", show=False),
        Binding("a", "add_claim", "Add claim", tooltip="Select words the extractor missed and make them a claim",
                id="article-add"),
        Binding("right,l", "word(1)", "Word →", tooltip="Move the word cursor to the next word", id="select-next-word"),
        Binding("left,h", "word(-1)", "Word ←", tooltip="Move the word cursor to the previous word",
                id="select-prev-word"),
        Binding("right_parenthesis", "sentence(1)", "Sentence →", tooltip="To the next sentence",
                id="select-next-sentence", show=False),
        Binding("left_parenthesis", "sentence(-1)", "Sentence ←", tooltip="To the start of the sentence",
                id="select-prev-sentence", show=False),
        Binding("space", "anchor", "Start here", tooltip="The claim starts at this word", id="select-anchor"),
        Binding("enter", "confirm", "End here", tooltip="The claim ends at this word: choose its speaker",
                id="select-confirm"),
        Binding("escape", "cancel_select", "Cancel", tooltip="Stop selecting", id="select-cancel"),
        Binding("escape,v,q", "back", "Back", tooltip="Back to the queue, on this claim", id="article-back"),
    ]

    def __init__(self, article_id: int, claim_id: int | None) -> None:
        super().__init__()
        self.article_id = article_id
        self.claim_id = claim_id
        self.claim_ids: list[int] = []
        self.words: Words | None = None
        # Selecting: the word under the cursor and where the claim starts (word indexes), or None.
        self.selecting = False
        self.cursor_word = 0
        self.anchor_word: int | None = None
        self.mouse_span: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content("Loading article…"), id="article-title")
        yield Static(LEGEND, id="article-legend")
        yield ArticleView(id="article-view")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.load_article()

    @work(thread=True, group="load", exclusive=True)
    def load_article(self) -> None:
        conn = connect(self.app.db_path)
        try:
            article = q.article_text(conn, self.article_id)
        finally:
            conn.close()
        # Blocks and words are worked out here, off the event loop: a long article takes seconds.
        shape = layout(article, self.claim_id) if article is not None else None
        if not get_current_worker().is_cancelled:
            self.post_message(ArticleLoaded(article, shape))

    @on(ArticleLoaded)
    async def show_article(self, message: ArticleLoaded) -> None:
        article = message.article
        title = self.query_one("#article-title", Static)
        if article is None:
            title.update(Content("This article is gone."))
            return
        self.claim_ids = [c.claim_id for c in article.claims]
        self.words = message.layout.words
        title.update(Content.assemble((one_line(article.title or "(untitled)"), "bold"), ("  ", ""),
                                      (one_line(" · ".join(x for x in (article.outlet, article.author) if x)), "dim"),
                                      (f"  {len(self.claim_ids)} claims", "dim"), strip_control_codes=False))
        await self.query_one(ArticleView).show(article, self.claim_id, message.layout)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in SELECT_ACTIONS:
            return self.selecting
        if action in READ_ACTIONS:
            return not self.selecting
        return True

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
            self.app.submit_write(WriteRequest("clear", self.claim_id, self))

    @on(ReviewStored)
    def stored(self, message: ReviewStored) -> None:
        self.query_one(ArticleView).set_status(message.claim_id, message.claim_status or message.event.status)

    @on(ReviewFailed)
    def failed(self, message: ReviewFailed) -> None:
        self.app.notify(f"Not saved: {message.error}", severity="error", markup=False)
        self.load_article()  # show what is stored

    def action_back(self) -> None:
        self.dismiss(self.claim_id)

    # -- adding a claim the extractor missed ------------------------------------------

    def action_add_claim(self) -> None:
        view = self.query_one(ArticleView)
        if self.words is None or not self.words.spans:
            return
        self.mouse_span = view.mouse_selection()
        if self.mouse_span is not None:  # words already selected with the mouse: confirm or adjust them
            self.anchor_word = self.words.at(self.mouse_span[0])
            self.cursor_word = self.words.before(self.mouse_span[1])
        else:
            current = next((c for c in view.article.claims if c.claim_id == self.claim_id), None)
            self.cursor_word = self.words.at(current.end if current else 0)
            self.anchor_word = None
        self.selecting = True
        self.refresh_bindings()
        self._draw()
        self.app.notify("Select the claim's words: ←/→ word, ( ) sentence, space marks the start, Enter the end,"
                        " Escape stops", timeout=6)

    def _draw(self) -> None:
        view, words = self.query_one(ArticleView), self.words
        if not self.selecting or words is None:
            view.show_selection(None, None)
            return
        selection = words.span(self.anchor_word, self.cursor_word) if self.anchor_word is not None else None
        view.show_selection(selection, words.spans[self.cursor_word])

    def action_word(self, step: int) -> None:
        self.cursor_word = self.words.move(self.cursor_word, step)
        self._draw()

    def action_sentence(self, step: int) -> None:
        self.cursor_word = self.words.sentence(self.cursor_word, step)
        self._draw()

    def action_anchor(self) -> None:
        self.anchor_word = self.cursor_word
        self._draw()

    def action_cancel_select(self) -> None:
        self.selecting, self.anchor_word = False, None
        self.refresh_bindings()
        self._draw()

    def action_confirm(self) -> None:
        if self.anchor_word is None:
            self.app.notify("Press space on the claim's first word, then Enter on its last", severity="warning")
            return
        start, end = self.words.span(self.anchor_word, self.cursor_word)
        self.load_speakers(start, end)

    @work(thread=True, group="dialog", exclusive=True)
    def load_speakers(self, start: int, end: int) -> None:
        conn = connect(self.app.db_path)
        try:
            speakers = article_speaker_choices(conn, self.article_id)
        finally:
            conn.close()
        if not get_current_worker().is_cancelled:
            self.post_message(SpeakersForClaim(-1, speakers, "", ("add", (start, end))))

    @on(SpeakersForClaim)
    def choose_speaker(self, message: SpeakersForClaim) -> None:
        from .speaker_dialog import ReassignSpeakerDialog

        _, (start, end) = message.span
        words = " ".join(self.query_one(ArticleView).article.text[start:end].split())

        def chosen(payload: dict | None) -> None:
            if payload is not None:
                self.app.submit_write(WriteRequest("add_claim", None, self, payload={
                    **payload, "article_id": self.article_id, "start": start, "end": end}))

        title = Content.assemble("Who said “", (one_line(words[:60] + ("…" if len(words) > 60 else "")), "bold"),
                                 "”? (the reporter, if nobody)", strip_control_codes=False)
        self.app.push_screen(ReassignSpeakerDialog(None, "", message.speakers, title=title), chosen)

    @on(ClaimAdded)
    def claim_added(self, message: ClaimAdded) -> None:
        if message.error:
            self.app.notify(f"Not added: {message.error}", severity="error")
            return
        self.app.notify(f"Added claim #{message.claim_id} (z in the queue undoes it)")
        self.action_cancel_select()
        self.claim_id = message.claim_id
        self.load_article()
