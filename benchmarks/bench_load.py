"""Provides the ``workbench load`` benchmark: claims/s stored from shards, with indexes, FTS and groups.

Writes the generated corpus as shards once (``workbench extract``'s
``write_shards``, with every core), then times ``read_shards`` into
``write_analysed`` (what ``workbench load`` runs) into a fresh database:
every index, trigger, both FTS tables, scores, the band index and the
near-duplicate groups. Beside it, in the same run: storage alone of the same
articles (no triage), to show what the groups cost.

Target (issue 18): >= 50,000 claims/s.

Run:

    .venv/bin/python benchmarks/bench_load.py            # 1,000 generated articles (~58,000 claims)
    .venv/bin/python benchmarks/bench_load.py -n 4000
"""

from __future__ import annotations

import argparse
import os
import shutil
import time

import benchlib
from benchlib import figure

TARGET = 50_000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    from workbench.services.parallel import analysed_items, usable_cores
    from workbench.services.pipeline import write_analysed
    from workbench.services.shards import existing_shards, read_shards, write_shards

    folder = benchlib.write_corpus(args.articles, args.seed)
    shards = benchlib.OUT / f"shards-{args.articles}-s{args.seed}"
    if not (shards / ".complete").exists():
        shutil.rmtree(shards, ignore_errors=True)
        shards.mkdir(parents=True)
        files = sorted(str(p) for p in folder.glob("*.txt"))
        t = time.perf_counter()
        written = write_shards(analysed_items(files, jobs=usable_cores()), shards)
        print(f"extracted {written.articles:,} articles into {len(written.shards)} shards in "
              f"{time.perf_counter() - t:.1f} s (every core)")
        (shards / ".complete").write_text("ok\n")
    benchlib.header("bench_load: workbench load (shards -> database with indexes, FTS, scores, groups)")
    size = sum(p.stat().st_size for p in existing_shards(shards))
    print(f"{len(existing_shards(shards))} shards, {size / 1e6:,.1f} MB, in {shards}")

    from workbench.services import pipeline

    real = pipeline.triage_inputs
    for label, triage in (("workbench load (read, store, FTS, scores, groups)", True),
                          ("  the same without triage (storage alone)", False),
                          ("workbench load, again", True)):
        conn = benchlib.fresh_db(benchlib.OUT / "bench_load.db")
        if not triage:
            pipeline.triage_inputs = lambda conn, article_id, inputs: None
        try:
            with benchlib.Clock() as c:
                summary = write_analysed(conn, read_shards(shards))
        finally:
            pipeline.triage_inputs = real
            conn.close()
        if summary.failed:
            print(f"  {summary.failed} shard lines failed, e.g. {summary.failures[0]}; delete {shards} to extract again")
            return 1
        t = summary.timings
        rate = summary.claims / c.wall
        figure(label, rate, "claims/s", target=">= 50,000" if triage else "",
               reference=f"{summary.added:,} articles, {summary.claims:,} claims; ms/article: read "
                         f"{1000 * t['wait'] / summary.added:.2f}, unpack {1000 * t['unpack'] / summary.added:.2f}, "
                         f"store {1000 * t['store'] / summary.added:.2f}, triage {1000 * t['triage'] / summary.added:.2f}, "
                         f"commit {1000 * t['commit'] / summary.added:.2f}",
               ok=rate >= TARGET if triage else None, cpu=summary.claims / c.cpu)
    print(f"load average at the end {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
