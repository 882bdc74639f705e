"""Provides helpers shared by the Pilot tests."""

from __future__ import annotations

from workbench.storage import connect


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers finish and their messages be handled (a few rounds: results start new loads)."""
    for _ in range(rounds):
        await wait_workers(pilot.app)
        await pilot.pause()


async def wait_workers(app) -> None:
    """``app.workers.wait_for_complete()``, tolerating loads cancelled by a newer one (exclusive groups)."""
    from textual.worker import WorkerCancelled

    for _ in range(50):
        live = [w for w in app.workers if not w.is_cancelled and not w.is_finished]
        if not live:
            return
        try:
            await app.workers.wait_for_complete(live)
        except WorkerCancelled:
            continue


def events(path: str) -> list[tuple]:
    conn = connect(path)
    try:
        return conn.execute("SELECT claim_id, action, status, reviewer, note, evidence_url, undoes_event_id"
                            " FROM review_events ORDER BY id").fetchall()
    finally:
        conn.close()


def status_of(path: str, claim_id: int) -> str:
    conn = connect(path)
    try:
        return conn.execute("SELECT status FROM claim_current WHERE claim_id = ?", (claim_id,)).fetchone()[0]
    finally:
        conn.close()


def assert_pages_match(conn, flt, expected: list[int]) -> None:
    """The queue in ``flt``'s order, paged forwards, backwards and around claims, is exactly ``expected``."""
    from workbench.storage import queue as q

    got, after = [], None
    while page := q.page_after(conn, flt, after, 50):
        got += [r.claim_id for r in page]
        after = page[-1].claim_id
    assert got == expected
    for mid in (expected[len(expected) // 2], expected[-1], expected[0]):
        i = expected.index(mid)
        assert q.count(conn, flt, below=mid).n == i
        assert [r.claim_id for r in q.page_before(conn, flt, mid, 20)] == expected[max(0, i - 20):i]
        rows, at = q.page_around_at(conn, flt, mid, 30)
        assert rows[at].claim_id == mid
        assert [r.claim_id for r in rows] == expected[expected.index(rows[0].claim_id):][:len(rows)]
