"""A real browser: headless Chromium opens a reviewer's link to ``workbench serve``, sees the queue, presses s."""

from __future__ import annotations

import time

from click.testing import CliRunner

from tests.serve.browser import Drawn, chromium, need_browser, session_processes, workbench_serve
from tests.serve.serve_helpers import CLAIMS_ON_SCREEN, build_db, free_port, marks
from workbench.cli import main


def test_a_reviewer_marks_a_claim_from_chromium(tmp_path):
    need_browser()
    db_path = build_db(tmp_path / "workbench.db")
    port = free_port()
    made = CliRunner().invoke(main, ["serve", "--db", db_path, "--port", str(port), "--add-reviewer", "dana"])
    assert made.exit_code == 0, made.output
    link = made.stdout.strip()
    assert link.startswith(f"http://127.0.0.1:{port}/?token=")
    token = link.split("token=", 1)[1]
    log = tmp_path / "serve.log"
    with workbench_serve(db_path, port, log), chromium(tmp_path / "profile") as page:
        drawn = Drawn(page)
        page.goto(link)
        # The token went into a cookie and left the address bar.
        assert page.url == f"http://127.0.0.1:{port}/"
        assert page.title() == "Claims workbench · dana"
        page.wait_for_selector("body.-first-byte", timeout=30_000)
        # The queue, the claim's detail, the reviewer, and the footer's keys (the page has the keyboard).
        drawn.wait_for(page, CLAIMS_ON_SCREEN, "Ferry fares rise", "dana", "Sourced")
        page.screenshot(path=str(tmp_path / "served.png"))
        # The queue has the keyboard without a click: j moves (it did not when the review screen
        # came up while the page was still taking the keyboard), s marks the second claim.
        page.keyboard.press("j")
        page.keyboard.press("s")
        deadline = time.monotonic() + 20
        while not marks(db_path) and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        assert marks(db_path) == [(2, "sourced", "dana")]
        assert session_processes(db_path), "the session runs in its own app process"
    # Ctrl+C stopped the server and every session's process; the token was never logged.
    assert not session_processes(db_path)
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "session started for dana" in output and "GET / 303" in output
    assert token not in output
