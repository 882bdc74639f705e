"""Provides discover: expand the paths given on the command line into the
files to read, in a stable order.

Folders are walked recursively in sorted order. Inside a folder, hidden
files and folders (names starting with ".") are skipped, as are files with
an unsupported extension and README files (a folder of articles often
documents itself in one, as ``samples/`` does). A file named explicitly is
always kept, so an unsupported one gets a clear ReadError when read.

Symbolic links inside a folder are not followed out of the folders named on
the command line (``ln -s /etc/shadow articles/x.txt`` would store a secret
as an article): such a link is a ``Skipped`` notice unless ``follow_links``.
A link that stays inside a named folder is read as usual.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from types import MappingProxyType

from workbench.sources.errors import ReadError, Skipped
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


def discover(paths: Iterable[str], *, follow_links: bool = False) -> list[str | ReadError | Skipped]:
    """Expand folders into their supported files; keep files and ``"-"``.

    Args:
        paths: as given on the command line.
        follow_links: read links inside folders wherever they point (and walk
            linked folders); by default a link leaving the named folders is skipped.

    Returns:
        Paths, each the path as given joined with the file's path inside it
        (``samples/`` -> ``samples/seed.txt``), in order, with a ReadError in
        place of a missing path or a folder holding no supported file.
    """
    return list(iter_discovered(paths, follow_links=follow_links))


def iter_discovered(paths: Iterable[str], *, follow_links: bool = False) -> Iterator[str | ReadError | Skipped]:
    """The lazy form of ``discover``: one folder is listed at a time."""
    paths = list(paths)
    roots = tuple(os.path.join(os.path.realpath(p), "") for p in paths if p != STDIN and os.path.isdir(p))
    for path in paths:
        if path == STDIN:
            yield path
        elif os.path.isdir(path):
            yield from _walk(path, None if follow_links else roots)
        elif os.path.lexists(path):
            yield path
        else:
            yield ReadError(path, "no such file or directory")


def _outside(path: str, roots: tuple[str, ...]) -> str | None:
    """Where the link ``path`` leads, when that is outside every named folder (``roots``, each ending in "/")."""
    target = os.path.realpath(path)
    return None if os.path.join(target, "").startswith(roots) else target


def _walk(top: str, roots: tuple[str, ...] | None) -> Iterator[str | ReadError | Skipped]:
    """The supported files under ``top``; with ``roots``, links leaving them are Skipped notices."""
    found: list[tuple[tuple[str, ...], str]] = []
    problems: list[ReadError | Skipped] = []
    skipped = 0
    seen: set[str] = set()  # folders walked, by real path: a followed link to an ancestor is no loop

    def on_error(error: OSError) -> None:
        where = error.filename or top
        problems.append(ReadError(where, describe_os_error(error)))

    for folder, subfolders, files in os.walk(top, onerror=on_error, followlinks=roots is None):
        seen.add(os.path.realpath(folder))
        kept = []
        for name in subfolders:
            sub = os.path.join(folder, name)
            if name.startswith(".") or os.path.realpath(sub) in seen:
                continue
            if roots is not None and os.path.islink(sub):
                target = _outside(sub, roots)
                if target is not None:
                    problems.append(Skipped(sub, f"skipped: a link to {target}, outside the folders named; "
                                                 "add --follow-links to read it"))
                continue  # a link inside the folders: its files are listed where they are
            kept.append(name)
        subfolders[:] = kept
        relative = os.path.relpath(folder, top)
        parts = () if relative == os.curdir else tuple(relative.split(os.sep))
        for name in files:
            if name.startswith("."):
                continue
            if format_for(name) is None or _is_readme(name):
                skipped += 1
                continue
            if roots is not None and os.path.islink(os.path.join(folder, name)):
                target = _outside(os.path.join(folder, name), roots)
                if target is not None:
                    problems.append(Skipped(os.path.join(folder, name), f"skipped: a link to {target}, outside "
                                                                       "the folders named; add --follow-links to read it"))
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
