"""Provides the ``workbench`` command line: ingest, review, export, mark, stats (claims: review_cli).

Each command is a few lines calling ``storage``, ``sources`` or the pipeline;
known errors become one-line ``click.ClickException`` messages.
"""

from __future__ import annotations

import os
import sys

import click

from .. import __version__
from .options import check_db_path, db_option, follow_links_option, jobs_option, model_option, resolve_jobs
from ..storage import open_db


def _open(db_path: str, create: bool = True):
    return open_db(db_path, create=create)


@click.group(invoke_without_command=True)
@click.version_option(__version__, prog_name="workbench")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None, callback=check_db_path,
              help="With no command: the database to review (default workbench.db or $WORKBENCH_DB).")
@click.option("--reviewer", default=None, help="With no command: your reviewer name.")
@click.option("--adjudicator", is_flag=True, default=None, help="With no command: you may decide disputed claims.")
@click.pass_context
def main(ctx: click.Context, db_path: str | None, reviewer: str | None, adjudicator: bool | None) -> None:
    """Claims workbench: extract claims and who made them from news articles, then review them.

    With no command, opens the review UI on ./workbench.db (or $WORKBENCH_DB).

    Example:

        workbench ingest samples/ && workbench
    """
    if ctx.invoked_subcommand is None:
        kwargs = {"reviewer": reviewer, "adjudicator": bool(adjudicator)}
        if db_path is not None:
            kwargs["db_path"] = db_path
        ctx.invoke(review, **kwargs)
    elif db_path is not None or reviewer is not None or adjudicator:
        raise click.UsageError("put --db and --reviewer after the command name, e.g. 'workbench export --db FILE'")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary.")
@follow_links_option
@jobs_option
@model_option
@db_option
def ingest(paths: tuple[str, ...], db_path: str, quiet: bool, jobs: int | None, follow_links: bool = False) -> None:
    """Load articles (files, folders recursively, or - for stdin) and extract their claims.

    Formats: .txt, .md, .html/.htm, .json, .jsonl. Bad files are named on
    stderr and skipped; the rest of the batch is stored. Exits 1 if anything
    failed. Files are read and analysed by --jobs processes (default: every
    usable core); one writer stores them in input order, so the database is
    the same for any --jobs.

    Example:

        workbench ingest samples/ article.html -
    """
    from .ingest import run_ingest

    conn = _open(db_path)
    try:
        summary = run_ingest(conn, paths, quiet=quiet, jobs=resolve_jobs(jobs), follow_links=follow_links)
    finally:
        conn.close()
    if summary.stopped:
        # A worker died: everything is committed and reported. Leave without the interpreter's
        # exit-time join of the process pool's threads, which can block after a broken pool.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(1)
    if summary.failed:
        sys.exit(1)


@main.command()
@click.argument("claim_id", type=int)
@click.argument("status")
@click.option("--note", help="A note to keep with the mark.")
@click.option("--evidence", help="An evidence URL.")
@click.option("--reviewer", help="Reviewer name (default: $WORKBENCH_REVIEWER, the config file, or your login name).")
@db_option
def mark(claim_id: int, status: str, note, evidence, reviewer, db_path) -> None:
    """Mark a claim sourced, unsourced or contested (or 'clear' it).

    Example:

        workbench mark 12 unsourced --note "no named source" --evidence https://example.org/x
    """
    from .review import _reviewer, echo_stored
    from ..storage import reviews

    who = _reviewer(reviewer)
    conn = _open(db_path, create=False)
    try:
        if status.strip().lower() == "clear":
            event = reviews.clear(conn, claim_id, who)
        else:
            event = reviews.mark(conn, claim_id, status, who, note=note, evidence_url=evidence)
        echo_stored(conn, event)
    finally:
        conn.close()


@main.command()
@db_option
def stats(db_path: str) -> None:
    """Show counts of articles, claims, speakers and review statuses.

    Example:

        workbench stats --db newsroom.db
    """
    from ..storage.queries import article_progress, totals
    from .tables import print_stats

    conn = _open(db_path, create=False)
    try:
        print_stats(totals(conn), article_progress(conn))
    finally:
        conn.close()


@main.command()
@click.option("--reviewer", help="Your name (default: $WORKBENCH_REVIEWER, the config file, or your login name).")
@click.option("--adjudicator", is_flag=True, help="You may decide disputed claims (or list your name under "
              "adjudicators in the config file).")
@db_option
def review(db_path: str, reviewer: str | None, adjudicator: bool = False) -> None:
    """Open the review terminal UI.

    Example:

        workbench review --db newsroom.db --reviewer alice
    """
    # Imported here so headless commands never pay for loading Textual.
    from ..services.config import ConfigError, is_adjudicator, load_config, reviewer_name
    from ..tui.app import run_app

    conn = _open(db_path)
    conn.close()
    try:
        config = load_config()
        who = reviewer_name(reviewer, config)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    run_app(db_path, who.name, reviewer_source=who.source,
            adjudicator=is_adjudicator(who.name, flag=adjudicator, config=config))


from .export import export_command, import_reviews_command  # noqa: E402
from .maintenance import backup, check  # noqa: E402
from .triage import diff, triage  # noqa: E402
from .corrections import agreement, reextract, rules  # noqa: E402
from .model import learn, train  # noqa: E402
from .review import adjudicate_command, claims_command  # noqa: E402
from .serve import serve  # noqa: E402
from .shards import extract, load  # noqa: E402

for _command in (export_command, import_reviews_command, backup, check, rules, agreement, reextract, diff, triage,
                 claims_command, adjudicate_command, serve, extract, load, train, learn):
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
