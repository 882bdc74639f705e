"""Provides m011's views: progress, counts, disagreements and claim_review over the claims to review.

Part of the migration ``m011_review_state`` (never edited once merged).
"""

from __future__ import annotations

from .review_state_status import DECISIONS_SQL, SUPERSEDED_ARTICLE


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
