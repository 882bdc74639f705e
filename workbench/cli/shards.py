"""Provides ``workbench extract`` (articles to analysed JSONL shards, no database) and ``workbench load`` (shards into a database)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import db_option, follow_links_option, jobs_option, model_option, resolve_jobs


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", "outdir", required=True, type=click.Path(file_okay=False),
              help="Folder for the shards (created; must hold no shards yet).")
@click.option("--shard-size", type=click.IntRange(min=1), default=None,
              help="Articles per shard (default 1,000); with --scheduler, input files per cluster task (default 200).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Run on this Dask cluster (the [cluster] extra); OUTDIR must be a folder every worker shares.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary.")
@follow_links_option
@jobs_option
@model_option
def extract(paths: tuple[str, ...], outdir: str, shard_size: int | None, scheduler: str | None, quiet: bool,
            jobs: int | None, follow_links: bool = False) -> None:
    """Analyse articles into JSONL shards (claims, speakers, scores, fingerprints) without a database.

    Load them later, anywhere, with 'workbench load'. Bad files are named on
    stderr and skipped; exits 1 if anything failed.

    Example:

        workbench extract archive/ -o shards/ && workbench load shards/ --db newsroom.db
    """
    from .ingest import error_console, progress_for, say, split_inputs
    from ..services.shards import existing_shards, write_shards

    out = Path(outdir)
    if out.exists() and existing_shards(out):
        raise click.ClickException(f"{outdir}: already holds shards; choose an empty folder or remove them")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.ClickException(f"{outdir}: cannot create the folder ({exc.strerror})") from None
    err = error_console()
    files, errors = split_inputs(paths, err, follow_links=follow_links)
    for e in errors:
        say(err, f"error: {e}")
    if scheduler:
        from ..services.cluster import ClusterError, extract_on_cluster

        def on_shard(name: str, count: int, failures: list[str]) -> None:
            for failure in failures:
                say(err, f"error: {failure}")
            if not quiet:
                say(err, f"{name}: {count} files")

        try:
            kwargs = {"files_per_task": shard_size} if shard_size else {}
            written = extract_on_cluster(files, out, scheduler, on_shard=on_shard, **kwargs)
        except ClusterError as exc:
            raise click.ClickException(str(exc)) from None
    else:
        from ..services.parallel import analysed_items

        with progress_for(err, "extracting", len(files), quiet=quiet, duplicates=False) as on_result:
            outcomes = analysed_items(files, jobs=resolve_jobs(jobs), stdin=sys.stdin.buffer)
            kwargs = {"per_shard": shard_size} if shard_size else {}
            written = write_shards(outcomes, out, on_result=on_result, **kwargs)
    failed = len(errors) + len(written.failures)
    click.echo(f"{written.articles} articles, {written.claims} claims in {len(written.shards)} shard"
               f"{'s' if len(written.shards) != 1 else ''} in {outdir}; {failed} failed")
    if failed:
        sys.exit(1)


@click.command()
@click.argument("outdir", type=click.Path(file_okay=False))
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary.")
@db_option
def load(outdir: str, db_path: str, quiet: bool) -> None:
    """Store the shards 'workbench extract' wrote in OUTDIR: the same database as ingesting the articles.

    Shards are read in name order; articles already stored are skipped, groups
    are built as ingest builds them. Exits 1 if anything failed.

    Example:

        workbench load shards/ --db newsroom.db
    """
    from .ingest import error_console, print_summary, write_outcomes
    from ..services.shards import count_lines, existing_shards, read_shards
    from ..storage import open_db

    shards = existing_shards(outdir) if Path(outdir).is_dir() else []
    if not shards:
        raise click.ClickException(f"{outdir}: no shards (shard-*.jsonl) here; write them with 'workbench extract'")
    conn = open_db(db_path)
    try:
        summary = write_outcomes(conn, read_shards(outdir), error_console(), "loading", count_lines(shards),
                                 quiet=quiet, per_source=False)
    finally:
        conn.close()
    print_summary(summary)
    if summary.failed:
        sys.exit(1)
