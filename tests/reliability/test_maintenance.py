"""``workbench backup`` while reviewers work, and ``workbench check`` in plain words."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time

from tests.helpers import REPO
from tests.reliability.common import PYTHON, env, integrity, sha256, workbench, write_corpus
from tests.reliability.figures import record


def test_backups_taken_while_two_reviewers_mark_are_consistent_snapshots(tmp_path):
    write_corpus(tmp_path / "c", 30, seed=3)
    db = tmp_path / "w.db"
    assert workbench("ingest", "--db", db, "-q", tmp_path / "c").returncode == 0
    start = tmp_path / "go"
    procs = [subprocess.Popen([PYTHON, "-m", "tests.reliability.workers", "reviewer", str(db), f"r{i}", "400",
                               str(i), str(start), str(tmp_path / f"r{i}.json"), "0.005"],
                              cwd=REPO, env=env(), stderr=subprocess.PIPE, text=True) for i in range(2)]
    time.sleep(1.0)
    start.touch()
    backups = []
    for n in range(4):
        dest = tmp_path / f"backup-{n}.db"
        r = workbench("backup", "--db", db, dest)
        assert r.returncode == 0, r.stderr
        backups.append(dest)
    for p in procs:
        assert p.wait(timeout=300) == 0, p.stderr.read()
    stored = sum(len(json.loads((tmp_path / f"r{i}.json").read_text())["stored"]) for i in range(2))
    assert stored == 800
    seen = []
    for dest in backups:
        assert integrity(dest) == (["ok"], [])
        check = workbench("check", "--db", dest)
        assert check.returncode == 0, check.stdout + check.stderr
        conn = sqlite3.connect(dest)
        seen.append(conn.execute("SELECT count(*) FROM review_events").fetchone()[0])
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
        conn.close()
    assert seen == sorted(seen) and seen[-1] <= stored
    record("backup-under-load", backups=len(backups), events_in_each_backup=seen, marks_stored=stored)


def test_backup_never_overwrites(tmp_path):
    write_corpus(tmp_path / "c", 2, seed=3)
    db = tmp_path / "w.db"
    assert workbench("ingest", "--db", db, "-q", tmp_path / "c").returncode == 0
    dest = tmp_path / "precious.db"
    dest.write_text("do not lose me")
    r = workbench("backup", "--db", db, dest)
    assert r.returncode == 1 and "already exists" in r.stderr and "Traceback" not in r.stderr
    assert dest.read_text() == "do not lose me"
    assert not list(tmp_path.glob(".precious.db.*"))
    r = workbench("backup", "--db", db, db)
    assert r.returncode == 1 and "different file" in r.stderr


def test_check_reports_damage_in_plain_words_and_changes_nothing(tmp_path):
    write_corpus(tmp_path / "c", 5, seed=3)
    db = tmp_path / "w.db"
    assert workbench("ingest", "--db", db, "-q", tmp_path / "c").returncode == 0
    ok = workbench("check", "--db", db)
    assert ok.returncode == 0 and "no problems found" in ok.stdout
    # Overwrite the middle of a b-tree page with zeros.
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'claims'").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    offset = (root - 1) * page_size
    data[offset:offset + 64] = b"\xff" * 64
    db.write_bytes(bytes(data))
    digest = sha256(db)
    bad = workbench("check", "--db", db)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "problem:" in bad.stderr and "Restore it from a backup" in bad.stderr
    assert sha256(db) == digest
    # Inconsistent but undamaged: a claim whose offsets no longer match the article.
    db2 = tmp_path / "w2.db"
    assert workbench("ingest", "--db", db2, "-q", tmp_path / "c").returncode == 0
    conn = sqlite3.connect(db2)
    conn.execute("UPDATE claims SET start = start + 1 WHERE id = 1")
    conn.commit()
    conn.close()
    r = workbench("check", "--db", db2)
    assert r.returncode == 1 and "1 claim(s) do not match their article's text" in r.stderr
    record("check-reports", damaged=bad.stderr.splitlines()[0], inconsistent=r.stderr.splitlines()[0])
