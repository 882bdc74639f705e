"""Provides claims a reviewer adds because the extractor missed them.

An added claim is a ``claims`` row with rule ``reviewer_added`` (so it has its
own status, history, queue row and export record through the existing
triggers), placed in the queue beside its neighbours in the article, scored
for check-worthiness, and recorded by a correction event (``span`` with
``origin = 'added'``: who added which words, when). Undoing that event marks
the claim not-a-claim; its history stays. ``workbench rules`` counts added
claims as the extractor's misses.

Offsets are exact like every claim's: ``article_text[start:end] == text``,
with the sentence and paragraph around it found by the same segmenter the
extractor uses.
"""

from __future__ import annotations

import sqlite3

from ..domain.models import Speaker
from ..domain.segment import paragraphs, sentences
from .corrections import CorrectionEvent, SpeakerChoice, _append, article_speakers, create_speaker
from .db import StorageError, write_transaction
from .ingest import utc_now
from .queue_order import place_in_article
from .rescore import rescore
from .rule_precision import ADDED_RULE
from .speakers import SpeakerResolver, author_key, author_speaker

_QUOTES_OPEN = "\"“‘'«"
_QUOTES_CLOSE = "\"”’'»"


def latest_version(conn: sqlite3.Connection, ref: str) -> int:
    """An article id, url or external id -> the id of its latest version."""
    row = None
    if ref.strip().isdigit():
        row = conn.execute("SELECT id FROM articles WHERE id = ?", (int(ref),)).fetchone()
    if row is None:
        row = conn.execute("SELECT id FROM articles WHERE url = ? OR external_id = ? ORDER BY id LIMIT 1",
                           (ref, ref)).fetchone()
    if row is None:
        raise StorageError(f"no article {ref!r} (give an article id, url or external id; see 'workbench stats')")
    lineage = conn.execute("SELECT coalesce(version_of, id) FROM articles WHERE id = ?", (row[0],)).fetchone()[0]
    return conn.execute("SELECT id FROM articles WHERE id = ?1 OR version_of = ?1 ORDER BY version DESC, id DESC"
                        " LIMIT 1", (lineage,)).fetchone()[0]


def reporter(conn: sqlite3.Connection, article_id: int) -> int:
    """The article's reporter (its byline, or "the reporter"): the speaker of its own assertions.

    Call inside a write transaction (the speaker is created when missing).
    """
    author = conn.execute("SELECT author FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    return SpeakerResolver(conn, utc_now()).resolve(author_speaker(author), article_id, author_key(author, article_id))


def article_speaker_choices(conn: sqlite3.Connection, article_id: int) -> list[SpeakerChoice]:
    """The article's speakers (as ``r`` offers them), the article's reporter always among them."""
    choices = article_speakers(conn, article_id)
    author = conn.execute("SELECT author FROM articles WHERE id = ?", (article_id,)).fetchone()
    if author is None:
        return choices
    row = conn.execute(
        "SELECT s.id, s.name, s.kind, s.role, s.affiliation FROM speakers k JOIN speakers s"
        " ON s.id = coalesce(k.merged_into, k.id) WHERE k.merge_key = ?",
        (author_key(author[0], article_id),)).fetchone()
    if row is not None and all(c.speaker_id != row[0] for c in choices):
        choices.append(SpeakerChoice(*row, claims=0))
    return choices


def find_speaker(conn: sqlite3.Connection, article_id: int, name: str | None,
                 new_kind: str | None = None) -> tuple[int | None, Speaker | None]:
    """(speaker id, None) for a speaker of the article named ``name`` (name or alias, any case), or
    (None, a new Speaker) when ``new_kind`` is given; (None, None) for no name: the reporter.

    Raises:
        StorageError: no speaker of the article has that name (the message lists them).
    """
    if not name or not name.strip():
        return None, None
    if new_kind:
        return None, Speaker(name.strip(), new_kind)
    choices = article_speakers(conn, article_id)
    wanted = name.strip().casefold()
    for s in choices:
        if s.name.casefold() == wanted:
            return s.speaker_id, None
    row = conn.execute(
        "SELECT coalesce(sp.merged_into, sp.id) FROM speaker_aliases al JOIN speakers sp ON sp.id = al.speaker_id"
        " WHERE al.alias = ? COLLATE NOCASE", (name.strip(),)).fetchall()
    ids = {s.speaker_id for s in choices}
    for (sid,) in row:
        if sid in ids:
            return sid, None
    listed = ", ".join(repr(s.name) for s in choices[:12]) or "none"
    raise StorageError(f"no speaker {name.strip()!r} in article {article_id} (its speakers: {listed}); add "
                       "--new-speaker KIND to create one")


def _bounds(text: str, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """(sentence, paragraph) spans around ``[start, end)``: every sentence and paragraph it touches."""
    paras = [p for p in paragraphs(text) if p.start < end and p.end > start] or [None]
    if paras[0] is None:
        return (start, end), (start, end)
    para = (paras[0].start, paras[-1].end)
    sents = [s for p in paras for s in sentences(text, p) if s.start < end and s.end > start]
    sent = (min([s.start for s in sents] + [start]), max([s.end for s in sents] + [end]))
    return sent, para


def _attribution(text: str, start: int, end: int, kind: str) -> str:
    if kind == "author":
        return "unattributed"
    before, after = text[max(0, start - 1):start], text[end:end + 1]
    return "direct" if before and after and before in _QUOTES_OPEN and after in _QUOTES_CLOSE else "indirect"


def add_claim(conn: sqlite3.Connection, article_id: int, start: int, end: int, reviewer: str, *,
              speaker_id: int | None = None, new_speaker: Speaker | None = None,
              mention: tuple[int, int] | None = None) -> tuple[CorrectionEvent, int]:
    """Make ``article_text[start:end]`` (whitespace trimmed) a claim; returns its event and the claim id.

    Args:
        speaker_id: who made it; default the article's reporter (the article's own assertion).
        new_speaker: or a speaker to create for the article (name, kind, role, affiliation).
        mention: optionally the offsets of the words that name the speaker.

    Raises:
        StorageError: no such article, the span is outside it or only whitespace, or a claim to review
            already has exactly these words.
    """
    now = utc_now()
    with write_transaction(conn):
        row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StorageError(f"no article with id {article_id}")
        text = row[0]
        if not (0 <= start < end <= len(text)) or not text[start:end].strip():
            raise StorageError(f"characters {start}-{end} are not words of article {article_id} "
                               f"(0-{len(text)}); choose a span with words in it")
        part = text[start:end]
        start, end = start + len(part) - len(part.lstrip()), start + len(part.rstrip())
        same = conn.execute(
            "SELECT c.id FROM claims c JOIN claim_current cc ON cc.claim_id = c.id"
            " LEFT JOIN claim_corrections k ON k.claim_id = c.id WHERE c.article_id = ? AND cc.excluded = 0"
            " AND coalesce(k.start, c.start) = ? AND coalesce(k.end, c.end) = ?", (article_id, start, end)).fetchone()
        if same:
            raise StorageError(f"claim #{same[0]} already has exactly these words")
        if new_speaker is not None:
            speaker_id = create_speaker(conn, new_speaker.name, str(new_speaker.kind), article_id,
                                        role=new_speaker.role, affiliation=new_speaker.affiliation)
        if speaker_id is None:
            speaker_id = reporter(conn, article_id)
        kind = conn.execute("SELECT kind FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
        if kind is None:
            raise StorageError(f"no speaker with id {speaker_id}")
        (s0, s1), (p0, p1) = _bounds(text, start, end)
        m0, m1 = mention if mention is not None and kind[0] != "author" else (None, None)
        if m0 is not None and not (0 <= m0 < m1 <= len(text)):
            raise StorageError(f"mention {m0}-{m1} is outside the article")
        seq = conn.execute("SELECT coalesce(max(sequence), 0) + 1 FROM claims WHERE article_id = ?",
                           (article_id,)).fetchone()[0]
        claim_id = conn.execute(
            "INSERT INTO claims (article_id, sequence, text, start, end, sentence_start, sentence_end,"
            " paragraph_start, paragraph_end, speaker_id, attribution, mention_start, mention_end, mention_text,"
            " rule, hedged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            (article_id, seq, text[start:end], start, end, s0, s1, p0, p1, speaker_id,
             _attribution(text, start, end, kind[0]), m0, m1, text[m0:m1] if m0 is not None else None,
             ADDED_RULE)).lastrowid
        place_in_article(conn, claim_id, article_id, start)
        event = _append(conn, claim_id, "span", reviewer, now, start=start, end=end, text=text[start:end],
                        origin="added")
        rescore(conn, [claim_id])
    return event, claim_id
