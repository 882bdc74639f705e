"""Benchmark ``analyse()``: articles per second (CPU time, one core) on the seed and polnear texts.

Reads the texts from ../shared at run time (never copied into the repo).

Usage:
    python benchmarks/bench_extract.py [--repeat N]
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.domain import analyse  # noqa: E402
from workbench.domain.models import Span  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"


def _headline(text: str) -> Span | None:
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            s = pos + line.index(line.strip()[0])
            return Span(s, s + len(line.strip()), line.strip())
        pos += len(line) + 1
    return None


def _bench(name: str, texts: list[str], repeat: int) -> None:
    heads = [_headline(t) for t in texts]
    for t, h in zip(texts, heads):  # warm-up
        analyse(t, h)
    n = 0
    t0 = time.process_time()
    for _ in range(repeat):
        for t, h in zip(texts, heads):
            analyse(t, h)
            n += 1
    dt = time.process_time() - t0
    kb = sum(len(t) for t in texts) / len(texts) / 1024
    per4k = dt / n / (kb / 4) * 1000
    print(f"{name:12s} {n / dt:8.0f} articles/s  (avg {kb:.1f} KB/article, "
          f"{dt / n * 1000:.3f} ms/article, {per4k:.3f} ms per 4 KB)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    seed = SHARED / "seed" / "militia-strikes.txt"
    if seed.exists():
        _bench("seed", [open(seed, encoding="utf-8", newline="").read()], args.repeat * 20)
    pdir = SHARED / "polnear-dev" / "text"
    if pdir.is_dir():
        texts = [open(p, encoding="utf-8", newline="").read() for p in sorted(pdir.glob("*.txt"))]
        _bench("polnear-dev", texts, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
