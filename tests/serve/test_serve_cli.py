"""``workbench serve``'s reviewer commands and its refusals, through click's runner."""

from __future__ import annotations

import socket
import sqlite3

import pytest
from click.testing import CliRunner

from tests.serve.serve_helpers import build_db
from workbench.cli import main
from workbench.serve.server import ReviewServer
from workbench.serve.tokens import reviewer_for, token_hash
from workbench.cli.serve import is_loopback, link
from workbench.storage import connect, reviewer_tokens


@pytest.fixture
def db_path(tmp_path):
    return build_db(tmp_path / "workbench.db")


def serve(*args: str):
    return CliRunner().invoke(main, ["serve", *args])


def _live(db_path):
    conn = connect(db_path)
    try:
        return reviewer_tokens.live(conn)
    finally:
        conn.close()


def test_add_reviewer_prints_only_the_link_and_stores_only_a_hash(db_path):
    result = serve("--db", db_path, "--port", "8123", "--add-reviewer", "  Ana María ")
    assert result.exit_code == 0, result.output
    url = result.stdout.strip()
    assert url.startswith("http://127.0.0.1:8123/?token=") and "\n" not in url
    token = url.split("token=", 1)[1]
    assert len(token) == 43
    [row] = _live(db_path)
    assert row.reviewer == "Ana María" and row.token_sha256 == token_hash(token)
    assert reviewer_for(token, [row]) == "Ana María"
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM reviewer_tokens WHERE token_sha256 = ?", (token,)).fetchone() == (0,)


def test_a_new_link_replaces_the_old_one(db_path):
    first = serve("--db", db_path, "--add-reviewer", "alice").stdout.strip().split("token=")[1]
    again = serve("--db", db_path, "--add-reviewer", "alice")
    assert "previous token is revoked" in again.stderr
    second = again.stdout.strip().split("token=")[1]
    live = _live(db_path)
    assert reviewer_for(first, live) is None and reviewer_for(second, live) == "alice"


def test_revoke_and_list(db_path):
    serve("--db", db_path, "--add-reviewer", "alice")
    serve("--db", db_path, "--add-reviewer", "bob")
    listed = serve("--db", db_path, "--reviewers")
    assert listed.exit_code == 0 and [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["alice", "bob"]
    assert "token=" not in listed.stdout
    revoked = serve("--db", db_path, "--revoke", "alice")
    assert revoked.exit_code == 0 and "revoked alice's token" in revoked.stdout
    assert [row.reviewer for row in _live(db_path)] == ["bob"]
    again = serve("--db", db_path, "--revoke", "alice")
    assert again.exit_code == 1 and "'alice' has no live token" in again.output


@pytest.mark.parametrize("name, problem", [
    ("   ", "cannot be empty"),
    ("eve\x1b[31m", "control characters"),
    ("line\nbreak", "control characters"),
    ("x" * 81, "at most 80"),
])
def test_unusable_reviewer_names_are_refused(db_path, name, problem):
    result = serve("--db", db_path, "--add-reviewer", name)
    assert result.exit_code == 1 and problem in result.output
    assert _live(db_path) == []


def test_a_network_address_without_reviewers_is_refused(db_path, monkeypatch):
    started = []
    monkeypatch.setattr(ReviewServer, "serve", lambda self, debug=False: started.append((self.host, self.port)))
    result = serve("--db", db_path, "--host", "0.0.0.0")
    assert result.exit_code == 1
    assert "refusing to serve on 0.0.0.0, a network address, with no reviewer tokens" in result.output
    assert "workbench serve --add-reviewer NAME" in result.output
    assert started == []
    # With a reviewer it serves there (and warns that it is plain HTTP).
    serve("--db", db_path, "--add-reviewer", "alice")
    result = serve("--db", db_path, "--host", "0.0.0.0", "--port", "8124")
    assert result.exit_code == 0 and started == [("0.0.0.0", 8124)]
    assert "Plain HTTP on a network address" in result.stderr
    # On this machine only, no reviewers is allowed: it says how to add one.
    serve("--db", db_path, "--revoke", "alice")
    result = serve("--db", db_path)
    assert result.exit_code == 0 and "No reviewers yet" in result.stdout and started[-1] == ("127.0.0.1", 8000)


def test_a_port_in_use_is_a_one_line_error(db_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve("--db", db_path, "--port", str(port))
    assert result.exit_code == 1 and f"port {port} on 127.0.0.1 is in use" in result.output


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.1.2.3", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.10", False), ("example.org", False), ("", False),
])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_links_name_an_address_a_browser_can_open():
    assert link("127.0.0.1", 8000, "T") == "http://127.0.0.1:8000/?token=T"
    assert link("::1", 8000, "T") == "http://[::1]:8000/?token=T"
    assert link("0.0.0.0", 9000, "T") == f"http://{socket.gethostname()}:9000/?token=T"
