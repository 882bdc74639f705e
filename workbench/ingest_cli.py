"""Provides the terminal side of ``workbench ingest``: progress, error lines, the summary."""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from .parallel import analysed_items
from .pipeline import Summary, write_analysed
from .sources import ReadError, discover
from .triage import index_is_stale, regroup_all


def run_ingest(conn, paths: tuple[str, ...], *, quiet: bool = False, jobs: int = 1) -> Summary:
    """Ingest ``paths`` into ``conn`` (read and analysed by ``jobs`` processes), drawing a progress bar for many files."""
    # soft_wrap: an error line must stay one line (file name and reason) however
    # narrow the terminal, so it can be grepped and read by scripts.
    err = Console(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True)
    files = discover(paths)
    errors = [f for f in files if isinstance(f, ReadError)]
    files = [f for f in files if not isinstance(f, ReadError)]
    show_bar = not quiet and len(files) > 1 and err.is_terminal
    progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=err, transient=True, disable=not show_bar)
    with progress:
        task = progress.add_task("ingest", total=len(files))
        seen: set[str] = set()

        def on_result(item, stored, failure) -> None:
            if failure:
                err.print(f"error: {failure}", markup=False)
            elif stored is not None and stored.duplicate and not quiet:
                err.print(f"{item.source}: already stored as article {stored.article_id}, skipped", markup=False)
            src = item.source
            if src not in seen:
                seen.add(src)
                progress.advance(task)

        for e in errors:
            err.print(f"error: {e}", markup=False)
        if index_is_stale(conn):
            err.print("The near-duplicate index was built by an earlier version of the workbench; "
                      "rebuilding it once before ingesting (as 'workbench triage' does).", markup=False)
            regroup_all(conn)
        summary = write_analysed(conn, analysed_items(files, jobs=jobs, stdin=sys.stdin.buffer), on_result)
    if summary.stopped:
        err.print(f"error: {summary.stopped}", markup=False)
    summary.failures[:0] = [str(e) for e in errors]
    click.echo(
        f"{summary.added} article{'s' if summary.added != 1 else ''} added, {summary.claims} claims, "
        f"{summary.duplicates} duplicate{'s' if summary.duplicates != 1 else ''} skipped, "
        f"{summary.failed} failed",
        err=False,
    )
    if summary.failed:
        click.echo("Fix or remove the files named above and run the same command again; "
                   "articles already stored are skipped.", err=True)
    return summary
