"""Provides ``literal``: untrusted text (article text, titles, speaker, reviewer and file names) made inert for a terminal.

One function used by the review UI and every command that prints data.
Control characters (the ESC that opens OSC 52 clipboard writes, window
titles, OSC 8 hyperlinks and CSI screen clears; BEL, backspace, carriage
return, DEL and the C1 controls) would act on the terminal, so each is
replaced by its visible Unicode "control picture" (ESC -> U+241B, C1 ->
U+FFFD), one character for one, which keeps every claim offset valid.
Newline and tab are kept. Files and pipes get the bytes as stored:
:func:`inert_stream` only wraps a stream that is a terminal.
"""

from __future__ import annotations

import io
import os
from typing import IO

# C0 controls except newline and tab, DEL, and C1 controls.
_TABLE = {c: 0x2400 + c for c in range(0x20) if c not in (0x0A, 0x09)}
_TABLE[0x7F] = 0x2421
_TABLE.update({c: 0xFFFD for c in range(0x80, 0xA0)})


def literal(text: object) -> str:
    """``text`` (None as "") with control characters made visible, same length."""
    return ("" if text is None else str(text)).translate(_TABLE)


def one_line(text: object) -> str:
    """``literal`` with newlines and tabs as spaces, for table cells, titles and one-line messages."""
    return literal(text).replace("\n", " ").replace("\t", " ")


def is_terminal(stream: IO) -> bool:
    """True when ``stream`` (or the file descriptor under it) is a terminal."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def fd_is_terminal(fd: int) -> bool:
    """True when the open file descriptor ``fd`` is a terminal."""
    try:
        return os.isatty(fd)
    except OSError:
        return False


class _InertWriter(io.TextIOBase):
    """A text stream that writes ``literal`` text to the stream under it (CSV's \\r\\n ends a line)."""

    def __init__(self, raw: IO[str]) -> None:
        self._raw = raw

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._raw.write(literal(text.replace("\r\n", "\n")))
        return len(text)

    def flush(self) -> None:
        self._raw.flush()

    def fileno(self) -> int:
        return self._raw.fileno()


def inert_stream(stream: IO[str], terminal: bool) -> IO[str]:
    """``stream`` itself when it is a file or pipe (byte-exact), else a writer that makes control characters visible."""
    return _InertWriter(stream) if terminal else stream
