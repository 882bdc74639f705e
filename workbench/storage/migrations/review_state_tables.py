"""Provides m011's new tables and columns (reviewer_current, adjudication_events, claim_current's flags) and how they are filled from existing rows.

Part of the migration ``m011_review_state`` (never edited once merged).
"""

from __future__ import annotations

from .review_state_status import DECISIONS_SQL, SUPERSEDED_ARTICLE


_TABLES = f"""
CREATE TABLE reviewer_current (
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    reviewer TEXT NOT NULL,
    status TEXT NOT NULL,
    event_id INTEGER NOT NULL REFERENCES review_events(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (claim_id, reviewer)
) WITHOUT ROWID;

CREATE TABLE adjudication_events (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    status TEXT CHECK (status IN {DECISIONS_SQL}),
    reviewer TEXT NOT NULL,
    note TEXT,
    settles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(settles) AND json_type(settles) = 'array'),
    created_at TEXT NOT NULL,
    undoes_event_id INTEGER REFERENCES adjudication_events(id),
    origin TEXT,
    CHECK ((status IS NULL) = (undoes_event_id IS NOT NULL))
);
CREATE INDEX adjudication_events_claim ON adjudication_events(claim_id, id);
CREATE TRIGGER adjudication_events_no_update BEFORE UPDATE ON adjudication_events
BEGIN
    SELECT RAISE(ABORT, 'adjudication_events is append-only');
END;
CREATE TRIGGER adjudication_events_no_delete BEFORE DELETE ON adjudication_events
BEGIN
    SELECT RAISE(ABORT, 'adjudication_events is append-only');
END;

ALTER TABLE claim_current ADD COLUMN excluded INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claim_current ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claim_current ADD COLUMN sort_key REAL NOT NULL DEFAULT 0;
ALTER TABLE claim_current ADD COLUMN adjudication_id INTEGER REFERENCES adjudication_events(id);
ALTER TABLE claim_current ADD COLUMN noted_at TEXT;
INSERT INTO status_counts (status, n) VALUES ('disputed', 0);

ALTER TABLE correction_events ADD COLUMN attribution TEXT;
ALTER TABLE correction_events ADD COLUMN cause_event_id INTEGER REFERENCES correction_events(id);
ALTER TABLE claim_corrections ADD COLUMN attribution TEXT;
CREATE INDEX correction_events_cause ON correction_events(cause_event_id) WHERE cause_event_id IS NOT NULL;

DROP TRIGGER review_events_current;
DROP TRIGGER claims_current_insert;
DROP TRIGGER claim_current_count_insert;
DROP TRIGGER claim_current_count_delete;
DROP TRIGGER claim_current_count_update;
DROP TRIGGER correction_events_current;
DROP INDEX claim_current_status;
"""

_FILL = f"""
INSERT INTO reviewer_current (claim_id, reviewer, status, event_id, created_at)
SELECT claim_id, reviewer, status, id, created_at FROM (
    SELECT claim_id, reviewer, status, id, created_at,
           row_number() OVER (PARTITION BY claim_id, reviewer ORDER BY created_at DESC, id DESC) AS rn
    FROM review_events WHERE action IN ('mark', 'clear', 'undo'))
WHERE rn = 1;

UPDATE claim_current SET sort_key = claim_id;
-- A claim split off by a reviewer sits right after the claim it was split from.
UPDATE claim_current SET sort_key = (
    SELECT e.other_claim_id + 0.5 FROM correction_events e
    WHERE e.claim_id = claim_current.claim_id AND e.action = 'split' AND e.other_claim_id < e.claim_id
    ORDER BY e.id LIMIT 1)
WHERE claim_id IN (SELECT id FROM claims WHERE rule = 'reviewer_split')
  AND EXISTS (SELECT 1 FROM correction_events e WHERE e.claim_id = claim_current.claim_id AND e.action = 'split'
              AND e.other_claim_id < e.claim_id);
UPDATE claim_current SET excluded = 1
WHERE claim_id IN (SELECT claim_id FROM claim_corrections WHERE excluded IS NOT NULL);
UPDATE claim_current SET superseded = 1
WHERE claim_id IN (SELECT c.id FROM claims c WHERE {SUPERSEDED_ARTICLE.format(article="c.article_id")});
UPDATE claim_current SET (note, noted_at) = (
    SELECT e.note, e.created_at FROM review_events e WHERE e.claim_id = claim_current.claim_id AND e.note IS NOT NULL
    ORDER BY e.created_at DESC, e.id DESC LIMIT 1)
WHERE note IS NOT NULL;
"""
