"""Regressions for issue 19 items 2, 4 and 5: data never acts on the terminal, links stay in the folder, --db is a file.

Article text, title, speaker, reviewer and file name carry an OSC 52 clipboard
write, a window-title set, an OSC 8 hyperlink and a CSI clear-screen. Every
command that prints them shows the control characters as visible pictures;
exports to a pipe keep the bytes exactly; exports to a terminal (a real pty)
are inert.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tests.helpers import REPO
from workbench.cli import main

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
TITLE = "\x1b]0;pwned\x07"
LINK = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"
CLEAR = "\x1b[2J\x1b[H"
C1 = "\x9b31m"
HOSTILE = OSC52 + TITLE + LINK + CLEAR + C1
CONTROLS = {chr(c) for c in range(0x20) if c not in (0x09, 0x0A)} | {"\x7f"} | {chr(c) for c in range(0x80, 0xA0)}


def run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)


def raw_controls(text: str) -> set[str]:
    return set(text) & CONTROLS


@pytest.fixture
def hostile_db(tmp_path):
    """A database whose article file name, title, text and speaker carry escape sequences, marked by a hostile reviewer."""
    folder = tmp_path / "in"
    folder.mkdir()
    name = folder / f"x{TITLE}{CLEAR}.json"
    name.write_text(json.dumps({"id": "h1", "title": f"Budget {HOSTILE}", "text":
                                f"Budget {HOSTILE}\n\nMayor Ann {HOSTILE}Lee said the budget {HOSTILE} rose 4%. "
                                f"\"It is {OSC52} fine,\" said Lee."}), encoding="utf-8")
    bad = folder / f"bad{OSC52}.json"
    bad.write_text("{not json", encoding="utf-8")
    db = tmp_path / "w.db"
    result = run("ingest", "--db", db, folder)
    assert result.exit_code == 1  # the bad file
    assert not raw_controls(result.output + result.stderr), repr(result.stderr)
    assert "\u241b]52;" in result.stderr  # the bad file's name, shown with a visible ESC
    return db


def test_every_command_shows_data_control_characters_visibly(hostile_db):
    db = hostile_db
    listed = run("claims", "--db", db)
    assert listed.exit_code == 0
    assert "\u241b" in listed.output  # the text's ESC is there, as a picture
    claim_id = next(int(line.split()[1]) for line in listed.output.splitlines() if line.strip().startswith("│"))
    marked = run("mark", "--db", db, claim_id, "sourced", "--reviewer", f"eve{HOSTILE}", "--note", HOSTILE)
    assert marked.exit_code == 0
    assert run("mark", "--db", db, claim_id, "contested", "--reviewer", f"bob{CLEAR}").exit_code == 0
    outputs = {"mark": marked}
    for command in (["claims"], ["stats"], ["agreement"], ["rules"], ["diff", "1"], ["check"],
                    ["export", "--format", "markdown", "-o", str(db.parent / "r.md")]):
        outputs[command[0]] = run(*command, "--db", db)
    for name, result in outputs.items():
        assert not raw_controls(result.output + result.stderr), (name, result.output + result.stderr)
    assert "eve\u241b]52;" in marked.output


@pytest.mark.parametrize("fmt", ["markdown", "csv", "jsonl"])
def test_export_to_a_pipe_is_byte_exact_and_to_a_terminal_inert(hostile_db, fmt):
    db = hostile_db
    args = [sys.executable, "-m", "workbench", "export", "--db", str(db), "--format", fmt]
    piped = subprocess.run(args, capture_output=True, cwd=REPO, check=True).stdout.decode("utf-8")
    if fmt != "jsonl":  # JSON escapes control characters itself
        assert {"\x1b", "\x07", "\x9b"} <= raw_controls(piped)  # as stored (markdown escapes only its own syntax)
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(args, stdout=secondary, stderr=subprocess.PIPE, cwd=REPO)
    os.close(secondary)
    chunks = []
    while True:
        ready, _, _ = select.select([primary], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(primary, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=30) == 0
    os.close(primary)
    shown = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")  # the pty's own line ending
    assert not raw_controls(shown), repr(shown[:300])
    assert "\u241b" in shown or fmt == "jsonl"


def test_folder_links_leaving_the_folder_are_skipped_unless_follow_links(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret plans\n\nThe minister said the password is hunter2.", encoding="utf-8")
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Ferry\n\nThe mayor said the ferry would run.", encoding="utf-8")
    (folder / "x.txt").symlink_to(secret)
    (folder / "out").symlink_to(tmp_path, target_is_directory=True)
    (folder / "sub" / "again.txt").symlink_to(folder / "a.txt")  # stays inside: read (a duplicate)
    db = tmp_path / "w.db"
    result = run("ingest", "--db", db, folder)
    assert result.exit_code == 0, result.stderr
    notices = [line for line in result.stderr.splitlines() if line.startswith("notice: ")]
    assert notices == [f"notice: {folder / 'out'}: skipped: a link to {tmp_path}, outside the folders named; "
                       "add --follow-links to read it",
                       f"notice: {folder / 'x.txt'}: skipped: a link to {secret}, outside the folders named; "
                       "add --follow-links to read it"]
    exported = run("export", "--db", db).output
    assert "hunter2" not in exported and "ferry" in exported
    again = run("ingest", "--db", tmp_path / "f.db", "--follow-links", folder)
    assert again.exit_code == 0
    assert "hunter2" in run("export", "--db", tmp_path / "f.db").output


@pytest.mark.parametrize("how", ["flag", "env"])
def test_an_in_memory_database_is_refused(tmp_path, how):
    sample = REPO / "samples" / "ferry-subsidy.txt"
    args, env = (["--db", ":memory:"], {}) if how == "flag" else ([], {"WORKBENCH_DB": ":memory:"})
    result = run("ingest", *args, sample, env=env)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: --db :memory: is an in-memory database, lost when the command ends; "
        "give a database file with --db FILE (or WORKBENCH_DB)"]
    assert "added" not in result.output


def test_a_device_fifo_or_folder_is_refused_as_database(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path, kind in (("/dev/null", "a character device"), (fifo, "a FIFO (named pipe)")):
        result = run("stats", "--db", path)
        assert result.exit_code == 1
        assert result.stderr.strip() == f"Error: {path}: is {kind}, not a database file; give a regular file with --db FILE"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no pipe-journal beside it
    assert run("stats", "--db", tmp_path).exit_code != 0
