"""Provides the tokens the attribution model reads: words, numbers and marks, by offsets.

One regex pass over a paragraph; a token is a dotted abbreviation ("U.S."),
a number with its separators ("157,000", "8:51", "2.5%"), a word with inner
apostrophes or hyphens ("don't", "then-Rep"), a doubled apostrophe used as a
quotation mark ('') or any other single non-blank character.
"""

from __future__ import annotations

import re

_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"
    r"|\d+(?:[.,:/]\d+)*%?"
    r"|\w+(?:[’'\-]\w+)*"
    r"|''|\S"
)


def tokenize(text: str, start: int, end: int) -> tuple[list[int], list[int], list[str]]:
    """The tokens of ``text[start:end]``: start offsets, end offsets, strings."""
    spans = [m.span() for m in _TOKEN_RE.finditer(text, start, end)]
    if not spans:
        return [], [], []
    starts, ends = map(list, zip(*spans))
    return starts, ends, [text[s:e] for s, e in spans]
