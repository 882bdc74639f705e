"""Provides generators for the large bad inputs, written into a temporary
folder at test time (too big to commit):

- ``make_huge_article``: a 50 MiB plain-text article (52.4 MB), over the
  20 MB limit;
- ``make_long_line``: a 5 MB article that is one single line;
- ``make_jsonl_with_long_line``: JSON Lines whose middle record is one 5 MB line.

Each writes in chunks, so generating does not itself hold the file in memory.
"""

from __future__ import annotations

import json
from pathlib import Path

MIB = 1024 * 1024
_SENTENCE = "The council said the budget would be published on Friday, officials said. "


def _write_repeated(path: Path, head: str, size: int, chunk: str = _SENTENCE) -> Path:
    block = (chunk * (MIB // len(chunk) + 1))[:MIB].encode("ascii")
    with path.open("wb") as handle:
        written = handle.write(head.encode("utf-8"))
        while written < size:
            part = block[: size - written]
            written += handle.write(part)
    return path


def make_huge_article(folder: Path, size: int = 50 * MIB) -> Path:
    """A plain-text article of ``size`` bytes: a title line, then one long paragraph."""
    return _write_repeated(folder / "huge-article.txt", "A very long article\n\n", size)


def make_long_line(folder: Path, size: int = 5 * MIB) -> Path:
    """A ``.txt`` file of ``size`` bytes with no line break at all."""
    return _write_repeated(folder / "long-line.txt", "", size)


def make_jsonl_with_long_line(folder: Path, text_size: int = 5 * MIB) -> Path:
    """JSON Lines: a short record, one record of about ``text_size`` bytes, a short record."""
    path = folder / "long-line.jsonl"
    short = {"id": "s1", "title": "Short one", "text": "Short one\n\nThe mayor said yes."}
    last = {"id": "s3", "title": "Short two", "text": "Short two\n\nThe council said no."}
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(short) + "\n")
        handle.write('{"id": "big", "title": "Big", "text": "')
        remaining = text_size
        while remaining > 0:
            part = _SENTENCE * min(remaining // len(_SENTENCE) + 1, 10_000)
            part = part[:remaining]
            handle.write(part)
            remaining -= len(part)
        handle.write('"}\n')
        handle.write(json.dumps(last) + "\n")
    return path
