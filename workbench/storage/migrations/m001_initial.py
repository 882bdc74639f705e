"""Provides the initial schema: articles, claims, speakers, review events, the FTS indexes and the export views.

Registered in order by :mod:`workbench.storage.migrations`; never edited once merged.
"""

from __future__ import annotations

import sqlite_utils

from .registry import _run, migrations


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    _run(db, """
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
);
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
    chain TEXT,
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

-- History is never rewritten.
CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events
BEGIN
    SELECT RAISE(ABORT, 'review_events is append-only');
END;
CREATE TRIGGER review_events_no_delete BEFORE DELETE ON review_events
BEGIN
    SELECT RAISE(ABORT, 'review_events is append-only');
END;

-- The latest event per claim, kept by triggers so the queue can filter and
-- count by status without scanning the history.
CREATE TABLE claim_current (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id),
    status TEXT NOT NULL DEFAULT 'unreviewed',
    reviewer TEXT,
    reviewed_at TEXT,
    event_id INTEGER REFERENCES review_events(id),
    note TEXT,
    evidence TEXT
);
CREATE INDEX claim_current_status ON claim_current(status, claim_id);

CREATE TABLE status_counts (
    status TEXT PRIMARY KEY,
    n INTEGER NOT NULL
);
INSERT INTO status_counts (status, n) VALUES
    ('unreviewed', 0), ('sourced', 0), ('unsourced', 0), ('contested', 0);

CREATE TRIGGER claims_current_insert AFTER INSERT ON claims
BEGIN
    INSERT INTO claim_current (claim_id) VALUES (new.id);
END;
CREATE TRIGGER claims_current_delete AFTER DELETE ON claims
BEGIN
    DELETE FROM claim_current WHERE claim_id = old.id;
END;
CREATE TRIGGER claim_current_count_insert AFTER INSERT ON claim_current
BEGIN
    UPDATE status_counts SET n = n + 1 WHERE status = new.status;
END;
CREATE TRIGGER claim_current_count_delete AFTER DELETE ON claim_current
BEGIN
    UPDATE status_counts SET n = n - 1 WHERE status = old.status;
END;
CREATE TRIGGER claim_current_count_update AFTER UPDATE OF status ON claim_current
WHEN old.status <> new.status
BEGIN
    UPDATE status_counts SET n = n - 1 WHERE status = old.status;
    UPDATE status_counts SET n = n + 1 WHERE status = new.status;
END;

-- An event becomes current unless a later one (by created_at) already is:
-- imported reviews may be older than local ones.
CREATE TRIGGER review_events_current AFTER INSERT ON review_events
BEGIN
    UPDATE claim_current SET
        status = CASE WHEN reviewed_at IS NULL OR reviewed_at <= new.created_at THEN new.status ELSE status END,
        reviewer = CASE WHEN reviewed_at IS NULL OR reviewed_at <= new.created_at THEN new.reviewer ELSE reviewer END,
        event_id = CASE WHEN reviewed_at IS NULL OR reviewed_at <= new.created_at THEN new.id ELSE event_id END,
        note = CASE WHEN new.note IS NOT NULL AND (reviewed_at IS NULL OR reviewed_at <= new.created_at OR note IS NULL)
                    THEN new.note ELSE note END,
        evidence = CASE
            WHEN new.evidence_url IS NULL THEN evidence
            WHEN evidence IS NULL THEN new.evidence_url
            WHEN instr(char(10) || evidence || char(10), char(10) || new.evidence_url || char(10)) > 0 THEN evidence
            ELSE evidence || char(10) || new.evidence_url END,
        reviewed_at = CASE WHEN reviewed_at IS NULL OR reviewed_at <= new.created_at THEN new.created_at ELSE reviewed_at END
    WHERE claim_id = new.claim_id;
END;

CREATE VIEW claim_status AS
SELECT claim_id, status, reviewer, reviewed_at, note, evidence, event_id
FROM claim_current;

CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims', content_rowid='id');
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
BEGIN
    INSERT INTO claims_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO claims_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

-- A merged speaker answers to the speaker it was merged into.
CREATE VIEW speaker_effective AS
SELECT s.id AS speaker_id, COALESCE(s.merged_into, s.id) AS effective_id
FROM speakers s;

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
    cc.evidence
FROM claims c
JOIN articles a ON a.id = c.article_id
JOIN speakers s0 ON s0.id = c.speaker_id
JOIN speakers s ON s.id = COALESCE(s0.merged_into, s0.id)
JOIN claim_current cc ON cc.claim_id = c.id;

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
    round(1.0 * sum(cc.status = 'unsourced') / max(1, sum(cc.status <> 'unreviewed')), 3) AS share_unsourced,
    count(DISTINCT c.article_id) AS articles
FROM speakers s
JOIN speakers s0 ON COALESCE(s0.merged_into, s0.id) = s.id
JOIN claims c ON c.speaker_id = s0.id
JOIN claim_current cc ON cc.claim_id = c.id
WHERE s.merged_into IS NULL
GROUP BY s.id;

CREATE VIEW article_progress AS
SELECT
    a.id AS article_id,
    a.title,
    a.source,
    count(c.id) AS claims,
    coalesce(sum(cc.status <> 'unreviewed'), 0) AS reviewed,
    coalesce(sum(cc.status = 'sourced'), 0) AS sourced,
    coalesce(sum(cc.status = 'unsourced'), 0) AS unsourced,
    coalesce(sum(cc.status = 'contested'), 0) AS contested,
    coalesce(sum(cc.status = 'unreviewed'), 0) AS unreviewed
FROM articles a
LEFT JOIN claims c ON c.article_id = a.id
LEFT JOIN claim_current cc ON cc.claim_id = c.id
GROUP BY a.id;

-- Each reviewer's latest decision per claim, then claims where those differ.
CREATE VIEW reviewer_latest AS
SELECT claim_id, reviewer, status, created_at
FROM (
    SELECT claim_id, reviewer, status, created_at,
           row_number() OVER (PARTITION BY claim_id, reviewer ORDER BY created_at DESC, id DESC) AS rn
    FROM review_events
    WHERE action IN ('mark', 'clear', 'undo')
)
WHERE rn = 1;

CREATE VIEW review_disagreements AS
SELECT
    claim_id,
    count(*) AS reviewers,
    count(DISTINCT status) AS distinct_statuses,
    group_concat(reviewer || ': ' || status, '; ') AS marks
FROM reviewer_latest
WHERE status <> 'unreviewed'
GROUP BY claim_id
HAVING count(DISTINCT status) > 1;
""")
