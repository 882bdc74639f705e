"""Provides reading of article files into Documents: plain text, Markdown,
HTML, JSON and JSON Lines, from files, folders or standard input.

    for item in iter_documents(["samples/"]):
        if isinstance(item, ReadError):
            print(item)          # "samples/x.bin: binary file, not an article"
        else:
            store(item)          # a workbench.domain.models.Document
"""

from workbench.sources.discover import SUPPORTED_EXTENSIONS, discover
from workbench.sources.errors import ReadError, Skipped
from workbench.sources.limits import MAX_ARTICLE_BYTES
from workbench.sources.read import iter_documents

__all__ = [
    "MAX_ARTICLE_BYTES",
    "SUPPORTED_EXTENSIONS",
    "ReadError",
    "Skipped",
    "discover",
    "iter_documents",
]
