"""Provides the migration that keeps each claim's confidence (the attribution model's, or its rule's).

Registered in order by :mod:`workbench.storage.migrations`; never edited once merged.
"""

from __future__ import annotations

import sqlite_utils

from .registry import _run, migrations


# Why: a claim made by the attribution model carries its probability, and a
# rules claim the measured precision of its rule, so reviewers can work
# through the least certain claims first. NULL for claims stored before.
@migrations()
def m012_claim_confidence(db: sqlite_utils.Database) -> None:
    _run(db, """
ALTER TABLE claims ADD COLUMN confidence REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1));
CREATE INDEX claims_confidence ON claims(confidence) WHERE confidence IS NOT NULL;
""")
