"""Provides the terminal side of ``workbench export`` and ``workbench import-reviews``.

``run_export`` picks a writer and opens the output (see
:mod:`workbench.storage.export_output`: stdout, a special file written in
place, or a regular file replaced atomically); ``export_command`` and
``import_reviews_command`` are the click commands ``workbench.cli`` adds to
its group.
"""

from __future__ import annotations

import functools
import sys

import click

from .options import db_option
from ..storage import StorageError, open_db
from ..storage.export import SPEAKER_KINDS, STATUSES, ExportFilter
from ..storage.export_output import open_output

FORMATS = ("jsonl", "json", "csv", "markdown", "claimreview", "parquet")


def run_export(conn, fmt: str, output: str, flt: ExportFilter, *, with_history: bool = False,
               org_name: str | None = None, org_url: str | None = None, csv_raw: bool = False,
               public_notes: bool = False) -> int:
    """Export the selected claims in ``fmt`` to ``output`` (a path or ``-``); returns how many.

    Raises:
        click.ClickException: an unknown format, or parquet to a terminal.
        StorageError: a bad filter value, a missing ClaimReview organisation, no
            pyarrow for parquet, or an unwritable output.
    """
    if fmt in ("jsonl", "json"):
        from ..storage.export import export_json, export_jsonl

        write = functools.partial(export_jsonl if fmt == "jsonl" else export_json, with_history=with_history)
    elif fmt == "csv":
        from ..storage.export_csv import export_csv

        write = functools.partial(export_csv, with_history=with_history, raw=csv_raw)
    elif fmt == "markdown":
        from ..storage.export_markdown import export_markdown

        write = export_markdown
    elif fmt == "claimreview":
        from ..storage.export_claimreview import export_claimreview, organisation

        # Checked before the output file is opened, so a missing name leaves no file.
        write = functools.partial(export_claimreview, org=organisation(org_name, org_url),
                                  public_notes=public_notes)
    elif fmt == "parquet":
        from ..storage.export_parquet import export_parquet, schema

        schema()  # pyarrow is an optional extra: say so before the output file is opened
        if output == "-" and sys.stdout.isatty():
            raise click.ClickException("parquet is a binary format: give an output file with -o FILE")
        write = functools.partial(export_parquet, with_history=with_history)
    else:
        raise click.ClickException(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    with open_output(output, text=fmt != "parquet") as out:
        return write(conn, out, flt)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="jsonl/json/csv: one record per claim; markdown: a sourcing report per article; "
                   "claimreview: schema.org JSON-LD for reviewed claims; parquet: the jsonl fields as typed "
                   "columns (needs the parquet extra).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Output file (default: stdout).")
@click.option("--status", type=click.Choice(STATUSES), help="Only claims with this current status.")
@click.option("--article", "article_id", type=int, help="Only this article id.")
@click.option("--speaker", help="Only claims by this speaker (name or alias, any case).")
@click.option("--speaker-kind", type=click.Choice(SPEAKER_KINDS), help="Only claims by this kind of speaker.")
@click.option("--reviewer", help="Only claims this reviewer has marked.")
@click.option("--since", help="Only claims with review events at or after this ISO date/time (UTC).")
@click.option("--include-superseded", is_flag=True,
              help="Also claims of article versions a newer version replaced (left out by default).")
@click.option("--with-history", is_flag=True,
              help="jsonl/json/csv/parquet: add 'events', every review event of the claim, so import-reviews "
                   "can replay them exactly.")
@click.option("--csv-raw", is_flag=True,
              help="csv: keep every cell exactly as stored, formulas included (for pipelines, not spreadsheets).")
@click.option("--public-notes", is_flag=True,
              help="claimreview: publish reviewers' notes in ratingExplanation (they are internal by default).")
@click.option("--org-name", envvar="WORKBENCH_ORG_NAME", help="claimreview: the reviewing organisation's name "
              "[env WORKBENCH_ORG_NAME].")
@click.option("--org-url", envvar="WORKBENCH_ORG_URL", help="claimreview: the reviewing organisation's URL "
              "[env WORKBENCH_ORG_URL].")
@db_option
def export_command(fmt, output, status, article_id, speaker, speaker_kind, reviewer, since, include_superseded,
                   with_history, csv_raw, public_notes, org_name, org_url, db_path) -> None:
    """Export claims with their speakers and review status.

    Streams: memory stays flat however many claims there are. CSV cells that
    a spreadsheet would run as a formula are prefixed with an apostrophe
    (every other cell is exactly as stored; --csv-raw leaves them all as
    stored). ClaimReview leaves reviewers' notes out unless --public-notes.

    Example:

        workbench export --format csv --status unsourced -o unsourced.csv

        workbench export --format markdown --article 3 -o report.md

        workbench export --format claimreview --org-name "Desk" --org-url https://desk.example -o reviews.json

        workbench export --format parquet -o claims.parquet
    """
    conn = open_db(db_path, create=False)
    try:
        flt = ExportFilter(status=status, article_id=article_id, speaker=speaker, speaker_kind=speaker_kind,
                           reviewer=reviewer, since=since, include_superseded=include_superseded)
        n = run_export(conn, fmt, output, flt, with_history=with_history, org_name=org_name, org_url=org_url,
                       csv_raw=csv_raw, public_notes=public_notes)
    finally:
        conn.close()
    if output != "-":
        what = "claim reviews" if fmt == "claimreview" else "claims"
        click.echo(f"exported {n} {what} to {output}", err=True)


@click.command("import-reviews")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--csv-raw", is_flag=True, help="The CSV was exported with --csv-raw: take its cells as written "
              "(detected by itself when the file holds a formula the export would have neutralised).")
@db_option
def import_reviews_command(file: str, csv_raw: bool, db_path: str) -> None:
    """Merge another reviewer's review events from their JSONL, JSON or CSV export.

    Claims are matched by article content and offsets, not row ids, so the
    file can come from a separate copy built from the same articles. Importing
    the same file twice adds nothing; conflicting marks show in the
    review_disagreements view.

    Example:

        workbench export --with-history -o alice.jsonl --db alice.db

        workbench import-reviews alice.jsonl --db bob.db
    """
    from ..storage.import_reviews import import_reviews

    conn = open_db(db_path, create=False)
    try:
        s = import_reviews(conn, file, csv_raw=csv_raw)
    finally:
        conn.close()
    click.echo(f"{file}: {s.records} records, {s.added} review events added to {len(s.claims)} claims, "
               f"{s.duplicates} already present")
    skipped = []
    if s.unmatched_articles:
        skipped.append(f"{s.unmatched_articles} for articles not in this database")
    if s.unmatched_claims:
        skipped.append(f"{s.unmatched_claims} for claims not found at their offsets")
    if skipped:
        click.echo("skipped " + "; ".join(skipped), err=True)
    if s.refused:
        click.echo(f"refused {sum(s.refused.values())} event(s): "
                   + "; ".join(f"{n} {reason}" for reason, n in sorted(s.refused.items())), err=True)
        for line in s.refused_examples:
            click.echo(f"  {line}", err=True)
    if s.disagreements:
        click.echo(f"{s.disagreements} claims now have conflicting marks ({s.disputed} disputed until an adjudicator"
                   " decides: press D in the review UI); see the review_disagreements view", err=True)
