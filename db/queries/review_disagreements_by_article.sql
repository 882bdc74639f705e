-- Claims on which reviewers disagree (each reviewer's latest mark differs),
-- with the article they are in: settle these before publishing.
SELECT
    d.article_id,
    coalesce(a.title, a.source) AS article,
    d.claim_id,
    d.text,
    d.marks,
    d.last_marked_at
FROM review_disagreements d
JOIN articles a ON a.id = d.article_id
ORDER BY d.article_id, d.claim_id;
