"""Provides the migration that adds check-worthiness and near-duplicate groups to the claim_review view.

Issue 15: people who open the database in Datasette, sqlite-utils or pandas
start from ``claim_review``; it gains the columns the exports carry:
``check_worthiness`` (0-1, NULL when unscored), ``check_worthiness_reasons``
(the JSON list as stored), ``group_id`` and ``group_size`` (NULL for a claim
with no near-duplicate). The view is recreated with every earlier column in
the same order, the new ones last. A group's size is counted in one pass over
the group index, not once per claim (a correlated count costs the square of a
big group's size). Registered in :mod:`workbench.storage.migrations`, and,
like every migration, never edited once merged.
"""

from __future__ import annotations

CLAIM_REVIEW_WITH_TRIAGE = """
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
