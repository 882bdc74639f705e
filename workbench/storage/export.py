"""Provides claim records for export, streamed from the database.

``iter_records`` yields one plain dict per claim, in article order, without
loading a table into memory: rows come from a cursor and each article's text
is fetched once, when its first claim comes by. The field names are a
contract shared by every export format (and read back by ``import-reviews``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

FIELDS = (
    "claim_id", "article_id", "source", "title", "content_hash", "start", "end", "text", "sentence",
    "speaker", "speaker_kind", "speaker_role", "speaker_affiliation", "mention", "antecedent",
    "attribution", "cue", "channel", "rule", "hedged", "hedge_cue", "anonymity_cue",
    "status", "reviewer", "note", "evidence", "reviewed_at",
)


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """Which claims to export; every field narrows the selection when set."""

    status: str | None = None
    article_id: int | None = None
    speaker: str | None = None
    speaker_kind: str | None = None
    reviewer: str | None = None
    since: str | None = None


_SELECT = """
SELECT c.id, c.article_id, a.source, a.title, a.content_hash, c.start, c.end, c.text,
       c.sentence_start, c.sentence_end,
       s.name, s.kind, s.role, s.affiliation,
       c.mention_start, c.mention_end, c.mention_text,
       c.antecedent_start, c.antecedent_end, c.antecedent_text,
       c.attribution, c.cue_start, c.cue_end, c.cue_text, c.channel, c.rule, c.hedged,
       c.hedge_cue, c.anonymity_cue,
       cc.status, cc.reviewer, cc.note, cc.evidence, cc.reviewed_at
FROM claims c
JOIN articles a ON a.id = c.article_id
JOIN speakers s0 ON s0.id = c.speaker_id
JOIN speakers s ON s.id = coalesce(s0.merged_into, s0.id)
JOIN claim_current cc ON cc.claim_id = c.id
"""


def _where(f: ExportFilter) -> tuple[str, list]:
    clauses, params = [], []
    if f.status:
        clauses.append("cc.status = ?")
        params.append(f.status)
    if f.article_id is not None:
        clauses.append("c.article_id = ?")
        params.append(f.article_id)
    if f.speaker:
        clauses.append("(s.name = ? COLLATE NOCASE OR s.id IN"
                       " (SELECT coalesce(sp.merged_into, sp.id) FROM speaker_aliases al"
                       "  JOIN speakers sp ON sp.id = al.speaker_id WHERE al.alias = ? COLLATE NOCASE))")
        params += [f.speaker, f.speaker]
    if f.speaker_kind:
        clauses.append("s.kind = ?")
        params.append(f.speaker_kind)
    if f.reviewer:
        clauses.append("c.id IN (SELECT claim_id FROM review_events WHERE reviewer = ?)")
        params.append(f.reviewer)
    if f.since:
        clauses.append("c.id IN (SELECT claim_id FROM review_events WHERE created_at >= ?)")
        params.append(f.since)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _span(start, end, text):
    return None if start is None else {"start": start, "end": end, "text": text}


def iter_records(conn: sqlite3.Connection, flt: ExportFilter | None = None) -> Iterator[dict]:
    """Yield one export record per claim, ordered by article then position."""
    where, params = _where(flt or ExportFilter())
    cur = conn.execute(_SELECT + where + " ORDER BY c.article_id, c.sequence", params)
    text_of: tuple[int, str] | None = None
    for r in cur:
        article_id = r[1]
        if text_of is None or text_of[0] != article_id:
            text_of = (article_id, conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0])
        article_text = text_of[1]
        yield {
            "claim_id": r[0], "article_id": article_id, "source": r[2], "title": r[3],
            "content_hash": r[4], "start": r[5], "end": r[6], "text": r[7],
            "sentence": article_text[r[8]:r[9]],
            "speaker": r[10], "speaker_kind": r[11], "speaker_role": r[12], "speaker_affiliation": r[13],
            "mention": _span(r[14], r[15], r[16]), "antecedent": _span(r[17], r[18], r[19]),
            "attribution": r[20], "cue": _span(r[21], r[22], r[23]), "channel": r[24], "rule": r[25],
            "hedged": bool(r[26]), "hedge_cue": r[27], "anonymity_cue": r[28],
            "status": r[29], "reviewer": r[30], "note": r[31],
            "evidence": r[32].split("\n") if r[32] else [], "reviewed_at": r[33],
        }


def write_jsonl(records, out) -> int:
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


def write_json(records, out) -> int:
    """A JSON array, written incrementally so memory stays flat."""
    n = 0
    out.write("[")
    for rec in records:
        out.write(",\n" if n else "\n")
        out.write(json.dumps(rec, ensure_ascii=False))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n
