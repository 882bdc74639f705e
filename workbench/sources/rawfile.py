"""Provides bounded reads of files and streams: the size limit is checked
before reading, so an oversized input is refused without loading it.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO, TextIO

from workbench.sources import limits
from workbench.sources.errors import SourceProblem

# Read size for streams and for files that grow while being read.
_CHUNK = 1 << 16


def open_article(path: str) -> BinaryIO:
    """Open a regular file for binary reading, turning OS errors into problems.

    Raises:
        SourceProblem: missing, not a regular file, or not readable.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            # FIFOs and devices could block or never end.
            raise SourceProblem("not a regular file")
        return open(path, "rb")
    except OSError as error:
        raise SourceProblem(describe_os_error(error)) from None


def read_article_bytes(path: str) -> bytes:
    """Read a whole file of at most ``MAX_ARTICLE_BYTES``.

    Raises:
        SourceProblem: unreadable or too large (checked with os.stat first).
    """
    try:
        size = os.stat(path).st_size
    except OSError as error:
        raise SourceProblem(describe_os_error(error)) from None
    if size > limits.MAX_ARTICLE_BYTES:
        raise SourceProblem(limits.too_large(size))
    with open_article(path) as handle:
        # read(n) allocates n bytes up front: ask for the file's size (plus one
        # byte, to notice growth), not the limit, so small files stay cheap.
        data = _read_bounded(handle, first=size + 1)
    if len(data) > limits.MAX_ARTICLE_BYTES:
        # The file grew between stat and read.
        raise SourceProblem(limits.too_large(None))
    return data


def read_stream_bytes(stream: TextIO | BinaryIO) -> bytes:
    """Read standard input (or any stream) up to ``MAX_ARTICLE_BYTES``.

    A text stream is read through its binary ``buffer`` when it has one, so
    the bytes are decoded by our rules, not the terminal's locale.

    Raises:
        SourceProblem: unreadable or over the limit.
    """
    source = getattr(stream, "buffer", stream)
    data = _read_bounded(source, first=_CHUNK)
    if len(data) > limits.MAX_ARTICLE_BYTES:
        raise SourceProblem(limits.too_large(None))
    return data


def _read_bounded(handle: TextIO | BinaryIO, *, first: int) -> bytes:
    """Read until EOF or just past ``MAX_ARTICLE_BYTES``, in chunks.

    A text stream without a buffer (StringIO) gives str, encoded as UTF-8.
    """
    limit = limits.MAX_ARTICLE_BYTES + 1
    chunks: list[bytes] = []
    total = 0
    want = min(first, limit)
    try:
        while total < limit:
            chunk = handle.read(want)
            if not chunk:
                break
            if isinstance(chunk, str):
                chunk = chunk.encode("utf-8", "surrogatepass")
            chunks.append(chunk)
            total += len(chunk)
            want = min(_CHUNK, limit - total)
    except OSError as error:
        raise SourceProblem(describe_os_error(error)) from None
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def describe_os_error(error: OSError) -> str:
    """One line for an OS error, with the fix where there is an obvious one."""
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, PermissionError):
        return "permission denied: cannot read it (check its permissions)"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    reason = error.strerror or type(error).__name__
    return f"cannot read: {reason}"
