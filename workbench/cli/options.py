"""Provides the options every ``workbench`` command shares, so command modules need not import each other."""

from __future__ import annotations

import functools
import os
import stat

import click

from ..storage import StorageError, default_path
from ..terminal import one_line


def db_option(fn):
    """The one shared option: ``--db FILE`` (or $WORKBENCH_DB), default ./workbench.db.

    Also turns a :class:`StorageError` into a one-line ``click.ClickException``.
    """

    @click.option("--db", "db_path", type=click.Path(dir_okay=False), default=default_path, callback=check_db_path,
                  show_default="workbench.db or $WORKBENCH_DB", help="The workbench SQLite file.")
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except StorageError as exc:  # it names files: control characters shown, never acted on
            raise click.ClickException(one_line(str(exc))) from None

    return wrapper


_NODE_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
               (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"))


def check_db_path(ctx: click.Context | None, param: click.Parameter | None, value: str | None) -> str | None:
    """Refuse a ``--db`` (or $WORKBENCH_DB) that cannot hold the workbench: ``:memory:`` or a non-regular file.

    ``:memory:`` would be a database that vanishes when the command ends (an ingest reported
    its articles "added" and stored nothing); a device node or FIFO is not a file SQLite can
    keep a database and its ``-journal`` in.
    """
    if value is None:
        return value
    if value.strip() == ":memory:" or value.startswith("file::memory:"):
        raise click.ClickException(f"--db {one_line(value)} is an in-memory database, lost when the command ends; "
                                   "give a database file with --db FILE (or WORKBENCH_DB)")
    try:
        mode = os.stat(value).st_mode  # follows links: a link to a device is refused too
    except OSError:
        return value  # missing (created later) or unreadable: the opener says why
    for test, kind in _NODE_KINDS:
        if test(mode):
            raise click.ClickException(f"{one_line(value)}: is {kind}, not a database file; give a regular file with --db FILE")
    return value


def follow_links_option(fn):
    """``--follow-links``: read symbolic links in folders even when they point outside the folders named."""
    return click.option("--follow-links", is_flag=True,
                        help="Read links inside folders wherever they point (by default a link leaving the "
                             "folders named is skipped with a notice).")(fn)


def jobs_option(fn):
    """``--jobs N``/``-j N``: processes that read and analyse articles (default: every usable core)."""
    return click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                        help="Processes reading and analysing articles (default: every usable core).")(fn)


def resolve_jobs(jobs: int | None) -> int:
    """``--jobs`` as given, or the number of usable cores."""
    if jobs is not None:
        return jobs
    from ..services.parallel import usable_cores

    return usable_cores()


def model_option(fn):
    """``--model FILE|rules``: the attribution model the command extracts with.

    Default: ``$WORKBENCH_MODEL`` when set, else the desk's own model beside
    the database (``workbench learn`` writes it), else the one shipped with
    the package. The choice is put in
    ``$WORKBENCH_MODEL`` so worker processes use it too; a missing or
    unusable file is a one-line error.
    """

    @click.option("--model", "model_path", default=None, metavar="FILE|rules",
                  help="Attribution model file, or 'rules' for the rules alone "
                       "(default: $WORKBENCH_MODEL, else the desk model beside the database, else the "
                       "shipped one).")
    @functools.wraps(fn)
    def wrapper(*args, model_path: str | None = None, **kwargs):
        choose_model(model_path, kwargs.get("db_path"))
        return fn(*args, **kwargs)

    return wrapper


def desk_model_path(db_path: str) -> str:
    """Where ``workbench learn`` writes the desk's model: beside the database."""
    return f"{db_path}.model.npz"


def choose_model(model_path: str | None, db_path: str | None) -> str:
    """Set ``$WORKBENCH_MODEL`` for this process and its workers; returns what was chosen (for messages)."""
    import os

    from ..domain.extractor import MODEL_ENV, RULES_ONLY, ModelError, load_model

    if model_path is None and os.environ.get(MODEL_ENV):
        model_path = os.environ[MODEL_ENV]  # set by the user (or by a parent workbench process)
    if model_path is None and db_path is not None and os.path.exists(desk_model_path(db_path)):
        model_path = desk_model_path(db_path)
        click.echo(f"using the desk's model {model_path} (from workbench learn; --model to choose another)",
                   err=True)
    if model_path is None:
        os.environ.pop(MODEL_ENV, None)
        return "shipped"
    if model_path != RULES_ONLY:
        model_path = os.path.abspath(model_path)
        try:
            load_model(model_path)
        except ModelError as exc:
            raise click.ClickException(str(exc)) from None
    os.environ[MODEL_ENV] = model_path
    return model_path
