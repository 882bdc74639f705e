"""Provides the Markdown export: a per-article sourcing report for an editor.

For each article: where it came from, counts by status, then every claim
with its speaker (and role), status, note and evidence, grouped so that what
needs attention comes first: unsourced, contested, not yet reviewed, then
sourced. Within a group claims keep their order in the article.

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

from .export import ExportFilter, iter_records

# Attention order: what an editor must resolve before publication first.
STATUS_ORDER = ("unsourced", "contested", "unreviewed", "sourced")
STATUS_LABEL = {"unsourced": "Unsourced", "contested": "Contested", "unreviewed": "Not yet reviewed",
                "sourced": "Sourced"}

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


def _article_header(conn: sqlite3.Connection, rec: dict) -> list[str]:
    title, url, author, outlet, published = conn.execute(
        "SELECT title, url, author, outlet, published FROM articles WHERE id = ?", (rec["article_id"],)).fetchone()
    lines = [f"## {md(title or rec['source'] or 'Untitled')}", ""]
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


def _claim_lines(rec: dict) -> list[str]:
    lines = [f"- **{md(rec['text'])}**",
             f"  - Speaker: {_speaker(rec)}",
             f"  - Status: {STATUS_LABEL.get(rec['status'], md(rec['status']))}"
             + (f" (by {md(rec['reviewer'])}, {md(rec['reviewed_at'][:10])})" if rec["reviewer"] else "")]
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
    reviewed = len(claims) - counts["unreviewed"]
    lines += ["| Status | Claims |", "|---|---:|"]
    lines += [f"| {STATUS_LABEL[s]} | {counts[s]} |" for s in STATUS_ORDER]
    lines += [f"| **Total** ({reviewed} reviewed) | **{len(claims)}** |", ""]
    for status in STATUS_ORDER:
        group = [r for r in claims if r["status"] == status]
        if not group:
            continue
        lines += [f"### {STATUS_LABEL[status]} ({len(group)})", ""]
        for rec in group:
            lines += _claim_lines(rec)
        lines.append("")
    return "\n".join(lines) + "\n"


def export_markdown(conn: sqlite3.Connection, out: TextIO, flt: ExportFilter | None = None, *,
                    now: str | None = None) -> int:
    """Write the sourcing report for the selected claims to ``out``; returns how many claims.

    Args:
        now: the generation time printed in the heading (for reproducible tests).
    """
    now = now or datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out.write("# Sourcing report\n\n"
              f"Generated {now}. Statuses rate how each claim is sourced in the article, not whether it "
              "is true. In each article, unsourced and contested claims come first.\n\n")
    n = 0
    for _, group in itertools.groupby(iter_records(conn, flt), key=lambda r: r["article_id"]):
        claims = list(group)
        out.write(_article_report(conn, claims))
        n += len(claims)
    if n == 0:
        out.write("No claims match.\n")
    return n
