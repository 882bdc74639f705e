-- Per article (latest versions only): how far review has got and what still blocks publication.
-- Counts are over the claims to review; a disputed claim is not decided.
SELECT
    article_id,
    coalesce(title, source) AS article,
    claims,
    reviewed AS decided,
    round(100.0 * reviewed / max(claims, 1), 1) AS pct_decided,
    disputed + unsourced + contested AS needs_attention,
    disputed,
    unreviewed
FROM article_progress
WHERE NOT superseded
ORDER BY needs_attention DESC, pct_decided, article_id;
