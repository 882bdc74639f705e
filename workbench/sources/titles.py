"""Provides title and headline finding for plain text, Markdown and records,
and the simple ``key: value`` front-matter parser for Markdown.

Every span returned satisfies ``text[span.start:span.end] == span.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.domain.boilerplate import is_caption
from workbench.domain.furniture import furniture
from workbench.domain.models import Span
from workbench.sources import limits

# A line and its ending; \r\n, \r and \n all end a line, so offsets stay exact
# for files saved on any system.
_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
# An ATX heading: up to three spaces, 1-6 hashes, text, optional closing hashes.
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r" {0,3}(```|~~~)")
_FRONT_MATTER_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, line)`` for each line, without its line ending."""
    for match in _LINE.finditer(text):
        if match.start() == len(text) and not match.group(0):
            return  # the empty match after a final newline is not a line
        yield match.start(), match.group(1)


def stripped_span(offset: int, line: str) -> Span | None:
    """The span of ``line`` without surrounding whitespace, or None if blank."""
    stripped = line.strip()
    if not stripped:
        return None
    start = offset + len(line) - len(line.lstrip())
    return Span(start, start + len(stripped), stripped)


def headline_or_title(span: Span) -> tuple[str, Span | None]:
    """The title for a candidate headline span: itself, or shortened if too long.

    A first "line" of thousands of characters is a paragraph (or a file
    with no line breaks): it is not marked as a headline.
    """
    if len(span.text) <= limits.MAX_TITLE_CHARS:
        return span.text, span
    cut = span.text[: limits.MAX_TITLE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip() + "…", None


def first_line_title(text: str) -> tuple[str | None, Span | None]:
    """The first non-blank line as ``(title, headline span)``.

    caption_first: a text copied from a web page may open with the photo's
    caption or credit ("A man walks past ... (AP Photo/Jo Lee)", "Mark
    Metcalfe/Getty Images") or a date line; such lines (up to three) are
    passed over for the line after them.
    """
    first: Span | None = None
    skipped = 0
    for offset, line in iter_lines(text):
        span = stripped_span(offset, line)
        if span is None:
            continue
        if first is None:
            first = span
        if skipped < _MAX_SKIPPED and not_a_title(span.text):
            skipped += 1
            continue
        return headline_or_title(span)
    return headline_or_title(first) if first is not None else (None, None)


_MAX_SKIPPED = 3
# "FILE - In this Jan. 5, 2016 file photo, ...", "FILE PHOTO: ..."
_FILE_PHOTO = re.compile(r"FILE(?:\s+PHOTO)?\s*[-–—:]")


def not_a_title(line: str) -> bool:
    """Whether a first line is a photo caption, a credit or a date, not a title."""
    if _FILE_PHOTO.match(line) or is_caption(line):
        return True
    kind = furniture(line)
    return kind is not None and kind[0] in ("credit", "boilerplate")


def markdown_title(text: str) -> tuple[str | None, Span | None]:
    """The first ``# heading`` outside code fences, else the first non-blank
    line (its heading text if it is a heading of another level).
    """
    first: Span | None = None
    in_fence = False
    for offset, line in iter_lines(text):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        heading = _heading_span(offset, line)
        if heading is not None and heading[0] == 1:
            return headline_or_title(heading[1])
        if first is None:
            first = heading[1] if heading is not None else stripped_span(offset, line)
    if first is None:
        return None, None
    return headline_or_title(first)


def _heading_span(offset: int, line: str) -> tuple[int, Span] | None:
    match = _ATX.match(line)
    if match is None or not match.group(2):
        return None
    span = stripped_span(offset + match.start(2), match.group(2))
    if span is None:
        return None
    return len(match.group(1)), span


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split ``---``-fenced front matter off the start of a Markdown text.

    Only simple ``key: value`` lines are read (keys lower-cased, surrounding
    quotes removed); anything else inside the block is ignored, so no YAML
    library is needed.

    Returns:
        The fields, and the text after the closing fence line (the whole
        text, unchanged, when there is no complete front matter block).
    """
    lines = iter_lines(text)
    first = next(lines, None)
    if first is None or first[1].rstrip() != "---":
        return {}, text
    fields: dict[str, str] = {}
    for offset, line in lines:
        if line.rstrip() in ("---", "..."):
            end = offset + len(line)
            # Drop the closing fence's own line ending too.
            if text.startswith("\r\n", end):
                end += 2
            elif text.startswith(("\n", "\r"), end):
                end += 1
            return fields, text[end:]
        match = _FRONT_MATTER_KEY.match(line)
        if match:
            fields[match.group(1).lower()] = _unquote(match.group(2).strip())
    return {}, text  # no closing fence: not front matter


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    if len(value) >= 2 and value[0] == "[" and value[-1] == "]":
        # A flow list: "[Ana Ruiz, Li Wei]" -> "Ana Ruiz, Li Wei"
        return ", ".join(_unquote(part.strip()) for part in value[1:-1].split(","))
    return value
