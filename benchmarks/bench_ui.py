"""Provides the review UI benchmark: first screen, memory, key latency and queue queries at 100 and 1,000,000 claims.

Builds (once, cached under benchmarks/out/) databases of 100 and 1,000,000
claims with executemany in one transaction, then, each in a fresh process:

- time to the first interactive screen (``run_test`` until the queue shows
  its first page and a claim is highlighted), and resident memory (VmHWM);
- per-key latency of moves (``j``) and marks (``s``), each press handled and
  its result painted;
- queue page query time at depth ~900,000 (keyset), status counts, FTS search.

Usage: python benchmarks/bench_ui.py [--small-only]
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(ROOT))

from tests.tui.tui_helpers import wait_workers  # noqa: E402  (the Pilot tests' helper)

SIZES = (100, 1_000_000)


def build(path: Path, n_claims: int, per_article: int = 20) -> Path:
    """A synthetic database of ``n_claims`` claims (cached: built once)."""
    from workbench.storage import open_db
    from workbench.storage.db import write_transaction
    from workbench.storage.ingest import utc_now

    if path.exists():
        # Cached from an earlier run: upgrade it to the current schema first, as `workbench`
        # does before it opens the UI (the app itself does not migrate).
        open_db(str(path)).close()
        return path
    tmp = path.with_suffix(".partial")
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    conn = open_db(str(tmp))
    now = utc_now()
    body = "Officials said the plan would work, a spokesman told reporters. " * per_article
    n_articles = (n_claims + per_article - 1) // per_article
    words = ["plan", "budget", "ships", "drills", "costs", "talks", "navy", "report", "vote", "tax",
             "border", "climate", "election", "court", "market"]
    with write_transaction(conn):
        conn.executemany(
            "INSERT INTO articles (id, title, author, outlet, url, source, format, content_hash, text, ingested_at)"
            " VALUES (?, ?, 'Jane Doe', 'Example News', ?, ?, 'txt', ?, ?, ?)",
            ((a, f"Article {a}", f"https://example.org/{a}", f"a{a}.txt", f"h{a}", body, now)
             for a in range(1, n_articles + 1)))
        n_speakers = max(10, min(50_000, n_claims // 20))
        conn.executemany(
            "INSERT INTO speakers (id, name, kind, merge_key, created_at) VALUES (?, ?, ?, ?, ?)",
            ((i, f"Speaker {i}", ("person", "organization", "anonymous", "document")[i % 4], f"k:{i}", now)
             for i in range(1, n_speakers + 1)))
        seg = len(body) // per_article

        def rows():
            for i in range(1, n_claims + 1):
                seq = (i - 1) % per_article
                s = seq * seg
                yield (i, (i - 1) // per_article + 1, seq + 1,
                       f"claim {i} about the {words[i % 15]} and the {words[(i // 15) % 15]} {words[(i // 225) % 15]}",
                       s + 10, s + 34, s, s + seg, 0, len(body), (i % n_speakers) + 1, "indirect", "said", s + 35, s + 40)
        conn.executemany(
            "INSERT INTO claims (id, article_id, sequence, text, start, end, sentence_start, sentence_end,"
            " paragraph_start, paragraph_end, speaker_id, attribution, rule, cue_start, cue_end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    tmp.rename(path)
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    return path


async def key_latencies(app, key: str, n: int) -> tuple[list[float], list[float]]:
    """Per key: time from the key event to the screen repaint showing the cursor on the next claim,
    and to the repaint showing that claim's detail (read by a worker).

    Pilot.press is not used for timing: it sleeps at least 40 ms per key to detect idleness.
    """
    from textual import events

    screen = app.screen
    table = screen.table
    painted: list[float] = []
    original = screen._compositor_refresh

    def traced() -> None:
        original()
        painted.append(time.perf_counter())

    screen._compositor_refresh = traced
    cursor, detail = [], []
    try:
        for _ in range(n):
            before = table.current.claim_id
            painted.clear()
            t = time.perf_counter()
            event = events.Key(key, key)
            event.set_sender(app)
            app._driver.send_message(event)
            deadline = t + 5
            while (table.current is None or table.current.claim_id == before) and time.perf_counter() < deadline:
                await asyncio.sleep(0)
            handled = time.perf_counter()
            while not any(p >= handled for p in painted) and time.perf_counter() < deadline:
                await asyncio.sleep(0)
            cursor.append(min((p for p in painted if p >= handled), default=handled + 5) - t)
            target = table.current.claim_id
            while screen._last_detail != target or getattr(screen, "_shown_detail", None) != target:
                if time.perf_counter() > deadline:
                    break
                await asyncio.sleep(0)
            shown = time.perf_counter()
            while not any(p >= shown for p in painted) and time.perf_counter() < deadline:
                await asyncio.sleep(0)
            detail.append(min((p for p in painted if p >= shown), default=shown) - t)
    finally:
        del screen._compositor_refresh
    return cursor, detail


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size in MB, from /proc/self/status."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


async def measure_ui(db: str) -> dict:
    """Run in a fresh process: first screen, key latencies, memory."""
    from workbench.tui.app import WorkbenchApp
    from workbench.tui.screens.review import ReviewScreen
    from workbench.tui.widgets.claim_table import ClaimTable

    t0 = time.perf_counter()
    app = WorkbenchApp(db, "bench", refresh_interval=None)
    out: dict = {}
    async with app.run_test(size=(100, 30)) as pilot:
        deadline = time.monotonic() + 120
        while True:
            if time.monotonic() > deadline:
                raise RuntimeError("the review screen never showed a claim (see the app's error above)")
            screen = app.screen
            if isinstance(screen, ReviewScreen) and screen.query(ClaimTable) and screen.table.current is not None:
                break
            await asyncio.sleep(0.002)
        out["first_screen_s"] = time.perf_counter() - t0
        await wait_workers(app)
        await pilot.pause()

        async def timed(key: str, n: int) -> list[float]:
            times = []
            for _ in range(n):
                t = time.perf_counter()
                await pilot.press(key)  # the key is handled (cursor moved / write queued, row repainted)
                times.append(time.perf_counter() - t)
            return times

        moves, moves_detail = await key_latencies(app, "j", 60)
        await wait_workers(app)
        marks, _ = await key_latencies(app, "s", 30)
        t = time.perf_counter()
        await wait_workers(app)  # every mark committed
        out["commit_all_marks_s"] = time.perf_counter() - t
        out["move_ms"] = 1000 * statistics.median(moves)
        out["move_p95_ms"] = 1000 * sorted(moves)[int(len(moves) * 0.95)]
        out["move_detail_ms"] = 1000 * statistics.median(moves_detail)
        out["mark_ms"] = 1000 * statistics.median(marks)
        out["mark_p95_ms"] = 1000 * sorted(marks)[int(len(marks) * 0.95)]
        out["rows_held"] = app.screen.table.row_count
    out["rss_mb"], out["peak_rss_mb"] = rss_mb()
    return out


def measure_queries(db: str, n: int) -> dict:
    from workbench.storage import connect
    from workbench.storage import queue as q

    conn = connect(db)

    def best(fn, reps=50) -> float:
        times = []
        for _ in range(reps):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return 1000 * statistics.median(times)

    depth = int(n * 0.9)
    out = {
        "page_deep_ms": best(lambda: q.page_after(conn, q.QueueFilter(), depth, q.PAGE_SIZE)),
        "page_deep_back_ms": best(lambda: q.page_before(conn, q.QueueFilter(), depth, q.PAGE_SIZE)),
        "page_deep_status_ms": best(lambda: q.page_after(conn, q.QueueFilter(status="unreviewed"), depth, q.PAGE_SIZE)),
        "status_counts_ms": best(lambda: q.status_counts(conn)),
        "search_ms": best(lambda: q.page_after(conn, q.QueueFilter(search="budget navy"), None, q.PAGE_SIZE), 10),
        "search_deep_ms": best(lambda: q.page_after(conn, q.QueueFilter(search="budget"), depth, q.PAGE_SIZE), 10),
        "detail_ms": best(lambda: q.claim_detail(conn, depth)),
        "position_deep_ms": best(lambda: q.count(conn, q.QueueFilter(), below=depth), 5),
    }
    conn.close()
    return out


def child(db: str) -> None:
    print(json.dumps(asyncio.run(measure_ui(db))))


def run_child(db: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", str(db)], capture_output=True, text=True,
                          cwd=str(ROOT), timeout=900)
    if proc.returncode:
        raise SystemExit(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def line(label: str, value: float, unit: str, target: str, ok: bool) -> None:
    print(f"  {label:<44} {value:>9.2f} {unit:<3} target {target:<22} {'ok' if ok else 'MISSED'}")


def main() -> None:
    OUT.mkdir(exist_ok=True)
    sizes = SIZES[:1] if "--small-only" in sys.argv else SIZES
    results = {}
    for n in sizes:
        path = OUT / f"bench_ui_{n}.db"
        t = time.perf_counter()
        existed = path.exists()
        build(path, n)
        if not existed:
            print(f"built {path.name} ({n:,} claims) in {time.perf_counter() - t:.1f}s")
        # Warm the OS cache once so both sizes are measured the same way.
        run_child(path)
        ui = run_child(path)
        results[n] = {**ui, **measure_queries(str(path), n)}
    small = results[SIZES[0]]
    for n, r in results.items():
        print(f"\n{n:,} claims")
        line("first interactive screen", r["first_screen_s"] * 1000, "ms", "< 1000 ms", r["first_screen_s"] < 1.0)
        if n != SIZES[0]:
            ratio = r["first_screen_s"] / small["first_screen_s"]
            line("  ... relative to 100 claims", ratio, "x", "<= 1.3x", ratio <= 1.3)
        line("resident memory (VmRSS at end)", r["rss_mb"], "MB", "< 250 MB", r["rss_mb"] < 250)
        line("peak resident memory (VmHWM)", r["peak_rss_mb"], "MB", "< 250 MB", r["peak_rss_mb"] < 250)
        line("move key j (median)", r["move_ms"], "ms", "< 50 ms", r["move_ms"] < 50)
        line("move key j (p95)", r["move_p95_ms"], "ms", "< 50 ms", r["move_p95_ms"] < 50)
        line("move key j, detail pane painted (median)", r["move_detail_ms"], "ms", "< 50 ms",
             r["move_detail_ms"] < 50)
        line("mark key s (median)", r["mark_ms"], "ms", "< 50 ms", r["mark_ms"] < 50)
        line("mark key s (p95)", r["mark_p95_ms"], "ms", "< 50 ms", r["mark_p95_ms"] < 50)
        line("rows held by the queue widget", r["rows_held"], "", "a few hundred", r["rows_held"] <= 300)
        depth = f"depth {int(n * 0.9):,}"
        line(f"queue page, keyset, {depth}", r["page_deep_ms"], "ms", "< 5 ms", r["page_deep_ms"] < 5)
        line(f"queue page backwards, {depth}", r["page_deep_back_ms"], "ms", "< 5 ms", r["page_deep_back_ms"] < 5)
        line(f"queue page, status filter, {depth}", r["page_deep_status_ms"], "ms", "< 5 ms",
             r["page_deep_status_ms"] < 5)
        line("status counts (status_counts table)", r["status_counts_ms"], "ms", "< 5 ms", r["status_counts_ms"] < 5)
        line("FTS search, first page", r["search_ms"], "ms", "< 50 ms (bounded)", r["search_ms"] < 50)
        line(f"FTS search, page at {depth}", r["search_deep_ms"], "ms", "< 50 ms (bounded)", r["search_deep_ms"] < 50)
        line("claim detail", r["detail_ms"], "ms", "< 5 ms", r["detail_ms"] < 5)
        line(f"position count at {depth} (worker only)", r["position_deep_ms"], "ms", "off the UI thread", True)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
