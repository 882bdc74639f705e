"""Provides the second pass's features: what the first pass guessed around each token.

The first tagger sees each token with a window of two words; the second
also sees the first's guesses: its own and its neighbours' role
probabilities (in five steps each), how far the nearest likely cue and
source are on each side within the paragraph, the likeliest cue in its
sentence, and the pair of first-pass tags before and at it. That is how
"S, X said" learns that S is content from a cue ten words on.
"""

from __future__ import annotations

import numpy as np

from . import tagger
from .features import shift

_STEPS = 5
_CODES = _STEPS**3 + 1  # (SRC, CUE, CON) probability steps, plus "outside the paragraph"
_EDGE = _CODES - 1
_DIST_EDGES = np.array([1, 2, 3, 4, 6, 9, 15, 25])
N_DIST = len(_DIST_EDGES) + 1


def template_sizes() -> tuple[tuple[str, int], ...]:
    """The second pass's own templates (after the first pass's), names and sizes."""
    return (
        ("p", _CODES), ("p-1", _CODES), ("p+1", _CODES), ("p-2", _CODES), ("p+2", _CODES),
        ("p-3", _CODES), ("p+3", _CODES),
        ("likely-cue<", N_DIST), ("likely-cue>", N_DIST), ("likely-cue<,>", N_DIST * N_DIST),
        ("likely-src<", N_DIST), ("likely-src>", N_DIST),
        ("sentence-cue,con", _STEPS * _STEPS), ("tag-1,tag", tagger.K * tagger.K),
    )


def _dist(d: np.ndarray) -> np.ndarray:
    return np.where(d <= 0, 0, np.searchsorted(_DIST_EDGES, d, side="right"))


def _nearest(flag: np.ndarray, para: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distance (in tokens) to the nearest flagged token on each side in the same paragraph (0: none)."""
    n = len(flag)
    idx = np.arange(n)
    first = np.ones(n, bool)
    first[1:] = para[1:] != para[:-1]
    last = np.ones(n, bool)
    last[:-1] = para[:-1] != para[1:]
    far = n + 10**6
    left = np.where(flag, idx, -1)
    left = np.maximum.accumulate(np.concatenate(([-1], left[:-1])))
    p_first = np.maximum.accumulate(np.where(first, idx, 0))
    dl = np.where(left >= p_first, idx - left, 0)
    right = np.where(flag, idx, far)
    right = np.minimum.accumulate(np.concatenate((right[1:], [far]))[::-1])[::-1]
    p_last = np.minimum.accumulate(np.where(last, idx, far)[::-1])[::-1]
    dr = np.where(right <= p_last, right - idx, 0)
    return dl, dr


def stack_ids(probs: np.ndarray, para: np.ndarray, sent: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The second pass's extra ids (tokens, templates) from first-pass ``probs`` (tokens, K).

    Args:
        probs: the first tagger's probabilities for the article's tokens.
        para, sent: each token's paragraph and sentence number.
        offsets: where each of ``template_sizes()`` starts in the weight table.
    """
    src = probs[:, tagger.B_SRC] + probs[:, tagger.I_SRC]
    cue = probs[:, tagger.B_CUE] + probs[:, tagger.I_CUE]
    con = probs[:, tagger.B_CON] + probs[:, tagger.I_CON]

    def step(x: np.ndarray) -> np.ndarray:
        return np.minimum((x * _STEPS).astype(np.int64), _STEPS - 1)

    s_src, s_cue, s_con = step(src), step(cue), step(con)
    code = (s_src * _STEPS + s_cue) * _STEPS + s_con
    cue_l, cue_r = _nearest(cue > 0.5, para)
    src_l, src_r = _nearest(src > 0.5, para)
    cl, cr = _dist(cue_l), _dist(cue_r)
    # The likeliest cue of each token's sentence.
    n_sent = int(sent.max()) + 1 if len(sent) else 0
    sent_cue = np.zeros(n_sent)
    np.maximum.at(sent_cue, sent, cue)
    tags = tagger.best_tags(probs)
    cols = (
        code, shift(code, 1, _EDGE, para), shift(code, -1, _EDGE, para), shift(code, 2, _EDGE, para),
        shift(code, -2, _EDGE, para), shift(code, 3, _EDGE, para), shift(code, -3, _EDGE, para),
        cl, cr, cl * N_DIST + cr, _dist(src_l), _dist(src_r),
        step(sent_cue[sent]) * _STEPS + s_con, shift(tags, 1, tagger.O, para) * tagger.K + tags,
    )
    return np.stack(cols, axis=1) + offsets
