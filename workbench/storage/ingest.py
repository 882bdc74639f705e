"""Provides storing one analysed article, atomically, with its claims and speakers.

An article and everything derived from it are written in one transaction: a
crash leaves either the whole article or nothing. Identical content (by
SHA-256 of the text) is stored once; a second ingest is a no-op that says so.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

from ..domain.models import Analysis, Claim, Document
from .db import write_transaction
from .speakers import SpeakerResolver, author_key, author_speaker


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
    """Write one article and its claims in a single transaction."""
    digest = content_hash(doc.text)
    now = utc_now()
    with write_transaction(conn):
        row = conn.execute("SELECT id, (SELECT count(*) FROM claims WHERE article_id = articles.id)"
                           " FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        if row:
            return Stored(article_id=row[0], claims=row[1], duplicate=True)
        author = doc.author or analysis.byline
        article_id = conn.execute(
            "INSERT INTO articles (title, author, outlet, url, published, source, external_id, format,"
            " content_hash, text, ingested_at, extractor_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.title, author, doc.outlet, doc.url, doc.published, doc.source, doc.external_id,
             doc.format, digest, doc.text, now, extractor_version),
        ).lastrowid
        speakers = SpeakerResolver(conn, now)
        author_id = speakers.resolve(author_speaker(author), article_id, author_key(author, article_id))
        rows = [_claim_row(article_id, seq, claim, speakers, author_id)
                for seq, claim in enumerate(analysis.claims, start=1)]
        conn.executemany(_INSERT_CLAIM, rows)
    return Stored(article_id=article_id, claims=len(rows), duplicate=False)


_CLAIM_COLUMNS = (
    "article_id", "sequence", "text", "start", "end", "sentence_start", "sentence_end",
    "paragraph_start", "paragraph_end", "speaker_id", "alias_id", "attribution",
    "mention_start", "mention_end", "mention_text", "antecedent_start", "antecedent_end",
    "antecedent_text", "cue_start", "cue_end", "cue_text", "channel", "rule", "hedged",
    "hedge_cue", "anonymity_cue", "chain",
)
_INSERT_CLAIM = (f"INSERT INTO claims ({', '.join(_CLAIM_COLUMNS)})"
                 f" VALUES ({', '.join('?' * len(_CLAIM_COLUMNS))})")


def _span(span) -> tuple:
    return (span.start, span.end, span.text) if span is not None else (None, None, None)


def _claim_row(article_id: int, seq: int, c: Claim, speakers: SpeakerResolver, author_id: int) -> tuple:
    if c.speaker is None:
        speaker_id, alias_id = author_id, None
    else:
        speaker_id = speakers.resolve(c.speaker, article_id)
        surface = c.mention.text if c.mention is not None and c.antecedent is None else c.speaker.name
        alias_id = speakers.alias(speaker_id, surface, article_id)
    chain = json.dumps([{"name": s.name, "kind": str(s.kind)} for s in c.chain]) if c.chain else None
    return (
        article_id, seq, c.text, c.start, c.end, c.sentence.start, c.sentence.end,
        c.paragraph.start, c.paragraph.end, speaker_id, alias_id, str(c.attribution),
        *_span(c.mention), *_span(c.antecedent), *_span(c.cue), c.channel, c.rule,
        int(c.hedge_cue is not None), c.hedge_cue, c.anonymity_cue, chain,
    )
