"""Tests the ClaimReview export: schema.org JSON-LD that rates sourcing, not truth."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest

from tests.storage.test_export_support import build, claim_ids
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
        assert isinstance(r["claimReviewed"], str) and 0 < len(r["claimReviewed"]) <= CLAIM_MAX_CHARS
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
    assert kirby["appearance"]["url"] == "https://daily.example/strike"
    assert kirby["appearance"]["headline"] == "Strike [update]"
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


def test_note_explains_the_rating(reviews):
    rating = _by_claim(reviews, "The bridge")["reviewRating"]
    assert rating["ratingExplanation"] == f"City says June [not May]. {SCALE_NOTE}"
    assert rating["alternateName"] == "Contested"


def test_review_urls_are_stable_and_distinct(reviews):
    urls = [r["url"] for r in reviews]
    assert len(set(urls)) == len(urls)
    assert all(u.startswith("https://desk.example#claim-") for u in urls)


def test_shorten():
    long = "word " * 100
    short = shorten(long)
    assert len(short) <= CLAIM_MAX_CHARS and short.endswith("…") and not short.endswith(" …")
    assert shorten("  a\n b  ") == "a b"


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
