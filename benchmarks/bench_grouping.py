"""Benchmark: near-duplicate grouping and check-worthiness at 100,000 stored claims (issue 9).

Builds a database of about 100,000 claims from the generated corpus (each
sentence a claim, as in ``bench_storage.py``; the corpus is templated, so many
claims share wording with different names and numbers: a hard case for
candidate volume and for the numbers guard), then measures:

- a full regroup (``regroup_all``): fingerprint every claim, rebuild the band
  index, verify candidates, write groups. Target: under 60 s.
- matching a new article (``triage_article``, ~30-60 claims: scores, bands,
  lookup, verification, group merge, one transaction). Target: well under 1 s.
- planted duplicates: light paraphrases of stored claims must join their
  source's group; copies with one number changed must not.

Usage::

    python benchmarks/bench_grouping.py            # 100,000 claims
    python benchmarks/bench_grouping.py --claims 20000
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import time

from benchlib import OUT, Document, figure, fresh_db, hand_analysis, header, corpus_texts, timed

from workbench.storage import write_transaction
from workbench.storage import triage as st
from workbench.storage.db import database
from workbench.storage.ingest import store
from workbench.storage.migrations.triage_tables import m0xx_triage
from workbench.services.triage import regroup_all, rescore_all, triage_article
from workbench.domain.checkworthy import score
from workbench.domain.fingerprint import fingerprint, fingerprints

ARTICLE_CLAIMS = 30


def paraphrase(text: str, rng: random.Random) -> str:
    """A light rewording that keeps every number: what a second outlet's copy of a claim looks like."""
    edits = [
        lambda s: re.sub(r"^The ", "", s, count=1),
        lambda s: s.replace(" has ", " had ", 1),
        lambda s: s.replace(" percent", " per cent", 1),
        lambda s: s.rstrip("."),
        lambda s: s.replace(" said", " stated", 1),
        lambda s: s.replace(" the ", " a ", 1),
        lambda s: s.replace("\u201c", '"').replace("\u201d", '"'),
    ]
    for edit in rng.sample(edits, 2):
        text = edit(text)
    return text


def renumber(text: str) -> str | None:
    """The claim with its first number changed, or None if it states none."""
    m = re.search(r"\d+", text)
    return None if m is None else text[:m.start()] + str(int(m.group()) + 1) + text[m.end():]


def article_of(sentences: list[str], title: str) -> tuple[Document, object]:
    text = title + "\n\n\nBy Bench Writer\n" + "\n".join(sentences) + "\n"
    return Document(text=text, source=f"bench/{title}.txt", format="txt", title=title), hand_analysis(text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    header(f"grouping and check-worthiness at {args.claims:,} claims")
    print(f"load average at start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rng = random.Random(args.seed)

    conn = fresh_db(OUT / "bench_grouping.db")
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'claim_scores'").fetchone():
        with write_transaction(conn):
            m0xx_triage(database(conn))

    # ---- build the store (setup, not a target)
    t0 = time.perf_counter()
    n_claims, i, texts = 0, 0, []
    batch = 200
    while n_claims < args.claims:
        texts = corpus_texts(batch, seed=args.seed * 1000 + i // batch) if i % batch == 0 else texts
        text = texts[i % batch] + f"Ref: bench-{i}\n"
        analysis = hand_analysis(text)
        doc = Document(text=text, source=f"bench/{i}.txt", format="txt", title=text.partition("\n")[0])
        n_claims += store(conn, doc, analysis, "bench").claims
        i += 1
    print(f"  setup: stored {n_claims:,} claims in {i:,} articles in {time.perf_counter() - t0:.1f} s")

    # ---- full regroup and full rescore
    cpu = time.process_time()
    secs, stats = timed(lambda: regroup_all(conn))
    cpu = time.process_time() - cpu
    figure("full regroup (regroup_all), wall", secs, "s", target="< 60 s", ok=secs < 60)
    figure("  the same, CPU time of this process", cpu, "s", reference="wall minus waiting for a busy CPU")
    print(f"    {stats.claims:,} claims, {stats.groupable:,} groupable, {stats.candidate_pairs:,} pairs verified, "
          f"{stats.groups:,} groups holding {stats.grouped_claims:,} claims")
    secs, n = timed(lambda: rescore_all(conn))
    figure("full rescore (rescore_all)", secs, "s", reference=f"{secs / n * 1e6:.0f} us per claim incl. SQL")
    sample = [r[0] for r in conn.execute("SELECT text FROM claims ORDER BY random() LIMIT 2000")]
    t = time.perf_counter()
    for text in sample:
        score(text, text)
    figure("score() per claim", (time.perf_counter() - t) / len(sample) * 1e6, "us", target="~20 us")
    t = time.perf_counter()
    for i in range(0, len(sample), 50):
        fingerprints(sample[i:i + 50])
    figure("fingerprints() per claim, 50 at a time (as triage)", (time.perf_counter() - t) / len(sample) * 1e6,
           "us")
    t = time.perf_counter()
    for text in sample[:500]:
        fingerprint(text)
    figure("  fingerprint() of one claim", (time.perf_counter() - t) / 500 * 1e6, "us")

    # ---- new articles against the full store
    times, cpus = [], []
    for k in range(5):
        fresh = corpus_texts(1, seed=10_000 + k)[0]
        sentences = [c.text for c in hand_analysis(fresh).claims][:ARTICLE_CLAIMS]
        doc, analysis = article_of(sentences, f"new-{k}")
        article_id = store(conn, doc, analysis, "bench").article_id
        t, c = time.perf_counter(), time.process_time()
        result = triage_article(conn, article_id)
        times.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    figure(f"match one new article ({result.scored} claims), median of 5", statistics.median(times) * 1000, "ms",
           target="< 1000 ms", ok=max(times) < 1.0)
    figure("  slowest of the 5", max(times) * 1000, "ms")
    figure("  median CPU time", statistics.median(cpus) * 1000, "ms")

    # ---- planted duplicates and near-misses
    stored = [(cid, text) for cid, text in conn.execute(
        "SELECT id, text FROM claims WHERE length(text) > 60 ORDER BY random() LIMIT 400")]
    dup_sources, miss_sources = [], []
    dups, misses = [], []
    for cid, text in stored:
        if len(dups) < 60 and fingerprint(text).groupable:
            dups.append(paraphrase(text, rng))
            dup_sources.append(cid)
        elif len(misses) < 60 and (changed := renumber(text)) is not None:
            misses.append(changed)
            miss_sources.append(cid)
    doc, analysis = article_of(dups + misses, "planted")
    article_id = store(conn, doc, analysis, "bench").article_id
    t = time.perf_counter()
    triage_article(conn, article_id)
    planted_ms = (time.perf_counter() - t) * 1000
    ids = {text: cid for cid, text in conn.execute("SELECT id, text FROM claims WHERE article_id = ?", (article_id,))}
    found = sum(1 for text, src in zip(dups, dup_sources)
                if ids.get(text.strip()) and src in st.group_claim_ids(conn, ids[text.strip()]))
    wrong = sum(1 for text, src in zip(misses, miss_sources)
                if ids.get(text.strip()) and src in st.group_claim_ids(conn, ids[text.strip()]))
    figure(f"planted paraphrases grouped with their source (of {len(dups)})", found, "claims",
           target=f"= {len(dups)}", ok=found == len(dups))
    figure(f"planted number changes grouped with source (of {len(misses)})", wrong, "claims",
           target="= 0", ok=wrong == 0)
    figure(f"  (that article: {len(dups) + len(misses)} claims)", planted_ms, "ms", target="< 1000 ms",
           ok=planted_ms < 1000)
    conn.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
