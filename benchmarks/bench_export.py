"""Provides the export benchmark: 1,000,000 claims to JSONL, CSV and Parquet, claims/s and peak RSS.

Builds a synthetic database once (cached in a temp folder), then exports it
in a fresh child process per format and size, so the peak RSS printed is the
export's own. Memory is "flat" when exporting ten times the claims costs
(almost) no more memory. Rates are given by wall clock and by the process's
CPU time; the target is checked against the CPU-time rate, which a busy
machine does not distort. The rate target applies to JSONL and CSV; Parquet
(when pyarrow is installed) is measured for flat memory and its rate shown.

Run:

    .venv/bin/python benchmarks/bench_export.py            # 1,000,000 claims
    .venv/bin/python benchmarks/bench_export.py --claims 200000

``bulk_build`` is also used by the streaming test in tests/storage.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_RATE = 100_000  # claims per second
FLAT_MB = 16  # allowed RSS growth from N/10 to N claims

# One synthetic paragraph: every other sentence has a named, quoted speaker.
_SENTENCES = (
    'Officials said the bridge will reopen in "two weeks", according to the city. ',
    "Critics called the plan =SUM(A1) «unrealistic», said María López, a council member. ",
)


def bulk_build(path: str | os.PathLike, n: int, *, per_article: int = 20, reviewed_every: int = 3,
               fts: bool = True) -> None:
    """Create a migrated database at ``path`` holding ``n`` claims, fast.

    Rows go in with ``executemany`` in one transaction, bypassing the
    extractor; offsets are exact (``text[start:end] == claim text``). Every
    ``reviewed_every``-th claim gets a review event with a note and evidence.
    Every claim gets a check-worthiness score with reasons, and one claim in
    ten is in a near-duplicate group of five (the joins the exports make).

    Args:
        fts: keep the full-text triggers; ``False`` drops the claims FTS
            trigger in this throwaway file (half the build time; exports never
            read the index).
    """
    from workbench.storage import open_db
    from workbench.storage.db import write_transaction

    conn = open_db(str(path))
    if not fts:
        conn.execute("DROP TRIGGER claims_fts_insert")
    n_articles = (n + per_article - 1) // per_article
    body = "".join(_SENTENCES[i % 2] for i in range(per_article))
    offsets, pos = [], 0
    for i in range(per_article):
        s = _SENTENCES[i % 2]
        offsets.append((pos, pos + len(s) - 1))  # without the trailing space
        pos += len(s)

    def articles():
        for a in range(1, n_articles + 1):
            head = f"Story {a}\n\n"
            text = head + body
            yield (a, f"Story {a}", "Jo Writer", "The Daily", f"https://example.org/news/{a}", "2024-05-01",
                   f"story-{a}.txt", "txt", hashlib.sha256(text.encode()).hexdigest(), text,
                   "2024-05-01T00:00:00.000000Z", len(head))

    def claims():
        k = 0
        for a in range(1, n_articles + 1):
            shift = len(f"Story {a}\n\n")
            for i in range(per_article):
                k += 1
                if k > n:
                    return
                st, en = offsets[i]
                st, en = st + shift, en + shift
                text = _SENTENCES[i % 2][:-1]
                if i % 2:
                    m = text.index("María")
                    yield (k, a, i + 1, text, st, en, st, en, shift, shift + len(body), 2, "indirect",
                           st + m, st + m + len("María López"), "María López", "said-after")
                else:
                    yield (k, a, i + 1, text, st, en, st, en, shift, shift + len(body), 1, "according_to",
                           None, None, None, "according-to")

    def scores():
        for k in range(1, n + 1):
            yield (k, (k % 1000) / 1000, '["quantity: two weeks", "named: María López"]' if k % 2 else "[]")

    def groups():
        members = range(1, n + 1, 10)
        for i, k in enumerate(members):
            yield (k, members[i - i % 5])

    def events():
        for k in range(1, n + 1, reviewed_every):
            status = ("sourced", "unsourced", "contested")[(k // reviewed_every) % 3]
            yield (k, "mark", status, "alice", f"note {k}: checked +1", f"https://evidence.example/{k}",
                   f"2024-05-02T00:00:00.{k % 1000000:06d}Z")

    with write_transaction(conn):
        conn.executemany(
            "INSERT INTO articles (id, title, author, outlet, url, published, source, format, content_hash,"
            " text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", (r[:-1] for r in articles()))
        conn.executemany(
            "INSERT INTO speakers (id, name, kind, role, affiliation, merge_key, created_at) VALUES (?,?,?,?,?,?,?)",
            [(1, "the city", "organization", None, None, "organization:city", "2024-05-01T00:00:00Z"),
             (2, "María López", "person", "council member", None, "person:maria lopez", "2024-05-01T00:00:00Z")])
        conn.executemany(
            "INSERT INTO claims (id, article_id, sequence, text, start, end, sentence_start, sentence_end,"
            " paragraph_start, paragraph_end, speaker_id, attribution, mention_start, mention_end, mention_text,"
            " rule) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", claims())
        conn.executemany(
            "INSERT INTO review_events (claim_id, action, status, reviewer, note, evidence_url, created_at)"
            " VALUES (?,?,?,?,?,?,?)", events())
        conn.executemany("INSERT INTO claim_scores (claim_id, score, reasons) VALUES (?,?,?)", scores())
        conn.executemany("INSERT INTO claim_groups (claim_id, group_id) VALUES (?,?)", groups())
    conn.close()


class _Discard:
    """A text sink that encodes like a real file but keeps nothing (disk speed is not measured)."""

    def __init__(self):
        self.bytes = 0

    def write(self, s: str) -> int:
        self.bytes += len(s.encode("utf-8"))
        return len(s)


class BinaryDiscard(io.RawIOBase):
    """The same for Parquet's binary stream (also used by the streaming test)."""

    def __init__(self):
        self.bytes = 0

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        self.bytes += len(b)
        return len(b)

    def tell(self) -> int:
        return self.bytes


def _run_one(db: str, fmt: str, out_path: str | None) -> None:
    from workbench.storage.db import connect
    from workbench.storage.export import export_jsonl
    from workbench.storage.export_csv import export_csv

    conn = connect(db, readonly=True)
    if fmt == "parquet":
        from workbench.storage.export_parquet import export_parquet as write
    else:
        write = {"jsonl": export_jsonl, "csv": export_csv}[fmt]
    t, cpu = time.perf_counter(), time.process_time()
    if out_path:
        with open(out_path, "wb" if fmt == "parquet" else "w", **({} if fmt == "parquet" else
                                                                  {"encoding": "utf-8", "newline": ""})) as out:
            n = write(conn, out)
    else:
        n = write(conn, BinaryDiscard() if fmt == "parquet" else _Discard())
    dt, cpu = time.perf_counter() - t, time.process_time() - cpu
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n} {dt:.3f} {cpu:.3f} {rss_mb:.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "workbench-bench"))
    ap.add_argument("--to-disk", action="store_true", help="Write real files (measures the disk too).")
    ap.add_argument("--_run", nargs=2, metavar=("DB", "FORMAT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._run:
        _run_one(args._run[0], args._run[1], os.environ.get("BENCH_OUT"))
        return 0

    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    sizes = (args.claims // 10, args.claims)
    for n in sizes:
        db = work / f"export-v2-{n}.db"  # v2: with scores and groups
        if not db.exists():
            t = time.perf_counter()
            bulk_build(db.with_suffix(".building"), n)
            os.replace(db.with_suffix(".building"), db)
            for suffix in ("-wal", "-shm"):
                Path(str(db.with_suffix(".building")) + suffix).unlink(missing_ok=True)
            print(f"built {n:,} claims in {time.perf_counter() - t:.1f}s ({db})")
        else:
            # Cached from an earlier run: upgrade it to the current schema, as every
            # workbench command does when it opens a database (the export here reads it read-only).
            from workbench.storage import open_db
            open_db(str(db)).close()

    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} CPUs"
          + (" (busy machine: wall-clock rates are low; see the CPU-time rate)" if load > (os.cpu_count() or 1) else ""))
    print(f"{'format':6} {'claims':>10} {'seconds':>8} {'claims/s':>10} {'cpu claims/s':>12} {'target':>9} "
          f"{'peak RSS':>9}")
    ok = True
    formats = ("jsonl", "csv") + (("parquet",) if importlib.util.find_spec("pyarrow") else ())
    for fmt in formats:
        rss = {}
        for n in sizes:
            env = dict(os.environ)
            if args.to_disk:
                env["BENCH_OUT"] = str(work / f"export-{n}.{fmt}")
            res = subprocess.run([sys.executable, __file__, "--_run", str(work / f"export-v2-{n}.db"), fmt],
                                 capture_output=True, text=True, env=env, check=True)
            got, dt, cpu, mb = res.stdout.split()
            rate, cpu_rate = int(got) / float(dt), int(got) / max(float(cpu), 1e-9)
            rss[n] = float(mb)
            # Judged on CPU time, the export's own work: on a shared machine
            # the wall-clock rate also measures everyone else's load.
            verdict = "ok" if cpu_rate >= TARGET_RATE or n != sizes[-1] else "SLOW"
            if fmt == "parquet":  # no rate target: shown for information
                verdict = "(no target)"
            ok &= verdict in ("ok", "(no target)")
            print(f"{fmt:6} {int(got):>10,} {float(dt):>8.2f} {rate:>10,.0f} {cpu_rate:>12,.0f}"
                  f" {'>=' + format(TARGET_RATE, ','):>9} {mb:>7}MB  {verdict}")
        growth = rss[sizes[-1]] - rss[sizes[0]]
        flat = growth <= FLAT_MB
        ok &= flat
        print(f"{fmt:6} peak RSS {rss[sizes[0]]:.1f}MB for {sizes[0]:,} vs {rss[sizes[-1]]:.1f}MB for "
              f"{sizes[-1]:,} claims: {'flat' if flat else 'GROWS'} (+{growth:.1f}MB, allowed {FLAT_MB}MB)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
