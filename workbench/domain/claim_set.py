"""Provides the last passes over an article's claims: inherited speakers get their antecedent, a run of one speaker's quotations is split per quotation, and overlapping claims are reduced to disjoint ones."""

from __future__ import annotations

from dataclasses import replace

from .models import AttributionKind, Claim, Speaker, Span


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
