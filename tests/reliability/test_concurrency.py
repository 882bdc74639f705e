"""Several processes on one database at once: two reviewers marking, an ingest, an export reading.

Every mark a reviewer made is stored (counted by id), no "database is
locked" reaches anyone, readers never block writers, and the file stays
consistent.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.reliability.common import PYTHON, env, integrity, workbench, write_corpus
from tests.reliability.figures import record
from tests.helpers import REPO
from workbench.storage import connect, open_db, reviews


def _p(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def run_load(tmp_path: Path, *, marks: int, reviewers: int, seed_articles: int, ingest_articles: int,
             export_seconds: float, cli_marks: int, pause: float) -> dict:
    db = tmp_path / "load.db"
    seed_dir, batch_dir = tmp_path / "seed", tmp_path / "batch"
    write_corpus(seed_dir, seed_articles, seed=1)
    write_corpus(batch_dir, ingest_articles, seed=2)
    first = workbench("ingest", "--db", db, "-q", seed_dir)
    assert first.returncode == 0, first.stderr
    conn = open_db(str(db))
    claims_before = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    some_claim = conn.execute("SELECT min(id) FROM claims").fetchone()[0]
    conn.close()

    start = tmp_path / "go"
    procs = []
    for i in range(reviewers):
        out = tmp_path / f"reviewer{i}.json"
        procs.append(("reviewer", out, subprocess.Popen(
            [PYTHON, "-m", "tests.reliability.workers", "reviewer", str(db), f"reviewer{i}", str(marks), str(i),
             str(start), str(out), str(pause)], cwd=REPO, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
    exp_out = tmp_path / "exporter.json"
    procs.append(("exporter", exp_out, subprocess.Popen(
        [PYTHON, "-m", "tests.reliability.workers", "exporter", str(db), str(export_seconds), str(start),
         str(exp_out)], cwd=REPO, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
    ingest_started = time.time()
    ingest = subprocess.Popen([PYTHON, "-m", "workbench", "ingest", "--db", str(db), str(batch_dir)],
                              cwd=REPO, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)  # let the workers import and reach the start line, and the ingest begin writing
    start.touch()
    # Shell marks through the real CLI while everything else runs.
    cli_results = []
    for k in range(cli_marks):
        r = workbench("mark", "--db", db, some_claim + k % 5, "contested", "--reviewer", "shell")
        cli_results.append(r)
    ing_out, ing_err = ingest.communicate(timeout=600)
    ingest_ended = time.time()
    outputs = {}
    for role, out, proc in procs:
        stdout, stderr = proc.communicate(timeout=600)
        assert proc.returncode == 0, f"{role} failed: {stderr}"
        outputs.setdefault(role, []).append((json.loads(out.read_text()), stderr))

    # Every mark each reviewer was told is stored is in the database, as made.
    conn = connect(db, create=False)
    attempted = stored = 0
    errors: list[str] = []
    latencies: list[float] = []
    during_ingest = 0
    for report, stderr in outputs["reviewer"]:
        attempted += report["attempted"]
        stored += len(report["stored"])
        errors += report["errors"]
        latencies += report["latencies"]
        during_ingest += sum(ingest_started <= t <= ingest_ended for t in report["times"])
        rows = {r[0]: (r[1], r[2]) for r in conn.execute(
            "SELECT id, claim_id, status FROM review_events WHERE reviewer = ?", (report["name"],))}
        assert len(rows) == len(report["stored"]) == report["attempted"], report["errors"][:3]
        for event_id, claim_id, status in report["stored"]:
            assert rows[event_id] == (claim_id, status)
    shell_stored = conn.execute("SELECT count(*) FROM review_events WHERE reviewer = 'shell'").fetchone()[0]
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    claims_after = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    current_ok = conn.execute(
        "SELECT count(*) FROM claim_current cc WHERE cc.event_id IS NOT NULL AND cc.event_id <>"
        " (SELECT e.id FROM review_events e WHERE e.claim_id = cc.claim_id ORDER BY e.created_at DESC, e.id DESC"
        "  LIMIT 1)").fetchone()[0] == 0
    conn.close()

    exporter_report = outputs["exporter"][0][0]
    all_text = "\n".join(errors + exporter_report["errors"] + [ing_err] + [r.stderr for r in cli_results]
                         + [e for _, e in outputs["reviewer"]])
    figures = {
        "processes": reviewers + 2 + (1 if cli_marks else 0),
        "marks_attempted": attempted + cli_marks,
        "marks_stored": stored + shell_stored,
        "marks_made_while_ingest_ran": during_ingest,
        "ingest_seconds": round(ingest_ended - ingest_started, 1),
        "mark_errors": len(errors) + sum(r.returncode != 0 for r in cli_results),
        "locked_errors_seen": all_text.lower().count("locked") + all_text.lower().count("busy"),
        "mark_latency_p50_ms": round(1000 * _p(latencies, 0.5), 1),
        "mark_latency_p99_ms": round(1000 * _p(latencies, 0.99), 1),
        "mark_latency_max_ms": round(1000 * max(latencies), 1),
        "ingest_exit": ingest.returncode,
        "articles_ingested": articles - seed_articles,
        "claims_added": claims_after - claims_before,
        "exports_completed": exporter_report["exports"],
        "export_errors": len(exporter_report["errors"]),
        "export_latency_max_s": round(max(exporter_report["latencies"], default=0), 2),
        "queue_read_p50_ms": round(1000 * _p(exporter_report["read_latencies"], 0.5), 1),
        "queue_read_max_ms": round(1000 * max(exporter_report["read_latencies"], default=0), 1),
        "integrity": integrity(db)[0],
        "foreign_key_problems": len(integrity(db)[1]),
        "current_status_consistent": current_ok,
    }
    assert ingest.returncode == 0, ing_err
    assert figures["articles_ingested"] == ingest_articles
    assert all(r.returncode == 0 for r in cli_results), [r.stderr for r in cli_results if r.returncode]
    assert shell_stored == cli_marks
    assert figures["marks_stored"] == figures["marks_attempted"]
    assert during_ingest > 0, "no mark overlapped the ingest: the test proved nothing"
    assert figures["locked_errors_seen"] == 0, all_text[:2000]
    assert figures["exports_completed"] >= 1 and not exporter_report["errors"], exporter_report["errors"][:2]
    assert figures["integrity"] == ["ok"] and figures["foreign_key_problems"] == 0
    assert current_ok
    return figures


def test_four_processes_marks_all_stored(tmp_path):
    figures = run_load(tmp_path, marks=300, reviewers=2, seed_articles=20, ingest_articles=40,
                       export_seconds=8, cli_marks=5, pause=0.01)
    record("concurrency", **figures)


@pytest.mark.soak
def test_soak_concurrency_thousands_of_marks(tmp_path):
    figures = run_load(tmp_path, marks=2500, reviewers=3, seed_articles=100, ingest_articles=400,
                       export_seconds=60, cli_marks=30, pause=0.01)
    record("concurrency-soak", **figures)


def test_an_open_reader_never_blocks_a_writer(tmp_path, simple_article_db):
    """A long read (an export's snapshot) is open while marks are written: they still commit at once."""
    db, claim_id = simple_article_db
    reader = connect(db, create=False)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM claims").fetchone()  # the read snapshot is now held
    try:
        t0 = time.perf_counter()
        r = workbench("mark", "--db", db, claim_id, "sourced", "--reviewer", "w")
        elapsed = time.perf_counter() - t0
        assert r.returncode == 0, r.stderr
        # The reader keeps its snapshot (no event yet), the file has the mark.
        assert reader.execute("SELECT count(*) FROM review_events").fetchone()[0] == 0
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    conn = connect(db, create=False)
    assert conn.execute("SELECT count(*) FROM review_events").fetchone()[0] == 1
    conn.close()
    assert elapsed < 5, f"a mark waited {elapsed:.1f}s behind a reader"


def test_a_writer_does_not_block_readers_and_a_second_writer_waits_its_turn(tmp_path, simple_article_db):
    """While one process holds the write lock, reads go on at once and a second mark retries, then succeeds."""
    db, claim_id = simple_article_db
    holder = connect(db, create=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO review_events (claim_id, action, status, reviewer, created_at)"
                   " VALUES (?, 'mark', 'unsourced', 'holder', '2024-01-01T00:00:00Z')", (claim_id,))
    done: dict = {}

    def second_writer():
        conn = connect(db, create=False)
        try:
            t0 = time.perf_counter()
            done["event"] = reviews.mark(conn, claim_id, "sourced", "second")
            done["waited"] = time.perf_counter() - t0
        finally:
            conn.close()

    t = threading.Thread(target=second_writer)
    t.start()
    reader = connect(db, create=False)
    t0 = time.perf_counter()
    assert reader.execute("SELECT count(*) FROM claims").fetchone()[0] >= 1
    read_time = time.perf_counter() - t0
    reader.close()
    time.sleep(1.0)
    assert "event" not in done  # still waiting for the lock, not failed
    holder.execute("COMMIT")
    holder.close()
    t.join(15)
    assert done["event"].id and done["waited"] >= 0.9
    assert read_time < 0.5
    conn = connect(db, create=False)
    assert [r[0] for r in conn.execute("SELECT reviewer FROM review_events ORDER BY id")] == ["holder", "second"]
    conn.close()


@pytest.fixture
def simple_article_db(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Port strike ends\n\nThe union said the strike is over. Ships will dock Monday.\n")
    db = tmp_path / "w.db"
    r = workbench("ingest", "--db", db, article)
    assert r.returncode == 0, r.stderr
    conn = sqlite3.connect(db)
    claim_id = conn.execute("SELECT min(id) FROM claims").fetchone()[0]
    conn.close()
    return db, claim_id
