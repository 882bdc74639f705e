"""Provides the storage benchmark: bulk store of claims (claims/s, with indexes, triggers and FTS),
beside sqlite-utils ``insert_all`` and raw ``executemany`` on the same rows, then the
queue reads at that size (keyset page at depth, status counts, full-text search).

Storage is measured alone: analyses are hand-built from the corpus
(``benchlib.hand_analysis``), so the extractor's speed does not enter. Each
article goes through ``workbench.storage.ingest.store`` (one transaction per
article, as ``workbench ingest`` does).

Run:

    .venv/bin/python benchmarks/bench_storage.py              # about 60,000 claims
    .venv/bin/python benchmarks/bench_storage.py --full       # 1,000,000 claims
    .venv/bin/python benchmarks/bench_storage.py --claims 200000
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from pathlib import Path

import benchlib
from benchlib import figure

TARGET_CLAIMS_S = 50_000
DISTINCT = 300  # distinct generated articles; copies get a unique last line


def build(path: Path, n_claims: int, per_commit: int = 1) -> tuple[int, int, float, list]:
    """Store articles until ``n_claims`` claims are in; returns (articles, claims, seconds, docs).

    ``per_commit`` > 1 wraps that many articles in ``ingest.batch`` (one
    commit, a SAVEPOINT per article).
    """
    from workbench.storage.ingest import batch, store

    texts = benchlib.corpus_texts(DISTINCT)
    analyses = [benchlib.hand_analysis(t) for t in texts]
    per_article = statistics.mean(len(a.claims) for a in analyses)
    n_articles = max(1, round(n_claims / per_article))
    docs = list(benchlib.unique_documents(texts, analyses, n_articles))
    conn = benchlib.fresh_db(path)
    clock = benchlib.Clock().__enter__()
    stored = 0
    if per_commit <= 1:
        for doc, analysis in docs:
            stored += store(conn, doc, analysis, "bench").claims
    else:
        for i in range(0, len(docs), per_commit):
            with batch(conn):
                for doc, analysis in docs[i:i + per_commit]:
                    stored += store(conn, doc, analysis, "bench").claims
    clock.__exit__()
    conn.close()
    return n_articles, stored, clock, docs


def reference_rows(path: Path, limit: int) -> list[tuple]:
    """The claims just stored, as plain row tuples, for the reference inserts."""
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT article_id, sequence, text, start, end, sentence_start, sentence_end, paragraph_start,"
        " paragraph_end, speaker_id, alias_id, attribution, mention_start, mention_end, mention_text, rule"
        " FROM claims ORDER BY id LIMIT ?", (limit,)).fetchall()
    conn.close()
    return rows


COLS = ("article_id", "sequence", "text", "start", "end", "sentence_start", "sentence_end", "paragraph_start",
        "paragraph_end", "speaker_id", "alias_id", "attribution", "mention_start", "mention_end", "mention_text",
        "rule")


def sqlite_utils_reference(path: Path, rows: list[tuple]) -> float:
    """sqlite-utils insert_all outside a transaction (its default: a commit per batch)."""
    import sqlite_utils

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode = WAL")
    db["claims"].create({c: (str if c in ("text", "attribution", "mention_text", "rule") else int) for c in COLS})
    dicts = [dict(zip(COLS, r)) for r in rows]
    t = time.perf_counter()
    db["claims"].insert_all(dicts)
    dt = time.perf_counter() - t
    db.close()
    return len(rows) / dt


def raw_reference(path: Path, rows: list[tuple]) -> float:
    """Raw executemany into a table with no index, trigger or FTS, in one transaction."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute(f"CREATE TABLE claims (id INTEGER PRIMARY KEY, {', '.join(COLS)})")
    sql = f"INSERT INTO claims ({', '.join(COLS)}) VALUES ({', '.join('?' * len(COLS))})"
    t = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(sql, rows)
    conn.execute("COMMIT")
    dt = time.perf_counter() - t
    conn.close()
    return len(rows) / dt


def ms(fn, repeat: int = 20) -> float:
    """Median milliseconds of ``fn()`` over ``repeat`` runs (after one warm-up)."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def reads(path: Path, n_claims: int) -> None:
    """Queue page at 90% depth (keyset vs OFFSET), status counts, and search, on the stored DB."""
    from workbench.storage import queue
    from workbench.storage.db import connect

    conn = connect(path, readonly=True)
    max_id = conn.execute("SELECT max(id) FROM claims").fetchone()[0]
    depth = int(max_id * 0.9)
    flt = queue.QueueFilter()
    print(f"reads at {n_claims:,} claims (page of {queue.PAGE_SIZE}, depth {depth:,}):")
    figure("queue page at depth (keyset, page_after)", ms(lambda: queue.page_after(conn, flt, depth)), "ms",
           target="< 5 ms", ok=ms(lambda: queue.page_after(conn, flt, depth)) < 5)
    offset_sql = queue._ROW_SELECT + " ORDER BY c.id LIMIT ? OFFSET ?"
    figure("  reference: same page by OFFSET", ms(lambda: conn.execute(offset_sql, (queue.PAGE_SIZE, depth)).fetchall(), 5),
           "ms", reference="53 ms at depth 900,000")
    unrev = queue.QueueFilter(status="unreviewed")
    figure("queue page at depth, status filter", ms(lambda: queue.page_after(conn, unrev, depth)), "ms",
           target="< 5 ms", ok=ms(lambda: queue.page_after(conn, unrev, depth)) < 5)
    sc = ms(lambda: queue.status_counts(conn))
    figure("status counts (status_counts table)", sc, "ms", target="< 10 ms", ok=sc < 10)
    figure("  reference: GROUP BY status over claim_current",
           ms(lambda: conn.execute("SELECT status, count(*) FROM claim_current GROUP BY status").fetchall(), 3),
           "ms", reference="75 ms at 1M")
    worst = 0.0
    for term in ("bridge", "inspectors", "complaints since", "court", "flood barrier contract", "zzzz"):
        sflt = queue.QueueFilter(search=term)
        worst = max(worst, ms(lambda: queue.page_after(conn, sflt, None), 5))
        worst = max(worst, ms(lambda: queue.page_after(conn, sflt, depth), 5))
    figure("full-text search page (worst of 6 terms x 2 depths)", worst, "ms", target="< 50 ms", ok=worst < 50)
    conn.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=60_000, help="claims to store (default 60,000)")
    ap.add_argument("--full", action="store_true", help="1,000,000 claims")
    ap.add_argument("--db", default=str(benchlib.OUT / "bench_storage.db"), help="database file to build")
    ap.add_argument("--no-reads", action="store_true", help="skip the queue read figures")
    args = ap.parse_args(argv)
    n = 1_000_000 if args.full else args.claims
    benchlib.header("bench_storage: bulk store of claims")
    path = Path(args.db)
    from workbench.storage.ingest import BATCH_ARTICLES

    # The batched run is the bulk-store figure; the per-article run is what
    # `workbench ingest` pays while the pipeline commits every article.
    single_path = path.with_name(path.stem + "-single.db")
    a1, c1, k1, _ = build(single_path, min(n, 100_000))
    for suffix in ("", "-wal", "-shm"):
        Path(str(single_path) + suffix).unlink(missing_ok=True)
    articles, claims, clock, _ = build(path, n, BATCH_ARTICLES)
    seconds = clock.wall
    rate = claims / seconds
    print(f"stored {articles:,} articles, {claims:,} claims in {seconds:.2f} s "
          f"(store() per article, {BATCH_ARTICLES} articles per commit via ingest.batch, indexes + triggers + FTS)")
    figure("bulk store, claims/s (with indexes and FTS)", rate, "claims/s", target=">= 50,000",
           reference="sqlite-utils insert_all ~37,000 rows/s", ok=rate >= TARGET_CLAIMS_S,
           cpu=claims / clock.cpu)
    figure("  articles/s (storage alone, ~4 KB articles)", articles / seconds, "articles/s", cpu=articles / clock.cpu)
    figure("  one commit per article: claims/s", c1 / k1.wall, "claims/s", reference=f"{c1:,} claims",
           cpu=c1 / k1.cpu)
    figure("  one commit per article: articles/s", a1 / k1.wall, "articles/s", cpu=a1 / k1.cpu)
    rows = reference_rows(path, min(claims, 200_000))
    ref = sqlite_utils_reference(benchlib.OUT / "bench_storage_ref.db", rows)
    figure("  reference: sqlite-utils insert_all, no txn", ref, "rows/s", reference="~37,000 rows/s")
    raw = raw_reference(benchlib.OUT / "bench_storage_raw.db", rows)
    figure("  reference: raw executemany, one txn, no index", raw, "rows/s", reference="~250,000 rows/s")
    for suffix in ("", "-wal", "-shm"):
        for name in ("bench_storage_ref.db", "bench_storage_raw.db"):
            Path(str(benchlib.OUT / name) + suffix).unlink(missing_ok=True)
    if not args.no_reads:
        reads(path, claims)
    print(f"peak RSS {benchlib.rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
