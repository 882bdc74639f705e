"""Provides the size and content limits applied to every input, and the
wording of the "too large" message.

The limits are module attributes read at call time (``limits.MAX_ARTICLE_BYTES``),
so tests can lower them with ``monkeypatch``.
"""

from __future__ import annotations

# Largest article accepted, in bytes (decimal megabytes: 20 MB). Checked with
# os.stat before a file is opened, and per line for JSON Lines, so a huge
# input is refused without being read. A long wire story is under 100 kB; a
# book-length file is not an article, and holding it in SQLite and the UI
# would be slow.
MAX_ARTICLE_BYTES = 20_000_000

# A first line longer than this is a paragraph, not a headline: the title is
# then shortened for display and no headline span is set.
MAX_TITLE_CHARS = 300

# A decoded text in which more than this share of characters are C0 control
# characters (other than tab, newline, carriage return, form feed, vertical
# tab) is treated as binary. A few control characters or ANSI escapes in an
# article are kept as literal data.
MAX_CONTROL_SHARE = 0.3


def megabytes(size: int) -> str:
    """Format a byte count as decimal megabytes: ``52428800`` -> ``"52.4 MB"``."""
    return f"{size / 1_000_000:.1f} MB"


def too_large(size: int | None, what: str = "") -> str:
    """The message for an input over ``MAX_ARTICLE_BYTES``.

    Args:
        size: The input's size in bytes, or None when it is only known to be
            over the limit (standard input is not read to its end).
        what: What was measured, e.g. ``"line "``; empty for a whole file.
    """
    limit = f"{MAX_ARTICLE_BYTES / 1_000_000:g} MB limit"
    if size is None:
        return f"{what}too large (over the {limit})"
    return f"{what}too large ({megabytes(size)} > {limit})"
