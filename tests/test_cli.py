"""The command line, end to end on real files: ingest, export, mark, stats, claims."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from workbench.cli import main
from tests.helpers import REPO, SEED_GOLD, SEED_TEXT

needs_seed = pytest.mark.skipif(not SEED_TEXT.exists(), reason="../shared/eval/seed is not beside the checkout")


def run(*args, input=None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)
    return result


def export_jsonl(db) -> list[dict]:
    result = run("export", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@needs_seed
def test_seed_article_offsets_not_claims_and_idempotent_reingest(tmp_path):
    db = tmp_path / "w.db"
    first = run("ingest", "--db", db, SEED_TEXT)
    assert first.exit_code == 0, first.output
    assert "1 article added" in first.stdout
    records = export_jsonl(db)
    text = SEED_TEXT.read_text(encoding="utf-8")
    assert records, "the seed article yields claims"
    for rec in records:
        assert text[rec["start"]:rec["end"]] == rec["text"]
        assert rec["source"] == str(SEED_TEXT)
        if rec["mention"]:
            m = rec["mention"]
            assert text[m["start"]:m["end"]] == m["text"]
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    for nc in gold["not_claims"]:
        for rec in records:
            overlap = max(0, min(rec["end"], nc["end"]) - max(rec["start"], nc["start"]))
            assert overlap == 0, f"non-claim {nc['text']!r} became claim {rec['text']!r}"

    again = run("ingest", "--db", db, SEED_TEXT)
    assert again.exit_code == 0
    assert "0 articles added" in again.stdout and "1 duplicate skipped" in again.stdout
    assert "already stored" in again.stderr
    assert export_jsonl(db) == records


def test_bad_batch_stores_good_records_names_bad_files_and_exits_1(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text("Council votes on budget\n\nThe mayor said the budget is balanced.\n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_text("")
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "a1", "title": "Bridge reopens", "text": "Bridge reopens\n\nThe bridge reopened Monday, "
                                                                  "officials said.\n"}) + "\n"
        + '{"id": "a2", "title": "broken", "text": \n'
        + json.dumps({"id": "a3", "title": "Rain", "body": "Rain\n\nHeavy rain is expected Friday.\n"}) + "\n")
    db = tmp_path / "w.db"
    result = run("ingest", "--db", db, folder)
    assert result.exit_code == 1
    assert "binary.txt" in result.stderr and "empty.txt" in result.stderr
    assert "feed.jsonl:2" in result.stderr
    assert "3 articles added" in result.stdout and "3 failed" in result.stdout
    sources = {r["source"] for r in export_jsonl(db)}
    assert {str(folder / "good.txt"), str(folder / "feed.jsonl")} <= sources
    # Nothing already stored changes when the same batch runs again.
    before = export_jsonl(db)
    assert run("ingest", "--db", db, folder).exit_code == 1
    assert export_jsonl(db) == before


def test_mark_shows_in_export(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Port strike ends\n\nThe union said the strike is over. Ships will dock Monday.\n")
    db = tmp_path / "w.db"
    assert run("ingest", "--db", db, article).exit_code == 0
    claim_id = export_jsonl(db)[0]["claim_id"]
    result = run("mark", "--db", db, claim_id, "contested", "--note", "union and port disagree",
                 "--evidence", "https://example.org/port", "--reviewer", "alice")
    assert result.exit_code == 0, result.output
    rec = next(r for r in export_jsonl(db) if r["claim_id"] == claim_id)
    assert (rec["status"], rec["reviewer"], rec["note"], rec["evidence"]) == (
        "contested", "alice", "union and port disagree", ["https://example.org/port"])
    assert rec["reviewed_at"]


@pytest.mark.parametrize("args, message", [
    (("999", "sourced"), "no claim with id 999"),
    (("1", "maybe"), "unknown status"),
])
def test_mark_errors_are_one_line(tmp_path, args, message):
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nThe mayor said taxes will rise.\n")
    db = tmp_path / "w.db"
    run("ingest", "--db", db, article)
    result = run("mark", "--db", db, *args)
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output


def test_stdin_ingest_and_stats_and_claims(tmp_path):
    db = tmp_path / "w.db"
    result = run("ingest", "--db", db, "-", input="Storm warning\n\nForecasters said the storm will hit Friday.\n")
    assert result.exit_code == 0, result.output
    stats = run("stats", "--db", db)
    assert stats.exit_code == 0 and "articles" in stats.stdout
    listing = run("claims", "--db", db, "--status", "unreviewed")
    assert "the storm will hit Friday" in listing.stdout.replace("\n", " ") or "storm" in listing.stdout


def test_wb_db_env_var_and_python_dash_m(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nThe mayor said taxes will rise.\n")
    db = tmp_path / "env.db"
    env = {"WORKBENCH_DB": str(db), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "workbench", "ingest", str(article)], capture_output=True,
                         text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert db.exists()


def test_export_on_missing_db_is_a_clear_error(tmp_path):
    result = run("export", "--db", tmp_path / "missing.db")
    assert result.exit_code == 1
    assert "no such database" in result.stderr
    assert not (tmp_path / "missing.db").exists()


def test_bare_workbench_opens_review_with_db_and_reviewer(tmp_path, monkeypatch):
    import workbench.tui.app as app

    calls = []
    monkeypatch.setattr(app, "run_app", lambda db, reviewer, **kw: calls.append((db, reviewer)))
    db = tmp_path / "r.db"
    assert run("--db", db, "--reviewer", "newbie").exit_code == 0
    assert calls == [(str(db), "newbie")]
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "env.db"))
    monkeypatch.setenv("WORKBENCH_REVIEWER", "envname")
    assert run().exit_code == 0
    assert calls[-1] == (str(tmp_path / "env.db"), "envname")


def test_group_options_before_a_command_are_refused_clearly(tmp_path):
    result = run("--db", tmp_path / "x.db", "stats")
    assert result.exit_code == 2 and "after the command name" in result.output


def test_ingest_rebuilds_a_near_duplicate_index_from_an_older_version(tmp_path):
    """Band hashes from another fingerprint version never meet new ones: ingest regroups once first."""
    import sqlite3

    db = tmp_path / "w.db"
    first = tmp_path / "a.txt"
    first.write_text("Officials said the storm destroyed more than forty homes along the northern coast.\n")
    second = tmp_path / "b.txt"
    second.write_text("The storm destroyed more than forty homes along the whole northern coast, officials said.\n")
    assert run("ingest", "--db", db, first).exit_code == 0
    conn = sqlite3.connect(db)
    with conn:  # as a database triaged by version 1 would be: its bands are useless now
        conn.execute("UPDATE claim_bands SET band_hash = band_hash + 1")
        conn.execute("UPDATE triage_meta SET value = '1' WHERE key = 'fingerprint_version'")
    result = run("ingest", "--db", db, second)
    assert result.exit_code == 0 and "rebuilding it once" in result.stderr
    groups = conn.execute("SELECT count(DISTINCT group_id), count(*) FROM claim_groups").fetchone()
    assert groups == (1, 2)
    assert conn.execute("SELECT value FROM triage_meta WHERE key = 'fingerprint_version'").fetchone()[0] != "1"
    again = run("ingest", "--db", db, second)
    assert "rebuilding" not in again.stderr
