"""Provides ``workbench rules``, ``workbench agreement`` and ``workbench reextract``: learning from reviewers' corrections."""

from __future__ import annotations

import sys

import click
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .options import db_option, model_option
from ..terminal import literal as inert


def _console() -> Console:
    # Piped output is not cut to 80 columns: rule names and headers stay whole.
    return Console(highlight=False, markup=False, emoji=False, width=None if sys.stdout.isatty() else 120)


def _fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


@click.command()
@db_option
def rules(db_path: str) -> None:
    """Print each extraction rule's precision from reviewers' corrections, worst first.

    A claim counts as reviewed once it is marked or corrected, and as
    corrected when a reviewer changed its speaker, its span (including a merge)
    or said it is not a claim. Precision = 1 - corrected / reviewed. The same
    figures are the rule_precision view. Claims reviewers added (the
    extractor's misses) are counted below the table.

    Example:

        workbench rules --db newsroom.db
    """
    from ..storage import open_db
    from ..storage.rule_precision import extractor_misses, rule_precision

    conn = open_db(db_path, create=False)
    try:
        rows = rule_precision(conn)
        misses = extractor_misses(conn)
    finally:
        conn.close()
    if not rows:
        click.echo("no claims yet; run 'workbench ingest' first")
        return
    table = Table(title="Rule precision (worst first)", box=box.SIMPLE_HEAD)
    table.add_column("rule", no_wrap=True, min_width=max(len(r.rule) for r in rows))
    for col in ("claims", "reviewed", "corrected", "speaker", "not claim", "span", "precision"):
        table.add_column(col, justify="right", no_wrap=True, min_width=len(col))
    for r in rows:
        table.add_row(Text(inert(r.rule)), str(r.claims), str(r.reviewed), str(r.corrected), str(r.speaker_changed),
                      str(r.not_claim), str(r.span_changed), _fmt(r.precision))
    _console().print(table)
    click.echo(f"Missed by the extractor (claims reviewers added): {misses.claims} in {misses.articles} article(s)")


@click.command()
@db_option
def agreement(db_path: str) -> None:
    """Print reviewer agreement: per pair (common claims, percent agreement, Cohen's kappa) and Krippendorff's alpha.

    Each reviewer's latest decision (sourced, unsourced, contested) per claim
    counts; claims marked not-a-claim are left out. The same figures are the
    reviewer_pairs and reviewer_alpha views.

    Example:

        workbench agreement --db merged.db
    """
    from ..storage import open_db
    from ..storage.agreement import agreement as compute

    conn = open_db(db_path, create=False)
    try:
        pairs, alpha = compute(conn)
    finally:
        conn.close()
    console = _console()
    if not pairs:
        click.echo("no two reviewers have decided the same claim yet")
    else:
        table = Table(title="Reviewer pairs", box=box.SIMPLE_HEAD)
        for col in ("reviewer", "reviewer", "claims", "agreement %", "kappa"):
            table.add_column(col, justify="left" if col == "reviewer" else "right", no_wrap=True)
        for p in pairs:
            table.add_row(Text(inert(p.reviewer_a)), Text(inert(p.reviewer_b)), str(p.claims), f"{p.percent:.1f}", _fmt(p.kappa))
        console.print(table)
    click.echo(f"Krippendorff's alpha (nominal): {_fmt(alpha.alpha)} over {alpha.units} claims, "
               f"{alpha.reviewers} reviewers, {alpha.pairable_values} decisions")


@click.command()
@click.option("--article", "article_id", type=int, default=None, help="Only this article (default: all).")
@model_option
@db_option
def reextract(db_path: str, article_id: int | None) -> None:
    """Re-run the current extractor over stored articles, keeping every claim that has history.

    A claim whose span and text are unchanged keeps its id, reviews and
    corrections; new spans become new claims; a vanished claim with reviews
    or corrections is kept and flagged extractor_dropped. One transaction per
    article.

    Example:

        workbench reextract --article 12
    """
    from .. import __version__
    from ..domain import analyse
    from ..storage import open_db
    from ..storage.reextract import article_ids, reextract as run
    from ..storage.leftovers import unscored_articles
    from ..services.complete import complete_claims

    conn = open_db(db_path, create=False)
    try:
        # Claims an interrupted reextract stored but did not score (any article) are completed first.
        for aid in unscored_articles(conn):
            complete_claims(conn, aid)
        for aid in list(article_ids(conn, article_id)):
            r = run(conn, aid, analyse, __version__)
            complete_claims(conn, aid)
            click.echo(f"article {aid}: {r.kept} kept, {r.added} new, {r.removed} removed,"
                       f" {r.dropped_with_history} dropped by the extractor but kept for their history")
    finally:
        conn.close()
