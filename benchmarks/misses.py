"""List the gold attributions the extractor misses, by bucket (internal eval only).

Usage:
    python benchmarks/misses.py --gold GOLD.jsonl --pred preds.jsonl [--bucket long] [--limit 40]

Buckets, per gold content (best prediction = the one covering most of it):
  none     no prediction overlaps it
  low      the best prediction covers < 50% of it
  long     covered >= 50% only by predictions more than 3x its length
  speaker  matched (50%/3x) but no matching prediction names the right speaker
             (non-pronoun gold only; uses the scorer's speaker rule)
Prints gold cue / source / content and the best prediction with its rule.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import pathlib
import sys

SCORE = pathlib.Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SCORE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--bucket", default=None)
    ap.add_argument("--limit", type=int, default=30)
    args = ap.parse_args(argv)
    sc = _scorer()
    gold = sc.load_gold(args.gold)
    preds = sc.load_preds(args.pred, {a["id"] for a in gold})
    buckets: dict[str, list[str]] = collections.defaultdict(list)
    for art in gold:
        ps = preds.get(art["id"], [])
        for g in art["attributions"]:
            gc = sc.content_chars(g)
            n = len(gc)
            best, bcov, ok_any, spk_ok = None, 0.0, False, False
            for p in ps:
                cov = sum(1 for x in gc if p["start"] <= x < p["end"]) / n if n else 0
                ok = cov >= 0.5 and p["end"] - p["start"] <= 3 * n
                if ok:
                    ok_any = True
                    if g["source"] is not None and g.get("source_kind") != "pronoun" and p.get("speaker"):
                        v, _ = sc.judge_speaker(p, g)
                        spk_ok = spk_ok or bool(v)
                if (ok, cov) > (ok_any and best is not None and bcov >= 0.5, bcov):
                    best, bcov = p, cov
            if best is None:
                b = "none"
            elif not ok_any:
                b = "low" if bcov < 0.5 else "long"
            elif g["source"] is not None and g.get("source_kind") != "pronoun" and not spk_ok:
                b = "speaker"
            else:
                continue
            src = g["source"]["text"] if g["source"] else None
            cue = g["cue"]["text"] if g.get("cue") else None
            line = (f"[{art['id'][:12]}] cue={cue!r} src={src!r} ({g.get('source_kind')})\n"
                    f"   GOLD {g['content']['text'][:200]!r}\n")
            if best is not None:
                line += (f"   PRED {best.get('rule')} spk={best.get('speaker')!r} cov={bcov:.2f} "
                         f"ratio={(best['end'] - best['start']) / n:.1f} {best['text'][:200]!r}\n")
            buckets[b].append(line)
    for b in ("none", "low", "long", "speaker"):
        print(f"{b}: {len(buckets[b])}")
    for b, lines in buckets.items():
        if args.bucket and b != args.bucket:
            continue
        print(f"\n===== {b} ({len(lines)}) =====")
        for line in lines[: args.limit]:
            print(line, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
