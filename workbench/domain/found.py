"""Provides Found, one attribution found in a unit, and how overlapping ones are settled: a content cut at the next clause's cue, a nested report kept or dropped."""

from __future__ import annotations

from dataclasses import dataclass

from .sources import NP
from .content_span import trim


_OUTER_RULES = frozenset(("trailing_said", "inverted_said", "parenthetical", "according_to"))


@dataclass(slots=True)
class Found:
    """One attribution found in a unit (absolute offsets)."""

    rule: str
    content_start: int
    content_end: int
    cue_start: int
    cue_end: int
    cls: int
    source: NP | None = None
    # The source is the one before in this unit ("and added", ", saying").
    inherit: bool = False
    # Where this attribution's own clause starts (source or ", and").
    zone_start: int = 0
    # The clause before ends here: an earlier content stops at zone_start.
    clause_break: bool = False
    channel: tuple[int, int] | None = None
    # "X said:" at the end of a paragraph: the content is what follows.
    colon: bool = False
    direct_hint: bool = False
    # Set when this attribution sits inside another's content.
    outer: "Found | None" = None
    dropped: bool = False


def _resolve_overlaps(text: str, found: list[Found]) -> list[Found]:
    """Cut contents at the next clause's attribution; settle nesting.

    A content stops where a later coordinated clause starts ("..., and said
    S2"). An attribution whose cue lies inside another's content is nested:
    a nested speech verb ("X said Y told him S") keeps the inner content and
    records the outer attribution; a nested belief or document verb ("X said
    the military believes S") is dropped in favour of the outer one.
    """
    if len(found) < 2:
        return found
    found.sort(key=lambda f: f.cue_start)
    # Drop a cue that sits inside another's source phrase ("the report found").
    for f in found:
        for g in found:
            if g is not f and g.source is not None and g.source.start <= f.cue_start < g.source.full_end:
                f.dropped = True
    live = [f for f in found if not f.dropped]
    for f in live:
        for g in live:
            if g is f or g.dropped or f.dropped or f.outer is g:
                continue
            if not (f.content_start <= g.cue_start < f.content_end):
                continue
            # g's cue is inside f's content.
            if f.rule in _OUTER_RULES:
                if g.source is not None and not g.inherit and g.source.start >= f.content_start \
                        and f.content_start <= g.content_start < f.content_end:
                    # nested_report: "Police believe the man fled, the mayor said."
                    if g.content_end > f.content_end:
                        _, g.content_end, _ = trim(text, g.content_start, f.content_end)
                    g.outer = f
                else:
                    g.dropped = True
            elif g.rule in _OUTER_RULES:
                if g.content_start <= f.cue_start < g.content_end:
                    if f.source is not None and not f.inherit and f.source.start >= g.content_start \
                            and g.content_start <= f.content_start < g.content_end and g.outer is not f:
                        # nested_report: "The mayor thinks S, the aide said."
                        if f.content_end > g.content_end:
                            _, f.content_end, _ = trim(text, f.content_start, g.content_end)
                        f.outer = g
                    else:
                        f.dropped = True
                else:
                    g.dropped = True
            elif g.source is not None and not g.inherit and g.source.start - f.content_start <= 1:
                # nested_report: "X said Y told him S" / "X said the military
                # believes S": both claims stand, the inner one nested in the
                # outer content and recording the outer source in its chain.
                if g.content_end > f.content_end:
                    g.content_end = f.content_end
                g.outer = f
            elif g.clause_break and g.zone_start > f.content_start:
                e = g.zone_start
                while e > f.content_start and text[e - 1] in " ,;—–-":
                    e -= 1
                f.content_end = e
            elif g.source is not None and not g.inherit and g.source.start >= f.content_start \
                    and g.content_end <= f.content_end:
                # nested_report deeper in the content: "X said the plan, which
                # critics called a giveaway, would pass."
                g.outer = f
            else:
                g.dropped = True
    live = [f for f in live if not f.dropped and (f.outer is None or not f.outer.dropped)]
    live.sort(key=lambda f: (f.content_start, -f.content_end))
    # Contents nest or are disjoint, never partly overlap: a content that
    # starts inside an earlier one and runs past its end starts after it.
    res: list[Found] = []
    stack: list[Found] = []
    for f in live:
        while True:
            while stack and stack[-1].content_end <= f.content_start:
                stack.pop()
            if not stack or f.content_end <= stack[-1].content_end:
                break
            cs, ce, _ = trim(text, stack[-1].content_end, f.content_end)
            f.content_start, f.content_end = cs, ce
            if ce <= cs:
                break
        if f.content_end <= f.content_start:
            continue
        if stack and f.content_start == stack[-1].content_start and f.content_end == stack[-1].content_end:
            continue  # the same span twice
        if stack and f.outer is None:
            f.outer = stack[-1]
        res.append(f)
        stack.append(f)
    return res
