"""Provides ``WordPattern``: a word-initial regex (``\\b(?:...)``) searched quicker.

``re`` tries a pattern that opens with ``\\b`` at every position of the
text, which costs more than the extractor's rules themselves on a long
sentence. A pattern that opens with a character class instead lets ``re``
skip ahead in C to the next character of the class. ``WordPattern`` searches
for the character before the word (anything but an ASCII letter, digit or
"_", a superset of ``\\W``), checks in Python that it really is a non-word
character, and gives exactly the matches of the ``\\b`` pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class WordPattern:
    """``re.compile(r"\\b" + body)`` for a ``body`` whose every match starts
    with a word character (a letter, as in "said" or "reportedly")."""

    def __init__(self, body: str) -> None:
        self.plain = re.compile(r"\b(?:" + body + ")")
        # Group 1 is the word; the character before it opens the match.
        self._after = re.compile(r"[^0-9A-Z_a-z](" + body + ")")

    @classmethod
    def from_regex(cls, pattern: str) -> WordPattern:
        """The WordPattern for ``pattern``, which must open with ``\\b``."""
        if not pattern.startswith(r"\b"):
            raise ValueError(f"WordPattern needs a pattern that opens with \\b, not {pattern[:20]!r}")
        return cls(pattern[2:])

    def finditer(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        """Yield (start, end, matched text) as ``self.plain.finditer(text,
        start, end)`` would (``\\b`` looks at the character before ``start``)."""
        pos = start
        if start == 0:
            # No character before the text's first word.
            m = self.plain.match(text, 0, end)
            if m is not None:
                yield m.start(), m.end(), m.group()
                pos = m.end()
        # A match at ``pos`` has its character before at ``pos - 1``.
        at = pos - 1 if pos > 0 else 0
        while True:
            m = self._after.search(text, at, end)
            if m is None:
                return
            if text[m.start()].isalnum():
                # A non-ASCII letter: the word starts inside a word ("résaid").
                at = m.start() + 1
                continue
            yield m.start(1), m.end(1), m.group(1)
            at = m.end(1)

    def search(self, text: str, start: int, end: int) -> tuple[int, int, str] | None:
        """The first match, as (start, end, matched text), or None."""
        return next(self.finditer(text, start, end), None)
