"""Issue 19 item 11: hostile review files give one clear line each, and nothing from that file is imported."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.storage.import_fixtures import many_claims_db
from workbench.cli.export import import_reviews_command
from workbench.storage import StorageError, open_db, reviews
from workbench.storage.export_csv import export_csv
from workbench.storage.import_reviews import import_reviews


@pytest.fixture
def target(tmp_path):
    digest, spans = many_claims_db(tmp_path / "t.db", 3)
    return str(tmp_path / "t.db"), digest, spans


def _good(digest, start, end, **extra):
    rec = {"content_hash": digest, "start": start, "end": end, "status": "sourced", "reviewer": "bob",
           "reviewed_at": "2024-01-01T00:00:00Z"}
    rec.update(extra)
    return json.dumps(rec)


def _hostile(digest, spans):
    (s0, e0), (s1, e1), _ = spans
    good = _good(digest, s0, e0)
    return {
        "huge start": [good, _good(digest, 10**30, e1)],
        "huge original_start": [good, _good(digest, s1, e1, original_start=2**64, original_end=2**64 + 5)],
        "4300+ digits": [good, '{"content_hash": "%s", "start": %s, "end": 1}' % (digest, "9" * 5000)],
        "deep nesting": [good, '{"content_hash": "x", "start": 1, "end": 2, "n": ' + "[" * 100_000
                         + "]" * 100_000 + "}"],
        "evidence a number": [good, _good(digest, s1, e1, evidence=12345)],
        "status a huge number": [good, _good(digest, s1, e1, status=10**4000)],
        "lone surrogate": [good, _good(digest, s1, e1, reviewer="bob\ud800")],
    }


@pytest.mark.parametrize("case", ["huge start", "huge original_start", "4300+ digits", "deep nesting",
                                  "evidence a number", "status a huge number", "lone surrogate"])
def test_a_hostile_record_is_one_clear_line_and_nothing_is_imported(tmp_path, target, case):
    db, digest, spans = target
    path = tmp_path / "reviews.jsonl"
    path.write_text("\n".join(_hostile(digest, spans)[case]) + "\n", encoding="utf-8", errors="surrogatepass")
    result = CliRunner().invoke(import_reviews_command, [str(path), "--db", db])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ") and str(path) in lines[0], result.output
    assert len(lines[0]) < 400
    conn = open_db(db)
    try:
        assert conn.execute("SELECT count(*) FROM review_events").fetchone()[0] == 0
    finally:
        conn.close()


def test_a_deeply_nested_json_array_file_is_refused(tmp_path, target):
    db, digest, spans = target
    path = tmp_path / "reviews.json"
    path.write_text("[" + _good(digest, *spans[0]) + ", " + "[" * 100_000 + "]" * 100_000 + "]", encoding="utf-8")
    with pytest.raises(StorageError, match="nested too deeply"):
        _import(db, path)


def test_the_database_itself_is_refused_as_binary(tmp_path, target):
    db, *_ = target
    with pytest.raises(StorageError, match="binary file"):
        _import(db, db)


def test_a_file_of_invalid_utf8_is_refused(tmp_path, target):
    db, *_ = target
    path = tmp_path / "reviews.csv"
    path.write_bytes(b"content_hash,start,end\n\xff\xfe,1,2\n")
    with pytest.raises(StorageError, match="not UTF-8"):
        _import(db, path)


def test_our_own_csv_export_with_a_note_over_128_kib_imports(tmp_path, target):
    db, digest, spans = target
    note = "A long note. " * 20_000  # 260 KB, over the csv module's default 128 KiB field limit
    conn = open_db(db)
    try:
        claim = conn.execute("SELECT id FROM claims ORDER BY start LIMIT 1").fetchone()[0]
        reviews.mark(conn, claim, "sourced", "alice", note=note)
        path = tmp_path / "alice.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            export_csv(conn, f)
    finally:
        conn.close()
    many_claims_db(tmp_path / "other.db", 3)
    summary = _import(str(tmp_path / "other.db"), path)
    assert summary.added == 1
    other = open_db(str(tmp_path / "other.db"))
    try:
        assert other.execute("SELECT note FROM review_events").fetchone()[0] in (note, note.strip())
    finally:
        other.close()


def _import(db, path):
    conn = open_db(db)
    try:
        return import_reviews(conn, path)
    finally:
        conn.close()
