"""Provides the read queries behind the CLI's tables: claim listings and status counts."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .corrected_sql import ATTRIBUTION
from .review_set import DECIDED, TO_REVIEW, TO_REVIEW_WITH_SUPERSEDED, percent


@dataclass(frozen=True, slots=True)
class Totals:
    articles: int
    claims: int
    """The claims to review (see :mod:`workbench.storage.review_set`); by_status counts the same claims."""
    speakers: int
    review_events: int
    by_status: dict[str, int]
    by_kind: dict[str, int]
    out_of_review: int = 0
    """Claims taken out (not a claim, merged) or in superseded versions."""

    @property
    def decided(self) -> int:
        return sum(self.by_status.get(s, 0) for s in DECIDED)

    @property
    def percent(self) -> float:
        return percent(self.decided, self.claims)


def totals(conn: sqlite3.Connection) -> Totals:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    by_status = dict(conn.execute("SELECT status, n FROM status_counts").fetchall())
    by_kind = dict(conn.execute(
        "SELECT s.kind, count(*) FROM claims c JOIN claim_current cc ON cc.claim_id = c.id"
        " LEFT JOIN claim_corrections k ON k.claim_id = c.id"
        " JOIN speakers s0 ON s0.id = coalesce(k.speaker_id, c.speaker_id)"
        f" JOIN speakers s ON s.id = coalesce(s0.merged_into, s0.id) WHERE {TO_REVIEW} GROUP BY s.kind ORDER BY 2 DESC"
    ).fetchall())
    to_review = sum(by_status.values())
    return Totals(
        articles=one("SELECT count(*) FROM articles"),
        claims=to_review,
        speakers=one("SELECT count(*) FROM speakers WHERE merged_into IS NULL"),
        review_events=one("SELECT count(*) FROM review_events"),
        by_status=by_status,
        by_kind=by_kind,
        out_of_review=one("SELECT count(*) FROM claims") - to_review,
    )


def article_progress(conn: sqlite3.Connection, limit: int = 50) -> list[dict]:
    cur = conn.execute("SELECT * FROM article_progress ORDER BY article_id DESC LIMIT ?", (limit,))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur]


def list_claims(conn: sqlite3.Connection, *, status: str | None = None, article_id: int | None = None,
                speaker: str | None = None, limit: int = 200) -> list[dict]:
    # An article asked for by id is listed even when a newer version superseded it.
    clauses, params = [TO_REVIEW_WITH_SUPERSEDED if article_id is not None else TO_REVIEW], []
    if status:
        clauses.append("cc.status = ?")
        params.append(status)
    if article_id is not None:
        clauses.append("c.article_id = ?")
        params.append(article_id)
    if speaker:
        clauses.append("(s.name LIKE ? OR s.id IN (SELECT coalesce(sp.merged_into, sp.id) FROM speaker_aliases al"
                       " JOIN speakers sp ON sp.id = al.speaker_id WHERE al.alias LIKE ?))")
        params += [f"%{speaker}%", f"%{speaker}%"]
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    cur = conn.execute(
        f"SELECT c.id AS claim_id, c.article_id, cc.status, s.name AS speaker, s.kind AS speaker_kind,"
        f" {ATTRIBUTION} AS attribution, coalesce(k.text, c.text) AS text FROM claims c"
        " LEFT JOIN claim_corrections k ON k.claim_id = c.id"
        " JOIN speakers s0 ON s0.id = coalesce(k.speaker_id, c.speaker_id)"
        " JOIN speakers s ON s.id = coalesce(s0.merged_into, s0.id)"
        " JOIN claim_current cc ON cc.claim_id = c.id" + where + " ORDER BY cc.sort_key, cc.claim_id LIMIT ?",
        (*params, limit),
    )
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur]
