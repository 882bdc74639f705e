-- The workbench database schema, as the migrations produce it.
-- Generated: python -m workbench.storage.schema > db/schema.sql  (do not edit by hand)
-- Documented table by table in db/README.md.

CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    title TEXT,
    author TEXT,
    outlet TEXT,
    url TEXT,
    published TEXT,
    source TEXT,
    external_id TEXT,
    format TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    extractor_version TEXT
, version_of INTEGER REFERENCES articles(id), version INTEGER NOT NULL DEFAULT 1);

CREATE INDEX articles_url ON articles(url);

CREATE INDEX articles_external_id ON articles(external_id);

CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'anonymous', 'document', 'author')),
    role TEXT,
    affiliation TEXT,
    merge_key TEXT NOT NULL UNIQUE,
    article_id INTEGER REFERENCES articles(id),
    merged_into INTEGER REFERENCES speakers(id),
    created_at TEXT NOT NULL
);

CREATE INDEX speakers_name ON speakers(name);

CREATE INDEX speakers_kind ON speakers(kind);

CREATE INDEX speakers_merged_into ON speakers(merged_into);

CREATE TABLE speaker_aliases (
    id INTEGER PRIMARY KEY,
    speaker_id INTEGER NOT NULL REFERENCES speakers(id),
    alias TEXT NOT NULL,
    first_article_id INTEGER REFERENCES articles(id),
    UNIQUE (speaker_id, alias)
);

CREATE INDEX speaker_aliases_alias ON speaker_aliases(alias);

CREATE TABLE speaker_events (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('merge', 'split')),
    speaker_id INTEGER NOT NULL REFERENCES speakers(id),
    other_speaker_id INTEGER REFERENCES speakers(id),
    alias TEXT,
    reviewer TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    sequence INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    paragraph_start INTEGER NOT NULL,
    paragraph_end INTEGER NOT NULL,
    speaker_id INTEGER NOT NULL REFERENCES speakers(id),
    alias_id INTEGER REFERENCES speaker_aliases(id),
    attribution TEXT NOT NULL CHECK (attribution IN ('direct', 'partial', 'indirect', 'according_to', 'unattributed', 'caption')),
    mention_start INTEGER,
    mention_end INTEGER,
    mention_text TEXT,
    antecedent_start INTEGER,
    antecedent_end INTEGER,
    antecedent_text TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text TEXT,
    channel TEXT,
    rule TEXT NOT NULL,
    hedged INTEGER NOT NULL DEFAULT 0,
    hedge_cue TEXT,
    anonymity_cue TEXT,
    chain TEXT, extractor_dropped INTEGER NOT NULL DEFAULT 0, changed_since_version INTEGER NOT NULL DEFAULT 0, previous_claim_id INTEGER REFERENCES claims(id), confidence REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)), sentence TEXT,
    UNIQUE (article_id, sequence),
    CHECK (start >= 0 AND end > start)
);

CREATE INDEX claims_speaker ON claims(speaker_id);

CREATE INDEX claims_alias ON claims(alias_id);

CREATE INDEX claims_rule ON claims(rule);

CREATE TABLE review_events (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    action TEXT NOT NULL CHECK (action IN ('mark', 'clear', 'undo', 'note', 'evidence')),
    status TEXT NOT NULL CHECK (status IN ('sourced', 'unsourced', 'contested', 'unreviewed')),
    reviewer TEXT NOT NULL,
    note TEXT,
    evidence_url TEXT,
    created_at TEXT NOT NULL,
    undoes_event_id INTEGER REFERENCES review_events(id),
    origin TEXT
);

CREATE INDEX review_events_claim ON review_events(claim_id, created_at);

CREATE INDEX review_events_reviewer ON review_events(reviewer, claim_id);

CREATE INDEX review_events_created ON review_events(created_at);

CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events
BEGIN
    SELECT RAISE(ABORT, 'review_events is append-only');
END;

CREATE TRIGGER review_events_no_delete BEFORE DELETE ON review_events
BEGIN
    SELECT RAISE(ABORT, 'review_events is append-only');
END;

CREATE TABLE claim_current (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id),
    status TEXT NOT NULL DEFAULT 'unreviewed',
    reviewer TEXT,
    reviewed_at TEXT,
    event_id INTEGER REFERENCES review_events(id),
    note TEXT,
    evidence TEXT
, excluded INTEGER NOT NULL DEFAULT 0, superseded INTEGER NOT NULL DEFAULT 0, sort_key REAL NOT NULL DEFAULT 0, adjudication_id INTEGER REFERENCES adjudication_events(id), noted_at TEXT);

CREATE TABLE status_counts (
    status TEXT PRIMARY KEY,
    n INTEGER NOT NULL
);

CREATE TRIGGER claims_current_delete AFTER DELETE ON claims
BEGIN
    DELETE FROM claim_current WHERE claim_id = old.id;
END;

CREATE VIEW claim_status AS
SELECT claim_id, status, reviewer, reviewed_at, note, evidence, event_id
FROM claim_current;

CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims', content_rowid='id');

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');

CREATE VIEW speaker_effective AS
SELECT s.id AS speaker_id, COALESCE(s.merged_into, s.id) AS effective_id
FROM speakers s;

CREATE VIEW reviewer_latest AS
SELECT claim_id, reviewer, status, created_at
FROM (
    SELECT claim_id, reviewer, status, created_at,
           row_number() OVER (PARTITION BY claim_id, reviewer ORDER BY created_at DESC, id DESC) AS rn
    FROM review_events
    WHERE action IN ('mark', 'clear', 'undo')
)
WHERE rn = 1;

CREATE INDEX claims_article_span ON claims(article_id, start, end);

CREATE INDEX review_events_claim_reviewer ON review_events(claim_id, reviewer, created_at);

CREATE INDEX speakers_name_nocase ON speakers(name COLLATE NOCASE);

CREATE INDEX speaker_aliases_alias_nocase ON speaker_aliases(alias COLLATE NOCASE);

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

CREATE TABLE claim_scores (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    reasons TEXT NOT NULL DEFAULT '[]'
);

CREATE INDEX claim_scores_score ON claim_scores(score DESC, claim_id);

CREATE TABLE claim_bands (
    band_hash INTEGER NOT NULL,
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    PRIMARY KEY (band_hash, claim_id)
) WITHOUT ROWID;

CREATE INDEX claim_bands_claim ON claim_bands(claim_id);

CREATE TABLE claim_groups (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL
);

CREATE INDEX claim_groups_group ON claim_groups(group_id, claim_id);

CREATE TABLE triage_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

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
    undoes_event_id INTEGER REFERENCES correction_events(id), origin TEXT, attribution TEXT, cause_event_id INTEGER REFERENCES correction_events(id),
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
, attribution TEXT);

CREATE INDEX claim_corrections_excluded ON claim_corrections(excluded) WHERE excluded IS NOT NULL;

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

CREATE VIEW reviewer_decisions AS
SELECT rl.claim_id, rl.reviewer, rl.status
FROM reviewer_latest rl
WHERE rl.status IN ('sourced', 'unsourced', 'contested')
  AND NOT EXISTS (SELECT 1 FROM claim_corrections k WHERE k.claim_id = rl.claim_id AND k.excluded IS NOT NULL);

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

CREATE INDEX articles_version_of ON articles(version_of, version);

CREATE TABLE fts_deferred (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    claims_after INTEGER NOT NULL,
    articles_after INTEGER NOT NULL
);

CREATE INDEX claims_previous ON claims(previous_claim_id) WHERE previous_claim_id IS NOT NULL;

CREATE TABLE reviewer_tokens (
    id INTEGER PRIMARY KEY,
    reviewer TEXT NOT NULL CHECK (length(trim(reviewer)) > 0),
    token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE UNIQUE INDEX reviewer_tokens_live ON reviewer_tokens(reviewer) WHERE revoked_at IS NULL;

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
    status TEXT CHECK (status IN ('sourced', 'unsourced', 'contested')),
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

CREATE INDEX correction_events_cause ON correction_events(cause_event_id) WHERE cause_event_id IS NOT NULL;

CREATE INDEX claim_current_queue ON claim_current(excluded, superseded, sort_key, claim_id);

CREATE INDEX claim_current_status ON claim_current(status, excluded, superseded, sort_key, claim_id);

CREATE TRIGGER claims_current_insert AFTER INSERT ON claims
BEGIN
    INSERT INTO claim_current (claim_id, sort_key, superseded)
    VALUES (new.id, new.id, EXISTS (SELECT 1 FROM articles a JOIN articles n
    ON n.version_of = coalesce(a.version_of, a.id) AND n.version > a.version WHERE a.id = new.article_id));
END;

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
    WHERE claim_id = new.claim_id AND NOT EXISTS (SELECT 1 FROM reviewer_current o WHERE o.claim_id = new.claim_id AND o.reviewer <> new.reviewer) AND NOT EXISTS (SELECT 1 FROM adjudication_events x WHERE x.claim_id = new.claim_id);
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
          WHERE claim_id = new.claim_id AND status IN ('sourced', 'unsourced', 'contested')) d
    LEFT JOIN (SELECT reviewer, created_at, event_id FROM reviewer_current WHERE claim_id = new.claim_id
               ORDER BY status IN ('sourced', 'unsourced', 'contested') DESC, created_at DESC, event_id DESC LIMIT 1) l ON 1
    LEFT JOIN (
        SELECT e.id, e.status, e.reviewer, e.created_at FROM adjudication_events e
        WHERE e.id = (SELECT max(x.id) FROM adjudication_events x
                      WHERE x.claim_id = new.claim_id AND x.undoes_event_id IS NULL
                        AND NOT EXISTS (SELECT 1 FROM adjudication_events u
                                        WHERE u.claim_id = new.claim_id AND u.undoes_event_id = x.id))
          AND NOT EXISTS (
              SELECT 1 FROM reviewer_current r
              WHERE r.claim_id = new.claim_id AND r.status IN ('sourced', 'unsourced', 'contested') AND r.status <> e.status
                AND NOT EXISTS (SELECT 1 FROM json_each(e.settles) j JOIN review_events s ON s.id = j.value
                                WHERE s.reviewer = r.reviewer AND s.status = r.status))
    ) a ON 1
)
WHERE claim_id = new.claim_id AND NOT (NOT EXISTS (SELECT 1 FROM reviewer_current o WHERE o.claim_id = new.claim_id AND o.reviewer <> new.reviewer) AND NOT EXISTS (SELECT 1 FROM adjudication_events x WHERE x.claim_id = new.claim_id));
END;

CREATE TRIGGER review_events_notes AFTER INSERT ON review_events
WHEN (new.note IS NOT NULL OR new.evidence_url IS NOT NULL)
BEGIN
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
END;

CREATE TRIGGER review_events_undo_notes AFTER INSERT ON review_events
WHEN new.action = 'undo' AND EXISTS (SELECT 1 FROM review_events o WHERE o.id = new.undoes_event_id
                                     AND (o.note IS NOT NULL OR o.evidence_url IS NOT NULL))
BEGIN
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
END;

CREATE TRIGGER adjudication_events_current AFTER INSERT ON adjudication_events
BEGIN
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
          WHERE claim_id = new.claim_id AND status IN ('sourced', 'unsourced', 'contested')) d
    LEFT JOIN (SELECT reviewer, created_at, event_id FROM reviewer_current WHERE claim_id = new.claim_id
               ORDER BY status IN ('sourced', 'unsourced', 'contested') DESC, created_at DESC, event_id DESC LIMIT 1) l ON 1
    LEFT JOIN (
        SELECT e.id, e.status, e.reviewer, e.created_at FROM adjudication_events e
        WHERE e.id = (SELECT max(x.id) FROM adjudication_events x
                      WHERE x.claim_id = new.claim_id AND x.undoes_event_id IS NULL
                        AND NOT EXISTS (SELECT 1 FROM adjudication_events u
                                        WHERE u.claim_id = new.claim_id AND u.undoes_event_id = x.id))
          AND NOT EXISTS (
              SELECT 1 FROM reviewer_current r
              WHERE r.claim_id = new.claim_id AND r.status IN ('sourced', 'unsourced', 'contested') AND r.status <> e.status
                AND NOT EXISTS (SELECT 1 FROM json_each(e.settles) j JOIN review_events s ON s.id = j.value
                                WHERE s.reviewer = r.reviewer AND s.status = r.status))
    ) a ON 1
)
WHERE claim_id = new.claim_id;
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

CREATE TRIGGER articles_supersede AFTER INSERT ON articles
WHEN new.version_of IS NOT NULL
BEGIN
    UPDATE claim_current SET superseded = 1
    WHERE superseded = 0 AND claim_id IN (
        SELECT c.id FROM claims c WHERE c.article_id IN (
            SELECT id FROM articles WHERE (id = new.version_of OR version_of = new.version_of)
                                      AND version < new.version));
END;

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

CREATE VIEW article_progress AS
SELECT
    a.id AS article_id,
    a.title,
    a.source,
    count(c.id) AS claims,
    coalesce(sum(cc.status IN ('sourced', 'unsourced', 'contested')), 0) AS reviewed,
    coalesce(sum(cc.status = 'sourced'), 0) AS sourced,
    coalesce(sum(cc.status = 'unsourced'), 0) AS unsourced,
    coalesce(sum(cc.status = 'contested'), 0) AS contested,
    coalesce(sum(cc.status = 'unreviewed'), 0) AS unreviewed,
    coalesce(sum(cc.status = 'disputed'), 0) AS disputed,
    a.version,
    EXISTS (SELECT 1 FROM articles a JOIN articles n
    ON n.version_of = coalesce(a.version_of, a.id) AND n.version > a.version WHERE a.id = a.id) AS superseded
FROM articles a
LEFT JOIN (claims c JOIN claim_current cc ON cc.claim_id = c.id AND cc.excluded = 0) ON c.article_id = a.id
GROUP BY a.id;

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
    round(1.0 * sum(cc.status = 'unsourced') / max(1, sum(cc.status IN ('sourced', 'unsourced', 'contested'))), 3) AS share_unsourced,
    count(DISTINCT c.article_id) AS articles,
    sum(cc.status = 'disputed') AS disputed
FROM speakers s
JOIN speakers s0 ON COALESCE(s0.merged_into, s0.id) = s.id
JOIN claims c ON c.speaker_id = s0.id
JOIN claim_current cc ON cc.claim_id = c.id AND cc.excluded = 0 AND cc.superseded = 0
WHERE s.merged_into IS NULL
GROUP BY s.id;

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
WHERE cc.status = 'disputed' AND r.status IN ('sourced', 'unsourced', 'contested');

CREATE INDEX claims_confidence ON claims(confidence) WHERE confidence IS NOT NULL;

CREATE INDEX claims_sentence_missing ON claims(article_id) WHERE sentence IS NULL;

CREATE TRIGGER claims_sentence_moved AFTER UPDATE OF article_id, sentence_start, sentence_end ON claims
WHEN new.sentence IS NOT NULL AND (new.article_id IS NOT old.article_id
    OR new.sentence_start IS NOT old.sentence_start OR new.sentence_end IS NOT old.sentence_end)
BEGIN
    UPDATE claims SET sentence = NULL WHERE id = new.id;
END;

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
    CASE WHEN c.sentence IS NOT NULL AND coalesce(k.start, c.start) >= c.sentence_start
              AND coalesce(k.end, c.end) <= c.sentence_end THEN c.sentence
    ELSE substr(a.text, min(c.sentence_start, coalesce(k.start, c.start)) + 1,
           max(c.sentence_end, coalesce(k.end, c.end)) - min(c.sentence_start, coalesce(k.start, c.start)))
    END AS sentence,
    s.id AS speaker_id,
    s.name AS speaker,
    s.kind AS speaker_kind,
    s.role AS speaker_role,
    s.affiliation AS speaker_affiliation,
    CASE WHEN k.attribution = 'unattributed' THEN NULL ELSE coalesce(k.mention_text, c.mention_text) END AS mention,
    CASE WHEN k.attribution = 'unattributed' THEN NULL ELSE c.antecedent_text END AS antecedent,
    coalesce(k.attribution, c.attribution) AS attribution,
    CASE WHEN k.attribution = 'unattributed' THEN NULL ELSE c.cue_text END AS cue,
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

