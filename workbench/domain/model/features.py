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

from ..lexicon import (
    ANON_HEADS,
    BELIEF_VERBS,
    DETERMINERS,
    DOCUMENT_HEADS,
    DOCUMENT_VERBS,
    FEMALE_NAMES,
    GROUP_NOUNS,
    HEARER_VERBS,
    MALE_NAMES,
    OBJECT_VERBS,
    ORG_WORDS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLES,
    inflect,
)

#: Bump when a template changes meaning: a model trained on other features is refused.
FEATURE_VERSION = 1

# ------------------------------------------------------------ word classes

# Verb classes (a word's strongest reading as a cue).
V_NONE, V_SPEECH, V_BELIEF, V_DOC, V_OBJECT, V_HEARER, V_ACCORDING, V_MINED = range(8)
N_VCLASS = 8

_NOUN_CLASSES = (
    "none title role anon doc org group fname mname month day he_she they_we_i it objpron "
    "posspron det wh conj prep aux neg to number cap lower "
    "p_comma p_period p_colon p_semicolon p_dash p_quote_open p_quote_close p_quote_straight "
    "p_paren p_question p_other"
).split()
NC = {name: i for i, name in enumerate(_NOUN_CLASSES)}
N_NCLASS = len(_NOUN_CLASSES)

_SUFFIXES = ("ed", "ing", "ly", "ion", "ions", "er", "ers", "or", "ist", "ists", "ian", "ians",
             "ment", "ness", "ity", "al", "ive", "ous", "ful", "able", "s")
N_SUFFIX = len(_SUFFIXES) + 1

# Shapes: punctuation by mark, else capitalisation x length.
_SHAPES = ("x1 x2 x4 Xx1 Xx2 Xx4 X1 X2 X4 X.X. d d%" " mixed other").split()
N_SHAPE = len(_SHAPES)
_SHAPE = {name: i for i, name in enumerate(_SHAPES)}

_MONTHS = frozenset("january february march april may june july august september october november "
                    "december jan feb mar apr jun jul aug sep sept oct nov dec".split())
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday tonight".split())
_CLOSED = {
    "he_she": "he she",
    "they_we_i": "they we i you",
    "it": "it",
    "objpron": "him her them me us",
    "posspron": "his their its our my your hers theirs",
    "wh": "who which that whom whose what when where why how",
    "conj": "and but or nor yet so while although though whereas because if",
    "prep": "of in on at by for with from into about after before over under between through during "
            "without against among as than like since until toward towards upon amid",
    "aux": "is was are were be been being has have had do does did will would can could should may "
           "might must 's",
    "neg": "not never no n't",
    "to": "to",
}
_CLOSED_WORDS = {w: NC[cls] for cls, words in _CLOSED.items() for w in words.split()}


def _verb_table() -> dict[str, tuple[int, int]]:
    """Each inflected form of a lexicon verb -> (verb class, form index 1..5)."""
    out: dict[str, tuple[int, int]] = {}
    for cls, lemmas in ((V_OBJECT, OBJECT_VERBS), (V_DOC, DOCUMENT_VERBS), (V_BELIEF, BELIEF_VERBS),
                        (V_HEARER, HEARER_VERBS), (V_SPEECH, SPEECH_VERBS)):
        for lemma in lemmas:
            if "_" in lemma:
                continue
            for k, form in enumerate(inflect(lemma)):
                out[form] = (cls, k + 1)
    return out


_VERBS = _verb_table()
N_VFORM = 6


@dataclass(frozen=True)
class Vocab:
    """The words a model knows by name: frequent words, and cue words mined from training.

    ``words`` maps a lower-case word to its id (1..n; 0 is every other
    word). ``cues`` are lower-case words that were part of a cue in at least
    15% of their uses in the training data (and at least 3 times).
    """

    words: dict[str, int]
    cues: frozenset[str]

    @property
    def size(self) -> int:
        return len(self.words) + 1


def _shape(tok: str) -> int:
    c = tok[0]
    if c.isdigit():
        return _SHAPE["d%"] if tok.endswith("%") else _SHAPE["d"]
    if not c.isalpha():
        return _SHAPE["other"]
    n = len(tok)
    size = "1" if n == 1 else "2" if n <= 3 else "4"
    if "." in tok:
        return _SHAPE["X.X."]
    if tok.islower():
        return _SHAPE["x" + size]
    if tok.isupper():
        return _SHAPE["X" + size]
    if c.isupper() and tok[1:].islower():
        return _SHAPE["Xx" + size]
    return _SHAPE["mixed"]


_PUNCT = {",": "p_comma", ".": "p_period", "!": "p_period", ":": "p_colon", ";": "p_semicolon",
          "—": "p_dash", "–": "p_dash", "-": "p_dash", "“": "p_quote_open", "‘": "p_quote_open",
          "”": "p_quote_close", "’": "p_quote_close", '"': "p_quote_straight", "''": "p_quote_straight",
          "'": "p_quote_straight", "(": "p_paren", ")": "p_paren", "[": "p_paren", "]": "p_paren",
          "?": "p_question"}


def _noun_class(tok: str, low: str) -> int:
    p = _PUNCT.get(tok)
    if p is not None:
        return NC[p]
    if not tok[0].isalnum():
        return NC["p_other"]
    if tok[0].isdigit():
        return NC["number"]
    c = _CLOSED_WORDS.get(low)
    if c is not None:
        return c
    if low in DETERMINERS:
        return NC["det"]
    if low in TITLES or low + "." in TITLES:
        return NC["title"]
    if low in ANON_HEADS:
        return NC["anon"]
    if low in DOCUMENT_HEADS:
        return NC["doc"]
    if low in GROUP_NOUNS:
        return NC["group"]
    if low in ROLE_NOUNS or low.rstrip("s") in ROLE_NOUNS:
        return NC["role"]
    if low in ORG_WORDS:
        return NC["org"]
    if tok[0].isupper():
        if low in FEMALE_NAMES:
            return NC["fname"]
        if low in MALE_NAMES:
            return NC["mname"]
        if low in _MONTHS:
            return NC["month"]
        if low in _DAYS:
            return NC["day"]
        return NC["cap"]
    if low in _DAYS:
        return NC["day"]
    return NC["lower"]


def _suffix(low: str) -> int:
    if len(low) < 4 or not low.isalpha():
        return 0
    for i, suf in enumerate(_SUFFIXES):
        if low.endswith(suf):
            return i + 1
    return 0


#: Per-token word features, in this column order.
STATIC = ("word", "shape", "vclass", "nclass", "vform", "suffix")


class WordTable:
    """The static features of each distinct token string, computed once and kept."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._cache: dict[str, tuple[int, int, int, int, int, int]] = {}

    def row(self, tok: str) -> tuple[int, int, int, int, int, int]:
        r = self._cache.get(tok)
        if r is not None:
            return r
        low = tok.lower()
        vclass, vform = _VERBS.get(low, (V_NONE, 0))
        if low == "according":
            vclass = V_ACCORDING
        elif vclass == V_NONE and low in self.vocab.cues:
            vclass = V_MINED
        r = (self.vocab.words.get(low, 0), _shape(tok), vclass, _noun_class(tok, low), vform, _suffix(low))
        if len(self._cache) > 200_000:
            self._cache.clear()  # bounded: a huge article of unique strings stays flat
        self._cache[tok] = r
        return r


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


def _shift(a: np.ndarray, k: int, fill: int, para: np.ndarray) -> np.ndarray:
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
        _shift(word, 1, 0, para), _shift(word, -1, 0, para), _shift(word, 2, 0, para), _shift(word, -2, 0, para),
        _shift(cls, 1, 0, para), _shift(cls, -1, 0, para), _shift(cls, 2, 0, para), _shift(cls, -2, 0, para),
        _shift(shape, 1, other, para), _shift(shape, -1, other, para),
        _shift(shape, 1, other, para) * N_SHAPE + shape,
        _shift(ncls, 1, 0, para) * N_NCLASS + ncls, ncls * N_NCLASS + _shift(ncls, -1, 0, para),
        _shift(vcls, 1, 0, para) * N_NCLASS + ncls, ncls * N_VCLASS + _shift(vcls, -1, 0, para),
        q, spos, lay.para_pos,
        dlb, drb, dlb * N_DIST + drb, dlb * N_QUOTE + q,
        role, rule, role * N_QUOTE + q, _shift(role, 1, 0, para) * N_ROLE + role, role * N_KIND + kind,
        role * N_NCLASS + ncls, role * N_DIST + dlb,
    )
    return np.stack(cols, axis=1) + offsets


def template_offsets(vocab: Vocab) -> tuple[np.ndarray, int]:
    """Where each template's ids start in the weight table, and the table's height."""
    sizes = [s for _, s in template_sizes(vocab)]
    offs = np.zeros(len(sizes), np.int64)
    offs[1:] = np.cumsum(sizes)[:-1]
    return offs, int(sum(sizes))

