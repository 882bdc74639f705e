"""Provides literal display of untrusted text (article text, speaker names, notes).

Markup is never parsed: callers wrap text in ``Content``/``rich.text.Text``
directly. Control characters (ANSI escapes, carriage returns, bells) would act
on the terminal, so each is replaced by its visible Unicode "control picture"
(ESC -> U+241B), one character for one, which keeps every claim offset valid.
"""

from __future__ import annotations

from textual.content import Content

# C0 controls except newline and tab, DEL, and C1 controls.
_TABLE = {c: 0x2400 + c for c in range(0x20) if c not in (0x0A, 0x09)}
_TABLE[0x7F] = 0x2421
_TABLE.update({c: 0xFFFD for c in range(0x80, 0xA0)})


def literal(text: str | None) -> str:
    """``text`` with control characters made visible, same length."""
    return (text or "").translate(_TABLE)


def one_line(text: str | None) -> str:
    """``literal`` with newlines and tabs as spaces, for table cells and titles."""
    return literal(text).replace("\n", " ").replace("\t", " ")


def plain(text: str | None, style: str = "") -> Content:
    """Literal ``Content`` (never markup) with an optional style."""
    content = Content(literal(text), strip_control_codes=False)
    return content.stylize(style) if style else content
