"""Provides ``workbench check``'s review-state checks: event times and the current status, recomputed.

The current status (``claim_current``) is kept by triggers; here it is worked
out again in Python from the ``reviewer_latest`` view and the adjudication
events, an independent path to the same rule (see ``migrations.m011_review_state``), so
a trigger that went wrong, or a row written around it, shows up. Event times
in the future (beyond :data:`~workbench.storage.timestamps.FUTURE_SKEW`) or
not in the stored ISO-8601 form are reported too: such an event would stay
its reviewer's latest decision whatever they mark later.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from .timestamps import FUTURE_SKEW_SQL

DECISIONS = ("sourced", "unsourced", "contested")
_EVENT_TABLES = ("review_events", "adjudication_events", "correction_events")
# created_at as utc_now() writes it: 2024-05-01T09:30:00.000000Z (older imports: without the fraction).
_ISO_GLOB = "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]*"


def bad_event_times(conn: sqlite3.Connection) -> list[str]:
    """One sentence per event table with events dated in the future or with a time that is not ISO-8601."""
    problems = []
    for table in _EVENT_TABLES:
        future = conn.execute(
            f"SELECT count(*), min(id) FROM {table} WHERE created_at GLOB ? AND created_at >"
            f" strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '{FUTURE_SKEW_SQL}')", (_ISO_GLOB,)).fetchone()
        if future[0]:
            problems.append(f"{future[0]} event(s) in {table} are dated in the future (first: event {future[1]}); "
                            "such an event stays its reviewer's latest decision whatever they mark later. "
                            "Find them with: SELECT * FROM " + table + " WHERE created_at > strftime('%Y-%m-%dT%H:%M:%fZ')")
        odd = conn.execute(f"SELECT count(*), min(id) FROM {table} WHERE created_at NOT GLOB ?",
                           (_ISO_GLOB,)).fetchone()
        if odd[0]:
            problems.append(f"{odd[0]} event(s) in {table} have a time that is not an ISO-8601 date-time "
                            f"(first: event {odd[1]}); they sort wrongly against every other event.")
    return problems


def expected_statuses(conn: sqlite3.Connection) -> dict[int, str]:
    """The status each claim with review or adjudication events should have, recomputed from the events."""
    decided: dict[int, dict[str, str]] = defaultdict(dict)
    for claim_id, reviewer, status in conn.execute("SELECT claim_id, reviewer, status FROM reviewer_latest"):
        if status in DECISIONS:
            decided[claim_id][reviewer] = status
    out = {claim_id: "unreviewed" for (claim_id,) in conn.execute("SELECT DISTINCT claim_id FROM reviewer_latest")}
    for claim_id, reviewers in decided.items():
        statuses = set(reviewers.values())
        out[claim_id] = statuses.pop() if len(statuses) == 1 else "disputed"
    undone = {r[0] for r in conn.execute("SELECT undoes_event_id FROM adjudication_events"
                                         " WHERE undoes_event_id IS NOT NULL")}
    latest: dict[int, tuple[str, list[int]]] = {}
    for adj_id, claim_id, status, settles in conn.execute(
            "SELECT id, claim_id, status, settles FROM adjudication_events WHERE undoes_event_id IS NULL ORDER BY id"):
        if adj_id not in undone:
            latest[claim_id] = (status, json.loads(settles))
    for claim_id, (status, settles) in latest.items():
        settled = set()
        if settles:
            marks = ",".join("?" * len(settles))
            settled = set(conn.execute(f"SELECT reviewer, status FROM review_events WHERE id IN ({marks})",
                                       settles).fetchall())
        if all(s == status or (r, s) in settled for r, s in decided.get(claim_id, {}).items()):
            out[claim_id] = status
    return out


def status_problems(conn: sqlite3.Connection) -> list[str]:
    """Sentences for claims whose stored status is not what their events say, and drifted totals."""
    problems = []
    expected = expected_statuses(conn)
    wrong = []
    for claim_id, status in conn.execute("SELECT claim_id, status FROM claim_current"):
        if expected.get(claim_id, "unreviewed") != status:
            wrong.append(claim_id)
    if wrong:
        problems.append(f"{len(wrong)} claim(s) show a status that does not follow from their reviewers' latest "
                        f"decisions and adjudications (first: claim {wrong[0]}).")
    counts = dict(conn.execute("SELECT status, n FROM status_counts").fetchall())
    actual = dict(conn.execute("SELECT status, count(*) FROM claim_current WHERE excluded = 0 AND superseded = 0"
                               " GROUP BY status").fetchall())
    drift = [s for s in counts if counts[s] != actual.get(s, 0)]
    if drift:
        problems.append("The status totals do not match the claims to review (" + ", ".join(
            f"{s}: {counts[s]} recorded, {actual.get(s, 0)} actual" for s in drift) + ").")
    flags = conn.execute(
        "SELECT count(*) FROM claim_current cc LEFT JOIN claim_corrections k ON k.claim_id = cc.claim_id"
        " WHERE cc.excluded <> (k.excluded IS NOT NULL)").fetchone()[0]
    if flags:
        problems.append(f"{flags} claim(s) are in or out of the queue against their corrections (not a claim, "
                        "merged).")
    return problems
