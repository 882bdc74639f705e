"""Issue 14, navigation: next/previous unreviewed claim, go to a claim by id, Home/End to the queue's true ends,
copy a claim with its citation, open the article's url."""

from __future__ import annotations

import webbrowser

from workbench.storage import connect, corrections, reviews
from workbench.storage.db import write_transaction
from workbench.tui import clipboard
from workbench.tui.screens.dialogs import TextDialog
from workbench.tui.widgets.claim_table import ClaimTable

from tests.tui.tui_fixtures import build_big_db
from tests.tui.tui_helpers import settle


def _current(app) -> int:
    return app.screen.query_one(ClaimTable).current.claim_id


async def test_next_and_previous_unreviewed_reach_beyond_the_loaded_window(tmp_path, make_app):
    path = str(build_big_db(tmp_path / "big.db", 400))
    conn = connect(path)
    with write_transaction(conn):  # claims 1-250 reviewed, 251 not, 252-399 reviewed, 400 not
        conn.executemany("INSERT INTO review_events (claim_id, action, status, reviewer, created_at)"
                         " VALUES (?, 'mark', 'sourced', 'bob', '2024-05-01T09:00:00.000000Z')",
                         [(i,) for i in range(1, 400) if i != 251])
    conn.close()
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert _current(app) == 1 and len(app.screen.query_one(ClaimTable).rows_window) == 150
        await pilot.press("J")
        await settle(pilot)
        assert _current(app) == 251  # not in the first window of 150
        await pilot.press("J")
        await settle(pilot)
        assert _current(app) == 400
        await pilot.press("J")
        await settle(pilot)
        assert _current(app) == 400  # nothing after: stays, and says so
        await pilot.press("K")
        await settle(pilot)
        assert _current(app) == 251


async def test_home_and_end_go_to_the_true_ends_of_the_queue(tmp_path, make_app):
    path = str(build_big_db(tmp_path / "big.db", 400))
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        assert _current(app) == 400
        await pilot.press("home")
        await settle(pilot)
        assert _current(app) == 1


async def test_go_to_claim_by_id(db_path, make_app):
    conn = connect(db_path)
    corrections.not_claim(conn, 4, "bob")
    conn.close()
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("number_sign", *"7", "enter")
        await settle(pilot)
        assert _current(app) == 7
        # Filtered out: the filters are cleared to show it.
        await pilot.press("t", "down", "enter")  # speaker kind: person
        await settle(pilot)
        await pilot.press("number_sign", "3", "enter")
        await settle(pilot)
        assert _current(app) == 3 and app.screen.flt.empty
        # Out of the queue: it says why and stays.
        await pilot.press("number_sign", "4", "enter")
        await settle(pilot)
        assert _current(app) == 3
        assert "taken out of the queue" in str(list(app._notifications)[-1].message)


async def test_copy_claim_with_its_citation(db_path, make_app, monkeypatch):
    clipboard.clipboard_problem.cache_clear()
    monkeypatch.delenv("TMUX", raising=False)
    monkeypatch.delenv("STY", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("TERM_PROGRAM", "test")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard == ("“The drills will continue next week” — John Kirby, Pentagon Press Secretary,"
                                 " Pentagon. “Pentagon says drills will continue”, Example News."
                                 " https://example.org/pentagon (claim #1, characters 36–70)")
        await pilot.press("j", "j", "j", "y")
        await settle(pilot)
        assert app.clipboard.startswith("“The navy is believed to have lost two ships.” — Jane Doe (the article's own"
                                        " assertion).")
    clipboard.clipboard_problem.cache_clear()


async def test_copy_where_the_terminal_drops_clipboard_writes_shows_the_text(db_path, make_app, monkeypatch):
    clipboard.clipboard_problem.cache_clear()
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    monkeypatch.setattr(clipboard, "_tmux_option", lambda name: "external")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        assert "set-clipboard on" in app.screen.hint and "Pentagon says drills" in app.screen.text
        assert app.clipboard == ""
    clipboard.clipboard_problem.cache_clear()


async def test_open_the_articles_url_in_the_browser(db_path, make_app, monkeypatch):
    opened = []

    class Browser(webbrowser.BaseBrowser):
        def open(self, url, new=0, autoraise=True):
            opened.append(url)
            return True

    monkeypatch.setattr(webbrowser, "get", lambda using=None: Browser("test"))
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert opened == ["https://example.org/pentagon"]

    def nothing(using=None):
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", nothing)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert "No web browser is set up here" in str(list(app._notifications)[-1].message)
