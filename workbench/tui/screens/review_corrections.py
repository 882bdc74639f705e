"""Provides the review screen's correction keys: not a claim, span steps, merge, reassign, split and mention, each sent to the app's review writer."""

from __future__ import annotations

from textual import work
from textual.worker import get_current_worker

from ...storage import connect
from ...storage import corrections
from ...storage.added_claims import article_speaker_choices
from ..messages import SpeakersForClaim
from ..writer import WriteRequest
from .dialogs import PromptDialog


class CorrectionsMixin:
    """Correction actions for :class:`~workbench.tui.screens.review.ReviewScreen` (the screen handles the dialogs' data and the results)."""

    def _correct(self, action: str, claim_id: int, **payload) -> None:
        self.app.submit_write(WriteRequest(action, claim_id, self, payload=payload))

    def action_not_claim(self) -> None:
        row = self.table.current
        if row is None:
            return
        self._correct("not_claim", row.claim_id)
        self._advance()

    def action_span(self, op: str) -> None:
        row = self.table.current
        if row is not None:
            self._correct("span", row.claim_id, op=op)

    def action_merge(self) -> None:
        row = self.table.current
        if row is not None:
            self._correct("merge", row.claim_id)

    def action_reassign(self) -> None:
        row = self.table.current
        if row is not None:
            self.load_for_dialog("reassign", row.claim_id)

    def action_split(self) -> None:
        row = self.table.current
        if row is not None:
            self.load_for_dialog("split", row.claim_id)

    def action_mention(self) -> None:
        row = self.table.current
        if row is None:
            return

        def save(words: str | None) -> None:
            if words and words.strip():
                self._correct("mention", row.claim_id, words=words.strip())

        self.app.push_screen(PromptDialog(f"Words that name the speaker of claim #{row.claim_id}",
                                          placeholder="as written in the article, e.g. the Pentagon",
                                          hint="Enter to save · the nearest match to the claim is used"), save)

    @work(thread=True, group="dialog", exclusive=True)
    def load_for_dialog(self, kind: str, claim_id: int) -> None:
        """The article's speakers (reassign) or the claim's span and text (split), then open the dialog."""
        conn = connect(self.db_path)
        try:
            span = corrections.current(conn, claim_id)
            speakers = article_speaker_choices(conn, span.article_id) if kind == "reassign" else []
            text = conn.execute("SELECT text FROM articles WHERE id = ?", (span.article_id,)).fetchone()[0]
        finally:
            conn.close()
        if not get_current_worker().is_cancelled:
            self.post_message(SpeakersForClaim(claim_id, speakers, text, (kind, span)))
