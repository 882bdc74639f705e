"""Pilot tests for correcting the extraction in the review UI: speaker, not a claim, span, split, merge, undo."""

from __future__ import annotations

from tests.tui.tui_fixtures import ARTICLE_1
from tests.tui.tui_helpers import settle

from workbench.storage import connect
from workbench.tui.messages import CorrectionStored
from workbench.tui.screens.speaker_dialog import ReassignSpeakerDialog
from workbench.tui.widgets.claim_table import ClaimTable


def review_row(path: str, claim_id: int) -> dict:
    conn = connect(path)
    try:
        cur = conn.execute("SELECT * FROM claim_review WHERE claim_id = ?", (claim_id,))
        return dict(zip([c[0] for c in cur.description], cur.fetchone()))
    finally:
        conn.close()


def corrections(path: str) -> list[tuple]:
    conn = connect(path)
    try:
        return conn.execute("SELECT claim_id, action, reviewer, undoes_event_id IS NOT NULL"
                            " FROM correction_events ORDER BY id").fetchall()
    finally:
        conn.close()


def body(app) -> str:
    return str(app.screen.query_one("#detail-body").render())


async def test_reassign_to_existing_speaker(db_path, make_app):
    seen = []
    app = make_app(db_path)
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReassignSpeakerDialog)
        await pilot.press(*"annual")  # filters the article's speakers to "the annual report"
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        assert table.current.claim_id == 1 and table.current.speaker == "the annual report"
        text = body(app)
        assert "the annual report" in text and "Extractor" in text and "John Kirby" in text and "alice" in text
    assert [m.action for m in seen if isinstance(m, CorrectionStored)] == ["speaker"]
    row = review_row(db_path, 1)
    assert (row["speaker"], row["original_speaker"], row["corrected"]) == ("the annual report", "John Kirby", 1)


async def test_reassign_to_new_speaker_with_mention(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j")  # claim 4, the reporter's hedged assertion
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press(*"The navy")
        await pilot.press("enter")  # no speaker matches: the new-speaker form, name filled in
        await pilot.pause()
        await pilot.press("down", "tab")  # kind: organization
        await pilot.press(*"fleet", "tab")
        await pilot.press(*"[US] Navy", "tab")
        await pilot.press(*"The navy")  # the words that name it
        await pilot.press("enter")
        await settle(pilot)
        assert "The navy" in body(app)
    row = review_row(db_path, 4)
    assert (row["speaker"], row["speaker_kind"], row["speaker_role"], row["speaker_affiliation"]) == (
        "The navy", "organization", "fleet", "[US] Navy")
    assert row["mention"] == "The navy" and row["original_speaker_kind"] == "author"


async def test_not_a_claim_with_undo(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        await pilot.press("j", "d")
        await settle(pilot)
        assert [r.claim_id for r in table.rows_window] == [1, 3, 4, 5, 6, 7, 8]
        assert table.current.claim_id == 3  # auto-advance
        assert "7" in str(app.screen.query_one("#status-line").render())
        await pilot.press("z")
        await settle(pilot)
        assert [r.claim_id for r in table.rows_window] == list(range(1, 9))
        assert table.current.claim_id == 2
    assert corrections(db_path) == [(2, "not_claim", "alice", 0), (2, "restore", "alice", 1)]
    assert review_row(db_path, 2)["excluded"] is None


async def test_span_adjust_keys(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in ("greater_than_sign", "right_square_bracket", "less_than_sign"):
            await pilot.press(key)
            await settle(pilot)
        row = review_row(db_path, 1)
        assert row["text"] == "drills will continue next"
        assert ARTICLE_1[row["start"]:row["end"]] == row["text"]
        assert app.screen.query_one(ClaimTable).current.text == "drills will continue next"
        await pilot.press("S")
        await settle(pilot)
        row = review_row(db_path, 1)
        assert row["text"].startswith("The drills will continue next week, Pentagon") and row["text"].endswith(
            "on Monday.")
        assert ARTICLE_1[row["start"]:row["end"]] == row["text"]
        await pilot.press("z")
        await settle(pilot)
    assert review_row(db_path, 1)["text"] == "drills will continue next"
    assert [a for _, a, _, _ in corrections(db_path)] == ["span"] * 5


async def test_split_at_a_chosen_word(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")  # claim 3: "two ships were damaged"
        await settle(pilot)
        await pilot.press("vertical_line")
        await settle(pilot)
        await pilot.press("down", "enter")  # after "two ships"
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        assert table.current.claim_id == 3 and table.current.text == "two ships"
        assert [r.text for r in table.rows_window if r.claim_id == 9] == ["were damaged"]
    first, second = review_row(db_path, 3), review_row(db_path, 9)
    for r in (first, second):
        assert ARTICLE_1[r["start"]:r["end"]] == r["text"]
    assert second["rule"] == "reviewer_split" and second["speaker"] == "U.S. official"


async def test_merge_with_next(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        assert [r.claim_id for r in table.rows_window][:2] == [1, 3]
        assert table.current.text.startswith("The drills") and table.current.text.endswith("going to stop")
        assert "merge" in body(app)
    row = review_row(db_path, 1)
    assert ARTICLE_1[row["start"]:row["end"]] == row["text"]
    assert review_row(db_path, 2)["excluded"] == "merged"


async def test_undo_covers_marks_and_corrections_in_order(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")  # mark claim 1, cursor to claim 2
        await settle(pilot)
        await pilot.press("d")  # claim 2 not a claim
        await settle(pilot)
        await pilot.press("z")  # undoes the not-a-claim
        await settle(pilot)
        await pilot.press("z")  # then the mark
        await settle(pilot)
    assert review_row(db_path, 2)["excluded"] is None
    assert review_row(db_path, 1)["status"] == "unreviewed"


async def test_correction_keys_are_described_in_help_and_palette(db_path, make_app):
    from workbench.tui.screens.review import binding_rows

    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        described = {desc for _, desc, _ in binding_rows(app.screen)}
        assert {"Speaker", "Mention", "Not claim", "Grow end", "Shrink end", "Grow start", "Shrink start",
                "To sentence", "Split", "Merge next", "Refresh"} <= described


async def test_repoint_mention(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"John Kirby", "enter")
        await settle(pilot)
        assert "“John Kirby” → John Kirby" in body(app)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"nobody said this", "enter")  # not in the article: a warning, nothing stored
        await settle(pilot)
    row = review_row(db_path, 1)
    assert (row["mention"], row["original_mention"]) == ("John Kirby", "Pentagon Press Secretary John Kirby")
    assert [a for _, a, _, _ in corrections(db_path)] == ["mention"]
