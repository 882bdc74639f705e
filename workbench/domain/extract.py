"""Provides ``analyse``: an article's claims, their speakers, and its non-claims.

The glue of the extraction layer: paragraphs and sentences (``segment``),
page furniture (``boilerplate``), quotations (``quotes``), the attribution
sieve (``attribution``) and back-references (``coref``). Sentences that one
quotation runs across are read as one unit. Rules applied here:

- ``caption_credit``: "This photo shows S, June 27. (J. Holt /U.S. Central
  Command)" -> S, credited to U.S. Central Command.
- ``quote_continuation``: a quotation with no cue of its own continues the
  speaker of the quotation before it (same or previous paragraph).
- ``colon_intro``: "McCrummen reports:" then a quoted paragraph.
- ``author_default``: anything no rule attributes is the reporter's claim;
  hedges ("are believed to", "reportedly") are recorded, and a hedged
  relative clause is its own claim.
- ``subject_verb_object``: "Graham has been critical of Trump since ..." ->
  "Trump", the reporter's claim (the object of a named subject's verb).
- ``clause_split``: a long sentence of the reporter's is one claim per clause.

Claims are pairwise disjoint: a report nested in another's content ("Ann
Cole said the contractor told her S") keeps only the outer claim. Every
search is bounded to a sentence or a window of it (units over 2,000
characters are cut), so the time is linear in the text length.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from . import boilerplate
from .attribution import find_attributions
from .content_span import dateline_end, trim
from .cues import FORMS
from .found import Found
from .coref import SpeakerBook
from .lexicon import ANONYMITY_PATTERN, NOT_SPEAKER_LABELS
from .models import (
    Analysis,
    AttributionKind,
    Claim,
    NonClaim,
    Segment,
    Speaker,
    SpeakerKind,
    Span,
)
from .pronouns import PronounContext
from .quotes import Quote, quotes
from .segment import paragraphs, sentences
from .sources import NP
from .quote_spans import _kind_for, _mostly_quoted, _spanning
from .reporter_claims import _HEDGES, _author_claims, _caption_claim, _strip_period
from .svo import _svo_claim
from .claim_set import _disjoint, _named

_ANON_RE = re.compile(ANONYMITY_PATTERN)
# A transcript turn: an upper-case name and a colon at the paragraph start.
_LABEL_RE = re.compile(r"[\"“]?([A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,2}):\s")


# Units longer than this are cut into windows, so every search stays local
# (a 5 MB line with no sentence end costs linear time).
_MAX_UNIT = 2000
_CUT_RE = re.compile(r"[;,]\s|\s")


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an over-long unit at a clause break or a blank near each limit."""
    out: list[tuple[int, int]] = []
    while end - start > _MAX_UNIT:
        lim = start + _MAX_UNIT
        cut = -1
        for m in _CUT_RE.finditer(text, lim - _MAX_UNIT // 4, lim):
            cut = m.end()
        if cut <= start:
            cut = lim
        e = cut
        while e > start and text[e - 1].isspace():
            e -= 1
        if e > start:
            out.append((start, e))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
    return out


def _units(text: str, sents: list[Segment], qs: list[Quote]) -> list[tuple[int, int, Segment]]:
    """Join sentences that one quotation runs across.

    Returns ``(start, end, sentence)`` per unit: the sentence the unit starts
    with, or, for a window of an over-long unit that starts inside a
    sentence, the window itself.
    """
    if not qs and all(s.end - s.start <= _MAX_UNIT for s in sents):
        # No quotation to join across and nothing to cut: one unit per
        # sentence (most paragraphs).
        return [(s.start, s.end, s) for s in sents]
    out: list[tuple[int, int, Segment]] = []
    i = 0
    while i < len(sents):
        s = sents[i]
        start, end = s.start, s.end
        j = i
        while j + 1 < len(sents) and sents[j + 1].end - start <= _MAX_UNIT:
            if _spanning(qs, end) is None:
                break
            j += 1
            end = sents[j].end
        if end - start <= _MAX_UNIT:
            out.append((start, end, s))
        else:
            by_start = {t.start: t for t in sents[i : j + 1]}
            for ws, we in _windows(text, start, end):
                sent = by_start.get(ws)
                out.append((ws, we, sent if sent is not None else Segment(ws, we, text[ws:we])))
        i = j + 1
    return out


def layout(text: str) -> list[tuple[Segment, list[Segment], list[Quote]]]:
    """Each paragraph of ``text`` with its sentences and quotations."""
    return [(p, sentences(text, p), quotes(text, p.start, p.end)) for p in paragraphs(text)]


def analyse_rules(text: str, headline: Span | None = None,
                  paragraphs_: list[tuple[Segment, list[Segment], list[Quote]]] | None = None,
                  context: PronounContext | None = None) -> Analysis:
    """Split an article into claims and work out who made each one, by rules alone.

    Args:
        text: the article text as stored.
        headline: the span of the title line inside ``text``, if the title is
            part of the text; it yields no claim.
        paragraphs_: ``layout(text)``, when the caller has it already.
        context: ``pronoun_context(text, paragraphs_)``, when the caller has it already.

    Returns:
        The claims (ordered by start, pairwise disjoint), the non-claim lines
        and the byline author when the article names one.
    """
    claims: list[Claim] = []
    non_claims: list[NonClaim] = []
    byline: str | None = None
    lay = layout(text) if paragraphs_ is None else paragraphs_
    paras = [p for p, _, _ in lay]
    book = SpeakerBook(context if context is not None else pronoun_context(text, lay))
    if headline is not None and headline.end > headline.start:
        hclaims = _headline_claims(text, headline, book)
        if not hclaims:
            # headline_author: a headline with no attribution is the
            # reporter's claim ("Visa program up for renewal amid fraud").
            cs, ce, _ = trim(text, headline.start, headline.end)
            ce = _strip_period(text, cs, ce)
            if ce > cs:
                hseg = Segment(cs, ce, text[cs:ce])
                hclaims = [Claim(cs, ce, text[cs:ce], hseg, hseg, AttributionKind.UNATTRIBUTED,
                                 "headline_author")]
        if hclaims:
            claims.extend(hclaims)
        else:
            non_claims.append(NonClaim(headline.start, headline.end,
                                       text[headline.start : headline.end], "headline"))
    # The speaker of the last quotation and the paragraph it was in.
    last_quote: tuple[Speaker, int] | None = None
    colon_speaker: tuple[Speaker, int] | None = None
    for pi, p in enumerate(paras):
        if headline is not None and p.start < headline.end and headline.start < p.end:
            continue
        kind = boilerplate.classify(text, p, paras[pi + 1] if pi + 1 < len(paras) else None)
        if kind is not None:
            if kind.kind == "caption":
                c = _caption_claim(text, p)
                if c is not None:
                    claims.append(c)
                    continue
            non_claims.append(NonClaim(p.start, p.end, p.text, kind.kind))
            if kind.byline and byline is None:
                byline = kind.byline
            continue
        lab = _LABEL_RE.match(text, p.start, p.end)
        if lab is not None and lab.group(1).upper() not in NOT_SPEAKER_LABELS:
            # transcript_label: "PENCE: Well, the question really is ..." -- the
            # speaker's whole turn is one claim.
            cs, ce, _ = trim(text, lab.end(), p.end)
            if ce > cs:
                src = NP(lab.start(1), lab.end(1), lab.end(1))
                speaker, mention, antecedent = book.resolve_mention(text, src)
                qs = quotes(text, p.start, p.end)
                claims.append(Claim(cs, ce, text[cs:ce], Segment(cs, ce, text[cs:ce]), p,
                                    _kind_for(text, cs, ce, qs, "transcript_label"), "transcript_label",
                                    speaker, mention=mention, antecedent=antecedent))
                last_quote = (speaker, pi)
                continue
        _, sents, qs = lay[pi]
        for us, ue, sent in _units(text, sents, qs):
            found = find_attributions(text, us, ue, qs)
            if found:
                prev: tuple[Speaker, Span | None, Span | None] | None = None
                speakers: dict[int, Speaker] = {}
                for f in found:
                    # Inherited sources ("..., and added S") come from the
                    # clause before at the same level, never from a nested one.
                    speaker, mention, antecedent = _speaker_for(text, f, book, prev)
                    if f.outer is None:
                        prev = (speaker, mention, antecedent)
                    speakers[id(f)] = speaker
                    chain: tuple[Speaker, ...] = ()
                    o = f.outer
                    while o is not None and id(o) in speakers and len(chain) < 4:
                        chain = (speakers[id(o)], *chain)
                        o = o.outer
                    if f.colon:
                        colon_speaker = (speaker, pi)
                        continue
                    claim = _claim(text, f, sent, p, qs, speaker, mention, antecedent, chain)
                    claims.append(claim)
                    if claim.attribution is not AttributionKind.INDIRECT:
                        last_quote = (speaker, pi)
                    else:
                        last_quote = (speaker, pi) if last_quote is None or last_quote[1] < pi else last_quote
                continue
            cs, ce, _ = trim(text, dateline_end(text, us, ue), ue)
            if ce <= cs:
                continue
            src = None
            rule = None
            if colon_speaker is not None and colon_speaker[1] == pi - 1:
                src, rule = colon_speaker[0], "colon_intro"
            elif _mostly_quoted(us, ue, qs) and last_quote is not None and last_quote[1] >= pi - 1:
                src, rule = last_quote[0], "quote_continuation"
            if src is not None and rule is not None:
                if rule == "colon_intro":
                    # The whole introduced paragraph belongs to the speaker.
                    colon_speaker = (src, pi)
                last_quote = (src, pi)
                claims.append(Claim(cs, ce, text[cs:ce], sent, p, _kind_for(text, cs, ce, qs, rule),
                                    rule, src))
                continue
            hedge = _HEDGES.search(text, cs, ce)
            svo = _svo_claim(text, cs, ce, sent, p, book) if hedge is None else None
            if svo is not None:
                claims.extend(svo)
                continue
            claims.extend(_author_claims(text, cs, ce, sent, p, hedge))
    return Analysis(_disjoint(_named(claims)), tuple(non_claims), byline)


def pronoun_context(text: str, lay: list[tuple[Segment, list[Segment], list[Quote]]]) -> PronounContext:
    """The article's sentences, quotations and named people, for "he"/"she"."""
    return PronounContext(text, [(s.start, s.end) for _, sents, _ in lay for s in sents],
                          [(q.start, q.end) for _, _, qs in lay for q in qs])


_ANON_WINDOW = 600


# A title-case word that is a cue form: "Obama Says ..." reads as "Obama says ...".
_TITLE_WORD_RE = re.compile(r"(?<=\s)[A-Z][a-z]+\b")
# headline_colon: "Sanders: Clinton needs to change her tone" (a name, a colon, the claim).
_HEAD_COLON_RE = re.compile(r"((?:[A-Z][\w.'’-]*\s+(?:(?:of|for|and|the)\s+)?){0,5}[A-Z][\w.'’-]*)\s*:\s+")


def _headline_claims(text: str, head: Span, book: SpeakerBook) -> list[Claim]:
    """Attributed claims in a headline; the reporter's own headline is no claim.

    Headlines write cue verbs in title case ("Obama Says ...", "..., Doctor
    Says"), so such words are read in lower case (same offsets) and the
    attribution sieve runs on the headline (its rule names are kept); plus
    ``headline_colon``: "Sanders: Clinton needs to change her tone".
    """
    hs, he = head.start, head.end
    seg = Segment(hs, he, text[hs:he])

    def lower(m: re.Match) -> str:
        w = m.group()
        return w.lower() if w.lower() in FORMS else w

    low = _TITLE_WORD_RE.sub(lower, text[hs:he])
    if low != text[hs:he]:
        htext = text[:hs] + low + text[he:]
    else:
        htext = text
    qs = quotes(htext, hs, he)
    out: list[Claim] = []
    m = _HEAD_COLON_RE.match(text, hs, he)
    if m is not None:
        cs, ce, _ = trim(text, m.end(), he)
        ce = _strip_period(text, cs, ce)
        if ce > cs:
            src = NP(m.start(1), m.end(1), m.end(1))
            speaker, mention, antecedent = book.resolve_mention(text, src)
            out.append(Claim(cs, ce, text[cs:ce], seg, seg, _kind_for(text, cs, ce, qs, "headline_colon"),
                             "headline_colon", speaker, mention=mention, antecedent=antecedent))
            return out
    found = find_attributions(htext, hs, he, qs)
    prev = None
    for f in found:
        if f.colon or (f.source is None and prev is None):
            continue
        speaker, mention, antecedent = _speaker_for(text, f, book, prev)
        prev = (speaker, mention, antecedent)
        f.content_end = _strip_period(text, f.content_start, f.content_end)
        if f.content_end <= f.content_start:
            continue
        out.append(_claim(text, f, seg, seg, qs, speaker, mention, antecedent, ()))
    return out


def _speaker_for(text: str, f: Found, book: SpeakerBook,
                 prev: tuple[Speaker, Span | None, Span | None] | None):
    if f.source is not None:
        return book.resolve_mention(text, f.source)
    if prev is not None:
        return prev
    last = book.last_speaker()
    if last is not None:
        return last, None, None
    return Speaker("unknown", SpeakerKind.PERSON), None, None


def _claim(text: str, f: Found, sent: Segment, para: Segment, qs: list[Quote], speaker: Speaker,
           mention: Span | None, antecedent: Span | None, chain: tuple[Speaker, ...]) -> Claim:
    cs, ce = f.content_start, f.content_end
    anon = None
    if speaker.kind is SpeakerKind.ANONYMOUS:
        # The sentence first; else the nearest in the paragraph (found once
        # per paragraph, so a long paragraph costs linear time).
        anon = _anonymity_cue(text, para, sent)
    channel = text[f.channel[0] : f.channel[1]] if f.channel else None
    return Claim(
        cs, ce, text[cs:ce], sent, para, _kind_for(text, cs, ce, qs, f.rule), f.rule, speaker,
        mention=mention, antecedent=antecedent, cue=Span(f.cue_start, f.cue_end, text[f.cue_start : f.cue_end]),
        channel=channel, anonymity_cue=anon, chain=chain,
    )


# The anonymity cues of the last paragraph asked about (one scan each),
# replaced as one tuple so a reader never sees a half-updated entry.
_last_para: tuple[str | None, int, int, list[tuple[int, str]]] = (None, 0, 0, [])


def _anonymity_cue(text: str, para: Segment, sent: Segment) -> str | None:
    """The anonymity phrase ("on condition of anonymity") for a claim:
    in its sentence, else the nearest in its paragraph within 600 characters."""
    global _last_para
    entry = _last_para
    if entry[0] is not text or entry[1] != para.start or entry[2] != para.end:
        entry = (text, para.start, para.end,
                 [(m.start(), m.group()) for m in _ANON_RE.finditer(text, para.start, para.end)])
        _last_para = entry
    found = entry[3]
    if not found:
        return None
    for pos, cue in found[bisect_left(found, (sent.start, "")) :]:
        if pos < sent.end:
            return cue
        break
    # The nearest one before or after the sentence.
    k = bisect_left(found, (sent.start, ""))
    best = None
    for j in (k - 1, k):
        if 0 <= j < len(found):
            d = sent.start - found[j][0] if found[j][0] < sent.start else found[j][0] - sent.end
            if best is None or d < best[0]:
                best = (d, found[j][1])
    return best[1] if best and best[0] <= _ANON_WINDOW else None
