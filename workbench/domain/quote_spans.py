"""Provides where a span sits among an article's quotations: the quotation around a position or a claim, and the attribution kind (direct, partial, indirect) that follows."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from .content_span import has_mark
from .models import AttributionKind
from .quotes import Quote


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
