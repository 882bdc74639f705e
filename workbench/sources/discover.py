"""Provides discover: expand the paths given on the command line into the
files to read, in a stable order.

Folders are walked recursively in sorted order. Inside a folder, hidden
files and folders (names starting with ".") are skipped, as are files with
an unsupported extension and README files (a folder of articles often
documents itself in one, as ``samples/`` does). A file named explicitly is
always kept, so an unsupported one gets a clear ReadError when read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from types import MappingProxyType

from workbench.sources.errors import ReadError
from workbench.sources.rawfile import describe_os_error

STDIN = "-"

# Extension (lower case) -> Document.format.
SUPPORTED_EXTENSIONS = MappingProxyType(
    {
        ".txt": "txt",
        ".md": "md",
        ".markdown": "md",
        ".html": "html",
        ".htm": "html",
        ".json": "json",
        ".jsonl": "jsonl",
    }
)


def format_for(path: str) -> str | None:
    """The Document format for a file path, or None if unsupported."""
    return SUPPORTED_EXTENSIONS.get(os.path.splitext(path)[1].lower())


def unsupported_message(path: str) -> str:
    """The ReadError message for a file with an unsupported extension."""
    supported = ", ".join(SUPPORTED_EXTENSIONS)
    extension = os.path.splitext(path)[1]
    if not extension:
        return f"unsupported file type (no extension; supported: {supported})"
    return f"unsupported file type '{extension}' (supported: {supported})"


def discover(paths: Iterable[str]) -> list[str | ReadError]:
    """Expand folders into their supported files; keep files and ``"-"``.

    Returns:
        Paths, each the path as given joined with the file's path inside it
        (``samples/`` -> ``samples/seed.txt``), in order, with a ReadError in
        place of a missing path or a folder holding no supported file.
    """
    return list(iter_discovered(paths))


def iter_discovered(paths: Iterable[str]) -> Iterator[str | ReadError]:
    """The lazy form of ``discover``: one folder is listed at a time."""
    for path in paths:
        if path == STDIN:
            yield path
        elif os.path.isdir(path):
            yield from _walk(path)
        elif os.path.lexists(path):
            yield path
        else:
            yield ReadError(path, "no such file or directory")


def _walk(top: str) -> Iterator[str | ReadError]:
    found: list[tuple[tuple[str, ...], str]] = []
    problems: list[ReadError] = []
    skipped = 0

    def on_error(error: OSError) -> None:
        where = error.filename or top
        problems.append(ReadError(where, describe_os_error(error)))

    for folder, subfolders, files in os.walk(top, onerror=on_error):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        relative = os.path.relpath(folder, top)
        parts = () if relative == os.curdir else tuple(relative.split(os.sep))
        for name in files:
            if name.startswith("."):
                continue
            if format_for(name) is None or _is_readme(name):
                skipped += 1
                continue
            found.append(((*parts, name), os.path.join(folder, name)))
    found.sort()
    yield from (path for _, path in found)
    yield from problems
    if not found and not problems:
        other = f"; {skipped} other file(s) skipped" if skipped else ""
        supported = ", ".join(SUPPORTED_EXTENSIONS)
        yield ReadError(top, f"no supported files in folder (looked for {supported}{other})")


def _is_readme(name: str) -> bool:
    return os.path.splitext(name)[0].lower() == "readme"
