"""Review events: append-only history, current status by trigger, counts, undo."""

from __future__ import annotations

import sqlite3

import pytest

from workbench.storage import StorageError
from workbench.storage import reviews


def _status(conn, claim_id):
    return conn.execute("SELECT status FROM claim_status WHERE claim_id = ?", (claim_id,)).fetchone()[0]


def _counts(conn):
    return dict(conn.execute("SELECT status, n FROM status_counts"))


def _claim_ids(conn, article_id):
    return [r[0] for r in conn.execute("SELECT id FROM claims WHERE article_id = ? ORDER BY sequence", (article_id,))]


def test_new_claims_are_unreviewed_and_counted(simple_article):
    conn, article_id = simple_article
    ids = _claim_ids(conn, article_id)
    assert [_status(conn, i) for i in ids] == ["unreviewed"] * 3
    assert _counts(conn) == {"unreviewed": 3, "sourced": 0, "unsourced": 0, "contested": 0,
                             "disputed": 0}


def test_mark_clear_undo_and_counts(simple_article):
    conn, article_id = simple_article
    a, b, _ = _claim_ids(conn, article_id)
    e1 = reviews.mark(conn, a, "sourced", "alice", note="checked the statement")
    reviews.mark(conn, b, "contested", "alice")
    assert _status(conn, a) == "sourced"
    assert _counts(conn) == {"unreviewed": 1, "sourced": 1, "unsourced": 0, "contested": 1,
                             "disputed": 0}
    e3 = reviews.mark(conn, a, "unsourced", "alice")
    assert _status(conn, a) == "unsourced"
    reviews.undo(conn, e3.id, "alice")
    assert _status(conn, a) == "sourced"
    reviews.undo(conn, e1.id, "alice")
    assert _status(conn, a) == "unreviewed"
    reviews.mark(conn, a, "sourced", "alice")
    reviews.clear(conn, a, "alice")
    assert _status(conn, a) == "unreviewed"
    assert _counts(conn) == {"unreviewed": 2, "sourced": 0, "unsourced": 0, "contested": 1,
                             "disputed": 0}
    # Every step is still in the history, in order.
    actions = [e.action for e in reviews.history(conn, a)]
    assert actions == ["mark", "mark", "undo", "undo", "mark", "clear"]


def test_note_and_evidence_keep_status(simple_article):
    conn, article_id = simple_article
    a = _claim_ids(conn, article_id)[0]
    reviews.mark(conn, a, "sourced", "bob")
    reviews.add_note(conn, a, "Pentagon transcript, para 3", "bob")
    reviews.add_evidence(conn, a, "https://example.org/transcript", "bob")
    reviews.add_evidence(conn, a, "https://example.org/transcript", "bob")
    reviews.add_evidence(conn, a, "https://example.org/video", "bob")
    row = conn.execute("SELECT status, note, evidence FROM claim_status WHERE claim_id = ?", (a,)).fetchone()
    assert row == ("sourced", "Pentagon transcript, para 3",
                   "https://example.org/transcript\nhttps://example.org/video")


def test_history_cannot_be_rewritten(simple_article):
    conn, article_id = simple_article
    a = _claim_ids(conn, article_id)[0]
    reviews.mark(conn, a, "sourced", "alice")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE review_events SET status = 'unsourced'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM review_events")


def test_older_imported_event_does_not_override_newer(simple_article):
    """Within one reviewer the latest event by time counts; an older one imported later does not override it."""
    conn, article_id = simple_article
    a = _claim_ids(conn, article_id)[0]
    reviews.mark(conn, a, "sourced", "alice")
    conn.execute("INSERT INTO review_events (claim_id, action, status, reviewer, created_at, origin)"
                 " VALUES (?, 'mark', 'unsourced', 'alice', '2001-01-01T00:00:00.000000Z', 'copy.jsonl')", (a,))
    assert _status(conn, a) == "sourced"


def test_two_reviewers_who_differ_make_the_claim_disputed(simple_article):
    """Issue 14: not last-writer-wins; the disagreement stays listed in review_disagreements."""
    conn, article_id = simple_article
    a = _claim_ids(conn, article_id)[0]
    reviews.mark(conn, a, "sourced", "alice")
    conn.execute("INSERT INTO review_events (claim_id, action, status, reviewer, created_at, origin)"
                 " VALUES (?, 'mark', 'unsourced', 'carol', '2001-01-01T00:00:00.000000Z', 'copy.jsonl')", (a,))
    assert _status(conn, a) == "disputed"
    assert _counts(conn)["disputed"] == 1
    assert conn.execute("SELECT claim_id FROM review_disagreements").fetchall() == [(a,)]


@pytest.mark.parametrize("bad", ["maybe", "", "unreviewed"])
def test_bad_status_is_a_clear_error(simple_article, bad):
    conn, article_id = simple_article
    with pytest.raises(StorageError):
        reviews.mark(conn, _claim_ids(conn, article_id)[0], bad, "alice")


def test_unknown_claim_is_a_clear_error(db):
    with pytest.raises(StorageError, match="no claim with id 999"):
        reviews.mark(db, 999, "sourced", "alice")
