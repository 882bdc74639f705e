"""Provides the span arithmetic the review UI uses: grow or shrink a claim by a word at either end, and the word boundaries inside a span (text only, no SQL)."""

from __future__ import annotations

import re


_WORD = re.compile(r"\S+")


def grow_end(text: str, start: int, end: int, limit: int | None = None) -> tuple[int, int]:
    """The span with the next word after it added (up to ``limit``, default the text's end)."""
    m = _WORD.search(text, end, len(text) if limit is None else limit)
    return (start, m.end()) if m else (start, end)


def shrink_end(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without its last word (a one-word span stays)."""
    words = list(_WORD.finditer(text, start, end))
    return (start, words[-2].end()) if len(words) >= 2 else (start, end)


def grow_start(text: str, start: int, end: int, limit: int = 0) -> tuple[int, int]:
    """The span with the word before it added (not before ``limit``)."""
    words = list(_WORD.finditer(text, limit, start))
    return (words[-1].start(), end) if words else (start, end)


def shrink_start(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without its first word (a one-word span stays)."""
    words = list(_WORD.finditer(text, start, end))
    return (words[1].start(), end) if len(words) >= 2 else (start, end)

SPAN_OPS = ("grow_start", "shrink_start", "grow_end", "shrink_end", "sentence")


def word_boundaries(text: str, start: int, end: int) -> list[tuple[int, str, str]]:
    """Where a span can be split: (offset of the word that starts the second part, first part, second part)."""
    words = list(_WORD.finditer(text, start, end))
    return [(w.start(), text[start:words[i - 1].end()], text[w.start():end]) for i, w in enumerate(words) if i]
