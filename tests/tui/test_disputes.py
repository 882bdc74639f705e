"""Issue 14: disagreements are adjudicated, not last-writer-wins. A claim whose reviewers' latest marks differ
is disputed; the disputed queue (D) shows each reviewer's mark and note side by side; only an adjudicator
decides, with an event that names the marks it settles, and z undoes it."""

from __future__ import annotations

import json

from textual.widgets import Static

from workbench.storage import connect, reviews
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.disputes import DisputesScreen
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.claim_table import ClaimTable

from tests.tui.tui_helpers import settle, status_of


def _disagree(db_path: str) -> list[int]:
    conn = connect(db_path)
    try:
        a = reviews.mark(conn, 3, "sourced", "bob", note="named in the navy's statement")
        b = reviews.mark(conn, 3, "unsourced", "carol", note="the statement names nobody")
        return [a.id, b.id]
    finally:
        conn.close()


async def test_a_disagreement_is_disputed_in_the_queue_and_side_by_side_in_the_disputed_queue(db_path, make_app):
    _disagree(db_path)
    app = make_app(db_path, "alice")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        assert table.rows_window[2].status == "disputed"
        assert "≠1" in str(app.screen.query_one("#status-line").render())
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, DisputesScreen)
        panels = [str(p.render()) for p in app.screen.query(".mark-panel").results(Static)]
        assert len(panels) == 2
        assert "bob" in panels[0] and "sourced" in panels[0] and "named in the navy's statement" in panels[0]
        assert "carol" in panels[1] and "unsourced" in panels[1] and "the statement names nobody" in panels[1]
        # alice is no adjudicator: s decides nothing.
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, DisputesScreen) and status_of(db_path, 3) == "disputed"
        await pilot.press("enter")  # back to the queue, on the claim
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.query_one(ClaimTable).current.claim_id == 3


async def test_an_adjudicator_decides_naming_the_marks_and_can_undo(db_path):
    marks = _disagree(db_path)
    app = WorkbenchApp(db_path, "dana", refresh_interval=None, adjudicator=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press(*"no name given", "enter")
        await settle(pilot)
        assert status_of(db_path, 3) == "unsourced"
        conn = connect(db_path)
        row = conn.execute("SELECT status, reviewer, note, settles FROM adjudication_events").fetchone()
        conn.close()
        assert row[:3] == ("unsourced", "dana", "no name given") and sorted(json.loads(row[3])) == sorted(marks)
        assert not app.screen.rows  # nothing left to decide
        await pilot.press("z")
        await settle(pilot)
        assert status_of(db_path, 3) == "disputed" and [d.claim_id for d in app.screen.rows] == [3]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(ClaimTable).rows_window[2].status == "disputed"


async def test_a_reviewers_mark_that_contradicts_another_makes_the_claim_disputed(db_path, make_app):
    conn = connect(db_path)
    reviews.mark(conn, 1, "sourced", "bob")
    conn.close()
    app = make_app(db_path, "alice")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert status_of(db_path, 1) == "disputed"
        assert app.screen.query_one(ClaimTable).rows_window[0].status == "disputed"
        assert "is disputed" in str(list(app._notifications)[-1].message)
