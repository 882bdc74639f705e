-- Unsourced claims by speaker: who is quoted without sourcing most often.
-- Merged speakers count as the speaker they were merged into.
SELECT
    speaker,
    speaker_kind,
    count(*) AS unsourced_claims,
    count(DISTINCT article_id) AS articles,
    max(reviewed_at) AS last_marked
FROM claim_review
WHERE status = 'unsourced'
GROUP BY speaker_id
ORDER BY unsourced_claims DESC, speaker
LIMIT 100;
