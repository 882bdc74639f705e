"""Provides the ingest pipeline's writer: analysed articles in, stored, triaged and committed in input order.

Documents are read and analysed elsewhere (in this process, or in the worker
processes of :mod:`workbench.services.parallel`); the writer does only what needs the
database: store each article, group its claims with the stored ones, commit a
chunk at a time. Each outcome is reported to a callback, so the CLI can draw
progress and the batch goes on past bad input.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .analysed import EXTRACTOR_VERSION, Outcome, analyse_item, failure_line, unpack
from ..domain.models import Document
from .parallel import WorkerDied
from ..sources import ReadError
from ..storage.db import atomic
from ..storage.ingest import BATCH_ARTICLES, Stored, batch, store_claims
from .triage import triage_inputs

__all__ = ["EXTRACTOR_VERSION", "Summary", "ingest_documents", "write_analysed"]

OnResult = Callable[[Outcome, Stored | None, str | None], None]


@dataclass
class Summary:
    """Counts for the closing line of an ingest, and where the writer's time went."""

    added: int = 0
    claims: int = 0
    duplicates: int = 0
    failures: list[str] = field(default_factory=list)
    #: Seconds the writer spent: waiting for analysed articles ("wait": the analysis itself
    #: when it runs in this process), decoding them ("unpack"), storing ("store"), triage
    #: ("triage"), and committing with the batch's FTS fill ("commit").
    timings: dict[str, float] = field(default_factory=lambda: dict.fromkeys(
        ("wait", "unpack", "store", "triage", "commit"), 0.0))

    #: Why the input stopped early (a worker process died), or None.
    stopped: str | None = None

    @property
    def failed(self) -> int:
        return len(self.failures)


def ingest_documents(conn: sqlite3.Connection, items: Iterable[Document | ReadError],
                     on_result: OnResult | None = None) -> Summary:
    """Analyse (in this process) and store each document; a bad one is counted and skipped.

    :func:`workbench.services.parallel.analysed_items` does the analysis in worker processes
    instead; either way the stored result is the same.
    """
    return write_analysed(conn, map(analyse_item, items), on_result)


def write_analysed(conn: sqlite3.Connection, outcomes: Iterable[Outcome],
                   on_result: OnResult | None = None) -> Summary:
    """Store analysed articles in the order given, a chunk per commit.

    A chunk is up to ``BATCH_ARTICLES`` articles, ``BATCH_CLAIMS`` claims or
    ``BATCH_SECONDS`` of waiting for them, stored in one commit with a
    SAVEPOINT per article: each article (with its triage: scores,
    near-duplicate groups) is still all or nothing,
    the write lock is held only while storing, and a crash loses at most the
    uncommitted chunk, which a re-run adds (stored articles are skipped as
    duplicates). ``on_result(outcome, stored, failure)`` is called for each
    outcome once its chunk is committed; ``failure`` is the one-line error for a
    bad input. If a worker process dies, what arrived before is stored and
    ``Summary.stopped`` says what happened.
    """
    summary = Summary()
    it = iter(outcomes)
    try:
        _collect(conn, it, summary, on_result)
    finally:
        # Stop a pool of workers now, even when storing failed, not when the generator is collected.
        close = getattr(it, "close", None)
        if close is not None:
            close()
    return summary


def _collect(conn: sqlite3.Connection, it: Iterator[Outcome], summary: Summary, on_result: OnResult | None) -> None:
    timings = summary.timings
    chunk: list[Outcome] = []
    claims = 0
    started = time.monotonic()
    try:
        while True:
            t0 = time.perf_counter()
            outcome = next(it, None)
            timings["wait"] += time.perf_counter() - t0
            if outcome is None:
                break
            chunk.append(outcome)
            if outcome.record is not None:
                claims += len(outcome.record["claims"])
            if (len(chunk) >= BATCH_ARTICLES or claims >= BATCH_CLAIMS
                    or time.monotonic() - started >= BATCH_SECONDS):
                _store_chunk(conn, chunk, summary, on_result)
                chunk.clear()
                claims = 0
                started = time.monotonic()
    except WorkerDied as exc:
        # What arrived before the failure is sound: keep it, then report the failure.
        summary.stopped = str(exc)
        summary.failures.append(str(exc))
    if chunk:
        _store_chunk(conn, chunk, summary, on_result)


# The most waiting a chunk collects (besides BATCH_ARTICLES), so a reviewer's
# mark never waits long for the write lock and progress stays live.
BATCH_SECONDS = 0.25
# The most claims a chunk holds in memory: one 5 MB single-line article can have 70,000.
BATCH_CLAIMS = 20_000


def _store_chunk(conn: sqlite3.Connection, chunk: list[Outcome], summary: Summary,
                 on_result: OnResult | None) -> None:
    results: list[tuple[Stored | None, str | None]] = []
    timings = summary.timings
    t_chunk = time.perf_counter()
    spent = 0.0
    with batch(conn):
        for outcome in chunk:
            result = None
            failure = outcome.failure
            if failure is None:
                t0 = time.perf_counter()
                a = None
                try:
                    a = unpack(outcome.record)
                    t1 = time.perf_counter()
                    # One savepoint for the article and its triage: a failure in
                    # either leaves no trace of the article.
                    with atomic(conn, "ingest_article"):
                        result = store_claims(conn, a.doc, a.byline, a.speakers, a.surfaces, a.rows, a.extractor)
                        t2 = time.perf_counter()
                        if not result.duplicate:
                            triage_inputs(conn, result.article_id, a.triage)
                except (ValueError, RecursionError) as exc:
                    t1 = t2 = time.perf_counter()
                    result = None
                    failure = (failure_line(a.doc, exc) if a is not None
                               else f"{outcome.source}: not an analysed article ({exc})")
                else:
                    if result.duplicate:
                        summary.duplicates += 1
                    else:
                        summary.added += 1
                        summary.claims += result.claims
                t3 = time.perf_counter()
                timings["unpack"] += t1 - t0
                timings["store"] += t2 - t1
                timings["triage"] += t3 - t2
                spent += t3 - t0
            if failure:
                summary.failures.append(failure)
            results.append((result, failure))
    timings["commit"] += time.perf_counter() - t_chunk - spent
    if on_result:
        for outcome, (result, failure) in zip(chunk, results):
            on_result(outcome, result, failure)
