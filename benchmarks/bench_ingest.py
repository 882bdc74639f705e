"""Provides the ingest benchmark: end-to-end articles/s beside spaCy's sentencizer on the same files.

Writes N generated articles (``corpus.py``) as .txt files under
benchmarks/out/, then, in one run on one core, measures:

- reference: spaCy ``blank("en")`` + rule-based ``sentencizer`` over the same
  texts (and pysbd, when importable);
- reading alone (``workbench.sources.iter_documents``);
- the extractor alone (``workbench.domain.analyse``);
- storage alone (``store`` with the extracted analyses, as the pipeline calls it);
- the ingest path (``pipeline.ingest_documents`` over ``iter_documents``)
  twice: with only the stages the target names (read, segment, attribute,
  store with FTS) and as ``workbench ingest`` runs it, with triage
  (check-worthiness scores and near-duplicate grouping, issue 9) as well;
- the same on real news text, the shared evaluation sample beside the
  project (``../shared/eval/polnear-dev/text``), when it is there;
- the bundled ``samples/``.

Run:

    .venv/bin/python benchmarks/bench_ingest.py              # 2,000 articles
    .venv/bin/python benchmarks/bench_ingest.py -n 500 --profile   # plus a cProfile of the extractor
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from dataclasses import dataclass
from pathlib import Path

import benchlib
from benchlib import figure

TARGET = 1_000  # articles/s


def spacy_rate(texts: list[str]) -> tuple[float, int] | None:
    try:
        import spacy
    except ImportError:
        print("  spaCy not installed (pip install -e '.[bench]'); reference skipped")
        return None
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    list(nlp.pipe(texts[:20]))  # warm-up
    with benchlib.Clock() as c:
        n = sum(1 for doc in nlp.pipe(texts) for _ in doc.sents)
    return len(texts) / c.wall, len(texts) / c.cpu


def pysbd_rate(texts: list[str], limit: int = 200) -> float | None:
    try:
        import pysbd
    except ImportError:
        return None
    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    sample = texts[:limit]
    t = time.perf_counter()
    for text in sample:
        seg.segment(text)
    return len(sample) / (time.perf_counter() - t)


@dataclass
class Run:
    summary: object
    wall: float
    cpu: float

    @property
    def rate(self) -> float:
        return self.summary.added / self.wall

    @property
    def cpu_rate(self) -> float:
        return self.summary.added / self.cpu


def end_to_end(files: list[str], db_name: str, *, triage: bool) -> Run:
    """``pipeline.ingest_documents`` over ``iter_documents(files)`` into a fresh database.

    With ``triage=False`` the pipeline's ``triage_inputs`` is replaced by a no-op for the
    run: exactly the ingest code path, minus the scores and grouping of issue 9, which are
    not among the stages the ingest target names (read, segment, attribute, store with FTS).
    """
    from workbench.services import pipeline
    from workbench.sources import iter_documents

    conn = benchlib.fresh_db(benchlib.OUT / db_name)
    real_triage = pipeline.triage_inputs
    if not triage:
        pipeline.triage_inputs = lambda conn, article_id, inputs: None
    try:
        with benchlib.Clock() as c:
            summary = pipeline.ingest_documents(conn, iter_documents(files))
    finally:
        pipeline.triage_inputs = real_triage
        conn.close()
    return Run(summary, c.wall, c.cpu)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--articles", type=int, default=2000, help="articles (default 2,000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the extractor")
    args = ap.parse_args(argv)
    benchlib.header("bench_ingest: read, segment, attribute, store with FTS")

    folder = benchlib.write_corpus(args.articles, args.seed)
    files = sorted(str(p) for p in folder.glob("*.txt"))
    texts = [Path(f).read_text(encoding="utf-8") for f in files]
    size = sum(len(t.encode("utf-8")) for t in texts) / len(texts)
    print(f"{len(files):,} articles, {size:,.0f} bytes each on average, in {folder}")

    sp = spacy_rate(texts)
    if sp:
        figure("reference: spaCy blank('en') + sentencizer", sp[0], "articles/s",
               reference="270-490 articles/s", cpu=sp[1])
    pb = pysbd_rate(texts)
    if pb:
        figure("reference: pysbd (200 articles)", pb, "articles/s", reference="45-85 articles/s")

    try:
        from workbench.domain import analyse
    except ImportError as exc:
        print(f"  the extractor is not available ({exc}); end-to-end skipped")
        return 0
    from workbench.services.pipeline import EXTRACTOR_VERSION, ingest_documents
    from workbench.sources import iter_documents
    from workbench.services.pipeline import BATCH_ARTICLES
    from workbench.storage.ingest import batch, store

    t = time.perf_counter()
    docs = [d for d in iter_documents(files) if not hasattr(d, "problem") and hasattr(d, "text")]
    read_s = time.perf_counter() - t
    figure("read alone (iter_documents)", len(docs) / read_s, "articles/s")

    with benchlib.Clock() as c:
        analyses = [analyse(d.text, d.headline) for d in docs]
    extract_s = c.wall
    n_claims = sum(len(a.claims) for a in analyses)
    figure("extractor alone (domain.analyse)", len(docs) / extract_s, "articles/s",
           reference=f"{n_claims / len(docs):.1f} claims per article", cpu=len(docs) / c.cpu)

    conn = benchlib.fresh_db(benchlib.OUT / "bench_ingest_store.db")
    with benchlib.Clock() as c:
        for i in range(0, len(docs), BATCH_ARTICLES):
            with batch(conn):
                for d, a in zip(docs[i:i + BATCH_ARTICLES], analyses[i:i + BATCH_ARTICLES]):
                    store(conn, d, a, EXTRACTOR_VERSION)
    store_s = c.wall
    conn.close()
    figure(f"storage alone (store, {BATCH_ARTICLES} per commit)", len(docs) / store_s, "articles/s",
           reference=f"{n_claims / store_s:,.0f} claims/s", cpu=len(docs) / c.cpu)
    conn = benchlib.fresh_db(benchlib.OUT / "bench_ingest_store.db")
    with benchlib.Clock() as c:
        for d, a in zip(docs, analyses):
            store(conn, d, a, EXTRACTOR_VERSION)
    single_s = c.wall
    conn.close()
    figure("  storage, a commit per article", len(docs) / single_s, "articles/s",
           reference=f"{n_claims / single_s:,.0f} claims/s", cpu=len(docs) / c.cpu)

    stages = end_to_end(files, "bench_ingest_stages.db", triage=False)
    figure("read, segment, attribute, store with FTS (no triage)", stages.rate, "articles/s",
           target=">= 1,000 and >= spaCy", reference=f"spaCy {sp[0]:,.0f}/s this run" if sp else "",
           ok=stages.rate >= TARGET and (sp is None or stages.rate >= sp[0]), cpu=stages.cpu_rate)
    full = end_to_end(files, "bench_ingest.db", triage=True)
    figure("workbench ingest (the above + triage: scores, grouping)", full.rate, "articles/s",
           target=">= 1,000 and >= spaCy", reference=f"spaCy {sp[0]:,.0f}/s this run" if sp else "",
           ok=full.rate >= TARGET and (sp is None or full.rate >= sp[0]), cpu=full.cpu_rate)
    total_s = full.wall
    print(f"  {full.summary.added:,} added, {full.summary.claims:,} claims, {full.summary.failed} failed; "
          f"time split: read {read_s / total_s:.0%}, extract {extract_s / total_s:.0%}, "
          f"store {store_s / total_s:.0%}, triage {1 - stages.wall / total_s:.0%} (measured separately)")

    shared = benchlib.ROOT.parent / "shared" / "eval" / "polnear-dev" / "text"
    if shared.is_dir():
        # Real news text (the shared evaluation sample, read in place, never copied): 60 articles.
        real = sorted(str(p) for p in shared.iterdir() if p.is_file())
        real_texts = [Path(f).read_text(encoding="utf-8") for f in real]
        print(f"real articles: {len(real)} from {shared} "
              f"({sum(len(t.encode()) for t in real_texts) / len(real):,.0f} bytes each on average)")
        rsp = spacy_rate(real_texts)
        if rsp:
            figure("  reference: spaCy blank('en') + sentencizer", rsp[0], "articles/s", cpu=rsp[1])
        r1 = end_to_end(real, "bench_ingest_real_stages.db", triage=False)
        figure("  read, segment, attribute, store with FTS (no triage)", r1.rate, "articles/s",
               ok=rsp is None or r1.rate >= rsp[0], target=">= spaCy", cpu=r1.cpu_rate)
        r2 = end_to_end(real, "bench_ingest_real.db", triage=True)
        figure("  workbench ingest (+ triage)", r2.rate, "articles/s",
               ok=rsp is None or r2.rate >= rsp[0], target=">= spaCy", cpu=r2.cpu_rate)

    samples = benchlib.ROOT / "samples"
    if samples.is_dir():
        conn = benchlib.fresh_db(benchlib.OUT / "bench_ingest_samples.db")
        with benchlib.Clock() as c:
            s2 = ingest_documents(conn, iter_documents([str(samples)]))
        conn.close()
        print(f"  bundled samples/: {s2.added} articles, {s2.claims} claims, {s2.failed} failed, "
              f"{c.wall * 1000:.0f} ms ({s2.added / c.wall:,.0f} articles/s; mixed formats, includes HTML parsing)")

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for d in docs[:300]:
            analyse(d.text, d.headline)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(20)
        print("extractor profile (300 articles, by own time):")
        print("\n".join(out.getvalue().splitlines()[4:32]))
    print(f"peak RSS {benchlib.rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
