"""Provides the reporter's own claims (rules author_default, hedged_clause, clause_split, caption_credit): what no speaker is credited with, cut into clauses."""

from __future__ import annotations

import re

from . import boilerplate
from .content_span import trim
from .lexicon import HEDGE_PATTERN
from .models import AttributionKind, Claim, Segment, Speaker, SpeakerKind, Span
from .wordscan import WordPattern


# Every hedge opens with a word: searched as a WordPattern (quicker).
_HEDGES = WordPattern.from_regex(HEDGE_PATTERN)

_REL_BEFORE_RE = re.compile(r"(?:,\s*)?\b(?:that|which|who)\s+$")


def _strip_period(text: str, cs: int, ce: int) -> int:
    while ce > cs and text[ce - 1] in ". ;":
        ce -= 1
    return ce

# clause_split: a reporter's sentence of 90 characters or more is one claim
# per clause, cut at ";", a dash, a colon, a comma, or before a subordinator
# ("that", "because", "despite", ...): "The bridge reopened in May after two
# years of repairs, and the toll, which had doubled, fell again because ..."
# -> "The bridge reopened in May", "after two years of repairs", "and the
# toll, which had doubled", "fell again because ..." (a piece under 20
# characters stays with the next one).
_CLAUSE_MIN = 90

_CLAUSE_PIECE_MIN = 20

_SUBORDINATORS = r"(?:that|because|since|after|while|although|despite|amid)\s"

# A clause break is
#     \s*(?:;|\s—\s|\s--\s|―|:)\s*  |  ,\s+  |  \s+(?=SUBORDINATOR\s)
# (first alternative first). Written here as the same matches behind the
# character each one starts with, so that ``re`` skips ahead in C to the
# next blank or punctuation mark instead of trying every position.
_CLAUSE_RE = re.compile(
    r"[\s,;―:](?:"
    r"(?<=,)\s+"
    r"|(?<=[;―])\s*|(?<=:)(?!\d)\s*"
    r"|(?<=\s)(?:\s*(?:;|\s—\s|\s--\s|―|:)\s*|—\s\s*|--\s\s*|\s*(?=" + _SUBORDINATORS + r")))"
)

# A list goes on after a comma: "Figures from Louisiana, Mississippi, Michigan
# and Ohio show ..." is one clause (an item of up to three words, then a comma
# or "and"/"or"; an item opening with a conjunction or a relative starts a clause).
_LIST_ITEM_RE = re.compile(
    r"(?!(?:and|or|but|nor|so|yet|which|who|whom|whose|where|when|while|although|though|because|"
    r"since|after|before|if|as|then|that)\b)"
    r"(?:[\w'’.$%&-]+\s+){0,2}[\w'’.$%&-]+(?:,\s|\s+(?:and|or)\s)"
)


def _clauses(text: str, cs: int, ce: int, sent: Segment, para: Segment) -> list[Claim]:
    """clause_split: a long sentence of the reporter's is one claim per clause."""
    if ce - cs < _CLAUSE_MIN:
        return [Claim(cs, ce, text[cs:ce], sent, para, AttributionKind.UNATTRIBUTED, "author_default")]
    pieces = []
    s = cs
    for m in _CLAUSE_RE.finditer(text, cs, ce):
        if text[m.start()] == "," and _LIST_ITEM_RE.match(text, m.end(), ce):
            continue  # a comma between the items of a list
        a, b, _ = trim(text, s, m.start())
        if b - a >= _CLAUSE_PIECE_MIN:
            pieces.append((a, b))
            s = m.end()
    a, b, _ = trim(text, s, ce)
    if b > a:
        pieces.append((a, b))
    # A sentence that does not split stays one author_default claim.
    rule = "author_default" if len(pieces) == 1 else "clause_split"
    return [Claim(a, b, text[a:b], sent, para, AttributionKind.UNATTRIBUTED, rule) for a, b in pieces]


def _author_claims(text: str, cs: int, ce: int, sent: Segment, para: Segment,
                   h: tuple[int, int, str] | None) -> list[Claim]:
    """The reporter's own claims; a hedged relative clause is a claim of its own.

    ``h`` is the hedge in ``text[cs:ce]`` (the caller has searched for it).
    """
    if h is None:
        return _clauses(text, cs, ce, sent, para)
    h_start, _, hedge = h
    rel = _REL_BEFORE_RE.search(text, max(cs, h_start - 12), h_start)
    if rel is not None and rel.start() - cs > 20:
        a_s, a_e, _ = trim(text, cs, rel.start())
        b_s, b_e, _ = trim(text, h_start, ce)
        out = []
        if a_e > a_s:
            out.append(Claim(a_s, a_e, text[a_s:a_e], sent, para, AttributionKind.UNATTRIBUTED,
                             "author_default"))
        if b_e > b_s:
            out.append(Claim(b_s, b_e, text[b_s:b_e], sent, para, AttributionKind.UNATTRIBUTED,
                             "hedged_clause", hedge_cue=hedge))
        return out
    return [Claim(cs, ce, text[cs:ce], sent, para, AttributionKind.UNATTRIBUTED, "author_default",
                  hedge_cue=hedge)]


def _caption_claim(text: str, para: Segment) -> Claim | None:
    spans = boilerplate.caption(text, para)
    if spans is None:
        return None
    (cs, ce), (ks, ke) = spans
    credit = text[ks:ke]
    speaker = Speaker(credit, SpeakerKind.ORGANIZATION)
    return Claim(cs, ce, text[cs:ce], para, para, AttributionKind.CAPTION, "caption_credit", speaker,
                 mention=Span(ks, ke, credit))
