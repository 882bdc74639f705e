"""Tests for the UI's read queries (workbench.storage.queue) and speaker edits (speaker_ops)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.storage import connect, reviews, speaker_ops
from workbench.storage import queue as q
from workbench.storage.db import StorageError

from tests.tui.tui_fixtures import build_big_db, build_db


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    return str(build_big_db(tmp_path_factory.mktemp("big") / "big.db", 3000, per_article=7))


def _all(conn, flt):
    """Walk the whole queue by keyset pages of 50 (what the UI does), forwards."""
    out, after = [], None
    while True:
        page = q.page_after(conn, flt, after, 50)
        if not page:
            return out
        out += [r.claim_id for r in page]
        after = page[-1].claim_id


@pytest.mark.parametrize("flt", [
    q.QueueFilter(),
    q.QueueFilter(status="sourced"),
    q.QueueFilter(article_id=5),
    q.QueueFilter(speaker_id=7),
    q.QueueFilter(speaker_kind="anonymous"),
    q.QueueFilter(search="tax"),
    q.QueueFilter(search="tax", speaker_kind="document", status="unreviewed"),
])
def test_keyset_pages_match_a_plain_query(big, flt):
    conn = connect(big)
    try:
        for cid in range(1, 3000, 7):
            reviews.mark(conn, cid, "sourced", "t") if cid % 2 else None
        expected = [r[0] for r in conn.execute(
            "SELECT c.id FROM claims c JOIN claim_current cc ON cc.claim_id = c.id JOIN speakers s ON s.id = c.speaker_id"
            " WHERE (? IS NULL OR cc.status = ?) AND (? IS NULL OR c.article_id = ?) AND (? IS NULL OR c.speaker_id = ?)"
            " AND (? IS NULL OR s.kind = ?) AND (? IS NULL OR c.text LIKE '%' || ? || '%') ORDER BY c.id",
            (flt.status, flt.status, flt.article_id, flt.article_id, flt.speaker_id, flt.speaker_id,
             flt.speaker_kind, flt.speaker_kind, flt.search, flt.search))]
        assert _all(conn, flt) == expected
        assert q.count(conn, flt).n == len(expected)
        if expected:
            mid = expected[len(expected) // 2]
            assert q.count(conn, flt, below=mid).n == expected.index(mid)
            back = q.page_before(conn, flt, mid, 20)
            assert [r.claim_id for r in back] == expected[max(0, expected.index(mid) - 20):expected.index(mid)]
            around = q.page_around(conn, flt, mid, 30)
            ids = [r.claim_id for r in around]
            assert mid in ids and ids == sorted(ids) and len(ids) == min(30, len(expected))
    finally:
        conn.close()


def test_status_counts_come_from_table_and_follow_marks(tmp_path):
    path = str(build_db(tmp_path / "t.db"))
    conn = connect(path)
    try:
        assert q.status_counts(conn) == {"sourced": 0, "unsourced": 0, "contested": 0, "unreviewed": 8,
                                          "disputed": 0}
        e = reviews.mark(conn, 1, "sourced", "a")
        reviews.undo(conn, e.id, "a")
        reviews.mark(conn, 2, "contested", "a")
        assert q.status_counts(conn) == {"sourced": 0, "unsourced": 0, "contested": 1, "unreviewed": 7,
                                          "disputed": 0}
        assert q.article_progress(conn, 1).reviewed == 1
    finally:
        conn.close()


@given(st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_any_search_text_is_a_valid_query(text):
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(t)")
    query = q.fts_query(text)
    if query is not None:
        conn.execute("SELECT * FROM f WHERE f MATCH ?", (query,)).fetchall()


def test_count_caps(big):
    conn = connect(big)
    try:
        c = q.count(conn, q.QueueFilter(search="claim"), cap=100)
        assert c.capped and c.n == 100 and str(c) == "100+"
    finally:
        conn.close()


def test_page_queries_use_indexes_without_sorting(big):
    """The unfiltered and status-filtered queue pages walk an index in order: no sort, no scan."""
    conn = connect(big)
    try:
        for flt in (q.QueueFilter(), q.QueueFilter(status="unreviewed")):
            for sql in (q.page_after, q.page_before):
                seen = []
                conn.set_trace_callback(seen.append)
                sql(conn, flt, 1500, 50)
                conn.set_trace_callback(None)
                plan = " | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + seen[-1]))
                assert "TEMP B-TREE" not in plan and "SCAN" not in plan, plan
    finally:
        conn.close()


def test_merge_and_split(tmp_path):
    path = str(build_db(tmp_path / "t.db"))
    conn = connect(path)
    try:
        ids = {n: i for i, n in conn.execute("SELECT id, name FROM speakers")}
        edit = speaker_ops.merge(conn, ids["Johnny Kirby"], ids["John Kirby"], "alice")
        assert edit.claims_moved == 1
        kirby = q.page_after(conn, q.QueueFilter(speaker_id=ids["John Kirby"]))
        assert [r.claim_id for r in kirby] == [1, 2, 6, 8]
        assert {a.alias for a in q.speaker_aliases(conn, ids["John Kirby"])} >= {"Johnny Kirby", "Kirby"}
        with pytest.raises(StorageError):
            speaker_ops.merge(conn, ids["Johnny Kirby"], ids["John Kirby"], "alice")
        alias = next(a for a in q.speaker_aliases(conn, ids["John Kirby"]) if a.alias == "Johnny Kirby")
        split = speaker_ops.split(conn, alias.alias_id, "alice")
        assert split.claims_moved == 1
        assert [r.claim_id for r in q.page_after(conn, q.QueueFilter(speaker_id=ids["John Kirby"]))] == [1, 2, 6]
        assert q.page_after(conn, q.QueueFilter(speaker_id=split.other_speaker_id))[0].speaker == "Johnny Kirby"
        lone = next(a for a in q.speaker_aliases(conn, split.other_speaker_id))
        with pytest.raises(StorageError):
            speaker_ops.split(conn, lone.alias_id, "alice")
        assert conn.execute("SELECT count(*) FROM speaker_events").fetchone()[0] == 2
    finally:
        conn.close()


def test_detail_offsets_point_at_the_claim(tmp_path):
    path = str(build_db(tmp_path / "t.db"))
    conn = connect(path)
    try:
        for cid in range(1, 9):
            d = q.claim_detail(conn, cid)
            a, b = d.claim_span
            assert d.paragraph[a:b] == d.text
            if d.mention_span:
                assert d.paragraph[slice(*d.mention_span)] == d.mention
        d = q.claim_detail(conn, 2)
        assert d.mention == "he" and d.antecedent == "John Kirby" and "John Kirby" in d.antecedent_context
        assert q.claim_detail(conn, 999) is None
    finally:
        conn.close()
