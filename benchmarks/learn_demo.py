"""Show that ``workbench learn`` works: reviewers correct 30 annotated articles, the model learns, 30 others score.

Reads the 60 PolNeAR dev articles from ../shared/eval (at run time; nothing
is copied into the project). Half of them (every other article by name) are
ingested and "reviewed" through the storage API, the way reviewers would
correct them in the UI, simulated from the gold annotations:

- a claim the extractor missed is added (``add_claim``) with its speaker;
- a claim whose words differ from the annotation gets the annotated span;
- a claim with the wrong speaker is given the annotated one (the words that
  name it as its mention);
- a claim credited to a source where the annotators saw none goes to the reporter;
- every claim of the article is then marked, so the article counts as reviewed.

Then ``workbench learn`` fine-tunes the shipped model on that database
(printing its own cross-validated before/after), and the other 30 articles
are ingested with the rules alone, the shipped model and the desk's model,
and scored by ``../shared/eval/score.py`` (end-to-end F1 over non-pronoun
gold sources: the claim found and its speaker right).

Usage:
    python benchmarks/learn_demo.py [--folds N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.domain.models import Speaker  # noqa: E402
from workbench.domain.source_parse import parse_source  # noqa: E402
from workbench.storage import StorageError, open_db, write_transaction  # noqa: E402
from workbench.storage import corrections, reviews  # noqa: E402
from workbench.storage.added_claims import add_claim, reporter  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
DEV = EVAL / "polnear-dev"
REVIEWER = "simulated"


def workbench(*args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "workbench", *map(str, args)], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"workbench {' '.join(map(str, args))} failed:\n{out.stdout}{out.stderr}")
    return out.stdout + out.stderr


def _claims(conn, aid: int) -> list[tuple]:
    """The article's claims as reviewers see them now: id, start, end, speaker kind, mention offsets."""
    return conn.execute(
        "SELECT c.id, coalesce(k.start, c.start), coalesce(k.end, c.end), s.kind,"
        " coalesce(k.mention_start, c.mention_start), coalesce(k.mention_end, c.mention_end)"
        " FROM claims c JOIN claim_current cc ON cc.claim_id = c.id LEFT JOIN claim_corrections k ON k.claim_id = c.id"
        " JOIN speakers s ON s.id = coalesce(k.speaker_id, c.speaker_id)"
        " WHERE c.article_id = ? AND cc.excluded = 0 ORDER BY 2", (aid,)).fetchall()


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _same_claim(c0: int, c1: int, g0: int, g1: int) -> bool:
    # The scorer's match: at least half of the gold words, at most three times as long.
    return _overlap(c0, c1, g0, g1) * 2 >= g1 - g0 and c1 - c0 <= 3 * (g1 - g0)


def review(conn, aid: int, gold: dict) -> dict:
    """Correct one article's claims to its annotations; returns counts of each correction."""
    done = {"added": 0, "span": 0, "speaker": 0, "to reporter": 0, "marked": 0}
    atts = [a for a in gold["attributions"] if a.get("source") and a.get("content")]
    matched: set[int] = set()
    for g in atts:
        g0, g1 = g["content"]["start"], g["content"]["end"]
        s0, s1 = g["source"]["start"], g["source"]["end"]
        who = Speaker(g["source"]["text"], parse_source(g["source"]["text"]).kind)
        # A claim already given to one annotation stays its own; nested or overlapping annotations
        # ("X said that Y claimed Z") are added as claims of their own.
        claims = [c for c in _claims(conn, aid) if c[0] not in matched]
        best = max(claims, key=lambda c: _overlap(c[1], c[2], g0, g1), default=None)
        try:
            if best is None or _overlap(best[1], best[2], g0, g1) == 0:
                _, cid = add_claim(conn, aid, g0, g1, REVIEWER, new_speaker=who, mention=(s0, s1))
                matched.add(cid)
                done["added"] += 1
                continue
            cid = best[0]
            matched.add(cid)
            if not _same_claim(best[1], best[2], g0, g1):
                corrections.adjust_span(conn, cid, g0, g1, REVIEWER)
                done["span"] += 1
            if best[3] == "author" or best[4] is None or not _overlap(best[4], best[5], s0, s1):
                corrections.reassign_speaker(conn, cid, None, REVIEWER, new_speaker=who, mention=(s0, s1))
                done["speaker"] += 1
        except StorageError as exc:  # two annotations on the same words: the first one stands
            print(f"  {gold['id']}: {exc}")
            continue
    spans = [(a["content"]["start"], a["content"]["end"]) for a in atts]
    for cid, c0, c1, kind, _, _ in _claims(conn, aid):
        if cid not in matched and kind != "author" and not any(_overlap(c0, c1, a, b) for a, b in spans):
            with write_transaction(conn):
                rid = reporter(conn, aid)
            corrections.reassign_speaker(conn, cid, rid, REVIEWER)
            done["to reporter"] += 1
    for cid, *_ in _claims(conn, aid):
        reviews.mark(conn, cid, "sourced", REVIEWER)
        done["marked"] += 1
    return done


_E2E = re.compile(r"non-pronoun gold only\s+([\d.]+) / ([\d.]+) / ([\d.]+)")


def score(work: pathlib.Path, name: str, files: list[pathlib.Path], gold: pathlib.Path, *model: str) -> tuple:
    db = work / f"{name}.db"
    workbench("ingest", "--db", db, "--jobs", "1", *model, *files)
    workbench("export", "--db", db, "--format", "jsonl", "-o", work / f"{name}.jsonl")
    out = subprocess.run([sys.executable, str(EVAL / "score.py"), "--gold", str(gold), "--pred",
                          str(work / f"{name}.jsonl")], capture_output=True, text=True, check=True).stdout
    m = _E2E.search(out)
    return tuple(float(x) for x in m.groups())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--keep", help="keep the databases and exports in this folder")
    args = ap.parse_args()
    if not DEV.exists():
        sys.exit(f"{DEV} not found: this demo reads the PolNeAR dev articles beside the project")
    golds = sorted((json.loads(line) for line in (DEV / "polnear-dev.jsonl").open(encoding="utf-8")),
                   key=lambda g: g["id"])
    taught, held = golds[0::2], golds[1::2]
    work = pathlib.Path(args.keep or tempfile.mkdtemp(prefix="learn-demo-"))
    work.mkdir(parents=True, exist_ok=True)

    desk = work / "desk.db"
    t0 = time.perf_counter()
    workbench("ingest", "--db", desk, *[DEV / "text" / f"{g['id']}.txt" for g in taught])
    conn = open_db(str(desk), create=False)
    totals: dict[str, int] = {}
    try:
        for g in taught:
            row = conn.execute("SELECT id, text FROM articles WHERE source LIKE ?", (f"%{g['id']}.txt",)).fetchone()
            if row is None or row[1] != g["text"]:
                print(f"{g['id']}: stored text differs from the annotated text; not reviewed")
                continue
            for k, v in review(conn, row[0], g).items():
                totals[k] = totals.get(k, 0) + v
    finally:
        conn.close()
    print(f"reviewed {len(taught)} articles in {time.perf_counter() - t0:.0f} s: "
          + ", ".join(f"{v} {k}" for k, v in totals.items()))

    t0 = time.perf_counter()
    print(workbench("learn", "--db", desk, "--folds", args.folds, "--keep-anyway").rstrip())
    print(f"workbench learn took {time.perf_counter() - t0:.0f} s")

    gold = work / "held-out.gold.jsonl"
    gold.write_text("".join(json.dumps(g) + "\n" for g in held), encoding="utf-8")
    files = [DEV / "text" / f"{g['id']}.txt" for g in held]
    print(f"\nthe other {len(held)} articles, end-to-end P / R / F1 (non-pronoun gold sources):")
    for name, model in (("rules alone", ("--model", "rules")), ("shipped model", ()),
                        ("desk's model", ("--model", str(work / "desk.db.model.npz")))):
        p, r, f = score(work, name.split()[0], files, gold, *model)
        print(f"  {name:<14} {p:.3f} / {r:.3f} / {f:.3f}")
    if not args.keep:
        print(f"(databases and exports in {work})")


if __name__ == "__main__":
    main()
