"""Provides the speakers screen's reads: keyset pages of speakers with claim counts by status, and aliases.

Counts are for the page's speakers only, over the claims to review (see
:mod:`workbench.storage.review_set`), so the screen opens fast on a large
database and its totals agree with the queue's.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .review_set import TO_REVIEW


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """A speaker (after merges) with claim counts by status."""

    speaker_id: int
    name: str
    kind: str
    role: str | None
    affiliation: str | None
    sourced: int = 0
    unsourced: int = 0
    contested: int = 0
    unreviewed: int = 0
    articles: int = 0
    aliases: tuple[str, ...] = ()

    @property
    def claims(self) -> int:
        return self.sourced + self.unsourced + self.contested + self.unreviewed


def list_speakers(conn: sqlite3.Connection, *, name: str | None = None, after: tuple[str, int] | None = None,
                  limit: int = 200) -> list[SpeakerRow]:
    """A keyset page of effective (unmerged) speakers by name, with counts for that page only.

    Args:
        name: keep speakers whose name or an alias contains this (case-insensitive).
        after: the (name, id) of the last row of the previous page.
    """
    clauses = ["s.merged_into IS NULL"]
    params: list = []
    if after is not None:
        clauses.append("(s.name, s.id) > (?, ?)")
        params += list(after)
    if name:
        like = f"%{name}%"
        clauses.append(
            "(s.name LIKE ? OR s.id IN (SELECT coalesce(sp.merged_into, sp.id) FROM speaker_aliases al"
            " JOIN speakers sp ON sp.id = al.speaker_id WHERE al.alias LIKE ?))")
        params += [like, like]
    rows = conn.execute(
        f"SELECT s.id, s.name, s.kind, s.role, s.affiliation FROM speakers s WHERE {' AND '.join(clauses)}"
        f" ORDER BY s.name, s.id LIMIT ?", (*params, limit)).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    counts: dict[int, dict[str, int]] = {}
    effective = (f"FROM speakers s0 JOIN claims c ON c.speaker_id = s0.id JOIN claim_current cc ON cc.claim_id = c.id"
                 f" WHERE (s0.id IN ({marks}) OR s0.merged_into IN ({marks})) AND {TO_REVIEW}")
    for eff, status, n in conn.execute(
            f"SELECT coalesce(s0.merged_into, s0.id) AS eff, cc.status, count(*) {effective} GROUP BY eff, cc.status",
            ids + ids):
        counts.setdefault(eff, {})[status] = n
    for eff, arts in conn.execute(
            f"SELECT coalesce(s0.merged_into, s0.id) AS eff, count(DISTINCT c.article_id) {effective} GROUP BY eff",
            ids + ids):
        counts.setdefault(eff, {})["articles"] = arts
    aliases: dict[int, list[str]] = {}
    for eff, alias in conn.execute(
        f"SELECT coalesce(sp.merged_into, sp.id), al.alias FROM speaker_aliases al JOIN speakers sp"
        f" ON sp.id = al.speaker_id WHERE sp.id IN ({marks}) OR sp.merged_into IN ({marks}) ORDER BY al.id",
            ids + ids):
        aliases.setdefault(eff, []).append(alias)
    out = []
    for sid, sname, kind, role, aff in rows:
        d = counts.get(sid, {})
        out.append(SpeakerRow(sid, sname, kind, role, aff, d.get("sourced", 0), d.get("unsourced", 0),
                              d.get("contested", 0), d.get("unreviewed", 0), d.get("articles", 0),
                              tuple(aliases.get(sid, ()))))
    return out


@dataclass(frozen=True, slots=True)
class Alias:
    """A surface form of a speaker; ``speaker_id`` is the row it hangs on (maybe merged away)."""

    alias_id: int
    speaker_id: int
    alias: str
    claims: int


def speaker_aliases(conn: sqlite3.Connection, speaker_id: int) -> list[Alias]:
    """Every alias of an effective speaker, including those of speakers merged into it."""
    return [Alias(*r) for r in conn.execute(
        "SELECT al.id, al.speaker_id, al.alias, (SELECT count(*) FROM claims c WHERE c.alias_id = al.id)"
        " FROM speaker_aliases al JOIN speakers sp ON sp.id = al.speaker_id"
        " WHERE sp.id = ? OR sp.merged_into = ? ORDER BY al.alias, al.id", (speaker_id, speaker_id))]
