"""Provides the migration that lets an ingest batch fill the full-text indexes in one statement.

Registered in order by :mod:`workbench.storage.migrations`; never edited once merged.
"""

from __future__ import annotations

import sqlite_utils

from .registry import _run, migrations


# Why: bulk storage speed. Filling the FTS5 indexes row by row from triggers made
# FTS5 flush a small index segment for every article (at each statement
# savepoint) and merge them again and again: a third of ingest's storage time.
# ``ingest.batch`` now fills claims_fts and articles_fts with one INSERT ...
# SELECT each per batch, just before its COMMIT; while it runs, its single
# ``fts_deferred`` row tells the insert, update and delete triggers to leave
# rows above the ids it recorded to that fill. The row is written and deleted
# in the same write transaction, so no reader ever sees it, and every other
# writer (corrections, reextract, imports, a user's own SQL) keeps the
# triggers exactly as before.
@migrations()
def m007_fts_filled_per_batch(db: sqlite_utils.Database) -> None:
    _run(db, """
CREATE TABLE fts_deferred (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    claims_after INTEGER NOT NULL,
    articles_after INTEGER NOT NULL
);

DROP TRIGGER claims_fts_insert;
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE new.id > claims_after)
BEGIN
    INSERT INTO claims_fts (rowid, text) VALUES (new.id, new.text);
END;
DROP TRIGGER claims_fts_delete;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE old.id > claims_after)
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
DROP TRIGGER claims_fts_update;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) SELECT 'delete', old.id, old.text
    WHERE NOT EXISTS (SELECT 1 FROM fts_deferred WHERE old.id > claims_after);
    INSERT INTO claims_fts (rowid, text) SELECT new.id, new.text
    WHERE NOT EXISTS (SELECT 1 FROM fts_deferred WHERE new.id > claims_after);
END;

DROP TRIGGER articles_fts_insert;
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE new.id > articles_after)
BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
DROP TRIGGER articles_fts_delete;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE old.id > articles_after)
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
DROP TRIGGER articles_fts_update;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) SELECT 'delete', old.id, old.title, old.text
    WHERE NOT EXISTS (SELECT 1 FROM fts_deferred WHERE old.id > articles_after);
    INSERT INTO articles_fts (rowid, title, text) SELECT new.id, new.title, new.text
    WHERE NOT EXISTS (SELECT 1 FROM fts_deferred WHERE new.id > articles_after);
END;
""")
