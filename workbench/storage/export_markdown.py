"""Provides the Markdown export: a per-article sourcing report for an editor.

For each article: a heading with its title, outlet, byline and publication
date, then its URL and source, counts by status, then every claim with its
speaker (and role), status, note and evidence, grouped so that what needs
attention comes first: unsourced, contested, not yet reviewed, then sourced.
Within a group claims keep their order in the article, and each says where it
is as paragraph and sentence numbers (as the segmenter counts them: a
paragraph is a non-empty line). Claims not yet reviewed are summarised (how
many, and the first few) unless the report asks for them (``--status
unreviewed``). With a filter other than the article, the counts are labelled
as counts of the matching claims, not the article's totals.

Disputed claims (reviewers' decisions differ) come first, each with every
reviewer's mark and note; a claim an adjudicator decided says so. The report
opens with how much is decided, and each article's counts say it too: only
the claims to review count (:mod:`workbench.storage.review_set`), not those
taken out, and not a superseded version (labelled as such when included).

Article text, speakers and notes are data, never Markdown: characters that
would start emphasis, links, HTML or tables are backslash-escaped, and line
breaks inside a value are folded, so a claim full of ``[brackets]`` or
``*stars*`` renders exactly as written. Only one article's claims are held in
memory at a time.
"""

from __future__ import annotations

import bisect
import itertools
import re
import sqlite3
from dataclasses import fields
from datetime import datetime, timezone
from typing import TextIO

from ..domain.segment import paragraphs, sentences
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
# How many claims not yet reviewed an article lists before summing up the rest.
UNREVIEWED_SHOWN = 3
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
    """The article's heading (title, version, outlet, byline, date) and a line with its URL, source and id."""
    title = md(rec["title"] or rec["source"] or "Untitled")
    version = _version_label(conn, rec["article_id"])
    identity = [md(x) for x in (rec["article_outlet"], rec["article_author"] and f"by {rec['article_author']}",
                                rec["article_published"]) if x]
    lines = [f"## {title}" + (f" ({md(version)})" if version else "")
             + (f" — {' · '.join(identity)}" if identity else ""), ""]
    facts = [_link(rec["article_url"]) if rec["article_url"] else "",
             f"source {md(rec['source'])}" if rec["source"] else "", f"article {rec['article_id']}"]
    return lines + [" · ".join(f for f in facts if f), ""]


class _Places:
    """Paragraph and sentence numbers (from 1) of positions in one article's text."""

    def __init__(self, text: str):
        self.text = text
        self.paragraphs = list(paragraphs(text))
        self.starts = [p.start for p in self.paragraphs]
        self.sentence_starts: dict[int, list[int]] = {}

    def of(self, offset: int) -> tuple[int, int]:
        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        if i not in self.sentence_starts:
            self.sentence_starts[i] = [s.start for s in sentences(self.text, self.paragraphs[i])]
        return i + 1, max(bisect.bisect_right(self.sentence_starts[i], offset), 1)


def _claim_lines(rec: dict, places: _Places | None, conn: sqlite3.Connection | None = None) -> list[str]:
    adjudicated = conn is not None and rec["status"] in DECIDED and conn.execute(
        "SELECT adjudication_id IS NOT NULL FROM claim_current WHERE claim_id = ?", (rec["claim_id"],)).fetchone()[0]
    who = "decided by" if adjudicated else "by"
    lines = [f"- **{md(rec['text'])}**",
             f"  - Speaker: {_speaker(rec)}",
             f"  - Status: {STATUS_LABEL.get(rec['status'], md(rec['status']))}"
             + (f" ({who} {md(rec['reviewer'])}{', adjudicator' if adjudicated else ''},"
                f" {md(rec['reviewed_at'][:10])})" if rec["reviewer"] and rec["status"] != "disputed" else "")]
    if conn is not None and rec["status"] == "disputed":
        for m in marks(conn, rec["claim_id"]):
            lines.append(f"  - {md(m.reviewer)}: {STATUS_LABEL[m.status]} ({md(m.marked_at[:10])})"
                         + (f" — {md(m.note)}" if m.note else ""))
    if rec["note"]:
        lines.append(f"  - Note: {md(rec['note'])}")
    if rec["evidence"]:
        lines.append("  - Evidence: " + ", ".join(_link(u) for u in rec["evidence"]))
    lines.append(f"  - Where: {_where(rec, places)}, claim {rec['claim_id']}")
    return lines


def _where(rec: dict, places: _Places | None) -> str:
    if not places or not places.paragraphs:
        return f"characters {rec['start']}–{rec['end']}"
    # Where the claim's first word is (a claim may start on the blank before it).
    paragraph, sentence = places.of(rec["start"] + len(rec["text"]) - len(rec["text"].lstrip()))
    return f"paragraph {paragraph}, sentence {sentence}"


def _unreviewed_summary(group: list[dict], places: _Places | None) -> list[str]:
    """The first few claims not yet reviewed, then how many more and how to list them."""
    lines = []
    for rec in group[:UNREVIEWED_SHOWN]:
        lines += _claim_lines(rec, places)
    rest = len(group) - UNREVIEWED_SHOWN
    if rest > 0:
        lines.append(f"- …and {rest} more not yet reviewed (list them all with `workbench export --format "
                     f"markdown --status unreviewed --article {group[0]['article_id']}`)")
    return lines


def is_filtered(flt: ExportFilter | None) -> bool:
    """True when the filter selects some of an article's claims, not all of them."""
    if flt is None:
        return False
    return any(getattr(flt, f.name) for f in fields(flt) if f.name not in ("article_id", "include_superseded"))


def describe_filter(flt: ExportFilter) -> str:
    """The filter in words, for the report ("status contested, reviewer bob")."""
    words = {"status": "status", "speaker": "speaker", "speaker_kind": "speaker kind", "reviewer": "reviewer",
             "since": "reviewed since", "reviewed_only": "reviewed only"}
    parts = []
    for f in fields(flt):
        value = getattr(flt, f.name)
        if value and f.name in words:
            parts.append(words[f.name] if value is True else f"{words[f.name]} {md(value)}")
    return ", ".join(parts)


def _count_lines(claims: list[dict], filtered: bool) -> list[str]:
    counts = {s: 0 for s in STATUS_ORDER}
    for rec in claims:
        counts[rec["status"]] = counts.get(rec["status"], 0) + 1
    decided = sum(counts[s] for s in DECIDED)
    label = "Matching claims" if filtered else "Claims"
    lines = ["Counts of the claims that match the filter, not the article's totals.", ""] if filtered else []
    lines += [f"| Status | {label} |", "|---|---:|"]
    lines += [f"| {STATUS_LABEL[s]} | {counts[s]} |" for s in STATUS_ORDER if counts[s] or s != "disputed"]
    total = "**Total matching**" if filtered else "**Total**"
    return lines + [f"| {total} ({decided} decided, {percent(decided, len(claims)):.0f}%) | **{len(claims)}** |", ""]


def _article_report(conn: sqlite3.Connection, claims: list[dict], flt: ExportFilter | None = None) -> str:
    lines = _article_header(conn, claims[0])
    lines += _count_lines(claims, is_filtered(flt))
    text = conn.execute("SELECT text FROM articles WHERE id = ?", (claims[0]["article_id"],)).fetchone()[0]
    places = _Places(text)
    list_unreviewed = flt is not None and flt.status == "unreviewed"
    for status in STATUS_ORDER:
        group = [r for r in claims if r["status"] == status]
        if not group:
            continue
        lines += [f"### {STATUS_LABEL[status]} ({len(group)})", ""]
        if status == "unreviewed" and not list_unreviewed:
            lines += _unreviewed_summary(group, places)
        else:
            for rec in group:
                lines += _claim_lines(rec, places, conn)
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
              "is true. In each article, disputed, unsourced and contested claims come first.\n\n")
    total, decided = select(conn, f"count(*), coalesce(sum(cc.status IN {DECIDED_SQL}), 0)", flt).fetchone()
    if total:
        out.write(f"Progress: {decided} of {total} claims decided ({percent(decided, total):.0f}%).\n\n")
    if is_filtered(flt):
        out.write(f"Filtered: only claims with {describe_filter(flt)}. Each article's counts are of those claims "
                  "only.\n\n")
    n = 0
    for _, group in itertools.groupby(iter_records(conn, flt), key=lambda r: r["article_id"]):
        claims = list(group)
        out.write(_article_report(conn, claims, flt))
        n += len(claims)
    if n == 0:
        out.write("No claims match.\n")
    return n
