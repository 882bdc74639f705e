"""Provides the check-worthiness of claims as reviewers corrected them, rescored after each correction.

Ingest scores the extractor's text, sentence and speaker; a corrected span or
speaker changes what a checker would verify (and an anonymous speaker counts
as anonymous sourcing), so each correction rescores the claims it touched, in
its own transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from ..domain.checkworthy import score
from .triage import save_scores


def rescore(conn: sqlite3.Connection, claim_ids: Iterable[int]) -> int:
    """Score these claims again from their corrected text, sentence and speaker; returns how many."""
    scores = []
    texts: dict[int, str] = {}
    for cid, article_id, text, start, end, s0, s1, kind, hedge, anon in conn.execute(
            "SELECT c.id, c.article_id, coalesce(k.text, c.text), coalesce(k.start, c.start),"
            " coalesce(k.end, c.end), c.sentence_start, c.sentence_end, s.kind, c.hedge_cue, c.anonymity_cue"
            " FROM claims c LEFT JOIN claim_corrections k ON k.claim_id = c.id"
            " JOIN speakers s0 ON s0.id = coalesce(k.speaker_id, c.speaker_id)"
            " JOIN speakers s ON s.id = coalesce(s0.merged_into, s0.id)"
            " WHERE c.id IN (SELECT value FROM json_each(?))", (_json(claim_ids),)).fetchall():
        if article_id not in texts:
            texts[article_id] = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
        sentence = texts[article_id][min(s0, start):max(s1, end)]
        w = score(text, sentence, speaker_kind=kind, hedge_cue=hedge, anonymity_cue=anon)
        scores.append((cid, w.score, w.reasons))
    save_scores(conn, scores)
    return len(scores)


def _json(ids: Iterable[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"
