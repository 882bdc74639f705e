"""Provides the migration that adds the triage tables: check-worthiness scores and near-duplicate groups.

Registered in order by :mod:`workbench.storage.migrations`; never edited once merged.
"""

from __future__ import annotations

import sqlite_utils

from .registry import migrations


# Why: issue 9, check-worthiness scores and near-duplicate groups (the tables are
# defined in triage_tables.py, written alongside the other migrations).
@migrations()
def m003_triage(db: sqlite_utils.Database) -> None:
    from .triage_tables import m0xx_triage

    m0xx_triage(db)
