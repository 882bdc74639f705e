"""Tests that every export carries the article's identity, check-worthiness and near-duplicate group (issue 15)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.storage.test_export_support import add_triage, build
from workbench.storage.export import ARTICLE_FIELDS, TRIAGE_FIELDS, ExportFilter, iter_json_lines, iter_records
from workbench.storage.export_claimreview import ReviewingOrganisation, export_claimreview
from workbench.storage.export_csv import export_csv, write_csv
from workbench.storage.export_markdown import export_markdown

STRIKE = {"article_url": "https://daily.example/strike", "article_outlet": "The Daily",
          "article_author": "Jane Byline", "article_published": "2024-05-01"}
WEATHER = dict.fromkeys(ARTICLE_FIELDS)  # no metadata at all


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    c = build(tmp_path_factory.mktemp("fields") / "workbench.db")
    add_triage(c)
    yield c
    c.close()


def _by_text(records) -> dict[str, dict]:
    return {(r["title"] or r["source"]) + ":" + r["text"][:12]: r for r in records}


def test_records_carry_the_article_identity(conn):
    recs = _by_text(iter_records(conn))
    assert {k: recs['Strike [update]:the strike "'][k] for k in ARTICLE_FIELDS} == STRIKE
    assert {k: recs["samples/weather.md:The council "][k] for k in ARTICLE_FIELDS} == WEATHER


def test_records_carry_check_worthiness_and_the_group(conn):
    recs = _by_text(iter_records(conn))
    kirby, repeat = recs['Strike [update]:the strike "'], recs['Blast:the strike "']
    assert kirby["group_id"] == repeat["group_id"] == kirby["claim_id"]
    assert kirby["group_size"] == repeat["group_size"] == 2
    costs = recs["Strike [update]:costs rose b"]
    assert costs["group_id"] is None and costs["group_size"] is None
    stored = conn.execute("SELECT score, reasons FROM claim_scores WHERE claim_id = ?", (costs["claim_id"],)).fetchone()
    assert (costs["check_worthiness"], costs["check_worthiness_reasons"]) == (stored[0], json.loads(stored[1]))
    assert costs["check_worthiness_reasons"] and all(isinstance(x, str) for x in costs["check_worthiness_reasons"])
    assert all(0 <= r["check_worthiness"] <= 1 for r in recs.values())


def test_an_unscored_claim_has_null_score_and_no_reasons(tmp_path):
    c = build(tmp_path / "workbench.db")  # never triaged
    try:
        rec = next(iter_records(c))
        assert (rec["check_worthiness"], rec["check_worthiness_reasons"], rec["group_id"], rec["group_size"]) == (
            None, [], None, None)
        assert json.loads(next(iter_json_lines(c))) == rec
    finally:
        c.close()


@pytest.mark.parametrize("with_history", [False, True])
@pytest.mark.parametrize("flt", [ExportFilter(), ExportFilter(article_id=3), ExportFilter(status="unreviewed")])
def test_fast_json_path_equals_the_records_with_triage(conn, flt, with_history):
    assert [json.loads(x) for x in iter_json_lines(conn, flt, with_history=with_history)] == list(
        iter_records(conn, flt, with_history=with_history))


def test_csv_columns(conn):
    out = io.StringIO(newline="")
    export_csv(conn, out)
    rows = {r["title"] + ":" + r["text"][:12]: r for r in csv.DictReader(io.StringIO(out.getvalue(), newline=""))
            if r["title"]}
    kirby = rows['Strike [update]:the strike "']
    assert {k: kirby[k] for k in ARTICLE_FIELDS} == STRIKE
    assert kirby["group_size"] == "2" and kirby["group_id"] == str(kirby["claim_id"])
    costs = rows["Strike [update]:costs rose b"]
    rec = _by_text(iter_records(conn))["Strike [update]:costs rose b"]
    assert float(costs["check_worthiness"]) == rec["check_worthiness"]
    assert json.loads(costs["check_worthiness_reasons"]) == rec["check_worthiness_reasons"]
    assert costs["group_id"] == costs["group_size"] == ""
    slow = io.StringIO(newline="")
    write_csv(iter_records(conn), slow)
    assert slow.getvalue() == out.getvalue()


def test_the_claim_review_view_has_the_same_values(conn):
    view = {r[0]: r[1:] for r in conn.execute(
        "SELECT claim_id, article_url, article_outlet, article_author, article_published, check_worthiness,"
        " check_worthiness_reasons, group_id, group_size FROM claim_review")}
    for rec in iter_records(conn):
        got = view[rec["claim_id"]]
        assert got[:4] == tuple(rec[k] for k in ARTICLE_FIELDS)
        assert (got[4], json.loads(got[5]), got[6], got[7]) == tuple(rec[k] for k in TRIAGE_FIELDS)


def test_markdown_and_claimreview_carry_the_article_identity(conn):
    out = io.StringIO()
    export_markdown(conn, out, now="2024-06-01 09:00 UTC")
    heading = next(line for line in out.getvalue().splitlines() if line.startswith("## Strike"))
    assert all(v in heading for v in ("The Daily", "Jane Byline", "2024-05-01"))
    assert "<https://daily.example/strike>" in out.getvalue()
    out = io.StringIO()
    export_claimreview(conn, out, org=ReviewingOrganisation("Desk", "https://desk.example"))
    appearance = next(r["itemReviewed"]["appearance"] for r in json.loads(out.getvalue())
                      if r["itemReviewed"]["appearance"].get("headline") == "Strike [update]")
    assert (appearance["url"], appearance["publisher"]["name"], appearance["author"]["name"],
            appearance["datePublished"]) == tuple(STRIKE.values())
