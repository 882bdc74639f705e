"""Provides the long-article benchmark (issue 19): reading every claim's sentence and checking every
claim's offsets on one long article, beside the per-claim SQL ``substr()`` they replaced, in the same run.

The article is built by hand (offsets computed, no extractor): paragraphs of
"John Kirby said ...", one claim each. Doubling the article should double the
workbench's figures (linear) and quadruple the reference's (quadratic).

Run:

    .venv/bin/python benchmarks/bench_long_articles.py                # 0.25 and 0.5 MB
    .venv/bin/python benchmarks/bench_long_articles.py --mb 1 2       # slower: the reference takes minutes
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from pathlib import Path

import benchlib
from benchlib import Clock, figure

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.tui.big_fixtures import big_article_db  # noqa: E402

from workbench.storage.sentences import offset_problems  # noqa: E402

# What claim_review and check did before issue 19: slice the article text in SQL, per claim.
_OLD_SENTENCES = ("SELECT count(substr(a.text, c.sentence_start + 1, c.sentence_end - c.sentence_start))"
                  " FROM claims c JOIN articles a ON a.id = c.article_id")
_OLD_CHECK = ("SELECT count(*) FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.start < 0"
              " OR c.end > length(a.text) OR substr(a.text, c.start + 1, c.end - c.start) <> c.text")


def run(mb: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = big_article_db(Path(tmp) / "w.db", int(mb * 1_000_000))
        conn = sqlite3.connect(path)
        claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        print(f"-- {mb:g} MB article, {claims:,} claims")
        with Clock() as new:
            conn.execute("SELECT count(sentence) FROM claim_review").fetchone()
        with Clock() as old:
            conn.execute(_OLD_SENTENCES).fetchone()
        figure("claim_review: every sentence", new.wall, "s", reference=f"substr per claim {old.wall:.2f} s")
        with Clock() as new:
            offset_problems(conn)
        with Clock() as old:
            conn.execute(_OLD_CHECK).fetchone()
        figure("check: every claim's offsets", new.wall, "s", reference=f"substr per claim {old.wall:.2f} s")
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[0.25, 0.5])
    args = parser.parse_args()
    benchlib.header("long articles: stored sentences and linear check")
    for mb in args.mb:
        run(mb)
    print(f"  peak RSS {benchlib.rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
