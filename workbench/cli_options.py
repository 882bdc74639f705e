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
