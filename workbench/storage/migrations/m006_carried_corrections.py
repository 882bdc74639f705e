"""Provides the migration that records where a carried correction came from.

Registered in order by :mod:`workbench.storage.migrations`; never edited once merged.
"""

from __future__ import annotations

import sqlite_utils

from .registry import _run, migrations


# Why: issue 9, updated articles. Corrections of an unchanged claim are carried to
# the new version as new correction events (offsets shifted); origin says so:
# 'carried:<old event id>' (NULL for a reviewer's own correction).
@migrations()
def m006_carried_corrections(db: sqlite_utils.Database) -> None:
    _run(db, "ALTER TABLE correction_events ADD COLUMN origin TEXT;")
