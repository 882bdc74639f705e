"""Pilot tests for the speakers screen: counts, filtering the queue by speaker, merge and split."""

from __future__ import annotations

from workbench.storage import connect
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.screens.speakers import SpeakersScreen
from workbench.tui.widgets.claim_table import ClaimTable

from tests.tui.tui_helpers import settle


def _row_of(screen: SpeakersScreen, name: str) -> int:
    return next(i for i, s in enumerate(screen.speakers) if s.name == name)


async def _open_speakers(pilot, *, to_list: bool = True) -> SpeakersScreen:
    """Open the speakers screen; ``to_list`` moves from the search box (focused first) to the list."""
    await pilot.press("p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SpeakersScreen)
    if to_list:
        await pilot.press("down")
        await settle(pilot)
    return pilot.app.screen


async def test_speaker_counts_and_filter(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s", "u")  # claims 1, 2 (both John Kirby)
        await settle(pilot)
        screen = await _open_speakers(pilot)
        kirby = screen.speakers[_row_of(screen, "John Kirby")]
        assert (kirby.sourced, kirby.unsourced, kirby.contested, kirby.unreviewed) == (1, 1, 0, 1)
        assert kirby.articles == 2
        screen.query_one("DataTable").move_cursor(row=_row_of(screen, "John Kirby"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        table = app.screen.query_one(ClaimTable)
        assert [r.claim_id for r in table.rows_window] == [1, 2, 6]
        assert "speaker John Kirby" in str(app.screen.query_one("#filter-bar").render())


async def test_speaker_search_box(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await _open_speakers(pilot, to_list=False)
        await pilot.press(*"penta")
        await settle(pilot)
        # By name ("Pentagon") and by alias ("Pentagon Press Secretary John Kirby").
        assert sorted(s.name for s in screen.speakers) == ["John Kirby", "Pentagon"]


async def test_typing_right_after_opening_goes_to_the_search_box(db_path, make_app):
    """Issue 14: keys typed as the screen opens went to the list ("l" split, "m" merge, space picked)."""
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("p", *"johnny lm", "backspace", "backspace", "backspace")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SpeakersScreen) and screen.picked is None
        assert screen.query_one("Input").value == "johnny" and [s.name for s in screen.speakers] == ["Johnny Kirby"]
        await pilot.press("enter")  # Enter in the box filters the queue by the speaker found
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.flt.speaker_label == "Johnny Kirby"


async def test_merge_then_split(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await _open_speakers(pilot)
        table = screen.query_one("DataTable")
        table.move_cursor(row=_row_of(screen, "Johnny Kirby"))
        await pilot.press("space")
        await settle(pilot)
        assert screen.picked.name == "Johnny Kirby"
        table.move_cursor(row=_row_of(screen, "John Kirby"))
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        names = [s.name for s in screen.speakers]
        assert "Johnny Kirby" not in names
        kirby = screen.speakers[_row_of(screen, "John Kirby")]
        assert kirby.unreviewed == 4
        assert "Johnny Kirby" in kirby.aliases  # aliases kept

        # Split the wrongly merged alias off again.
        table.move_cursor(row=_row_of(screen, "John Kirby"))
        await pilot.press("l")
        await settle(pilot)
        options = app.screen.query_one("OptionList")
        index = next(i for i in range(options.option_count) if "Johnny Kirby" in str(options.get_option_at_index(i).prompt))
        options.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert "Johnny Kirby" in [s.name for s in screen.speakers]
        assert screen.speakers[_row_of(screen, "John Kirby")].unreviewed == 3
        await pilot.press("escape")
        await settle(pilot)
        queue = app.screen.query_one(ClaimTable)
        assert queue.rows_window[7].speaker == "Johnny Kirby"
    conn = connect(db_path)
    try:
        assert [r[0] for r in conn.execute("SELECT action FROM speaker_events ORDER BY id")] == ["merge", "split"]
        assert conn.execute("SELECT reviewer FROM speaker_events").fetchone()[0] == "alice"
    finally:
        conn.close()


async def test_merge_keeps_queue_and_claims_answer_to_survivor(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await _open_speakers(pilot)
        table = screen.query_one("DataTable")
        table.move_cursor(row=_row_of(screen, "Johnny Kirby"))
        await pilot.press("space")
        await settle(pilot)
        table.move_cursor(row=_row_of(screen, "John Kirby"))
        await pilot.press("m", "y")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        queue = app.screen.query_one(ClaimTable)
        assert queue.rows_window[7].speaker == "John Kirby"
