"""Provides m011's indexes and triggers: the queue's order, each reviewer's current decision, the status and counts kept as events arrive.

Part of the migration ``m011_review_state`` (never edited once merged).
"""

from __future__ import annotations

from .review_state_status import RECOMPUTE_STATUS, _ALONE, _in_trigger, SUPERSEDED_ARTICLE, _NOTE_EVIDENCE, _RECOMPUTE_NOTES


_INDEXES_AND_TRIGGERS = f"""
-- The queue in its order, with and without a status filter: the flags that define the claims
-- to review lead, so "excluded = 0 AND superseded = 0" is an equality prefix and counts are
-- read from the index alone.
CREATE INDEX claim_current_queue ON claim_current(excluded, superseded, sort_key, claim_id);
CREATE INDEX claim_current_status ON claim_current(status, excluded, superseded, sort_key, claim_id);

CREATE TRIGGER claims_current_insert AFTER INSERT ON claims
BEGIN
    INSERT INTO claim_current (claim_id, sort_key, superseded)
    VALUES (new.id, new.id, {SUPERSEDED_ARTICLE.format(article="new.article_id")});
END;

-- status_counts counts the claims to review: not excluded, not in a superseded version.
CREATE TRIGGER claim_current_count_insert AFTER INSERT ON claim_current
WHEN new.excluded = 0 AND new.superseded = 0
BEGIN
    UPDATE status_counts SET n = n + 1 WHERE status = new.status;
END;
CREATE TRIGGER claim_current_count_delete AFTER DELETE ON claim_current
WHEN old.excluded = 0 AND old.superseded = 0
BEGIN
    UPDATE status_counts SET n = n - 1 WHERE status = old.status;
END;
CREATE TRIGGER claim_current_count_update AFTER UPDATE OF status, excluded, superseded ON claim_current
WHEN old.status IS NOT new.status OR old.excluded IS NOT new.excluded OR old.superseded IS NOT new.superseded
BEGIN
    UPDATE status_counts SET n = n - 1 WHERE status = old.status AND old.excluded = 0 AND old.superseded = 0;
    UPDATE status_counts SET n = n + 1 WHERE status = new.status AND new.excluded = 0 AND new.superseded = 0;
END;

-- Each reviewer's latest status-bearing event (by created_at, then insertion), then the status:
-- the reviewer's own when nobody else has one and no adjudication exists (most events), else the
-- full rule.
CREATE TRIGGER review_events_reviewer_current AFTER INSERT ON review_events
WHEN new.action IN ('mark', 'clear', 'undo')
BEGIN
    INSERT INTO reviewer_current (claim_id, reviewer, status, event_id, created_at)
    VALUES (new.claim_id, new.reviewer, new.status, new.id, new.created_at)
    ON CONFLICT (claim_id, reviewer) DO UPDATE SET
        status = excluded.status, event_id = excluded.event_id, created_at = excluded.created_at
    WHERE (excluded.created_at, excluded.event_id) > (reviewer_current.created_at, reviewer_current.event_id);
    UPDATE claim_current SET (status, reviewer, reviewed_at, event_id, adjudication_id) = (
        SELECT r.status, r.reviewer, r.created_at, r.event_id, NULL FROM reviewer_current r
        WHERE r.claim_id = new.claim_id AND r.reviewer = new.reviewer)
    WHERE claim_id = new.claim_id AND {_ALONE};
    {_in_trigger(RECOMPUTE_STATUS).rstrip(";")} AND NOT ({_ALONE});
END;

CREATE TRIGGER review_events_notes AFTER INSERT ON review_events
WHEN (new.note IS NOT NULL OR new.evidence_url IS NOT NULL)
BEGIN
    {_NOTE_EVIDENCE.strip()}
END;

CREATE TRIGGER review_events_undo_notes AFTER INSERT ON review_events
WHEN new.action = 'undo' AND EXISTS (SELECT 1 FROM review_events o WHERE o.id = new.undoes_event_id
                                     AND (o.note IS NOT NULL OR o.evidence_url IS NOT NULL))
BEGIN
    {_RECOMPUTE_NOTES.strip()}
END;

CREATE TRIGGER adjudication_events_current AFTER INSERT ON adjudication_events
BEGIN
    {_in_trigger(RECOMPUTE_STATUS)}
    UPDATE claim_current SET note = new.note, noted_at = new.created_at
    WHERE claim_id = new.claim_id AND new.note IS NOT NULL AND (noted_at IS NULL OR noted_at <= new.created_at);
END;

CREATE TRIGGER claim_corrections_excluded_insert AFTER INSERT ON claim_corrections
WHEN new.excluded IS NOT NULL
BEGIN
    UPDATE claim_current SET excluded = 1 WHERE claim_id = new.claim_id;
END;
CREATE TRIGGER claim_corrections_excluded_update AFTER UPDATE OF excluded ON claim_corrections
WHEN (old.excluded IS NULL) <> (new.excluded IS NULL)
BEGIN
    UPDATE claim_current SET excluded = (new.excluded IS NOT NULL) WHERE claim_id = new.claim_id;
END;

-- A new version of an article supersedes the earlier ones: their claims leave the queue.
CREATE TRIGGER articles_supersede AFTER INSERT ON articles
WHEN new.version_of IS NOT NULL
BEGIN
    UPDATE claim_current SET superseded = 1
    WHERE superseded = 0 AND claim_id IN (
        SELECT c.id FROM claims c WHERE c.article_id IN (
            SELECT id FROM articles WHERE (id = new.version_of OR version_of = new.version_of)
                                      AND version < new.version));
END;

-- As in m004, plus the attribution a speaker correction sets (the reporter: unattributed).
CREATE TRIGGER correction_events_current AFTER INSERT ON correction_events
BEGIN
    INSERT OR IGNORE INTO claim_corrections (claim_id, event_id, reviewer, corrected_at)
    VALUES (new.claim_id, new.id, new.reviewer, new.created_at);
    UPDATE claim_corrections SET
        speaker_id = CASE WHEN new.action = 'speaker' THEN new.speaker_id ELSE speaker_id END,
        attribution = CASE WHEN new.action = 'speaker' THEN new.attribution ELSE attribution END,
        mention_start = CASE WHEN new.action = 'mention' OR (new.action = 'speaker' AND new.mention_start IS NOT NULL)
                             THEN new.mention_start ELSE mention_start END,
        mention_end = CASE WHEN new.action = 'mention' OR (new.action = 'speaker' AND new.mention_start IS NOT NULL)
                           THEN new.mention_end ELSE mention_end END,
        mention_text = CASE WHEN new.action = 'mention' OR (new.action = 'speaker' AND new.mention_start IS NOT NULL)
                            THEN new.mention_text ELSE mention_text END,
        start = CASE WHEN new.start IS NOT NULL THEN new.start ELSE start END,
        end = CASE WHEN new.start IS NOT NULL THEN new.end ELSE end END,
        text = CASE WHEN new.start IS NOT NULL THEN new.text ELSE text END,
        excluded = CASE new.action WHEN 'not_claim' THEN 'not_claim' WHEN 'merged' THEN 'merged'
                                   WHEN 'restore' THEN NULL ELSE excluded END,
        event_id = new.id,
        reviewer = new.reviewer,
        corrected_at = new.created_at
    WHERE claim_id = new.claim_id;
END;
"""
