"""Provides the migration that adds reviewer tokens for ``workbench serve`` (hashes only).

Registered in order by :mod:`workbench.storage.migrations`; never edited once merged.
"""

from __future__ import annotations

import sqlite_utils

from .registry import _run, migrations


# Why: browser reviewers (workbench serve) are let in by a per-reviewer token.
# Only the SHA-256 of each token is stored: the file can be copied, backed up
# and published without letting anyone in. A reviewer has at most one live
# token (the partial unique index); revoked rows stay as a record of access.
@migrations()
def m010_reviewer_tokens(db: sqlite_utils.Database) -> None:
    _run(db, """
CREATE TABLE reviewer_tokens (
    id INTEGER PRIMARY KEY,
    reviewer TEXT NOT NULL CHECK (length(trim(reviewer)) > 0),
    token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE UNIQUE INDEX reviewer_tokens_live ON reviewer_tokens(reviewer) WHERE revoked_at IS NULL;
""")
