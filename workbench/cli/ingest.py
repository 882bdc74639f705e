"""Provides the terminal side of ``workbench ingest`` and ``workbench load``: progress, error lines, the summary."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..services.analysed import Outcome
from ..services.parallel import analysed_items
from ..services.pipeline import Summary, write_analysed
from ..sources import ReadError, Skipped, discover
from ..terminal import one_line
from ..services.triage import index_is_stale, regroup_all


def error_console() -> Console:
    # soft_wrap: an error line must stay one line (file name and reason) however
    # narrow the terminal, so it can be grepped and read by scripts.
    return Console(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True)


def say(err: Console, line: object) -> None:
    """Print one line naming files or quoting data: control characters shown, never acted on, never wrapped."""
    err.print(one_line(line), markup=False)


def split_inputs(paths: Iterable[str], err: Console, *,
                 follow_links: bool = False) -> tuple[list[str], list[ReadError]]:
    """The files ``paths`` name (folders expanded) and the paths that could not be used.

    A link leaving the named folders (see :func:`~workbench.sources.discover.discover`)
    is named on ``err`` as a notice, not an error.
    """
    files, errors = [], []
    for found in discover(paths, follow_links=follow_links):
        if isinstance(found, Skipped):
            say(err, f"notice: {found}")
        elif isinstance(found, ReadError):
            errors.append(found)
        else:
            files.append(found)
    return files, errors


@contextlib.contextmanager
def progress_for(err: Console, verb: str, total: int, *, quiet: bool, duplicates: bool = True,
                 per_source: bool = True) -> Iterator[Callable[..., None]]:
    """A progress bar and the ``on_result`` callback that advances it and prints errors.

    ``total`` counts input files (``per_source``: an outcome advances the bar when its
    file is first seen) or, without ``per_source``, outcomes.
    """
    show_bar = not quiet and total > 1 and err.is_terminal
    progress = Progress(TextColumn(verb), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=err, transient=True, disable=not show_bar)
    with progress:
        task = progress.add_task(verb, total=total)
        seen: set[str] = set()

        def on_result(item: Outcome, stored=None, failure=None) -> None:
            failure = failure or item.failure
            if failure:
                say(err, f"error: {failure}")
            elif duplicates and stored is not None and stored.duplicate and not quiet:
                say(err, f"{item.source}: already stored as article {stored.article_id}, skipped")
            if not per_source:
                progress.advance(task)
            elif item.source not in seen:
                seen.add(item.source)
                progress.advance(task)

        yield on_result


def write_outcomes(conn, outcomes: Iterable[Outcome], err: Console, verb: str, total: int, *,
                   quiet: bool = False, per_source: bool = True) -> Summary:
    """Store ``outcomes`` with progress and error lines, rebuilding a stale near-duplicate index first."""
    with progress_for(err, verb, total, quiet=quiet, per_source=per_source) as on_result:
        if index_is_stale(conn):
            err.print("The near-duplicate index was built by an earlier version of the workbench; "
                      "rebuilding it once before ingesting (as 'workbench triage' does).", markup=False)
            regroup_all(conn)
        summary = write_analysed(conn, outcomes, on_result)
    if summary.stopped:
        say(err, f"error: {summary.stopped}")
    return summary


def run_ingest(conn, paths: tuple[str, ...], *, quiet: bool = False, jobs: int = 1,
               follow_links: bool = False) -> Summary:
    """Ingest ``paths`` into ``conn`` (read and analysed by ``jobs`` processes), drawing a progress bar for many files."""
    err = error_console()
    files, errors = split_inputs(paths, err, follow_links=follow_links)
    for e in errors:
        say(err, f"error: {e}")
    summary = write_outcomes(conn, analysed_items(files, jobs=jobs, stdin=sys.stdin.buffer), err, "ingesting",
                             len(files), quiet=quiet)
    summary.failures[:0] = [str(e) for e in errors]
    print_summary(summary)
    return summary


def print_summary(summary: Summary) -> None:
    click.echo(
        f"{summary.added} article{'s' if summary.added != 1 else ''} added, {summary.claims} claims, "
        f"{summary.duplicates} duplicate{'s' if summary.duplicates != 1 else ''} skipped, "
        f"{summary.failed} failed",
        err=False,
    )
    if summary.failed:
        click.echo("Fix or remove the files named above and run the same command again; "
                   "articles already stored are skipped.", err=True)
