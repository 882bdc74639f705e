"""Provides the migration that keeps several versions of one article (re-ingested with new text).

Registered in order by :mod:`workbench.storage.migrations`; never edited once merged.
"""

from __future__ import annotations

import sqlite_utils

from .registry import _run, migrations


# Why: issue 9, updated articles. Re-ingesting a url or external id with new text
# stores a new version beside the old one. Carried review events are ordinary
# events with origin 'carried:<old event id>'.
@migrations()
def m005_versions(db: sqlite_utils.Database) -> None:
    _run(db, """
ALTER TABLE articles ADD COLUMN version_of INTEGER REFERENCES articles(id);
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE INDEX articles_version_of ON articles(version_of, version);
ALTER TABLE claims ADD COLUMN changed_since_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN previous_claim_id INTEGER REFERENCES claims(id);
CREATE INDEX claims_previous ON claims(previous_claim_id);
""")
