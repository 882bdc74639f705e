"""Provides training: an attribution model from annotated articles, deterministic from a seed.

    python -m workbench.domain.model.train --train ../shared/train/polnear-train/polnear-train.jsonl \\
        --out workbench/domain/model/attribution.npz

Steps: the vocabulary (frequent words, mined cue words) from the training
articles; the rules extractor over each article (its claims are features,
and its per-rule precision on these articles becomes the confidence of its
claims); every token's feature ids and gold tag; the first tagger, trained
``folds`` times on the other folds' articles to guess each fold (so the
second tagger learns from guesses as good as it will get on new articles)
and once on all; the second tagger on the first's cross-fold guesses. The
same articles, settings and seed give the same file.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from ..extract import analyse_rules, layout
from ..models import Segment, Span
import numpy as np

from . import stack, tagger
from .corpus import content_match, data_hash, gold_tags, headline_span, read_jsonl, same_speaker
from .features import FEATURE_VERSION, template_offsets
from .word_features import Vocab, WordTable
from .paragraphs import read_article
from .store import AttributionModel, save, stack_offsets
from .tokens import tokenize


@dataclass
class TrainConfig:
    """Settings of a training run (all recorded in the model's manifest)."""

    name: str = "attribution"
    version: str = "1"
    epochs: int = 4
    batch: int = 2048
    lr: float = 0.02
    folds: int = 4
    #: Taggers in a row, each after the first reading the one before's guesses.
    passes: int = 3
    #: How much the gold tag-to-tag probabilities weigh in decoding (0: none).
    transition_weight: float = 0.3
    c2: float = 1.0
    seed: int = 13
    #: A word is in the vocabulary when it occurs this often in the training texts.
    min_count: int = 20
    #: A word is a mined cue word when at least this share of its uses, and
    #: at least ``cue_min`` of them, are inside an annotated cue.
    cue_rate: float = 0.15
    cue_min: int = 3
    #: Rules whose attributions stand over the model's (measured more precise).
    rules_over_model: tuple[str, ...] = ("transcript_label", "caption_credit", "headline_colon")
    #: An attributed rules claim the model leaves alone keeps its speaker when
    #: its rule's precision is at least this; else it becomes the reporter's.
    rule_keep: float = 0.7
    #: Model attributions below this confidence are left to the rules.
    min_confidence: float = 0.0
    extra: dict = field(default_factory=dict)


def build_vocab(articles: list[dict], cfg: TrainConfig) -> Vocab:
    """Frequent words and mined cue words of the training articles."""
    count: collections.Counter[str] = collections.Counter()
    cue: collections.Counter[str] = collections.Counter()
    for a in articles:
        t = a["text"]
        count.update(w.lower() for w in tokenize(t, 0, len(t))[2])
        for g in a["attributions"]:
            if g.get("cue"):
                cue.update(w.lower() for w in tokenize(t, g["cue"]["start"], g["cue"]["end"])[2])
    words = sorted((w for w, c in count.items() if c >= cfg.min_count), key=lambda w: (-count[w], w))
    cues = frozenset(w for w, c in cue.items()
                     if c >= cfg.cue_min and c / max(count[w], c) >= cfg.cue_rate and w.isalpha())
    return Vocab({w: i + 1 for i, w in enumerate(words)}, cues)


def _headline(text: str) -> Span | None:
    h = headline_span(text)
    return Span(h[0], h[1], text[h[0] : h[1]]) if h else None


def rule_precision(articles: list[dict], analyses: list) -> dict[str, float]:
    """Per rule, the share of its claims that were right on annotated articles.

    An attributed claim is right when it matches an annotated content and
    its speaker fits that attribution's source; a claim of the reporter's
    (no speaker) is right when it matches no attributed content.
    """
    right: collections.Counter[str] = collections.Counter()
    made: collections.Counter[str] = collections.Counter()
    for art, an in zip(articles, analyses):
        golds = art["attributions"]
        for c in an.claims:
            made[c.rule] += 1
            hits = [g for g in golds if content_match(c.start, c.end, g)]
            if c.speaker is None:
                right[c.rule] += not any(g.get("source") for g in hits)
            else:
                right[c.rule] += any(g.get("source") and same_speaker(c.speaker.name, g["source"]["text"])
                                     for g in hits)
    return {r: round(right[r] / made[r], 3) for r in sorted(made) if made[r] >= 20}


def train_model(articles: list[dict], cfg: TrainConfig,
                progress: Callable[[str], None] = lambda s: None) -> AttributionModel:
    """Train a model on annotated articles (see the module docstring)."""
    t0 = time.monotonic()
    vocab = build_vocab(articles, cfg)
    table = WordTable(vocab)
    offsets, n_features = template_offsets(vocab)
    progress(f"vocabulary: {vocab.size - 1} words, {len(vocab.cues)} cue words; {n_features} feature rows")
    ids, tags, paras, sents, analyses = [], [], [], [], []
    for k, a in enumerate(articles, 1):
        text = a["text"]
        head = _headline(text)
        lay = layout(text)
        an = analyse_rules(text, head, lay)
        analyses.append(an)
        hseg = Segment(head.start, head.end, head.text) if head else None
        toks = read_article(table, offsets, text, an.claims, hseg, lay, every_paragraph=True)
        if toks is None:
            continue
        ids.append(toks.ids.astype(np.int32))
        tags.append(np.concatenate([gold_tags(p, a["attributions"]) for p in toks.paragraphs]))
        paras.append(toks.layout.para)
        sents.append(toks.layout.sent)
        if k % 100 == 0:
            progress(f"read {k}/{len(articles)} articles")
    n_tok = sum(len(x) for x in ids)
    progress(f"{len(ids)} articles, {n_tok} tokens ({time.monotonic() - t0:.0f} s)")

    def fit(sel: list[int], x_of, n_rows: int, what: str) -> tagger.Tagger:
        x = np.concatenate([x_of(i) for i in sel])
        y = np.concatenate([tags[i] for i in sel])
        return tagger.train(x, y, n_rows, epochs=cfg.epochs, batch=cfg.batch, lr=cfg.lr, c2=cfg.c2,
                            seed=cfg.seed, progress=lambda e, nll: progress(
                                f"{what}: epoch {e}/{cfg.epochs}, loss {nll:.0f} ({time.monotonic() - t0:.0f} s)"))

    everything = list(range(len(ids)))
    # Interleaved folds: the corpus is ordered by outlet, and each fold should hold every outlet.
    fold_of = [i % cfg.folds for i in everything]
    s_offsets, n_second = stack_offsets(n_features)
    taggers: list[tagger.Tagger] = []
    x_of = ids.__getitem__
    n_rows = n_features
    for k in range(cfg.passes):
        what = f"pass {k + 1}/{cfg.passes}"
        if k < cfg.passes - 1:
            # Guesses for every article from taggers that never saw it.
            guesses: list[np.ndarray] = [np.empty(0)] * len(ids)
            for f in range(cfg.folds):
                t = fit([i for i in everything if fold_of[i] != f], x_of, n_rows, f"{what}, fold {f + 1}/{cfg.folds}")
                for i in everything:
                    if fold_of[i] == f:
                        guesses[i] = t.probs(x_of(i))
        taggers.append(fit(everything, x_of, n_rows, what))
        if k < cfg.passes - 1:
            stacked = [np.concatenate((ids[i], stack.stack_ids(guesses[i], paras[i], sents[i], s_offsets)), axis=1)
                       .astype(np.int32) for i in everything]
            x_of = stacked.__getitem__
            n_rows = n_second
    transitions = _transitions(tags)
    settings = asdict(cfg)
    settings.pop("extra")
    manifest = {
        "name": cfg.name,
        "version": cfg.version,
        "feature_version": FEATURE_VERSION,
        "seed": cfg.seed,
        "training": {"articles": len(articles), "attributions": sum(len(a["attributions"]) for a in articles),
                     "tokens": n_tok, "data_sha256": data_hash(articles), "settings": settings,
                     "seconds": round(time.monotonic() - t0)},
        "rule_precision": rule_precision(articles, analyses),
        "rules_over_model": list(cfg.rules_over_model),
        "rule_keep": cfg.rule_keep,
        "min_confidence": cfg.min_confidence,
        "transitions": [[round(float(v), 4) for v in row] for row in transitions],
        "transition_weight": cfg.transition_weight,
        **cfg.extra,
    }
    return AttributionModel(taggers, vocab, manifest)


def _transitions(tags: list[np.ndarray]) -> np.ndarray:
    """Log-probabilities of each tag after each other in the gold data (forbidden pairs: -1e9)."""
    count = np.ones((tagger.K, tagger.K))
    for y in tags:
        np.add.at(count, (y[:-1], y[1:]), 1.0)
    logp = np.log(count / count.sum(axis=1, keepdims=True))
    for j in (tagger.I_SRC, tagger.I_CUE, tagger.I_CON):
        for i in range(tagger.K):
            if i not in (j, j - 1):
                logp[i, j] = -1e9
    return logp


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", required=True, help="annotated articles, JSONL (PolNeAR style)")
    ap.add_argument("--out", required=True, help="the model file to write (.npz)")
    ap.add_argument("--holdout", type=int, default=0, help="leave the last N training articles out")
    ap.add_argument("--epochs", type=int, default=TrainConfig.epochs)
    ap.add_argument("--seed", type=int, default=TrainConfig.seed)
    args = ap.parse_args(argv)
    articles = read_jsonl(args.train)
    if args.holdout:
        articles = articles[: -args.holdout]
    cfg = TrainConfig(epochs=args.epochs, seed=args.seed)
    model = train_model(articles, cfg, progress=lambda s: print(s, file=sys.stderr, flush=True))
    print(f"wrote {save(model, args.out)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
