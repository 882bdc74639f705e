"""Provides the triage tables' migration: check-worthiness scores, LSH band index, claim groups.

Kept in its own module so it can be written alongside other migrations; it is
registered in :mod:`workbench.storage.migrations` like any other, and, like
them, is never edited once merged. Every table is derived from ``claims`` (a
full rescore and regroup rebuilds them), so rows go with their claim
(``ON DELETE CASCADE``).
"""

from __future__ import annotations

import sqlite_utils

_TRIAGE = (
    # One score per claim; reasons is a JSON list of short strings ("quantity: five attacks").
    """CREATE TABLE claim_scores (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    reasons TEXT NOT NULL DEFAULT '[]'
)""",
    # "Most check-worthy first": keyset order (score DESC, claim_id).
    "CREATE INDEX claim_scores_score ON claim_scores(score DESC, claim_id)",
    # MinHash LSH bands of groupable claims: two claims sharing a band_hash are candidates.
    # Without rowid, the primary key is the lookup index itself.
    """CREATE TABLE claim_bands (
    band_hash INTEGER NOT NULL,
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    PRIMARY KEY (band_hash, claim_id)
) WITHOUT ROWID""",
    "CREATE INDEX claim_bands_claim ON claim_bands(claim_id)",
    # Near-duplicate groups: only claims with at least one match have a row; group_id is the
    # smallest claim id in the group (a label, not a reference: that claim may be deleted).
    """CREATE TABLE claim_groups (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL
)""",
    "CREATE INDEX claim_groups_group ON claim_groups(group_id, claim_id)",
    # Which fingerprint scheme built claim_bands (a different one needs a full regroup).
    """CREATE TABLE triage_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
)""",
)


def m0xx_triage(db: sqlite_utils.Database) -> None:
    """Tables for issue 9: claim_scores, claim_bands, claim_groups, triage_meta."""
    for statement in _TRIAGE:
        db.conn.execute(statement)
