"""Provides the article view's layout, worked out in a thread worker: blocks of text and the claims in each.

A block is a paragraph, or a piece of a long one (at most :data:`BLOCK_CHARS`,
cut at a space where there is one): the view mounts a window of blocks around
the claim and more as the reader scrolls, so a 19 MB article, or one that is a
single line, costs what is on screen, not its whole length. The word cursor
for adding a claim covers the whole of an ordinary article, and the text
around the claim (:data:`WORDS_RADIUS` either side) of a very long one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..domain.models import Segment
from ..domain.segment import paragraphs, sentences
from ..storage.claim_detail import ArticleText
from .text_select import Words

BLOCK_CHARS = 3000
# Articles up to this long get a word cursor over their whole text.
WORDS_WHOLE = 200_000
WORDS_RADIUS = 20_000
_PARA_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class ArticleLayout:
    """Blocks (start, end) in text order, the indexes of the claims touching each, and each claim's block."""

    blocks: tuple[tuple[int, int], ...]
    starts: tuple[int, ...]
    claims_in: tuple[tuple[int, ...], ...]
    block_of: dict[int, int]
    words: Words

    def block_at(self, offset: int) -> int | None:
        """The block holding ``offset`` (or ending at it)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        a, b = self.blocks[i]
        return i if a <= offset <= b else None


def blocks(text: str, limit: int = BLOCK_CHARS) -> list[tuple[int, int]]:
    """Blank-line-separated paragraphs, each long one cut into pieces of at most ``limit`` characters."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _PARA_BREAK.finditer(text):
        _pieces(text, start, m.start(), limit, out)
        start = m.end()
    _pieces(text, start, len(text), limit, out)
    return out


def _pieces(text: str, a: int, b: int, limit: int, out: list[tuple[int, int]]) -> None:
    while b - a > limit:
        cut = text.rfind(" ", a + limit // 2, a + limit)
        cut = cut + 1 if cut > a else a + limit
        out.append((a, cut))
        a = cut
    if b > a and text[a:b].strip():
        out.append((a, b))


def layout(article: ArticleText, focus: int | None) -> ArticleLayout:
    """The layout of ``article``, with the word cursor around claim ``focus`` when the text is very long."""
    text = article.text
    spans = blocks(text)
    starts = tuple(a for a, _ in spans)
    claims_in: list[list[int]] = [[] for _ in spans]
    block_of: dict[int, int] = {}
    for k, c in enumerate(article.claims):
        first = max(bisect.bisect_right(starts, c.start) - 1, 0)
        last = max(bisect.bisect_right(starts, max(c.end - 1, c.start)) - 1, first)
        for i in range(first, min(last, len(spans) - 1) + 1):
            claims_in[i].append(k)
        if spans:
            block_of[c.claim_id] = first
    return ArticleLayout(tuple(spans), starts, tuple(tuple(x) for x in claims_in), block_of,
                         _words(article, focus))


def _words(article: ArticleText, focus: int | None) -> Words:
    text = article.text
    if len(text) <= WORDS_WHOLE:
        return Words.of(text)
    claim = next((c for c in article.claims if c.claim_id == focus), None)
    at = claim.start if claim is not None else 0
    lo, hi = max(0, at - WORDS_RADIUS), min(len(text), at + WORDS_RADIUS)
    starts = sorted({s.start for p in paragraphs(text[lo:hi])
                     for s in sentences(text, Segment(lo + p.start, lo + p.end, ""))})
    return Words(tuple((lo + m.start(), lo + m.end()) for m in re.finditer(r"\S+", text[lo:hi])), tuple(starts))
