"""Provides the migration that adds reviewers' corrections: correction events, the corrected values, and the views over them.

Registered in order by :mod:`workbench.storage.migrations`; never edited once merged.
"""

from __future__ import annotations

import sqlite_utils

from .registry import _run, migrations


# Why: issue 8, reviewers correct the extraction. Corrections are append-only
# events beside review_events; the extractor's values stay on ``claims``;
# ``claim_corrections`` holds the current corrected values (NULL = the
# extractor's) kept by trigger, as claim_current does for statuses.
# claim_review is recreated with every m002 column (start, end, text, speaker*
# and mention now corrected) plus ``corrected``, ``excluded`` and original_*.
# rule_precision and the reviewer_* views make the same figures as
# 'workbench rules' and 'workbench agreement' queryable.
@migrations()
def m004_corrections(db: sqlite_utils.Database) -> None:
    _run(db, """
ALTER TABLE claims ADD COLUMN extractor_dropped INTEGER NOT NULL DEFAULT 0;

CREATE TABLE correction_events (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    action TEXT NOT NULL CHECK (action IN ('speaker', 'mention', 'not_claim', 'restore', 'span', 'split', 'merge',
                                           'merged')),
    reviewer TEXT NOT NULL,
    created_at TEXT NOT NULL,
    speaker_id INTEGER REFERENCES speakers(id),
    mention_start INTEGER,
    mention_end INTEGER,
    mention_text TEXT,
    start INTEGER,
    end INTEGER,
    text TEXT,
    other_claim_id INTEGER REFERENCES claims(id),
    undoes_event_id INTEGER REFERENCES correction_events(id),
    CHECK (start IS NULL OR (start >= 0 AND end > start))
);
CREATE INDEX correction_events_claim ON correction_events(claim_id, id);
CREATE INDEX correction_events_created ON correction_events(created_at);

CREATE TRIGGER correction_events_no_update BEFORE UPDATE ON correction_events
BEGIN
    SELECT RAISE(ABORT, 'correction_events is append-only');
END;
CREATE TRIGGER correction_events_no_delete BEFORE DELETE ON correction_events
BEGIN
    SELECT RAISE(ABORT, 'correction_events is append-only');
END;

CREATE TABLE claim_corrections (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id),
    speaker_id INTEGER REFERENCES speakers(id),
    mention_start INTEGER,
    mention_end INTEGER,
    mention_text TEXT,
    start INTEGER,
    end INTEGER,
    text TEXT,
    excluded TEXT CHECK (excluded IN ('not_claim', 'merged')),
    event_id INTEGER NOT NULL REFERENCES correction_events(id),
    reviewer TEXT NOT NULL,
    corrected_at TEXT NOT NULL
);
CREATE INDEX claim_corrections_excluded ON claim_corrections(excluded) WHERE excluded IS NOT NULL;

-- Corrections are local (never imported), so insertion order is their order.
CREATE TRIGGER correction_events_current AFTER INSERT ON correction_events
BEGIN
    INSERT OR IGNORE INTO claim_corrections (claim_id, event_id, reviewer, corrected_at)
    VALUES (new.claim_id, new.id, new.reviewer, new.created_at);
    UPDATE claim_corrections SET
        speaker_id = CASE WHEN new.action = 'speaker' THEN new.speaker_id ELSE speaker_id END,
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

-- Per claim: what a reviewer changed, compared with the extractor's values
-- (after speaker merges), so an undone correction counts as no change.
CREATE VIEW claim_correction_flags AS
SELECT
    c.id AS claim_id,
    c.rule,
    CASE WHEN k.speaker_id IS NOT NULL AND coalesce(s1.merged_into, s1.id) <> coalesce(s0.merged_into, s0.id)
         THEN 1 ELSE 0 END AS speaker_changed,
    CASE WHEN k.excluded = 'not_claim' THEN 1 ELSE 0 END AS not_claim,
    CASE WHEN k.excluded = 'merged' OR (k.start IS NOT NULL AND (k.start <> c.start OR k.end <> c.end))
         THEN 1 ELSE 0 END AS span_changed,
    CASE WHEN k.mention_start IS NOT NULL
              AND (k.mention_start IS NOT c.mention_start OR k.mention_end IS NOT c.mention_end)
         THEN 1 ELSE 0 END AS mention_changed,
    CASE WHEN k.claim_id IS NOT NULL OR cc.status <> 'unreviewed' THEN 1 ELSE 0 END AS reviewed
FROM claims c
JOIN claim_current cc ON cc.claim_id = c.id
JOIN speakers s0 ON s0.id = c.speaker_id
LEFT JOIN claim_corrections k ON k.claim_id = c.id
LEFT JOIN speakers s1 ON s1.id = k.speaker_id;

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
    coalesce(k.mention_text, c.mention_text) AS mention,
    c.antecedent_text AS antecedent,
    c.attribution,
    c.cue_text AS cue,
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
    c.extractor_dropped
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN claim_corrections k ON k.claim_id = c.id
JOIN claim_correction_flags f ON f.claim_id = c.id
JOIN speakers s0 ON s0.id = coalesce(k.speaker_id, c.speaker_id)
JOIN speakers s ON s.id = COALESCE(s0.merged_into, s0.id)
JOIN speakers o0 ON o0.id = c.speaker_id
JOIN speakers so ON so.id = COALESCE(o0.merged_into, o0.id)
JOIN claim_current cc ON cc.claim_id = c.id;

-- Precision of each extractor rule over the claims a reviewer has looked at
-- (marked or corrected); claims a reviewer split off are not a rule's output.
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
WHERE rule <> 'reviewer_split'
GROUP BY rule;

-- Each reviewer's latest decision on claims that are still claims.
CREATE VIEW reviewer_decisions AS
SELECT rl.claim_id, rl.reviewer, rl.status
FROM reviewer_latest rl
WHERE rl.status IN ('sourced', 'unsourced', 'contested')
  AND NOT EXISTS (SELECT 1 FROM claim_corrections k WHERE k.claim_id = rl.claim_id AND k.excluded IS NOT NULL);

-- Per reviewer pair and status: how often each of the two chose it on their common claims.
CREATE VIEW reviewer_pair_marginals AS
SELECT
    a.reviewer AS reviewer_a,
    b.reviewer AS reviewer_b,
    st.status,
    sum(a.status = st.status) AS a_n,
    sum(b.status = st.status) AS b_n
FROM reviewer_decisions a
JOIN reviewer_decisions b ON b.claim_id = a.claim_id AND a.reviewer < b.reviewer
CROSS JOIN (SELECT 'sourced' AS status UNION ALL SELECT 'unsourced' UNION ALL SELECT 'contested') st
GROUP BY a.reviewer, b.reviewer, st.status;

-- Percent agreement and Cohen's kappa per pair: kappa = (po - pe) / (1 - pe),
-- pe = sum over statuses of a_n * b_n / n^2 (NULL when pe = 1).
CREATE VIEW reviewer_pairs AS
WITH common AS (
    SELECT a.reviewer AS reviewer_a, b.reviewer AS reviewer_b, count(*) AS claims,
           sum(a.status = b.status) AS agreements
    FROM reviewer_decisions a
    JOIN reviewer_decisions b ON b.claim_id = a.claim_id AND a.reviewer < b.reviewer
    GROUP BY a.reviewer, b.reviewer
), chance AS (
    SELECT reviewer_a, reviewer_b, sum(1.0 * a_n * b_n) AS ab
    FROM reviewer_pair_marginals
    GROUP BY reviewer_a, reviewer_b
)
SELECT
    c.reviewer_a,
    c.reviewer_b,
    c.claims,
    c.agreements,
    round(100.0 * c.agreements / c.claims, 2) AS percent_agreement,
    CASE WHEN h.ab = 1.0 * c.claims * c.claims THEN NULL
         ELSE (1.0 * c.agreements / c.claims - h.ab / (1.0 * c.claims * c.claims))
              / (1.0 - h.ab / (1.0 * c.claims * c.claims)) END AS kappa
FROM common c
JOIN chance h ON h.reviewer_a = c.reviewer_a AND h.reviewer_b = c.reviewer_b;

-- Krippendorff's alpha (nominal) over every reviewer, on claims with two or
-- more decisions: alpha = 1 - Do / De with
-- Do = (1/n) sum_u (m_u^2 - sum_c n_uc^2) / (m_u - 1), De = (n^2 - sum_c n_c^2) / (n (n - 1)).
CREATE VIEW reviewer_alpha AS
WITH units AS (
    SELECT claim_id, count(*) AS m FROM reviewer_decisions GROUP BY claim_id HAVING count(*) >= 2
), cells AS (
    SELECT d.claim_id, d.status, count(*) AS n_uc, u.m
    FROM reviewer_decisions d JOIN units u ON u.claim_id = d.claim_id
    GROUP BY d.claim_id, d.status
), per_unit AS (
    SELECT claim_id, (1.0 * m * m - sum(1.0 * n_uc * n_uc)) / (m - 1) AS d FROM cells GROUP BY claim_id
), totals AS (
    SELECT status, sum(n_uc) AS n_c FROM cells GROUP BY status
), agg AS (
    SELECT
        (SELECT count(*) FROM units) AS units,
        (SELECT count(DISTINCT reviewer) FROM reviewer_decisions WHERE claim_id IN (SELECT claim_id FROM units))
            AS reviewers,
        (SELECT coalesce(sum(m), 0) FROM units) AS n,
        (SELECT sum(d) FROM per_unit) AS d_sum,
        (SELECT sum(1.0 * n_c * n_c) FROM totals) AS nc2
)
SELECT
    units,
    reviewers,
    n AS pairable_values,
    CASE WHEN n >= 2 THEN d_sum / n END AS observed_disagreement,
    CASE WHEN n >= 2 THEN (1.0 * n * n - nc2) / (1.0 * n * (n - 1)) END AS expected_disagreement,
    CASE WHEN n < 2 OR 1.0 * n * n = nc2 THEN NULL
         ELSE 1.0 - (d_sum / n) / ((1.0 * n * n - nc2) / (1.0 * n * (n - 1))) END AS alpha
FROM agg;
""")
