"""claims_fts and articles_fts stay exactly in step with claims and articles after every write path.

``ingest.batch`` fills both indexes once per batch (migration m007); every
other writer goes through the triggers. After each step the FTS5
integrity check must pass and a phrase search must find every claim and
article title.
"""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from workbench.domain.models import Analysis, Document
from workbench.services.pipeline import ingest_documents
from workbench.storage import corrections, reextract
from workbench.storage.ingest import batch, store

from tests.helpers import KIRBY, OFFICIAL, make_article

URL = "https://example.com/strikes"
V1 = ("Strikes hit the border\n\nJohn Kirby said the strikes hit three facilities. An official said the pilots"
      " returned safely. John Kirby said the region was calm.\n")
V2 = ("Strikes hit the border\n\nJohn Kirby said the strikes hit four facilities. An official said the pilots"
      " returned safely. John Kirby said more strikes may follow.\n")


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def assert_in_sync(conn: sqlite3.Connection) -> None:
    """Both FTS5 indexes match their tables, and every claim and title is found by its own words."""
    conn.execute("INSERT INTO claims_fts (claims_fts) VALUES ('integrity-check')")
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    for cid, text in conn.execute("SELECT id, text FROM claims").fetchall():
        hits = {r[0] for r in conn.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?", (_phrase(text),))}
        assert cid in hits, f"claim {cid} {text!r} not found by full-text search"
    for aid, title in conn.execute("SELECT id, title FROM articles WHERE title IS NOT NULL").fetchall():
        hits = {r[0] for r in conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?",
                                           (_phrase(title),))}
        assert aid in hits
    assert conn.execute("SELECT count(*) FROM fts_deferred").fetchone()[0] == 0


def _article(text: str, claims, url: str | None = None, source: str = "a.txt"):
    doc, analysis = make_article(text, claims, source=source)
    return dataclasses.replace(doc, url=url), analysis


def _claim_id(conn, text: str) -> int:
    return conn.execute("SELECT id FROM claims WHERE text = ?", (text,)).fetchone()[0]


def test_every_write_path_keeps_the_fts_indexes_in_sync(db):
    # Ingest: the pipeline (batched, with triage) and store() alone.
    summary = ingest_documents(db, [
        Document(text="Harbour dredging paused\n\nMayor Ana Ruiz said the harbour dredging would pause.\n",
                 source="p1.txt", format="txt", title="Harbour dredging paused"),
        Document(text="Rail strike\n\nUnion leader Tom Price said the rail strike would go ahead.\n",
                 source="p2.txt", format="txt", title="Rail strike")])
    assert summary.added == 2
    store(db, *_article(V1, [("the strikes hit three facilities", KIRBY), ("the pilots returned safely", OFFICIAL),
                             ("the region was calm", KIRBY)], url=URL), "test")
    assert_in_sync(db)

    # A new version of an article, stored in a batch beside a new article.
    with batch(db):
        second = store(db, *_article(V2, [("the strikes hit four facilities", KIRBY),
                                          ("the pilots returned safely", OFFICIAL),
                                          ("more strikes may follow", KIRBY)], url=URL), "test")
        store(db, *_article("Flood barrier\n\nAn official said the flood barrier contract was signed.\n",
                            [("the flood barrier contract was signed", OFFICIAL)], source="b.txt"), "test")
    assert db.execute("SELECT version FROM articles WHERE id = ?", (second.article_id,)).fetchone()[0] == 2
    assert_in_sync(db)

    # A split and a merge correction.
    cid = _claim_id(db, "the strikes hit four facilities")
    _, new_id = corrections.split(db, cid, V2.index("four facilities"), "alice")
    corrections.merge_next(db, _claim_id(db, "the pilots returned safely"), "alice")
    assert db.execute("SELECT text FROM claims WHERE id = ?", (new_id,)).fetchone()[0] == "four facilities"
    assert_in_sync(db)

    # Reextract: a kept claim, a new claim, a removed claim.
    def newer(text, headline=None):
        _, analysis = make_article(text, [("the pilots returned safely", OFFICIAL),
                                          ("John Kirby said more strikes", KIRBY)])
        return analysis

    result = reextract.reextract(db, second.article_id, newer, "v2")
    assert result.added == 1 and result.removed >= 1
    assert_in_sync(db)


def test_rows_written_inside_a_batch_by_other_statements(db):
    """Updates and deletes inside a batch, of rows from before it and from it, leave both indexes exact."""
    store(db, *_article(V1, [("the strikes hit three facilities", KIRBY), ("the region was calm", KIRBY)]), "test")
    old = _claim_id(db, "the region was calm")
    with batch(db):
        new = store(db, *_article(V2, [("the strikes hit four facilities", KIRBY),
                                       ("more strikes may follow", KIRBY)], source="b.txt"), "test")
        fresh = _claim_id(db, "more strikes may follow")
        db.execute("UPDATE claims SET text = 'the region was quiet' WHERE id = ?", (old,))
        db.execute("UPDATE claims SET text = 'more strikes will follow' WHERE id = ?", (fresh,))
        db.execute("DELETE FROM claim_current WHERE claim_id IN (SELECT id FROM claims WHERE text LIKE 'the strikes%')")
        db.execute("DELETE FROM claims WHERE text LIKE 'the strikes%'")
        db.execute("UPDATE articles SET title = 'Strikes: an update' WHERE id = ?", (new.article_id,))
    assert_in_sync(db)
    assert db.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'quiet OR will'").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'calm OR strikes'").fetchone()[0] == 1


def test_a_failed_article_or_batch_leaves_the_indexes_in_sync(db):
    doc, analysis = _article(V1, [("the strikes hit three facilities", KIRBY)])
    broken = Analysis(claims=analysis.claims + (dataclasses.replace(analysis.claims[0], start=5, end=2),))
    with batch(db):
        store(db, doc, analysis, "test")
        with pytest.raises(sqlite3.IntegrityError):
            store(db, dataclasses.replace(doc, text=V1 + "More.\n"), broken, "test")
    with pytest.raises(RuntimeError):
        with batch(db):
            store(db, *_article(V2, [("the strikes hit four facilities", KIRBY)], source="b.txt"), "test")
            raise RuntimeError("crash before commit")
    assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == 1
    assert_in_sync(db)
    # The next batch picks up where the rolled-back one left off.
    with batch(db):
        store(db, *_article(V2, [("the strikes hit four facilities", KIRBY)], source="b.txt"), "test")
    assert_in_sync(db)
