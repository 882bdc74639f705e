"""Provides carrying reviewers' work to a new version of an article, and saying what could not be carried.

For each claim of the old version matched to an unchanged claim of the new
one (same text and speaker), every kind of correction is replayed on the new
claim as a new event, in the order it was made, with the same reviewer and
``created_at`` and ``origin = 'carried:<old event id>'``:

- speaker, mention, not-a-claim, restore and span corrections (offsets moved
  by the claim's shift between the versions; the words must still be there);
- a split: the second part becomes a claim of the new version too (rule
  ``reviewer_split``, placed right after the first), and its own review events
  and corrections follow it;
- a merge, and claims a grown span absorbed: replayed when the partner claim
  was carried too.

Adjudications follow their claim's review events (the marks they settle are
renamed to the carried copies). What the old version's reviewers corrected
but the new version does not have is listed by :func:`not_carried`.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from .queue_order import place_after, place_in_article

# Replayed one event at a time on the same claim (offsets moved).
_SIMPLE = ("speaker", "mention", "not_claim", "restore", "span")
_EVENT_COLUMNS = ("id", "action", "reviewer", "created_at", "speaker_id", "mention_start", "mention_end",
                  "mention_text", "start", "end", "text", "other_claim_id", "undoes_event_id", "attribution",
                  "cause_event_id", "origin")


@dataclass(frozen=True, slots=True)
class NotCarried:
    """A correction of the old version that the new version does not have."""

    old_claim_id: int
    what: str
    """What the reviewers had changed: "speaker", "span", "not a claim", "merged", ..."""
    reason: str


class _Carrier:
    """Replays the old version's corrections on the new version (in the ingest's transaction)."""

    def __init__(self, conn: sqlite3.Connection, carried: dict[int, int]):
        self.conn = conn
        self.carried = dict(carried)  # old claim id -> new claim id
        self.event_ids: dict[int, int] = {}  # old correction event id -> its carried copy
        self.text = ""

    def _delta(self, old_id: int) -> int:
        (o,), (n,) = (self.conn.execute("SELECT start FROM claims WHERE id = ?", (i,)).fetchone()
                      for i in (old_id, self.carried[old_id]))
        return n - o

    def _moved(self, start: int | None, end: int | None, words: str | None, delta: int) -> tuple | None:
        if start is None or end is None:
            return start, end
        a, b = start + delta, end + delta
        if a < 0 or b > len(self.text) or (words is not None and self.text[a:b] != words):
            return None
        return a, b

    def _insert(self, claim_id: int, ev: dict, **changes) -> int:
        row = {**ev, **changes, "claim_id": claim_id, "origin": f"carried:{ev['id']}"}
        for key in ("undoes_event_id", "cause_event_id"):
            row[key] = self.event_ids.get(ev[key]) if ev[key] is not None else None
        cols = [c for c in _EVENT_COLUMNS if c != "id"] + ["claim_id"]
        new = self.conn.execute(f"INSERT INTO correction_events ({', '.join(cols)}) VALUES"
                                f" ({', '.join('?' * len(cols))})", [row[c] for c in cols]).lastrowid
        self.event_ids[ev["id"]] = new
        return new

    def carry_all(self, old_article_id: int) -> int:
        """Every correction event of the old version, in the order made; returns how many were carried."""
        if not self.carried:
            return 0
        self.text = self.conn.execute("SELECT a.text FROM claims c JOIN articles a ON a.id = c.article_id"
                                      " WHERE c.id = ?", (next(iter(self.carried.values())),)).fetchone()[0]
        rows = self.conn.execute(
            f"SELECT {', '.join(_EVENT_COLUMNS)}, claim_id FROM correction_events"
            " WHERE claim_id IN (SELECT id FROM claims WHERE article_id = ?) ORDER BY id", (old_article_id,)).fetchall()
        for r in rows:
            ev, claim = dict(zip(_EVENT_COLUMNS, r)), r[-1]
            if claim not in self.carried and ev["action"] == "span" and ev["origin"] == "added":
                self._added(claim, ev)
            if claim in self.carried and ev["id"] not in self.event_ids:
                self._carry(claim, ev)
        return len(self.event_ids)

    def _added(self, claim: int, ev: dict) -> None:
        """A claim a reviewer added: added again where its words are, shifted like the claim before it."""
        row = self._claim_row(claim)
        near = self.conn.execute(
            "SELECT id FROM claims WHERE article_id = ? AND id IN (SELECT value FROM json_each(?))"
            " ORDER BY start > ?, abs(start - ?) LIMIT 1",
            (row["article_id"], json.dumps(list(self.carried)), row["start"], row["start"])).fetchone()
        shift = self._delta(near[0]) if near else 0
        if self.text[row["start"] + shift:row["end"] + shift] != row["text"]:
            return
        new = self._copy_claim(row, shift, self.conn.execute("SELECT article_id FROM claims WHERE id = ?",
                                                             (next(iter(self.carried.values())),)).fetchone()[0])
        self.conn.execute("UPDATE claims SET previous_claim_id = ? WHERE id = ?", (claim, new))
        place_in_article(self.conn, new, self.conn.execute("SELECT article_id FROM claims WHERE id = ?",
                                                           (new,)).fetchone()[0], row["start"] + shift)
        self.carried[claim] = new
        carry_reviews(self.conn, claim, new)

    def _claim_row(self, claim: int) -> dict:
        from .ingest import _CLAIM_COLUMNS  # ingest imports this module

        return dict(zip(_CLAIM_COLUMNS, self.conn.execute(
            f"SELECT {', '.join(_CLAIM_COLUMNS)} FROM claims WHERE id = ?", (claim,)).fetchone()))

    def _copy_claim(self, row: dict, shift: int, article: int) -> int:
        """A claim of the new version copied from an old one (a split part, an added claim), offsets shifted."""
        row = dict(row)
        for key in ("start", "end", "sentence_start", "sentence_end", "paragraph_start", "paragraph_end",
                    "mention_start", "mention_end", "antecedent_start", "antecedent_end", "cue_start", "cue_end"):
            if row[key] is not None:
                row[key] += shift
        row.update(article_id=article, sequence=self.conn.execute(
            "SELECT max(sequence) + 1 FROM claims WHERE article_id = ?", (article,)).fetchone()[0])
        return self.conn.execute(f"INSERT INTO claims ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                                 list(row.values())).lastrowid

    def _carry(self, claim: int, ev: dict) -> None:
        for key in ("undoes_event_id", "cause_event_id"):
            if ev[key] is not None and ev[key] not in self.event_ids:
                return  # what it undoes, or what caused it, was not carried
        delta = self._delta(claim)
        mention = self._moved(ev["mention_start"], ev["mention_end"], ev["mention_text"], delta)
        span = self._moved(ev["start"], ev["end"], ev["text"], delta)
        if mention is None or span is None:
            return  # the words are not where the shift puts them: leave this correction behind
        moved = dict(mention_start=mention[0], mention_end=mention[1], start=span[0], end=span[1])
        action, other = ev["action"], ev["other_claim_id"]
        if action in _SIMPLE:
            self._insert(self.carried[claim], ev, **moved)
        elif action == "split" and other is not None and other > claim and other not in self.carried:
            self._split(claim, other, ev, moved)
        elif action in ("split", "merge") and other in self.carried:
            self._insert(self.carried[claim], ev, **moved, other_claim_id=self.carried[other])
        elif action == "merged" and other in self.carried and self._partner_carried(claim, ev):
            self._insert(self.carried[claim], ev, other_claim_id=self.carried[other])

    def _partner_carried(self, claim: int, ev: dict) -> bool:
        """A merged claim follows its merge: the partner's merge event (or the absorbing span) was carried."""
        if ev["cause_event_id"] is not None:
            return True  # checked by the caller
        merge = self.conn.execute("SELECT id FROM correction_events WHERE claim_id = ? AND action = 'merge'"
                                  " AND other_claim_id = ? AND id < ? ORDER BY id DESC LIMIT 1",
                                  (ev["other_claim_id"], claim, ev["id"])).fetchone()
        return merge is not None and merge[0] in self.event_ids

    def _split(self, first: int, second: int, ev: dict, moved: dict) -> None:
        """Replay a split: the second part becomes a claim of the new version, its history follows it."""
        excluded = self.conn.execute("SELECT excluded FROM claim_corrections WHERE claim_id = ?",
                                     (second,)).fetchone()
        if excluded is not None and excluded[0] is not None:
            return  # the split was undone (or the part taken out since): nothing to carry
        row = self._claim_row(second)
        shift = self._delta(first)
        if self.text[row["start"] + shift:row["end"] + shift] != row["text"]:
            return
        new_first = self.carried[first]
        article = self.conn.execute("SELECT article_id FROM claims WHERE id = ?", (new_first,)).fetchone()[0]
        part = self._copy_claim(row, shift, article)
        self.conn.execute("UPDATE claims SET previous_claim_id = ? WHERE id = ?", (second, part))
        place_after(self.conn, part, new_first)
        self.carried[second] = part
        self._insert(new_first, ev, **moved, other_claim_id=part)
        carry_reviews(self.conn, second, part)


def carry_reviews(conn: sqlite3.Connection, old_id: int, new_id: int) -> dict[int, int]:
    """Copy the old claim's review events (and then its adjudications) to the new claim; old -> new event ids."""
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
    adjudications: dict[int, int] = {}
    for aid, status, reviewer, note, settles, created_at, undoes in conn.execute(
            "SELECT id, status, reviewer, note, settles, created_at, undoes_event_id FROM adjudication_events"
            " WHERE claim_id = ? ORDER BY id", (old_id,)).fetchall():
        if undoes is not None and undoes not in adjudications:
            continue
        renamed = json.dumps([new_ids[e] for e in json.loads(settles) if e in new_ids])
        adjudications[aid] = conn.execute(
            "INSERT INTO adjudication_events (claim_id, status, reviewer, note, settles, created_at, undoes_event_id,"
            " origin) VALUES (?,?,?,?,?,?,?,?)",
            (new_id, status, reviewer, note, renamed, created_at, adjudications.get(undoes), f"carried:{aid}"),
        ).lastrowid
    return new_ids


def carry_corrections(conn: sqlite3.Connection, old_article_id: int, carried: dict[int, int]) -> int:
    """Replay the old version's corrections on the carried claims (old id -> new id); returns events carried."""
    return _Carrier(conn, carried).carry_all(old_article_id)


# What each flag of a corrected claim means, for the report.
_WHAT = {"speaker": "speaker", "span": "span", "mention": "mention", "not_claim": "not a claim",
         "merged": "merged into another claim", "split": "split"}


def not_carried(conn: sqlite3.Connection, old_article_id: int, new_article_id: int) -> list[NotCarried]:
    """Corrections in force on the old version's claims that the new version's claims do not have."""
    out = []
    rows = conn.execute(
        "SELECT c.id, c.rule, k.speaker_id, k.start, k.end, k.excluded, k.mention_start, k.attribution,"
        " EXISTS (SELECT 1 FROM correction_events e WHERE e.claim_id = c.id AND e.action = 'split'),"
        " n.id, nk.speaker_id, nk.start - n.start + c.start, nk.end - n.start + c.start, nk.excluded,"
        " nk.mention_start, nk.attribution"
        " FROM claims c JOIN claim_corrections k ON k.claim_id = c.id"
        " LEFT JOIN claims n ON n.previous_claim_id = c.id AND n.article_id = ? AND n.changed_since_version = 0"
        " LEFT JOIN claim_corrections nk ON nk.claim_id = n.id"
        " WHERE c.article_id = ? ORDER BY c.id", (new_article_id, old_article_id)).fetchall()
    for (cid, rule, sp, start, end, excl, m0, attr, was_split, nid, nsp, nstart, nend, nexcl, nm0, nattr) in rows:
        old_state = {"speaker": sp, "span": (start, end) if start is not None else None, "excluded": excl,
                     "mention": m0, "attribution": attr}
        if not any(v is not None for v in old_state.values()):
            continue
        if nid is None:
            what = "added by a reviewer" if rule == "reviewer_added" else _what(old_state, was_split)
            out.append(NotCarried(cid, what, "the claim changed or is gone in the new version"))
            continue
        new_state = {"speaker": nsp, "span": (nstart, nend) if nstart is not None else None, "excluded": nexcl,
                     "mention": nm0, "attribution": nattr}
        missing = [k for k in ("speaker", "span", "excluded", "attribution") if old_state[k] != new_state[k]]
        if old_state["mention"] is not None and new_state["mention"] is None:
            missing.append("mention")
        if missing:
            out.append(NotCarried(cid, ", ".join(_WHAT.get(k, k) for k in missing),
                                  f"its words or partner claim are not in the new version (claim #{nid})"))
    return out


def _what(state: dict, was_split: bool) -> str:
    parts = [k for k in ("speaker", "span", "mention") if state[k] is not None]
    if state["excluded"]:
        parts.append(_WHAT.get(state["excluded"], state["excluded"]))
    if was_split:
        parts.append("split")
    return ", ".join(dict.fromkeys(parts)) or "attribution"
