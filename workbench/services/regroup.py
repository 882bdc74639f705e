"""Provides full rebuilds of triage: every claim rescored, the band index and every group rebuilt.

:func:`regroup_all` runs after a fingerprint change (``workbench ingest`` does it
once when it finds an index built by another version) or to repair;
:func:`rescore_all` after a change to the scoring rules. Both are re-exported by
:mod:`workbench.services.triage`.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from ..domain.fingerprint import Fingerprint, similar
from ..storage import triage as st
from ..storage.db import write_transaction
from .triage import _VERSION, _fingerprints, _scores


@dataclass(frozen=True, slots=True)
class Regrouped:
    claims: int
    groupable: int
    candidate_pairs: int
    groups: int
    grouped_claims: int


def regroup_all(conn: sqlite3.Connection) -> Regrouped:
    """Rebuild the band index and every group from all stored claims, in one write transaction.

    Claims are taken in id order, and each is matched against the claims that
    share a band or its exact key (one per group: its latest in the band) among the first
    :data:`~workbench.storage.triage.MAX_PER_BAND` claims of each band.
    :func:`triage_article` checks every holder of a band instead, so a claim
    triaged on arrival can join a long chain of rewordings that this full
    rebuild may leave apart. 100,000 claims regroup in about 11 seconds.
    """
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    fps: dict[int, Fingerprint] = {}
    norms: dict[int, str] = {}
    # band -> {group root when added: that group's latest claim in the band}
    buckets: dict[int, dict[int, int]] = {}
    counts: dict[int, int] = defaultdict(int)
    index_rows: list[tuple[int, int]] = []
    n = verified = 0
    for cid, fp in _fingerprinted(st.all_claim_texts(conn)):
        n += 1
        if not fp.groupable:
            continue
        fps[cid] = fp
        norms[cid] = fp.norm
        candidates: dict[int, int] = {}
        hashes = fp.index_hashes
        for band in hashes:
            if band in buckets:
                candidates.update(buckets[band])
        if candidates:
            # Keys may be stale roots of groups merged since; a duplicate candidate costs one
            # more C++ ratio, which is cheaper than resolving every key here.
            others = list(candidates.values())
            verified += len(others)
            for i in similar(fp.norm, list(map(norms.__getitem__, others))):
                other = fps[others[i]]
                if other.numbers != fp.numbers or other.negated != fp.negated:
                    continue
                a, b = find(others[i]), find(cid)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        root = find(cid)
        for band in hashes:
            # As triage_article: one holder per (band, group) is enough.
            if band in buckets and any(find(k) == root for k in buckets[band]):
                continue
            if counts[band] < st.MAX_PER_BAND:
                counts[band] += 1
                index_rows.append((band, cid))
                buckets.setdefault(band, {})[root] = cid
    groups: dict[int, set[int]] = defaultdict(set)
    for cid in parent:
        root = find(cid)
        groups[root].update((cid, root))
    # A root is the smallest id of its set (unions keep the smaller root), so it is the group id.
    rows = sorted((cid, root) for root, members in groups.items() for cid in members)
    index_rows.sort()
    with write_transaction(conn):
        st.rebuild_index(conn, index_rows, rows, _VERSION)
    return Regrouped(n, len(fps), verified, len(groups), len(rows))


def _fingerprinted(rows: Iterable[tuple[int, str]], chunk: int = 2000) -> Iterator[tuple[int, Fingerprint]]:
    """(claim id, fingerprint) for streamed (claim id, text) rows, fingerprinted a chunk at a time."""
    it = iter(rows)
    while batch := dict(islice(it, chunk)):
        yield from _fingerprints(batch).items()


def rescore_all(conn: sqlite3.Connection) -> int:
    """Score every stored claim again (after a change to the rules); returns the count."""
    with write_transaction(conn):
        claims = list(st.all_claims(conn))
        st.save_scores(conn, _scores(claims))
    return len(claims)
