"""Provides completing an article's claims after a re-extraction: stored sentence, score and group.

``reextract`` rewrites an article's claims in one transaction; the claims it
adds (or whose sentence moved) then need what ingest gives every claim: the
stored sentence, a check-worthiness score and a near-duplicate group. Each
article is completed in its own transaction right after; claims left without
a score by a run killed in between are found and completed by the next run.
"""

from __future__ import annotations

import sqlite3

from ..storage.db import write_transaction
from ..storage.sentences import fill_sentences
from .triage import Triaged, triage_article


def complete_claims(conn: sqlite3.Connection, article_id: int) -> Triaged:
    """Store missing sentences, then score and group every claim of the article (safe to repeat)."""
    with write_transaction(conn):
        fill_sentences(conn, article_id)
        return triage_article(conn, article_id)
