"""Provides the versioned schema: one migration function per change, never edited once merged.

Migrations are applied with sqlite-utils' ``Migrations``; each runs in a
transaction with the record of it having run. ``PRAGMA user_version`` mirrors
the number of applied migrations so other tools can read the version cheaply.
A database that has applied a migration this version does not know was written
by a newer workbench and is refused rather than touched.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils
from sqlite_utils.migrations import Migrations

from ..db import StorageError, database, write_transaction

migrations = Migrations("workbench")


def _run(db: sqlite_utils.Database, script: str) -> None:
    """Execute a multi-statement script inside the migration's transaction.

    ``executescript`` would COMMIT first, so statements (including trigger
    bodies with inner semicolons) are split with ``sqlite3.complete_statement``.
    """
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            db.conn.execute(buf)
            buf = ""
    if buf.strip():
        raise ValueError(f"incomplete SQL statement in migration: {buf[:80]!r}")


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


def known_migrations() -> list[str]:
    return [m.name for m in migrations._migrations]


def check_version(db: sqlite_utils.Database) -> None:
    """Refuse a database that a newer workbench has migrated."""
    applied = {m.name for m in migrations.applied(db)}
    unknown = applied - set(known_migrations())
    if unknown:
        raise StorageError(
            "this database was written by a newer version of the workbench "
            f"(unknown schema migrations: {', '.join(sorted(unknown))}); upgrade the workbench to open it"
        )


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema up to date in place; refuse a newer database."""
    db = database(conn)
    try:
        check_version(db)
        if not migrations.pending(db):
            return
        # Take the write lock first so two processes opening a new file do not
        # both try to create the schema; the loser finds nothing pending.
        with write_transaction(conn):
            if migrations.pending(db):
                migrations.apply(db)
                conn.execute(f"PRAGMA user_version = {len(known_migrations())}")
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc):
            raise StorageError(f"the database needs a schema upgrade but is read-only ({exc})") from exc
        raise


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


# Why: issue 9, check-worthiness scores and near-duplicate groups (the tables are
# defined in triage_tables.py, written alongside the other migrations).
@migrations()
def m003_triage(db: sqlite_utils.Database) -> None:
    from .triage_tables import m0xx_triage

    m0xx_triage(db)


# Why: issue 8, reviewers correct the extraction. Corrections are append-only
# events beside review_events; the extractor's values stay on ``claims``;
# ``claim_corrections`` holds the current corrected values (NULL = the
# extractor's) kept by trigger, as claim_current does for statuses.
# claim_review is recreated with every m002 column (start, end, text, speaker*
# and mention now corrected) plus ``corrected``, ``excluded`` and original_*.
# rule_precision and the reviewer_* views make the same figures as
# 'workbench rules' and 'workbench agreement' queryable.
@migrations()
def m004_corrections(db: sqlite_utils.Database) -> None:
    _run(db, """
ALTER TABLE claims ADD COLUMN extractor_dropped INTEGER NOT NULL DEFAULT 0;

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
    undoes_event_id INTEGER REFERENCES correction_events(id),
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
);
CREATE INDEX claim_corrections_excluded ON claim_corrections(excluded) WHERE excluded IS NOT NULL;

-- Corrections are local (never imported), so insertion order is their order.
CREATE TRIGGER correction_events_current AFTER INSERT ON correction_events
BEGIN
    INSERT OR IGNORE INTO claim_corrections (claim_id, event_id, reviewer, corrected_at)
    VALUES (new.claim_id, new.id, new.reviewer, new.created_at);
    UPDATE claim_corrections SET
        speaker_id = CASE WHEN new.action = 'speaker' THEN new.speaker_id ELSE speaker_id END,
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

-- Per claim: what a reviewer changed, compared with the extractor's values
-- (after speaker merges), so an undone correction counts as no change.
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
    c.extractor_dropped
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN claim_corrections k ON k.claim_id = c.id
JOIN claim_correction_flags f ON f.claim_id = c.id
JOIN speakers s0 ON s0.id = coalesce(k.speaker_id, c.speaker_id)
JOIN speakers s ON s.id = COALESCE(s0.merged_into, s0.id)
JOIN speakers o0 ON o0.id = c.speaker_id
JOIN speakers so ON so.id = COALESCE(o0.merged_into, o0.id)
JOIN claim_current cc ON cc.claim_id = c.id;

-- Precision of each extractor rule over the claims a reviewer has looked at
-- (marked or corrected); claims a reviewer split off are not a rule's output.
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
WHERE rule <> 'reviewer_split'
GROUP BY rule;

-- Each reviewer's latest decision on claims that are still claims.
CREATE VIEW reviewer_decisions AS
SELECT rl.claim_id, rl.reviewer, rl.status
FROM reviewer_latest rl
WHERE rl.status IN ('sourced', 'unsourced', 'contested')
  AND NOT EXISTS (SELECT 1 FROM claim_corrections k WHERE k.claim_id = rl.claim_id AND k.excluded IS NOT NULL);

-- Per reviewer pair and status: how often each of the two chose it on their common claims.
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

-- Percent agreement and Cohen's kappa per pair: kappa = (po - pe) / (1 - pe),
-- pe = sum over statuses of a_n * b_n / n^2 (NULL when pe = 1).
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

-- Krippendorff's alpha (nominal) over every reviewer, on claims with two or
-- more decisions: alpha = 1 - Do / De with
-- Do = (1/n) sum_u (m_u^2 - sum_c n_uc^2) / (m_u - 1), De = (n^2 - sum_c n_c^2) / (n (n - 1)).
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
""")


# Why: issue 9, updated articles. Re-ingesting a url or external id with new text
# stores a new version beside the old one. Carried review events are ordinary
# events with origin 'carried:<old event id>'.
@migrations()
def m005_versions(db: sqlite_utils.Database) -> None:
    _run(db, """
ALTER TABLE articles ADD COLUMN version_of INTEGER REFERENCES articles(id);
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE INDEX articles_version_of ON articles(version_of, version);
ALTER TABLE claims ADD COLUMN changed_since_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN previous_claim_id INTEGER REFERENCES claims(id);
CREATE INDEX claims_previous ON claims(previous_claim_id);
""")


# Why: issue 9, updated articles. Corrections of an unchanged claim are carried to
# the new version as new correction events (offsets shifted); origin says so:
# 'carried:<old event id>' (NULL for a reviewer's own correction).
@migrations()
def m006_carried_corrections(db: sqlite_utils.Database) -> None:
    _run(db, "ALTER TABLE correction_events ADD COLUMN origin TEXT;")


# Why: bulk storage speed. Filling the FTS5 indexes row by row from triggers made
# FTS5 flush a small index segment for every article (at each statement
# savepoint) and merge them again and again: a third of ingest's storage time.
# ``ingest.batch`` now fills claims_fts and articles_fts with one INSERT ...
# SELECT each per batch, just before its COMMIT; while it runs, its single
# ``fts_deferred`` row tells the insert, update and delete triggers to leave
# rows above the ids it recorded to that fill. The row is written and deleted
# in the same write transaction, so no reader ever sees it, and every other
# writer (corrections, reextract, imports, a user's own SQL) keeps the
# triggers exactly as before.
@migrations()
def m007_fts_filled_per_batch(db: sqlite_utils.Database) -> None:
    _run(db, """
CREATE TABLE fts_deferred (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    claims_after INTEGER NOT NULL,
    articles_after INTEGER NOT NULL
);

DROP TRIGGER claims_fts_insert;
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE new.id > claims_after)
BEGIN
    INSERT INTO claims_fts (rowid, text) VALUES (new.id, new.text);
END;
DROP TRIGGER claims_fts_delete;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE old.id > claims_after)
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
DROP TRIGGER claims_fts_update;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) SELECT 'delete', old.id, old.text
    WHERE NOT EXISTS (SELECT 1 FROM fts_deferred WHERE old.id > claims_after);
    INSERT INTO claims_fts (rowid, text) SELECT new.id, new.text
    WHERE NOT EXISTS (SELECT 1 FROM fts_deferred WHERE new.id > claims_after);
END;

DROP TRIGGER articles_fts_insert;
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE new.id > articles_after)
BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
DROP TRIGGER articles_fts_delete;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE old.id > articles_after)
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
DROP TRIGGER articles_fts_update;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) SELECT 'delete', old.id, old.title, old.text
    WHERE NOT EXISTS (SELECT 1 FROM fts_deferred WHERE old.id > articles_after);
    INSERT INTO articles_fts (rowid, title, text) SELECT new.id, new.title, new.text
    WHERE NOT EXISTS (SELECT 1 FROM fts_deferred WHERE new.id > articles_after);
END;
""")


# Why: bulk storage speed; every index on ``claims`` is written for every claim.
# claims_previous only ever serves ``previous_claim_id = ?`` (the foreign-key
# check when a claim is deleted, a user's "what continues claim N"), and the
# column is NULL for every claim of a first version: a partial index leaves
# those rows out, and SQLite still uses it for ``= ?``.
@migrations()
def m008_partial_claims_previous(db: sqlite_utils.Database) -> None:
    _run(db, """
DROP INDEX claims_previous;
CREATE INDEX claims_previous ON claims(previous_claim_id) WHERE previous_claim_id IS NOT NULL;
""")


# Why: issue 15, the database as other tools see it. claim_review gains
# check-worthiness (score, reasons) and the near-duplicate group (id, size), as
# every export does (the SQL is in claim_review_sql.py).
@migrations()
def m009_claim_review_triage_columns(db: sqlite_utils.Database) -> None:
    from .claim_review_sql import CLAIM_REVIEW_WITH_TRIAGE

    _run(db, CLAIM_REVIEW_WITH_TRIAGE)
