"""Provides np_after and hearer_after: the source phrase after a cue ("said Kirby", "according to people familiar with the matter") and the hearer to skip ("told reporters")."""

from __future__ import annotations

import re

from .lexicon import ANON_HEADS, DETERMINERS, HEARER_NOUNS, NP_STOP, ROLE_NOUNS, TITLES
from .sources import (
    NP,
    PRONOUNS,
    _APPOSITIVE_RE,
    _CAP_STOP,
    _KEEPS_PERIOD,
    _LEAD_PUNCT,
    _MAX_NP_TOKENS,
    _OBJECT_PRONOUNS,
    _PREP_IN_NP,
    _TOKEN_RE,
    _TRAIL_PUNCT,
    _is_cap,
    _known_noun,
    _np_ok,
    _word,
)


def np_after(text: str, pos: int, hi: int, appositive: bool = True) -> NP | None:
    """Find the source phrase that starts at ``pos`` (after "said", "according to")."""
    toks = [m.span() for m in _TOKEN_RE.finditer(text, pos, min(hi, pos + 300))]
    if not toks:
        return None
    s0, e0 = toks[0]
    first = text[s0:e0]
    w0 = _word(first)
    if w0 in PRONOUNS:
        end = e0
        while end > s0 and text[end - 1] in _TRAIL_PUNCT:
            end -= 1
        return NP(s0, end, end, pronoun=True)
    words: list[str] = []
    caps = 0
    det = False
    end = -1
    lower_run = 0
    n = 0
    for j, (s, e) in enumerate(toks):
        tok = text[s:e]
        w = _word(tok)
        if not w:
            break
        n += 1
        if n > _MAX_NP_TOKENS:
            break
        stop_after = tok[-1] in ",;:.!?" and not (
            tok.endswith(".") and (w.rstrip(".") in TITLES or len(w.rstrip(".")) <= 2 or "." in w.rstrip("."))
            and j + 1 < len(toks)
        )
        if j == 0 and w in DETERMINERS:
            det = True
            words.append(w)
        elif _is_cap(tok):
            if tok.strip(_LEAD_PUNCT) in _CAP_STOP and j:
                break
            caps += 1
            words.append(w)
            end = e
            lower_run = 0
        elif w in _PREP_IN_NP and words and j + 1 < len(toks):
            nxt = text[toks[j + 1][0] : toks[j + 1][1]]
            nw = _word(nxt)
            if not (_is_cap(nxt) or nw in DETERMINERS or nw in ROLE_NOUNS or nw in ("the",)):
                break
            if words[-1] not in ROLE_NOUNS and words[-1] not in ANON_HEADS and words[-1] not in TITLES \
                    and words[-1] not in ("familiar", "close", "knowledge") and not caps:
                break
            words.append(w)
            continue
        elif w in NP_STOP or w.endswith("ly"):
            break
        elif w in ("familiar", "close") and words:
            words.append(w)
            continue
        else:
            if w in _OBJECT_PRONOUNS or (caps and not _known_noun(w)) or w.endswith("ing"):
                break
            lower_run += 1
            if lower_run > 4:
                break
            words.append(w)
            end = e
        if stop_after:
            break
        if j + 1 < len(toks) and text[toks[j + 1][0]] == "(" and caps:
            # A party label: "Sen. Bob Corker (R-Tenn.)" is not part of the name.
            break
    if end < 0 or not _np_ok([x for x in words if x not in _PREP_IN_NP], caps, det):
        return None
    while end > s0 and text[end - 1] in _TRAIL_PUNCT and not (
        text[end - 1] == "." and _word(text[s0:end]).split(" ")[-1].rstrip(".") in _KEEPS_PERIOD
    ):
        end -= 1
    start = s0
    while text[start] in _LEAD_PUNCT:
        start += 1
    if end <= start:
        return None
    full_end = end
    app_s = app_e = -1
    if appositive and end < hi and text.startswith(", ", end):
        # ", a spokeswoman for the Pentagon" up to the next comma or the end.
        m = _APPOSITIVE_RE.match(text, end, hi)
        if m:
            app_s, app_e = m.start(1), m.end(1)
            full_end = app_e
    return NP(start, end, full_end, app_start=app_s, app_end=app_e)


def hearer_after(text: str, pos: int, hi: int) -> int:
    """Return where the hearer of "told" ends ("told reporters", "told him").

    Returns ``pos`` when no hearer is found.
    """
    m = _HEARER_RE.match(text, pos, hi)
    return m.end() if m else pos

_HEARER_RE = re.compile(
    r"\s+(?:him|her|them|me|us|you|"
    r"(?:(?:the|a|an|his|her|their|its|several|some|local|foreign)\s+)?"
    r"(?:[a-z][\w-]*\s+){0,2}(?:" + "|".join(sorted(HEARER_NOUNS, key=len, reverse=True)) + r")|"
    r"(?:[Tt]he\s+)?(?:[A-Z][\w.&'’-]*\s*){1,5}(?<!\s))(?=[\s,.;:])"
)
