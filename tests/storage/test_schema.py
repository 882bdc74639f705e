"""The schema: migrations, the readable schema file, version checks, bad files."""

from __future__ import annotations

import sqlite3

import pytest

from workbench.storage import StorageError, open_db
from workbench.storage.migrations import known_migrations
from workbench.storage.schema import dump_schema

from tests.helpers import REPO


def test_schema_file_matches_migrations(db):
    assert (REPO / "db" / "schema.sql").read_text() == dump_schema(db), (
        "db/schema.sql is stale: run python -m workbench.storage.schema > db/schema.sql")


def test_contract_tables_and_views_exist(db):
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    for name in ("articles", "claims", "speakers", "speaker_aliases", "review_events", "claim_status",
                 "claim_review", "speaker_summary", "article_progress", "review_disagreements",
                 "claims_fts", "articles_fts"):
        assert name in names


def test_pragmas(db):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(known_migrations())


def test_reopen_is_idempotent(db_path):
    open_db(str(db_path)).close()
    conn = open_db(str(db_path))
    n = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert n == len(known_migrations())


def test_older_database_is_upgraded_in_place(db_path, monkeypatch):
    """A database with only some migrations applied gets the rest, keeping its rows."""
    from workbench.storage import migrations as mig

    first = mig.migrations._migrations[:1]
    extra = mig.Migrations("workbench")
    extra._migrations = list(mig.migrations._migrations)

    @extra(name="m999_test_extra")
    def _extra(db):
        db.conn.execute("CREATE TABLE test_extra (x INTEGER)")

    monkeypatch.setattr(mig.migrations, "_migrations", first)
    conn = open_db(str(db_path))
    conn.execute("INSERT INTO status_counts VALUES ('probe', 7)")
    conn.close()
    monkeypatch.setattr(mig, "migrations", extra)
    conn = open_db(str(db_path))
    assert conn.execute("SELECT n FROM status_counts WHERE status = 'probe'").fetchone()[0] == 7
    assert conn.execute("SELECT count(*) FROM test_extra").fetchone()[0] == 0


def test_newer_database_is_refused(db_path):
    conn = open_db(str(db_path))
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                 " VALUES ('workbench', 'm999_from_the_future', '2030-01-01')")
    conn.close()
    with pytest.raises(StorageError, match="newer version"):
        open_db(str(db_path))


def test_not_a_sqlite_file_is_refused_and_untouched(tmp_path):
    p = tmp_path / "notes.db"
    p.write_text("these are my notes, not a database\n")
    with pytest.raises(StorageError, match="not a SQLite file"):
        open_db(str(p))
    assert p.read_text() == "these are my notes, not a database\n"


def test_missing_folder(tmp_path):
    with pytest.raises(StorageError, match="does not exist"):
        open_db(str(tmp_path / "nope" / "w.db"))


def test_claim_offsets_must_be_sane(simple_article):
    conn, article_id = simple_article
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO claims (article_id, sequence, text, start, end, sentence_start, sentence_end,"
                     " paragraph_start, paragraph_end, speaker_id, attribution, rule)"
                     " VALUES (?, 99, 'x', 5, 5, 0, 1, 0, 1, 1, 'indirect', 'test')", (article_id,))
