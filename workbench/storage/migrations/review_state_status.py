"""Provides the review state's status rule as SQL: a claim's status from its reviewers' latest decisions and its adjudication, shared by m011's fill, triggers and views.

Part of the migration ``m011_review_state`` (never edited once merged).
"""

from __future__ import annotations

DECISIONS_SQL = "('sourced', 'unsourced', 'contested')"

# The current status of one claim (:claim_id) from its reviewers' latest decisions and its
# adjudication, as one UPDATE. An adjudication holds while every reviewer's current decision
# either equals it or is the very decision it settled for that reviewer.
RECOMPUTE_STATUS = f"""
UPDATE claim_current SET (status, reviewer, reviewed_at, event_id, adjudication_id) = (
    SELECT
        CASE WHEN a.id IS NOT NULL THEN a.status
             WHEN d.n = 0 THEN 'unreviewed'
             WHEN d.n = 1 THEN d.one
             ELSE 'disputed' END,
        CASE WHEN a.id IS NOT NULL THEN a.reviewer ELSE l.reviewer END,
        CASE WHEN a.id IS NOT NULL THEN a.created_at ELSE l.created_at END,
        l.event_id,
        a.id
    FROM (SELECT count(DISTINCT status) AS n, min(status) AS one FROM reviewer_current
          WHERE claim_id = :claim_id AND status IN {DECISIONS_SQL}) d
    LEFT JOIN (SELECT reviewer, created_at, event_id FROM reviewer_current WHERE claim_id = :claim_id
               ORDER BY status IN {DECISIONS_SQL} DESC, created_at DESC, event_id DESC LIMIT 1) l ON 1
    LEFT JOIN (
        SELECT e.id, e.status, e.reviewer, e.created_at FROM adjudication_events e
        WHERE e.id = (SELECT max(x.id) FROM adjudication_events x
                      WHERE x.claim_id = :claim_id AND x.undoes_event_id IS NULL
                        AND NOT EXISTS (SELECT 1 FROM adjudication_events u
                                        WHERE u.claim_id = :claim_id AND u.undoes_event_id = x.id))
          AND NOT EXISTS (
              SELECT 1 FROM reviewer_current r
              WHERE r.claim_id = :claim_id AND r.status IN {DECISIONS_SQL} AND r.status <> e.status
                AND NOT EXISTS (SELECT 1 FROM json_each(e.settles) j JOIN review_events s ON s.id = j.value
                                WHERE s.reviewer = r.reviewer AND s.status = r.status))
    ) a ON 1
)
WHERE claim_id = :claim_id;
"""


# The event's reviewer is the claim's only one and nothing was adjudicated: their status is the claim's.
_ALONE = ("NOT EXISTS (SELECT 1 FROM reviewer_current o WHERE o.claim_id = new.claim_id AND o.reviewer <> new.reviewer)"
          " AND NOT EXISTS (SELECT 1 FROM adjudication_events x WHERE x.claim_id = new.claim_id)")


def _in_trigger(sql: str, ref: str = "new.claim_id") -> str:
    return sql.replace(":claim_id", ref).strip()


# Whether a claim's article has a newer version (for the claim :claim_id's article :article_id).
SUPERSEDED_ARTICLE = """EXISTS (SELECT 1 FROM articles a JOIN articles n
    ON n.version_of = coalesce(a.version_of, a.id) AND n.version > a.version WHERE a.id = {article})"""

_NOTE_EVIDENCE = """
UPDATE claim_current SET
    note = CASE WHEN new.note IS NOT NULL AND (noted_at IS NULL OR noted_at <= new.created_at)
                THEN new.note ELSE note END,
    noted_at = CASE WHEN new.note IS NOT NULL AND (noted_at IS NULL OR noted_at <= new.created_at)
                    THEN new.created_at ELSE noted_at END,
    evidence = CASE
        WHEN new.evidence_url IS NULL THEN evidence
        WHEN evidence IS NULL THEN new.evidence_url
        WHEN instr(char(10) || evidence || char(10), char(10) || new.evidence_url || char(10)) > 0 THEN evidence
        ELSE evidence || char(10) || new.evidence_url END
WHERE claim_id = new.claim_id;
"""

# After an undo of an event that carried a note or evidence: both recomputed from the events
# that are not undone (a claim has few events; the claim's own index bounds the scan).
_RECOMPUTE_NOTES = """
UPDATE claim_current SET
    (note, noted_at) = (
        SELECT e.note, e.created_at FROM review_events e
        WHERE e.claim_id = new.claim_id AND e.note IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM review_events u WHERE u.claim_id = e.claim_id AND u.undoes_event_id = e.id)
        ORDER BY e.created_at DESC, e.id DESC LIMIT 1),
    evidence = (
        SELECT group_concat(url, char(10)) FROM (
            SELECT e.evidence_url AS url, min(e.created_at || printf('%020d', e.id)) AS first FROM review_events e
            WHERE e.claim_id = new.claim_id AND e.evidence_url IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM review_events u
                              WHERE u.claim_id = e.claim_id AND u.undoes_event_id = e.id)
            GROUP BY e.evidence_url ORDER BY first))
WHERE claim_id = new.claim_id;
"""
