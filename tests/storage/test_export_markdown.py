"""Tests the Markdown sourcing report an editor reads before publication."""

from __future__ import annotations

import io

import pytest

from tests.storage.test_export_support import build, claim
from workbench.domain.models import Analysis, AttributionKind, Document
from workbench.storage import export_markdown as export_markdown_mod
from workbench.storage.export import ExportFilter
from workbench.storage.export_markdown import export_markdown, md
from workbench.storage.ingest import store


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


def test_heading_names_the_article(report):
    assert "\n## Strike \\[update\\] — The Daily · by Jane Byline · 2024-05-01\n" in report
    assert "\n<https://daily.example/strike> · source samples/strike.txt · article 1\n" in report
    assert "\n## samples/weather.md\n\nsource samples/weather.md · article 2\n" in report  # no metadata: no extras


def test_place_is_paragraph_and_sentence_not_offsets(report):
    strike = _section(report, r"Strike \[update\]")
    assert "Where: paragraph 1, sentence 3, claim 4" in strike  # "costs rose by 40% @ the site"
    assert "Where: paragraph 2, sentence 1, claim 5" in strike  # "-12 percent...", after a blank line
    weather = _section(report, "samples/weather.md")
    assert "Where: paragraph 1, sentence 2, claim 7" in weather  # the tab-led sentence
    assert "characters" not in report


def test_filtered_counts_are_labelled_as_such(tmp_path):
    conn = build(tmp_path / "workbench.db")
    out = io.StringIO()
    assert export_markdown(conn, out, ExportFilter(status="contested")) == 1
    text = out.getvalue()
    assert "### Contested (1)" in text and "### Sourced" not in text
    assert "Filtered: only claims with status contested." in text
    assert "Counts of the claims that match the filter, not the article's totals." in text
    assert "| Status | Matching claims |" in text and "| **Total matching** (1 decided, 100%) | **1** |" in text
    assert "| **Total** (" not in text
    out = io.StringIO()
    export_markdown(conn, out, ExportFilter(article_id=1))  # a whole article: its totals, unlabelled
    # 3 decided: the claim alice and bob disagree on is disputed, not done (issue 14)
    assert "Filtered" not in out.getvalue() and "| **Total** (3 decided, 60%) | **5** |" in out.getvalue()
    conn.close()


MANY = " ".join(f"Item {i} was delivered on time." for i in range(1, 41))


def test_unreviewed_claims_are_summarised(tmp_path):
    conn = build(tmp_path / "workbench.db")
    store(conn, Document(text=MANY, source="many.txt", format="txt", title="Many"),
          Analysis(claims=tuple(claim(MANY, [MANY], f"Item {i} was delivered on time.", None,
                                      AttributionKind.UNATTRIBUTED) for i in range(1, 41))), "test")
    out = io.StringIO()
    export_markdown(conn, out, ExportFilter(article_id=3))
    text = out.getvalue()
    assert "### Not yet reviewed (40)" in text
    assert text.count("\n- **Item ") == export_markdown_mod.UNREVIEWED_SHOWN == 3
    assert ("- …and 37 more not yet reviewed (list them all with `workbench export --format markdown "
            "--status unreviewed --article 3`)") in text
    out = io.StringIO()
    export_markdown(conn, out, ExportFilter(article_id=3, status="unreviewed"))  # asked for: all of them
    assert out.getvalue().count("\n- **Item ") == 40
    conn.close()


def test_empty_report(tmp_path):
    conn = build(tmp_path / "workbench.db")
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
