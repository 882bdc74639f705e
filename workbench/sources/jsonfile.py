"""Provides the JSON readers: ``.json`` (an object or a list of objects) and
``.jsonl`` (one object per line, read line by line).

A JSON Lines file is streamed: each line is read with a bounded
``readline``, so a file of many articles, or one enormous line, never
sits in memory whole. A bad line gives a ReadError with its line number and
the remaining lines are still read.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import BinaryIO

from workbench.domain.models import Document
from workbench.sources import limits
from workbench.sources.decode import BINARY, EMPTY
from workbench.sources.errors import ReadError, SourceProblem
from workbench.sources.records import document_from_record, json_type

_CHUNK = 1 << 16
# How many bytes at the start are checked for NULs before reading lines.
_SNIFF = 8192
# A file whose first lines are all bad is probably not JSON Lines at all:
# stop rather than print an error for each of its lines.
MAX_BAD_LINES_BEFORE_ANY_GOOD = 20


def parse_json(text: str, *, one_line: bool = False) -> object:
    """``json.loads`` with its failures as SourceProblems.

    Args:
        one_line: The text is one JSON Lines line: give only the column.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"column {error.colno}" if one_line else f"line {error.lineno} column {error.colno}"
        # Some messages already end in " at" ("Unterminated string starting at").
        message = error.msg.removesuffix(" at")
        raise SourceProblem(f"invalid JSON: {message} at {where}") from None
    except RecursionError:
        raise SourceProblem("invalid JSON: nested too deeply") from None
    except ValueError as error:  # e.g. an integer with too many digits
        raise SourceProblem(f"invalid JSON: {error}") from None


def read_json(
    text: str, *, source: str, format: str, extra: dict
) -> Iterator[Document | ReadError]:
    """Yield the article(s) of a decoded ``.json`` file."""
    value = parse_json(text)
    if isinstance(value, dict):
        yield document_from_record(value, source=source, format=format, extra=extra)
        return
    if not isinstance(value, list):
        raise SourceProblem(
            f"expected a JSON object or a list of objects, got {json_type(value)}"
        )
    if not value:
        raise SourceProblem("empty JSON list: no articles")
    for number, item in enumerate(value, start=1):
        try:
            yield document_from_record(
                item, source=source, format=format, extra={**extra, "item": number}
            )
        except SourceProblem as problem:
            yield ReadError(source, f"item {number}: {problem.message}")


def iter_jsonl(
    stream: BinaryIO, *, source: str, format: str
) -> Iterator[Document | ReadError]:
    """Yield one Document or ReadError per non-blank line of a JSON Lines stream.

    The stream must be seekable (a file, or BytesIO for stdin).

    Raises:
        SourceProblem: for the whole file: binary, empty, or not UTF-8 at all.
    """
    head = stream.read(_SNIFF)
    if b"\x00" in head:
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise SourceProblem("JSON Lines must be UTF-8, not UTF-16; re-save it as UTF-8")
        raise SourceProblem(BINARY)
    stream.seek(0)
    seen_content = False
    documents = 0
    bad_run = 0
    number = 0
    while True:
        raw = stream.readline(limits.MAX_ARTICLE_BYTES + 1)
        if not raw:
            break
        number += 1
        if len(raw) > limits.MAX_ARTICLE_BYTES:
            size = len(raw) + _skip_rest_of_line(stream, raw)
            seen_content = True
            yield ReadError(source, limits.too_large(size, "line "), line=number)
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        if not raw.strip():
            continue  # blank lines between records are harmless
        seen_content = True
        try:
            document = _line_document(raw, source=source, format=format, number=number)
        except SourceProblem as problem:
            yield ReadError(source, problem.message, line=number)
            bad_run += 1
            if documents == 0 and bad_run >= MAX_BAD_LINES_BEFORE_ANY_GOOD:
                raise SourceProblem(
                    f"stopped after {bad_run} bad lines and no good one: is this JSON Lines?"
                ) from None
            continue
        documents += 1
        yield document
    if not seen_content:
        raise SourceProblem(EMPTY)


def _line_document(raw: bytes, *, source: str, format: str, number: int) -> Document:
    try:
        text = raw.rstrip(b"\r\n").decode("utf-8")
    except UnicodeDecodeError:
        raise SourceProblem("not valid UTF-8 (JSON Lines must be UTF-8)") from None
    record = parse_json(text, one_line=True)
    if not isinstance(record, dict):
        raise SourceProblem(f"expected a JSON object on each line, got {json_type(record)}")
    return document_from_record(
        record, source=source, format=format, line=number, extra={"encoding": "utf-8"}
    )


def _skip_rest_of_line(stream: BinaryIO, head: bytes) -> int:
    """Read past the rest of an oversized line in bounded chunks; return its length."""
    if head.endswith(b"\n"):
        return 0
    skipped = 0
    while True:
        chunk = stream.readline(_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped
