"""Provides a token tagger in NumPy: a softmax over tags from summed feature weights.

Tags are BIO over three roles: source (``SRC``), cue (``CUE``) and content
(``CON``). A token's scores are the sum of the weight rows of its feature
ids plus a bias; its tag probabilities are their softmax. Scoring a whole
article is one gather, one sum and one softmax -- no loop over tokens,
which is why the model runs two of them (the second reads the first's
guesses around each token, ``stack``) for about the cost of the rules.

Training minimises the negative log-likelihood plus ``c2 * |w|^2`` with
Adam on mini-batches of tokens, in an order drawn from ``seed``, with a
learning rate falling linearly to zero, and keeps the average of the
weights over the second half of the steps; the same data and settings give
the same weights.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

TAGS = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")
K = len(TAGS)
O, B_SRC, I_SRC, B_CUE, I_CUE, B_CON, I_CON = range(K)
ROLE_OF_TAG = (None, "SRC", "SRC", "CUE", "CUE", "CON", "CON")


# Tokens scored at a time (about 15 MB of gathered weights).
_BLOCK = 8192


@dataclass
class Tagger:
    """Weights: one row of K per feature id, and a bias."""

    weights: np.ndarray  # (features, K)
    bias: np.ndarray  # (K,)

    def probs(self, ids: np.ndarray) -> np.ndarray:
        """(tokens, templates) ids -> (tokens, K) tag probabilities.

        In blocks of tokens: the gathered rows (tokens x templates x K) of a
        whole long article would take gigabytes.
        """
        out = np.empty((len(ids), self.weights.shape[1]))
        for a in range(0, len(ids), _BLOCK):
            s = self.weights[ids[a : a + _BLOCK]].sum(axis=1, dtype=np.float64) + self.bias
            s -= s.max(axis=1, keepdims=True)
            np.exp(s, out=s)
            s /= s.sum(axis=1, keepdims=True)
            out[a : a + _BLOCK] = s
        return out


def best_tags(probs: np.ndarray, first: np.ndarray | None = None) -> np.ndarray:
    """The likeliest tag of each token, an inside tag after another role made a beginning.

    ``first`` marks the tokens that open a paragraph (nothing runs into them).
    """
    tags = probs.argmax(axis=1)
    inside = (tags == I_SRC) | (tags == I_CUE) | (tags == I_CON)
    prev = np.concatenate(([O], tags[:-1]))
    if first is not None:
        prev = np.where(first, O, prev)
    bad = inside & (prev != tags) & (prev != tags - 1)
    tags[bad] -= 1
    return tags


def train(ids: np.ndarray, tags: np.ndarray, n_features: int, *, epochs: int = 4, batch: int = 2048,
          lr: float = 0.02, c2: float = 1.0, seed: int = 13, prior: Tagger | None = None,
          progress: Callable[[int, float], None] | None = None) -> Tagger:
    """Fit a tagger to tokens: ``ids`` (tokens, templates) and gold ``tags`` (tokens,).

    With a ``prior`` tagger, training starts from its weights and the L2
    penalty pulls towards them instead of towards zero (fine-tuning: a few
    corrected articles move the model without making it forget).
    """
    rng = np.random.default_rng(seed)
    w0 = prior.weights.astype(np.float64) if prior is not None else np.zeros((n_features, K))
    b0 = prior.bias.astype(np.float64) if prior is not None else np.zeros(K)
    w = w0.copy()
    b = b0.copy()
    m_w, v_w = np.zeros_like(w), np.zeros_like(w)
    m_b, v_b = np.zeros(K), np.zeros(K)
    n, f = ids.shape
    total_steps = epochs * ((n + batch - 1) // batch)
    step = 0
    avg_w, avg_b, n_avg = np.zeros_like(w), np.zeros(K), 0
    b1, b2, eps = 0.9, 0.999, 1e-8
    rows = np.arange(batch)
    for epoch in range(epochs):
        order = rng.permutation(n)
        total = 0.0
        for i in range(0, n, batch):
            sel = order[i : i + batch]
            x, y = ids[sel], tags[sel]
            m = len(sel)
            p = Tagger(w, b).probs(x)
            total -= float(np.log(p[rows[:m], y] + 1e-12).sum())
            p[rows[:m], y] -= 1.0  # now the gradient of the loss per token and tag
            flat = x.ravel()
            uniq, inv = np.unique(flat, return_inverse=True)
            d = np.repeat(p, f, axis=0)
            g_rows = np.empty((len(uniq), K))
            for k in range(K):
                g_rows[:, k] = np.bincount(inv, weights=d[:, k], minlength=len(uniq))
            share = 2 * c2 * m / n
            g_w = share * (w - w0)
            g_w[uniq] += g_rows
            g_b = p.sum(axis=0) + share * (b - b0)
            step += 1
            lr_t = lr * (1 - (step - 1) / total_steps) * np.sqrt(1 - b2**step) / (1 - b1**step)
            for par, g, mm, vv in ((w, g_w, m_w, v_w), (b, g_b, m_b, v_b)):
                mm *= b1
                mm += (1 - b1) * g
                vv *= b2
                vv += (1 - b2) * g * g
                par -= lr_t * mm / (np.sqrt(vv) + eps)
            if step > total_steps // 2:
                avg_w += w
                avg_b += b
                n_avg += 1
        if progress is not None:
            progress(epoch + 1, total)
    return Tagger(avg_w / max(n_avg, 1), avg_b / max(n_avg, 1))


def viterbi(scores: np.ndarray, trans: np.ndarray, first: np.ndarray) -> np.ndarray:
    """The best tag sequence under ``scores`` (tokens, K) and transition scores (K, K).

    ``first`` marks the tokens that open a paragraph: each paragraph is
    decoded on its own (all of them in step, so the loop runs over the
    longest paragraph's tokens, not the article's). A paragraph whose every
    token is most likely outside any role is all "O" without decoding.
    """
    n = len(scores)
    out = np.full(n, O, np.int64)
    starts_all = np.flatnonzero(first)
    lens_all = np.diff(np.append(starts_all, n))
    para = np.cumsum(first) - 1
    busy = np.bincount(para[scores.argmax(axis=1) != O], minlength=len(starts_all)) > 0
    if not busy.any():
        return out
    starts, lens = starts_all[busy], lens_all[busy]
    # Longest first: at step t the paragraphs still going are a prefix.
    order = np.argsort(-lens, kind="stable")
    starts, lens = starts[order], lens[order]
    B, T = len(starts), int(lens[0])
    going = (lens[None, :] > np.arange(T)[:, None]).sum(axis=1)  # paragraphs longer than t
    pos = np.minimum(np.arange(T)[None, :] + starts[:, None], n - 1)
    E = scores[pos]  # (B, T, K)
    start_ok = np.array([t not in (I_SRC, I_CUE, I_CON) for t in range(K)])
    score = np.where(start_ok, E[:, 0], -1e9)
    back = np.zeros((T, B, K), np.int64)
    for t in range(1, T):
        a = int(going[t])
        cand = score[:a, :, None] + trans[None]
        back[t, :a] = cand.argmax(axis=1)
        score[:a] = cand.max(axis=1) + E[:a, t]
    cur = score.argmax(axis=1)
    tags = np.zeros((B, T), np.int64)
    rows = np.arange(B)
    for t in range(T - 1, -1, -1):
        a = int(going[t])
        tags[:a, t] = cur[:a]
        if t:
            cur[:a] = back[t, rows[:a], cur[:a]]
    valid = np.arange(T)[None, :] < lens[:, None]
    out[(np.arange(T)[None, :] + starts[:, None])[valid]] = tags[valid]
    return out
