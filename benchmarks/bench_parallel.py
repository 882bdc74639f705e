"""Provides the benchmark of issue 18: ingest on every core beside spaCy on one, --jobs 2 beside --jobs 1, the writer's time, triage per article.

On the same files, in one run, alternating so that load from other processes
falls on both sides alike:

- reference: spaCy ``blank("en")`` + ``sentencizer`` alone, pinned to one core;
- ``workbench ingest`` as shipped (read, extract, score, fingerprint, store,
  triage, commit; ``write_analysed(analysed_items(...))``, what the command
  runs) with ``--jobs 1`` and with ``--jobs N`` (every usable core), each into a
  fresh database, ``--repeat`` times;
- where the writer's time goes with N workers (``Summary.timings``);
- triage per article in the writer, as session 2 did it (``triage_article``:
  scores and fingerprints computed in the writer) and as now
  (``triage_inputs``: computed by the workers), on the same analysed articles.

Targets (issue 18): all cores >= 0.5x spaCy on one core (goal 1x), on the
generated corpus and on the 60 real evaluation articles; ``--jobs 2`` >=
1.7x ``--jobs 1``; triage per article halved.

Run:

    .venv/bin/python benchmarks/bench_parallel.py            # 400 generated articles, 3 repeats
    .venv/bin/python benchmarks/bench_parallel.py -n 2000 --repeat 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import benchlib
from benchlib import figure


def unpinned_header(title: str) -> list[int]:
    """The machine line, without pinning: the pool must see every core. Returns the usable CPUs."""
    print(f"== {title}")
    print(benchlib.machine_line())
    cpus = sorted(os.sched_getaffinity(0))
    print(f"usable CPUs {cpus}; load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return cpus


def spacy_one_core(texts: list[str], cpus: list[int]) -> float | None:
    try:
        import spacy
    except ImportError:
        print("  spaCy not installed (pip install -e '.[bench]'); reference skipped")
        return None
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    os.sched_setaffinity(0, {cpus[0]})
    try:
        list(nlp.pipe(texts[:20]))
        t = time.perf_counter()
        sum(1 for doc in nlp.pipe(texts) for _ in doc.sents)
        return len(texts) / (time.perf_counter() - t)
    finally:
        os.sched_setaffinity(0, set(cpus))


def ingest(files: list[str], jobs: int, db_name: str):
    """``workbench ingest --jobs`` as the command runs it, into a fresh database; (articles/s, summary)."""
    from workbench.services.parallel import analysed_items
    from workbench.services.pipeline import write_analysed

    conn = benchlib.fresh_db(benchlib.OUT / db_name)
    t = time.perf_counter()
    summary = write_analysed(conn, analysed_items(files, jobs=jobs))
    wall = time.perf_counter() - t
    conn.close()
    assert summary.failed == 0, summary.failures[:3]
    return summary.added / wall, summary


def side_by_side(label: str, files: list[str], texts: list[str], cpus: list[int], repeat: int) -> None:
    jobs = len(cpus)
    print(f"{label}: {len(files)} articles; --jobs 1 and --jobs {jobs} alternately, {repeat} times")
    sp = spacy_one_core(texts, cpus)
    one, many, ratios = [], [], []
    last = None
    for _ in range(repeat):
        r1, _ = ingest(files, 1, "bench_parallel_1.db")
        rn, last = ingest(files, jobs, "bench_parallel_n.db")
        one.append(r1)
        many.append(rn)
        ratios.append(rn / r1)
        print(f"    --jobs 1: {r1:,.0f}/s   --jobs {jobs}: {rn:,.0f}/s   ratio {rn / r1:.2f}   "
              f"load {os.getloadavg()[0]:.2f}", flush=True)
    best_n = max(many)
    if sp:
        figure("  reference: spaCy sentencizer alone, one core", sp, "articles/s")
    figure("  workbench ingest --jobs 1 (best)", max(one), "articles/s")
    figure(f"  workbench ingest, all {jobs} cores (best)", best_n, "articles/s",
           target=">= 0.5x spaCy (goal 1x)",
           reference=f"spaCy {sp:,.0f}/s: {best_n / sp:.2f}x" if sp else "", ok=None if not sp else best_n >= 0.5 * sp)
    figure(f"  --jobs {jobs} / --jobs 1 (median of {repeat} pairs)", statistics.median(ratios), "x",
           target=">= 1.7x", reference=f"pairs {', '.join(f'{r:.2f}' for r in ratios)}",
           ok=statistics.median(ratios) >= 1.7)
    t = last.timings
    n = last.added
    writer = t["unpack"] + t["store"] + t["triage"] + t["commit"]
    print(f"  writer with {jobs} workers, ms per article: waiting {1000 * t['wait'] / n:.2f}, "
          + ", ".join(f"{k} {1000 * t[k] / n:.2f}" for k in ("unpack", "store", "triage", "commit"))
          + f"; busy {1000 * writer / n:.2f} ms = {writer / (writer + t['wait']):.0%} of its time")


def triage_cost(files: list[str], label: str) -> None:
    """Triage per article in the writer: computed there (session 2) or by the workers (now), same articles."""
    from workbench.services import triage
    from workbench.services.analysed import unpack
    from workbench.services.parallel import analysed_items
    from workbench.storage.db import atomic
    from workbench.storage.ingest import BATCH_ARTICLES, batch, store_claims

    records = [o.record for o in analysed_items(files, jobs=len(os.sched_getaffinity(0)))]
    costs = {}
    for name in ("triage_article", "triage_inputs", "triage_article", "triage_inputs"):
        triage._FP_CACHE.clear()
        conn = benchlib.fresh_db(benchlib.OUT / "bench_parallel_triage.db")
        spent = 0.0
        for i in range(0, len(records), BATCH_ARTICLES):
            with batch(conn):
                for record in records[i:i + BATCH_ARTICLES]:
                    a = unpack(record)
                    with atomic(conn, "ingest_article"):
                        stored = store_claims(conn, a.doc, a.byline, a.speakers, a.surfaces, a.rows, a.extractor)
                        t = time.process_time()
                        if name == "triage_article":
                            triage.triage_article(conn, stored.article_id)
                        else:
                            triage.triage_inputs(conn, stored.article_id, a.triage)
                        spent += time.process_time() - t
        conn.close()
        costs.setdefault(name, []).append(1000 * spent / len(records))
    before, after = min(costs["triage_article"]), min(costs["triage_inputs"])
    figure(f"  {label}: triage in the writer, session 2 way", before, "ms/article (cpu)")
    figure(f"  {label}: triage in the writer, now", after, "ms/article (cpu)", target="<= 0.5x session 2",
           reference=f"{after / before:.2f}x", ok=after <= 0.5 * before)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--articles", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    cpus = unpinned_header("bench_parallel: ingest on every core, --jobs 2 / --jobs 1, the writer, triage")
    folder = benchlib.write_corpus(args.articles, args.seed)
    files = sorted(str(p) for p in folder.glob("*.txt"))
    texts = [Path(f).read_text(encoding="utf-8") for f in files]
    side_by_side("generated corpus", files, texts, cpus, args.repeat)
    triage_cost(files[:300], "generated")
    shared = benchlib.ROOT.parent / "shared" / "eval" / "polnear-dev" / "text"
    if shared.is_dir():
        real = sorted(str(p) for p in shared.iterdir() if p.is_file())
        side_by_side("real articles (../shared, read in place)", real,
                     [Path(f).read_text(encoding="utf-8") for f in real], cpus, args.repeat)
        triage_cost(real, "real")
    print(f"load average at the end {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
