"""Issue 19 item 15: what a killed backup, triage or reextract leaves, check reports and the next run clears."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time

import pytest

from tests.helpers import REPO
from tests.reliability.common import PYTHON, env, workbench

# Runs a workbench command in a process that kills itself (SIGKILL) at the named point.
_KILLED_AT = """
import os, signal, sys
import {module} as m
def die(*a, **k):
    os.kill(os.getpid(), signal.SIGKILL)
setattr(m, {name!r}, die)
from workbench.cli import main
sys.argv = ["workbench", *sys.argv[1:]]
main()
"""


def _killed(module: str, name: str, *args) -> subprocess.CompletedProcess:
    code = _KILLED_AT.format(module=module, name=name)
    result = subprocess.run([PYTHON, "-c", code, *map(str, args)], capture_output=True, text=True, env=env(),
                            cwd=REPO, timeout=300)
    assert result.returncode == -9, result.stderr
    return result


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ingested")
    result = workbench("ingest", REPO / "samples", "--db", folder / "w.db")
    assert result.returncode == 0, result.stderr
    return folder / "w.db"


@pytest.fixture
def db(ingested, tmp_path):
    path = tmp_path / "w.db"
    shutil.copy(ingested, path)
    return path


def _check(db) -> subprocess.CompletedProcess:
    return workbench("check", "--db", db)


def test_a_killed_backup_is_reported_and_the_next_backup_clears_it(db, tmp_path):
    dest = tmp_path / "copy.db"
    _killed("workbench.storage.maintenance", "_counts", "backup", dest, "--db", db)
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".copy.db."))
    assert left and all(".partial" in n for n in left), left
    result = _check(db)
    assert result.returncode == 1
    assert "left over from an interrupted 'workbench backup'" in result.stderr
    # A leftover named as the workbench named them before (no process id) and an hour old, too.
    old = tmp_path / ".copy.db.k2j3h4g5.partial"
    old.write_bytes(b"x" * 100)
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    result = workbench("backup", dest, "--db", db)
    assert result.returncode == 0, result.stderr
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".copy.db.")]
    assert _check(db).returncode == 0


def test_a_live_backups_partial_file_is_left_alone(db, tmp_path):
    live = tmp_path / f".copy.db.{os.getppid()}-abcd1234.partial"  # our parent is alive
    live.write_bytes(b"x")
    assert workbench("backup", tmp_path / "copy.db", "--db", db).returncode == 0
    assert live.exists()


def test_a_killed_triage_is_reported_and_the_next_triage_completes_it(db):
    _killed("workbench.services.triage", "regroup_all", "triage", "--db", db)
    result = _check(db)
    assert result.returncode == 1
    assert "'workbench triage' started at" in result.stderr and "groups were not rebuilt" in result.stderr
    assert workbench("triage", "--db", db).returncode == 0
    assert _check(db).returncode == 0, _check(db).stderr


def _unscored(db) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM claims c WHERE NOT EXISTS"
                            " (SELECT 1 FROM claim_scores s WHERE s.claim_id = c.id)").fetchone()[0]
    finally:
        conn.close()


def _drop_unreviewed_claims(db, article_id: int = 1) -> int:
    """Delete an article's claims (none has history), as an older extractor that missed them would leave it."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        ids = [r[0] for r in conn.execute("SELECT id FROM claims WHERE article_id = ? ORDER BY id DESC LIMIT 3",
                                          (article_id,))]
        for table in ("claim_scores", "claim_groups", "claim_bands"):
            conn.execute(f"DELETE FROM {table} WHERE claim_id IN ({','.join('?' * len(ids))})", ids)
        conn.execute(f"DELETE FROM claims WHERE id IN ({','.join('?' * len(ids))})", ids)
        conn.commit()
    finally:
        conn.close()
    return len(ids)


def test_claims_created_by_reextract_are_scored_and_grouped(db):
    assert _drop_unreviewed_claims(db) == 3
    result = workbench("reextract", "--article", "1", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "3 new" in result.stdout
    assert _unscored(db) == 0
    assert _check(db).returncode == 0 and "note:" not in _check(db).stdout


def test_a_killed_reextract_is_reported_and_the_next_run_completes_it(db):
    _drop_unreviewed_claims(db)
    _killed("workbench.services.complete", "triage_article", "reextract", "--article", "1", "--db", db)
    assert _unscored(db) == 3
    result = _check(db)
    assert "note: 3 claim(s) have no check-worthiness score or group (first in article 1)" in result.stdout
    result = workbench("reextract", "--article", "2", "--db", db)  # another article: the left claims too
    assert result.returncode == 0, result.stderr
    assert _unscored(db) == 0
    assert "note:" not in _check(db).stdout
