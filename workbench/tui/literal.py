"""Provides literal display of untrusted text (article text, speaker names, notes) in widgets.

Markup is never parsed: callers wrap text in ``Content``/``rich.text.Text``
directly. Control characters (ANSI escapes, carriage returns, bells) would act
on the terminal, so each is replaced by its visible Unicode "control picture"
(ESC -> U+241B), one character for one, which keeps every claim offset valid.
"""

from __future__ import annotations

from textual.content import Content

# One table for the UI and the command line: workbench.terminal.
from workbench.terminal import literal, one_line  # noqa: F401  (re-exported for the screens)


def plain(text: str | None, style: str = "") -> Content:
    """Literal ``Content`` (never markup) with an optional style."""
    content = Content(literal(text), strip_control_codes=False)
    return content.stylize(style) if style else content
