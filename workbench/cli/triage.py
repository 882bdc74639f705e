"""Provides ``workbench diff`` and ``workbench triage``: what changed between article versions, and rescoring/regrouping."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .options import db_option
from ..terminal import literal as inert

_STYLE = {"unchanged": "dim", "changed": "yellow", "added": "green", "removed": "red"}


@click.command()
@click.argument("article")
@db_option
def diff(article: str, db_path: str) -> None:
    """Show what changed between the last two versions of ARTICLE (an article id, url or external id), claim by claim.

    Texts and speakers are as reviewers corrected them. Unchanged claims
    carried their reviews and corrections over; changed and added claims are
    unreviewed; removed claims stay with the old version, which is superseded
    (out of the queue and exports). Corrections that could not be carried are
    listed after the table.

    Example:

        workbench diff https://example.com/news/strikes
    """
    from ..storage import open_db
    from ..storage.versions import diff as version_diff
    from ..storage.versions import word_diff

    conn = open_db(db_path, create=False)
    try:
        result = version_diff(conn, article)
    finally:
        conn.close()
    console = Console(highlight=False, markup=False, emoji=False)
    table = Table(title=Text(f"article {result.lineage_id}: version {result.old_version} (article "
                             f"{result.old_article_id}) -> version {result.new_version} (article "
                             f"{result.new_article_id})"))
    for name in ("", "claim", "speaker", "status"):
        table.add_column(name)
    for c in result.changes:
        if c.kind == "changed":
            body = Text()
            for tag, words in word_diff(c.old_text or "", c.new_text or ""):
                if body:
                    body.append(" ")
                body.append(inert(words), style={"=": "", "-": "red strike", "+": "green"}[tag])
        else:
            body = Text(inert(c.new_text if c.new_text is not None else c.old_text or ""))
        status = "carried: " + c.status if c.kind == "unchanged" else c.status
        if c.excluded:
            status += " (not a claim)" if c.excluded == "not_claim" else " (merged away)"
        table.add_row(Text(c.kind, style=_STYLE[c.kind]), body, Text(inert(c.speaker)), Text(status))
    console.print(table)
    if result.not_carried:
        click.echo(f"{len(result.not_carried)} correction(s) of version {result.old_version} not carried to version "
                   f"{result.new_version}:")
        for n in result.not_carried:
            click.echo(f"  claim {n.old_claim_id}: {n.what} — {n.reason}")
    else:
        click.echo(f"Every correction of version {result.old_version} was carried to version {result.new_version}.")


@click.command()
@db_option
def triage(db_path: str) -> None:
    """Rescore every claim's check-worthiness and rebuild the near-duplicate groups.

    Ingest does this for each new article; run it after upgrading the
    workbench (new scoring rules or fingerprints) or on a database ingested
    before triage existed.

    Example:

        workbench triage --db newsroom.db
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ..storage import open_db
    from ..storage.leftovers import note_triage_started
    from ..services.triage import regroup_all, rescore_all

    conn = open_db(db_path, create=False)
    err = Console(stderr=True, highlight=False, markup=False, emoji=False)
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err,
                      transient=True, disable=not err.is_terminal) as progress:
            task = progress.add_task("rescoring", total=2)
            note_triage_started(conn)  # until the groups are rebuilt, check reports an interrupted triage
            scored = rescore_all(conn)
            progress.update(task, advance=1, description="regrouping")
            stats = regroup_all(conn)
            progress.advance(task)
    finally:
        conn.close()
    click.echo(f"{scored} claims scored; {stats.grouped_claims} claims in {stats.groups} near-duplicate groups")
