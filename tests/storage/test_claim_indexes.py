"""The partial ``claims_previous`` index (m008) still serves lookups and foreign-key checks by previous claim."""

from __future__ import annotations


def test_previous_claim_lookups_use_the_partial_index(simple_article):
    db, _ = simple_article
    plan = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN SELECT id FROM claims WHERE previous_claim_id = ?",
                                             (1,)))
    assert "claims_previous" in plan
    # First-version claims (previous_claim_id NULL) are left out of it.
    assert db.execute("SELECT count(*) FROM claims INDEXED BY claims_previous"
                      " WHERE previous_claim_id IS NOT NULL").fetchone()[0] == 0
