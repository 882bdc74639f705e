"""Provides the migration that stores each claim's sentence and reads it in ``claim_review``.

Registered in order by :mod:`workbench.storage.migrations`; never edited once merged.
"""

from __future__ import annotations

import sqlite_utils

from ..sentences import fill_sentences
from .registry import _run, migrations
from .review_state_views import _CLAIM_REVIEW

# claim_review's sentence as issue 14's migration wrote it: substr() on the article text, per row.
_SLICED = """    substr(a.text, min(c.sentence_start, coalesce(k.start, c.start)) + 1,
           max(c.sentence_end, coalesce(k.end, c.end)) - min(c.sentence_start, coalesce(k.start, c.start)))
        AS sentence,"""
# The stored sentence when the (corrected) span lies inside it, as it almost always does; the
# same slice of the article otherwise (a span corrected past its sentence, a sentence not yet stored).
_STORED = """    CASE WHEN c.sentence IS NOT NULL AND coalesce(k.start, c.start) >= c.sentence_start
              AND coalesce(k.end, c.end) <= c.sentence_end THEN c.sentence
    ELSE substr(a.text, min(c.sentence_start, coalesce(k.start, c.start)) + 1,
           max(c.sentence_end, coalesce(k.end, c.end)) - min(c.sentence_start, coalesce(k.start, c.start)))
    END AS sentence,"""
assert _SLICED in _CLAIM_REVIEW

_SENTENCE_COLUMN = """
ALTER TABLE claims ADD COLUMN sentence TEXT;
CREATE INDEX claims_sentence_missing ON claims(article_id) WHERE sentence IS NULL;
CREATE TRIGGER claims_sentence_moved AFTER UPDATE OF article_id, sentence_start, sentence_end ON claims
WHEN new.sentence IS NOT NULL AND (new.article_id IS NOT old.article_id
    OR new.sentence_start IS NOT old.sentence_start OR new.sentence_end IS NOT old.sentence_end)
BEGIN
    UPDATE claims SET sentence = NULL WHERE id = new.id;
END;
"""


# Why: issue 19. claim_review and check sliced each claim's sentence out of the whole article
# text with substr(), which scans the text from its start: a 4 MB article took 11 s, a 19 MB one
# did not finish. The sentence is stored once per claim and claim_review reads it.
@migrations()
def m013_claim_sentences(db: sqlite_utils.Database) -> None:
    """Issue 19: claims.sentence, filled for every claim, read by claim_review."""
    _run(db, _SENTENCE_COLUMN)
    fill_sentences(db.conn)
    _run(db, _CLAIM_REVIEW.replace(_SLICED, _STORED))
