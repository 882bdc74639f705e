"""Pilot tests for the review screen: marking, auto-advance, undo, notes, evidence, filters, search."""

from __future__ import annotations

from tests.tui.tui_helpers import events, settle, status_of

from workbench.tui.messages import ReviewStored
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.claim_table import ClaimTable


async def test_first_screen_shows_queue_and_detail(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        table = app.screen.query_one(ClaimTable)
        assert [r.claim_id for r in table.rows_window] == list(range(1, 9))
        assert table.current.claim_id == 1
        body = str(app.screen.query_one("#detail-body").render())
        assert "John Kirby" in body and "Pentagon Press Secretary" in body
        assert "pentagon.txt" in body and "https://example.org/pentagon" in body
        status = str(app.screen.query_one("#status-line").render())
        assert "0/5" in status and "alice" in status


async def test_mark_writes_event_and_advances(db_path, make_app):
    seen = []
    app = make_app(db_path)
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        await pilot.press("s")
        assert table.current.claim_id == 2  # auto-advance happens at once, before the write lands
        await pilot.press("u", "c")
        await settle(pilot)
        assert table.current.claim_id == 4
        stored = [m for m in seen if isinstance(m, ReviewStored)]
        assert [(m.claim_id, m.event.status) for m in stored] == [(1, "sourced"), (2, "unsourced"), (3, "contested")]
        assert [r.status for r in table.rows_window[:4]] == ["sourced", "unsourced", "contested", "unreviewed"]
        assert not table.pending
    assert events(db_path) == [
        (1, "mark", "sourced", "alice", None, None, None),
        (2, "mark", "unsourced", "alice", None, None, None),
        (3, "mark", "contested", "alice", None, None, None),
    ]


async def test_arrows_and_jk_move(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        await pilot.press("j", "j", "down")
        assert table.current.claim_id == 4
        await pilot.press("k", "up")
        assert table.current.claim_id == 2
        await settle(pilot)
        assert "We are not going to stop" in str(app.screen.query_one("#detail-body").render())


async def test_undo_appends_event_and_restores(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s", "u")
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        assert table.current.claim_id == 2  # the cursor goes back to the undone claim
        assert table.rows_window[1].status == "unreviewed"
        await pilot.press("z")
        await settle(pilot)
        assert table.rows_window[0].status == "unreviewed"
        await pilot.press("z")  # nothing left: a warning, no event
        await settle(pilot)
    rows = events(db_path)
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (1, "mark", "sourced"), (2, "mark", "unsourced"), (2, "undo", "unreviewed"), (1, "undo", "unreviewed")]
    assert rows[2][6] is not None and rows[3][6] is not None  # undoes_event_id kept; nothing deleted


async def test_clear_goes_back_to_unreviewed(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c", "k", "x")
        await settle(pilot)
    assert [(r[0], r[1], r[2]) for r in events(db_path)] == [(1, "mark", "contested"), (1, "clear", "unreviewed")]
    assert status_of(db_path, 1) == "unreviewed"


async def test_note_and_evidence_entry(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"called [b]press[/b] office")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"https://example.org/proof")
        await pilot.press("enter")
        await settle(pilot)
        body = str(app.screen.query_one("#detail-body").render())
        assert "called [b]press[/b] office" in body
        assert "https://example.org/proof" in body
        await pilot.press("e", "escape")  # cancel writes nothing
        await settle(pilot)
    assert [(r[0], r[1], r[4], r[5]) for r in events(db_path)] == [
        (1, "note", "called [b]press[/b] office", None), (1, "evidence", None, "https://example.org/proof")]


async def test_status_filter(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("u", "u")
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        # any, unreviewed, sourced, unsourced, contested
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        assert [r.claim_id for r in table.rows_window] == [1, 2]
        assert "status unsourced" in str(app.screen.query_one("#filter-bar").render())
        await pilot.press("backspace")
        await settle(pilot)
        assert len(table.rows_window) == 8
        assert "none" in str(app.screen.query_one("#filter-bar").render())


async def test_kind_filter_combines_with_status(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("down", "enter")  # person
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        assert [r.claim_id for r in table.rows_window] == [1, 2, 6, 8]
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("down", "enter")  # unreviewed
        await settle(pilot)
        assert [r.claim_id for r in table.rows_window] == [2, 6, 8]
        bar = str(app.screen.query_one("#filter-bar").render())
        assert "kind person" in bar and "status unreviewed" in bar


async def test_search(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"ship", "enter")
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        assert [r.claim_id for r in table.rows_window] == [3, 4]
        assert "search “ship”" in str(app.screen.query_one("#filter-bar").render())
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*' AND "x*', "enter")  # FTS syntax in the input is matched literally, no error
        await settle(pilot)
        assert table.rows_window == []
        assert "No claims match" in str(app.screen.query_one("#detail-body").render())


async def test_marking_is_greyed_without_a_claim(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"nothingmatchesthis", "enter")
        await settle(pilot)
        assert app.screen.check_action("mark", ("sourced",)) is None
        await pilot.press("s")
        await settle(pilot)
    assert events(db_path) == []


async def test_article_view_moves_and_marks(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        from workbench.tui.screens.article import ArticleScreen
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.claim_id == 1
        await pilot.press("j", "j")
        assert app.screen.claim_id == 3
        await pilot.press("u")
        await settle(pilot)
        assert app.screen.claim_id == 4
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        table = app.screen.query_one(ClaimTable)
        assert table.current.claim_id == 4
        assert table.rows_window[2].status == "unsourced"
    assert status_of(db_path, 3) == "unsourced"


async def test_help_and_palette_list_every_action(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for title in ("Sourced", "Unsourced", "Contested", "Clear", "Undo", "Note", "Evidence", "Search",
                      "Status", "Kind", "Articles", "Speakers", "Article", "Refresh", "Help", "Quit"):
            assert title in titles
        await pilot.press("question_mark")
        await pilot.pause()
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        for key in ("s", "u", "c", "x", "z", "n", "e", "/", "f", "a", "p", "q", "ctrl+p"):
            assert f"\n{key:>10}  " in "\n" + text or f"{key:>10}  " in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
