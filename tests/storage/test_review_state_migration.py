"""Upgrading a database written before issue 14: statuses recomputed from each reviewer's latest decision,
the claims taken out no longer counted, split-off parts placed after their first part."""

from __future__ import annotations

from workbench.storage import open_db
from workbench.storage import migrations as mig
from workbench.storage import queue as q
from workbench.storage.maintenance import check

from tests.helpers import SIMPLE_TEXT, KIRBY, OFFICIAL, make_article
from workbench.storage.ingest import store


def test_an_older_database_gets_disputed_statuses_and_the_claims_to_review(db_path, monkeypatch):
    before = [m for m in mig.migrations._migrations if m.name != "m011_review_state"]
    monkeypatch.setattr(mig.migrations, "_migrations", before)
    conn = open_db(str(db_path))
    doc, analysis = make_article(SIMPLE_TEXT, [("the strikes hit three facilities", KIRBY),
                                               ("the pilots returned safely", OFFICIAL),
                                               ("The region has seen rising tensions.", None)])
    store(conn, doc, analysis, "test")
    ids = [r[0] for r in conn.execute("SELECT id FROM claims ORDER BY sequence")]
    for claim, reviewer, status, at in ((ids[0], "ana", "sourced", "09:00"), (ids[0], "ben", "unsourced", "09:05"),
                                        (ids[1], "ana", "sourced", "09:00"), (ids[1], "ana", "clear", "09:01")):
        conn.execute("INSERT INTO review_events (claim_id, action, status, reviewer, created_at) VALUES"
                     " (?, ?, ?, ?, ?)", (claim, "clear" if status == "clear" else "mark",
                                          "unreviewed" if status == "clear" else status, reviewer,
                                          f"2024-05-01T{at}:00.000000Z"))
    # A split and a not-a-claim as the old code stored them (raw rows: the new code needs the new schema).
    conn.execute("INSERT INTO claims (article_id, sequence, text, start, end, sentence_start, sentence_end,"
                 " paragraph_start, paragraph_end, speaker_id, attribution, rule) SELECT article_id, 99, text,"
                 " start, end, sentence_start, sentence_end, paragraph_start, paragraph_end, speaker_id, attribution,"
                 " 'reviewer_split' FROM claims WHERE id = ?", (ids[2],))
    second = conn.execute("SELECT max(id) FROM claims").fetchone()[0]
    conn.execute("INSERT INTO correction_events (claim_id, action, reviewer, created_at, other_claim_id)"
                 " VALUES (?, 'split', 'ana', '2024-05-01T09:10:00.000000Z', ?)", (second, ids[2]))
    conn.execute("INSERT INTO correction_events (claim_id, action, reviewer, created_at)"
                 " VALUES (?, 'not_claim', 'ana', '2024-05-01T09:11:00.000000Z')", (ids[1],))
    # The old trigger: last writer wins, and every claim counts.
    assert conn.execute("SELECT status FROM claim_current WHERE claim_id = ?", (ids[0],)).fetchone() == ("unsourced",)
    conn.close()
    monkeypatch.undo()
    conn = open_db(str(db_path))
    try:
        assert conn.execute("SELECT status FROM claim_current WHERE claim_id = ?", (ids[0],)).fetchone() == (
            "disputed",)
        assert q.status_counts(conn) == {"unreviewed": 2, "sourced": 0, "unsourced": 0, "contested": 0,
                                         "disputed": 1}
        assert [r.claim_id for r in q.page_after(conn, q.QueueFilter(), None)] == [ids[0], ids[2], second]
    finally:
        conn.close()
    assert check(db_path).ok
