"""Provides the review-state migration: per-reviewer decisions, adjudications, "disputed", the claims to review.

It registers itself with the one :data:`~workbench.storage.migrations.migrations`
list when :mod:`workbench.storage` is imported, after the others; like every
migration it is never edited once merged. What it changes, and why (issues 14, 19):

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

from . import _run, migrations

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

_VIEWS = f"""
DROP VIEW article_progress;
-- Per article: the claims to review (not excluded) and how many are decided. A disputed claim
-- is reviewed but not decided; superseded says a newer version of the article exists.
CREATE VIEW article_progress AS
SELECT
    a.id AS article_id,
    a.title,
    a.source,
    count(c.id) AS claims,
    coalesce(sum(cc.status IN {DECISIONS_SQL}), 0) AS reviewed,
    coalesce(sum(cc.status = 'sourced'), 0) AS sourced,
    coalesce(sum(cc.status = 'unsourced'), 0) AS unsourced,
    coalesce(sum(cc.status = 'contested'), 0) AS contested,
    coalesce(sum(cc.status = 'unreviewed'), 0) AS unreviewed,
    coalesce(sum(cc.status = 'disputed'), 0) AS disputed,
    a.version,
    {SUPERSEDED_ARTICLE.format(article="a.id")} AS superseded
FROM articles a
LEFT JOIN (claims c JOIN claim_current cc ON cc.claim_id = c.id AND cc.excluded = 0) ON c.article_id = a.id
GROUP BY a.id;

DROP VIEW speaker_summary;
CREATE VIEW speaker_summary AS
SELECT
    s.id AS speaker_id,
    s.name,
    s.kind,
    s.role,
    s.affiliation,
    count(c.id) AS claims,
    sum(cc.status = 'sourced') AS sourced,
    sum(cc.status = 'unsourced') AS unsourced,
    sum(cc.status = 'contested') AS contested,
    sum(cc.status = 'unreviewed') AS unreviewed,
    round(1.0 * sum(cc.status = 'unsourced') / max(1, sum(cc.status IN {DECISIONS_SQL})), 3) AS share_unsourced,
    count(DISTINCT c.article_id) AS articles,
    sum(cc.status = 'disputed') AS disputed
FROM speakers s
JOIN speakers s0 ON COALESCE(s0.merged_into, s0.id) = s.id
JOIN claims c ON c.speaker_id = s0.id
JOIN claim_current cc ON cc.claim_id = c.id AND cc.excluded = 0 AND cc.superseded = 0
WHERE s.merged_into IS NULL
GROUP BY s.id;

DROP VIEW rule_precision;
-- As in m004; claims a reviewer split off or added are not a rule's output.
CREATE VIEW rule_precision AS
SELECT
    rule,
    count(*) AS claims,
    sum(reviewed) AS reviewed,
    sum(CASE WHEN speaker_changed OR not_claim OR span_changed THEN 1 ELSE 0 END) AS corrected,
    sum(speaker_changed) AS speaker_changed,
    sum(not_claim) AS not_claim,
    sum(span_changed) AS span_changed,
    CASE WHEN sum(reviewed) = 0 THEN NULL
         ELSE round(1.0 - 1.0 * sum(CASE WHEN speaker_changed OR not_claim OR span_changed THEN 1 ELSE 0 END)
                          / sum(reviewed), 4) END AS precision
FROM claim_correction_flags
WHERE rule NOT IN ('reviewer_split', 'reviewer_added')
GROUP BY rule;

-- Each disputed claim's reviewers, one row per reviewer's current decision, with their latest note.
CREATE VIEW dispute_marks AS
SELECT
    r.claim_id,
    r.reviewer,
    r.status,
    r.created_at AS marked_at,
    r.event_id,
    (SELECT e.note FROM review_events e WHERE e.claim_id = r.claim_id AND e.reviewer = r.reviewer
       AND e.note IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM review_events u WHERE u.claim_id = e.claim_id AND u.undoes_event_id = e.id)
     ORDER BY e.created_at DESC, e.id DESC LIMIT 1) AS note
FROM reviewer_current r
JOIN claim_current cc ON cc.claim_id = r.claim_id
WHERE cc.status = 'disputed' AND r.status IN {DECISIONS_SQL};
"""

# claim_review as issue 15's migration left it (triage columns last), with the corrected attribution:
# a claim reassigned to the reporter has no mention, antecedent or cue any more.
_NO_SOURCE = "k.attribution = 'unattributed'"
_CLAIM_REVIEW = f"""
DROP VIEW claim_review;
CREATE VIEW claim_review AS
SELECT
    c.id AS claim_id,
    c.article_id,
    a.title AS article_title,
    a.source AS article_source,
    a.url AS article_url,
    a.outlet AS article_outlet,
    a.author AS article_author,
    a.published AS article_published,
    c.sequence,
    coalesce(k.start, c.start) AS start,
    coalesce(k.end, c.end) AS end,
    coalesce(k.text, c.text) AS text,
    substr(a.text, min(c.sentence_start, coalesce(k.start, c.start)) + 1,
           max(c.sentence_end, coalesce(k.end, c.end)) - min(c.sentence_start, coalesce(k.start, c.start)))
        AS sentence,
    s.id AS speaker_id,
    s.name AS speaker,
    s.kind AS speaker_kind,
    s.role AS speaker_role,
    s.affiliation AS speaker_affiliation,
    CASE WHEN {_NO_SOURCE} THEN NULL ELSE coalesce(k.mention_text, c.mention_text) END AS mention,
    CASE WHEN {_NO_SOURCE} THEN NULL ELSE c.antecedent_text END AS antecedent,
    coalesce(k.attribution, c.attribution) AS attribution,
    CASE WHEN {_NO_SOURCE} THEN NULL ELSE c.cue_text END AS cue,
    c.channel,
    c.rule,
    c.hedged,
    c.hedge_cue,
    c.anonymity_cue,
    cc.status,
    cc.reviewer,
    cc.reviewed_at,
    cc.note,
    cc.evidence,
    a.content_hash AS article_content_hash,
    CASE WHEN f.speaker_changed OR f.not_claim OR f.span_changed OR f.mention_changed THEN 1 ELSE 0 END
        AS corrected,
    k.excluded,
    k.reviewer AS corrected_by,
    k.corrected_at,
    so.id AS original_speaker_id,
    so.name AS original_speaker,
    so.kind AS original_speaker_kind,
    c.start AS original_start,
    c.end AS original_end,
    c.text AS original_text,
    c.mention_text AS original_mention,
    c.extractor_dropped,
    sc.score AS check_worthiness,
    sc.reasons AS check_worthiness_reasons,
    g.group_id,
    gs.n AS group_size
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN claim_corrections k ON k.claim_id = c.id
JOIN claim_correction_flags f ON f.claim_id = c.id
JOIN speakers s0 ON s0.id = coalesce(k.speaker_id, c.speaker_id)
JOIN speakers s ON s.id = COALESCE(s0.merged_into, s0.id)
JOIN speakers o0 ON o0.id = c.speaker_id
JOIN speakers so ON so.id = COALESCE(o0.merged_into, o0.id)
JOIN claim_current cc ON cc.claim_id = c.id
LEFT JOIN claim_scores sc ON sc.claim_id = c.id
LEFT JOIN claim_groups g ON g.claim_id = c.id
LEFT JOIN (SELECT group_id, count(*) AS n FROM claim_groups GROUP BY group_id) gs ON gs.group_id = g.group_id;
"""


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
