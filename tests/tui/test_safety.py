"""Markup and escape safety, two reviewers on one database, a big database, the empty-database welcome."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from workbench.storage import connect, open_db, reviews
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.screens.welcome import WelcomeScreen
from workbench.tui.widgets.claim_table import MAX_ROWS, ClaimTable

from tests.tui.tui_fixtures import build_big_db
from tests.tui.tui_helpers import events, settle


async def test_markup_and_escapes_are_literal(nasty_db_path, make_app):
    app = make_app(nasty_db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        table.move_cursor(row=8)
        await settle(pilot)
        svg = app.export_screenshot()
        # Shown as characters, not applied (the SVG escapes [ as &#91; in places; check the detail text).
        body = str(app.screen.query_one("#detail-body").render())
        assert "[@click=app.quit]quit[/]" in body and "[/] is harmless" in body
        assert "[bold]Mayor[/bold]" in body
        assert "Tricky [bold]x[/bold] headline" in body
        assert "[i]Eve[/i]" in body
        await pilot.press("j")
        await settle(pilot)
        body = str(app.screen.query_one("#detail-body").render())
        assert "␛[31mred␛[0m text is just text" in body  # ESC made visible, not sent to the terminal
        assert "\x1b" not in body
        assert "\x1b" not in svg
        # Clicking the would-be link does nothing: the app is still running.
        await pilot.click("#detail-body")
        await pilot.press("v")  # article view of the nasty article
        await settle(pilot)
        view = "\n".join(str(s.render()) for s in app.screen.query(".para"))
        assert "[@click=app.quit]quit[/]" in view and "␛[31mred␛[0m" in view
        assert "Tricky [bold]x[/bold] headline" in view
        assert app.is_running
        # A note full of markup is stored and shown as typed.
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("n", *"[@click=app.quit]x[/]", "enter")
        await settle(pilot)
        assert "[@click=app.quit]x[/]" in str(app.screen.query_one("#detail-body").render())
        assert app.is_running


async def test_two_apps_on_one_database(db_path, make_app):
    alice, bob = make_app(db_path, "alice"), make_app(db_path, "bob")
    async with alice.run_test(size=(100, 30)) as pa, bob.run_test(size=(100, 30)) as pb:
        await settle(pa)
        await settle(pb)
        # Interleave marks from both, quickly, then let both refresh.
        for _ in range(3):
            await pa.press("s")
            await pb.press("u")
        await settle(pa)
        await settle(pb)
        alice.screen.refresh_counts()
        bob.screen.refresh_counts()
        await settle(pa)
        await settle(pb)
        ta, tb = alice.screen.query_one(ClaimTable), bob.screen.query_one(ClaimTable)
        # Both see the same current statuses: alice said sourced, bob unsourced, so disputed (issue 14).
        assert [r.status for r in ta.rows_window] == [r.status for r in tb.rows_window]
        assert [r.status for r in ta.rows_window[:3]] == ["disputed"] * 3
        counts_a = str(alice.screen.query_one("#status-line").render())
        counts_b = str(bob.screen.query_one("#status-line").render())
        assert counts_a.split("│")[1:3] == counts_b.split("│")[1:3]
    rows = events(db_path)
    assert sorted(r[3] for r in rows) == ["alice"] * 3 + ["bob"] * 3  # nobody lost a mark


async def test_other_reviewers_marks_show_on_periodic_refresh(db_path):
    from workbench.tui.app import WorkbenchApp

    app = WorkbenchApp(db_path, "alice", refresh_interval=0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        conn = connect(db_path)
        try:
            reviews.mark(conn, 2, "contested", "bob")
        finally:
            conn.close()
        await pilot.pause(0.5)
        await settle(pilot)
        assert app.screen.query_one(ClaimTable).rows_window[1].status == "contested"
        assert "⚑1" in str(app.screen.query_one("#status-line").render())


async def test_big_queue_holds_only_a_window(tmp_path, make_app):
    path = str(build_big_db(tmp_path / "big.db", 20_000))
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        assert len(table.rows_window) <= MAX_ROWS and table.row_count <= MAX_ROWS
        for _ in range(40):
            await pilot.press("pagedown")
            await settle(pilot, 1)
        await settle(pilot)
        assert table.row_count <= MAX_ROWS
        assert table.current.claim_id > 400
        status = str(app.screen.query_one("#status-line").render())
        assert f"{table.current.claim_id:,}/20,000" in status  # real position and total
        before = table.current.claim_id
        await pilot.press("s")
        await settle(pilot)
        assert table.current.claim_id == before + 1
        # Jump deep with a search, then move: still a window.
        await pilot.press("slash", *"tax vote", "enter")
        await settle(pilot)
        assert 0 < len(table.rows_window) <= MAX_ROWS
    assert events(path)[0][:3] == (before, "mark", "sourced")


async def test_empty_database_opens_welcome(tmp_path, make_app, monkeypatch):
    path = tmp_path / "empty.db"
    open_db(str(path)).close()
    app = make_app(str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        text = str(app.screen.query_one("#welcome-text").render())
        assert "workbench ingest" in text
        # Someone ingests elsewhere; r re-checks and opens the queue.
        from workbench.storage.ingest import store

        from tests.tui.tui_fixtures import article_1
        conn = connect(str(path))
        store(conn, *article_1(), "test")
        conn.close()
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)


def test_mark_survives_kill(tmp_path, db_path):
    """A mark reported stored is on disk even if the process is killed at once (SIGKILL, no cleanup)."""
    script = textwrap.dedent(f"""
        import asyncio, os, signal
        from workbench.tui.app import WorkbenchApp
        from workbench.tui.messages import ReviewStored

        async def main():
            app = WorkbenchApp({db_path!r}, "alice", refresh_interval=None)
            seen = []
            async with app.run_test(message_hook=seen.append) as pilot:
                for _ in range(50):
                    await pilot.pause(0.05)
                    if app.screen.__class__.__name__ == "ReviewScreen" and app.screen.table.current:
                        break
                await pilot.press("s")
                for _ in range(100):
                    if any(isinstance(m, ReviewStored) for m in seen):
                        os.kill(os.getpid(), signal.SIGKILL)
                    await pilot.pause(0.01)
        asyncio.run(main())
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=os.getcwd(), capture_output=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    assert events(db_path) == [(1, "mark", "sourced", "alice", None, None, None)]


async def test_welcome_loads_bundled_samples(tmp_path, make_app):
    path = tmp_path / "empty.db"
    open_db(str(path)).close()
    app = make_app(str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("l")
        for _ in range(100):
            await settle(pilot, 1)
            if isinstance(app.screen, ReviewScreen):
                break
        assert isinstance(app.screen, ReviewScreen)
        await settle(pilot)
        assert app.screen.query_one(ClaimTable).current is not None


async def test_enter_opens_the_article(db_path, make_app):
    from workbench.tui.screens.article import ArticleScreen

    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen) and app.screen.claim_id == 2
