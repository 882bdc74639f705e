"""Provides the ingest pipeline: documents in, analysed and stored articles out.

It joins the three layers (sources read files, the domain extracts claims,
storage writes them) and reports each outcome to a callback, so the CLI can
draw progress and the batch goes on past bad input.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import __version__
from .domain import analyse
from .domain.models import Document
from .sources import ReadError
from .storage.ingest import Stored, store

EXTRACTOR_VERSION = __version__


@dataclass
class Summary:
    """Counts for the closing line of an ingest."""

    added: int = 0
    claims: int = 0
    duplicates: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


def ingest_documents(
    conn: sqlite3.Connection,
    items: Iterable[Document | ReadError],
    on_result: Callable[[Document | ReadError, Stored | None], None] | None = None,
) -> Summary:
    """Analyse and store each document; a bad one is counted and skipped."""
    summary = Summary()
    for item in items:
        result = None
        if isinstance(item, ReadError):
            summary.failures.append(str(item))
        else:
            try:
                result = store(conn, item, analyse(item.text, item.headline), EXTRACTOR_VERSION)
            except (ValueError, RecursionError) as exc:
                where = f"{item.source}:{item.line}" if item.line else item.source
                summary.failures.append(f"{where}: could not extract claims ({exc})")
            else:
                if result.duplicate:
                    summary.duplicates += 1
                else:
                    summary.added += 1
                    summary.claims += result.claims
        if on_result:
            on_result(item, result)
    return summary
