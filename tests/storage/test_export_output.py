"""Tests that ``export -o PATH`` never replaces what it writes to (issue 19, item 3).

Special files (a FIFO, a device node, /dev/null, /dev/stdout) are written in
place and stay what they were; a regular file is replaced through a
temporary file created exclusively beside it, never through a planted link.
The cases on the machine's own /dev/null and /dev/stdout first check that
the code under test writes them in place, so a regression run as root fails
before it can replace them.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.storage.test_export_support import build
from workbench.cli.export import export_command
from workbench.storage import StorageError
from workbench.storage import export_output
from workbench.storage.export_output import open_output

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path) -> Path:
    build(tmp_path / "workbench.db").close()
    return tmp_path / "workbench.db"


def _export(db: Path, out: Path | str, *extra: str):
    cli = click.Group(commands={"export": export_command})
    return CliRunner().invoke(cli, ["export", "--db", str(db), "-o", str(out), *extra])


def _partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


def test_a_fifo_is_written_and_stays_a_fifo(db, tmp_path):
    fifo = tmp_path / "claims.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so the writer's open does not wait
    try:
        res = _export(db, fifo)
        assert res.exit_code == 0, res.output
        data = b""
        while chunk := os.read(reader, 65536):
            data += chunk
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert len([json.loads(line) for line in data.decode().splitlines()]) == 8


def test_a_device_node_is_written_and_stays_a_device(db, tmp_path):
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the same device as /dev/null
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot create a device node here ({exc})")
    res = _export(db, node, "--format", "csv")
    assert res.exit_code == 0, res.output
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert _partials(tmp_path) == []


def test_a_planted_partial_link_is_never_followed(db, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "claims.jsonl"
    os.symlink(victim, str(out) + ".partial")
    res = _export(db, out)
    assert res.exit_code == 0, res.output
    assert victim.read_text() == "precious\n"
    assert not out.is_symlink() and len(out.read_text().splitlines()) == 8
    assert os.readlink(str(out) + ".partial") == str(victim)  # left as it was


def test_a_planted_link_on_the_temporary_name_is_skipped(db, tmp_path, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    names = iter([str(tmp_path / ".claims.jsonl.guessed.partial"), str(tmp_path / ".claims.jsonl.fresh.partial")])
    os.symlink(victim, tmp_path / ".claims.jsonl.guessed.partial")
    monkeypatch.setattr(export_output, "_temp_name", lambda folder, name: next(names))
    res = _export(db, tmp_path / "claims.jsonl")
    assert res.exit_code == 0, res.output
    assert victim.read_text() == "precious\n"
    assert len((tmp_path / "claims.jsonl").read_text().splitlines()) == 8
    assert _partials(tmp_path) == [".claims.jsonl.guessed.partial"]  # the planted link, untouched


def test_a_link_to_a_regular_file_stays_a_link(db, tmp_path):
    real = tmp_path / "shared" / "claims.jsonl"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "claims.jsonl"
    os.symlink(real, link)
    res = _export(db, link)
    assert res.exit_code == 0, res.output
    assert link.is_symlink() and len(real.read_text().splitlines()) == 8


def test_a_regular_file_keeps_its_permissions(db, tmp_path):
    out = tmp_path / "claims.csv"
    out.write_text("old\n")
    out.chmod(0o600)
    res = _export(db, out, "--format", "csv")
    assert res.exit_code == 0, res.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_text().startswith("claim_id,")
    assert _partials(tmp_path) == []


def test_a_failed_export_leaves_the_old_file_and_no_temporary(tmp_path):
    out = tmp_path / "claims.jsonl"
    out.write_text("old\n")
    with pytest.raises(RuntimeError):
        with open_output(str(out)) as f:
            f.write("half a record")
            raise RuntimeError("the export failed")
    assert out.read_text() == "old\n" and _partials(tmp_path) == []


def test_an_unwritable_folder_is_one_clear_error(tmp_path):
    with pytest.raises(StorageError, match=r"nope/claims.jsonl: cannot write the export \(No such file"):
        with open_output(str(tmp_path / "nope" / "claims.jsonl")):
            pass


def test_binary_output_for_parquet(tmp_path):
    out = tmp_path / "x.bin"
    with open_output(str(out), text=False) as f:
        f.write(b"\x00\x01")
    assert out.read_bytes() == b"\x00\x01"


# --- /dev/null and /dev/stdout, in a child process --------------------------------------
# These run the real command on the machine's own /dev/null and /dev/stdout. An
# export that replaced them would damage the machine when run as root, so each
# test first checks that the code under test writes them in place.


def _run_export(db: Path, *args: str) -> subprocess.CompletedProcess:
    assert export_output.writes_in_place("/dev/null") and "/dev/stdout" in export_output.STDOUT_PATHS
    return subprocess.run([sys.executable, "-m", "workbench", "export", "--db", str(db), *args],
                          capture_output=True, cwd=REPO, timeout=120)


def test_dev_stdout_is_standard_output(db):
    res = _run_export(db, "-o", "/dev/stdout")
    assert res.returncode == 0, res.stderr.decode()
    assert len([json.loads(line) for line in res.stdout.decode().splitlines()]) == 8
    assert os.path.islink("/dev/stdout")


def test_dev_null_is_written_not_replaced(db):
    res = _run_export(db, "--format", "csv", "-o", "/dev/null")
    assert res.returncode == 0, res.stderr.decode()
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    assert b"exported 8 claims to /dev/null" in res.stderr


def test_open_output_text_mode_writes_utf8_without_newline_translation(tmp_path):
    out = tmp_path / "x.csv"
    with open_output(str(out)) as f:
        assert isinstance(f, io.TextIOBase)
        f.write("María\r\n")
    assert out.read_bytes() == "María\r\n".encode()
