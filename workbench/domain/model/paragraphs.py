"""Provides an article's paragraphs as the model reads them: tokens, sentences, quotations, rule marks.

``read_article`` runs once per article, after the rules extractor: the
rules' claims become ``RuleMark`` spans (features for the model), the text
is tokenized in one pass, and the paragraphs that hold a cue word, a colon
or a quotation mark get their feature ids, all computed together.
Paragraphs with none of those are left to the rules (the model is not run
on them: most of its cost is saved there).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..models import Claim, Segment
from ..quotes import Quote
from .features import RuleMark, TokenLayout, article_ids
from .word_features import NC, STATIC, V_NONE, WordTable
from .tokens import tokenize

_PRONOUNS = frozenset("he she they it i we you who".split())
_MARKS = np.array([NC["p_colon"], NC["p_quote_open"], NC["p_quote_close"], NC["p_quote_straight"]])


@dataclass(slots=True)
class ModelParagraph:
    """One paragraph the model reads: its tokens are ``tokens.words[first:last]``."""

    segment: Segment
    index: int
    first: int
    last: int
    starts: np.ndarray
    ends: np.ndarray
    words: list[str]
    sent_starts: list[int]


@dataclass(slots=True)
class ArticleTokens:
    """The tokens the model reads in one article, with their feature ids."""

    layout: TokenLayout
    ids: np.ndarray  # (tokens, templates)
    paragraphs: list[ModelParagraph]


def rule_marks(claims: tuple[Claim, ...] | list[Claim]) -> list[RuleMark]:
    """The rules' claims as marks, ordered by start."""
    out: list[RuleMark] = []
    for c in claims:
        kind = str(c.speaker_kind)
        out.append(RuleMark(c.start, c.end, "content" if c.speaker is not None else "author", c.rule, kind))
        if c.cue is not None:
            out.append(RuleMark(c.cue.start, c.cue.end, "cue", c.rule, kind))
        if c.mention is not None:
            pron = c.mention.text.lower() in _PRONOUNS
            out.append(RuleMark(c.mention.start, c.mention.end, "pronoun" if pron else "mention", c.rule, kind))
    out.sort(key=lambda m: m.start)
    return out


def read_article(table: WordTable, offsets: np.ndarray, text: str, claims, headline: Segment | None,
                 lay: list[tuple[Segment, list[Segment], list[Quote]]],
                 every_paragraph: bool = False) -> ArticleTokens | None:
    """Tokens and feature ids of the paragraphs the model should read (None: none to read).

    Args:
        table: the model's word table.
        offsets: the model's template offsets.
        text: the article text.
        claims: the rules extractor's claims for this text.
        headline: the headline span, if the title is part of the text.
        lay: each paragraph with its sentences and quotations (``extract.layout``).
        every_paragraph: read every paragraph (training), not only those
            with a cue word, a colon or a quotation mark.
    """
    if not lay:
        return None
    starts_l, ends_l, words = tokenize(text, 0, len(text))
    if not words:
        return None
    starts = np.asarray(starts_l, dtype=np.int64)
    ends = np.asarray(ends_l, dtype=np.int64)
    rows = np.array([table.row(w) for w in words], dtype=np.int64).reshape(len(words), len(STATIC))
    p_starts = np.array([p.start for p, _, _ in lay], dtype=np.int64)
    para = np.searchsorted(p_starts, starts, side="right") - 1
    n_para = len(lay)
    # Which paragraphs to read.
    if every_paragraph:
        keep_para = np.ones(n_para, bool)
    else:
        hot = (rows[:, 2] != V_NONE) | np.isin(rows[:, 3], _MARKS)
        keep_para = np.bincount(para[hot], minlength=n_para) > 0
    keep = keep_para[para]
    if not keep.any():
        return None
    # Paragraph positions: headline 0, then body paragraphs 1, 2, 3+.
    is_head = np.array([headline is not None and p.start < headline.end and headline.start < p.end
                        for p, _, _ in lay])
    body_index = np.cumsum(~is_head)
    ppos = np.where(is_head, 0, np.minimum(body_index, 3))
    # Sentences over the whole article.
    s_starts = [s.start for _, sents, _ in lay for s in sents]
    first_sent = np.cumsum([0] + [len(sents) for _, sents, _ in lay])[:-1]
    sid = np.searchsorted(np.asarray(s_starts, dtype=np.int64), starts, side="right") - 1
    sid = np.maximum(sid, first_sent[para])
    quotes = [(q.start, q.end) for _, _, qs in lay for q in qs]
    quoted_para = np.array([bool(qs) for _, _, qs in lay])
    sel = np.flatnonzero(keep)
    words_k = [words[i] for i in sel.tolist()]
    tl = TokenLayout(words_k, rows[sel], starts[sel], para[sel], sid[sel], sid[sel] - first_sent[para[sel]],
                     ppos[para[sel]], quotes, quoted_para[para[sel]])
    ids = article_ids(tl, rule_marks(claims), offsets)
    out: list[ModelParagraph] = []
    bounds = np.flatnonzero(np.diff(tl.para)) + 1
    for a, b in zip([0, *bounds.tolist()], [*bounds.tolist(), len(sel)]):
        pi = int(tl.para[a])
        p, sents, _ = lay[pi]
        out.append(ModelParagraph(p, pi, a, b, tl.starts[a:b], ends[sel[a:b]], words_k[a:b],
                                  [s.start for s in sents]))
    return ArticleTokens(tl, ids, out)
