"""Provides ``workbench backup`` and ``workbench check``: a safe copy of a live database, and a health report."""

from __future__ import annotations

import sys

import click

from .options import db_option
from ..terminal import literal as inert


@click.command()
@click.argument("dest", type=click.Path(dir_okay=False))
@db_option
def backup(dest: str, db_path: str) -> None:
    """Copy the database to DEST (a new file) while reviewers keep working.

    Uses SQLite's online backup: the copy is one consistent snapshot, checked
    before it is put in place. DEST must not exist; nothing is overwritten.

    Example:

        workbench backup backups/workbench-$(date +%F).db
    """
    from ..storage.maintenance import backup as run_backup

    result = run_backup(db_path, dest)
    click.echo(f"backed up {db_path} to {result.path} ({result.bytes:,} bytes): {result.articles} articles, "
               f"{result.claims} claims, {result.review_events} review events")


@click.command()
@db_option
def check(db_path: str) -> None:
    """Check the database for damage and inconsistencies, without changing it.

    Runs SQLite's integrity and foreign-key checks and the workbench's own
    (claim offsets, current statuses) and says what it found in plain words.
    Exits 1 if anything is wrong.

    Example:

        workbench check --db newsroom.db
    """
    from ..storage.maintenance import check as run_check

    report = run_check(db_path)
    for line in report.ok_lines:
        click.echo(f"ok: {inert(line)}")
    for line in report.notes:
        click.echo(f"note: {inert(line)}")
    for line in report.problems:
        click.echo(inert(f"problem: {line}" if not line.startswith("  ") else line), err=True)
    if report.ok:
        click.echo(f"{db_path}: no problems found.")
    else:
        click.echo(f"{db_path}: {sum(not p.startswith('  ') for p in report.problems)} problem(s) found.", err=True)
        sys.exit(1)
