"""The extractor's confidence in the review UI: least confident first (keyset-paged), shown in the detail pane."""

from __future__ import annotations

import pytest

from tests.tui.tui_fixtures import build_big_db
from tests.tui.tui_helpers import assert_pages_match, settle
from workbench.storage import connect, reviews
from workbench.storage import queue as q
from workbench.tui.widgets.claim_table import ClaimTable

# claim id -> confidence; the others have none (claims stored before confidences: they sort last, by id).
CONFIDENCE = {1: 0.9, 2: 0.35, 3: 0.9, 5: 0.12, 6: 0.6, 7: 0.35}


def _ids(app) -> list[int]:
    return [r.claim_id for r in app.screen.query_one(ClaimTable).rows_window]


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = str(build_big_db(tmp_path_factory.mktemp("big") / "big.db", 2000, per_article=7))
    conn = connect(path)
    with conn:  # every fourth claim without a confidence; many ties
        conn.executemany("UPDATE claims SET confidence = ? WHERE id = ?",
                         [((i * 37 % 20) / 20, i) for i in range(1, 2001) if i % 4])
    for cid in range(1, 2000, 5):
        reviews.mark(conn, cid, "unsourced", "t")
    conn.close()
    return path


@pytest.mark.parametrize("flt", [
    q.QueueFilter(order="confidence"),
    q.QueueFilter(order="confidence", status="unsourced"),
    q.QueueFilter(order="confidence", speaker_kind="anonymous", status="unreviewed"),
    q.QueueFilter(order="confidence", article_id=9),
])
def test_confidence_pages_match_a_plain_query(big, flt):
    conn = connect(big)
    try:
        expected = [r[0] for r in conn.execute(
            "SELECT c.id FROM claims c JOIN claim_current cc ON cc.claim_id = c.id JOIN speakers s ON s.id = c.speaker_id"
            " WHERE (? IS NULL OR cc.status = ?) AND (? IS NULL OR s.kind = ?) AND (? IS NULL OR c.article_id = ?)"
            " ORDER BY c.confidence IS NULL, c.confidence, c.id",
            (flt.status, flt.status, flt.speaker_kind, flt.speaker_kind, flt.article_id, flt.article_id))]
        assert_pages_match(conn, flt, expected)
    finally:
        conn.close()


async def test_o_twice_shows_the_least_confident_claims_first_with_their_confidence(db_path, make_app):
    conn = connect(db_path)
    with conn:
        conn.executemany("UPDATE claims SET confidence = ? WHERE id = ?", [(v, k) for k, v in CONFIDENCE.items()])
        conn.execute("UPDATE claims SET rule = 'model:attribution@1' WHERE id = 5")
    conn.close()
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o", "o")
        await settle(pilot)
        assert _ids(app) == [5, 2, 7, 6, 1, 3, 4, 8]
        assert "least confident first" in str(app.screen.query_one("#filter-bar").render())
        body = str(app.screen.query_one("#detail-body").render())
        assert "rule model:attribution@1" in body and "confidence 0.12" in body
        await pilot.press("j")
        await settle(pilot)
        assert "confidence 0.35" in str(app.screen.query_one("#detail-body").render())
