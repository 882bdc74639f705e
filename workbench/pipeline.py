"""Provides the ingest pipeline: documents in, analysed and stored articles out.

It joins the three layers (sources read files, the domain extracts claims,
storage writes them) and reports each outcome to a callback, so the CLI can
draw progress and the batch goes on past bad input.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import __version__
from .domain import analyse
from .domain.models import Analysis, Document
from .sources import ReadError
from .storage.db import atomic
from .storage.ingest import BATCH_ARTICLES, Stored, batch, store
from .triage import triage_article

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
    on_result: Callable[[Document | ReadError, Stored | None, str | None], None] | None = None,
) -> Summary:
    """Analyse and store each document; a bad one is counted and skipped.

    Documents are analysed outside any transaction, then stored a chunk at a
    time (up to ``BATCH_ARTICLES`` articles or ``BATCH_SECONDS`` of analysis)
    in one commit with a SAVEPOINT per article: each article is still all or
    nothing, the write lock is held only while storing, and a crash loses at
    most the uncommitted chunk, which a re-run adds (stored articles are
    skipped as duplicates). Each newly stored article is triaged
    (check-worthiness scores, near-duplicate groups) in the same savepoint.
    ``on_result(item, stored, failure)`` is called for each item once its
    chunk is committed; ``failure`` is the one-line error for a bad item.
    """
    summary = Summary()
    chunk: list[tuple[Document | ReadError, Analysis | str | None]] = []
    started = time.monotonic()
    for item in items:
        if isinstance(item, ReadError):
            chunk.append((item, None))
        else:
            try:
                chunk.append((item, analyse(item.text, item.headline)))
            except (ValueError, RecursionError) as exc:
                chunk.append((item, _failure(item, exc)))
        if len(chunk) >= BATCH_ARTICLES or time.monotonic() - started >= BATCH_SECONDS:
            _store_chunk(conn, chunk, summary, on_result)
            chunk = []
            started = time.monotonic()
    if chunk:
        _store_chunk(conn, chunk, summary, on_result)
    return summary


# The most analysis time a chunk collects (besides BATCH_ARTICLES), so a
# reviewer's mark never waits long for the write lock and progress stays live.
BATCH_SECONDS = 0.25


def _failure(item: Document, exc: BaseException) -> str:
    where = f"{item.source}:{item.line}" if item.line else item.source
    return f"{where}: could not extract claims ({exc})"


def _store_chunk(conn, chunk, summary: Summary, on_result) -> None:
    results: list[tuple[Stored | None, str | None]] = []
    with batch(conn):
        for item, analysis in chunk:
            result = failure = None
            if isinstance(item, ReadError):
                failure = str(item)
            elif isinstance(analysis, str):
                failure = analysis
            else:
                try:
                    # One savepoint for the article and its triage: a failure in
                    # either leaves no trace of the article.
                    with atomic(conn, "ingest_article"):
                        result = store(conn, item, analysis, EXTRACTOR_VERSION)
                        if not result.duplicate:
                            triage_article(conn, result.article_id)
                except (ValueError, RecursionError) as exc:
                    failure = _failure(item, exc)
                else:
                    if result.duplicate:
                        summary.duplicates += 1
                    else:
                        summary.added += 1
                        summary.claims += result.claims
            if failure:
                summary.failures.append(failure)
            results.append((result, failure))
    if on_result:
        for (item, _), (result, failure) in zip(chunk, results):
            on_result(item, result, failure)
