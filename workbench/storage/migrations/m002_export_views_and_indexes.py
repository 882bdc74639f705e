"""Provides the migration that lets exports and imports find claims by offsets, with readable disagreement views and the speaker indexes.

Registered in order by :mod:`workbench.storage.migrations`; never edited once merged.
"""

from __future__ import annotations

import sqlite_utils

from .registry import _run, migrations


# Why: exports and people querying the file directly.
# - import-reviews finds a claim by (article, start, end), not by row id;
# - review_disagreements gains the article and claim text (readable without a
#   join) and lists marks in reviewer order, so its output is reproducible;
# - claim_review gains the article's content hash, the key that names the same
#   article in every reviewer's copy;
# - the --speaker filter compares names and aliases case-insensitively, and
#   reviewer_latest partitions events by (claim, reviewer): indexes for both.
@migrations()
def m002_export_views_and_indexes(db: sqlite_utils.Database) -> None:
    _run(db, """
CREATE INDEX claims_article_span ON claims(article_id, start, end);
CREATE INDEX review_events_claim_reviewer ON review_events(claim_id, reviewer, created_at);
CREATE INDEX speakers_name_nocase ON speakers(name COLLATE NOCASE);
CREATE INDEX speaker_aliases_alias_nocase ON speaker_aliases(alias COLLATE NOCASE);

DROP VIEW review_disagreements;
CREATE VIEW review_disagreements AS
SELECT
    rl.claim_id,
    count(*) AS reviewers,
    count(DISTINCT rl.status) AS distinct_statuses,
    group_concat(rl.reviewer || ': ' || rl.status, '; ') AS marks,
    c.article_id,
    c.text,
    max(rl.created_at) AS last_marked_at
FROM (
    SELECT claim_id, reviewer, status, created_at
    FROM reviewer_latest
    WHERE status <> 'unreviewed'
    ORDER BY claim_id, reviewer
) rl
JOIN claims c ON c.id = rl.claim_id
GROUP BY rl.claim_id
HAVING count(DISTINCT rl.status) > 1;

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
    c.start,
    c.end,
    c.text,
    substr(a.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) AS sentence,
    s.id AS speaker_id,
    s.name AS speaker,
    s.kind AS speaker_kind,
    s.role AS speaker_role,
    s.affiliation AS speaker_affiliation,
    c.mention_text AS mention,
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
    a.content_hash AS article_content_hash
FROM claims c
JOIN articles a ON a.id = c.article_id
JOIN speakers s0 ON s0.id = c.speaker_id
JOIN speakers s ON s.id = COALESCE(s0.merged_into, s0.id)
JOIN claim_current cc ON cc.claim_id = c.id;
""")
