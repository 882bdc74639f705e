"""Issue 14: add a claim the extractor missed, in the article view (keyboard, or a mouse selection), with a
speaker; stored as a correction, undoable, in the queue right after its neighbour; text in no claim looks
different from an unreviewed claim."""

from __future__ import annotations

from textual.widgets import Static

from workbench.storage import connect
from workbench.tui.screens.article import ArticleScreen
from workbench.tui.screens.speaker_dialog import ReassignSpeakerDialog
from workbench.tui.widgets.article_view import ArticleView
from workbench.tui.widgets.claim_table import ClaimTable

from tests.tui.tui_fixtures import ARTICLE_1
from tests.tui.tui_helpers import settle


def _added(db_path: str) -> list[tuple]:
    conn = connect(db_path)
    try:
        return conn.execute(
            "SELECT c.id, c.text, c.rule, s.name, e.action, e.origin FROM claims c JOIN speakers s"
            " ON s.id = c.speaker_id JOIN correction_events e ON e.claim_id = c.id WHERE c.rule = 'reviewer_added'"
            " ORDER BY e.id").fetchall()
    finally:
        conn.close()


async def _select_and_confirm(pilot, *, words_right: int, length: int) -> None:
    await pilot.press("a")
    await settle(pilot)
    await pilot.press(*["right"] * words_right, "space", *["right"] * (length - 1), "enter")
    await settle(pilot)


async def test_add_a_missed_claim_with_the_keyboard_then_undo_it(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", "v")  # claim 2: "We are not going to stop"; the cursor starts after it
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        # The cursor starts on the claim's last word; back five words to "\"We", then take four words.
        await pilot.press("a")
        await settle(pilot)
        view = screen.query_one(ArticleView)
        assert ARTICLE_1[slice(*view.cursor)] == "stop,\""
        await pilot.press(*["left"] * 5, "space", "right", "right", "right", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReassignSpeakerDialog)
        await pilot.press(*"kirby")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen) and not screen.selecting
        [(claim_id, text, rule, speaker, action, origin)] = _added(db_path)
        assert (text, rule, speaker, action, origin) == ("\"We are not going", "reviewer_added", "John Kirby",
                                                         "span", "added")
        assert screen.claim_id == claim_id  # the new claim is highlighted in the article
        await pilot.press("escape")
        await settle(pilot)
        rows = [r.claim_id for r in app.screen.query_one(ClaimTable).rows_window]
        assert rows[:3] == [1, claim_id, 2]  # in article order, not at the end of the queue
        await pilot.press("z")
        await settle(pilot)
        assert claim_id not in [r.claim_id for r in app.screen.query_one(ClaimTable).rows_window]
        assert _added(db_path)[-1][4:] == ("not_claim", None)


async def test_a_mouse_selection_becomes_the_claim(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        para = app.screen.query_one("#para-3", Static)  # "The navy is believed to have lost two ships."
        await pilot.mouse_down(para, offset=(0, 0))
        await pilot.hover(para, offset=(11, 0))
        await pilot.mouse_up(para, offset=(11, 0))
        await settle(pilot)
        await pilot.press("a", "enter")
        await settle(pilot)
        await pilot.press("enter")  # the first speaker offered
        await settle(pilot)
        assert [r[1] for r in _added(db_path)] == ["The navy is"]


async def test_text_in_no_claim_looks_different_from_an_unreviewed_claim(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        a, _ = view._paras[2]  # "A U.S. official, ... said two ships were damaged."
        content = view._render_para(2)
        claim = ARTICLE_1.index("two ships were damaged") - a
        styles_at = lambda i: " ".join(str(s.style) for s in content.spans if s.start <= i < s.end)  # noqa: E731
        assert styles_at(claim).endswith("$text underline not dim")  # the claim's style comes last: it wins
        assert styles_at(0) == "$text-muted dim"
