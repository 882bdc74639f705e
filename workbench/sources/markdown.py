"""Provides the Markdown reader.

The Markdown is stored as written (the extractor copes with its markup),
except that a leading ``---`` front matter block is removed from the text and
its ``title``, ``author``, ``date``/``published``, ``url``, ``outlet`` and
``id`` fields become Document metadata; all its fields are kept in
``extra["front_matter"]``.
"""

from __future__ import annotations

from workbench.domain.models import Document
from workbench.sources.errors import SourceProblem
from workbench.sources.titles import markdown_title, split_front_matter


def _pick(fields: dict[str, str], *keys: str) -> str | None:
    for key in keys:
        if fields.get(key):
            return fields[key]
    return None


def read_markdown(text: str, *, source: str, format: str, extra: dict) -> Document:
    """Build the Document for a decoded ``.md`` file."""
    fields, body = split_front_matter(text)
    if not body.strip():
        raise SourceProblem("no article text after the front matter")
    if fields:
        extra = {**extra, "front_matter": fields}
    title, headline = markdown_title(body)
    return Document(
        text=body,
        source=source,
        format=format,
        title=_pick(fields, "title") or title,
        headline=headline,
        author=_pick(fields, "author", "authors", "byline"),
        outlet=_pick(fields, "outlet", "sitename", "site", "publisher"),
        url=_pick(fields, "url", "link", "canonical_url"),
        published=_pick(fields, "published", "date"),
        external_id=_pick(fields, "id"),
        extra=extra,
    )
