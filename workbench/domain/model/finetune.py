"""Provides learning from the desk: a model fine-tuned on articles reviewers corrected, and how much it helps.

``fine_tune`` starts each tagger from the base model's weights and trains
it on the reviewed paragraphs, with the L2 penalty pulling towards the base
weights (so a few dozen articles move the model without it forgetting what
it learnt from the training corpus). The vocabulary stays the base model's:
feature ids do not change. A later pass learns from the base model's
guesses of the pass before (the base never saw these articles, so its
guesses are as good as on new text).

``cross_validate`` says whether that helps on this desk's own articles:
the articles are cut into folds; each fold is analysed by the base model
and by a model fine-tuned on the other folds, and both are scored against
the reviewers' corrected claims.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..extract import analyse_rules, layout, pronoun_context
from ..models import Segment, Span
from . import stack, tagger
from .apply import refine
from .corpus import content_match, data_hash, gold_tags, headline_span, same_speaker
from .paragraphs import read_article
from .store import AttributionModel


@dataclass
class FineTuneConfig:
    """Settings of a fine-tuning run (recorded in the new model's manifest)."""

    epochs: int = 4
    batch: int = 256
    #: Small steps: on 60 articles like its training data, a step size of
    #: 0.01 made the model worse (e2e F1 0.545 -> 0.53); 0.001-0.003 does not.
    lr: float = 0.002
    #: How hard the weights are pulled back to the base model's.
    c2: float = 8.0
    seed: int = 13


def _article_headline(article: dict) -> Span | None:
    """The article's headline span: given as ``headline`` (start, end), else its first line."""
    text = article["text"]
    h = article["headline"] if "headline" in article else headline_span(text)
    return Span(h[0], h[1], text[h[0] : h[1]]) if h else None


def _examples(base: AttributionModel, articles: list[dict]):
    """Per article: feature ids, gold tags, paragraph and sentence numbers (reviewed paragraphs only)."""
    out = []
    for a in articles:
        text = a["text"]
        head = _article_headline(a)
        lay = layout(text)
        rules = analyse_rules(text, head, lay)
        hseg = Segment(head.start, head.end, head.text) if head else None
        toks = read_article(base.table, base.offsets, text, rules.claims, hseg, lay, every_paragraph=True)
        if toks is None:
            continue
        spans = a.get("reviewed")
        keep = np.zeros(len(toks.layout.words), bool)
        tags = np.zeros(len(keep), np.int64)
        for p in toks.paragraphs:
            if spans is None or any(s < p.segment.end and p.segment.start < e for s, e in spans):
                keep[p.first : p.last] = True
                tags[p.first : p.last] = gold_tags(p, a["attributions"])
        _unknown_cues(toks, a["attributions"], tags, keep)
        if keep.any():
            out.append((toks, tags, keep))
    return out


def _unknown_cues(toks, attributions: list[dict], tags: np.ndarray, keep: np.ndarray) -> None:
    """Leave out the untagged words of a sentence whose attribution has a source but no cue.

    A reviewer who added a claim or gave it another speaker says who spoke,
    not which words are the cue ("said", "according to"): those words are
    unknown, not "no cue", and learning them as such would unlearn cues.
    """
    starts = toks.layout.starts
    sent = toks.layout.sent
    for g in attributions:
        if g.get("cue") or not g.get("source"):
            continue
        k = int(np.searchsorted(starts, g["source"]["start"], "left"))
        if k < len(starts):
            keep[(sent == sent[k]) & (tags == tagger.O)] = False


def fine_tune(base: AttributionModel, articles: list[dict], cfg: FineTuneConfig | None = None,
              progress: Callable[[str], None] = lambda s: None) -> AttributionModel:
    """A copy of ``base`` fine-tuned on annotated ``articles`` (see the module docstring).

    Each article is ``{"id", "text", "attributions", "headline": (start, end) | None,
    "reviewed": [(start, end), ...] | None}``; only the paragraphs that
    overlap a ``reviewed`` span are learnt from (all when it is None).
    """
    cfg = cfg or FineTuneConfig()
    t0 = time.monotonic()
    ex = _examples(base, articles)
    if not ex:
        raise ValueError("no reviewed paragraphs to learn from")
    ys = np.concatenate([t[k] for _, t, k in ex])
    x_base = [toks.ids for toks, _, _ in ex]
    taggers: list[tagger.Tagger] = []
    guesses = [base.taggers[0].probs(x) for x in x_base]
    for i, prior in enumerate(base.taggers):
        if i == 0:
            xs = x_base
        else:
            xs = [np.concatenate((toks.ids, stack.stack_ids(g, toks.layout.para, toks.layout.sent,
                                                            base.stack_offsets)), axis=1)
                  for (toks, _, _), g in zip(ex, guesses)]
            guesses = [base.taggers[i].probs(x) for x in xs]
        x = np.concatenate([x[k] for x, (_, _, k) in zip(xs, ex)])
        taggers.append(tagger.train(x, ys, prior.weights.shape[0], epochs=cfg.epochs, batch=cfg.batch, lr=cfg.lr,
                                    c2=cfg.c2, seed=cfg.seed, prior=prior,
                                    progress=lambda e, nll, i=i: progress(
                                        f"pass {i + 1}/{len(base.taggers)}: epoch {e}/{cfg.epochs}, "
                                        f"loss {nll:.0f} ({time.monotonic() - t0:.0f} s)")))
    digest = data_hash(articles)
    manifest = dict(base.manifest)
    manifest["version"] = f"{base.version}+desk.{digest[:8]}"
    manifest["fine_tuned"] = {
        "base": base.tag, "articles": len(articles), "tokens": int(len(ys)),
        "attributions": sum(len(a["attributions"]) for a in articles), "data_sha256": digest,
        "settings": vars(cfg).copy(), "seconds": round(time.monotonic() - t0),
    }
    return AttributionModel(taggers, base.vocab, manifest)


@dataclass(frozen=True)
class Score:
    """End-to-end counts: claims whose content and speaker both match an annotation."""

    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold)


def score_article(model: AttributionModel | None, article: dict) -> Score:
    """Analyse an annotated article with ``model`` (None: rules alone) and score it end to end."""
    text = article["text"]
    head = _article_headline(article)
    lay = layout(text)
    an = analyse_rules(text, head, lay)
    if model is not None:
        an = refine(model, text, head, an, lay, pronoun_context(text, lay))
    spans = article.get("reviewed")
    claims = [c for c in an.claims if c.speaker is not None
              and (spans is None or any(s < c.end and c.start < e for s, e in spans))]
    golds = [g for g in article["attributions"] if g.get("source")]
    used: set[int] = set()
    tp = 0
    for c in claims:
        for j, g in enumerate(golds):
            if j not in used and content_match(c.start, c.end, g) and same_speaker(c.speaker.name, g["source"]["text"]):
                used.add(j)
                tp += 1
                break
    return Score(tp, len(claims), len(golds))


def cross_validate(base: AttributionModel, articles: list[dict], folds: int = 5, cfg: FineTuneConfig | None = None,
                   progress: Callable[[str], None] = lambda s: None) -> tuple[Score, Score]:
    """(base model's score, fine-tuned models' score) over ``folds`` held-out folds of ``articles``."""
    folds = max(2, min(folds, len(articles)))
    before = after = Score(0, 0, 0)
    for f in range(folds):
        held = [a for i, a in enumerate(articles) if i % folds == f]
        rest = [a for i, a in enumerate(articles) if i % folds != f]
        tuned = fine_tune(base, rest, cfg)
        for a in held:
            before += score_article(base, a)
            after += score_article(tuned, a)
        progress(f"fold {f + 1}/{folds}: base F1 {before.f1:.3f}, fine-tuned F1 {after.f1:.3f} so far")
    return before, after
