"""Provides the web-page reading benchmark: the HTML reader beside trafilatura alone on the same pages.

The reader (``workbench.sources.htmlpage.read_html``) marks link text, runs
trafilatura, takes page furniture out and cleans the headline and authors.
The reference, in the same run on the same pages, is trafilatura's
``bare_extraction`` with the options the reader had before issue 13 (no link
marks, no furniture pruning, no metadata cleaning): the ratio is the cost of
the page cleaning. Pages are the saved news pages of
``../shared/eval/real-pages`` (or any folder of ``*.html`` given with
``--pages``); nothing is written.

Run:

    .venv/bin/python benchmarks/bench_pages.py                    # the shared real pages
    .venv/bin/python benchmarks/bench_pages.py --pages DIR --repeat 5
"""

from __future__ import annotations

import argparse
from pathlib import Path

import benchlib
from benchlib import figure

from trafilatura import bare_extraction

from workbench.sources.htmlpage import _CONFIG, read_html

DEFAULT_PAGES = benchlib.ROOT.parent / "shared" / "eval" / "real-pages"


def load(folder: Path) -> list[str]:
    return [p.read_bytes().decode("utf-8", "replace") for p in sorted(folder.rglob("*.html"))]


def reference(pages: list[str]) -> None:
    for page in pages:
        bare_extraction(page, with_metadata=True, include_comments=False, include_images=False,
                        include_links=False, config=_CONFIG)


def reader(pages: list[str]) -> None:
    for page in pages:
        read_html(page, source="page.html", format="html", extra={})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="folder of saved .html pages")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs, alternating")
    args = ap.parse_args()
    benchlib.header("web pages: HTML reader beside trafilatura alone")
    pages = load(args.pages)
    if not pages:
        print(f"  no .html pages under {args.pages}: skipped")
        return
    print(f"  {len(pages)} pages, {sum(map(len, pages)) / 1e6:.1f} MB, from {args.pages}")
    best_ref = best_read = float("inf")
    for _ in range(args.repeat):  # alternate, so a busy moment hits both
        t_ref, _ = benchlib.timed(lambda: reference(pages))
        t_read, _ = benchlib.timed(lambda: reader(pages))
        best_ref, best_read = min(best_ref, t_ref), min(best_read, t_read)
    ms_ref = 1000 * best_ref / len(pages)
    ms_read = 1000 * best_read / len(pages)
    figure("trafilatura bare_extraction alone", ms_ref, "ms/page")
    figure("read_html (marks, furniture, metadata)", ms_read, "ms/page",
           reference=f"{best_read / best_ref:.2f}x trafilatura alone")


if __name__ == "__main__":
    main()
