"""Issue 19 item 9: each claim's sentence is stored once, so check and claim_review never slice the article per claim."""

from __future__ import annotations

import time

import pytest

from tests.helpers import KIRBY, make_article
from workbench.storage import open_db
from workbench.storage.corrections import adjust_span
from workbench.storage.ingest import store
from workbench.storage.maintenance import check
from workbench.storage.sentences import fill_sentences, missing_sentences
from workbench.services.triage import triage_article

# The slice claim_review's sentence stands for (issue 14's definition).
_SLICE = ("SELECT c.id, substr(a.text, min(c.sentence_start, coalesce(k.start, c.start)) + 1,"
          " max(c.sentence_end, coalesce(k.end, c.end)) - min(c.sentence_start, coalesce(k.start, c.start)))"
          " FROM claims c JOIN articles a ON a.id = c.article_id LEFT JOIN claim_corrections k ON k.claim_id = c.id"
          " ORDER BY c.id")


def _article(n: int, *, unicode: bool = False):
    word = "Zoë said" if unicode else "Kirby said"
    text = "Title\n\n" + " ".join(f"{word} claim {i} holds, and more." for i in range(n)) + "\n"
    doc, analysis = make_article(text, [(f"claim {i} holds", KIRBY) for i in range(n)])
    # Each claim's sentence is its whole "X said claim i holds, and more." sentence.
    claims = []
    for c in analysis.claims:
        s0 = text.rindex(word, 0, c.start)
        s1 = text.index(".", c.end) + 1
        claims.append(type(c)(**{**{f: getattr(c, f) for f in c.__dataclass_fields__},
                                 "sentence": type(c.sentence)(s0, s1, text[s0:s1])}))
    return doc, type(analysis)(claims=tuple(claims))


class _Counting:
    """Counts calls of SQLite's substr() and length() on a connection (a user function overrides them)."""

    def __init__(self, conn) -> None:
        self.calls = 0
        conn.create_function("substr", 3, self._substr)
        conn.create_function("length", 1, self._length)

    def _substr(self, s, start, n):
        self.calls += 1
        return None if s is None else s[max(start - 1, 0):max(start - 1, 0) + n]

    def _length(self, s):
        self.calls += 1
        return None if s is None else len(s)


@pytest.mark.parametrize("unicode", [False, True])
def test_claim_review_reads_stored_sentences_equal_to_the_slice(db, unicode):
    doc, analysis = _article(50, unicode=unicode)
    aid = store(db, doc, analysis, "test").article_id
    assert missing_sentences(db) == 0
    # A span a reviewer grew past its sentence: claim_review gives the wider slice, as before.
    first = db.execute("SELECT id, start, sentence_end FROM claims ORDER BY start LIMIT 1").fetchone()
    adjust_span(db, first[0], first[1], first[2] + 5, "alice")
    expected = db.execute(_SLICE).fetchall()
    counting = _Counting(db)
    got = db.execute("SELECT claim_id, sentence FROM claim_review ORDER BY claim_id").fetchall()
    assert got == expected
    assert counting.calls == 1  # the one span past its sentence; every other sentence is read as stored
    assert aid


def test_a_claim_whose_sentence_moves_loses_its_stored_sentence_until_filled(db):
    doc, analysis = _article(5)
    aid = store(db, doc, analysis, "test").article_id
    cid = db.execute("SELECT id FROM claims ORDER BY start LIMIT 1").fetchone()[0]
    db.execute("UPDATE claims SET sentence_start = sentence_start + 1 WHERE id = ?", (cid,))
    assert db.execute("SELECT sentence FROM claims WHERE id = ?", (cid,)).fetchone()[0] is None
    assert db.execute("SELECT sentence FROM claim_review WHERE claim_id = ?", (cid,)).fetchone()[0] == \
        db.execute(_SLICE).fetchall()[0][1]
    assert fill_sentences(db) == 1 and missing_sentences(db) == 0
    assert aid


def test_check_compares_each_article_text_once_not_per_claim(tmp_path):
    path = tmp_path / "w.db"
    conn = open_db(str(path))
    try:
        triage_article(conn, store(conn, *_article(200), "test").article_id)  # scored and grouped, as ingest does
    finally:
        conn.close()
    import workbench.storage.maintenance as maintenance

    seen = {}
    real = maintenance._open_for_check

    def counted(p, report):
        conn = real(p, report)
        seen["counter"] = _Counting(conn)
        return conn

    maintenance._open_for_check = counted
    try:
        report = check(path)
    finally:
        maintenance._open_for_check = real
    assert not report.problems
    assert seen["counter"].calls == 0


def test_check_reports_a_stored_sentence_that_does_not_match(tmp_path):
    path = tmp_path / "w.db"
    conn = open_db(str(path))
    try:
        store(conn, *_article(3), "test")
        conn.execute("UPDATE claims SET sentence = 'tampered' WHERE id = 2")
    finally:
        conn.close()
    report = check(path)
    assert any("store a sentence that is not their article's text" in p and "claim 2" in p for p in report.problems)


@pytest.mark.soak
def test_check_and_claim_review_on_a_4_mb_article_take_seconds(tmp_path):
    path = tmp_path / "w.db"
    conn = open_db(str(path))
    try:
        triage_article(conn, store(conn, *_article(100_000), "test").article_id)  # about 4 MB of text, 100k claims
        t0 = time.monotonic()
        conn.execute("SELECT count(sentence) FROM claim_review").fetchone()
        assert time.monotonic() - t0 < 10
    finally:
        conn.close()
    t0 = time.monotonic()
    assert not check(path).problems
    assert time.monotonic() - t0 < 20


def test_an_older_database_gets_every_claims_sentence_stored(db_path, monkeypatch):
    from workbench.storage import ingest
    from workbench.storage import migrations as mig
    from workbench.storage.migrations import m013_claim_sentences as migrations_sentence

    step = migrations_sentence.m013_claim_sentences.__name__
    monkeypatch.setattr(mig.migrations, "_migrations", [m for m in mig.migrations._migrations if m.name != step])
    monkeypatch.setattr(ingest, "fill_sentences", lambda *a, **k: 0)  # the older code stored none
    conn = open_db(str(db_path))
    store(conn, *_article(30, unicode=True), "test")
    expected = conn.execute(_SLICE).fetchall()
    conn.close()
    monkeypatch.undo()
    conn = open_db(str(db_path))
    try:
        assert missing_sentences(conn) == 0
        stored = conn.execute("SELECT id, sentence FROM claims ORDER BY id").fetchall()
        assert stored == expected
        assert conn.execute("SELECT claim_id, sentence FROM claim_review ORDER BY claim_id").fetchall() == expected
    finally:
        conn.close()
