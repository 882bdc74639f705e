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
from dataclasses import replace
from bisect import bisect_left, bisect_right

from . import boilerplate
from .attribution import FORMS, Found, dateline_end, find_attributions, has_mark, trim
from .coref import SpeakerBook
from .lexicon import ANONYMITY_PATTERN, DETERMINERS, HEDGE_PATTERN, NOT_SPEAKER_LABELS, NP_STOP, SENTENCE_STARTERS
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
from .wordscan import WordPattern

# Every hedge opens with a word: searched as a WordPattern (quicker).
_HEDGES = WordPattern.from_regex(HEDGE_PATTERN)
_ANON_RE = re.compile(ANONYMITY_PATTERN)
_REL_BEFORE_RE = re.compile(r"(?:,\s*)?\b(?:that|which|who)\s+$")
# A transcript turn: an upper-case name and a colon at the paragraph start.
_LABEL_RE = re.compile(r"[\"“]?([A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,2}):\s")


# Units longer than this are cut into windows, so every search stays local
# (a 5 MB line with no sentence end costs linear time).
_MAX_UNIT = 2000
_CUT_RE = re.compile(r"[;,]\s|\s")


def _spanning(qs: list[Quote], pos: int) -> Quote | None:
    """The quotation with start < pos < end, if any (quotations are disjoint)."""
    i = bisect_left(qs, pos, key=_q_start) - 1
    if i >= 0 and pos < qs[i].end:
        return qs[i]
    return None


def _containing(qs: list[Quote], cs: int, ce: int) -> Quote | None:
    """The quotation with start <= cs and ce <= end, if any."""
    i = bisect_right(qs, cs, key=_q_start) - 1
    if i >= 0 and ce <= qs[i].end:
        return qs[i]
    return None


def _q_start(q: Quote) -> int:
    return q.start


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


def _kind_for(text: str, cs: int, ce: int, qs: list[Quote], rule: str) -> AttributionKind:
    if rule == "according_to":
        return AttributionKind.ACCORDING_TO
    if qs and _containing(qs, cs, ce) is not None:
        return AttributionKind.DIRECT
    if has_mark(text[cs:ce]):
        return AttributionKind.PARTIAL
    return AttributionKind.INDIRECT


def _mostly_quoted(start: int, end: int, qs: list[Quote]) -> bool:
    """Whether a unit is a quotation (no cue) rather than prose: the quotation
    open at its start covers at least 80% of it (an earlier quotation that
    ended before it does not count: '..." Vitter demanded.' is prose)."""
    s = start
    k = bisect_right(qs, s + 1, key=_q_start)
    if k == 0:
        return False
    q = qs[k - 1]
    if q.end >= end - 2:
        return True
    return min(q.end, end) - max(q.start, s) >= 0.8 * (end - start)


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


def _named(claims: list[Claim]) -> list[Claim]:
    """Give a claim whose speaker is inherited (a quotation that continues,
    "..., and added S") the span that last named that speaker as antecedent."""
    last: dict[Speaker, Span] = {}
    out: list[Claim] = []
    for c in claims:
        if c.speaker is not None:
            if c.mention is not None:
                last[c.speaker] = c.mention
            elif c.antecedent is None and c.speaker in last:
                c = replace(c, antecedent=last[c.speaker])
        out.append(c)
    return out


def _disjoint(claims: list[Claim]) -> tuple[Claim, ...]:
    """Claims ordered by start and pairwise disjoint.

    A claim inside another one's content (a nested report: "Ann Cole said the
    contractor told her S" also finds "S" by the contractor) is dropped: the
    outer claim stands for the whole sentence, so claims never overlap.
    """
    claims.sort(key=lambda c: (c.start, -c.end))
    out: list[Claim] = []
    end = -1
    for c in claims:
        if c.start >= end:
            out.append(c)
            end = c.end
    return tuple(out)


_ANON_WINDOW = 600
_QUOTED = (AttributionKind.DIRECT, AttributionKind.PARTIAL)
_SPLIT_GAP = 160


def _split_quotes(text: str, claims: list[Claim]) -> list[Claim]:
    """split_quote: '"A," Kirby said. "B."' is one quotation the cue interrupts.

    The two pieces stay claims of their own; the whole quotation, from the
    first piece to the last, is added as one more claim that nests them
    (with the cue inside it, as in a parenthetical). Pieces: consecutive
    quoted claims of one speaker, the first carrying the cue, in the same
    or the next paragraph, with only the cue clause between them.
    """
    if len(claims) < 2:
        return claims
    extra: list[Claim] = []
    i = 0
    n = len(claims)
    while i < n - 1:
        a = claims[i]
        if a.speaker is None or a.attribution not in _QUOTED or a.cue is None or a.chain:
            i += 1
            continue
        j = i + 1
        last = a
        while j < n:
            b = claims[j]
            if (b.speaker is None or b.speaker.name != a.speaker.name or b.attribution not in _QUOTED
                    or b.start - last.end > _SPLIT_GAP or b.start < last.end or b.chain
                    or (b.cue is not None and b.rule != "trailing_said" and b.rule != "inverted_said")
                    or (b.cue is not None and last is not a)):
                break
            if b.cue is not None and not (a.cue.start < b.start):
                break
            last = b
            j += 1
            if b.cue is not None:
                break
        if last is not a and a.cue.start > a.end and (last.cue is None or last.cue.start > last.end):
            # The quotation's own marks belong to it.
            s0, e0 = a.start, last.end
            while s0 > a.paragraph.start and text[s0 - 1] in "\"“'":
                s0 -= 1
            while e0 < len(text) and text[e0] in ".,!?\"”'" and e0 < last.paragraph.end:
                e0 += 1
            if not any(c.start < s0 < c.end < e0 or s0 < c.start < e0 < c.end for c in claims):
                extra.append(Claim(s0, e0, text[s0:e0], a.sentence, a.paragraph, AttributionKind.DIRECT,
                                   "split_quote", a.speaker, mention=a.mention, antecedent=a.antecedent,
                                   cue=a.cue, channel=a.channel, anonymity_cue=a.anonymity_cue))
            i = j
            continue
        i += 1
    if not extra:
        return claims
    out = claims + extra
    out.sort(key=lambda c: (c.start, -c.end))
    return out


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


def _strip_period(text: str, cs: int, ce: int) -> int:
    while ce > cs and text[ce - 1] in ". ;":
        ce -= 1
    return ce


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


SVO_HEAD_NOUNS = frozenset(
    "nominee candidate campaign administration senator governor president official officials "
    "lawmakers leaders spokesman spokeswoman party committee company group court".split()
)
# subject_verb_object: a sentence no cue attributes, whose subject is a name
# or an organisation, reports what that subject does to something: "Graham
# has been critical of Trump since ..." -> "Trump"; "Last week, Republicans
# on the House committee approved a bill designed to hamstring the CFPB." ->
# "a bill designed to hamstring the CFPB". The object is the claim, up to the
# first clause break.
_SVO_LEAD_RE = re.compile(
    r"(?:(?:On|At|During|After|Before|Since|Last|Earlier|Later|This|For|Over|Under|With|By|Until|Already)"
    r"\b[^,;:\"“”]{0,100},\s+)?"
    r"(?:(?:The|Many|Some|Most|Several|Few|All|Other|Both)\s+)?"
)
_SVO_NAME_RE = re.compile(
    r"(?:[A-Z][\w.&'’-]*(?:\s+(?:of|for|on|at|in|and|the|de|van|von)){0,2}\s+){0,6}"
    r"[A-Z][\w.&'’-]*(?<![.,])(?:\s+(?:" + "|".join(sorted(SVO_HEAD_NOUNS, key=len, reverse=True)) + r")\b)?"
    r"|(?:He|She|They|We)\b"
)
_SVO_PRONOUNS = frozenset("He She They We".split())
# Words that open a sentence as an adverb, not as its subject ("Overall, about 3% of kids ...").
_SENTENCE_ADVERBS = frozenset(
    "Overall However Meanwhile Still Instead Moreover Indeed Also Yet Now Then Today Yesterday Separately "
    "Similarly Finally Ultimately Additionally Nevertheless Nonetheless Otherwise Besides Thus Hence Therefore "
    "Altogether Typically Generally Historically Initially Eventually Previously Currently Recently".split())
_SVO_APPOSITIVE_RE = re.compile(r",\s+[^,;:\"“”()]{3,120},\s+")
_SVO_WORD_RE = re.compile(r"\s+([A-Za-z’'-]+)")
_SVO_AUX = frozenset(
    "has have had is was are were be been being will would could should may might must can do does did "
    "also not never still now already just recently openly privately repeatedly long often always "
    "again even".split()
)
_SVO_BE = frozenset("is was are were be been being".split())
_SVO_NOT_VERB = NP_STOP | DETERMINERS | frozenset(
    "he she they it we i you his her him them their its our who which that what this these those "
    "news series species bus gas".split()
)
_SVO_IRREGULAR = frozenset(
    "took made gave won lost led met sent sought brought bought kept held left paid put ran set "
    "spent struck stood wrote sang took began became drew drove fought felt found forgot got grew hid "
    "hit hung knew laid lent let meant rode rose saw shot shut sold sat slept spoke stole swore swept "
    "taught tore threw understood wore withdrew".split()
)
_SVO_PRONOUN_OBJECTS = frozenset(
    "him her them it us me you this that these those himself herself themselves itself".split()
)
_SVO_PREP = frozenset("of about over on with to for against toward towards in at from into".split())
_SVO_ADV_PREP_RE = re.compile(r"(?:\s+\w+ly)+\s+(?:of|about|on|with|to|for|against)\b")
_SVO_REST_LEAD_RE = re.compile(r"[\s,;:()—–-]*")
# A comma or colon inside a number ("157,000", "8:51") is not a clause break.
_SVO_END_RE = re.compile(
    r"\s*(?:[;()—–]|(?<!\d)[,:]|[,:](?!\d))|\s+-{1,2}\s|\s+(?:since|because|after|before|when|while|whereas|although|though|"
    r"despite|until|unless|during|following|amid|which|who|where|but|so|if)\b"
)


def _svo_claim(text: str, cs: int, ce: int, sent: Segment, para: Segment, book: SpeakerBook) -> list[Claim] | None:
    lead = _SVO_LEAD_RE.match(text, cs, ce)
    pos = lead.end() if lead else cs
    name = _SVO_NAME_RE.match(text, pos, ce)
    if name is None:
        return None
    ns, ne = name.span()
    first = text[ns:ne].split()[0]
    if first in SENTENCE_STARTERS and first not in _SVO_PRONOUNS or first in ("It", "There", "Here", "What", "Why",
                                                                            "How") or first in _SENTENCE_ADVERBS:
        return None
    pos = ne
    app = _SVO_APPOSITIVE_RE.match(text, pos, ce)
    if app is not None:
        pos = app.end() - 1
    be = False
    aux = 0
    while True:
        m = _SVO_WORD_RE.match(text, pos, ce)
        if m is None:
            return None
        w = m.group(1)
        wl = w.lower()
        if wl in _SVO_AUX or (wl.endswith("ly") and len(wl) > 4):
            be = be or wl in _SVO_BE
            aux += 1
            pos = m.end()
            if aux > 4:
                return None
            continue
        break
    if not w[0].islower() or wl in _SVO_NOT_VERB:
        if not (be and wl in DETERMINERS):
            return None
    verb_end = m.end()
    if be and wl.endswith("ed"):
        return None  # a passive: the subject is not the one acting
    if be and wl.endswith("ing"):
        be = False  # "is casting": a verb
    if not be:
        # "spoke emotionally of X": an adverb and a preposition after the verb.
        m2 = _SVO_ADV_PREP_RE.match(text, verb_end, ce)
        if m2 is not None:
            verb_end = m2.end()
    if be:
        # "has been critical of", "were coy about", "is a supporter of".
        k = 0
        p2 = m.start()
        while k < 6:
            m2 = _SVO_WORD_RE.match(text, p2, ce)
            if m2 is None:
                return None
            if m2.group(1).lower() in _SVO_PREP and k > 0:
                verb_end = m2.end()
                break
            p2 = m2.end()
            k += 1
        else:
            return None
    elif not (aux or wl.endswith(("ed", "es")) or (wl.endswith("s") and not wl.endswith(("ss", "us", "is")))
              or wl in _SVO_IRREGULAR):
        return None
    elif not aux and wl.endswith("s"):
        # "Ticket prices rose ...": a plural noun before the verb.
        m2 = _SVO_WORD_RE.match(text, verb_end, ce)
        if m2 is not None and (m2.group(1) in _SVO_IRREGULAR or m2.group(1).endswith("ed")
                               or m2.group(1) in _SVO_AUX):
            return None
    end = _SVO_END_RE.search(text, verb_end, ce)
    o_s, o_e, _ = trim(text, verb_end, end.start() if end else ce)
    o_e = _strip_period(text, o_s, o_e)
    if o_e - o_s < 3 or 3 * (o_e - o_s) >= ce - cs:
        # The sentence itself is at most three times the object: keep it whole.
        return None
    if text[o_s:o_e].lower() in _SVO_PRONOUN_OBJECTS:
        # "Paramedics could not revive him.": a pronoun is no claim of its own.
        return None
    out = [Claim(o_s, o_e, text[o_s:o_e], sent, para, _kind_for(text, o_s, o_e, [], "subject_verb_object"),
                 "subject_verb_object")]
    if end is not None:
        # The rest of the sentence stays the reporter's claim.
        r_s, r_e, _ = trim(text, end.start(), ce)
        m3 = _SVO_REST_LEAD_RE.match(text, r_s, r_e)
        if m3:
            r_s = m3.end()
        if r_e - r_s >= 20:
            out.append(Claim(r_s, r_e, text[r_s:r_e], sent, para, AttributionKind.UNATTRIBUTED, "author_default"))
    return out


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
