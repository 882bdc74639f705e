"""Provides article versions: detecting an updated article, carrying reviews over, and the diff between versions.

An article re-ingested under the same url (or the same external id from the
same source) with different text is stored as a new version beside the old
one: ``articles.version_of`` is the first article of the lineage and
``articles.version`` counts 1, 2, ... Each claim of the new version is matched
to a claim of the previous version with the same text and the same speaker
name, keeping their relative order (difflib over the claim sequence). Matched
claims get the old claim's review events (and corrections, :func:`carry_corrections`) copied as new events (the same
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
from dataclasses import dataclass

from .db import StorageError


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


@dataclass(frozen=True, slots=True)
class VersionDiff:
    lineage_id: int
    old_article_id: int
    old_version: int
    new_article_id: int
    new_version: int
    changes: list[ClaimChange]


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

    Returns:
        (claims carried, claims flagged changed).
    """
    carried, replaced = align(_claims(conn, previous_article_id), new := _claims(conn, article_id))
    for new_id, old_id in carried.items():
        conn.execute("UPDATE claims SET previous_claim_id = ? WHERE id = ?", (old_id, new_id))
        _carry_events(conn, old_id, new_id)
        carry_corrections(conn, old_id, new_id)
    changed = [cid for cid, _, _ in new if cid not in carried]
    conn.executemany("UPDATE claims SET changed_since_version = 1, previous_claim_id = ? WHERE id = ?",
                     [(replaced.get(cid), cid) for cid in changed])
    return len(carried), len(changed)


def _carry_events(conn: sqlite3.Connection, old_id: int, new_id: int) -> None:
    new_ids: dict[int, int] = {}
    events = conn.execute("SELECT id, action, status, reviewer, note, evidence_url, created_at, undoes_event_id"
                          " FROM review_events WHERE claim_id = ? ORDER BY created_at, id", (old_id,)).fetchall()
    for eid, action, status, reviewer, note, evidence, created_at, undoes in events:
        new_ids[eid] = conn.execute(
            "INSERT INTO review_events (claim_id, action, status, reviewer, note, evidence_url, created_at,"
            " undoes_event_id, origin) VALUES (?,?,?,?,?,?,?,?,?)",
            (new_id, action, status, reviewer, note, evidence, created_at, new_ids.get(undoes, undoes),
             f"carried:{eid}"),
        ).lastrowid


# Corrections tied to another claim of the old version (a split's second part, a merge partner)
# cannot be replayed on one claim of the new version; they stay with the old version.
_CARRIED_CORRECTIONS = ("speaker", "mention", "not_claim", "restore", "span")


def carry_corrections(conn: sqlite3.Connection, old_id: int, new_id: int) -> int:
    """Carry the old claim's corrections (``correction_events``) to the same claim in the new version.

    Each event is copied as a new event (the table is append-only) with the
    same action, reviewer, speaker and ``created_at`` and ``origin =
    'carried:<old event id>'``; span and mention offsets move by the claim's
    offset delta between the versions (the claims have the same text, so the
    delta is exact), and the moved span must still hold the same words in the
    new article text, or the event is not carried. Split, merge and merged
    events (they involve another claim of the old version) are not carried,
    nor undo events whose target was not. Returns the number of events carried.
    """
    rows = conn.execute("SELECT c.start, a.text FROM claims c JOIN articles a ON a.id = c.article_id"
                        " WHERE c.id IN (?, ?) ORDER BY c.id = ?", (old_id, new_id, new_id)).fetchall()
    if len(rows) != 2:
        return 0
    (old_start, _), (new_start, text) = rows
    delta = new_start - old_start

    def moved(start: int | None, end: int | None, words: str | None) -> tuple[int | None, int | None] | None:
        if start is None or end is None:
            return start, end
        a, b = start + delta, end + delta
        if a < 0 or b > len(text) or (words is not None and text[a:b] != words):
            return None
        return a, b

    new_ids: dict[int, int] = {}
    for (eid, action, reviewer, created_at, speaker_id, m_start, m_end, m_text, start, end, ctext,
         undoes) in conn.execute(
            "SELECT id, action, reviewer, created_at, speaker_id, mention_start, mention_end, mention_text,"
            " start, end, text, undoes_event_id FROM correction_events WHERE claim_id = ? ORDER BY id",
            (old_id,)).fetchall():
        if action not in _CARRIED_CORRECTIONS or (undoes is not None and undoes not in new_ids):
            continue
        mention, span = moved(m_start, m_end, m_text), moved(start, end, ctext)
        if mention is None or span is None:
            continue  # the words are not where the delta puts them: leave this correction behind
        new_ids[eid] = conn.execute(
            "INSERT INTO correction_events (claim_id, action, reviewer, created_at, speaker_id, mention_start,"
            " mention_end, mention_text, start, end, text, undoes_event_id, origin)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (new_id, action, reviewer, created_at, speaker_id, *mention, m_text, *span, ctext,
             new_ids.get(undoes) if undoes is not None else None, f"carried:{eid}"),
        ).lastrowid
    return len(new_ids)


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

    Removed claims are listed after the claim that preceded them in the old version.
    """
    lineage = resolve_article(conn, ref)
    vs = versions(conn, lineage)
    if len(vs) < 2:
        raise StorageError(f"article {lineage} has one version only; nothing to compare")
    (old_id, old_v), (new_id, new_v) = vs[-2], vs[-1]
    rows = conn.execute(
        "SELECT c.id, c.text, s.name, c.changed_since_version, c.previous_claim_id, p.text, cc.status"
        " FROM claims c JOIN speakers s0 ON s0.id = c.speaker_id"
        " JOIN speakers s ON s.id = COALESCE(s0.merged_into, s0.id)"
        " JOIN claim_current cc ON cc.claim_id = c.id LEFT JOIN claims p ON p.id = c.previous_claim_id"
        " WHERE c.article_id = ? ORDER BY c.sequence", (new_id,)).fetchall()
    old = _claims(conn, old_id)
    referenced = {r[4] for r in rows if r[4] is not None}
    changes = []
    for cid, text, speaker, changed, prev_id, prev_text, status in rows:
        if not changed:
            changes.append(ClaimChange("unchanged", prev_id, cid, text, text, speaker, status))
        elif prev_id is not None:
            changes.append(ClaimChange("changed", prev_id, cid, prev_text, text, speaker, status))
        else:
            changes.append(ClaimChange("added", None, cid, None, text, speaker, status))
    # Removed claims: after the change that follows their predecessor in the old order.
    position = {c.old_claim_id: i for i, c in enumerate(changes) if c.old_claim_id is not None}
    inserts: list[tuple[int, ClaimChange]] = []
    last = -1
    for oid, text, speaker in old:
        if oid in referenced:
            last = position.get(oid, last)
            continue
        status = conn.execute("SELECT status FROM claim_current WHERE claim_id = ?", (oid,)).fetchone()[0]
        inserts.append((last, ClaimChange("removed", oid, None, text, None, speaker, status)))
    for after, change in reversed(inserts):
        changes.insert(after + 1, change)
    return VersionDiff(lineage, old_id, old_v, new_id, new_v, changes)


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
