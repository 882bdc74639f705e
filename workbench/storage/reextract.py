"""Provides reextract: re-running the current extractor over stored articles without losing any claim that has review history."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..domain.models import Analysis, Span
from .db import StorageError, write_transaction
from .ingest import _claim_row, _CLAIM_COLUMNS, utc_now
from .speakers import SpeakerResolver, author_key, author_speaker
from .corrections import SPLIT_RULE


@dataclass(frozen=True, slots=True)
class Reextracted:
    """What re-running the extractor did to one article."""

    article_id: int
    kept: int
    added: int
    removed: int
    dropped_with_history: int


def _headline(title: str | None, text: str) -> Span | None:
    # The title line is not stored as a span; when the text opens with the title it is that line.
    if title and text.startswith(title):
        return Span(0, len(title), title)
    return None


def article_ids(conn: sqlite3.Connection, article_id: int | None = None) -> Iterator[int]:
    if article_id is not None:
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
            raise StorageError(f"no article with id {article_id}")
        yield article_id
        return
    last = -1
    while True:
        row = conn.execute("SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT 1", (last,)).fetchone()
        if row is None:
            return
        last = row[0]
        yield last


def reextract(conn: sqlite3.Connection, article_id: int, analyse: Callable[..., Analysis],
              extractor_version: str) -> Reextracted:
    """Re-run ``analyse`` over a stored article and replace its claims in one transaction.

    A claim whose (start, end, text) the new extractor finds again keeps its id
    (so its review and correction events stay attached) and takes the new
    extractor's other values; new spans become new claims; a vanished claim is
    deleted only when it has no review or correction event, otherwise kept
    with ``extractor_dropped = 1``. Claims a reviewer split off are kept.
    """
    title, author, text = conn.execute("SELECT title, author, text FROM articles WHERE id = ?",
                                       (article_id,)).fetchone()
    analysis = analyse(text, _headline(title, text))
    now = utc_now()
    with write_transaction(conn):
        old = {(s, e, t): (cid, rule) for cid, s, e, t, rule in conn.execute(
            "SELECT id, start, end, text, rule FROM claims WHERE article_id = ?", (article_id,))}
        speakers = SpeakerResolver(conn, now)
        author = author or analysis.byline
        author_id = speakers.resolve(author_speaker(author), article_id, author_key(author, article_id))
        speaker_ids = speakers.resolve_all([c.speaker for c in analysis.claims], article_id)
        surfaces = [None if c.speaker is None
                    else (c.mention.text if c.mention is not None and c.antecedent is None else c.speaker.name)
                    for c in analysis.claims]
        alias_ids = speakers.aliases(list(zip(speaker_ids, surfaces)), article_id)
        # Sequences are renumbered; move them out of the way of UNIQUE(article_id, sequence) first.
        conn.execute("UPDATE claims SET sequence = -sequence - 1000000 WHERE article_id = ?", (article_id,))
        kept, added, seen = 0, 0, set()
        seq = 0
        for c, sid, aid in zip(analysis.claims, speaker_ids, alias_ids):
            key = (c.start, c.end, c.text)
            if key in seen:
                continue
            seen.add(key)
            seq += 1
            values = dict(zip(_CLAIM_COLUMNS, _claim_row(article_id, seq, c, author_id if sid is None else sid, aid)))
            if key in old:
                cid = old[key][0]
                sets = ", ".join(f'"{k}" = ?' for k in values)
                conn.execute(f"UPDATE claims SET {sets}, extractor_dropped = 0 WHERE id = ?", [*values.values(), cid])
                kept += 1
            else:
                conn.execute(f"INSERT INTO claims ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                             list(values.values()))
                added += 1
        removed = dropped = 0
        for key, (cid, rule) in sorted(old.items(), key=lambda kv: kv[0]):
            if key in seen:
                continue
            has_history = rule == SPLIT_RULE or conn.execute(
                "SELECT EXISTS (SELECT 1 FROM review_events WHERE claim_id = ?)"
                " OR EXISTS (SELECT 1 FROM correction_events WHERE claim_id = ? OR other_claim_id = ?)",
                (cid, cid, cid)).fetchone()[0]
            if has_history:
                seq += 1
                conn.execute("UPDATE claims SET sequence = ?, extractor_dropped = ? WHERE id = ?",
                             (seq, int(rule != SPLIT_RULE), cid))
                dropped += rule != SPLIT_RULE
            else:
                conn.execute("DELETE FROM claims WHERE id = ?", (cid,))
                removed += 1
        conn.execute("UPDATE articles SET extractor_version = ? WHERE id = ?", (extractor_version, article_id))
    return Reextracted(article_id, kept, added, removed, dropped)
