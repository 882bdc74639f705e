"""Provides triage after ingest: check-worthiness scores and near-duplicate groups for stored claims.

The ingest pipeline calls :func:`triage_inputs` after storing an article, with
the scores and fingerprints its workers computed (:func:`triage_article`
computes them itself); it saves the scores and matches the article's claims
against every stored claim through the LSH band index (an indexed lookup, not
a scan), in one write transaction. :func:`regroup_all` rebuilds the band index and all groups from
scratch (after a fingerprint change, or to repair); :func:`rescore_all` does
the same for scores. :func:`mark_group` is the review UI's "apply to the whole
group" key.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..domain.checkworthy import score
from ..domain.fingerprint import (
    FINGERPRINT_VERSION, Fingerprint, banded, fingerprints, matching, pack_bands, unpack_bands,
)
from ..domain.models import ReviewStatus
from ..storage import triage as st
from ..storage.db import atomic

_VERSION = str(FINGERPRINT_VERSION)


@dataclass(frozen=True, slots=True)
class Triaged:
    """What triage did to one article."""

    article_id: int
    scored: int
    #: Claims of this article now in a group (with claims of any article, this one included).
    grouped: int
    #: The stored band index was built by another fingerprint version: run :func:`regroup_all`.
    stale_index: bool = False


class ClaimInputs(NamedTuple):
    """What triage needs of one claim that an ingest worker computed without the database."""

    text: str
    #: The article text and the claim's sentence in it, with the extractor's hedge and anonymity
    #: cues: to score it again if the stored speaker's kind differs from the extractor's (a
    #: reviewer merged the speaker into another). The text is shared, not copied, per claim.
    article_text: str
    sentence_start: int
    sentence_end: int
    hedge_cue: str | None
    anonymity_cue: str | None
    #: The kind the score was computed with (the extractor's).
    speaker_kind: str
    score: float
    #: As ``claim_scores.reasons`` stores them (a JSON list).
    reasons: str
    #: Without bands: most claims on wire copy are exact duplicates and never need them.
    fingerprint: Fingerprint
    #: The LSH bands, packed (:func:`~workbench.domain.fingerprint.pack_bands`); "" if not computed.
    bands: str

    @property
    def sentence(self) -> str:
        return self.article_text[self.sentence_start:self.sentence_end]


def score_json(text: str, sentence: str, speaker_kind: str, hedge_cue: str | None,
               anonymity_cue: str | None) -> tuple[float, str]:
    """A claim's check-worthiness and its reasons as ``claim_scores`` stores them (no database: a worker's job)."""
    w = score(text, sentence, speaker_kind=speaker_kind, hedge_cue=hedge_cue, anonymity_cue=anonymity_cue)
    return w.score, st.reasons_json(w.reasons)


def triage_article(conn: sqlite3.Connection, article_id: int) -> Triaged:
    """Score and group the claims of one stored article, in one write transaction.

    Inside an open transaction (``with ingest.batch(conn):``, right after
    ``store()``) it runs as a savepoint of that transaction instead. Safe to
    run again on the same article: scores are replaced, bands re-indexed, and
    groups only ever merge. The ingest pipeline calls :func:`triage_inputs`
    instead, with scores and fingerprints its workers computed.
    """
    with atomic(conn, "triage"):
        claims = st.article_claims(conn, article_id)
        fps = fingerprints([c.text for c in claims])
        inputs = [ClaimInputs(c.text, c.sentence, 0, len(c.sentence), c.hedge_cue, c.anonymity_cue, c.speaker_kind,
                              *score_json(c.text, c.sentence, c.speaker_kind, c.hedge_cue, c.anonymity_cue),
                              fp.without_bands(), pack_bands(fp.bands))
                  for c, fp in zip(claims, fps)]
        return _triage(conn, article_id, [(c.claim_id, c.speaker_kind) for c in claims], inputs)


def triage_inputs(conn: sqlite3.Connection, article_id: int, inputs: Sequence[ClaimInputs]) -> Triaged:
    """:func:`triage_article` for a just-stored article whose claims' scores and fingerprints are at hand.

    ``inputs`` are the article's claims in order. Only the claims whose stored speaker's
    kind makes a different score (anonymous or not) are scored again here.
    """
    with atomic(conn, "triage"):
        return _triage(conn, article_id, st.article_claim_kinds(conn, article_id), inputs)


def _triage(conn: sqlite3.Connection, article_id: int, kinds: list[tuple[int, str]],
            inputs: Sequence[ClaimInputs]) -> Triaged:
    """Save the scores, match the claims through the band index, merge groups, index new bands.

    A handful of statements per article: the scores (one executemany), the claims' current
    groups, the index rows of their exact keys, then those of the bands of the claims with no
    exact duplicate (a per-connection bitset skips bands no other claim holds), the
    candidates' texts, the group merges and the new index rows (one executemany each). Band
    sizes, groups after the merges and the rows to index are worked out in memory.
    """
    if len(kinds) != len(inputs):
        raise ValueError(f"article {article_id}: {len(kinds)} stored claims, {len(inputs)} triage inputs")
    rows_scores = []
    fps: dict[int, Fingerprint] = {}
    texts: dict[int, str] = {}
    packed: dict[int, str] = {}
    for (cid, kind), c in zip(kinds, inputs):
        if (kind == _ANONYMOUS) == (c.speaker_kind == _ANONYMOUS):
            rows_scores.append((cid, c.score, c.reasons))
        else:
            w = score(c.text, c.sentence, speaker_kind=kind, hedge_cue=c.hedge_cue, anonymity_cue=c.anonymity_cue)
            rows_scores.append((cid, w.score, st.reasons_json(w.reasons)))
        fps[cid] = c.fingerprint
        texts[cid] = c.text
        packed[cid] = c.bands
    st.save_score_rows(conn, rows_scores)
    if len(_FP_CACHE) > _FP_CACHE_MAX:
        _FP_CACHE.clear()
    for cid, fp in fps.items():
        _FP_CACHE[texts[cid]] = fp
    st.clear_bands(conn, fps)
    stored_version = st.get_meta(conn, "fingerprint_version")
    if stored_version is None:
        st.set_meta(conn, "fingerprint_version", _VERSION)
    own = st.groups_of(conn, fps)
    # Exact duplicates first: a claim whose key is held (by a stored claim, or by an earlier
    # claim of this article) has that claim as its candidate and needs no bands of its own.
    rows = st.band_rows(conn, {fp.key for fp in fps.values() if fp.groupable})
    held = {band for band, _, _ in rows}
    groupable: dict[int, Fingerprint] = {}
    for cid, fp in fps.items():
        if fp.groupable:
            if fp.key in held:
                groupable[cid] = fp.without_bands() if fp.bands else fp
            else:
                held.add(fp.key)
                bands = packed[cid]
                groupable[cid] = (Fingerprint(fp.norm, fp.numbers, fp.negated, unpack_bands(bands), fp.key) if bands
                                  else fp if fp.bands else banded([fp])[0])
    rows += st.band_rows(conn, (b for fp in groupable.values() for b in fp.bands))
    # Every holder of a band is a candidate (at most MAX_PER_BAND): in a long chain of
    # rewordings, the group's other holders of a band can be too far from this claim.
    counts: dict[int, int] = defaultdict(int)
    group_of: dict[int, int] = dict(own)
    by_band: dict[int, list[int]] = defaultdict(list)
    for band, cid, gid in rows:
        counts[band] += 1
        by_band[band].append(cid)
        if gid is not None:
            group_of[cid] = gid
    pairs = _match_new(conn, groupable, by_band)
    group_of = _merge(conn, _components(pairs), group_of)
    grouped = fps.keys() & group_of.keys()
    index_rows = []
    for cid, keep in _bands_to_index(groupable, by_band, group_of).items():
        for band in keep:
            if counts[band] < st.MAX_PER_BAND:
                counts[band] += 1
                index_rows.append((band, cid))
    index_rows.sort()  # in key order: the B-tree insert touches each page once
    st.add_bands(conn, index_rows)
    return Triaged(article_id, len(kinds), len(grouped), stale_index=_built_by_other_version(stored_version))


_ANONYMOUS = "anonymous"


def index_is_stale(conn: sqlite3.Connection) -> bool:
    """The band index was built by another fingerprint version: new claims would not meet old ones."""
    return _built_by_other_version(st.get_meta(conn, "fingerprint_version"))


def _built_by_other_version(stored_version: str | None) -> bool:
    return stored_version not in (None, _VERSION)


def _merge(conn: sqlite3.Connection, components: list[set[int]], group_of: dict[int, int]) -> dict[int, int]:
    """Merge each component's claims, and every group any of them is in, into one group.

    ``group_of`` holds the current group of every claim involved; returns it after the merges.
    A group id is the smallest claim id (or earlier group id) merged into it, as one merge at
    a time would leave it: claims and group labels are nodes of one union-find (a group's
    label is the id of one of its members).
    """
    if not components:
        return group_of
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:
            parent[x], x = root, parent[x]
        return root

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for comp in components:
        first = min(comp)
        for cid in comp:
            union(first, cid)
            gid = group_of.get(cid)
            if gid is not None:
                union(cid, gid)
    relabel = {}
    for label in set(group_of.values()):
        if label in parent:
            root = find(label)
            if root != label:
                relabel[label] = root
    members = {cid: find(cid) for comp in components for cid in comp}
    st.relabel_groups(conn, relabel, members)
    out = {cid: relabel.get(gid, gid) for cid, gid in group_of.items()} if relabel else dict(group_of)
    out.update(members)
    return out


def _bands_to_index(new: dict[int, Fingerprint], by_band: dict[int, list[int]],
                    group_of: dict[int, int]) -> dict[int, tuple[int, ...]]:
    """The bands each new claim adds to the index: those no claim of its group holds yet.

    A claim that joined a group adds only the bands no member holds yet: on much-repeated
    copy this keeps buckets, and so every later lookup, small. The group stays findable
    by every band any member had when it was grouped.
    """
    held = {(b, group_of[o]) for b, others in by_band.items() for o in others if o in group_of}
    out = {}
    for cid, fp in new.items():
        gid = group_of.get(cid)
        if gid is None:
            out[cid] = fp.index_hashes
            continue
        keep = tuple(b for b in fp.index_hashes if (b, gid) not in held)
        held.update((b, gid) for b in keep)
        out[cid] = keep
    return out


# Claim text -> fingerprint. A lookup re-reads stored candidates, mostly claims this process
# has just fingerprinted; keyed by text, so a hit is always right. Bounded.
_FP_CACHE: dict[str, Fingerprint] = {}
_FP_CACHE_MAX = 100_000


def _fingerprints(texts: dict[int, str], *, with_bands: bool = True,
                  known: dict[int, Fingerprint] | None = None) -> dict[int, Fingerprint]:
    """claim id -> ``fingerprint(text)``, cached by text, the misses fingerprinted in one call.

    ``known`` holds fingerprints without bands already at hand (they are not normalised again).
    """
    known = known or {}
    out: dict[int, Fingerprint] = {}
    fresh: dict[int, str] = {}
    unbanded: dict[int, Fingerprint] = {}
    for cid, text in texts.items():
        fp = _FP_CACHE.get(text) or known.get(cid)
        if fp is None:
            fresh[cid] = text
        elif with_bands and fp.groupable and not fp.bands:
            unbanded[cid] = fp
        else:
            out[cid] = fp
    done = dict(zip(fresh, fingerprints(list(fresh.values()), with_bands=with_bands)))
    done.update(zip(unbanded, banded(list(unbanded.values()))))
    if len(_FP_CACHE) > _FP_CACHE_MAX:
        _FP_CACHE.clear()
    for cid, fp in done.items():
        _FP_CACHE[texts[cid]] = fp
    out.update(done)
    return out


def _scores(claims: Iterable[st.ClaimToScore]):
    for c in claims:
        w = score(c.text, c.sentence, speaker_kind=c.speaker_kind, hedge_cue=c.hedge_cue,
                  anonymity_cue=c.anonymity_cue)
        yield c.claim_id, w.score, w.reasons


# How many of the article's own claims each band keeps as candidates for later ones.
_LOCAL_PER_BAND = 8


def _match_new(conn: sqlite3.Connection, new: dict[int, Fingerprint],
               by_band: dict[int, list[int]]) -> list[tuple[int, int]]:
    """Verified (new claim, other claim) pairs: candidates from the band index, then the exact check."""
    candidates: dict[int, set[int]] = {}
    # The article's own claims are not in the index yet: earlier ones are candidates too.
    local: dict[int, list[int]] = {}
    stored = by_band.keys()
    for cid, fp in new.items():
        hashes = fp.index_hashes
        # Only the few bands some other claim holds are visited (set intersections run in C).
        found: set[int] = set()
        for b in stored & hashes:
            found.update(by_band[b])
        for b in local.keys() & hashes:
            found.update(local[b])
        found.discard(cid)
        for b in hashes:
            # A few holders per band are enough: a claim joins their group and
            # groups merge transitively. Uncapped, an article repeating one
            # sentence thousands of times made every pair a candidate.
            held = local.get(b)
            if held is None:
                local[b] = [cid]
            elif len(held) < _LOCAL_PER_BAND:
                held.append(cid)
        if found:
            candidates[cid] = found
    wanted = set().union(*candidates.values()) - new.keys()
    # Stored candidates need no bands, only what same_claim compares.
    others = _fingerprints(st.claim_texts(conn, wanted), with_bands=False)
    others.update(new)
    pairs = []
    for cid, found in candidates.items():
        ids = sorted(o for o in found if o in others)
        pairs += [(cid, ids[i]) for i in matching(new[cid], [others[o] for o in ids])]
    return pairs


def mark_group(conn: sqlite3.Connection, claim_id: int, status: ReviewStatus | str | None,
               reviewer: str, note: str | None = None) -> list[int]:
    """Apply ``status`` (None: the claim's own current status) to its whole group; one event per claim."""
    return st.mark_group(conn, claim_id, status, reviewer, note)


def _components(pairs: list[tuple[int, int]]) -> list[set[int]]:
    """Connected components of the matched pairs."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b in pairs:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    out: dict[int, set[int]] = defaultdict(set)
    for x in parent:
        out[find(x)].add(x)
    return list(out.values())


# Full rebuilds live in their own module; imported last, as they use this module's fingerprint cache.
from .regroup import Regrouped, regroup_all, rescore_all  # noqa: E402,F401
