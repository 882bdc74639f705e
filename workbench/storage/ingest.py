"""Provides storing one analysed article, atomically, with its claims and speakers.

An article and everything derived from it are written in one transaction (or,
inside a caller's :func:`batch`, one SAVEPOINT): a crash leaves either the
whole article or nothing. Identical content (by
SHA-256 of the text) is stored once; a second ingest is a no-op that says so.
The same url or external id with new text is a new version (see :mod:`.versions`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from ..domain.models import Analysis, Claim, Document, Speaker
from .db import atomic, write_transaction
from .sentences import fill_sentences
from .speakers import SpeakerResolver, author_key, author_speaker
from .versions import carry_over, previous_version


@dataclass(frozen=True, slots=True)
class Stored:
    """The outcome of storing one document."""

    article_id: int
    claims: int
    duplicate: bool


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def find_duplicate(conn: sqlite3.Connection, text: str) -> int | None:
    row = conn.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash(text),)).fetchone()
    return row[0] if row else None


def store(conn: sqlite3.Connection, doc: Document, analysis: Analysis, extractor_version: str) -> Stored:
    """Write one article and its claims atomically.

    On its own this is one write transaction. Called inside an open
    transaction (a caller batching several articles per commit, see
    :func:`batch`), the article is a SAVEPOINT instead: an error rolls back
    this article alone, and a crash before the outer COMMIT loses the whole
    uncommitted batch, never half an article.
    """
    claims = analysis.claims
    return store_claims(conn, doc, analysis.byline, [c.speaker for c in claims], claim_surfaces(claims),
                        [claim_values(c) for c in claims], extractor_version)


def store_claims(conn: sqlite3.Connection, doc: Document, byline: str | None, speakers: list[Speaker | None],
                 surfaces: list[str | None], rows: list[tuple], extractor_version: str) -> Stored:
    """:func:`store` for claims already flattened to :func:`claim_values` rows (what an ingest worker sends).

    Args:
        byline: the author the extractor found, used when the document names none.
        speakers: each claim's speaker as the extractor named it (None: the reporter).
        surfaces: each claim's alias text (:func:`claim_surfaces`).
        rows: each claim's :func:`claim_values`, in article order (anything after them in a row is ignored).
    """
    digest = content_hash(doc.text)
    now = utc_now()
    with atomic(conn, "store_article"):
        row = conn.execute("SELECT id, (SELECT count(*) FROM claims WHERE article_id = articles.id)"
                           " FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        if row:
            return Stored(article_id=row[0], claims=row[1], duplicate=True)
        author = doc.author or byline
        # Same url (or external id from the same source), new text: a new version of a stored article.
        previous = (previous_version(conn, doc.url, doc.external_id, doc.source)
                    if doc.url or doc.external_id else None)
        article_id = conn.execute(
            "INSERT INTO articles (title, author, outlet, url, published, source, external_id, format,"
            " content_hash, text, ingested_at, extractor_version, version_of, version)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.title, author, doc.outlet, doc.url, doc.published, doc.source, doc.external_id,
             doc.format, digest, doc.text, now, extractor_version,
             previous.lineage_id if previous else None, previous.version + 1 if previous else 1),
        ).lastrowid
        resolver = SpeakerResolver(conn, now)
        author_id = resolver.resolve(author_speaker(author), article_id, author_key(author, article_id))
        # Speakers and aliases are resolved in claim order (first sight creates,
        # as one claim at a time would) but with one SELECT each for the
        # article's known speakers and aliases, not one per claim.
        speaker_ids = resolver.resolve_all(speakers, article_id)
        alias_ids = resolver.aliases(list(zip(speaker_ids, surfaces)), article_id)
        # One flat parameter list, as the multi-row INSERT takes it.
        values: list = []
        for seq, (r, sid, aid) in enumerate(zip(rows, speaker_ids, alias_ids), start=1):
            values += (article_id, seq, *r[:_SPEAKER_AT], author_id if sid is None else sid, aid,
                       *r[_SPEAKER_AT:_VALUES])
        _insert_claims(conn, values)
        if previous is not None:
            carry_over(conn, previous.article_id, article_id)
        fill_sentences(conn, article_id, doc.text)
    return Stored(article_id=article_id, claims=len(rows), duplicate=False)


@contextlib.contextmanager
def batch(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Group several :func:`store` calls into one commit; each article stays atomic.

    Example::

        with batch(conn):
            for doc, analysis in items:
                store(conn, doc, analysis, version)
    """
    # A larger page cache for the batch keeps the index and FTS pages a batch
    # rewrites in memory (SQLite's default is 2 MB); restored afterwards.
    previous = conn.execute("PRAGMA cache_size").fetchone()[0]
    if 0 <= previous or -previous < BATCH_CACHE_KIB:
        conn.execute(f"PRAGMA cache_size = -{BATCH_CACHE_KIB}")
    try:
        with write_transaction(conn), _fts_filled_at_end(conn):
            yield conn
    finally:
        conn.execute(f"PRAGMA cache_size = {int(previous)}")


@contextlib.contextmanager
def _fts_filled_at_end(conn: sqlite3.Connection) -> Iterator[None]:
    """Index the block's new claims and articles in claims_fts and articles_fts at its end (caller's transaction).

    Filled row by row from triggers, FTS5 flushes a small index segment at
    every article's savepoint and keeps merging them; one INSERT ... SELECT
    per table for the whole batch writes one segment each. The ``fts_deferred``
    row (migration m007) turns the triggers off for rows above the ids noted
    here, and is deleted in the same transaction, so no reader ever sees it.
    On an error the caller's transaction rolls back, row and all.
    """
    claims_after, articles_after = conn.execute(
        "SELECT (SELECT coalesce(max(id), 0) FROM claims), (SELECT coalesce(max(id), 0) FROM articles)").fetchone()
    conn.execute("INSERT INTO fts_deferred (id, claims_after, articles_after) VALUES (1, ?, ?)",
                 (claims_after, articles_after))
    yield
    conn.execute("INSERT INTO claims_fts (rowid, text) SELECT id, text FROM claims WHERE id > ?", (claims_after,))
    conn.execute("INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text FROM articles WHERE id > ?",
                 (articles_after,))
    conn.execute("DELETE FROM fts_deferred")


# Page cache while a batch runs, in KiB.
BATCH_CACHE_KIB = 65536
# Articles per batch that a caller may use: commits (and the WAL checkpoints
# they trigger) cost about as much as storing an article's claims, so ~50
# articles per commit roughly halves the storage time; more gains little.
BATCH_ARTICLES = 50



_CLAIM_COLUMNS = (
    "article_id", "sequence", "text", "start", "end", "sentence_start", "sentence_end",
    "paragraph_start", "paragraph_end", "speaker_id", "alias_id", "attribution",
    "mention_start", "mention_end", "mention_text", "antecedent_start", "antecedent_end",
    "antecedent_text", "cue_start", "cue_end", "cue_text", "channel", "rule", "hedged",
    "hedge_cue", "anonymity_cue", "chain", "confidence",
)
_INSERT_CLAIMS = f"INSERT INTO claims ({', '.join(_CLAIM_COLUMNS)}) VALUES "
_ROW_PARAMS = f"({', '.join('?' * len(_CLAIM_COLUMNS))})"
# Rows per INSERT statement. One multi-row statement per article matters: every
# statement on ``claims`` opens a statement savepoint (it has triggers and
# constraints), and FTS5 flushes its pending terms to a new index segment at
# each savepoint, so a row-at-a-time executemany cost a segment flush per claim
# (about 3x slower overall). Inside a batch, where the FTS tables are filled at
# the end, executemany is still ~1.5x slower per article than one statement
# (the per-statement cost on a table with triggers and constraints). 32766 is
# SQLite's default parameter limit since 3.32; older builds allow 999.
_MAX_PARAMS = 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999
_ROWS_PER_STATEMENT = min(500, _MAX_PARAMS // len(_CLAIM_COLUMNS))


def _insert_claims(conn: sqlite3.Connection, values: list) -> None:
    """Insert claim rows given as one flat list of values (article id, sequence, then the columns in order), row after row."""
    step = _ROWS_PER_STATEMENT * len(_CLAIM_COLUMNS)
    for i in range(0, len(values), step):
        chunk = values[i:i + step] if len(values) > step else values
        conn.execute(_insert_sql(len(chunk) // len(_CLAIM_COLUMNS)), chunk)


@functools.lru_cache(maxsize=_ROWS_PER_STATEMENT)
def _insert_sql(rows: int) -> str:
    return _INSERT_CLAIMS + ",".join([_ROW_PARAMS] * rows)


def claim_values(c: Claim) -> tuple:
    """One claim's column values for ``claims``, without article, sequence, speaker and alias ids (plain values)."""
    chain = json.dumps([{"name": s.name, "kind": str(s.kind)} for s in c.chain]) if c.chain else None
    m, a, q = c.mention, c.antecedent, c.cue
    return (
        c.text, c.start, c.end, c.sentence.start, c.sentence.end, c.paragraph.start, c.paragraph.end,
        str(c.attribution),
        *((m.start, m.end, m.text) if m is not None else _NONE3),
        *((a.start, a.end, a.text) if a is not None else _NONE3),
        *((q.start, q.end, q.text) if q is not None else _NONE3),
        c.channel, c.rule, int(c.hedge_cue is not None), c.hedge_cue, c.anonymity_cue, chain, c.confidence,
    )


def claim_surfaces(claims: Sequence[Claim]) -> list[str | None]:
    """Each claim's alias text: the words naming its speaker, or the speaker's name after a back-reference."""
    return [
        None if c.speaker is None
        else (c.mention.text if c.mention is not None and c.antecedent is None else c.speaker.name)
        for c in claims
    ]


def _claim_row(article_id: int, seq: int, c: Claim, speaker_id: int, alias_id: int | None) -> tuple:
    """A whole ``claims`` row in ``_CLAIM_COLUMNS`` order (re-extraction updates rows in place with it)."""
    r = claim_values(c)
    return (article_id, seq, *r[:_SPEAKER_AT], speaker_id, alias_id, *r[_SPEAKER_AT:])


#: The columns :func:`claim_values` gives, in order (``claims`` less its id and the four ids store adds).
CLAIM_VALUE_COLUMNS = tuple(c for c in _CLAIM_COLUMNS if c not in ("article_id", "sequence", "speaker_id", "alias_id"))
# Where speaker_id and alias_id go back in: after the paragraph offsets.
_SPEAKER_AT = CLAIM_VALUE_COLUMNS.index("attribution")
_VALUES = len(CLAIM_VALUE_COLUMNS)


_NONE3 = (None, None, None)
