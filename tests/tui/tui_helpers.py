"""Provides helpers shared by the Pilot tests."""

from __future__ import annotations

from workbench.storage import connect


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers finish and their messages be handled (a few rounds: results start new loads)."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


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
