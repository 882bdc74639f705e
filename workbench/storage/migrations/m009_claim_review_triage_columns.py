"""Provides the migration that adds check-worthiness and near-duplicate groups to claim_review.

Registered in order by :mod:`workbench.storage.migrations`; never edited once merged.
"""

from __future__ import annotations

import sqlite_utils

from .registry import _run, migrations


# Why: issue 15, the database as other tools see it. claim_review gains
# check-worthiness (score, reasons) and the near-duplicate group (id, size), as
# every export does (the SQL is in claim_review_sql.py).
@migrations()
def m009_claim_review_triage_columns(db: sqlite_utils.Database) -> None:
    from .claim_review_sql import CLAIM_REVIEW_WITH_TRIAGE

    _run(db, CLAIM_REVIEW_WITH_TRIAGE)
