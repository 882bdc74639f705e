"""Provides the served-UI benchmark: from a reviewer opening their link in Chromium to the review screen.

Ingests samples/ into a fresh database, starts ``workbench serve`` as a user
would, and for each run opens the reviewer's link in a fresh headless Chromium
(Debian's /usr/bin/chromium, driven by Playwright) and times, from the start of
navigation:

- the page loaded (the ``load`` event; the redirect that stores the token included);
- the first bytes from the session's app process (textual.js's ``-first-byte``);
- the first screen: the queue's first claim and the footer's keys drawn.

The reference, measured in the same run: the same app process started
directly with textual-serve's environment and pipes (no server, no browser),
until its first frame holds the same claim. The difference is what serving
costs. Nothing is pinned to one core: the browser, server and app are
separate processes, as in use.

Usage: python benchmarks/bench_serve.py [--runs N] [--screenshot docs/served.png]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchlib import figure, machine_line  # noqa: E402
from tests.serve.browser import CHROMIUM, Drawn, chromium, workbench_serve  # noqa: E402
from tests.serve.serve_helpers import free_port, plain_text  # noqa: E402


def build(folder: Path) -> tuple[str, str]:
    """samples/ ingested into a fresh database; returns its path and the first claim's text (first 30 chars)."""
    from workbench.cli.ingest import run_ingest
    from workbench.storage import open_db

    path = folder / "serve.db"
    conn = open_db(str(path))
    try:
        run_ingest(conn, ["samples"], quiet=True)  # relative: the screenshot shows samples/..., not this path
        first = conn.execute("SELECT text FROM claims ORDER BY article_id, start LIMIT 1").fetchone()[0]
    finally:
        conn.close()
    return str(path), first[:30]


def direct_first_screen(db_path: str, reviewer: str, marker: str) -> float:
    """Seconds from starting the app process (textual-serve's way, without it) to a frame holding ``marker``."""
    env = {**os.environ, "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver", "TEXTUAL_FPS": "60",
           "TEXTUAL_COLOR_SYSTEM": "truecolor", "TERM_PROGRAM": "textual", "COLUMNS": "140", "ROWS": "44",
           "WORKBENCH_SERVE_REVIEWER": reviewer}
    t0 = time.perf_counter()
    app = subprocess.Popen([sys.executable, "-m", "workbench.serve.session", "--db", db_path], env=env,
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        while app.stdout.readline() != b"__GANGLION__\n":
            pass
        seen = bytearray()
        while marker not in plain_text(bytes(seen)):
            kind, size = app.stdout.read(1), int.from_bytes(app.stdout.read(4), "big")
            payload = app.stdout.read(size)
            if kind == b"D":
                seen += payload
        return time.perf_counter() - t0
    finally:
        app.kill()
        app.wait()


def browser_run(link: str, profile: Path, marker: str, screenshot: Path | None) -> dict[str, float]:
    with chromium(profile, 1280, 800) as page:
        drawn = Drawn(page)
        t0 = time.perf_counter()
        page.goto(link)
        loaded = time.perf_counter()
        page.wait_for_selector("body.-first-byte", timeout=60_000)
        first_byte = time.perf_counter()
        screen = drawn.wait_for(page, marker, "Sourced", timeout=60)
        if screenshot is not None:
            # A reviewer at work: two claims marked, the cursor on the third.
            page.keyboard.press("s")
            page.wait_for_timeout(600)
            page.keyboard.press("u")
            page.wait_for_timeout(1500)
            page.screenshot(path=str(screenshot))
        return {"load": loaded - t0, "first byte": first_byte - t0, "first screen": screen - t0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--screenshot", type=Path, help="save a screenshot of the served UI here (after the last run)")
    args = ap.parse_args(argv)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        print("bench_serve: skipped, Playwright is missing (pip install -e '.[test]')")
        return 0
    if not os.path.exists(CHROMIUM):
        print(f"bench_serve: skipped, {CHROMIUM} is missing (apt-get install chromium)")
        return 0
    if args.screenshot:
        args.screenshot = args.screenshot.resolve()
    os.chdir(ROOT)
    print("== served review UI: Chromium opening a reviewer's link")
    print(machine_line())
    print("load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_path, marker = build(folder)
        from click.testing import CliRunner

        from workbench.cli import main as cli

        port = free_port()
        link = CliRunner().invoke(cli, ["serve", "--db", db_path, "--port", str(port),
                                        "--add-reviewer", "alice"]).stdout.strip()
        runs, direct = [], []
        with workbench_serve(db_path, port, folder / "serve.log"):
            for i in range(args.runs):
                direct.append(direct_first_screen(db_path, "alice", marker))
                last = i == args.runs - 1
                runs.append(browser_run(link, folder / f"profile{i}", marker, args.screenshot if last else None))
    for key in ("load", "first byte", "first screen"):
        values = [r[key] for r in runs]
        figure(f"link opened -> {key} (median of {len(values)})", statistics.median(values) * 1000, "ms",
               reference=f"runs {', '.join(f'{v * 1000:,.0f}' for v in values)} ms")
    load_to_screen = [r["first screen"] - r["load"] for r in runs]
    figure("page loaded -> first screen (median)", statistics.median(load_to_screen) * 1000, "ms",
           reference=f"app alone to first screen {statistics.median(direct) * 1000:,.0f} ms (textual-serve's pipes,"
                     " no server or browser)")
    if args.screenshot:
        print(f"screenshot: {args.screenshot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
