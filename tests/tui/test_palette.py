"""Issue 14: the command palette crashed (MarkupError) on the review screen, because a key written into a
command's help as ``[{key}]`` (``/``, ``[``, ``|``) was read as markup. Open it on every screen and run one
command from it."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from workbench.storage import connect, reviews
from workbench.storage.db import write_transaction
from workbench.storage import open_db
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.article import ArticleScreen
from workbench.tui.screens.articles import ArticlesScreen
from workbench.tui.screens.disputes import DisputesScreen
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.screens.speakers import SpeakersScreen
from workbench.tui.screens.welcome import WelcomeScreen

from tests.tui.tui_helpers import settle


async def _run_from_palette(pilot, query: str) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("open_keys, screen, query, check", [
    ((), ReviewScreen, "search", lambda app: app.screen.query_one("Input").placeholder.startswith("words")),
    (("v",), ArticleScreen, "add claim", lambda app: app.screen.selecting),
    (("a",), ArticlesScreen, "back", lambda app: isinstance(app.screen, ReviewScreen)),
    (("p",), SpeakersScreen, "back", lambda app: isinstance(app.screen, ReviewScreen)),
    (("D",), DisputesScreen, "in queue", lambda app: isinstance(app.screen, ReviewScreen)),
])
async def test_palette_opens_and_runs_a_command_on_every_screen(db_path, make_app, open_keys, screen, query, check):
    conn = connect(db_path)
    reviews.mark(conn, 3, "sourced", "bob")
    reviews.mark(conn, 3, "unsourced", "carol")  # one disputed claim, so the disputes screen has a row
    conn.close()
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*open_keys)
        await settle(pilot)
        assert isinstance(app.screen, screen)
        await _run_from_palette(pilot, query)
        assert check(app)


async def test_palette_on_the_welcome_screen(tmp_path):
    open_db(str(tmp_path / "empty.db")).close()
    app = WorkbenchApp(str(tmp_path / "empty.db"), "alice", refresh_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await _run_from_palette(pilot, "refresh")
        assert isinstance(app.screen, WelcomeScreen)


async def test_palette_help_shows_punctuation_keys_literally(db_path, make_app):
    """The split command's key is "|" and search's is "/": shown as typed, no crash."""
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"split")
        await settle(pilot)
        shown = " ".join(str(o.prompt) for o in app.screen.query_one("CommandList")._options)
        assert "Split the claim in two at a word you choose  [|]" in shown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
