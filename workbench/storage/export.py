"""Provides claim records for export, streamed from the database.

``iter_records`` yields one plain dict per claim, in article order, without
loading a table into memory: rows come from a cursor and each article's text
is fetched once, when its first claim comes by. The field names are a
contract shared by every export format (and read back by ``import-reviews``
and the evaluation scorer, which reads ``source``, ``start``, ``end``,
``text``, ``speaker``, ``speaker_kind``, ``attribution`` and ``mention``).
Those are the values as reviewers corrected them (``claim_corrections``);
``corrected`` and ``original_speaker``/``original_start``/``original_end`` give
the extractor's, and claims a reviewer took out (not a claim, merged) are not
exported. Every record also names its article (``ARTICLE_FIELDS``: URL,
outlet, byline, publication date) and carries its check-worthiness and
near-duplicate group (``TRIAGE_FIELDS``), as the ``claim_review`` view does.

``write_jsonl_from_db`` is the fast path for the JSON formats: SQLite builds
most of each line with ``json_object`` (in C), and Python only splices in the
sentence (sliced from the cached article text) and the evidence list. A test
checks that every line it writes decodes to exactly the dict ``iter_records``
yields, so the two paths cannot drift apart.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from json.encoder import encode_basestring  # C-accelerated, keeps non-ASCII as is
from typing import TextIO

from .corrected_sql import (ANTECEDENT_END, ANTECEDENT_START, ANTECEDENT_TEXT, ATTRIBUTION, CUE_END, CUE_START,
                            CUE_TEXT, MENTION_END, MENTION_START, MENTION_TEXT)
from .db import StorageError
from .review_set import TO_REVIEW, TO_REVIEW_WITH_SUPERSEDED

# The article's identity, as in the claim_review view: where it was published, by whom, when.
ARTICLE_FIELDS = ("article_url", "article_outlet", "article_author", "article_published")
# Check-worthiness (0-1, NULL when unscored) with its reasons, and the near-duplicate group
# (the group's id and how many claims it has; both NULL for a claim with no near-duplicate).
TRIAGE_FIELDS = ("check_worthiness", "check_worthiness_reasons", "group_id", "group_size")
FIELDS = (
    "claim_id", "article_id", "source", "title", *ARTICLE_FIELDS, "content_hash", "start", "end", "text", "sentence",
    "speaker", "speaker_kind", "speaker_role", "speaker_affiliation", "mention", "antecedent",
    "attribution", "cue", "channel", "rule", "confidence", "hedged", "hedge_cue", "anonymity_cue",
    "status", "reviewer", "note", "evidence", "reviewed_at",
    *TRIAGE_FIELDS,
    "corrected", "original_speaker", "original_start", "original_end",
)
# Added after FIELDS by ``with_history``: every review event of the claim, oldest first.
HISTORY_FIELD = "events"
EVENT_FIELDS = ("action", "status", "reviewer", "note", "evidence_url", "created_at", "origin")

STATUSES = ("unreviewed", "sourced", "unsourced", "contested", "disputed")
SPEAKER_KINDS = ("person", "organization", "anonymous", "document", "author")


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """Which claims to export; every field narrows the selection when set."""

    status: str | None = None
    """Only claims whose current status is this."""
    article_id: int | None = None
    """Only claims of this article."""
    speaker: str | None = None
    """Only claims whose (merged) speaker has this name or alias, case-insensitively."""
    speaker_kind: str | None = None
    """Only claims whose speaker is of this kind (person, organization, ...)."""
    reviewer: str | None = None
    """Only claims this reviewer has any review event on."""
    since: str | None = None
    """Only claims with a review event at or after this ISO date or date-time (UTC)."""
    reviewed_only: bool = False
    """Only claims with a decision: sourced, unsourced or contested (ClaimReview needs a verdict)."""
    include_superseded: bool = False
    """Also claims of article versions that a newer version superseded (left out by default)."""


def normalise_since(value: str | None) -> str | None:
    """Turn a user's ``--since`` into the form ``created_at`` compares against.

    ``created_at`` is ISO-8601 UTC text ending in ``Z``, so a bare date
    (``2024-05-01``) already sorts before every event of that day; a
    date-time with an offset is converted to UTC; a naive one is taken as UTC.

    Raises:
        StorageError: the value is not an ISO date or date-time.
    """
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise StorageError(f"--since {value!r}: give an ISO date or date-time, e.g. 2024-05-01 or "
                           "2024-05-01T09:30:00Z") from None
    if len(value) == 10:  # a bare date
        return parsed.date().isoformat()
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


_FROM = """
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN claim_corrections k ON k.claim_id = c.id
JOIN speakers s0 ON s0.id = coalesce(k.speaker_id, c.speaker_id)
JOIN speakers s ON s.id = coalesce(s0.merged_into, s0.id)
JOIN speakers o0 ON o0.id = c.speaker_id
JOIN speakers so ON so.id = coalesce(o0.merged_into, o0.id)
JOIN claim_current cc ON cc.claim_id = c.id
LEFT JOIN claim_scores sc ON sc.claim_id = c.id
LEFT JOIN claim_groups g ON g.claim_id = c.id
LEFT JOIN (SELECT group_id, count(*) AS n FROM claim_groups GROUP BY group_id) gs ON gs.group_id = g.group_id
"""
# Group sizes are counted once per export (gs, one pass over the group index), not per
# claim: a correlated count would cost the square of a big group's size.
# Reviewers' corrections over the extractor's values (k is claim_corrections).
START, END, TEXT = "coalesce(k.start, c.start)", "coalesce(k.end, c.end)", "coalesce(k.text, c.text)"
SENTENCE_START = f"min(c.sentence_start, {START})"
SENTENCE_END = f"max(c.sentence_end, {END})"
CORRECTED = (f"(k.claim_id IS NOT NULL AND (s.id <> so.id OR {START} <> c.start OR {END} <> c.end"
             " OR (k.mention_start IS NOT NULL AND (k.mention_start IS NOT c.mention_start"
             " OR k.mention_end IS NOT c.mention_end))))")
# Claims leave the cursor in article order, so each article's text is fetched once.
_ORDER = " ORDER BY c.article_id, c.sequence"

EVENTS_JSON_SQL = """(
    SELECT json_group_array(json_object(
        'action', e.action, 'status', e.status, 'reviewer', e.reviewer, 'note', e.note,
        'evidence_url', e.evidence_url, 'created_at', e.created_at, 'origin', e.origin))
    FROM (SELECT * FROM review_events e WHERE e.claim_id = c.id ORDER BY e.created_at, e.id) e
)"""


def where_clause(f: ExportFilter) -> tuple[str, list]:
    """The SQL ``WHERE`` (over the aliases in the export query) and its parameters."""
    # An article asked for by id is exported even when a newer version superseded it.
    wide = f.include_superseded or f.article_id is not None
    clauses, params = [TO_REVIEW_WITH_SUPERSEDED if wide else TO_REVIEW], []
    if f.status:
        clauses.append("cc.status = ?")
        params.append(f.status)
    if f.reviewed_only:
        clauses.append("cc.status IN ('sourced', 'unsourced', 'contested')")
    if f.article_id is not None:
        clauses.append("c.article_id = ?")
        params.append(f.article_id)
    if f.speaker:
        clauses.append("(s.name = ? COLLATE NOCASE OR s.id IN"
                       " (SELECT coalesce(sp.merged_into, sp.id) FROM speaker_aliases al"
                       "  JOIN speakers sp ON sp.id = al.speaker_id WHERE al.alias = ? COLLATE NOCASE))")
        params += [f.speaker, f.speaker]
    if f.speaker_kind:
        clauses.append("s.kind = ?")
        params.append(f.speaker_kind)
    if f.reviewer:
        clauses.append("c.id IN (SELECT claim_id FROM review_events WHERE reviewer = ?)")
        params.append(f.reviewer)
    since = normalise_since(f.since)
    if since:
        clauses.append("c.id IN (SELECT claim_id FROM review_events WHERE created_at >= ?)")
        params.append(since)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def select(conn: sqlite3.Connection, columns: str, flt: ExportFilter | None) -> sqlite3.Cursor:
    """Run the export query with these result columns; a cursor, never a list."""
    where, params = where_clause(flt or ExportFilter())
    return conn.execute(f"SELECT {columns}{_FROM}{where}{_ORDER}", params)


class ArticleText:
    """The article the cursor is in: its text and identity, fetched once per article.

    Rows arrive grouped by article, so one cached article is enough; a sentence
    is then a slice of its text (Python slices by code point, as the offsets
    are), and the fast paths build each article's fields (``ARTICLE_COLUMNS``)
    into a piece of their output once per article with :meth:`part`.
    """

    __slots__ = ("conn", "article_id", "text", "meta", "parts")

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.article_id: int | None = None
        self.text = ""
        self.meta: tuple = ()
        self.parts: dict = {}

    def _load(self, article_id: int) -> None:
        row = self.conn.execute("SELECT text, source, title, url, outlet, author, published, content_hash"
                                " FROM articles WHERE id = ?", (article_id,)).fetchone()
        self.text, self.meta, self.parts = row[0], row[1:], {}
        self.article_id = article_id

    def slice(self, article_id: int, start: int, end: int) -> str:
        if article_id != self.article_id:
            self._load(article_id)
        return self.text[start:end]

    def part(self, article_id: int, build: Callable[[tuple], str]) -> str:
        """``build(values of ARTICLE_COLUMNS)``, computed once per article."""
        if article_id != self.article_id:
            self._load(article_id)
        piece = self.parts.get(build)
        if piece is None:
            piece = self.parts[build] = build(self.meta)
        return piece


# The article's fields in FIELDS, in order, as ArticleText.meta holds them.
ARTICLE_COLUMNS = ("source", "title", *ARTICLE_FIELDS, "content_hash")


_RECORD_COLUMNS = f"""
c.id, c.article_id, a.source, a.title, a.url, a.outlet, a.author, a.published, a.content_hash,
{START}, {END}, {TEXT},
{SENTENCE_START}, {SENTENCE_END},
s.name, s.kind, s.role, s.affiliation,
{MENTION_START}, {MENTION_END}, {MENTION_TEXT},
{ANTECEDENT_START}, {ANTECEDENT_END}, {ANTECEDENT_TEXT},
{ATTRIBUTION}, {CUE_START}, {CUE_END}, {CUE_TEXT}, c.channel, c.rule, c.hedged,
c.hedge_cue, c.anonymity_cue,
cc.status, cc.reviewer, cc.note, cc.evidence, cc.reviewed_at,
sc.score, sc.reasons, g.group_id, gs.n,
{CORRECTED}, so.name, c.start, c.end, c.confidence
"""


def _span(start, end, text):
    return None if start is None else {"start": start, "end": end, "text": text}


def iter_records(conn: sqlite3.Connection, flt: ExportFilter | None = None, *,
                 with_history: bool = False) -> Iterator[dict]:
    """Yield one export record per claim, ordered by article then position.

    Args:
        conn: an open workbench database.
        flt: which claims; all of them when None.
        with_history: add ``events``, the claim's review events oldest first,
            each with the keys in ``EVENT_FIELDS``.
    """
    columns = _RECORD_COLUMNS + (f", {EVENTS_JSON_SQL}" if with_history else "")
    articles = ArticleText(conn)
    for r in select(conn, columns, flt):
        yield _finish(r, articles, with_history)


def claim_record(conn: sqlite3.Connection, claim_id: int, articles: ArticleText, *,
                 with_history: bool = False) -> dict:
    """One claim's export record, for a row a fast path leaves to the general one."""
    columns = _RECORD_COLUMNS + (f", {EVENTS_JSON_SQL}" if with_history else "")
    return _finish(conn.execute(f"SELECT {columns}{_FROM} WHERE c.id = ?", (claim_id,)).fetchone(), articles,
                   with_history)


def _finish(r: tuple, articles: ArticleText, with_history: bool) -> dict:
    rec = record(r, articles.slice(r[1], r[12], r[13]))
    if with_history:
        rec[HISTORY_FIELD] = json.loads(r[47])
    return rec


def record(r: tuple, sentence: str) -> dict:
    """One export record from a row of ``_RECORD_COLUMNS`` and the claim's sentence."""
    return {
        "claim_id": r[0], "article_id": r[1], "source": r[2], "title": r[3],
        "article_url": r[4], "article_outlet": r[5], "article_author": r[6], "article_published": r[7],
        "content_hash": r[8], "start": r[9], "end": r[10], "text": r[11], "sentence": sentence,
        "speaker": r[14], "speaker_kind": r[15], "speaker_role": r[16], "speaker_affiliation": r[17],
        "mention": _span(r[18], r[19], r[20]), "antecedent": _span(r[21], r[22], r[23]),
        "attribution": r[24], "cue": _span(r[25], r[26], r[27]), "channel": r[28], "rule": r[29],
        "confidence": r[46],
        "hedged": bool(r[30]), "hedge_cue": r[31], "anonymity_cue": r[32],
        "status": r[33], "reviewer": r[34], "note": r[35],
        "evidence": r[36].split("\n") if r[36] else [], "reviewed_at": r[37],
        "check_worthiness": r[38], "check_worthiness_reasons": json.loads(r[39]) if r[39] else [],
        "group_id": r[40], "group_size": r[41],
        "corrected": bool(r[42]), "original_speaker": r[43], "original_start": r[44], "original_end": r[45],
    }


# The JSON fast path: two json_object() halves around the sentence, which is
# sliced in Python because substr() on the article text would re-read the
# whole article for every claim.
_JSON_COLUMNS = f"""
c.article_id, {SENTENCE_START}, {SENTENCE_END}, c.id,
json_object('start', {START}, 'end', {END}, 'text', {TEXT}),
json_object('speaker', s.name, 'speaker_kind', s.kind, 'speaker_role', s.role,
            'speaker_affiliation', s.affiliation,
            'mention', CASE WHEN {MENTION_START} IS NULL THEN NULL ELSE
                json_object('start', {MENTION_START}, 'end', {MENTION_END}, 'text', {MENTION_TEXT}) END,
            'antecedent', CASE WHEN {ANTECEDENT_START} IS NULL THEN NULL ELSE
                json_object('start', {ANTECEDENT_START}, 'end', {ANTECEDENT_END}, 'text', {ANTECEDENT_TEXT}) END,
            'attribution', {ATTRIBUTION},
            'cue', CASE WHEN {CUE_START} IS NULL THEN NULL ELSE
                json_object('start', {CUE_START}, 'end', {CUE_END}, 'text', {CUE_TEXT}) END,
            'channel', c.channel, 'rule', c.rule, 'confidence', c.confidence,
            'hedged', json(CASE WHEN c.hedged THEN 'true' ELSE 'false' END),
            'hedge_cue', c.hedge_cue, 'anonymity_cue', c.anonymity_cue,
            'status', cc.status, 'reviewer', cc.reviewer, 'note', cc.note),
CASE WHEN cc.evidence IS NULL OR cc.evidence = '' THEN '[]'
     WHEN instr(cc.evidence, char(10)) = 0 THEN json_array(cc.evidence) END,
cc.evidence,
json_quote(cc.reviewed_at),
json_object('check_worthiness', sc.score, 'check_worthiness_reasons', json(coalesce(sc.reasons, '[]')),
            'group_id', g.group_id, 'group_size', gs.n,
            'corrected', json(CASE WHEN {CORRECTED} THEN 'true' ELSE 'false' END),
            'original_speaker', so.name, 'original_start', c.start, 'original_end', c.end)
"""

dumps = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def _json_article(meta: tuple) -> str:
    """The article's fields of a JSON record, without braces (once per article)."""
    return ",".join(f'"{name}":{dumps(value)}' for name, value in zip(ARTICLE_COLUMNS, meta))


def iter_json_lines(conn: sqlite3.Connection, flt: ExportFilter | None = None, *,
                    with_history: bool = False) -> Iterator[str]:
    """Yield each claim's record as one line of JSON (no newline), as ``iter_records`` would."""
    columns = _JSON_COLUMNS + (f", {EVENTS_JSON_SQL}" if with_history else "")
    articles = ArticleText(conn)
    enc, aid, art = encode_basestring, None, ""
    for r in select(conn, columns, flt):
        if r[0] != aid:  # a new article: its fields once (rows come grouped by article)
            aid, art = r[0], articles.part(r[0], _json_article)
        sentence = enc(articles.text[r[1]:r[2]])
        evidence = r[6] if r[6] is not None else dumps(r[7].split("\n"))
        if with_history:
            yield (f'{{"claim_id":{r[3]},"article_id":{aid},{art},{r[4][1:-1]},"sentence":{sentence},'
                   f'{r[5][1:-1]},"evidence":{evidence},"reviewed_at":{r[8]},{r[9][1:-1]},"events":{r[10]}}}')
        else:
            yield (f'{{"claim_id":{r[3]},"article_id":{aid},{art},{r[4][1:-1]},"sentence":{sentence},'
                   f'{r[5][1:-1]},"evidence":{evidence},"reviewed_at":{r[8]},{r[9][1:-1]}}}')


def write_jsonl(records: Iterable[dict], out: TextIO) -> int:
    """Write dict records as JSON Lines; returns how many."""
    n = 0
    for rec in records:
        out.write(dumps(rec))
        out.write("\n")
        n += 1
    return n


def write_json(records: Iterable[dict], out: TextIO) -> int:
    """A JSON array, written incrementally so memory stays flat."""
    return _write_json_lines(map(dumps, records), out)


def _write_json_lines(lines: Iterable[str], out: TextIO) -> int:
    n = 0
    out.write("[")
    for line in lines:
        out.write(",\n" if n else "\n")
        out.write(line)
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def export_jsonl(conn: sqlite3.Connection, out: TextIO, flt: ExportFilter | None = None, *,
                 with_history: bool = False) -> int:
    """Stream the selected claims to ``out`` as JSON Lines; returns how many."""
    n = 0
    write = out.write
    # Writing in batches of lines halves the per-line cost of small writes.
    batch: list[str] = []
    for line in iter_json_lines(conn, flt, with_history=with_history):
        batch.append(line)
        if len(batch) == 512:
            write("\n".join(batch))
            write("\n")
            n += len(batch)
            batch.clear()
    if batch:
        write("\n".join(batch))
        write("\n")
        n += len(batch)
    return n


def export_json(conn: sqlite3.Connection, out: TextIO, flt: ExportFilter | None = None, *,
                with_history: bool = False) -> int:
    """Stream the selected claims to ``out`` as one JSON array; returns how many."""
    return _write_json_lines(iter_json_lines(conn, flt, with_history=with_history), out)
