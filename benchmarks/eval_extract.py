"""Run ``analyse()`` over article files and write scorer-ready JSONL.

Usage:
    python benchmarks/eval_extract.py PATH [PATH ...] -o preds.jsonl

PATH is a .txt file or a directory of them. For a .txt file the headline is
the first non-empty line, passed to ``analyse`` as its span. Each record has
the shape ``score.py`` reads: article, start, end, text, speaker,
speaker_kind, attribution, mention (plus rule, for reading the misses).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from workbench.domain import analyse  # noqa: E402
from workbench.domain.models import Span  # noqa: E402


def headline_span(text: str) -> Span | None:
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            s = pos + line.index(stripped[0])
            return Span(s, s + len(stripped), stripped)
        pos += len(line) + 1
    return None


def records(path: pathlib.Path):
    text = path.read_text(encoding="utf-8") if False else open(path, encoding="utf-8", newline="").read()
    analysis = analyse(text, headline_span(text))
    for c in analysis.claims:
        yield {
            "article": path.stem,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "speaker": c.speaker.name if c.speaker else None,
            "speaker_kind": str(c.speaker_kind),
            "attribution": str(c.attribution),
            "mention": {"start": c.mention.start, "end": c.mention.end, "text": c.mention.text}
            if c.mention else None,
            "rule": c.rule,
            "chain": [s.name for s in c.chain],
        }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", type=pathlib.Path)
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args(argv)
    files: list[pathlib.Path] = []
    for p in args.paths:
        files.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
    n = 0
    with open(args.output, "w", encoding="utf-8") as out:
        for f in files:
            for rec in records(f):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    print(f"{len(files)} articles, {n} claims -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
