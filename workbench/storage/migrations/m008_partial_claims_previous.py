"""Provides the migration that makes claims_previous a partial index.

Registered in order by :mod:`workbench.storage.migrations`; never edited once merged.
"""

from __future__ import annotations

import sqlite_utils

from .registry import _run, migrations


# Why: bulk storage speed; every index on ``claims`` is written for every claim.
# claims_previous only ever serves ``previous_claim_id = ?`` (the foreign-key
# check when a claim is deleted, a user's "what continues claim N"), and the
# column is NULL for every claim of a first version: a partial index leaves
# those rows out, and SQLite still uses it for ``= ?``.
@migrations()
def m008_partial_claims_previous(db: sqlite_utils.Database) -> None:
    _run(db, """
DROP INDEX claims_previous;
CREATE INDEX claims_previous ON claims(previous_claim_id) WHERE previous_claim_id IS NOT NULL;
""")
