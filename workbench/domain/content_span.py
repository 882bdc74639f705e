"""Provides content-span trimming: a claim's span without surrounding quotation marks, trailing punctuation or a dateline, and whether a span holds a quotation mark."""

from __future__ import annotations

import re


_TRAIL_ONLY_RE = re.compile(r"[\s.,;:!?\"”’)\]]*$")

_DATELINE_RE = re.compile(
    r"(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*,?\s*(?:[A-Z][a-z]+\.?\s+\d{1,2}\s*)?"
    r"(?:\([A-Za-z. ]+\)\s*)?(?:—|–|--)\s*)"
)

_OPEN_MARKS = "\"“"

_CLOSE_MARKS = "\"”"


def _mark_at(text: str, i: int, marks: str) -> int:
    """Width of the quotation mark at ``i`` (0 when none): '' counts as one mark."""
    if text.startswith("''", i):
        return 2
    return 1 if i < len(text) and text[i] in marks else 0


def _mark_before(text: str, e: int, marks: str) -> int:
    if e >= 2 and text[e - 2 : e] == "''":
        return 2
    return 1 if e >= 1 and text[e - 1] in marks else 0


def trim(text: str, s: int, e: int) -> tuple[int, int, bool]:
    """Trim blanks, edge commas and wrapping quotation marks off a content.

    Returns (start, end, direct): direct when the content was wholly quoted.
    """
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    direct = False
    w = _mark_at(text, s, _OPEN_MARKS)
    if e - s >= 2 and w:
        inner = text[s + w : e]
        close = inner.rstrip(",.!?;: ")
        cw = _mark_before(close, len(close), _CLOSE_MARKS)
        body = close[: len(close) - cw]
        # Wholly quoted: no other mark inside, a closing mark at (or near) the end.
        if cw and not has_mark(body):
            direct = True
            e = s + w + len(body)
            s += w
        elif not has_mark(inner):
            # An open quotation that runs on to the next paragraph.
            direct = True
            s += w
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return s, e, direct


def has_mark(seg: str) -> bool:
    """Whether ``seg`` holds a quotation mark: straight, curly or ''."""
    return '"' in seg or "“" in seg or "”" in seg or "''" in seg


def dateline_end(text: str, s: int, e: int) -> int:
    m = _DATELINE_RE.match(text, s, e)
    return m.end() if m else s
