"""Provides each extraction rule's precision from reviewers' corrections, and the claims the extractor missed.

A claim counts as reviewed once it is marked or corrected, and as corrected
when a reviewer changed its speaker or its span (a merge included) or said it
is not a claim: precision = 1 - corrected / reviewed (the ``rule_precision``
view). Claims a reviewer added (rule ``reviewer_added``) are the extractor's
misses, counted apart; claims a reviewer split off are no rule's output.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

ADDED_RULE = "reviewer_added"


@dataclass(frozen=True, slots=True)
class RulePrecision:
    rule: str
    claims: int
    reviewed: int
    corrected: int
    speaker_changed: int
    not_claim: int
    span_changed: int
    # None when no claim of the rule has been reviewed.
    precision: float | None


def rule_precision(conn: sqlite3.Connection) -> list[RulePrecision]:
    """Each extractor rule's claims, reviewed, corrected and precision, worst first (unreviewed rules last)."""
    return [RulePrecision(*r) for r in conn.execute(
        "SELECT rule, claims, reviewed, corrected, speaker_changed, not_claim, span_changed, precision"
        " FROM rule_precision ORDER BY precision IS NULL, precision, corrected DESC, claims DESC, rule")]


@dataclass(frozen=True, slots=True)
class Misses:
    """Claims reviewers added because the extractor missed them (still claims: not undone)."""

    claims: int
    articles: int


def extractor_misses(conn: sqlite3.Connection) -> Misses:
    return Misses(*conn.execute(
        "SELECT count(*), count(DISTINCT c.article_id) FROM claims c JOIN claim_current cc ON cc.claim_id = c.id"
        " WHERE c.rule = ? AND cc.excluded = 0", (ADDED_RULE,)).fetchone())
