"""Provides the review-state migration: per-reviewer decisions, adjudications, "disputed", the claims to review.

Registered in order by :mod:`workbench.storage.migrations`; never edited once merged.
Its SQL is in ``review_state_*.py`` beside it. What it changes, and why (issues 14, 19):

- ``reviewer_current`` keeps each reviewer's latest status-bearing event per
  claim (``reviewer_latest`` as a table), by trigger;
- ``adjudication_events`` (append-only) records an adjudicator's decision on
  a disputed claim and the review events (marks) it settles;
- ``claim_current.status`` is no longer the last writer's mark: it is the
  reviewers' common decision, ``disputed`` when their latest decisions differ,
  or the adjudicator's decision while it still settles every differing mark;
- ``claim_current`` gains the flags that define the claims to review
  (``excluded``: not a claim or merged away; ``superseded``: the article has a
  newer version) and ``sort_key``, the queue's order (a claim split off or
  added by a reviewer sits beside its neighbours, not at the end);
- ``status_counts`` counts the claims to review only, ``disputed`` included;
- reassigning a claim to the reporter records the attribution
  (``claim_corrections.attribution``), and corrections may name the event
  that caused them (``correction_events.cause_event_id``: claims absorbed
  when a span grows over them).
"""

from __future__ import annotations

import sqlite_utils

from .registry import _run, migrations
from .review_state_status import RECOMPUTE_STATUS
from .review_state_tables import _FILL, _TABLES
from .review_state_triggers import _INDEXES_AND_TRIGGERS
from .review_state_views import _CLAIM_REVIEW, _VIEWS


# Why: issues 14 and 19. The current status follows each reviewer's latest decision
# ("disputed" when they differ, until an adjudicator decides), status_counts and the
# views count the claims to review (not excluded, not in a superseded version), and the
# queue has an order of its own (claim_current.sort_key).
@migrations()
def m011_review_state(db: sqlite_utils.Database) -> None:
    """Issue 14 / 19: per-reviewer decisions, adjudications, disputed, the claims to review, queue order."""
    run = _run
    conn = db.conn
    run(db, _TABLES)
    run(db, _FILL)
    for (claim_id,) in conn.execute("SELECT DISTINCT claim_id FROM reviewer_current").fetchall():
        conn.execute(RECOMPUTE_STATUS, {"claim_id": claim_id})
    conn.execute("UPDATE status_counts SET n = (SELECT count(*) FROM claim_current WHERE status = status_counts.status"
                 " AND excluded = 0 AND superseded = 0)"
                 " WHERE status IN ('unreviewed', 'sourced', 'unsourced', 'contested', 'disputed')")
    run(db, _INDEXES_AND_TRIGGERS)
    run(db, _VIEWS)
    run(db, _CLAIM_REVIEW)
