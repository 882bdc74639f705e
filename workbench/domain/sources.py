"""Provides source noun phrases: the NP record, and finding one before a cue.

``np_before`` walks back from a cue verb over the words of a noun phrase
("Pentagon Press Secretary John Kirby", "A U.S. defense official", "he",
"Navy Cmdr. Jessica McNulty, a spokeswoman for the Pentagon,"); ``np_after``
(in ``source_after``) walks forward ("said Kirby", "according to people
familiar with the matter"). ``parse_source`` (in ``source_parse``) splits a
phrase into name, role, affiliation and kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    ANON_HEADS,
    ANON_POSTMODIFIERS,
    DETERMINERS,
    DOCUMENT_HEADS,
    FINITE_CUE_FORMS,
    GROUP_NOUNS,
    HEARER_NOUNS,
    NAME_SUFFIXES,
    NP_STOP,
    ORG_WORDS,
    ROLE_NOUNS,
    SENTENCE_STARTERS,
    TITLES,
)
from .models import quick_init

_TOKEN_RE = re.compile(r"\S+")
_TRAIL_PUNCT = ",;:.!?\"”’)"
_LEAD_PUNCT = "\"“‘("
_EDGE_PUNCT = _TRAIL_PUNCT + _LEAD_PUNCT

PRONOUNS = frozenset("he she they it i we you who".split())
_OBJECT_PRONOUNS = frozenset("him her them me us you it".split())
# Capitalised words that open a clause, not a name.
_CAP_STOP = (SENTENCE_STARTERS - DETERMINERS) | frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Yesterday Today "
    "Now Later Earlier Instead Asked Speaking Writing Separately Still Yet "
    "Although Though Since Until Because Once During Despite Like Unlike "
    "Last Next Like Even Indeed Thus Also Now Mr Ms".split()
) - {"Mr", "Ms"}
_PREP_IN_NP = frozenset("of for at from with to".split())
_MAX_NP_TOKENS = 12


@quick_init
@dataclass(frozen=True, slots=True)
class NP:
    """A source phrase found in the text (absolute offsets)."""

    start: int
    end: int
    # The whole phrase including an appositive (", a spokeswoman for X").
    full_end: int
    pronoun: bool = False
    # A relative "who" resolved to the phrase before it.
    relative: bool = False
    app_start: int = -1
    app_end: int = -1


def _is_cap(tok: str) -> bool:
    c = tok[:1]
    return c.isupper() or (c.isdigit() and "-" in tok)


def _word(tok: str) -> str:
    return tok.strip(_EDGE_PUNCT).lower()


def _np_ok(words: list[str], caps: int, det: bool) -> bool:
    """Whether the walked words form a plausible source phrase."""
    if not words:
        return False
    head = words[-1]
    if caps:
        return True
    if _known_noun(head):
        return True
    return det and len(words) >= 2


def plausible_source(text: str, np: NP) -> bool:
    """Whether a phrase can say or believe things: a name, a pronoun, or a
    person, group, organisation or document noun ("the tax plan" cannot:
    "Trump's tax plan would ..." is not "plan" as a verb)."""
    if np.pronoun:
        return True
    phrase = text[np.start : np.end]
    head = phrase.rsplit(None, 1)[-1].strip(_EDGE_PUNCT)
    if head.lower() in _NOT_SOURCE_HEADS or head.isdigit() or "<" in phrase or ">" in phrase or "=" in phrase or (
            head == phrase.strip(_EDGE_PUNCT) and head in _CAP_STOP):
        # time_not_source: "In April, prosecutors charged ..." -- a month, a
        # year, a markup fragment or a lone clause opener ("As") says nothing.
        return False
    if not head or head[0].isupper() or head[0].isdigit():
        return True
    w = head.lower()
    return _known_noun(w) or w in ORG_WORDS or w.endswith(_PERSON_SUFFIXES)


_NOT_SOURCE_HEADS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight".split()
)
_PERSON_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ents", "ants", "ees", "ives")


def _known_noun(w: str) -> bool:
    return (w in ROLE_NOUNS or w in ANON_HEADS or w in DOCUMENT_HEADS or w in GROUP_NOUNS
            or w in HEARER_NOUNS or w.rstrip("s") in ROLE_NOUNS
            # plural people nouns by suffix: "environmentalists", "historians"
            or (len(w) > 6 and w.endswith(("ists", "ians"))))


def _walk_back(text: str, toks: list[tuple[int, int]], i: int) -> int:
    """Walk back from token ``i`` (inclusive); return the first token index.

    Returns -1 when no phrase ends at token ``i``.
    """
    words: list[str] = []
    caps = 0
    det = False
    first = -1
    lower_run = 0
    j = i
    while j >= 0 and i - j < _MAX_NP_TOKENS:
        s, e = toks[j]
        tok = text[s:e]
        if j != i and tok[-1] in ",;:\"”)":
            break
        if (tok[0] in "\"“(" or tok.startswith("''") or tok.endswith("''")) and j != i:
            break
        w = _word(tok)
        if not w:
            break
        if w in DETERMINERS and w not in ("that", "this", "these", "those") or (
            w in ("this", "these", "those") and j != i
        ):
            words.insert(0, w)
            det = True
            first = j
            break
        if _is_cap(tok):
            if tok.strip(_LEAD_PUNCT) in _CAP_STOP and j != i:
                break
            caps += 1
            words.insert(0, w)
            first = j
            lower_run = 0
        elif w in _PREP_IN_NP and first == j + 1 and j > 0:
            # "Secretary of State John Kerry", "people familiar with ...":
            # only inside a phrase, and only before a title or noun.
            prev = _word(text[toks[j - 1][0] : toks[j - 1][1]])
            pt = text[toks[j - 1][0] : toks[j - 1][1]]
            if prev in NP_STOP or pt[-1:] in ",;:" or not (
                _is_cap(pt) or prev in ROLE_NOUNS or prev in ANON_HEADS
                or prev in DOCUMENT_HEADS or prev in TITLES or prev in ORG_WORDS
                or prev in ("familiar", "close", "knowledge")
            ):
                break
            words.insert(0, w)
        elif w in NP_STOP or w in FINITE_CUE_FORMS or w.endswith("ly") or not w.replace("-", "").replace("'", "").replace("’", "").isalnum():
            break
        else:
            if w in PRONOUNS and j == i:
                return j if w != "who" else -1
            if w in PRONOUNS or w in _OBJECT_PRONOUNS or (w.endswith("ing") and not _known_noun(w)):
                break
            lower_run += 1
            if lower_run > 4:
                break
            words.insert(0, w)
            first = j
        j -= 1
    if first < 0 or not _np_ok(words, caps, det):
        return -1
    if not det and not caps and not _is_cap(text[toks[first][0] : toks[first][1]]) and not _known_noun(words[-1]):
        # A bare lower-case phrase must end in a known noun ("officials").
        return -1
    # Do not start on a bare preposition.
    while first <= i and _word(text[toks[first][0] : toks[first][1]]) in _PREP_IN_NP:
        first += 1
    return first if first <= i else -1


def np_before(text: str, lo: int, pos: int) -> NP | None:
    """Find the source phrase that ends right before ``pos``.

    Args:
        text: the article text.
        lo: where the search may start (the clause or sentence start).
        pos: the start of the cue verb, after any auxiliaries and adverbs.
    """
    toks = [m.span() for m in _TOKEN_RE.finditer(text, max(lo, pos - 120), pos)]
    if not toks:
        return None
    i = len(toks) - 1
    s, e = toks[i]
    last = text[s:e]
    w = _word(last)
    if last[-1] in ",)" and i > 0:
        # An appositive: "Jessica McNulty, a spokeswoman for the Pentagon, said"
        # or a party label: "Sen. Bob Corker (R-Tenn.) said".
        if last[-1] == ")":
            k = i
            while k >= 0 and "(" not in text[toks[k][0] : toks[k][1]]:
                k -= 1
            if k <= 0 or i - k > 4:
                return None
            f = _walk_back(text, toks, k - 1)
            if f < 0:
                return None
            return NP(toks[f][0], toks[k - 1][1], e)
        k = i - 1
        while k >= 0 and text[toks[k][1] - 1] != "," and i - k < 16:
            k -= 1
        if k < 0 or text[toks[k][1] - 1] != ",":
            return None
        app_first = _word(text[toks[k + 1][0] : toks[k + 1][1]])
        if not (app_first in DETERMINERS or app_first in ("who", "whose", "former", "now") or not _is_cap(text[toks[k + 1][0] : toks[k + 1][1]]) or True):
            return None
        f = _walk_back(text, toks, k)
        if f < 0:
            return None
        name_end = toks[k][1] - 1
        app_s = toks[k + 1][0]
        app_e = e - 1
        # The name must look like a name (capitalised), or the appositive
        # like a description.
        name_tok = text[toks[k][0] : toks[k][1]]
        if not (_is_cap(name_tok) or _known_noun(_word(name_tok))):
            return None
        if app_first in ("who", "which", "whose") and app_first != "whose":
            # "Trump, who ..., said": a relative clause is not an appositive.
            return NP(toks[f][0], name_end, e - 1, relative=True)
        return NP(toks[f][0], name_end, app_e, app_start=app_s, app_end=app_e)
    if w in PRONOUNS and last[-1] not in _TRAIL_PUNCT:
        if w == "who":
            # "Kirby, who ..., said" or "..., Kirby, who said": the phrase before ", who".
            if i == 0 or text[toks[i - 1][1] - 1] != ",":
                return None
            f = _walk_back(text, toks[: i - 1] + [(toks[i - 1][0], toks[i - 1][1] - 1)], i - 1)
            if f < 0:
                return None
            return NP(toks[f][0], toks[i - 1][1] - 1, toks[i - 1][1] - 1, relative=True)
        return NP(s, e, e, pronoun=True)
    if last[-1] in _TRAIL_PUNCT:
        return None
    f = _walk_back(text, toks, i)
    if f < 0:
        return None
    start = toks[f][0]
    if f > 0 and _word(text[toks[f - 1][0] : toks[f - 1][1]]) in _POST_LAST:
        # "people familiar with the matter", "sources close to the campaign".
        ms = _anon_post_start(text, max(lo, start - 90), start)
        if ms >= 0:
            start = ms
    while text[start] in _LEAD_PUNCT:
        start += 1
    if start >= e:
        return None
    return NP(start, e, e)


_POST_LAST = frozenset(p.split()[-1] for p in ANON_POSTMODIFIERS)
# "people familiar with", "sources close to": the head and its postmodifier
# right before the cue; up to three words before them belong to the phrase.
_ANON_CORE_RE = re.compile(
    r"(?<!\S)(?:" + "|".join(sorted(ANON_HEADS | {"person", "persons"}, key=len, reverse=True)) + r")\s+"
    r"(?:" + "|".join(p.replace(" ", r"\s+") for p in ANON_POSTMODIFIERS) + r")\s+$",
    re.IGNORECASE,
)
_ANON_PRE_WORD_RE = re.compile(r"[A-Za-z][\w.-]*")


def _anon_post_start(text: str, lo: int, pos: int) -> int:
    """Where "two people familiar with" starts before ``pos`` (-1 if none)."""
    m = _ANON_CORE_RE.search(text, lo, pos)
    if m is None:
        return -1
    s = m.start()
    for _ in range(3):
        e = s
        while e > lo and text[e - 1].isspace():
            e -= 1
        if e == s or e <= lo:
            break
        k = e
        while k > lo and not text[k - 1].isspace():
            k -= 1
        if not _ANON_PRE_WORD_RE.fullmatch(text, k, e):
            break
        s = k
    return s


# Last words whose period belongs to the phrase: titles ("Sen.") and name endings ("Co.", "Jr.").
_KEEPS_PERIOD = TITLES | NAME_SUFFIXES

_APPOSITIVE_RE = re.compile(
    r",\s+([^;:\"“”]{1,240}?)(?=[,;:.\"”]?\s*$)"
)


# ----------------------------------------------------------- phrase parsing
