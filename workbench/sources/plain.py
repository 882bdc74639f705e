"""Provides the plain-text reader: the stored text is the decoded file,
unchanged (line endings included); the first non-blank line is the title.
"""

from __future__ import annotations

from workbench.domain.models import Document
from workbench.sources.titles import first_line_title


def read_plain(text: str, *, source: str, format: str, extra: dict) -> Document:
    """Build the Document for a decoded ``.txt`` file (or plain stdin)."""
    title, headline = first_line_title(text)
    return Document(
        text=text, source=source, format=format, title=title, headline=headline, extra=extra
    )
