"""Provides the terminal side of ``workbench export`` and ``workbench import-reviews``.

``run_export`` picks a writer and opens the output (a file written beside
its target and renamed into place, or stdout); ``export_command`` and
``import_reviews_command`` are the click commands ``workbench.cli`` adds to
its group.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import sys
from collections.abc import Iterator
from typing import TextIO

import click

from .cli_options import db_option
from .storage import StorageError, open_db
from .storage.export import SPEAKER_KINDS, STATUSES, ExportFilter

FORMATS = ("jsonl", "json", "csv", "markdown", "claimreview")




@contextlib.contextmanager
def _output(path: str) -> Iterator[TextIO]:
    if path == "-":
        # UTF-8 whatever the locale, and no newline translation (CSV writes \r\n itself).
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            yield out
            out.flush()
        except BrokenPipeError:  # `workbench export | head`: stop quietly
            # Point stdout at devnull so the interpreter's final flush does not fail again.
            with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        finally:
            with contextlib.suppress(ValueError, OSError):
                out.detach()
        return
    # Write beside the target and rename, so a failed export never leaves half a file.
    tmp = f"{path}.partial"
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(tmp, path)
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot write the export ({exc.strerror})") from None
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def run_export(conn, fmt: str, output: str, flt: ExportFilter, *, with_history: bool = False,
               org_name: str | None = None, org_url: str | None = None) -> int:
    """Export the selected claims in ``fmt`` to ``output`` (a path or ``-``); returns how many.

    Raises:
        click.ClickException: an unknown format, or an unwritable output.
        StorageError: a bad filter value or missing ClaimReview organisation.
    """
    if fmt in ("jsonl", "json"):
        from .storage.export import export_json, export_jsonl

        write = functools.partial(export_jsonl if fmt == "jsonl" else export_json, with_history=with_history)
    elif fmt == "csv":
        from .storage.export_csv import export_csv

        write = functools.partial(export_csv, with_history=with_history)
    elif fmt == "markdown":
        from .storage.export_markdown import export_markdown

        write = export_markdown
    elif fmt == "claimreview":
        from .storage.export_claimreview import export_claimreview, organisation

        # Checked before the output file is opened, so a missing name leaves no file.
        write = functools.partial(export_claimreview, org=organisation(org_name, org_url))
    else:
        raise click.ClickException(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    with _output(output) as out:
        return write(conn, out, flt)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="jsonl/json/csv: one record per claim; markdown: a sourcing report per article; "
                   "claimreview: schema.org JSON-LD for reviewed claims.")
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
              help="jsonl/json/csv: add 'events', every review event of the claim, so import-reviews can "
                   "replay them exactly.")
@click.option("--org-name", envvar="WORKBENCH_ORG_NAME", help="claimreview: the reviewing organisation's name "
              "[env WORKBENCH_ORG_NAME].")
@click.option("--org-url", envvar="WORKBENCH_ORG_URL", help="claimreview: the reviewing organisation's URL "
              "[env WORKBENCH_ORG_URL].")
@db_option
def export_command(fmt, output, status, article_id, speaker, speaker_kind, reviewer, since, include_superseded,
                   with_history, org_name, org_url, db_path) -> None:
    """Export claims with their speakers and review status.

    Streams: memory stays flat however many claims there are. CSV cells that
    a spreadsheet would run as a formula are prefixed with an apostrophe.

    Example:

        workbench export --format csv --status unsourced -o unsourced.csv

        workbench export --format markdown --article 3 -o report.md

        workbench export --format claimreview --org-name "Desk" --org-url https://desk.example -o reviews.json
    """
    conn = open_db(db_path, create=False)
    try:
        flt = ExportFilter(status=status, article_id=article_id, speaker=speaker, speaker_kind=speaker_kind,
                           reviewer=reviewer, since=since, include_superseded=include_superseded)
        n = run_export(conn, fmt, output, flt, with_history=with_history, org_name=org_name, org_url=org_url)
    finally:
        conn.close()
    if output != "-":
        what = "claim reviews" if fmt == "claimreview" else "claims"
        click.echo(f"exported {n} {what} to {output}", err=True)


@click.command("import-reviews")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@db_option
def import_reviews_command(file: str, db_path: str) -> None:
    """Merge another reviewer's review events from their JSONL, JSON or CSV export.

    Claims are matched by article content and offsets, not row ids, so the
    file can come from a separate copy built from the same articles. Importing
    the same file twice adds nothing; conflicting marks show in the
    review_disagreements view.

    Example:

        workbench export --with-history -o alice.jsonl --db alice.db

        workbench import-reviews alice.jsonl --db bob.db
    """
    from .storage.import_reviews import import_reviews

    conn = open_db(db_path, create=False)
    try:
        s = import_reviews(conn, file)
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
