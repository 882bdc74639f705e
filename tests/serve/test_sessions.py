"""Served sessions: each a real app process, its reviewer from the token, marks interleaving with a terminal's."""

from __future__ import annotations

import asyncio

import pytest

from tests.serve.serve_helpers import (CLAIMS_ON_SCREEN, Browser, add_reviewer, build_db, marks, revoke, served,
                                       wait_until)
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.review import ReviewScreen


@pytest.fixture
def db_path(tmp_path):
    return build_db(tmp_path / "workbench.db")


async def test_a_session_is_its_tokens_reviewer_until_revoked(db_path, monkeypatch):
    token = add_reviewer(db_path, "alice")
    # Nothing else may name the reviewer: not the server's environment, not the browser.
    monkeypatch.setenv("WORKBENCH_REVIEWER", "mallory")
    monkeypatch.setenv("WORKBENCH_SERVE_REVIEWER", "mallory")
    async with served(db_path, recheck_s=0.3) as (server, base):
        browser = Browser(base)
        try:
            assert await browser.open_link(token) == 200
            await browser.connect(query="&reviewer=mallory", headers={"X-Reviewer": "mallory"})
            # The app's first screen: the queue, the claim's detail, the reviewer in the status line.
            shown = await browser.wait_for(CLAIMS_ON_SCREEN, "Ferry fares rise", "alice", "Sourced")
            assert "mallory" not in shown
            # The queue has the keyboard (the app started blurred, as every served app does).
            await browser.press("j")
            await browser.press("s")
            assert await wait_until(lambda: marks(db_path), what="the mark stored") == [(2, "sourced", "alice")]
            assert server.started == 1 and list(server.sessions.values()) == ["alice"]
            # Revoked while open: the session is closed and its process stopped.
            await asyncio.to_thread(revoke, db_path, "alice")
            await wait_until(lambda: browser.closed, timeout=15, what="the revoked session closed")
            await wait_until(lambda: not server.sessions, timeout=15, what="its app process stopped")
        finally:
            await browser.close()


async def test_article_text_reaches_the_browser_literally(db_path):
    """Markup and an escape in the article are drawn as characters (ESC as its visible picture)."""
    token = add_reviewer(db_path, "bob")
    async with served(db_path) as (server, base):
        browser = Browser(base)
        try:
            await browser.open_link(token)
            await browser.connect(width=140, height=30)
            await browser.wait_for(CLAIMS_ON_SCREEN)
            await browser.press("j" * 5)  # down to the first claim of the markup article
            shown = await browser.wait_for("[@click=app.quit]quit[/] closes nothing", "Tricky [bold]x[/bold]")
            await browser.press("j")
            shown = await browser.wait_for("␛[31mred␛[0m text is just text")
            assert "\x1b[31mred" not in browser.received.decode("utf-8", "replace")
            assert not browser.closed  # the would-be [@click=app.quit] did nothing
        finally:
            await browser.close()


async def test_two_browsers_and_a_terminal_interleave_with_nothing_lost(db_path):
    tokens = {name: add_reviewer(db_path, name) for name in ("alice", "bob")}
    rounds = 3
    async with served(db_path) as (server, base):
        browsers = {name: Browser(base) for name in tokens}
        terminal = WorkbenchApp(db_path, "carol", refresh_interval=None)
        try:
            for name, browser in browsers.items():
                await browser.open_link(tokens[name])
            # Both app processes start at once, and the terminal's app beside them.
            starting = [asyncio.create_task(browser.connect()) for browser in browsers.values()]
            async with terminal.run_test(size=(120, 30)) as pilot:
                await asyncio.gather(*starting)
                for name, browser in browsers.items():
                    await browser.wait_for(CLAIMS_ON_SCREEN, name)
                await _until(pilot, lambda: isinstance(terminal.screen, ReviewScreen))
                for _ in range(rounds):
                    await browsers["alice"].press("s")
                    await pilot.press("u")
                    await browsers["bob"].press("c")
                await _until(pilot, lambda: len(marks(db_path)) == 3 * rounds, timeout=30)
            stored = marks(db_path)
            by = {name: [(claim, status) for claim, status, who in stored if who == name]
                  for name in ("alice", "bob", "carol")}
            # Each reviewer's marks went to the first claims in order, one each, none lost or crossed.
            assert by["alice"] == [(c, "sourced") for c in range(1, rounds + 1)]
            assert by["bob"] == [(c, "contested") for c in range(1, rounds + 1)]
            assert by["carol"] == [(c, "unsourced") for c in range(1, rounds + 1)]
            assert server.started == 2
        finally:
            await asyncio.gather(*(browser.close() for browser in browsers.values()))


async def _until(pilot, predicate, timeout: float = 20.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await asyncio.to_thread(predicate):
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await pilot.pause(0.05)
