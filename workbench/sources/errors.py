"""Provides ReadError, the value yielded for input that cannot be read, Skipped, for
a file left out on purpose, and SourceProblem, the exception readers raise internally to produce one.

Readers never let an exception for bad input escape ``iter_documents``: each
problem becomes one ``ReadError`` naming the file (and line, for JSON Lines).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReadError:
    """One input that could not be read, with a one-line reason.

    Attributes:
        source: The path as given (joined with the file's path inside a
            folder), or ``"-"`` for standard input.
        message: What is wrong and, where useful, what to do about it.
        line: The 1-based line number inside a JSON Lines file, if any.
    """

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.source}: {self.message}"
        return f"{self.source}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file a folder listing left out on purpose (not an error), with a one-line reason.

    Example: a symbolic link in a named folder that points outside every named folder.
    """

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class SourceProblem(Exception):
    """Raised inside the readers; the dispatcher turns it into a ReadError."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
