"""Provides document_from_record: one JSON object (from .json, .jsonl or
stdin) to one Document, with each field checked and named when wrong.

Fields: ``text`` or ``body`` (required), and optional ``title``, ``url``,
``author`` (string or list of strings), ``published`` (or ``date``), ``id``
(string or integer) and ``outlet``. Other fields are ignored.
"""

from __future__ import annotations

from workbench.domain.models import Document
from workbench.sources.decode import check_text, check_unicode
from workbench.sources.errors import SourceProblem
from workbench.sources.titles import first_line_title, headline_or_title, iter_lines
from workbench.sources.titles import stripped_span


def json_type(value: object) -> str:
    """The JSON name of a parsed value's type, with an article: "a list"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def document_from_record(
    record: object,
    *,
    source: str,
    format: str,
    line: int | None = None,
    extra: dict | None = None,
) -> Document:
    """Build a Document from one parsed JSON value.

    If the text's first non-blank line is the given title, it is the
    headline; if a title is given and the text does not start with it, the
    text is stored as given and there is no headline; with no title, the
    first line is the title, as for ``.txt``.

    Raises:
        SourceProblem: not an object, no usable text, or a field of the wrong type.
    """
    if not isinstance(record, dict):
        raise SourceProblem(f"expected a JSON object, got {json_type(record)}")
    text = _text_field(record)
    given_title = _string(record, "title")
    if given_title is not None:
        given_title = " ".join(given_title.split()) or None
    if given_title is not None:
        title: str | None = given_title
        headline = _leading_title_span(text, given_title)
    else:
        title, headline = first_line_title(text)
    published = _string(record, "published")
    if published is None:
        published = _string(record, "date")
    return Document(
        text=text,
        source=source,
        format=format,
        title=title,
        headline=headline,
        author=_author(record),
        outlet=_string(record, "outlet"),
        url=_string(record, "url"),
        published=published,
        external_id=_identifier(record),
        line=line,
        extra=dict(extra or {}),
    )


def _text_field(record: dict) -> str:
    key = next((k for k in ("text", "body") if record.get(k) is not None), None)
    if key is None:
        raise SourceProblem("no 'text' or 'body' field")
    value = record[key]
    if not isinstance(value, str):
        raise SourceProblem(f"'{key}' must be a string, got {json_type(value)}")
    if not value.strip():
        raise SourceProblem(f"empty '{key}' field")
    try:
        check_text(value)
    except SourceProblem as problem:
        raise SourceProblem(f"'{key}' field: {problem.message}") from None
    return value


def _string(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SourceProblem(f"'{key}' must be a string, got {json_type(value)}")
    return _checked(key, value).strip() or None


def _author(record: dict) -> str | None:
    value = record.get("author")
    if isinstance(value, list):
        if not all(isinstance(name, str) for name in value):
            raise SourceProblem("'author' must be a string or a list of strings")
        for name in value:
            _checked("author", name)
        names = [name.strip() for name in value if name.strip()]
        return ", ".join(names) or None
    return _string(record, "author")


def _identifier(record: dict) -> str | None:
    value = record.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise SourceProblem(f"'id' must be a string or an integer, got {json_type(value)}")
    return _checked("id", str(value)).strip() or None


def _checked(key: str, value: str) -> str:
    """``value`` if it is text the database can hold, else a SourceProblem naming the field ``key``."""
    try:
        check_unicode(value)
    except SourceProblem as problem:
        raise SourceProblem(f"'{key}' field: {problem.message}") from None
    return value


def _leading_title_span(text: str, title: str):
    """The span of the first non-blank line if it is ``title`` (ignoring
    spacing and case), else None.
    """
    for offset, line in iter_lines(text):
        span = stripped_span(offset, line)
        if span is None:
            continue
        if " ".join(span.text.split()).casefold() == title.casefold():
            return headline_or_title(span)[1]
        return None
    return None
