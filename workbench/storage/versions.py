"""Provides article versions: detecting an updated article, carrying reviews over, and the diff between versions.

An article re-ingested under the same url (or the same external id from the
same source) with different text is stored as a new version beside the old
one: ``articles.version_of`` is the first article of the lineage and
``articles.version`` counts 1, 2, ... Each claim of the new version is matched
to a claim of the previous version with the same text and the same speaker
name, keeping their relative order (difflib over the claim sequence). Matched
claims get the old claim's review events (and corrections and adjudications, :mod:`.version_carry`) copied as new events (the same
action, status, reviewer, note, evidence and ``created_at``; ``origin =
'carried:<old event id>'``); ``review_events`` stays append-only. Claims
without a match are flagged ``claims.changed_since_version = 1``; when a
changed claim takes the place of an old one, ``claims.previous_claim_id``
names it (it also names the old claim of every carried claim). Removed claims
stay with the old version.
"""

from __future__ import annotations

import difflib
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from .db import StorageError
from .version_carry import NotCarried, carry_corrections, carry_reviews, not_carried


@dataclass(frozen=True, slots=True)
class Previous:
    """The latest stored version of an article's lineage."""

    article_id: int
    lineage_id: int
    version: int


@dataclass(frozen=True, slots=True)
class ClaimChange:
    """One line of ``workbench diff``."""

    kind: str  # "unchanged", "changed", "added", "removed"
    old_claim_id: int | None
    new_claim_id: int | None
    old_text: str | None
    new_text: str | None
    speaker: str
    status: str
    # As reviewers corrected it: "not_claim" or "merged" when taken out of the queue.
    excluded: str | None = None


@dataclass(frozen=True, slots=True)
class VersionDiff:
    lineage_id: int
    old_article_id: int
    old_version: int
    new_article_id: int
    new_version: int
    changes: list[ClaimChange]
    not_carried: list[NotCarried] = field(default_factory=list)


def previous_version(conn: sqlite3.Connection, url: str | None, external_id: str | None,
                     source: str | None) -> Previous | None:
    """The latest stored article with this url, or this external id from the same source."""
    row = None
    if url:
        row = conn.execute("SELECT COALESCE(version_of, id) FROM articles WHERE url = ? LIMIT 1", (url,)).fetchone()
    if row is None and external_id:
        row = conn.execute("SELECT COALESCE(version_of, id) FROM articles WHERE external_id = ? AND source IS ?"
                           " LIMIT 1", (external_id, source)).fetchone()
    if row is None:
        return None
    latest = conn.execute("SELECT id, version FROM articles WHERE id = ?1 OR version_of = ?1"
                          " ORDER BY version DESC, id DESC LIMIT 1", (row[0],)).fetchone()
    return Previous(latest[0], row[0], latest[1])


def _claims(conn: sqlite3.Connection, article_id: int) -> list[tuple[int, str, str]]:
    """(claim id, text, speaker name after merges), in article order."""
    return conn.execute(
        "SELECT c.id, c.text, s.name FROM claims c JOIN speakers s0 ON s0.id = c.speaker_id"
        " JOIN speakers s ON s.id = COALESCE(s0.merged_into, s0.id)"
        " WHERE c.article_id = ? ORDER BY c.sequence", (article_id,)).fetchall()


def align(old: list[tuple[int, str, str]], new: list[tuple[int, str, str]]
          ) -> tuple[dict[int, int], dict[int, int]]:
    """Match new claims to old ones.

    Returns:
        (carried, replaced): new claim id -> old claim id. ``carried`` pairs have
        the same text and speaker, in the same relative order where possible
        (a moved claim still matches); ``replaced`` pairs a changed claim with
        the old claim it stands in for (same position in a replaced run).
    """
    old_keys = [(t, s) for _, t, s in old]
    new_keys = [(t, s) for _, t, s in new]
    carried: dict[int, int] = {}
    replaced_runs: list[tuple[range, range]] = []
    sm = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            carried.update((new[j1 + k][0], old[i1 + k][0]) for k in range(i2 - i1))
        elif tag == "replace":
            replaced_runs.append((range(i1, i2), range(j1, j2)))
    # Moved claims: same text and speaker elsewhere in the article.
    used = set(carried.values())
    spare: dict[tuple[str, str], list[int]] = defaultdict(list)
    for cid, t, s in old:
        if cid not in used:
            spare[(t, s)].append(cid)
    for cid, t, s in new:
        if cid not in carried and spare.get((t, s)):
            carried[cid] = spare[(t, s)].pop(0)
    used = set(carried.values())
    replaced: dict[int, int] = {}
    for olds, news in replaced_runs:
        free_old = [old[i][0] for i in olds if old[i][0] not in used]
        free_new = [new[j][0] for j in news if new[j][0] not in carried]
        replaced.update(zip(free_new, free_old))
    return carried, replaced


def carry_over(conn: sqlite3.Connection, previous_article_id: int, article_id: int) -> tuple[int, int]:
    """Carry reviews from the previous version to ``article_id`` and flag changed claims (caller's transaction).

    Review events and adjudications of each unchanged claim are copied, then
    every correction of the old version is replayed in order
    (:mod:`workbench.storage.version_carry`).

    Returns:
        (claims carried, claims flagged changed).
    """
    carried, replaced = align(_claims(conn, previous_article_id), new := _claims(conn, article_id))
    for new_id, old_id in carried.items():
        conn.execute("UPDATE claims SET previous_claim_id = ? WHERE id = ?", (old_id, new_id))
        carry_reviews(conn, old_id, new_id)
    carry_corrections(conn, previous_article_id, {old: new_id for new_id, old in carried.items()})
    changed = [cid for cid, _, _ in new if cid not in carried]
    conn.executemany("UPDATE claims SET changed_since_version = 1, previous_claim_id = ? WHERE id = ?",
                     [(replaced.get(cid), cid) for cid in changed])
    return len(carried), len(changed)


def resolve_article(conn: sqlite3.Connection, ref: str) -> int:
    """An article id, url or external id -> the lineage's first article id."""
    row = None
    if ref.isdigit():
        row = conn.execute("SELECT COALESCE(version_of, id) FROM articles WHERE id = ?", (int(ref),)).fetchone()
    if row is None:
        row = conn.execute("SELECT COALESCE(version_of, id) FROM articles WHERE url = ? OR external_id = ?"
                           " ORDER BY id LIMIT 1", (ref, ref)).fetchone()
    if row is None:
        raise StorageError(f"no article {ref!r} (give an article id, url or external id; list them with"
                           " 'workbench stats')")
    return row[0]


def versions(conn: sqlite3.Connection, lineage_id: int) -> list[tuple[int, int]]:
    """(article id, version) of every version, oldest first."""
    return conn.execute("SELECT id, version FROM articles WHERE id = ?1 OR version_of = ?1 ORDER BY version, id",
                        (lineage_id,)).fetchall()


def diff(conn: sqlite3.Connection, ref: str) -> VersionDiff:
    """What changed between the last two versions of an article, claim by claim, in the new version's order.

    Texts and speakers are as reviewers corrected them. Removed claims are
    listed after the claim that preceded them in the old version; the old
    version's corrections that the new one does not have are in ``not_carried``.
    """
    lineage = resolve_article(conn, ref)
    vs = versions(conn, lineage)
    if len(vs) < 2:
        raise StorageError(f"article {lineage} has one version only; nothing to compare")
    (old_id, old_v), (new_id, new_v) = vs[-2], vs[-1]
    rows = conn.execute(
        f"SELECT {_CORRECTED}, c.changed_since_version, c.previous_claim_id, coalesce(pk.text, p.text)"
        f" {_CORRECTED_FROM} LEFT JOIN claims p ON p.id = c.previous_claim_id"
        " LEFT JOIN claim_corrections pk ON pk.claim_id = p.id"
        " WHERE c.article_id = ? ORDER BY cc.sort_key, c.id", (new_id,)).fetchall()
    old = conn.execute(f"SELECT {_CORRECTED} {_CORRECTED_FROM} WHERE c.article_id = ? ORDER BY cc.sort_key, c.id",
                       (old_id,)).fetchall()
    referenced = {r[6] for r in rows if r[6] is not None}
    changes = []
    for cid, text, speaker, status, excluded, changed, prev_id, prev_text in rows:
        if not changed:
            changes.append(ClaimChange("unchanged", prev_id, cid, text, text, speaker, status, excluded))
        elif prev_id is not None:
            changes.append(ClaimChange("changed", prev_id, cid, prev_text, text, speaker, status, excluded))
        else:
            changes.append(ClaimChange("added", None, cid, None, text, speaker, status, excluded))
    # Removed claims: after the change that follows their predecessor in the old order.
    position = {c.old_claim_id: i for i, c in enumerate(changes) if c.old_claim_id is not None}
    inserts: list[tuple[int, ClaimChange]] = []
    last = -1
    for oid, text, speaker, status, excluded in old:
        if oid in referenced:
            last = position.get(oid, last)
            continue
        inserts.append((last, ClaimChange("removed", oid, None, text, None, speaker, status, excluded)))
    for after, change in reversed(inserts):
        changes.insert(after + 1, change)
    return VersionDiff(lineage, old_id, old_v, new_id, new_v, changes, not_carried(conn, old_id, new_id))


# A claim as reviewers corrected it: id, text, speaker (after merges), status, excluded.
_CORRECTED = "c.id, coalesce(k.text, c.text), s.name, cc.status, k.excluded"
_CORRECTED_FROM = ("FROM claims c LEFT JOIN claim_corrections k ON k.claim_id = c.id"
                   " JOIN speakers s0 ON s0.id = coalesce(k.speaker_id, c.speaker_id)"
                   " JOIN speakers s ON s.id = COALESCE(s0.merged_into, s0.id)"
                   " JOIN claim_current cc ON cc.claim_id = c.id")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(tag, words) runs: tag is "=", "-" (only in old) or "+" (only in new)."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return out
