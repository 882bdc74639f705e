"""Tests the Markdown sourcing report an editor reads before publication."""

from __future__ import annotations

import io

import pytest

from tests.storage.test_export_support import build
from workbench.storage.export import ExportFilter
from workbench.storage.export_markdown import export_markdown, md


@pytest.fixture
def report(tmp_path) -> str:
    conn = build(tmp_path / "workbench.db")
    out = io.StringIO()
    assert export_markdown(conn, out, now="2024-06-01 09:00 UTC") == 8
    conn.close()
    return out.getvalue()


def _section(report: str, title: str) -> str:
    start = report.index(f"## {title}")
    nxt = report.find("\n## ", start + 1)
    return report[start: nxt if nxt != -1 else None]


def test_counts_by_status_per_article(report):
    strike = _section(report, r"Strike \[update\]")
    assert "| Disputed (reviewers disagree) | 1 |" in strike  # alice: sourced, bob: unsourced
    assert "| Unsourced | 1 |" in strike and "| Contested | 1 |" in strike
    assert "| Sourced | 1 |" in strike and "| Not yet reviewed | 1 |" in strike
    assert "| **Total** (3 decided, 60%) | **5** |" in strike


def test_unsourced_and_contested_come_first(report):
    strike = _section(report, r"Strike \[update\]")
    order = [strike.index(h) for h in ("### Disputed", "### Unsourced", "### Contested", "### Not yet reviewed",
                                       "### Sourced")]
    assert order == sorted(order)


def test_every_claim_with_speaker_role_status_note_and_evidence(report):
    strike = _section(report, r"Strike \[update\]")
    assert "Speaker: John Kirby (Pentagon Press Secretary, Pentagon)" in strike
    assert "Status: Sourced (by alice, " in strike
    assert "Note: On the record; =see transcript" in strike
    assert "Evidence: <https://defense.example/transcript>, <https://video.example/briefing>" in strike
    assert "Speaker: a U.S. official (defense official, anonymous)" in strike
    assert "Speaker: Jane Byline (the article's own assertion" in strike
    assert report.count("\n- **") == 8


def test_article_text_is_never_markup(report):
    assert r"The bridge will reopen in May \[according to \*plans\*\]." in report
    assert r"City says June \[not May\]" in report
    assert "<https://daily.example/strike>" in report


def test_article_without_title_uses_its_source(report):
    assert "## samples/weather.md" in report


def test_filtered_report_and_empty_report(tmp_path):
    conn = build(tmp_path / "workbench.db")
    out = io.StringIO()
    assert export_markdown(conn, out, ExportFilter(status="contested")) == 1
    assert "### Contested (1)" in out.getvalue() and "### Sourced" not in out.getvalue()
    out = io.StringIO()
    assert export_markdown(conn, out, ExportFilter(article_id=404)) == 0
    assert "No claims match." in out.getvalue()
    conn.close()


@pytest.mark.parametrize("raw, escaped", [
    ("[link](http://x)", r"\[link\](http://x)"), ("*b* _i_", r"\*b\* \_i\_"), ("<script>", r"\<script\>"),
    ("a | b", r"a \| b"), ("two\nlines", "two lines"), ("AT&T", r"AT\&T"),
])
def test_md_escaping(raw, escaped):
    assert md(raw) == escaped
