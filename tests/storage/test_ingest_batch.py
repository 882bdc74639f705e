"""store() inside batch(): one commit for many articles, each article still all-or-nothing."""

from __future__ import annotations

import sqlite3

import pytest

from workbench.domain.models import Analysis, AttributionKind, Claim, Document, Segment
from workbench.storage.ingest import batch, store

from tests.helpers import KIRBY, make_article


def _article(n: int):
    return make_article(f"John Kirby said the base {n} was hit.\n", [(f"the base {n} was hit", KIRBY)],
                        source=f"{n}.txt")


def _broken(n: int):
    """An article whose second claim breaks a CHECK constraint (end before start)."""
    doc, analysis = _article(n)
    bad = Claim(start=5, end=2, text="x", sentence=Segment(0, 5, "John "), paragraph=Segment(0, 5, "John "),
                attribution=AttributionKind.UNATTRIBUTED, rule="test")
    return doc, Analysis(claims=analysis.claims + (bad,))


def _counts(db):
    return tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("articles", "claims", "claim_current", "claims_fts"))


def test_a_failing_article_leaves_nothing_and_the_batch_goes_on(db):
    with batch(db):
        store(db, *_article(1), "t")
        with pytest.raises(sqlite3.IntegrityError):
            store(db, *_broken(2), "t")
        store(db, *_article(3), "t")
    assert _counts(db) == (2, 2, 2, 2)
    assert db.execute("SELECT n FROM status_counts WHERE status = 'unreviewed'").fetchone()[0] == 2
    assert not db.in_transaction


def test_an_error_escaping_the_batch_rolls_it_all_back(db):
    with pytest.raises(RuntimeError):
        with batch(db):
            store(db, *_article(1), "t")
            raise RuntimeError("crash before commit")
    assert _counts(db) == (0, 0, 0, 0)


def test_duplicates_inside_a_batch(db):
    with batch(db):
        first = store(db, *_article(1), "t")
        again = store(db, *_article(1), "t")
    assert again.duplicate and again.article_id == first.article_id and again.claims == 1


def test_batch_restores_the_page_cache_setting(db):
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    with batch(db):
        store(db, *_article(1), "t")
    assert db.execute("PRAGMA cache_size").fetchone()[0] == before


def test_many_claims_span_several_insert_statements(db):
    text = "".join(f"Claim number {i} is here. " for i in range(1200))
    claims = []
    for i in range(1200):
        s = text.index(f"Claim number {i} is")
        e = text.index(".", s) + 1
        claims.append(Claim(start=s, end=e, text=text[s:e], sentence=Segment(s, e, text[s:e]),
                            paragraph=Segment(0, len(text), text), attribution=AttributionKind.UNATTRIBUTED,
                            rule="test"))
    stored = store(db, Document(text=text, source="big.txt", format="txt"), Analysis(claims=tuple(claims)), "t")
    assert stored.claims == 1200
    seqs = [r[0] for r in db.execute("SELECT sequence FROM claims ORDER BY id")]
    assert seqs == list(range(1, 1201))


def test_the_pipeline_triages_each_new_article_in_its_batch(db):
    """Issue 9: ingest scores every new claim and groups near-duplicates across articles."""
    from workbench.services.pipeline import ingest_documents

    claim = "the targeted structures were weapons storage facilities, two in Syria and one in Iraq"
    docs = [Document(text=f"John Kirby said {claim}.\n", source="a.txt", format="txt"),
            Document(text=f"Pentagon press secretary John Kirby told reporters {claim}.\n", source="b.txt",
                     format="txt")]
    summary = ingest_documents(db, docs)
    assert summary.added == 2
    claims = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    assert claims >= 2
    assert db.execute("SELECT count(*) FROM claim_scores").fetchone()[0] == claims
    ids = [r[0] for r in db.execute("SELECT id FROM claims WHERE text LIKE '%storage facilities%' ORDER BY id")]
    assert len(ids) == 2
    assert db.execute("SELECT group_id FROM claim_groups WHERE claim_id = ?", (ids[1],)).fetchone() == (ids[0],)
    # Ingesting the same file again is a duplicate and triages nothing new.
    again = ingest_documents(db, docs[:1])
    assert again.duplicates == 1
    assert db.execute("SELECT count(*) FROM claim_scores").fetchone()[0] == claims


def test_a_failing_triage_takes_its_article_with_it(db, monkeypatch):
    from workbench.services import pipeline

    def boom(conn, article_id, inputs):
        raise ValueError("triage failed")

    monkeypatch.setattr(pipeline, "triage_inputs", boom)
    summary = pipeline.ingest_documents(db, [Document(text="John Kirby said the base was hit.\n", source="a.txt",
                                                      format="txt")])
    assert summary.failed == 1 and summary.added == 0
    assert _counts(db) == (0, 0, 0, 0)
