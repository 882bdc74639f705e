"""Provides iter_documents: read every article named on the command line,
lazily, yielding a Document per article and a ReadError per problem.

Only one file is in memory at a time (one line, for JSON Lines); nothing
raises for bad input.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, TextIO

from workbench.domain.models import Document
from workbench.sources.decode import Decoded, decode_bytes
from workbench.sources.discover import STDIN, format_for, iter_discovered, unsupported_message
from workbench.sources.errors import ReadError, Skipped, SourceProblem
from workbench.sources.htmlpage import declared_charset, read_html
from workbench.sources.jsonfile import iter_jsonl, parse_json, read_json
from workbench.sources.markdown import read_markdown
from workbench.sources.plain import read_plain
from workbench.sources.rawfile import open_article, read_article_bytes, read_stream_bytes

Reader = Callable[..., Document | Iterator[Document | ReadError]]

_READERS: dict[str, Reader] = {
    "txt": read_plain,
    "md": read_markdown,
    "html": read_html,
    "json": read_json,
}


def iter_documents(
    paths: Iterable[str], *, stdin: TextIO | BinaryIO | None = None
) -> Iterator[Document | ReadError]:
    """Yield the articles in ``paths`` (files, folders, or ``"-"`` for stdin).

    Args:
        paths: As given on the command line; folders are expanded by
            ``discover``'s rules.
        stdin: The stream read for ``"-"``; ``sys.stdin`` when None.

    Returns:
        An iterator of Documents and ReadErrors, in path order. A JSON Lines
        file gives one item per non-blank line.
    """
    for item in iter_discovered(paths):
        if isinstance(item, Skipped):
            continue  # a link out of the named folders: ingest prints the notice from discover
        if isinstance(item, ReadError):
            yield item
        elif item == STDIN:
            yield from _guard(STDIN, _read_stdin(stdin if stdin is not None else sys.stdin))
        else:
            yield from _guard(item, _read_file(item))


def _guard(
    source: str, items: Iterator[Document | ReadError]
) -> Iterator[Document | ReadError]:
    """Pass items through, ending the input with a ReadError on a SourceProblem."""
    try:
        yield from items
    except SourceProblem as problem:
        yield ReadError(source, problem.message)


def _read_file(path: str) -> Iterator[Document | ReadError]:
    fmt = format_for(path)
    if fmt is None:
        raise SourceProblem(unsupported_message(path))
    if fmt == "jsonl":
        with open_article(path) as stream:
            yield from iter_jsonl(stream, source=path, format=fmt)
        return
    data = read_article_bytes(path)
    declared = declared_charset(data) if fmt == "html" else None
    decoded = decode_bytes(data, declared=declared)
    yield from _build(fmt, decoded, source=path, format=fmt)


def _read_stdin(stream: TextIO | BinaryIO) -> Iterator[Document | ReadError]:
    data = read_stream_bytes(stream)
    looks_like_html = data.lstrip()[:1] == b"<"
    decoded = decode_bytes(data, declared=declared_charset(data) if looks_like_html else None)
    fmt = guess_format(decoded.text)
    if fmt == "json":
        try:
            parse_json(decoded.text)
        except SourceProblem:
            if _looks_like_json_lines(decoded.text):
                fmt = "jsonl"
    if fmt == "jsonl":
        payload = io.BytesIO(decoded.text.encode("utf-8", "surrogatepass"))
        for item in iter_jsonl(payload, source=STDIN, format="stdin"):
            if isinstance(item, Document):
                item.extra.update(_extra(decoded, detected_format=fmt))
            yield item
        return
    yield from _build(fmt, decoded, source=STDIN, format="stdin", detected_format=fmt)


def guess_format(text: str) -> str:
    """Guess the format of text from stdin by its first non-blank character:
    ``{`` or ``[`` is JSON, ``<`` is HTML, anything else plain text.
    """
    head = text.lstrip()[:1]
    if head in ("{", "["):
        return "json"
    if head == "<":
        return "html"
    return "txt"


def _looks_like_json_lines(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return len(lines) > 1 and all(line.startswith("{") for line in lines)


def _build(
    fmt: str, decoded: Decoded, *, source: str, format: str, detected_format: str | None = None
) -> Iterator[Document | ReadError]:
    extra = _extra(decoded, detected_format=detected_format)
    result = _READERS[fmt](decoded.text, source=source, format=format, extra=extra)
    if isinstance(result, Document):
        yield result
    else:
        yield from result


def _extra(decoded: Decoded, *, detected_format: str | None) -> dict:
    extra: dict = {"encoding": decoded.encoding}
    if decoded.guessed:
        extra["encoding_guessed"] = True
    if detected_format is not None:
        extra["detected_format"] = detected_format
    return extra
