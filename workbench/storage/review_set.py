"""Provides the one definition of "the claims to review", for every reader that counts or lists claims.

A claim is to be reviewed unless a reviewer took it out (not a claim, or
merged into another: ``claim_current.excluded``) or its article has a newer
version (``claim_current.superseded``). The flags are kept by triggers (see
``migrations.m011_review_state``), ``status_counts`` counts exactly these claims, and the
queue, progress, stats, exports and the markdown report filter with the
conditions below (over ``claim_current`` aliased ``cc``), so their totals agree.

A claim is *decided* when its status is sourced, unsourced or contested; a
disputed claim (reviewers differ, no adjudication yet) is not decided, so an
article reaches 100% only when every claim to review is decided.
"""

from __future__ import annotations

TO_REVIEW = "cc.excluded = 0 AND cc.superseded = 0"
# With --include-superseded, or when a superseded version is opened on purpose.
TO_REVIEW_WITH_SUPERSEDED = "cc.excluded = 0"
DECIDED = ("sourced", "unsourced", "contested")
DECIDED_SQL = "('sourced', 'unsourced', 'contested')"


def percent(decided: int, claims: int) -> float:
    """Progress as a percentage (100 for an article with no claims to review)."""
    return 100.0 if claims == 0 else 100.0 * decided / claims
