"""Issue 19 item 8: a huge near-duplicate group and a multi-MB article open promptly, and q quits at once."""

from __future__ import annotations

import time

import pytest
from tests.tui.big_fixtures import big_article_db, big_group_db
from tests.tui.tui_helpers import settle

from workbench.tui.app import WorkbenchApp
from workbench.tui.widgets.article_view import ArticleView
from workbench.tui.widgets.detail_pane import DetailPane


async def _until(pilot, ready, seconds: float) -> float:
    """Pause until ``ready()`` (the UI stays live meanwhile); returns the seconds it took."""
    t0 = time.monotonic()
    while not ready():
        assert time.monotonic() - t0 < seconds, "the screen did not appear in time"
        await pilot.pause(0.05)
    return time.monotonic() - t0


async def _quit_promptly(app, pilot, seconds: float = 2.0) -> None:
    t0 = time.monotonic()
    await pilot.press("q")
    while app.is_running and time.monotonic() - t0 < seconds:
        await pilot.pause(0.05)
    assert not app.is_running or app._exit, f"q did not quit within {seconds} s"


def _detail_text(app) -> str:
    pane = app.screen.query_one(DetailPane)
    return str(pane.query_one("#detail-body").render())


@pytest.fixture(scope="module")
def group_db(tmp_path_factory):
    return str(big_group_db(tmp_path_factory.mktemp("group") / "w.db", 20_000))


async def test_a_20k_member_group_shows_its_size_and_a_page_then_more_on_demand(group_db):
    app = WorkbenchApp(group_db, "alice", refresh_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: app.screen.query(DetailPane) and app.screen.query_one(DetailPane).detail, 10)
        pane = app.screen.query_one(DetailPane)
        assert pane.detail.group_total == 19_999
        assert len(pane.detail.group) == 20
        assert "19,999 matches" in _detail_text(app) and "19,979 more" in _detail_text(app)
        await pilot.press("G")
        await _until(pilot, lambda: len(pane.detail.group) == 40, 5)
        assert "19,959 more" in _detail_text(app)
        await pilot.press("j")  # the next claim, in the same group: its own first page, promptly
        await _until(pilot, lambda: pane.detail.claim_id != 1 and len(pane.detail.group) == 20, 5)
        await _quit_promptly(app, pilot)


@pytest.mark.parametrize("one_line", [False, True], ids=["paragraphs", "one-line"])
async def test_a_multi_mb_article_opens_around_the_claim_and_q_leaves_at_once(tmp_path, one_line):
    db = str(big_article_db(tmp_path / "w.db", 3_000_000, one_line=one_line))
    app = WorkbenchApp(db, "alice", refresh_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: app.screen.query(DetailPane) and app.screen.query_one(DetailPane).detail, 10)
        # The detail pane shows the claim within a bounded cut of its (3 MB) paragraph.
        assert len(app.screen.query_one(DetailPane).detail.paragraph) < 5_000
        await pilot.press("end")  # the last claim: deep in the article
        await _until(pilot, lambda: app.screen.query_one(DetailPane).detail.claim_id > 1000, 10)
        await pilot.press("v")
        took = await _until(pilot, lambda: isinstance(app.screen.focused, object) and app.screen.query(ArticleView)
                            and app.screen.query_one(ArticleView).children, 10)
        view = app.screen.query_one(ArticleView)
        assert len(view.children) <= 200, "only a window of the article is mounted"
        current = view.shape.block_of[view.current]
        assert view._lo <= current < view._hi
        await pilot.press("k", "k", "k")  # moving claim by claim stays live
        await pilot.press("q")  # back to the queue
        await _until(pilot, lambda: not app.screen.query(ArticleView), 5)
        await _quit_promptly(app, pilot)
    assert took < 10


async def test_scrolling_to_the_end_of_a_long_article_mounts_more(tmp_path):
    db = str(big_article_db(tmp_path / "w.db", 400_000))
    app = WorkbenchApp(db, "alice", refresh_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await _until(pilot, lambda: app.screen.query(ArticleView) and app.screen.query_one(ArticleView).children, 10)
        view = app.screen.query_one(ArticleView)
        hi = view._hi
        view.scroll_end(animate=False)
        await _until(pilot, lambda: view._hi > hi, 5)
        await pilot.press("q")
        await _quit_promptly(app, pilot)
