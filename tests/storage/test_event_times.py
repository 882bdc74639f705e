"""Issue 19, item 1: an imported review must not pin a claim's status for ever.

An event dated in the future (``9999-12-31``) or with a time that is not a
time (``zzzz`` sorts after every digit) used to stay its reviewer's latest
event, so every later mark lost to it, ``workbench mark`` reported a status
that was not stored, and ``check`` saw nothing wrong.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner

from tests.storage.test_export_support import bare_copy, claim_ids
from workbench.cli import main
from workbench.storage import reviews
from workbench.storage.import_reviews import import_reviews
from workbench.storage.maintenance import check
from workbench.storage.timestamps import event_time

HOSTILE = ["9999-12-31T23:59:59Z", "zzzz", "2024-13-45T00:00:00Z", "tomorrow"]


def _record(conn, claim_id: int, created_at: str, status: str = "unsourced", reviewer: str = "alice") -> dict:
    hash_, start, end = conn.execute(
        "SELECT a.content_hash, c.start, c.end FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = ?",
        (claim_id,)).fetchone()
    return {"content_hash": hash_, "start": start, "end": end, "status": status, "reviewer": reviewer,
            "reviewed_at": created_at, "events": [{"action": "mark", "status": status, "reviewer": reviewer,
                                                   "note": "from another copy", "evidence_url": None,
                                                   "created_at": created_at, "origin": None}]}


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_event_time_is_refused_and_reported_and_later_marks_count(tmp_path, hostile):
    conn = bare_copy(tmp_path / "w.db")
    claim = claim_ids(conn)["costs rose b"]
    good = _record(conn, claim_ids(conn)["The bridge w"], "2024-05-01T09:30:00+02:00", status="contested")
    path = tmp_path / "copy.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (_record(conn, claim, hostile), good)) + "\n")
    summary = import_reviews(conn, path)
    assert summary.added == 1 and sum(summary.refused.values()) == 1
    assert any(hostile[:10] in line for line in summary.refused_examples)
    # The good event is stored in the one form every time is compared in.
    assert conn.execute("SELECT created_at FROM review_events").fetchall() == [("2024-05-01T07:30:00.000000Z",)]
    reviews.mark(conn, claim, "sourced", "alice")
    assert reviews.stored_status(conn, claim) == "sourced"
    conn.close()


def test_import_reviews_command_says_what_it_refused(tmp_path):
    conn = bare_copy(tmp_path / "w.db")
    claim = claim_ids(conn)["costs rose b"]
    path = tmp_path / "copy.jsonl"
    path.write_text(json.dumps(_record(conn, claim, "9999-12-31T23:59:59Z")) + "\n")
    conn.close()
    result = CliRunner().invoke(main, ["import-reviews", str(path), "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 0, result.output
    assert "refused 1 event(s): 1 created_at is in the future" in result.stderr
    assert "copy.jsonl:1: created_at '9999-12-31T23:59:59Z' is in the future" in result.stderr


def test_event_time_accepts_iso_and_a_little_clock_skew():
    now = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
    assert event_time("2024-06-01T12:04:00Z", now=now) == "2024-06-01T12:04:00.000000Z"
    assert event_time("2024-06-01T14:00:00+02:00", now=now) == "2024-06-01T12:00:00.000000Z"
    assert event_time("2024-06-01T12:00:00", now=now) == "2024-06-01T12:00:00.000000Z"
    for bad in ("2024-06-01T12:06:00Z", "2024-06-01", "", "12:00"):
        with pytest.raises(ValueError):
            event_time(bad, now=now)


def test_mark_prints_what_is_stored_and_check_flags_future_events(tmp_path):
    db = tmp_path / "w.db"
    conn = bare_copy(db)
    claim = claim_ids(conn)["costs rose b"]
    future = (datetime.now(timezone.utc) + timedelta(days=400)).strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    # Written around the importer (an older workbench, or a user's own SQL).
    conn.execute("INSERT INTO review_events (claim_id, action, status, reviewer, created_at) VALUES"
                 " (?, 'mark', 'unsourced', 'alice', ?)", (claim, future))
    conn.close()
    result = CliRunner().invoke(main, ["mark", str(claim), "sourced", "--reviewer", "alice", "--db", str(db)])
    assert result.exit_code == 0
    assert f"claim {claim}: unsourced (by alice" in result.output
    assert "you marked it sourced; the stored status is unsourced" in result.output
    report = check(db)
    assert not report.ok
    assert any("review_events are dated in the future" in p for p in report.problems)


def test_mark_says_when_the_claim_is_now_disputed(tmp_path):
    db = tmp_path / "w.db"
    conn = bare_copy(db)
    claim = claim_ids(conn)["costs rose b"]
    reviews.mark(conn, claim, "sourced", "alice")
    conn.close()
    result = CliRunner().invoke(main, ["mark", str(claim), "unsourced", "--reviewer", "bob", "--db", str(db)])
    assert f"claim {claim}: disputed (by bob" in result.output
    assert "alice: sourced; bob: unsourced" in result.output and "workbench adjudicate" in result.output
    assert check(db).ok
