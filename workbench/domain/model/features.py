"""Provides the attribution model's features: a row of template ids per token.

Every feature is a *template* that gives each token one integer id; the
model keeps one weight row per (template, id) and tag, so scoring a
paragraph is one gather and one sum (``tagger.Tagger.probs``). The words the
model may see are limited on purpose: a small vocabulary of frequent words
(``Vocab``), our lexicons (verb and noun classes), word shapes and suffix
classes -- never the long tail of a corpus's words or word pairs, so no
training text can be read back from a model file.

Templates (``TEMPLATES`` gives their names and sizes, in column order):
the token's word, shape, verb class, noun class, verb form and suffix
class; the words, classes and shapes of its neighbours and a few pairs of
them; its place in quotations, sentence and paragraph; how far the nearest
cue word is on each side in its sentence; and what the rules extractor
made of it (content of an attributed claim or of the reporter's own, cue,
speaker mention, the rule's name and speaker kind).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .word_features import NC, N_NCLASS, N_SHAPE, N_SUFFIX, N_VCLASS, N_VFORM, V_NONE, Vocab, _SHAPE

#: Bump when a template changes meaning: a model trained on other features is refused.
FEATURE_VERSION = 1

# (The per-word classes, shapes and vocabulary are in ``word_features``.)

# ------------------------------------------------------------- templates

# Rule roles of a token in the rules extractor's output.
R_NONE, R_CONTENT_B, R_CONTENT_I, R_AUTHOR_B, R_AUTHOR_I, R_CUE, R_MENTION, R_MENTION_PRON = range(8)
N_ROLE = 8
RULE_NAMES = (
    "none according_to inverted_said parenthetical trailing_said told colon_intro described_as said_that "
    "object_verb belief_verb document_finding coordinated participle coordinated_subject as_said "
    "quote_continuation split_quote transcript_label headline_colon caption_credit nested_report "
    "author_default clause_split subject_verb_object hedged_clause headline_author other"
).split()
_RULE_ID = {name: i for i, name in enumerate(RULE_NAMES)}
N_RULE = len(RULE_NAMES)
KINDS = ("none", "person", "organization", "anonymous", "document", "author")
_KIND_ID = {k: i for i, k in enumerate(KINDS)}
N_KIND = len(KINDS)
N_QUOTE = 8  # outside/inside/opening/closing x paragraph holds a quotation
N_SPOS = 15  # first/second/last/second-last/middle x sentence index 0/1/2+
N_DIST = 8


def _templates(v: int) -> tuple[tuple[str, int], ...]:
    return (
        ("bias", 1),
        ("word", v), ("shape", N_SHAPE), ("vclass", N_VCLASS), ("nclass", N_NCLASS), ("vform", N_VFORM),
        ("suffix", N_SUFFIX),
        ("word-1", v), ("word+1", v), ("word-2", v), ("word+2", v),
        ("cls-1", N_VCLASS * N_NCLASS), ("cls+1", N_VCLASS * N_NCLASS),
        ("cls-2", N_VCLASS * N_NCLASS), ("cls+2", N_VCLASS * N_NCLASS),
        ("shape-1", N_SHAPE), ("shape+1", N_SHAPE),
        ("shape-1,shape", N_SHAPE * N_SHAPE),
        ("ncls-1,ncls", N_NCLASS * N_NCLASS), ("ncls,ncls+1", N_NCLASS * N_NCLASS),
        ("vcls-1,ncls", N_VCLASS * N_NCLASS), ("ncls,vcls+1", N_NCLASS * N_VCLASS),
        ("quote", N_QUOTE), ("spos", N_SPOS), ("para", 4),
        ("cue<", N_DIST), ("cue>", N_DIST), ("cue<,cue>", N_DIST * N_DIST), ("cue<,quote", N_DIST * N_QUOTE),
        ("role", N_ROLE), ("rule", N_RULE * 3), ("role,quote", N_ROLE * N_QUOTE),
        ("role-1,role", N_ROLE * N_ROLE), ("role,kind", N_ROLE * N_KIND), ("role,ncls", N_ROLE * N_NCLASS),
        ("role,cue<", N_ROLE * N_DIST),
    )


def template_sizes(vocab: Vocab) -> tuple[tuple[str, int], ...]:
    """The templates' names and sizes for a vocabulary, in column order."""
    return _templates(vocab.size)


def _dist_bucket(d: np.ndarray) -> np.ndarray:
    """Token distances (0 = no cue) -> buckets 0..7: none, 1, 2, 3, 4-5, 6-8, 9-14, 15+."""
    edges = np.array([1, 2, 3, 4, 6, 9, 15])
    b = np.searchsorted(edges, d, side="right")
    return np.where(d <= 0, 0, b).astype(np.int64)


@dataclass(frozen=True, slots=True)
class RuleMark:
    """One span of the rules extractor's output: a claim's content, cue or mention."""

    start: int
    end: int
    role: str  # "content", "author", "cue", "mention", "pronoun"
    rule: str
    kind: str


def _rule_roles(starts: np.ndarray, marks: list[RuleMark]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per token: rule role, rule name id (x3 by role group), speaker kind id."""
    n = len(starts)
    role = np.zeros(n, np.int64)
    rule = np.zeros(n, np.int64)
    kind = np.zeros(n, np.int64)
    if not marks:
        return role, rule, kind
    a_s = np.searchsorted(starts, [m.start for m in marks], side="left").tolist()
    b_s = np.searchsorted(starts, [m.end for m in marks], side="left").tolist()
    # Contents first (a claim's words), then cues and mentions over them (more precise).
    for m, a, b in zip(marks, a_s, b_s):
        if b <= a or m.role not in ("content", "author"):
            continue
        beg, ins = (R_CONTENT_B, R_CONTENT_I) if m.role == "content" else (R_AUTHOR_B, R_AUTHOR_I)
        role[a:b] = ins  # claims are disjoint: nothing else is here yet
        role[a] = beg
        rule[a:b] = _RULE_ID.get(m.rule, N_RULE - 1) * 3
        kind[a:b] = _KIND_ID.get(m.kind, 0)
    for m, a, b in zip(marks, a_s, b_s):
        if b <= a or m.role in ("content", "author"):
            continue
        role[a:b] = R_CUE if m.role == "cue" else (R_MENTION_PRON if m.role == "pronoun" else R_MENTION)
        rule[a:b] = _RULE_ID.get(m.rule, N_RULE - 1) * 3 + (1 if m.role == "cue" else 2)
        kind[a:b] = _KIND_ID.get(m.kind, 0)
    return role, rule, kind


def shift(a: np.ndarray, k: int, fill: int, para: np.ndarray) -> np.ndarray:
    """``a`` moved ``k`` tokens later (k > 0) or earlier (k < 0), ``fill`` across paragraph edges."""
    out = np.full_like(a, fill)
    n = len(a)
    if abs(k) >= n:
        return out
    if k > 0:
        out[k:] = a[:-k]
        out[k:][para[k:] != para[:-k]] = fill
    else:
        out[:k] = a[-k:]
        out[:k][para[:k] != para[-k:]] = fill
    return out


@dataclass(frozen=True, slots=True)
class TokenLayout:
    """Where an article's tokens sit: paragraph and sentence of each, and the quotations."""

    words: list[str]
    rows: np.ndarray  # (n, len(STATIC)) each token's ``WordTable.row``
    starts: np.ndarray  # (n,) token start offsets, increasing
    para: np.ndarray  # (n,) paragraph number of each token
    sent: np.ndarray  # (n,) sentence number (over the article) of each token
    sent_in_para: np.ndarray  # (n,) the sentence's index within its paragraph
    para_pos: np.ndarray  # (n,) 0 headline, 1 first paragraph, 2 second, 3 later
    quotes: list[tuple[int, int]]  # (start, end) offsets of every quotation, marks included
    quoted_para: np.ndarray  # (n,) the token's paragraph holds a quotation


def article_ids(lay: TokenLayout, marks: list[RuleMark], offsets: np.ndarray) -> np.ndarray:
    """The template ids of an article's tokens: an int array (tokens, templates).

    Neighbour features never reach across a paragraph; distances to cue
    words stay within a sentence.
    """
    words, starts_a, para, sid = lay.words, lay.starts, lay.para, lay.sent
    n = len(words)
    st = lay.rows
    word, shape, vcls, ncls = st[:, 0], st[:, 1], st[:, 2], st[:, 3]
    cls = vcls * N_NCLASS + ncls
    other = _SHAPE["other"]
    # Quotation state.
    q = np.zeros(n, np.int64)
    if lay.quotes:
        qa = np.searchsorted(starts_a, [s for s, _ in lay.quotes], side="left")
        qb = np.searchsorted(starts_a, [e for _, e in lay.quotes], side="left")
        for a, b in zip(qa.tolist(), qb.tolist()):
            if b > a:
                q[a:b] = 1
                q[a] = 2
                if b - 1 > a:
                    q[b - 1] = 3
    q = q + np.where(lay.quoted_para, 4, 0)
    # Place in the sentence.
    first = np.ones(n, bool)
    first[1:] = sid[1:] != sid[:-1]
    last = np.ones(n, bool)
    last[:-1] = sid[:-1] != sid[1:]
    second = np.zeros(n, bool)
    second[1:] = first[:-1] & ~first[1:]
    second_last = np.zeros(n, bool)
    second_last[:-1] = last[1:] & ~last[:-1]
    pos = np.select([first, last, second, second_last], [0, 2, 1, 3], 4)
    spos = pos * 3 + np.minimum(lay.sent_in_para, 2)
    # Distance to the nearest cue word in the same sentence, each side.
    iscue = (vcls != V_NONE) | (ncls == NC["p_colon"])
    idx = np.arange(n)
    far = n + 10**6
    left = np.where(iscue, idx, -1)
    left = np.maximum.accumulate(np.concatenate(([-1], left[:-1])))
    sent_first = np.maximum.accumulate(np.where(first, idx, 0))
    dl = np.where(left >= sent_first, idx - left, 0)
    right = np.where(iscue, idx, far)
    right = np.minimum.accumulate(np.concatenate((right[1:], [far]))[::-1])[::-1]
    sent_last = np.minimum.accumulate(np.where(last, idx, far)[::-1])[::-1]
    dr = np.where(right <= sent_last, right - idx, 0)
    dlb, drb = _dist_bucket(dl), _dist_bucket(dr)
    role, rule, kind = _rule_roles(starts_a, marks)
    cols = (
        np.zeros(n, np.int64), word, shape, vcls, ncls, st[:, 4], st[:, 5],
        shift(word, 1, 0, para), shift(word, -1, 0, para), shift(word, 2, 0, para), shift(word, -2, 0, para),
        shift(cls, 1, 0, para), shift(cls, -1, 0, para), shift(cls, 2, 0, para), shift(cls, -2, 0, para),
        shift(shape, 1, other, para), shift(shape, -1, other, para),
        shift(shape, 1, other, para) * N_SHAPE + shape,
        shift(ncls, 1, 0, para) * N_NCLASS + ncls, ncls * N_NCLASS + shift(ncls, -1, 0, para),
        shift(vcls, 1, 0, para) * N_NCLASS + ncls, ncls * N_VCLASS + shift(vcls, -1, 0, para),
        q, spos, lay.para_pos,
        dlb, drb, dlb * N_DIST + drb, dlb * N_QUOTE + q,
        role, rule, role * N_QUOTE + q, shift(role, 1, 0, para) * N_ROLE + role, role * N_KIND + kind,
        role * N_NCLASS + ncls, role * N_DIST + dlb,
    )
    return np.stack(cols, axis=1) + offsets


def template_offsets(vocab: Vocab) -> tuple[np.ndarray, int]:
    """Where each template's ids start in the weight table, and the table's height."""
    sizes = [s for _, s in template_sizes(vocab)]
    offs = np.zeros(len(sizes), np.int64)
    offs[1:] = np.cumsum(sizes)[:-1]
    return offs, int(sum(sizes))
