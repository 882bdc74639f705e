"""Provides the processes of the concurrency tests, run as ``python -m tests.reliability.workers ROLE ...``.

Each worker waits for a start file (so all overlap), does its work, and writes
a JSON report: what it attempted, what it stored (with the ids SQLite gave
back), every error message, and latencies.

- ``reviewer DB NAME N SEED START OUT``: N marks on random claims, one short
  connection and one ``BEGIN IMMEDIATE`` transaction per mark (as the review
  UI's writer does).
- ``exporter DB SECONDS START OUT``: whole-database exports in a loop, through
  the ``workbench export`` command, plus single queue-page reads timed.
"""

from __future__ import annotations

import json
import random
import sys
import time
import traceback
from pathlib import Path


def _wait(start: str) -> None:
    deadline = time.monotonic() + 60
    while not Path(start).exists():
        if time.monotonic() > deadline:
            raise SystemExit("start file never appeared")
        time.sleep(0.005)


def reviewer(db: str, name: str, n: int, seed: int, start: str, out: str, pause: float = 0.01) -> None:
    from workbench.storage import connect, reviews

    rng = random.Random(seed)
    conn = connect(db, create=False)
    claim_ids = [r[0] for r in conn.execute("SELECT id FROM claims")]
    conn.close()
    report = {"name": name, "attempted": 0, "stored": [], "errors": [], "latencies": [], "times": []}
    _wait(start)
    for _ in range(n):
        claim_id = rng.choice(claim_ids)
        status = rng.choice(["sourced", "unsourced", "contested"])
        report["attempted"] += 1
        t0 = time.perf_counter()
        try:
            conn = connect(db, create=False)
            try:
                event = reviews.mark(conn, claim_id, status, name, note=f"{name} {report['attempted']}")
            finally:
                conn.close()
        except Exception as exc:  # every failure is counted, never hidden
            report["errors"].append(f"{type(exc).__name__}: {exc}")
        else:
            report["stored"].append([event.id, claim_id, status])
        report["latencies"].append(time.perf_counter() - t0)
        report["times"].append(time.time())
        time.sleep(rng.uniform(0, 2 * pause))  # a reviewer's reading time, so marks spread over the run
    Path(out).write_text(json.dumps(report))


def exporter(db: str, seconds: float, start: str, out: str) -> None:
    from click.testing import CliRunner

    from workbench.cli import main
    from workbench.storage import connect
    from workbench.storage import queue as q

    report = {"exports": 0, "records": [], "errors": [], "latencies": [], "read_latencies": []}
    _wait(start)
    deadline = time.monotonic() + seconds
    runner = CliRunner()
    target = Path(out).with_suffix(".export.jsonl")
    while time.monotonic() < deadline:
        t0 = time.perf_counter()
        result = runner.invoke(main, ["export", "--db", db, "-o", str(target)])
        report["latencies"].append(time.perf_counter() - t0)
        if result.exit_code != 0:
            report["errors"].append((result.output or "") + "".join(traceback.format_exception(result.exc_info[1]))
                                    if result.exc_info else result.output)
        else:
            report["exports"] += 1
            report["records"].append(sum(1 for _ in target.open(encoding="utf-8")))
        # A review-UI-sized read: one queue page and the status counts.
        t0 = time.perf_counter()
        conn = connect(db, create=False)
        try:
            q.page_around(conn, q.QueueFilter(), None, q.PAGE_SIZE)
            q.status_counts(conn)
        finally:
            conn.close()
        report["read_latencies"].append(time.perf_counter() - t0)
    Path(out).write_text(json.dumps(report))


if __name__ == "__main__":
    role, *args = sys.argv[1:]
    if role == "reviewer":
        db, name, n, seed, start, out, pause = args
        reviewer(db, name, int(n), int(seed), start, out, float(pause))
    elif role == "exporter":
        db, seconds, start, out = args
        exporter(db, float(seconds), start, out)
    else:
        raise SystemExit(f"unknown role {role}")
