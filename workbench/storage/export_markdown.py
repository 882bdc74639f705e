"""Provides the Markdown export: a per-article sourcing report for an editor.

For each article: where it came from (and which version it is), counts by
status and how much is decided, then every claim with its speaker (and role),
status, note and evidence, grouped so that what needs attention comes first:
disputed (each reviewer's mark and note shown), unsourced, contested, not yet
reviewed, then sourced. Within a group claims keep their order in the
article. Only the claims to review count (:mod:`workbench.storage.review_set`):
not those taken out, and not superseded versions unless asked for.

Article text, speakers and notes are data, never Markdown: characters that
would start emphasis, links, HTML or tables are backslash-escaped, and line
breaks inside a value are folded, so a claim full of ``[brackets]`` or
``*stars*`` renders exactly as written. Only one article's claims are held in
memory at a time.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from datetime import datetime, timezone
from typing import TextIO

from .disputes import marks
from .export import ExportFilter, iter_records, select
from .review_set import DECIDED, DECIDED_SQL, percent

# Attention order: what an editor must resolve before publication first.
STATUS_ORDER = ("disputed", "unsourced", "contested", "unreviewed", "sourced")
STATUS_LABEL = {"disputed": "Disputed (reviewers disagree)", "unsourced": "Unsourced", "contested": "Contested",
                "unreviewed": "Not yet reviewed", "sourced": "Sourced"}

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the
# ones that can change meaning mid-line (emphasis, code, links, HTML, tables,
# entities, strikethrough). Line-start markers (#, -, 1.) cannot occur because
# every value is placed after a label.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_SAFE_URL = re.compile(r"https?://[^\s<>]+\Z")


def md(value: object) -> str:
    """Escape a value for inline Markdown, folding line breaks into spaces."""
    text = " ".join(str(value).split())
    return _SPECIAL.sub(r"\\\1", text)


def _link(url: str) -> str:
    return f"<{url}>" if _SAFE_URL.match(url) else md(url)


def _speaker(rec: dict) -> str:
    name = md(rec["speaker"] or "unknown")
    extra = [md(x) for x in (rec["speaker_role"], rec["speaker_affiliation"]) if x]
    if rec["speaker_kind"] == "author":
        return f"{name} (the article's own assertion, no source named)"
    if rec["speaker_kind"] == "anonymous":
        extra.append("anonymous")
    return f"{name} ({', '.join(extra)})" if extra else name


def _version_label(conn: sqlite3.Connection, article_id: int) -> str:
    """"" for an article with one version; else "version 2 of 3" or "version 1 of 2, superseded by article 9"."""
    version, lineage = conn.execute("SELECT version, coalesce(version_of, id) FROM articles WHERE id = ?",
                                    (article_id,)).fetchone()
    latest_id, latest = conn.execute("SELECT id, version FROM articles WHERE id = ?1 OR version_of = ?1"
                                     " ORDER BY version DESC, id DESC LIMIT 1", (lineage,)).fetchone()
    if latest == 1:
        return ""
    if latest_id == article_id:
        return f"version {version} of {latest}"
    return f"version {version} of {latest}, superseded by article {latest_id}"


def _article_header(conn: sqlite3.Connection, rec: dict) -> list[str]:
    title, url, author, outlet, published = conn.execute(
        "SELECT title, url, author, outlet, published FROM articles WHERE id = ?", (rec["article_id"],)).fetchone()
    version = _version_label(conn, rec["article_id"])
    lines = [f"## {md(title or rec['source'] or 'Untitled')}" + (f" ({md(version)})" if version else ""), ""]
    facts = []
    if outlet:
        facts.append(md(outlet))
    if author:
        facts.append(f"by {md(author)}")
    if published:
        facts.append(f"published {md(published)}")
    if url:
        facts.append(_link(url))
    facts.append(f"source {md(rec['source'])}" if rec["source"] else "")
    facts.append(f"article {rec['article_id']}")
    lines += [" · ".join(f for f in facts if f), ""]
    return lines


def _claim_lines(conn: sqlite3.Connection, rec: dict) -> list[str]:
    adjudicated = rec["status"] in DECIDED and conn.execute(
        "SELECT adjudication_id IS NOT NULL FROM claim_current WHERE claim_id = ?", (rec["claim_id"],)).fetchone()[0]
    who = "decided by" if adjudicated else "by"
    lines = [f"- **{md(rec['text'])}**",
             f"  - Speaker: {_speaker(rec)}",
             f"  - Status: {STATUS_LABEL.get(rec['status'], md(rec['status']))}"
             + (f" ({who} {md(rec['reviewer'])}{', adjudicator' if adjudicated else ''},"
                f" {md(rec['reviewed_at'][:10])})" if rec["reviewer"] and rec["status"] != "disputed" else "")]
    if rec["status"] == "disputed":
        for m in marks(conn, rec["claim_id"]):
            lines.append(f"  - {md(m.reviewer)}: {STATUS_LABEL[m.status]} ({md(m.marked_at[:10])})"
                         + (f" — {md(m.note)}" if m.note else ""))
    if rec["note"]:
        lines.append(f"  - Note: {md(rec['note'])}")
    if rec["evidence"]:
        lines.append("  - Evidence: " + ", ".join(_link(u) for u in rec["evidence"]))
    lines.append(f"  - Where: characters {rec['start']}–{rec['end']}, claim {rec['claim_id']}")
    return lines


def _article_report(conn: sqlite3.Connection, claims: list[dict]) -> str:
    lines = _article_header(conn, claims[0])
    counts = {s: 0 for s in STATUS_ORDER}
    for rec in claims:
        counts[rec["status"]] = counts.get(rec["status"], 0) + 1
    decided = sum(counts[s] for s in DECIDED)
    lines += ["| Status | Claims |", "|---|---:|"]
    lines += [f"| {STATUS_LABEL[s]} | {counts[s]} |" for s in STATUS_ORDER if counts[s] or s != "disputed"]
    lines += [f"| **Total** ({decided} decided, {percent(decided, len(claims)):.0f}%) | **{len(claims)}** |", ""]
    for status in STATUS_ORDER:
        group = [r for r in claims if r["status"] == status]
        if not group:
            continue
        lines += [f"### {STATUS_LABEL[status]} ({len(group)})", ""]
        for rec in group:
            lines += _claim_lines(conn, rec)
        lines.append("")
    return "\n".join(lines) + "\n"


def export_markdown(conn: sqlite3.Connection, out: TextIO, flt: ExportFilter | None = None, *,
                    now: str | None = None) -> int:
    """Write the sourcing report for the selected claims to ``out``; returns how many claims.

    Args:
        now: the generation time printed in the heading (for reproducible tests).
    """
    now = now or datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    total, decided = select(conn, f"count(*), coalesce(sum(cc.status IN {DECIDED_SQL}), 0)", flt).fetchone()
    out.write("# Sourcing report\n\n"
              f"Generated {now}. Statuses rate how each claim is sourced in the article, not whether it "
              "is true. In each article, disputed, unsourced and contested claims come first.\n\n")
    if total:
        out.write(f"Progress: {decided} of {total} claims decided ({percent(decided, total):.0f}%).\n\n")
    n = 0
    for _, group in itertools.groupby(iter_records(conn, flt), key=lambda r: r["article_id"]):
        claims = list(group)
        out.write(_article_report(conn, claims))
        n += len(claims)
    if n == 0:
        out.write("No claims match.\n")
    return n
