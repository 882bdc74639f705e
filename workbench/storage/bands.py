"""Provides the LSH band index's SQL: band lookups behind a per-connection bitset, index rows, triage_meta.

Split from :mod:`.triage` (which re-exports these names): the band index is
what every new claim is looked up in, so its lookups are kept apart from the
scores and groups. Nothing here opens a transaction.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable


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
    band holds at most :data:`~workbench.storage.triage.MAX_PER_BAND` rows, so this is bounded.
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
    """Insert (band hash, claim id) rows; the caller has applied ``MAX_PER_BAND``."""
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


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM triage_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO triage_meta (key, value) VALUES (?, ?)"
                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
