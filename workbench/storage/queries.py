"""Provides the read queries behind the CLI's tables: claim listings and status counts."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Totals:
    articles: int
    claims: int
    speakers: int
    review_events: int
    by_status: dict[str, int]
    by_kind: dict[str, int]


def totals(conn: sqlite3.Connection) -> Totals:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    by_status = dict(conn.execute("SELECT status, n FROM status_counts").fetchall())
    by_kind = dict(conn.execute(
        "SELECT s.kind, count(*) FROM claims c JOIN speakers s0 ON s0.id = c.speaker_id"
        " JOIN speakers s ON s.id = coalesce(s0.merged_into, s0.id) GROUP BY s.kind ORDER BY 2 DESC"
    ).fetchall())
    return Totals(
        articles=one("SELECT count(*) FROM articles"),
        claims=one("SELECT count(*) FROM claims"),
        speakers=one("SELECT count(*) FROM speakers WHERE merged_into IS NULL"),
        review_events=one("SELECT count(*) FROM review_events"),
        by_status=by_status,
        by_kind=by_kind,
    )


def article_progress(conn: sqlite3.Connection, limit: int = 50) -> list[dict]:
    cur = conn.execute("SELECT * FROM article_progress ORDER BY article_id DESC LIMIT ?", (limit,))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur]


def list_claims(conn: sqlite3.Connection, *, status: str | None = None, article_id: int | None = None,
                speaker: str | None = None, limit: int = 200) -> list[dict]:
    clauses, params = [], []
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
        "SELECT c.id AS claim_id, c.article_id, cc.status, s.name AS speaker, s.kind AS speaker_kind,"
        " c.attribution, c.text FROM claims c"
        " JOIN speakers s0 ON s0.id = c.speaker_id JOIN speakers s ON s.id = coalesce(s0.merged_into, s0.id)"
        " JOIN claim_current cc ON cc.claim_id = c.id" + where + " ORDER BY c.article_id, c.sequence LIMIT ?",
        (*params, limit),
    )
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur]
