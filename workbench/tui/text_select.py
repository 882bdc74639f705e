"""Provides choosing words of an article from the keyboard: a word cursor that moves by word and sentence.

Offsets are into the article text exactly as stored, so a selection becomes
a claim's ``start``/``end`` with no searching. Sentences come from the same
segmenter the extractor uses. Pure functions: the article screen keeps the
state and the article view draws it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..domain.segment import paragraphs, sentences

_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Words:
    """The words of a text and the starts of its sentences, for moving a cursor."""

    spans: tuple[tuple[int, int], ...]
    sentence_starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> "Words":
        starts = sorted({s.start for p in paragraphs(text) for s in sentences(text, p)})
        return cls(tuple(m.span() for m in _WORD.finditer(text)), tuple(starts))

    def at(self, offset: int) -> int:
        """Index of the word at or after ``offset`` (the last word past the end)."""
        i = bisect.bisect_right([e for _, e in self.spans], offset)
        return min(i, len(self.spans) - 1)

    def before(self, offset: int) -> int:
        """Index of the last word that starts before ``offset`` (the end of a selection)."""
        return max(0, bisect.bisect_left([a for a, _ in self.spans], offset) - 1)

    def move(self, index: int, step: int) -> int:
        return max(0, min(len(self.spans) - 1, index + step))

    def sentence(self, index: int, step: int) -> int:
        """The first word of the next (step 1) or this/previous (step -1) sentence."""
        start = self.spans[index][0]
        if step > 0:
            i = bisect.bisect_right(self.sentence_starts, start)
            target = self.sentence_starts[i] if i < len(self.sentence_starts) else self.spans[-1][0]
        else:
            i = bisect.bisect_left(self.sentence_starts, start) - 1
            target = self.sentence_starts[i] if i >= 0 else 0
        return self.at(target)

    def span(self, a: int, b: int) -> tuple[int, int]:
        """From the start of word ``a`` to the end of word ``b`` (either order)."""
        lo, hi = min(a, b), max(a, b)
        return self.spans[lo][0], self.spans[hi][1]


def offsets_of_selection(text: str, start: tuple[int, int], end: tuple[int, int]) -> tuple[int, int]:
    """Character offsets in ``text`` of a mouse selection given as (line, column) pairs of its lines."""
    lines = text.splitlines(keepends=True)

    def offset(line: int, column: int) -> int:
        line = max(0, min(line, len(lines)))
        return sum(len(x) for x in lines[:line]) + column

    a, b = offset(*start), offset(*end)
    return min(a, b), max(a, b)
