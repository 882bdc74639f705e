"""Tests the ClaimReview export: schema.org JSON-LD that rates sourcing, not truth."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest

from tests.storage.test_export_support import KIRBY, build, claim, claim_ids
from workbench.domain.models import Analysis, AttributionKind, Document
from workbench.storage import reviews as reviews_mod
from workbench.storage.ingest import store
from workbench.storage import StorageError
from workbench.storage.disputes import adjudicate
from workbench.storage.export_claimreview import (
    CLAIM_MAX_CHARS, SCALE_NOTE, ReviewingOrganisation, export_claimreview, organisation, shorten,
)

ORG = ReviewingOrganisation(name="Standards Desk", url="https://desk.example")
URL = re.compile(r"https?://[^\s/]+\S*\Z")


@pytest.fixture
def reviews(tmp_path) -> list[dict]:
    conn = build(tmp_path / "workbench.db")
    # The one disputed claim (alice: sourced, bob: unsourced) is decided by an adjudicator.
    adjudicate(conn, claim_ids(conn)["costs rose b"], "unsourced", "carol", note="bob is right")
    out = io.StringIO()
    n = export_claimreview(conn, out, org=ORG)
    conn.close()
    data = json.loads(out.getvalue())
    assert len(data) == n
    return data


def test_only_claims_with_a_decision(reviews):
    assert len(reviews) == 5  # 8 claims: two never reviewed, one cleared
    assert {r["reviewRating"]["alternateName"] for r in reviews} == {"Sourced", "Unsourced", "Contested"}


def test_disputed_claims_are_left_out(tmp_path):
    """Issue 14: a claim whose reviewers disagree has no verdict to publish until an adjudicator decides."""
    conn = build(tmp_path / "workbench.db")
    out = io.StringIO()
    export_claimreview(conn, out, org=ORG)
    texts = [r["itemReviewed"]["appearance"].get("headline") and r["claimReviewed"] for r in json.loads(out.getvalue())]
    assert len(texts) == 4 and not any(t.startswith("costs rose") for t in texts)
    conn.close()


def test_every_required_property_is_present_and_well_formed(reviews):
    for r in reviews:
        assert r["@context"] == "https://schema.org"
        assert r["@type"] == "ClaimReview"
        assert URL.match(r["url"])
        assert isinstance(r["claimReviewed"], str) and 0 < len(r["claimReviewed"]) < CLAIM_MAX_CHARS
        date.fromisoformat(r["datePublished"])

        item = r["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
        if "jobTitle" in item["author"]:
            assert item["author"]["@type"] == "Person"
        appearance = item["appearance"]
        assert appearance["@type"] == "NewsArticle" and appearance["headline"]
        if "url" in appearance:
            assert URL.match(appearance["url"])

        rating = r["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["bestRating"] == 3 and rating["worstRating"] == 1
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert {"Sourced": 3, "Contested": 2, "Unsourced": 1}[rating["alternateName"]] == rating["ratingValue"]
        assert rating["ratingExplanation"].endswith(SCALE_NOTE)
        assert "not whether the claim is true" in rating["ratingExplanation"]

        assert r["author"] == {"@type": "Organization", "name": "Standards Desk", "url": "https://desk.example"}


def _by_claim(reviews, start: str) -> dict:
    return next(r for r in reviews if r["claimReviewed"].startswith(start))


def test_speakers_become_people_or_organisations(reviews):
    kirby = _by_claim(reviews, "the strike")["itemReviewed"]
    assert kirby["author"] == {"@type": "Person", "name": "John Kirby", "jobTitle": "Pentagon Press Secretary",
                               "affiliation": {"@type": "Organization", "name": "Pentagon"}}
    assert kirby["appearance"] == {
        "@type": "NewsArticle", "url": "https://daily.example/strike", "headline": "Strike [update]",
        "author": {"@type": "Person", "name": "Jane Byline"}, "datePublished": "2024-05-01",
        "publisher": {"@type": "Organization", "name": "The Daily"}}
    assert kirby["datePublished"] == "2024-05-01"
    assert _by_claim(reviews, "costs rose")["itemReviewed"]["author"] == {
        "@type": "Organization", "name": "Government Accountability Office"}
    anonymous = _by_claim(reviews, "=HYPERLINK")["itemReviewed"]["author"]
    assert anonymous["@type"] == "Person" and anonymous["jobTitle"] == "defense official"


def test_author_claims_credit_the_byline_or_the_placeholder(reviews):
    byline = _by_claim(reviews, "The bridge")["itemReviewed"]["author"]
    assert byline == {"@type": "Person", "name": "Jane Byline",
                      "worksFor": {"@type": "Organization", "name": "The Daily"}}
    unsigned = _by_claim(reviews, "The council")["itemReviewed"]
    assert unsigned["author"] == {"@type": "Person", "name": "the reporter"}
    assert "url" not in unsigned["appearance"] and unsigned["appearance"]["headline"] == "samples/weather.md"


def test_private_notes_are_not_published_by_default(reviews):
    """Issue 15: reviewers' notes are internal; nothing of them reaches the JSON-LD."""
    rating = _by_claim(reviews, "The bridge")["reviewRating"]
    assert rating["ratingExplanation"] == SCALE_NOTE and rating["alternateName"] == "Contested"
    text = json.dumps(reviews, ensure_ascii=False)
    for note in ("City says June", "On the record", "=see transcript", "anonymous, no second source",
                 "report not public"):
        assert note not in text


def test_public_notes_opt_in(tmp_path):
    conn = build(tmp_path / "workbench.db")
    out = io.StringIO()
    export_claimreview(conn, out, org=ORG, public_notes=True)
    conn.close()
    rating = _by_claim(json.loads(out.getvalue()), "The bridge")["reviewRating"]
    assert rating["ratingExplanation"] == f"City says June [not May]. {SCALE_NOTE}"


LONG = ("Pentagon Press Secretary John Kirby said the strike on the depot hit only military targets "
        "and that no civilians were harmed in the operation.")


def test_claim_reviewed_is_a_short_summary_and_the_full_claim_is_the_item(tmp_path):
    """Google: claimReviewed under 75 characters, cut on a word; itemReviewed.text keeps every word."""
    conn = build(tmp_path / "workbench.db")
    sub = LONG[LONG.index("the strike"):-1]
    store(conn, Document(text=LONG, source="long.txt", format="txt", title="Depot"),
          Analysis(claims=(claim(LONG, [LONG], sub, KIRBY, AttributionKind.INDIRECT, "John Kirby"),)), "test")
    reviews_mod.mark(conn, conn.execute("SELECT max(id) FROM claims").fetchone()[0], "sourced", "alice")
    out = io.StringIO()
    export_claimreview(conn, out, org=ORG)
    conn.close()
    review = _by_claim(json.loads(out.getvalue()), "the strike on the depot")
    short = review["claimReviewed"]
    assert len(sub) >= CLAIM_MAX_CHARS == 75 and len(short) < CLAIM_MAX_CHARS
    assert short == "the strike on the depot hit only military targets and that no civilians…"
    assert review["itemReviewed"]["text"] == sub


def test_review_urls_are_stable_and_distinct(reviews):
    urls = [r["url"] for r in reviews]
    assert len(set(urls)) == len(urls)
    assert all(u.startswith("https://desk.example#claim-") for u in urls)


@pytest.mark.parametrize("text, expected", [
    ("word " * 100, "word " * 13 + "word…"),
    ("Pentagon Press Secretary John Kirby said the strike hit only military targets on Tuesday night.",
     "Pentagon Press Secretary John Kirby said the strike hit only military…"),
    ("x" * 74, "x" * 74),  # under 75: whole
    ("x" * 200, "x" * 73 + "…"),  # one long word: cut inside it
    ("  a\n b  ", "a b"),
])
def test_shorten(text, expected):
    assert shorten(text) == expected and len(shorten(text)) < 75


def test_organisation_from_options_or_env(monkeypatch):
    monkeypatch.delenv("WORKBENCH_ORG_NAME", raising=False)
    monkeypatch.delenv("WORKBENCH_ORG_URL", raising=False)
    with pytest.raises(StorageError, match="--org-name"):
        organisation()
    monkeypatch.setenv("WORKBENCH_ORG_NAME", "Env Desk")
    monkeypatch.setenv("WORKBENCH_ORG_URL", "https://env.example")
    assert organisation() == ReviewingOrganisation("Env Desk", "https://env.example")
    assert organisation("Opt", "https://opt.example").name == "Opt"
    with pytest.raises(StorageError, match="http"):
        organisation("Desk", "desk.example")


@pytest.mark.parametrize("flag, published", [([], False), (["--public-notes"], True)])
def test_cli_public_notes_flag(tmp_path, flag, published):
    import click
    from click.testing import CliRunner

    from workbench.cli.export import export_command

    build(tmp_path / "workbench.db").close()
    out = tmp_path / "reviews.json"
    res = CliRunner().invoke(click.Group(commands={"export": export_command}), [
        "export", "--db", str(tmp_path / "workbench.db"), "--format", "claimreview", "--org-name", "Desk",
        "--org-url", "https://desk.example", "-o", str(out), *flag])
    assert res.exit_code == 0, res.output
    assert ("City says June [not May]" in out.read_text(encoding="utf-8")) is published
