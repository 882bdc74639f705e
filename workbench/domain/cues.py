"""Provides the cue words (speech, belief and document verbs in every form, as one fast pattern) and the words that may stand between a cue and its source (time phrases, verb prefixes)."""

from __future__ import annotations

import re

from .lexicon import (
    BELIEF_VERBS,
    DOCUMENT_VERBS,
    HEARER_VERBS,
    OBJECT_VERBS,
    SPEECH_VERBS,
    VERB_PREFIX_WORDS,
    inflect,
)
from .wordscan import WordPattern


SPEECH, BELIEF, DOC, OBJECT, HEARER = 1, 2, 4, 8, 16


def _build_forms() -> dict[str, tuple[str, int, bool]]:
    forms: dict[str, tuple[str, int, bool]] = {}
    for cls, lemmas in ((SPEECH, SPEECH_VERBS), (BELIEF, BELIEF_VERBS), (DOC, DOCUMENT_VERBS),
                        (OBJECT, OBJECT_VERBS), (HEARER, HEARER_VERBS)):
        for lemma in lemmas:
            fs = inflect(lemma)
            for k, f in enumerate(fs):
                old = forms.get(f)
                ing = k == 4
                forms[f] = (lemma, (old[1] if old else 0) | cls, ing)
    return forms


def trie_pattern(words: list[str]) -> str:
    """A regex alternation factored by common prefixes (fast in ``re``)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if end else body

    return emit(trie)

FORMS = _build_forms()

_CUES = WordPattern(r"(?:[Aa]ccording to|" + trie_pattern(list(FORMS)) + r")\b")

_PASSIVE_AUX = frozenset("is was are were be been being".split())

_PREFIX = VERB_PREFIX_WORDS - _PASSIVE_AUX


def _prev_word(text: str, lo: int, pos: int) -> tuple[str, int]:
    """The word before ``pos`` (and where it starts), skipping blanks."""
    e = pos
    while e > lo and text[e - 1].isspace():
        e -= 1
    if e == pos or e <= lo:
        return "", pos
    # Bounded: a "word" longer than 200 characters is cut (linear time).
    lo2 = max(lo, e - 200)
    s = max(text.rfind(" ", lo2, e), text.rfind("\n", lo2, e), lo2 - 1) + 1
    return text[s:e], s

_TIME_NOUNS = frozenset("week month year night morning".split())

_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

_MONTHS = ("January February March April May June July August September October November December "
           "Jan. Feb. Aug. Sept. Oct. Nov. Dec.").split()

_TIME_BEFORE_RE = re.compile(
    r"(?:,\s*)?(?:on|last|this|early|late)\s+(?:" + "|".join(_DAYS + "week month year night morning".split())
    + r")(?:\s*,)?\s+$|"
    r"(?:,\s*)?(?:in|on|since|by)\s+(?:" + "|".join(map(re.escape, _MONTHS))
    + r")(?:\s+\d{1,2})?(?:,?\s+\d{4})?\s+$|"
    r",\s+(?:in\s+particular|however|meanwhile|too|though|for\s+example|for\s+instance|"
    r"in\s+turn|in\s+contrast|by\s+contrast|in\s+fact|of\s+course),\s+$"
)

# The words _TIME_BEFORE_RE can end with, before the blanks (else a comma or
# a number ends it).
_TIME_LAST_WORDS = frozenset(_DAYS) | _TIME_NOUNS | frozenset(_MONTHS)


def _may_end_time_phrase(w: str) -> bool:
    """Whether ``_TIME_BEFORE_RE`` can match before the blanks after ``w``.

    Its last word is a day, month, time noun or number, or ends with a
    comma; this test is much cheaper than the regex search it saves (the
    word before a cue is most often a name).
    """
    t = w.rsplit(None, 1)[-1]
    return t[-1] == "," or t in _TIME_LAST_WORDS or t.isdigit()


def _skip_prefix(text: str, lo: int, pos: int, prev: tuple[str, int] | None = None) -> tuple[int, str]:
    """Skip auxiliaries, adverbs and time words before a verb ("has also said").

    ``prev`` is ``_prev_word(text, lo, pos)`` when the caller has it already.
    """
    while True:
        w, s = _prev_word(text, lo, pos) if prev is None else prev
        prev = None
        wl = w.lower()
        if (wl in _PREFIX or wl.endswith("ly") and len(wl) > 4) and w[-1:].isalpha():
            pos = s
            continue
        m = _TIME_BEFORE_RE.search(text, max(lo, pos - 40), pos) if (
            (w[:1].isupper() or w.endswith(",") or wl in _TIME_NOUNS) and _may_end_time_phrase(w)) else None
        if m:
            pos = m.start()
            continue
        return pos, wl
