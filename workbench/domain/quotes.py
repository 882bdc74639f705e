"""Provides quotation spans: paired quotation marks within a paragraph.

Curly marks pair by shape; a straight ``"`` opens after a space, a bracket or
a dash and closes otherwise. A paragraph that opens a quotation and does not
close it runs to the paragraph end (the news convention for a quotation that
goes on in the next paragraph); such a span has ``open_end`` set.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .models import quick_init

# Straight, curly, and the doubled apostrophes some wires use ('' ... '').
# Written as literals only, so ``re`` skips ahead in C to the next mark.
_QUOTE_RE = re.compile(r"\"|“|”|''")
_OPENER_BEFORE = frozenset(" \t\n([{—–-/:")


@quick_init
@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: ``start``/``end`` include the marks."""

    start: int
    end: int
    # Inside the marks.
    inner_start: int
    inner_end: int
    # No closing mark before the paragraph end.
    open_end: bool = False


def quotes(text: str, start: int, end: int) -> list[Quote]:
    """Pair the quotation marks of ``text[start:end]`` (one paragraph)."""
    out: list[Quote] = []
    open_at = -1
    open_w = 1
    for m in _QUOTE_RE.finditer(text, start, end):
        i = m.start()
        w = m.end() - i
        ch = text[i] if w == 1 else '"'
        if ch == "“":
            opening = True
        elif ch == "”":
            opening = False
        else:
            before = text[i - 1] if i > start else " "
            opening = before in _OPENER_BEFORE
            if open_at >= 0 and not opening:
                opening = False
            elif open_at >= 0 and opening:
                # A straight mark after a space while open: closing if what
                # follows is a space or punctuation (e.g. `word "`).
                after = text[i + w] if i + w < end else " "
                opening = not (after.isspace() or after in ".,;:!?")
        if opening:
            if open_at >= 0:
                # An opener while open: the earlier quotation was left open.
                out.append(Quote(open_at, i, open_at + open_w, i, True))
            open_at = i
            open_w = w
        elif open_at >= 0:
            out.append(Quote(open_at, i + w, open_at + open_w, i))
            open_at = -1
        # A closer with nothing open is ignored.
    if open_at >= 0:
        out.append(Quote(open_at, end, open_at + open_w, end, True))
    return out


def quote_at(qs: list[Quote], pos: int) -> Quote | None:
    """Return the quotation whose marks enclose ``pos``, if any."""
    # Quotations are ordered by start and disjoint: the last one starting
    # at or before ``pos`` is the only candidate.
    i = bisect_right(qs, pos, key=_start) - 1
    if i >= 0 and qs[i].start <= pos < qs[i].end:
        return qs[i]
    return None


def _start(q: Quote) -> int:
    return q.start
