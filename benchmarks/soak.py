"""Provides the soak run of the reliability tests: the long variants (thousands of marks, 100+ SIGKILLs,
2000 hypothesis examples) plus the quick ones, and a summary of their figures.

Usage::

    .venv/bin/python benchmarks/soak.py            # everything in tests/reliability, soak variants included
    .venv/bin/python benchmarks/soak.py -k crash   # extra pytest arguments pass through

The figures (marks attempted vs stored, locked errors, kills survived, bad
inputs and how each ended, UI latency) are printed at the end and kept in
benchmarks/out/reliability.jsonl.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    out = REPO / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    report = out / "reliability.jsonl"
    report.unlink(missing_ok=True)
    env = dict(os.environ, WORKBENCH_RELIABILITY_REPORT=str(report))
    # "-m soak or not soak" overrides the default "-m 'not soak'": run both kinds.
    cmd = [sys.executable, "-m", "pytest", "tests/reliability", "-m", "soak or not soak", "-q", "-p", "no:cacheprovider",
           *argv]
    code = subprocess.call(cmd, cwd=REPO, env=env)
    print("\n== figures ==")
    if report.exists():
        for line in report.read_text(encoding="utf-8").splitlines():
            print(json.dumps(json.loads(line), indent=None)[:2000])
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
