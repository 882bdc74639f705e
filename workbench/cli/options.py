"""Provides the options every ``workbench`` command shares, so command modules need not import each other."""

from __future__ import annotations

import functools

import click

from ..storage import StorageError, default_path


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
    from ..services.parallel import usable_cores

    return usable_cores()


def model_option(fn):
    """``--model FILE|rules``: the attribution model the command extracts with.

    Default: the desk's own model beside the database (``workbench learn``
    writes it), else the one shipped with the package. The choice is put in
    ``$WORKBENCH_MODEL`` so worker processes use it too; a missing or
    unusable file is a one-line error.
    """

    @click.option("--model", "model_path", default=None, metavar="FILE|rules",
                  help="Attribution model file, or 'rules' for the rules alone "
                       "(default: the desk model beside the database, else the shipped one).")
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
