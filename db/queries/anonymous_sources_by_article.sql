-- Anonymous sources by article: claims attributed to unnamed people, with the
-- words that justify the anonymity and the current review status.
SELECT
    article_id,
    coalesce(article_title, article_source) AS article,
    count(*) AS anonymous_claims,
    sum(status = 'unsourced') AS unsourced,
    sum(anonymity_cue IS NOT NULL) AS with_anonymity_reason,
    group_concat(DISTINCT speaker) AS described_as
FROM claim_review
WHERE speaker_kind = 'anonymous'
GROUP BY article_id
ORDER BY anonymous_claims DESC, article_id;
