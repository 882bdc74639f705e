"""Shared helpers for the reliability tests: subprocess runs of the CLI, corpora, DB snapshots."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO

PYTHON = sys.executable


def env(**extra: str) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(REPO) + os.pathsep + e.get("PYTHONPATH", "")
    e.setdefault("WORKBENCH_REVIEWER", "tester")
    # These tests are about storage under kills, load and bad input, not about who said what: the
    # rules extractor alone keeps them quick. Tests of the model in worker processes set
    # WORKBENCH_MODEL to the shipped file (test_parallel_ingest.py).
    e.setdefault("WORKBENCH_MODEL", "rules")
    e["COLUMNS"] = "80"  # a narrow terminal must not wrap error lines
    e.update(extra)
    return e


def workbench(*args, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    """Run ``python -m workbench ARGS`` in a fresh process."""
    return subprocess.run([PYTHON, "-m", "workbench", *map(str, args)], capture_output=True, text=True,
                          env=env(), cwd=REPO, timeout=timeout, **kwargs)


def write_corpus(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """``n`` news-style ~4 KB articles from benchmarks/corpus.py."""
    from benchmarks.corpus import write_corpus as write

    return write(n, folder, seed=seed)


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def raw(path: Path) -> sqlite3.Connection:
    """A plain read-only connection that changes nothing (no migration, no pragmas)."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def integrity(path: Path) -> tuple[list[str], list]:
    conn = raw(path)
    try:
        return ([r[0] for r in conn.execute("PRAGMA integrity_check")],
                conn.execute("PRAGMA foreign_key_check").fetchall())
    finally:
        conn.close()


def dump_article(path: Path, article_id: int) -> list[tuple]:
    """Every row that belongs to one article: the article, its claims, their statuses and review events."""
    conn = raw(path)
    try:
        rows = [("article",) + tuple(conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone())]
        rows += [("claim",) + tuple(r) for r in conn.execute(
            "SELECT * FROM claims WHERE article_id = ? ORDER BY id", (article_id,))]
        rows += [("current",) + tuple(r) for r in conn.execute(
            "SELECT cc.* FROM claim_current cc JOIN claims c ON c.id = cc.claim_id WHERE c.article_id = ?"
            " ORDER BY cc.claim_id", (article_id,))]
        rows += [("event",) + tuple(r) for r in conn.execute(
            "SELECT e.* FROM review_events e JOIN claims c ON c.id = e.claim_id WHERE c.article_id = ?"
            " ORDER BY e.id", (article_id,))]
        return rows
    finally:
        conn.close()
