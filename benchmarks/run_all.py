"""Provides one command for every benchmark: runs each benchmarks/bench_*.py in turn and prints its figures.

Quick by default (each script's own small default); ``--full`` passes
``--full`` to the scripts that accept it (the million-claim runs). Scripts
that are missing are simply not run; one that fails is reported and the rest
still run.

Run:

    .venv/bin/python benchmarks/run_all.py            # quick, a few minutes
    .venv/bin/python benchmarks/run_all.py --full     # 1,000,000 claims where it applies
    .venv/bin/python benchmarks/run_all.py --only ingest storage
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Known scripts first, in the order of the BENCHMARKS.md table; others after.
ORDER = ("bench_ingest", "bench_parallel", "bench_load", "bench_storage", "bench_extract", "bench_ui", "bench_export")


def scripts(only: list[str] | None) -> list[Path]:
    found = {p.stem: p for p in HERE.glob("bench_*.py")}
    names = [n for n in ORDER if n in found] + sorted(n for n in found if n not in ORDER)
    if only:
        names = [n for n in names if any(n == o or n == f"bench_{o}" for o in only)]
    return [found[n] for n in names]


def accepts_full(path: Path) -> bool:
    return "--full" in path.read_text(encoding="utf-8", errors="replace")


def run_and_collect(cmd: list[str], timeout: float, name: str, targets: list[str]) -> int:
    """Run one script, echoing its output, and keep its lines that state a target (and its load line)."""
    proc = subprocess.Popen(cmd, cwd=HERE.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            bufsize=1)
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    for line in proc.stdout:
        print(line, end="", flush=True)
        if " target " in line or "load average" in line:
            targets.append(f"[{name}] {line.strip()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise subprocess.TimeoutExpired(cmd, timeout)
    return proc.wait()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run every benchmarks/bench_*.py and print the figures.")
    ap.add_argument("--full", action="store_true", help="million-claim runs where a script supports --full")
    ap.add_argument("--only", nargs="*", help="names to run (ingest, storage, ui, export, extract)")
    ap.add_argument("--timeout", type=float, default=1200, help="seconds per script (default 1200)")
    args = ap.parse_args(argv)
    todo = scripts(args.only)
    missing = [n for n in ORDER if not (HERE / f"{n}.py").exists()]
    if missing:
        print(f"not present, skipped: {', '.join(missing)}")
    failed = []
    targets: list[str] = []
    for path in todo:
        cmd = [sys.executable, str(path)] + (["--full"] if args.full and accepts_full(path) else [])
        print(f"\n$ {' '.join(Path(c).name if i == 1 else c for i, c in enumerate(cmd))}", flush=True)
        t = time.perf_counter()
        try:
            rc = run_and_collect(cmd, args.timeout, path.stem, targets)
        except subprocess.TimeoutExpired:
            rc = "timeout"
        print(f"[{path.name}: {'ok' if rc == 0 else f'FAILED ({rc})'} in {time.perf_counter() - t:.0f} s]",
              flush=True)
        if rc != 0:
            failed.append(path.name)
    if targets:
        # Every figure that has a target, with its reference, in one place (lines as the scripts printed them).
        print("\nTargets (figure, target, reference measured in the same run):")
        for line in targets:
            print(line)
    print(f"\n{len(todo) - len(failed)} of {len(todo)} benchmark scripts ran"
          + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
