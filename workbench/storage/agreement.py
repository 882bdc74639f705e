"""Provides reviewer agreement read from the database: per pair and over all reviewers.

Each reviewer's latest decision per claim comes from the ``reviewer_decisions``
view (claims marked not-a-claim or merged away are left out); the figures are
computed by :mod:`workbench.domain.agreement`. The views ``reviewer_pairs``
and ``reviewer_alpha`` give the same numbers in SQL.
"""

from __future__ import annotations

import sqlite3

from ..domain.agreement import Alpha, PairAgreement, krippendorff_alpha_nominal, pair_agreements


def decisions(conn: sqlite3.Connection) -> dict[int, dict[str, str]]:
    """``{claim_id: {reviewer: status}}`` for every claim with at least one decision."""
    units: dict[int, dict[str, str]] = {}
    for claim_id, reviewer, status in conn.execute(
            "SELECT claim_id, reviewer, status FROM reviewer_decisions ORDER BY claim_id, reviewer"):
        units.setdefault(claim_id, {})[reviewer] = status
    return units


def agreement(conn: sqlite3.Connection) -> tuple[list[PairAgreement], Alpha]:
    """Percent agreement and Cohen's kappa per reviewer pair, and Krippendorff's alpha over all reviewers."""
    units = decisions(conn)
    return pair_agreements(units), krippendorff_alpha_nominal(units)


def agreement_sql(conn: sqlite3.Connection) -> tuple[list[PairAgreement], Alpha]:
    """The same figures as :func:`agreement`, read from the ``reviewer_pairs`` and ``reviewer_alpha`` views."""
    pairs = [PairAgreement(*r) for r in conn.execute(
        "SELECT reviewer_a, reviewer_b, claims, agreements, kappa FROM reviewer_pairs ORDER BY reviewer_a, reviewer_b")]
    units, reviewers, n, alpha = conn.execute(
        "SELECT units, reviewers, pairable_values, alpha FROM reviewer_alpha").fetchone()
    return pairs, Alpha(units, reviewers, n, alpha)
