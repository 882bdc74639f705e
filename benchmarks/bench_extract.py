"""Benchmark ``analyse()``: the rules alone beside the rules with the attribution model, one core.

CPU time per article on the seed article, the real evaluation articles
(../shared, read at run time, never copied into the repo) and the
generated corpus; the two extractors run alternately on the same texts,
best of ``--rounds``, so a busy machine slows both alike. The target
(issue 20): the model costs at most 4x the rules' CPU per article on the
real evaluation articles.

Usage:
    python benchmarks/bench_extract.py [--rounds N] [--repeat N]
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402
from workbench.domain import analyse  # noqa: E402
from workbench.domain.extractor import load_model  # noqa: E402
from workbench.domain.models import Span  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
TARGET = 4.0


def _headline(text: str) -> Span | None:
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            s = pos + line.index(line.strip()[0])
            return Span(s, s + len(line.strip()), line.strip())
        pos += len(line) + 1
    return None


def _cpu_per_article(texts: list[str], heads: list, model, repeat: int) -> float:
    t0 = time.process_time()
    for _ in range(repeat):
        for t, h in zip(texts, heads):
            analyse(t, h, model)
    return (time.process_time() - t0) / (repeat * len(texts))


def _bench(name: str, texts: list[str], repeat: int, rounds: int) -> float:
    model = load_model()
    heads = [_headline(t) for t in texts]
    for t, h in zip(texts, heads):  # warm-up: caches, the model's word table
        analyse(t, h, None)
        analyse(t, h, model)
    rules = with_model = float("inf")
    for _ in range(rounds):
        rules = min(rules, _cpu_per_article(texts, heads, None, repeat))
        with_model = min(with_model, _cpu_per_article(texts, heads, model, repeat))
    kb = sum(len(t) for t in texts) / len(texts) / 1024
    ratio = with_model / rules
    print(f"{name:14s} {len(texts):4d} articles, {kb:5.1f} KB avg | rules {rules * 1000:6.2f} ms/article "
          f"({1 / rules:6.0f}/s) | rules + model {with_model * 1000:6.2f} ms/article ({1 / with_model:6.0f}/s) "
          f"| {ratio:4.2f}x (target <= {TARGET:.0f}x: {'met' if ratio <= TARGET else 'NOT met'})")
    return ratio


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3, help="passes over the texts per round")
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds; the best of each is kept")
    args = ap.parse_args()
    print(f"model: {load_model().tag}")
    seed = SHARED / "seed" / "militia-strikes.txt"
    if seed.exists():
        _bench("seed", [open(seed, encoding="utf-8", newline="").read()], args.repeat * 20, args.rounds)
    pdir = SHARED / "polnear-dev" / "text"
    if pdir.is_dir():
        texts = [open(p, encoding="utf-8", newline="").read() for p in sorted(pdir.glob("*.txt"))]
        _bench("polnear-dev", texts, args.repeat, args.rounds)
    else:
        print("polnear-dev: ../shared/eval/polnear-dev not found, skipped")
    _bench("generated", list(generate(200, seed=3)), args.repeat, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
