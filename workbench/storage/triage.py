"""Provides the triage tables' SQL: check-worthiness scores, the LSH band index, claim groups, group marks.

Nothing here opens a transaction except :func:`mark_group` and :func:`atomic`;
the writers are called by :mod:`workbench.services.triage` inside one write
transaction per article (a savepoint when an ingest batch already holds one)
or per full regroup. Reads are bounded: the worthiness queue is keyset-paged on
``(score DESC, claim_id)``, and band lookups keep at most
:data:`MAX_PER_BAND` claims per band.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..domain.models import DECISIONS, ReviewStatus
from .db import StorageError, write_transaction
from .ingest import utc_now
from .reviews import parse_status
from .bands import (  # noqa: F401  (re-exported: the triage tables' SQL is one interface)
    BandFilter, _bump_generation, _known_filter, add_bands, band_filter, band_rows, clear_bands, get_meta, set_meta,
)

#: Claims a band hash holds at most (the first stored). A band shared by thousands of claims
#: is a much-repeated claim or boilerplate; indexing all of them would make each lookup unbounded.
MAX_PER_BAND = 200


@dataclass(frozen=True, slots=True)
class ClaimToScore:
    """What the check-worthiness rules read of a stored claim."""

    claim_id: int
    text: str
    sentence: str
    speaker_kind: str
    hedge_cue: str | None
    anonymity_cue: str | None


@dataclass(frozen=True, slots=True)
class WorthyRow:
    """One line of the queue ordered by check-worthiness."""

    claim_id: int
    score: float
    reasons: tuple[str, ...]
    status: str
    text: str
    speaker: str
    article_id: int
    article_title: str | None
    group_id: int | None


@dataclass(frozen=True, slots=True)
class GroupMember:
    """A claim in the same near-duplicate group, as the detail pane lists it."""

    claim_id: int
    text: str
    article_id: int
    article_title: str | None
    article_outlet: str | None
    speaker: str
    speaker_kind: str
    status: str



# ------------------------------------------------------------------ reads for triage

_TO_SCORE = """
SELECT c.id, c.text, substr(a.text, c.sentence_start + 1, c.sentence_end - c.sentence_start),
       s.kind, c.hedge_cue, c.anonymity_cue
FROM claims c
JOIN articles a ON a.id = c.article_id
JOIN speakers s0 ON s0.id = c.speaker_id
JOIN speakers s ON s.id = COALESCE(s0.merged_into, s0.id)
"""


_ARTICLE_CLAIMS = """
SELECT c.id, c.text, c.sentence_start, c.sentence_end, s.kind, c.hedge_cue, c.anonymity_cue
FROM claims c
JOIN speakers s0 ON s0.id = c.speaker_id
JOIN speakers s ON s.id = COALESCE(s0.merged_into, s0.id)
WHERE c.article_id = ? ORDER BY c.sequence
"""


def article_claims(conn: sqlite3.Connection, article_id: int) -> list[ClaimToScore]:
    """The claims of one article, in order, with what scoring needs.

    The sentences are sliced from the article text in Python: SQLite's substr
    counts characters from the start of the text for every claim, which is
    quadratic on a long article (a 5 MB single-line article took minutes).
    """
    row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return []
    text = row[0]
    return [ClaimToScore(cid, claim, text[s0:s1], kind, hedge, anon)
            for cid, claim, s0, s1, kind, hedge, anon in conn.execute(_ARTICLE_CLAIMS, (article_id,))]


_ARTICLE_CLAIM_KINDS = """
SELECT c.id, s.kind
FROM claims c
JOIN speakers s0 ON s0.id = c.speaker_id
JOIN speakers s ON s.id = COALESCE(s0.merged_into, s0.id)
WHERE c.article_id = ? ORDER BY c.sequence
"""


def article_claim_kinds(conn: sqlite3.Connection, article_id: int) -> list[tuple[int, str]]:
    """(claim id, its speaker's kind after merges) for one article's claims, in order."""
    return conn.execute(_ARTICLE_CLAIM_KINDS, (article_id,)).fetchall()


def all_claims(conn: sqlite3.Connection) -> Iterator[ClaimToScore]:
    """Every claim, by id (streamed, for a full rescore)."""
    for r in conn.execute(_TO_SCORE + " ORDER BY c.id"):
        yield ClaimToScore(*r)


def all_claim_texts(conn: sqlite3.Connection) -> Iterator[tuple[int, str]]:
    """(claim id, text) for every claim, by id (streamed, for a full regroup)."""
    yield from conn.execute("SELECT id, text FROM claims ORDER BY id")


def claim_texts(conn: sqlite3.Connection, claim_ids: Iterable[int]) -> dict[int, str]:
    ids = list(claim_ids)
    if not ids:
        return {}
    rows = conn.execute("SELECT id, text FROM claims WHERE id IN (SELECT value FROM json_each(?))",
                        (json.dumps(ids),))
    return dict(rows.fetchall())


def relabel_groups(conn: sqlite3.Connection, relabel: dict[int, int], members: dict[int, int]) -> None:
    """Merge groups: every group labelled k becomes ``relabel[k]``; then ``members`` (claim -> group) are set."""
    if relabel:
        conn.executemany("UPDATE claim_groups SET group_id = ? WHERE group_id = ?",
                         [(new, old) for old, new in sorted(relabel.items())])
    if members:
        conn.executemany("INSERT INTO claim_groups (claim_id, group_id) VALUES (?, ?)"
                         " ON CONFLICT (claim_id) DO UPDATE SET group_id = excluded.group_id",
                         sorted(members.items()))


def groups_of(conn: sqlite3.Connection, claim_ids: Iterable[int]) -> dict[int, int]:
    """claim id -> group id, for those of ``claim_ids`` that are in a group."""
    ids = list(claim_ids)
    if not ids:
        return {}
    rows = conn.execute("SELECT claim_id, group_id FROM claim_groups"
                        " WHERE claim_id IN (SELECT value FROM json_each(?))", (json.dumps(ids),))
    return dict(rows.fetchall())


# ------------------------------------------------------------------ writes (caller holds the transaction)

def save_scores(conn: sqlite3.Connection, scores: Iterable[tuple[int, float, tuple[str, ...]]]) -> None:
    """Insert or replace (claim id, score, reasons); reasons are stored as a JSON list."""
    save_score_rows(conn, ((cid, s, reasons_json(r)) for cid, s, r in scores))


def reasons_json(reasons: Iterable[str]) -> str:
    """Reasons as ``claim_scores.reasons`` holds them (a JSON list)."""
    return json.dumps(list(reasons), ensure_ascii=False)


def save_score_rows(conn: sqlite3.Connection, rows: Iterable[tuple[int, float, str]]) -> None:
    """Insert or replace (claim id, score, reasons already as :func:`reasons_json`)."""
    conn.executemany(
        "INSERT INTO claim_scores (claim_id, score, reasons) VALUES (?, ?, ?)"
        " ON CONFLICT (claim_id) DO UPDATE SET score = excluded.score, reasons = excluded.reasons", rows)


def rebuild_index(conn: sqlite3.Connection, bands: Iterable[tuple[int, int]],
                  groups: Iterable[tuple[int, int]], version: str) -> None:
    """Replace the whole band index and all groups (a full regroup)."""
    # The secondary indexes are rebuilt once at the end rather than updated per row
    # (same names and definitions, so the schema is unchanged).
    conn.execute("DROP INDEX claim_bands_claim")
    conn.execute("DROP INDEX claim_groups_group")
    conn.execute("DELETE FROM claim_bands")
    conn.execute("DELETE FROM claim_groups")
    bands = list(bands)
    conn.executemany("INSERT OR IGNORE INTO claim_bands (band_hash, claim_id) VALUES (?, ?)", bands)
    conn.executemany("INSERT INTO claim_groups (claim_id, group_id) VALUES (?, ?)", groups)
    conn.execute("CREATE INDEX claim_bands_claim ON claim_bands(claim_id)")
    conn.execute("CREATE INDEX claim_groups_group ON claim_groups(group_id, claim_id)")
    set_meta(conn, "fingerprint_version", version)
    conn.execute("DELETE FROM triage_meta WHERE key = 'triage_started'")  # the full triage is complete
    _bump_generation(conn)
    f = _known_filter(conn)
    if f is not None:
        # Old bits stay: if this transaction rolls back, the old index is back.
        f.add(b for b, _ in bands)


# ------------------------------------------------------------------ what the UI reads

def score_of(conn: sqlite3.Connection, claim_id: int) -> tuple[float, tuple[str, ...]] | None:
    """A claim's score and reasons, or None if it has not been scored."""
    row = conn.execute("SELECT score, reasons FROM claim_scores WHERE claim_id = ?", (claim_id,)).fetchone()
    return (row[0], tuple(json.loads(row[1]))) if row else None


def group_members(conn: sqlite3.Connection, claim_id: int, *, include_self: bool = False, limit: int = -1,
                  after: int = -1) -> list[GroupMember]:
    """The other claims in ``claim_id``'s group, with articles, speakers and statuses (empty if none).

    Args:
        limit: at most this many (a group can hold hundreds of thousands); -1: all.
        after: only claims with a larger id (keyset paging, in id order).
    """
    rows = conn.execute(
        "SELECT c.id, c.text, c.article_id, a.title, a.outlet, s.name, s.kind, cc.status"
        " FROM claim_groups g0"
        " JOIN claim_groups g ON g.group_id = g0.group_id"
        " JOIN claims c ON c.id = g.claim_id"
        " JOIN articles a ON a.id = c.article_id"
        " JOIN speakers s0 ON s0.id = c.speaker_id"
        " JOIN speakers s ON s.id = COALESCE(s0.merged_into, s0.id)"
        " JOIN claim_current cc ON cc.claim_id = c.id"
        " WHERE g0.claim_id = ? AND g.claim_id > ? AND (? OR g.claim_id <> g0.claim_id)"
        " ORDER BY g.claim_id LIMIT ?",
        (claim_id, after, include_self, limit),
    ).fetchall()
    return [GroupMember(*r) for r in rows]


def group_size(conn: sqlite3.Connection, claim_id: int) -> int:
    """How many other claims ``claim_id``'s group holds (0 when ungrouped); one index range count."""
    n = conn.execute("SELECT count(*) FROM claim_groups g0 JOIN claim_groups g ON g.group_id = g0.group_id"
                     " WHERE g0.claim_id = ?", (claim_id,)).fetchone()[0]
    return max(n - 1, 0)


def group_claim_ids(conn: sqlite3.Connection, claim_id: int) -> list[int]:
    """Every claim in ``claim_id``'s group including itself; just ``[claim_id]`` when ungrouped."""
    ids = [r[0] for r in conn.execute(
        "SELECT g.claim_id FROM claim_groups g0 JOIN claim_groups g ON g.group_id = g0.group_id"
        " WHERE g0.claim_id = ? ORDER BY g.claim_id", (claim_id,))]
    return ids or [claim_id]


def mark_group(conn: sqlite3.Connection, claim_id: int, status: ReviewStatus | str | None, reviewer: str,
               note: str | None = None) -> list[int]:
    """Apply a decision to every claim in ``claim_id``'s group: one review event per claim.

    Args:
        claim_id: the highlighted claim.
        status: the decision; None means the highlighted claim's current status (the UI's
            "apply this status to the group" key).
        reviewer: who marks.
        note: an optional note stored on each event.

    Returns:
        The new event ids, in claim id order. All events are written in one
        transaction with the same timestamp and ``origin = 'group:<claim_id>'``,
        so the group mark can be told apart from (and undone like) single marks.
    """
    now = utc_now()
    with write_transaction(conn):
        current = conn.execute("SELECT status FROM claim_current WHERE claim_id = ?", (claim_id,)).fetchone()
        if current is None:
            raise StorageError(f"no claim with id {claim_id}; list claims with 'workbench claims'")
        decision = parse_status(str(status) if status is not None else current[0])
        if decision not in DECISIONS:
            raise StorageError(f"claim {claim_id} has no decision to apply to its group; mark it first")
        ids = group_claim_ids(conn, claim_id)
        return [
            conn.execute(
                "INSERT INTO review_events (claim_id, action, status, reviewer, note, created_at, origin)"
                " VALUES (?, 'mark', ?, ?, ?, ?, ?)",
                (cid, str(decision), reviewer, note or None, now, f"group:{claim_id}"),
            ).lastrowid
            for cid in ids
        ]


def queue_by_worthiness(conn: sqlite3.Connection, status: ReviewStatus | str | None = None,
                        after: tuple[float, int] | None = None, limit: int = 50) -> list[WorthyRow]:
    """Scored claims, most check-worthy first, keyset-paged.

    Args:
        status: only claims whose current status is this ("unsourced" for the
            "most check-worthy unsourced first" order); None for all.
        after: the (score, claim id) of the last row of the previous page.
        limit: rows per page.
    """
    where, params = [], []
    if status is not None:
        where.append("cc.status = ?")
        params.append(str(parse_status(str(status))))
    if after is not None:
        where.append("(cs.score < ? OR (cs.score = ? AND cs.claim_id > ?))")
        params += [after[0], after[0], after[1]]
    sql = (
        "SELECT cs.claim_id, cs.score, cs.reasons, cc.status, c.text, s.name, c.article_id, a.title, g.group_id"
        " FROM claim_scores cs"
        " JOIN claim_current cc ON cc.claim_id = cs.claim_id"
        " JOIN claims c ON c.id = cs.claim_id"
        " JOIN articles a ON a.id = c.article_id"
        " JOIN speakers s0 ON s0.id = c.speaker_id"
        " JOIN speakers s ON s.id = COALESCE(s0.merged_into, s0.id)"
        " LEFT JOIN claim_groups g ON g.claim_id = cs.claim_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY cs.score DESC, cs.claim_id LIMIT ?"
    )
    rows = conn.execute(sql, (*params, limit)).fetchall()
    return [WorthyRow(r[0], r[1], tuple(json.loads(r[2])), *r[3:]) for r in rows]
