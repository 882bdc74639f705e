"""Provides the options every ``workbench`` command shares, so command modules need not import each other."""

from __future__ import annotations

import functools

import click

from .storage import StorageError, default_path


def db_option(fn):
    """The one shared option: ``--db FILE`` (or $WORKBENCH_DB), default ./workbench.db.

    Also turns a :class:`StorageError` into a one-line ``click.ClickException``.
    """

    @click.option("--db", "db_path", type=click.Path(dir_okay=False), default=default_path,
                  show_default="workbench.db or $WORKBENCH_DB", help="The workbench SQLite file.")
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except StorageError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


def jobs_option(fn):
    """``--jobs N``/``-j N``: processes that read and analyse articles (default: every usable core)."""
    return click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                        help="Processes reading and analysing articles (default: every usable core).")(fn)


def resolve_jobs(jobs: int | None) -> int:
    """``--jobs`` as given, or the number of usable cores."""
    if jobs is not None:
        return jobs
    from .parallel import usable_cores

    return usable_cores()
