"""Provides the attribution model's per-word features: verb and noun classes, word shape, suffix class and the small vocabulary (Vocab), computed once per distinct word (WordTable)."""

from __future__ import annotations

from dataclasses import dataclass

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
