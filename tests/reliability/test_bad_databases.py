"""Bad databases and paths: every command gives one clear line and a non-zero exit, never a traceback,
and never changes the user's file.

Cases: a file that is not SQLite, truncated databases, a database from a newer
workbench, a read-only file and folder, a missing folder, and a full disk
(simulated with ``PRAGMA max_page_count``).
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import workbench.storage as storage_pkg
from tests.helpers import REPO
from tests.reliability.common import PYTHON, env, raw, sha256, workbench
from tests.reliability.figures import record
from workbench.cli import main

SAMPLES = REPO / "samples"
NEW_ARTICLE = SAMPLES / "ferry-subsidy.txt"
OUTCOMES: dict[str, str] = {}


def cli(*args) -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    exc = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.stderr + result.stdout, exc


def commands(db: Path, tmp_path: Path) -> dict[str, list]:
    return {
        "ingest": ["ingest", "--db", db, NEW_ARTICLE],
        "mark": ["mark", "--db", db, "1", "sourced"],
        "stats": ["stats", "--db", db],
        "claims": ["claims", "--db", db],
        "export": ["export", "--db", db, "-o", tmp_path / "out.jsonl"],
        "check": ["check", "--db", db],
        "backup": ["backup", "--db", db, tmp_path / "backup.db"],
    }


def assert_one_clear_line(case: str, name: str, code: int, output: str, exc) -> str:
    assert exc is None, f"{case}/{name}: raised {exc!r}"
    assert code != 0, f"{case}/{name}: exit 0\n{output}"
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if line.strip()]
    if name == "check":  # a report: problem lines, then a one-line verdict
        assert any(line.endswith("problem(s) found.") for line in lines), output
        message = next(line for line in lines if line.startswith("problem:"))
    else:
        assert len(lines) == 1 and lines[0].startswith("Error: "), f"{case}/{name}: {output!r}"
        message = lines[0]
    OUTCOMES[f"{case} / {name}"] = message
    return message


@pytest.fixture(scope="module")
def good_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("good")
    db = folder / "w.db"
    r = workbench("ingest", "--db", db, SAMPLES / "militia-strikes.txt", SAMPLES / "measles-clinic.md")
    assert r.returncode == 0, r.stderr
    return db


def _copy(good_db: Path, dest: Path, journal: str = "WAL") -> Path:
    """A copy in WAL mode, as the workbench leaves its files (or DELETE, as a file from elsewhere may be)."""
    src = sqlite3.connect(good_db)
    out = sqlite3.connect(dest)
    src.backup(out)
    out.execute(f"PRAGMA journal_mode = {journal}")
    src.close()
    out.close()
    return dest


def _truncated(good_db, tmp_path, size):
    full = _copy(good_db, tmp_path / "full.db", "DELETE")
    data = full.read_bytes()
    assert len(data) > size
    p = tmp_path / "truncated.db"
    p.write_bytes(data[:size])
    return p


def _newer(good_db, tmp_path):
    # A rollback-journal file: opening it would switch it to WAL, which must
    # not happen to a file the workbench refuses.
    p = _copy(good_db, tmp_path / "newer.db", "DELETE")
    conn = sqlite3.connect(p)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                 " VALUES ('workbench', 'm999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    return p


CASES = {
    "not a SQLite file": lambda g, t: (t / "notes.db", (t / "notes.db").write_text("my notes, not a database\n")),
    "truncated to 50 bytes": lambda g, t: (_truncated(g, t, 50), None),
    "truncated to one page": lambda g, t: (_truncated(g, t, 4096), None),
    "truncated mid-file": lambda g, t: (_truncated(g, t, 40_000), None),
    "newer schema version": lambda g, t: (_newer(g, t), None),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_database_every_command(case, good_db, tmp_path):
    db, _ = CASES[case](good_db, tmp_path)
    digest, size = sha256(db), db.stat().st_size
    for name, args in commands(db, tmp_path).items():
        code, output, exc = cli(*args)
        message = assert_one_clear_line(case, name, code, output, exc)
        assert str(db) in message or "newer" in message or "problem" in message
        assert sha256(db) == digest and db.stat().st_size == size, f"{case}/{name} changed the file"
        assert not (tmp_path / "backup.db").exists()
    if case == "newer schema version":
        assert "newer version of the workbench" in OUTCOMES[f"{case} / mark"]


def test_missing_folder(tmp_path):
    db = tmp_path / "no" / "such" / "w.db"
    for name, args in commands(db, tmp_path).items():
        code, output, exc = cli(*args)
        if name == "check":
            assert code == 1 and "does not exist" in output
            continue
        message = assert_one_clear_line("missing folder", name, code, output, exc)
        assert "does not exist" in message or "no such database" in message
    assert not (tmp_path / "no").exists()


def test_a_folder_given_as_the_database(tmp_path):
    code, output, exc = cli("ingest", "--db", tmp_path, NEW_ARTICLE)
    # click's own usage error (Usage/Try/Error lines, exit 2): clear, and no traceback.
    assert exc is None and code == 2 and "Traceback" not in output
    assert f"Error: Invalid value for '--db': File '{tmp_path}' is a directory." in output
    OUTCOMES["a folder as --db / ingest"] = output.splitlines()[-1]


# --- read-only: chmod, and as root also drop the capability that ignores it ------


def _drop_dac_override() -> None:
    """preexec_fn: remove CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH from the bounding set, so root obeys chmod."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run_restricted(*args) -> subprocess.CompletedProcess:
    pre = _drop_dac_override if os.geteuid() == 0 else None
    return subprocess.run([PYTHON, "-m", "workbench", *map(str, args)], capture_output=True, text=True,
                          env=env(), cwd=REPO, timeout=120, preexec_fn=pre)


@pytest.fixture
def read_only_ok(tmp_path):
    probe = tmp_path / "probe"
    probe.write_text("x")
    probe.chmod(0o444)
    try:
        r = _run_restricted_python(f"open({str(probe)!r}, 'a').write('y')")
    except OSError as exc:
        pytest.skip(f"cannot drop root's permission override here ({exc}); chmod would not stop writes")
    if r.returncode == 0:
        pytest.skip("chmod does not stop writes here (root without a droppable capability)")


def _run_restricted_python(code: str) -> subprocess.CompletedProcess:
    pre = _drop_dac_override if os.geteuid() == 0 else None
    return subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, preexec_fn=pre)


def _writes_fail_clearly(case: str, db: Path, tmp_path: Path) -> None:
    # Claim 1 exists in every copy of good_db; no connection is opened here, since
    # one made with root's rights would create the -wal/-shm files a read-only
    # folder otherwise lacks.
    claim_id = 1
    digest = sha256(db)
    for name, args in (("mark", ["mark", "--db", db, claim_id, "sourced"]),
                       ("ingest", ["ingest", "--db", db, NEW_ARTICLE])):
        r = _run_restricted(*args)
        message = assert_one_clear_line(case, name, r.returncode, r.stdout + r.stderr, None)
        assert "read-only" in message
        assert sha256(db) == digest
    # Reading still works, or fails with the same kind of line.
    for name, args in (("stats", ["stats", "--db", db]), ("export", ["export", "--db", db])):
        r = _run_restricted(*args)
        assert "Traceback" not in r.stderr
        if r.returncode:
            assert_one_clear_line(case, name, r.returncode, r.stdout + r.stderr, None)
        else:
            OUTCOMES[f"{case} / {name}"] = "works (read only)"
    assert sha256(db) == digest


def test_read_only_file(read_only_ok, good_db, tmp_path):
    db = _copy(good_db, tmp_path / "ro.db")
    db.chmod(0o444)
    _writes_fail_clearly("read-only file", db, tmp_path)


def test_read_only_folder(read_only_ok, good_db, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = _copy(good_db, folder / "w.db")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")  # as the workbench leaves it: needs -wal/-shm beside it
    conn.close()
    folder.chmod(0o555)
    try:
        _writes_fail_clearly("read-only folder", db, tmp_path)
        r = _run_restricted("ingest", "--db", folder / "new.db", NEW_ARTICLE)
        assert_one_clear_line("read-only folder", "ingest into a new file", r.returncode, r.stdout + r.stderr, None)
        assert not (folder / "new.db").exists()
    finally:
        folder.chmod(0o755)


def test_read_only_error_path_in_process(good_db, tmp_path, monkeypatch):
    """The message path itself, without relying on file permissions: SQLite reports SQLITE_READONLY."""
    db = _copy(good_db, tmp_path / "w.db")
    real = storage_pkg.connect

    def readonly_connect(path, **kwargs):
        conn = real(path, **kwargs)
        conn.execute("PRAGMA query_only = ON")
        return conn

    monkeypatch.setattr(storage_pkg, "connect", readonly_connect)
    import workbench.storage.db as dbmod

    monkeypatch.setattr(dbmod, "connect", readonly_connect)
    digest = sha256(db)
    code, output, exc = cli("mark", "--db", db, "1", "sourced")
    assert_one_clear_line("query_only connection", "mark", code, output, exc)
    assert sha256(db) == digest


# --- full disk ---------------------------------------------------------------------


def test_full_disk_gives_a_clear_line_and_writes_nothing(good_db, tmp_path, monkeypatch):
    db = _copy(good_db, tmp_path / "w.db")
    conn = storage_pkg.open_db(str(db))  # migrated and in WAL mode before the disk "fills"
    before = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "claims", "speakers", "review_events")}
    conn.close()
    real = storage_pkg.connect

    def full_connect(path, **kwargs):
        c = real(path, **kwargs)
        pages = c.execute("PRAGMA page_count").fetchone()[0]
        c.execute(f"PRAGMA max_page_count = {pages}")  # not one page more: the disk is full
        return c

    monkeypatch.setattr(storage_pkg, "connect", full_connect)
    corpus = tmp_path / "batch"
    from tests.reliability.common import write_corpus

    write_corpus(corpus, 5, seed=4)
    code, output, exc = cli("ingest", "--db", db, corpus)
    message = assert_one_clear_line("full disk", "ingest", code, output, exc)
    assert "disk is full" in message
    monkeypatch.undo()
    conn = sqlite3.connect(db)
    after = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
    assert after == before, "a write that hit the full disk left something behind"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    # Marks hit the same wall with the same message once the file has no room for a new page.
    monkeypatch.setattr(storage_pkg, "connect", full_connect)
    marks = 0
    for i in range(400):
        code, output, exc = cli("mark", "--db", db, 1 + i % 20, "sourced", "--note", "x" * 3000)
        if code:
            assert_one_clear_line("full disk", "mark", code, output, exc)
            assert "disk is full" in output
            break
        marks += 1
    else:
        pytest.fail("max_page_count never filled up")


def test_zz_report():
    """Prints every case's message (runs last in this module)."""
    record("bad-databases", outcomes=OUTCOMES)
