"""Provides the triage tables' SQL: check-worthiness scores, the LSH band index, claim groups, group marks.

Nothing here opens a transaction except :func:`mark_group` and :func:`atomic`;
the writers are called by :mod:`workbench.triage` inside one write
transaction per article (a savepoint when an ingest batch already holds one)
or per full regroup. Reads are bounded: the worthiness queue is keyset-paged on
``(score DESC, claim_id)``, and band lookups keep at most
:data:`MAX_PER_BAND` claims per band.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..domain.models import DECISIONS, ReviewStatus
from .db import StorageError, write_transaction
from .ingest import utc_now
from .reviews import parse_status

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


class BandFilter:
    """Which band hashes may be in ``claim_bands``: a bitset on the low bits of each hash (8 MB).

    A superset is always safe (a band it wrongly holds is just looked up), so bands that a
    rolled-back savepoint added, or that a deleted claim held, can stay set. What it must never
    miss are bands other connections add: it is refreshed when ``PRAGMA data_version`` says
    another connection committed (new claims' bands by claim id; a full reload when
    ``triage_meta.band_generation`` changed, which a regroup or a re-triage writes).
    Most of an article's bands are in no other claim, so this saves most index lookups.
    """

    BITS = 1 << 26

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.bits = bytearray()
        self.data_version = -1
        self.generation: str | None = None
        self.watermark = 0
        self.reload()

    def reload(self) -> None:
        self.bits = bytearray(self.BITS >> 3)
        self.watermark = 0
        self._load(self.conn.execute("SELECT band_hash, claim_id FROM claim_bands"))
        self.generation = get_meta(self.conn, "band_generation")
        self.data_version = self.conn.execute("PRAGMA data_version").fetchone()[0]

    def _load(self, rows: Iterable[tuple[int, int]]) -> None:
        bits, mask, top = self.bits, self.BITS - 1, self.watermark
        for band, cid in rows:
            h = band & mask
            bits[h >> 3] |= 1 << (h & 7)
            if cid > top:
                top = cid
        self.watermark = top

    def refresh(self) -> None:
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if version == self.data_version:
            return
        if get_meta(self.conn, "band_generation") != self.generation:
            self.reload()
            return
        self._load(self.conn.execute("SELECT band_hash, claim_id FROM claim_bands WHERE claim_id > ?",
                                     (self.watermark,)))
        self.data_version = version

    def add(self, bands: Iterable[int]) -> None:
        bits, mask = self.bits, self.BITS - 1
        for band in bands:
            h = band & mask
            bits[h >> 3] |= 1 << (h & 7)

    def present(self, bands: Iterable[int]) -> list[int]:
        bits, mask = self.bits, self.BITS - 1
        return [b for b in bands if bits[(b & mask) >> 3] >> (b & 7) & 1]


# One filter per connection (connections take no weak references; a few are kept).
_FILTERS: dict[int, BandFilter] = {}


def band_filter(conn: sqlite3.Connection) -> BandFilter:
    """This connection's :class:`BandFilter`, refreshed against other connections' commits."""
    f = _FILTERS.get(id(conn))
    if f is None or f.conn is not conn:
        if len(_FILTERS) >= 4:
            _FILTERS.pop(next(iter(_FILTERS)))
        f = _FILTERS[id(conn)] = BandFilter(conn)
    else:
        f.refresh()
    return f


# A lookup of an article's ~900 bands costs about 0.7 ms without the filter; loading the filter
# costs about 0.5 us per stored index row. So it is built once a connection has looked up about
# one article's worth per 1,400 stored rows: at once on a small database, after some thousands
# of articles at a million claims, never for a one-article ingest into a big one.
_ROWS_PER_LOOKUP = 700
_LOOKUPS: dict[int, int] = {}


def _filter_if_worth(conn: sqlite3.Connection) -> BandFilter | None:
    """This connection's :class:`BandFilter`, once the lookups it saves outweigh loading it; else None."""
    if _known_filter(conn) is not None:
        return band_filter(conn)
    if len(_LOOKUPS) > 16:
        _LOOKUPS.clear()
    lookups = _LOOKUPS[id(conn)] = _LOOKUPS.get(id(conn), 0) + 1
    # Index rows, estimated from the newest indexed claim (about 7 rows per claim); O(log n).
    newest = conn.execute("SELECT max(claim_id) FROM claim_bands").fetchone()[0] or 0
    if lookups * _ROWS_PER_LOOKUP < newest * 7:
        return None
    _LOOKUPS.pop(id(conn), None)
    return band_filter(conn)


def _known_filter(conn: sqlite3.Connection) -> BandFilter | None:
    f = _FILTERS.get(id(conn))
    return f if f is not None and f.conn is conn else None


def band_rows(conn: sqlite3.Connection, band_hashes: Iterable[int]) -> list[tuple[int, int, int | None]]:
    """(band hash, claim id, its group id or None) for every index row of these bands.

    Once the connection has a :class:`BandFilter`, only bands it may hold are looked up. A
    band holds at most :data:`MAX_PER_BAND` rows, so this is bounded.
    """
    hashes = set(band_hashes)
    f = _filter_if_worth(conn)
    if f is not None:
        hashes = f.present(hashes)
    if not hashes:
        return []
    return conn.execute(
        "SELECT b.band_hash, b.claim_id, g.group_id FROM claim_bands b"
        " LEFT JOIN claim_groups g ON g.claim_id = b.claim_id"
        " WHERE b.band_hash IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(hashes)),),
    ).fetchall()


def clear_bands(conn: sqlite3.Connection, claim_ids: Iterable[int]) -> None:
    """Remove these claims from the band index (a re-triage: bumps ``band_generation``)."""
    ids = list(claim_ids)
    if not ids:
        return
    cur = conn.execute("DELETE FROM claim_bands WHERE claim_id IN (SELECT value FROM json_each(?))",
                       (json.dumps(ids),))
    if cur.rowcount > 0:
        _bump_generation(conn)


def add_bands(conn: sqlite3.Connection, rows: list[tuple[int, int]]) -> None:
    """Insert (band hash, claim id) rows; the caller has applied :data:`MAX_PER_BAND`."""
    if rows:
        conn.executemany("INSERT OR IGNORE INTO claim_bands (band_hash, claim_id) VALUES (?, ?)", rows)
        f = _known_filter(conn)
        if f is not None:
            f.add(b for b, _ in rows)


def _bump_generation(conn: sqlite3.Connection) -> None:
    gen = os.urandom(8).hex()
    set_meta(conn, "band_generation", gen)
    f = _known_filter(conn)
    if f is not None:
        f.generation = gen


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


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM triage_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


# ------------------------------------------------------------------ writes (caller holds the transaction)

def save_scores(conn: sqlite3.Connection, scores: Iterable[tuple[int, float, tuple[str, ...]]]) -> None:
    """Insert or replace (claim id, score, reasons); reasons are stored as a JSON list."""
    conn.executemany(
        "INSERT INTO claim_scores (claim_id, score, reasons) VALUES (?, ?, ?)"
        " ON CONFLICT (claim_id) DO UPDATE SET score = excluded.score, reasons = excluded.reasons",
        ((cid, s, json.dumps(list(r), ensure_ascii=False)) for cid, s, r in scores),
    )


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
    _bump_generation(conn)
    f = _known_filter(conn)
    if f is not None:
        # Old bits stay: if this transaction rolls back, the old index is back.
        f.add(b for b, _ in bands)


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO triage_meta (key, value) VALUES (?, ?)"
                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


# ------------------------------------------------------------------ what the UI reads

def score_of(conn: sqlite3.Connection, claim_id: int) -> tuple[float, tuple[str, ...]] | None:
    """A claim's score and reasons, or None if it has not been scored."""
    row = conn.execute("SELECT score, reasons FROM claim_scores WHERE claim_id = ?", (claim_id,)).fetchone()
    return (row[0], tuple(json.loads(row[1]))) if row else None


def group_members(conn: sqlite3.Connection, claim_id: int, *, include_self: bool = False) -> list[GroupMember]:
    """The other claims in ``claim_id``'s group, with articles, speakers and statuses (empty if none)."""
    rows = conn.execute(
        "SELECT c.id, c.text, c.article_id, a.title, a.outlet, s.name, s.kind, cc.status"
        " FROM claim_groups g0"
        " JOIN claim_groups g ON g.group_id = g0.group_id"
        " JOIN claims c ON c.id = g.claim_id"
        " JOIN articles a ON a.id = c.article_id"
        " JOIN speakers s0 ON s0.id = c.speaker_id"
        " JOIN speakers s ON s.id = COALESCE(s0.merged_into, s0.id)"
        " JOIN claim_current cc ON cc.claim_id = c.id"
        " WHERE g0.claim_id = ? ORDER BY c.id",
        (claim_id,),
    ).fetchall()
    return [GroupMember(*r) for r in rows if include_self or r[0] != claim_id]


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
