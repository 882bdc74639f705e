-- Per article: how far review has got and what still blocks publication.
SELECT
    article_id,
    coalesce(title, source) AS article,
    claims,
    reviewed,
    round(100.0 * reviewed / max(claims, 1), 1) AS pct_reviewed,
    unsourced + contested AS needs_attention,
    unreviewed
FROM article_progress
ORDER BY needs_attention DESC, pct_reviewed, article_id;
