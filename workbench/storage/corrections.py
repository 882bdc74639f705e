"""Provides reviewers' corrections of the extraction: speaker, mention, not-a-claim, span, split, merge, undo.

Every correction appends ``correction_events`` rows (append-only, beside
``review_events``) in one short write transaction; the extractor's values stay
on ``claims``, and the corrected values are kept in ``claim_corrections`` by
trigger. Offsets are always exact: a span is stored with the article text it
covers, ``article_text[start:end] == text``.

Split keeps the first part on the claim (a ``split`` event corrects its span)
and makes the second part a new ``claims`` row (rule ``reviewer_split``, next
sequence) so it has its own status, review history and queue row through the
existing triggers; modelling the second part only as an event would have meant
a second kind of claim everywhere claims are read.

Beside it: ``span_steps`` (the span arithmetic the UI uses: grow or shrink by a
word), ``correction_history`` (a claim's corrections, undo) and ``reextract``
(re-running an extractor over stored articles without losing any claim that has
history).
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass

from ..domain.models import Speaker, SpeakerKind
from .absorb import absorb_covered
from .corrected_sql import MENTION_END, MENTION_START, MENTION_TEXT
from .db import StorageError, write_transaction
from .ingest import _CLAIM_COLUMNS, utc_now
from .queue_order import place_after
from .rescore import rescore
from .speakers import normalise
from .span_steps import SPAN_OPS, grow_end, grow_start, shrink_end, shrink_start

SPLIT_RULE = "reviewer_split"


@dataclass(frozen=True, slots=True)
class CorrectionEvent:
    id: int
    claim_id: int
    action: str
    reviewer: str
    created_at: str
    speaker_id: int | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    mention_text: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None
    other_claim_id: int | None = None
    undoes_event_id: int | None = None
    # Filled in by history(): the speaker's name (after merges) for speaker events.
    speaker: str | None = None


_EVENT_COLUMNS = ("claim_id", "action", "reviewer", "created_at", "speaker_id", "mention_start", "mention_end",
                  "mention_text", "start", "end", "text", "other_claim_id", "undoes_event_id", "attribution", "origin")


@dataclass(frozen=True, slots=True)
class ClaimSpan:
    """A claim's current (corrected) values and the bounds it lives in."""

    claim_id: int
    article_id: int
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    paragraph_start: int
    paragraph_end: int
    speaker_id: int
    mention_start: int | None
    mention_end: int | None
    mention_text: str | None
    excluded: str | None
    # The extractor's values.
    original_start: int
    original_end: int
    original_speaker_id: int


def _append(conn: sqlite3.Connection, claim_id: int, action: str, reviewer: str, now: str, **values) -> CorrectionEvent:
    row = {"claim_id": claim_id, "action": action, "reviewer": reviewer, "created_at": now, **values}
    cols = [c for c in _EVENT_COLUMNS if c in row]
    cur = conn.execute(f"INSERT INTO correction_events ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                       [row[c] for c in cols])
    return CorrectionEvent(cur.lastrowid, claim_id, action, reviewer, now,
                           **{k: v for k, v in values.items() if k in CorrectionEvent.__slots__})


def current(conn: sqlite3.Connection, claim_id: int) -> ClaimSpan:
    """The claim as corrected so far (raises StorageError if there is no such claim)."""
    row = conn.execute(
        "SELECT c.id, c.article_id, coalesce(k.start, c.start), coalesce(k.end, c.end), coalesce(k.text, c.text),"
        " c.sentence_start, c.sentence_end, c.paragraph_start, c.paragraph_end,"
        f" coalesce(k.speaker_id, c.speaker_id), {MENTION_START}, {MENTION_END}, {MENTION_TEXT},"
        " k.excluded, c.start, c.end, c.speaker_id"
        " FROM claims c LEFT JOIN claim_corrections k ON k.claim_id = c.id WHERE c.id = ?", (claim_id,)).fetchone()
    if row is None:
        raise StorageError(f"no claim with id {claim_id}")
    return ClaimSpan(*row)


def _article_text(conn: sqlite3.Connection, article_id: int) -> str:
    return conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]


def _check_span(text: str, start: int, end: int, what: str = "span") -> str:
    if not (0 <= start < end <= len(text)):
        raise StorageError(f"{what} {start}-{end} is outside the article (0-{len(text)})")
    part = text[start:end]
    if not part.strip():
        raise StorageError(f"{what} {start}-{end} is only whitespace")
    return part


# -- speakers -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpeakerChoice:
    """A speaker a claim can be reassigned to."""

    speaker_id: int
    name: str
    kind: str
    role: str | None
    affiliation: str | None
    claims: int


def article_speakers(conn: sqlite3.Connection, article_id: int) -> list[SpeakerChoice]:
    """Speakers (after merges) of an article's claims, corrected or not, plus those created for it; by name."""
    return [SpeakerChoice(*r) for r in conn.execute(
        "WITH ids AS ("
        "  SELECT coalesce(k.speaker_id, c.speaker_id) AS sid FROM claims c"
        "  LEFT JOIN claim_corrections k ON k.claim_id = c.id WHERE c.article_id = ?"
        "  UNION ALL SELECT c.speaker_id FROM claims c WHERE c.article_id = ?"
        "  UNION ALL SELECT id FROM speakers WHERE article_id = ?)"
        " SELECT s.id, s.name, s.kind, s.role, s.affiliation,"
        " (SELECT count(*) FROM claims c LEFT JOIN claim_corrections k ON k.claim_id = c.id"
        "  JOIN speakers x ON x.id = coalesce(k.speaker_id, c.speaker_id)"
        "  WHERE c.article_id = ? AND coalesce(x.merged_into, x.id) = s.id AND k.excluded IS NULL)"
        " FROM speakers s WHERE s.id IN (SELECT DISTINCT coalesce(sp.merged_into, sp.id) FROM ids"
        "  JOIN speakers sp ON sp.id = ids.sid)"
        " ORDER BY s.name COLLATE NOCASE, s.id", (article_id,) * 4)]


def create_speaker(conn: sqlite3.Connection, name: str, kind: str, article_id: int, *, role: str | None = None,
                   affiliation: str | None = None) -> int:
    """A new speaker named by a reviewer, for one article (call inside a write transaction).

    Its merge key is unique, so later ingests never fold it into another
    speaker by accident; merge it by hand in the speakers screen if needed.
    """
    name = (name or "").strip()
    if not name:
        raise StorageError("a new speaker needs a name")
    try:
        kind = str(SpeakerKind(kind.strip().lower()))
    except ValueError:
        raise StorageError(f"unknown speaker kind {kind!r}; use one of: "
                           + ", ".join(str(k) for k in SpeakerKind)) from None
    now = utc_now()
    sid = conn.execute(
        "INSERT INTO speakers (name, kind, role, affiliation, merge_key, article_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (name, kind, (role or "").strip() or None, (affiliation or "").strip() or None,
         f"reviewer:{kind}:{normalise(name) or 'unnamed'}:{uuid.uuid4().hex}", article_id, now)).lastrowid
    conn.execute("INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, first_article_id) VALUES (?, ?, ?)",
                 (sid, name, article_id))
    return sid


def reassign_speaker(conn: sqlite3.Connection, claim_id: int, speaker_id: int | None, reviewer: str, *,
                     new_speaker: Speaker | None = None, mention: tuple[int, int] | None = None) -> CorrectionEvent:
    """Give a claim another speaker (an existing one, or ``new_speaker`` created for the article).

    Args:
        mention: optionally, the offsets of the words that name the speaker.
    """
    now = utc_now()
    with write_transaction(conn):
        cur = current(conn, claim_id)
        if new_speaker is not None:
            speaker_id = create_speaker(conn, new_speaker.name, str(new_speaker.kind), cur.article_id,
                                        role=new_speaker.role, affiliation=new_speaker.affiliation)
        row = conn.execute("SELECT s.kind, c.attribution FROM speakers s, claims c WHERE s.id = ? AND c.id = ?",
                           (speaker_id, claim_id)).fetchone() if speaker_id is not None else None
        if row is None:
            raise StorageError(f"no speaker with id {speaker_id}")
        # The reporter: the article's own assertion, no words name a source. From the reporter to a
        # source: reported speech unless the reviewer says otherwise.
        values: dict = {"speaker_id": speaker_id, "attribution": "unattributed" if row[0] == "author" else
                        "indirect" if row[1] == "unattributed" else None}
        if mention is not None and row[0] != "author":
            text = _article_text(conn, cur.article_id)
            values.update(mention_start=mention[0], mention_end=mention[1],
                          mention_text=_check_span(text, *mention, what="mention"))
        event = _append(conn, claim_id, "speaker", reviewer, now, **values)
        rescore(conn, [claim_id])
        return event


def repoint_mention(conn: sqlite3.Connection, claim_id: int, start: int, end: int, reviewer: str) -> CorrectionEvent:
    """Point the claim's mention at the words ``text[start:end]`` that name its speaker."""
    now = utc_now()
    with write_transaction(conn):
        cur = current(conn, claim_id)
        part = _check_span(_article_text(conn, cur.article_id), start, end, what="mention")
        return _append(conn, claim_id, "mention", reviewer, now, mention_start=start, mention_end=end,
                       mention_text=part)


def find_mention(text: str, span: ClaimSpan, words: str) -> tuple[int, int] | None:
    """Where ``words`` occur nearest the claim's sentence (first in the sentence, else in the paragraph)."""
    words = words.strip()
    if not words:
        return None
    for lo, hi in ((span.sentence_start, span.sentence_end), (span.paragraph_start, span.paragraph_end),
                   (0, len(text))):
        i = text.find(words, lo, hi)
        if i >= 0:
            return i, i + len(words)
    return None


# -- not a claim -----------------------------------------------------------------


def not_claim(conn: sqlite3.Connection, claim_id: int, reviewer: str) -> CorrectionEvent:
    """Take the claim out of the queue as "not a claim"; it stays in the history and in claim_review."""
    now = utc_now()
    with write_transaction(conn):
        if current(conn, claim_id).excluded == "not_claim":
            raise StorageError(f"claim #{claim_id} is already marked not a claim")
        return _append(conn, claim_id, "not_claim", reviewer, now)


def restore(conn: sqlite3.Connection, claim_id: int, reviewer: str) -> CorrectionEvent:
    """Bring a claim marked not-a-claim (or merged away) back into the queue."""
    now = utc_now()
    with write_transaction(conn):
        if current(conn, claim_id).excluded is None:
            raise StorageError(f"claim #{claim_id} is in the queue already")
        return _append(conn, claim_id, "restore", reviewer, now)


# -- spans -----------------------------------------------------------------------


def adjust_span(conn: sqlite3.Connection, claim_id: int, start: int, end: int, reviewer: str) -> CorrectionEvent:
    """Set the claim's span to ``article_text[start:end]``."""
    now = utc_now()
    with write_transaction(conn):
        cur = current(conn, claim_id)
        if (start, end) == (cur.start, cur.end):
            raise StorageError("the span is unchanged")
        part = _check_span(_article_text(conn, cur.article_id), start, end)
        event = _append(conn, claim_id, "span", reviewer, now, start=start, end=end, text=part)
        absorb_covered(conn, claim_id, start, end, event.id, reviewer, now, old=(cur.start, cur.end))
        rescore(conn, [claim_id])
        return event


def adjust_span_by(conn: sqlite3.Connection, claim_id: int, op: str, reviewer: str) -> CorrectionEvent:
    """Grow or shrink the claim by a word at one end (within its paragraph), or set it to its sentence.

    Args:
        op: one of :data:`SPAN_OPS`.
    """
    cur = current(conn, claim_id)
    text = _article_text(conn, cur.article_id)
    if op == "grow_end":
        start, end = grow_end(text, cur.start, cur.end, max(cur.paragraph_end, cur.end))
    elif op == "shrink_end":
        start, end = shrink_end(text, cur.start, cur.end)
    elif op == "grow_start":
        start, end = grow_start(text, cur.start, cur.end, min(cur.paragraph_start, cur.start))
    elif op == "shrink_start":
        start, end = shrink_start(text, cur.start, cur.end)
    elif op == "sentence":
        sentence = text[cur.sentence_start:cur.sentence_end]
        start = cur.sentence_start + len(sentence) - len(sentence.lstrip())
        end = cur.sentence_start + len(sentence.rstrip())
    else:
        raise StorageError(f"unknown span change {op!r}; use one of: {', '.join(SPAN_OPS)}")
    if (start, end) == (cur.start, cur.end):
        raise StorageError({"grow_end": "no word after the claim in its paragraph",
                            "grow_start": "no word before the claim in its paragraph",
                            "sentence": "the claim already is its sentence"}.get(op, "the claim is one word"))
    return adjust_span(conn, claim_id, start, end, reviewer)


def mention_for_words(conn: sqlite3.Connection, claim_id: int, words: str) -> tuple[int, int]:
    """Offsets of ``words`` nearest the claim (its sentence, then paragraph, then article)."""
    cur = current(conn, claim_id)
    found = find_mention(_article_text(conn, cur.article_id), cur, words)
    if found is None:
        raise StorageError(f"{words.strip()!r} is not in the article; type the words exactly as written")
    return found


def split(conn: sqlite3.Connection, claim_id: int, at: int, reviewer: str) -> tuple[CorrectionEvent, int]:
    """Split the claim at offset ``at``: the claim keeps the first part, a new claim gets the second.

    Whitespace at the cut is left out of both parts. Returns the claim's
    ``split`` event and the new claim's id.
    """
    now = utc_now()
    with write_transaction(conn):
        cur = current(conn, claim_id)
        text = _article_text(conn, cur.article_id)
        first = text[cur.start:at].rstrip()
        second_start = at + (len(text[at:cur.end]) - len(text[at:cur.end].lstrip()))
        if not (cur.start < at < cur.end) or not first.strip() or second_start >= cur.end:
            raise StorageError(f"cannot split claim #{claim_id} at offset {at}: both parts need words")
        first_end = cur.start + len(first)
        row = conn.execute(f"SELECT {', '.join(_CLAIM_COLUMNS)} FROM claims WHERE id = ?", (claim_id,)).fetchone()
        new = dict(zip(_CLAIM_COLUMNS, row))
        new.update(
            sequence=conn.execute("SELECT max(sequence) + 1 FROM claims WHERE article_id = ?",
                                  (cur.article_id,)).fetchone()[0],
            start=second_start, end=cur.end, text=text[second_start:cur.end], rule=SPLIT_RULE,
            speaker_id=cur.speaker_id, mention_start=cur.mention_start, mention_end=cur.mention_end,
            mention_text=cur.mention_text,
            sentence_start=min(new["sentence_start"], second_start), sentence_end=max(new["sentence_end"], cur.end))
        new_id = conn.execute(f"INSERT INTO claims ({', '.join(new)}) VALUES ({', '.join('?' * len(new))})",
                              list(new.values())).lastrowid
        event = _append(conn, claim_id, "split", reviewer, now, start=cur.start, end=first_end,
                        text=text[cur.start:first_end], other_claim_id=new_id)
        _append(conn, new_id, "split", reviewer, now, start=second_start, end=cur.end,
                text=text[second_start:cur.end], other_claim_id=claim_id)
        place_after(conn, new_id, claim_id)  # right after the first part in the queue
        rescore(conn, [claim_id, new_id])
    return event, new_id


def next_claim(conn: sqlite3.Connection, claim_id: int) -> int | None:
    """The claim that follows this one in its article (by corrected start), skipping excluded ones."""
    cur = current(conn, claim_id)
    row = conn.execute(
        "SELECT c.id FROM claims c LEFT JOIN claim_corrections k ON k.claim_id = c.id"
        " WHERE c.article_id = ? AND c.id <> ? AND k.excluded IS NULL"
        " AND (coalesce(k.start, c.start), c.id) > (?, ?) ORDER BY coalesce(k.start, c.start), c.id LIMIT 1",
        (cur.article_id, claim_id, cur.start, claim_id)).fetchone()
    return row[0] if row else None


def merge_next(conn: sqlite3.Connection, claim_id: int, reviewer: str) -> tuple[CorrectionEvent, int]:
    """Grow the claim to cover the next claim of its article; the next one is marked ``merged``.

    Returns the claim's ``merge`` event and the merged claim's id.
    """
    now = utc_now()
    with write_transaction(conn):
        other = next_claim(conn, claim_id)
        if other is None:
            raise StorageError(f"claim #{claim_id} is the last claim of its article; nothing to merge with")
        cur, nxt = current(conn, claim_id), current(conn, other)
        text = _article_text(conn, cur.article_id)
        start, end = min(cur.start, nxt.start), max(cur.end, nxt.end)
        event = _append(conn, claim_id, "merge", reviewer, now, start=start, end=end, text=text[start:end],
                        other_claim_id=other)
        _append(conn, other, "merged", reviewer, now, other_claim_id=claim_id)
        absorb_covered(conn, claim_id, start, end, event.id, reviewer, now, skip=(other,), old=(cur.start, cur.end))
        rescore(conn, [claim_id])
    return event, other


# -- undo and history ------------------------------------------------------------------


# -- re-extraction -----------------------------------------------------------------------
