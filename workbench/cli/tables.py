"""Provides readable terminal tables for ``workbench stats`` and ``workbench claims``.

Every value from the database is passed as ``rich.text.Text`` so article text
is never read as markup.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..terminal import literal as inert
from ..storage.review_set import percent

STATUS_STYLE = {"sourced": "green", "unsourced": "red", "contested": "yellow", "unreviewed": "dim",
                "disputed": "magenta"}


def _console() -> Console:
    return Console(highlight=False, markup=False, emoji=False)


def print_stats(t, progress: list[dict]) -> None:
    console = _console()
    overview = Table(title="Workbench", show_header=False)
    overview.add_column("what")
    overview.add_column("count", justify="right")
    for label, value in (("articles", t.articles), ("claims to review", t.claims), ("speakers", t.speakers),
                         ("review events", t.review_events)):
        overview.add_row(label, str(value))
    for status in ("unreviewed", "sourced", "unsourced", "contested", "disputed"):
        overview.add_row(Text(f"  {status}", style=STATUS_STYLE[status]), str(t.by_status.get(status, 0)))
    overview.add_row(Text("  decided", style="bold"), f"{t.decided} ({t.percent:.0f}%)")
    if t.out_of_review:
        overview.add_row(Text("out of review (not claims, old versions)", style="dim"),
                         str(t.out_of_review))
    for kind, n in t.by_kind.items():
        overview.add_row(Text(f"  by {kind}"), str(n))
    console.print(overview)
    if progress:
        table = Table(title="Articles (latest first; superseded versions are not counted above)")
        for col in ("id", "title", "claims", "decided", "sourced", "unsourced", "contested", "disputed"):
            table.add_column(col, justify="right" if col != "title" else "left", overflow="fold")
        for row in progress:
            title = Text(inert(row["title"] or row["source"] or ""))
            if row["superseded"]:
                title.append(f" (version {row['version']}, superseded)", style="dim")
            elif row["version"] > 1:
                title.append(f" (version {row['version']})", style="dim")
            table.add_row(str(row["article_id"]), title, str(row["claims"]),
                          f"{row['reviewed']} ({percent(row['reviewed'], row['claims']):.0f}%)",
                          *(str(row[k]) for k in ("sourced", "unsourced", "contested", "disputed")))
        console.print(table)


def print_claims(rows: list[dict], *, has_claims: bool = True) -> None:
    console = _console()
    if not rows:
        console.print("no claims match these filters" if has_claims
                      else "no claims yet; load articles with 'workbench ingest PATH'")
        return
    table = Table()
    table.add_column("id", justify="right")
    table.add_column("art", justify="right")
    table.add_column("status")
    table.add_column("speaker (kind)", max_width=28, overflow="fold")
    table.add_column("claim", overflow="fold")
    for r in rows:
        table.add_row(str(r["claim_id"]), str(r["article_id"]),
                      Text(r["status"], style=STATUS_STYLE.get(r["status"], "")),
                      Text(inert(f"{r['speaker']} ({r['speaker_kind']})")), Text(inert(r["text"])))
    console.print(table)
