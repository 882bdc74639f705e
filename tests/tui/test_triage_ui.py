"""Issue 9 in the review UI: check-worthiness order, reasons, the same claim elsewhere, group marks, changed claims."""

from __future__ import annotations

import json

import pytest

from tests.tui.tui_fixtures import build_big_db, build_db
from tests.tui.tui_helpers import assert_pages_match, settle, status_of
from workbench.storage import connect, reviews
from workbench.storage import queue as q
from workbench.tui.widgets.claim_table import ClaimTable

# claim id -> (score, reasons); claims 4 and 8 stay unscored (they sort last, by id).
SCORES = {1: (0.9, ["quantity: next week"]), 2: (0.2, []), 3: (0.8, ["quantity: two ships", "anonymous source"]),
          5: (0.8, ["quantity: 4 percent"]), 6: (0.5, ["deadline: Friday"]), 7: (0.95, ["quantity: doubled"])}


def _triage(path: str) -> None:
    """Scores, one group (claims 1 and 6) and a changed claim (7, replacing 2), written as triage/versions do."""
    conn = connect(path)
    try:
        with conn:
            conn.executemany("INSERT INTO claim_scores (claim_id, score, reasons) VALUES (?, ?, ?)",
                             [(cid, s, json.dumps(r)) for cid, (s, r) in SCORES.items()])
            conn.executemany("INSERT INTO claim_groups (claim_id, group_id) VALUES (?, 1)", [(1,), (6,)])
            conn.execute("UPDATE claims SET changed_since_version = 1, previous_claim_id = 2 WHERE id = 7")
    finally:
        conn.close()


@pytest.fixture
def triage_db(db_path):
    _triage(db_path)
    return db_path


def _ids(app) -> list[int]:
    return [r.claim_id for r in app.screen.query_one(ClaimTable).rows_window]


def _detail(app) -> str:
    return str(app.screen.query_one("#detail-body").render())


# -- storage: the worthiness order is keyset-paged and combines with filters --------------------------

@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = str(build_big_db(tmp_path_factory.mktemp("big") / "big.db", 2000, per_article=7))
    conn = connect(path)
    with conn:  # every third claim unscored; many ties
        conn.executemany("INSERT INTO claim_scores (claim_id, score, reasons) VALUES (?, ?, '[]')",
                         [(i, (i * 37 % 20) / 20) for i in range(1, 2001) if i % 3])
    for cid in range(1, 2000, 5):
        reviews.mark(conn, cid, "unsourced", "t")
    conn.close()
    return path


@pytest.mark.parametrize("flt", [
    q.QueueFilter(order="worthiness"),
    q.QueueFilter(order="worthiness", status="unsourced"),
    q.QueueFilter(order="worthiness", speaker_kind="anonymous", status="unreviewed"),
    q.QueueFilter(order="worthiness", article_id=9),
])
def test_worthiness_pages_match_a_plain_query(big, flt):
    conn = connect(big)
    try:
        expected = [r[0] for r in conn.execute(
            "SELECT c.id FROM claims c JOIN claim_current cc ON cc.claim_id = c.id JOIN speakers s ON s.id = c.speaker_id"
            " LEFT JOIN claim_scores cs ON cs.claim_id = c.id"
            " WHERE (? IS NULL OR cc.status = ?) AND (? IS NULL OR s.kind = ?) AND (? IS NULL OR c.article_id = ?)"
            " ORDER BY cs.score IS NULL, cs.score DESC, c.id",
            (flt.status, flt.status, flt.speaker_kind, flt.speaker_kind, flt.article_id, flt.article_id))]
        assert_pages_match(conn, flt, expected)
    finally:
        conn.close()


# -- the UI ----------------------------------------------------------------------------------------

async def test_o_sorts_by_worthiness_unscored_last(triage_db, make_app):
    app = make_app(triage_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert _ids(app) == list(range(1, 9))
        await pilot.press("o")
        await settle(pilot)
        assert _ids(app) == [7, 1, 3, 5, 6, 2, 4, 8]
        assert app.screen.query_one(ClaimTable).current.claim_id == 7  # from the top of the new order
        assert "check-worthy" in str(app.screen.query_one("#filter-bar").render())
        await pilot.press("o", "o")  # least confident first, then back to article order
        await settle(pilot)
        assert _ids(app) == list(range(1, 9))


async def test_W_shows_most_check_worthy_unsourced_first(triage_db, make_app):
    conn = connect(triage_db)
    for cid in (2, 4, 5, 7):
        reviews.mark(conn, cid, "unsourced", "bob")
    conn.close()
    app = make_app(triage_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("W")
        await settle(pilot)
        assert _ids(app) == [7, 5, 2, 4]
        bar = str(app.screen.query_one("#filter-bar").render())
        assert "unsourced" in bar and "check-worthy" in bar
        app.screen.filter_article(2, "Budget talks stall")  # combines with the other filters
        await settle(pilot)
        assert _ids(app) == [7]
        await pilot.press("backspace")  # clearing the filters keeps the order
        await settle(pilot)
        assert _ids(app) == [7, 1, 3, 5, 6, 2, 4, 8]


async def test_detail_shows_score_reasons_and_same_claim_elsewhere(triage_db, make_app):
    app = make_app(triage_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        body = _detail(app)
        assert "0.80" in body and "quantity: two ships; anonymous source" in body
        assert "no matching claims" in body
        await pilot.press("k", "k")
        await settle(pilot)
        body = _detail(app)
        assert "Same claim elsewhere: 1 match" in body
        assert "#6" in body and "Budget talks stall" in body and "Kirby" in body
        assert "The budget will pass by Friday" in body


async def test_g_marks_the_group_one_event_per_claim_and_z_undoes(triage_db, make_app):
    app = make_app(triage_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("g")  # unreviewed: refused, nothing written
        await settle(pilot)
        conn = connect(triage_db)
        assert conn.execute("SELECT count(*) FROM review_events").fetchone()[0] == 0
        conn.close()
        await pilot.press("c", "k")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        conn = connect(triage_db)
        rows = conn.execute("SELECT claim_id, action, status, origin FROM review_events ORDER BY id").fetchall()
        conn.close()
        assert rows == [(1, "mark", "contested", None), (1, "mark", "contested", "group:1"),
                        (6, "mark", "contested", "group:1")]
        assert status_of(triage_db, 6) == "contested"
        table = app.screen.query_one(ClaimTable)
        assert next(r for r in table.rows_window if r.claim_id == 6).status == "contested"
        assert "group mark from claim #1" in _detail(app)
        await pilot.press("z")
        await settle(pilot)
        conn = connect(triage_db)
        undos = conn.execute("SELECT claim_id, status FROM review_events WHERE action = 'undo' ORDER BY id").fetchall()
        conn.close()
        assert sorted(undos) == [(1, "contested"), (6, "unreviewed")]
        assert status_of(triage_db, 6) == "unreviewed" and status_of(triage_db, 1) == "contested"
        assert next(r for r in table.rows_window if r.claim_id == 6).status == "unreviewed"
        await pilot.press("j", "g")  # claim 2 is unreviewed and has no group
        await settle(pilot)
        await pilot.press("s", "k", "g")  # sourced but alone: refused, only the mark is stored
        await settle(pilot)
        conn = connect(triage_db)
        assert conn.execute("SELECT count(*) FROM review_events WHERE claim_id = 2").fetchone()[0] == 1
        conn.close()


async def test_changed_claims_are_marked_in_queue_and_detail(triage_db, make_app):
    app = make_app(triage_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        cells = {r.claim_id: str(table.get_cell(str(r.claim_id), "status")) for r in table.rows_window}
        assert cells[7].startswith("Δ") and not any(cells[c].startswith("Δ") for c in cells if c != 7)
        await pilot.press(*"jjjjjj")
        await settle(pilot)
        body = _detail(app)
        assert "changed since the last version" in body and "was claim #2" in body
        assert "We are not going to stop" in body
