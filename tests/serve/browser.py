"""Provides headless Chromium for the served-UI tests and benchmark: Debian's chromium driven by Playwright.

Never ``playwright install``: Playwright drives the system's /usr/bin/chromium
(.ci/run installs Debian's package when it is missing).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.serve.serve_helpers import plain_text

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def need_browser() -> None:
    """Skip without Chromium or Playwright on a developer's machine; fail in CI, which installs both."""
    missing = [what for what, ok in (("/usr/bin/chromium (apt-get install chromium)", os.path.exists(CHROMIUM)),
                                     ("playwright (pip install -e '.[test]')", _has_playwright())) if not ok]
    if missing:
        message = "the browser test needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _has_playwright() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


@contextlib.contextmanager
def chromium(profile: Path, width: int = 1280, height: int = 800):
    """A fresh headless Chromium with its own profile folder; yields a page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": width, "height": height})
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


class Drawn:
    """Everything the app sent to the page over its websocket, as text without control sequences."""

    def __init__(self, page) -> None:
        self.data = bytearray()
        page.on("websocket", lambda ws: ws.on("framereceived", self._received))

    def _received(self, payload) -> None:
        if isinstance(payload, bytes):
            self.data += payload

    def text(self) -> str:
        return plain_text(bytes(self.data))

    def wait_for(self, page, *texts: str, timeout: float = 30.0) -> float:
        """Wait (letting the page run) until every text was drawn; returns the time it was seen."""
        deadline = time.monotonic() + timeout
        while not all(t in self.text() for t in texts):
            if time.monotonic() > deadline:
                missing = [t for t in texts if t not in self.text()]
                raise AssertionError(f"not drawn in the browser within {timeout} s: {missing}")
            page.wait_for_timeout(30)
        return time.perf_counter()


@contextlib.contextmanager
def workbench_serve(db_path: str, port: int, log: Path):
    """``workbench serve`` as a user runs it, in its own process; stopped with Ctrl+C (SIGINT) after."""
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "workbench", "serve", "--db", db_path, "--port", str(port)],
                                  stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "COLUMNS": "200"})
        try:
            deadline = time.monotonic() + 30
            while True:
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) == 0:
                        break
                assert server.poll() is None, f"workbench serve exited: {log.read_text()}"
                assert time.monotonic() < deadline, "workbench serve did not listen within 30 s"
                time.sleep(0.1)
            yield server
        finally:
            if server.poll() is None:
                server.send_signal(2)
                try:
                    server.wait(20)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()


def session_processes(db_path: str) -> list[int]:
    """Ids of live app processes serving ``db_path`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"workbench.serve.session" in cmdline and db_path.encode() in cmdline:
            found.append(int(entry.name))
    return found

