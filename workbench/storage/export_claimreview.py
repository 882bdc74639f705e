"""Provides the ClaimReview export: schema.org JSON-LD for every reviewed claim.

One ``ClaimReview`` object per claim whose current status is a decision
(sourced, unsourced, contested), written as a JSON array, streamed. Each
object is complete on its own (its own ``@context``), so a publisher can
embed any one of them in a page.

The rating is on an explicit *sourcing* scale, never a truth scale:
Sourced (3, best), Contested (2), Unsourced (1, worst). Contested sits in the
middle because the claim does carry sourcing, only sourcing that others
dispute; an unsourced claim carries none. ``ratingExplanation`` says so in
every review. Reviewers' notes are internal working notes: they are
published in ``ratingExplanation`` only with ``public_notes``
(``--public-notes``).

``claimReviewed`` is a short summary as Google's ClaimReview guidance asks
(under 75 characters, cut on a word); the claim's full text is
``itemReviewed.text``. The article it appeared in (``appearance``) carries
its URL, headline, byline, outlet and publication date when known.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TextIO

from .db import StorageError
from .export import ExportFilter, dumps, iter_records

ENV_ORG_NAME = "WORKBENCH_ORG_NAME"
ENV_ORG_URL = "WORKBENCH_ORG_URL"

# status -> (ratingValue, alternateName)
RATING_SCALE = {
    "sourced": (3, "Sourced"),
    "contested": (2, "Contested"),
    "unsourced": (1, "Unsourced"),
}
BEST_RATING, WORST_RATING = 3, 1
SCALE_NOTE = ("This rates how the claim is sourced in the article (Sourced, Contested or Unsourced), "
              "not whether the claim is true.")
# Fact-check consumers show claimReviewed as a one-line summary; Google's
# guidance: "try to keep this less than 75 characters". Longer claims are cut
# at a word boundary; the whole claim is itemReviewed.text.
CLAIM_MAX_CHARS = 75


@dataclass(frozen=True, slots=True)
class ReviewingOrganisation:
    """Who publishes the reviews (the ClaimReview ``author``)."""

    name: str
    """The organisation's name, e.g. "Example News Standards Desk"."""
    url: str
    """Its home page; each review's ``url`` is this plus a fragment naming the claim."""


def organisation(name: str | None = None, url: str | None = None) -> ReviewingOrganisation:
    """The reviewing organisation from options, else $WORKBENCH_ORG_NAME / $WORKBENCH_ORG_URL.

    Raises:
        StorageError: no name or no http(s) URL was given either way.
    """
    name = (name or os.environ.get(ENV_ORG_NAME) or "").strip()
    url = (url or os.environ.get(ENV_ORG_URL) or "").strip()
    if not name or not url:
        raise StorageError("ClaimReview needs the reviewing organisation: give --org-name and --org-url "
                           f"(or set {ENV_ORG_NAME} and {ENV_ORG_URL})")
    if not _is_http_url(url):
        raise StorageError(f"--org-url {url!r}: give an http(s) URL, e.g. https://news.example.org")
    return ReviewingOrganisation(name=name, url=url)


def _is_http_url(value: str | None) -> bool:
    return bool(value) and re.match(r"https?://[^\s/]+", value) is not None


def shorten(text: str, limit: int = CLAIM_MAX_CHARS) -> str:
    """Collapse whitespace; if ``limit`` characters or more, cut on a word to fewer, ending with "…"."""
    text = " ".join(text.split())
    if len(text) < limit:
        return text
    cut = text[: limit - 2]  # room for the ellipsis
    if text[len(cut)] != " ":  # the cut falls inside a word: drop that word
        space = cut.rfind(" ")
        if space > limit // 2:
            cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


@dataclass(frozen=True, slots=True)
class _Article:
    title: str | None
    url: str | None
    author: str | None
    outlet: str | None
    published: str | None


def _speaker(rec: dict, article: _Article) -> dict:
    """The claim's author as a schema.org Person or Organization."""
    kind, name, role = rec["speaker_kind"], rec["speaker"], rec["speaker_role"]
    affiliation = rec["speaker_affiliation"]
    if kind == "author":
        # The reporter's own assertion: the byline is the person accountable
        # for it, so it is a Person; an unsigned piece answers to the outlet,
        # so it is that Organization. Only with neither is the stored
        # placeholder ("the reporter") used, as a Person.
        if article.author:
            person = {"@type": "Person", "name": article.author}
            if article.outlet:
                person["worksFor"] = {"@type": "Organization", "name": article.outlet}
            return person
        if article.outlet:
            return {"@type": "Organization", "name": article.outlet}
        return {"@type": "Person", "name": name}
    if kind == "organization":
        return {"@type": "Organization", "name": name}
    if kind == "document":
        # A report or filing cannot be a Claim's author in schema.org (Person
        # or Organization only): credit the body that issued it when the text
        # names one, else the document's name as an Organization.
        return {"@type": "Organization", "name": affiliation or name}
    # person, anonymous: a Person, with what the article says about them.
    out = {"@type": "Person", "name": name}
    if role:
        out["jobTitle"] = role
    if affiliation:
        out["affiliation"] = {"@type": "Organization", "name": affiliation}
    if kind == "anonymous":
        out["description"] = "unnamed source, as described in the article"
    return out


def _appearance(rec: dict, article: _Article) -> dict:
    out: dict = {"@type": "NewsArticle"}
    if _is_http_url(article.url):
        out["url"] = article.url
    out["headline"] = article.title or rec["source"]
    if article.author:
        out["author"] = {"@type": "Person", "name": article.author}
    if article.published:
        out["datePublished"] = article.published
    if article.outlet:
        out["publisher"] = {"@type": "Organization", "name": article.outlet}
    return out


def review_url(org: ReviewingOrganisation, rec: dict) -> str:
    """A stable address for one review: independent of row ids, so every copy of the database agrees."""
    return f"{org.url.split('#')[0]}#claim-{rec['content_hash'][:16]}-{rec['start']}-{rec['end']}"


def rating_explanation(rec: dict, *, public_notes: bool = False) -> str:
    """What the rating means, after the reviewer's note only when notes are public."""
    note = " ".join((rec["note"] or "").split()) if public_notes else ""
    return f"{note.rstrip('.')}. {SCALE_NOTE}" if note else SCALE_NOTE


def claim_review(rec: dict, article: _Article, org: ReviewingOrganisation, *, public_notes: bool = False) -> dict:
    """One export record (with a decision) as a ClaimReview object."""
    value, label = RATING_SCALE[rec["status"]]
    item: dict = {"@type": "Claim", "text": " ".join(rec["text"].split()), "author": _speaker(rec, article),
                  "appearance": _appearance(rec, article)}
    if article.published:
        item["datePublished"] = article.published
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url(org, rec),
        "claimReviewed": shorten(rec["text"]),
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": label,
            "ratingExplanation": rating_explanation(rec, public_notes=public_notes),
        },
        "author": {"@type": "Organization", "name": org.name, "url": org.url},
        # The review is published when its latest decision was made.
        "datePublished": (rec["reviewed_at"] or "")[:10],
    }


def iter_claim_reviews(conn: sqlite3.Connection, org: ReviewingOrganisation,
                       flt: ExportFilter | None = None, *, public_notes: bool = False) -> Iterator[dict]:
    """Yield a ClaimReview for each selected claim that has a decision."""
    flt = replace(flt or ExportFilter(), reviewed_only=True)
    article_id, article = None, None
    for rec in iter_records(conn, flt):
        if rec["status"] not in RATING_SCALE:
            continue
        if rec["article_id"] != article_id:
            article_id = rec["article_id"]
            article = _Article(*conn.execute(
                "SELECT title, url, author, outlet, published FROM articles WHERE id = ?", (article_id,)).fetchone())
        yield claim_review(rec, article, org, public_notes=public_notes)


def export_claimreview(conn: sqlite3.Connection, out: TextIO, flt: ExportFilter | None = None, *,
                       org: ReviewingOrganisation, public_notes: bool = False) -> int:
    """Stream a JSON array of ClaimReview objects to ``out``; returns how many.

    Args:
        public_notes: publish each reviewer's note in ``ratingExplanation``.
    """
    n = 0
    out.write("[")
    for review in iter_claim_reviews(conn, org, flt, public_notes=public_notes):
        out.write(",\n" if n else "\n")
        out.write(dumps(review))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n
