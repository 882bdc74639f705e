"""Provides what the review UI shows of one claim and one article: the detail pane's claim, the article view.

Offsets in :class:`ClaimDetail` are relative to the claim's paragraph, so the
pane never reads the whole article; :class:`ArticleText` carries the whole
text with the spans of its claims to review.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .corrected_sql import (ANTECEDENT_END, ANTECEDENT_START, ANTECEDENT_TEXT, ATTRIBUTION, CUE_END, CUE_START,
                            CUE_TEXT, MENTION_END, MENTION_START, MENTION_TEXT)
from .corrections import CorrectionEvent
from .disputes import Adjudication, Mark, dispute_of
from .correction_history import history as correction_history
from .reviews import ReviewEvent, history
from .triage import GroupMember, group_members, group_size, score_of


@dataclass(frozen=True, slots=True)
class ClaimDetail:
    """Everything the detail pane shows about one claim, with offsets relative to the paragraph."""

    claim_id: int
    article_id: int
    sequence: int
    text: str
    status: str
    reviewer: str | None
    reviewed_at: str | None
    # The paragraph holding the claim, and where the sentence and claim sit in it.
    paragraph: str
    paragraph_start: int
    sentence_span: tuple[int, int]
    claim_span: tuple[int, int]
    mention_span: tuple[int, int] | None
    cue_span: tuple[int, int] | None
    # Speaker as stored on the claim, and the speaker it answers to after merges.
    speaker_id: int
    speaker: str
    speaker_kind: str
    speaker_role: str | None
    speaker_affiliation: str | None
    original_speaker: str | None
    alias: str | None
    mention: str | None
    antecedent: str | None
    antecedent_start: int | None
    antecedent_context: str | None
    attribution: str
    cue: str | None
    channel: str | None
    rule: str
    hedged: bool
    hedge_cue: str | None
    anonymity_cue: str | None
    chain: str | None
    article_title: str | None
    article_outlet: str | None
    article_author: str | None
    article_url: str | None
    article_source: str | None
    article_published: str | None
    evidence: tuple[str, ...]
    history: tuple[ReviewEvent, ...]
    # What the extractor said, when a reviewer corrected it (None when unchanged).
    extractor_speaker: str | None = None
    extractor_text: str | None = None
    extractor_span: tuple[int, int] | None = None
    extractor_mention: str | None = None
    corrected_by: str | None = None
    corrected_at: str | None = None
    excluded: str | None = None
    corrections: tuple[CorrectionEvent, ...] = ()
    # Absolute offsets of the (corrected) claim and its sentence in the article text.
    start: int = 0
    end: int = 0
    # Check-worthiness (issue 9): score and reasons (None: not scored), and the same claim elsewhere.
    score: float | None = None
    reasons: tuple[str, ...] = ()
    group: tuple[GroupMember, ...] = ()
    # A new article version without an identical claim in the previous one; the claim it replaces.
    changed: bool = False
    previous_claim_id: int | None = None
    previous_text: str | None = None
    # Each reviewer's current decision (two or more that differ: disputed) and the adjudication in force.
    marks: tuple[Mark, ...] = ()
    adjudication: Adjudication | None = None
    # The article has a newer version; a claim a reviewer added (rule reviewer_added).
    superseded: bool = False
    # How many other claims its group holds (``group`` lists the first of them).
    group_total: int = 0
    # How sure the extractor was (its model's probability or its rule's measured precision; None: not recorded).
    confidence: float | None = None

    @property
    def notes(self) -> list[ReviewEvent]:
        return [e for e in self.history if e.note]


# The paragraph shown is cut to this many characters either side of the claim: an article that is
# one 19 MB paragraph must not be read, sent and rendered whole on every move.
PARAGRAPH_CONTEXT = 2000
_P_START = f"max(c.paragraph_start, coalesce(k.start, c.start) - {PARAGRAPH_CONTEXT})"
_P_END = f"min(c.paragraph_end, coalesce(k.end, c.end) + {PARAGRAPH_CONTEXT})"
# Members of the claim's near-duplicate group read with the claim; more are paged on demand.
GROUP_PAGE = 20


def claim_detail(conn: sqlite3.Connection, claim_id: int) -> ClaimDetail | None:
    """The claim, its paragraph (not the whole article), speaker, provenance and history."""
    r = conn.execute(
        "SELECT c.id, c.article_id, c.sequence, coalesce(k.text, c.text), cc.status, cc.reviewer, cc.reviewed_at,"
        f" substr(a.text, {_P_START} + 1, {_P_END} - {_P_START}), {_P_START},"
        f" {_P_END}, c.sentence_start, c.sentence_end, coalesce(k.start, c.start), coalesce(k.end, c.end),"
        f" {MENTION_START}, {MENTION_END}, {CUE_START}, {CUE_END},"
        " s.id, s.name, s.kind, s.role, s.affiliation, s0.name, al.alias,"
        f" {MENTION_TEXT}, {ANTECEDENT_TEXT}, {ANTECEDENT_START},"
        f" CASE WHEN {ANTECEDENT_START} IS NOT NULL THEN"
        f"   substr(a.text, max(1, c.antecedent_start + 1 - 40), {ANTECEDENT_END} - c.antecedent_start + 80) END,"
        f" {ATTRIBUTION}, {CUE_TEXT}, c.channel, c.rule, c.hedged, c.hedge_cue, c.anonymity_cue, c.chain,"
        " a.title, a.outlet, a.author, a.url, a.source, a.published, cc.evidence,"
        " so.name, c.text, c.start, c.end, c.mention_text, k.reviewer, k.corrected_at, k.excluded,"
        " c.confidence FROM claims c JOIN articles a ON a.id = c.article_id"
        " JOIN claim_current cc ON cc.claim_id = c.id"
        " LEFT JOIN claim_corrections k ON k.claim_id = c.id"
        " JOIN speakers s0 ON s0.id = coalesce(k.speaker_id, c.speaker_id)"
        " JOIN speakers s ON s.id = coalesce(s0.merged_into, s0.id)"
        " JOIN speakers o0 ON o0.id = c.speaker_id JOIN speakers so ON so.id = coalesce(o0.merged_into, o0.id)"
        " LEFT JOIN speaker_aliases al ON al.id = c.alias_id"
        " WHERE c.id = ?", (claim_id,)).fetchone()
    if r is None:
        return None
    (cid, aid, seq, text, status, reviewer, reviewed_at, paragraph, p_start, p_end, s_start, s_end, start, end,
     m_start, m_end, cue_start, cue_end, sid, sname, skind, srole, saff, s0name, alias, mention, antecedent,
     ant_start, ant_ctx, attribution, cue, channel, rule, hedged, hedge_cue, anon_cue, chain, title, outlet,
     author, url, source, published, evidence, x_speaker, x_text, x_start, x_end, x_mention, corrected_by,
     corrected_at, excluded, confidence) = r

    def rel(a: int | None, b: int | None) -> tuple[int, int] | None:
        if a is None or b is None:
            return None
        a, b = max(a, p_start) - p_start, min(b, p_end) - p_start
        return (a, b) if b > a else None

    return ClaimDetail(
        cid, aid, seq, text, status, reviewer, reviewed_at, paragraph or "", p_start,
        rel(s_start, s_end) or (0, 0), rel(start, end) or (0, 0), rel(m_start, m_end), rel(cue_start, cue_end),
        sid, sname, skind, srole, saff, s0name if s0name != sname else None, alias, mention, antecedent,
        ant_start, ant_ctx, attribution, cue, channel, rule, bool(hedged), hedge_cue, anon_cue, chain,
        title, outlet, author, url, source, published,
        tuple(e for e in (evidence or "").split("\n") if e), tuple(history(conn, cid)),
        x_speaker if x_speaker != sname else None,
        x_text if (x_start, x_end) != (start, end) else None,
        (x_start, x_end) if (x_start, x_end) != (start, end) else None,
        x_mention if x_mention != mention else None,
        corrected_by, corrected_at, excluded, tuple(correction_history(conn, cid)), start, end,
        *_triage_and_version(conn, cid), confidence=confidence,
    )


def _triage_and_version(conn: sqlite3.Connection, claim_id: int) -> tuple:
    """The fields of :class:`ClaimDetail` after ``end``: triage, version, dispute."""
    scored = score_of(conn, claim_id)
    changed, prev_id, prev_text, superseded = conn.execute(
        "SELECT coalesce(c.changed_since_version, 0), c.previous_claim_id, p.text, cc.superseded FROM claims c"
        " JOIN claim_current cc ON cc.claim_id = c.id"
        " LEFT JOIN claims p ON p.id = c.previous_claim_id WHERE c.id = ?", (claim_id,)).fetchone()
    marks, adjudication = dispute_of(conn, claim_id)
    return (scored[0] if scored else None, scored[1] if scored else (),
            tuple(group_members(conn, claim_id, limit=GROUP_PAGE)),
            bool(changed), prev_id, prev_text, tuple(marks), adjudication, bool(superseded), group_size(conn, claim_id))


@dataclass(frozen=True, slots=True)
class ArticleClaim:
    claim_id: int
    sequence: int
    start: int
    end: int
    status: str
    rule: str = ""


@dataclass(frozen=True, slots=True)
class ArticleText:
    """An article's full text with its claims' spans and statuses, for the article view."""

    article_id: int
    title: str | None
    outlet: str | None
    author: str | None
    text: str
    claims: tuple[ArticleClaim, ...]


def article_text(conn: sqlite3.Connection, article_id: int) -> ArticleText | None:
    row = conn.execute("SELECT id, title, outlet, author, text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    claims = tuple(ArticleClaim(*r) for r in conn.execute(
        "SELECT c.id, c.sequence, coalesce(k.start, c.start), coalesce(k.end, c.end), cc.status, c.rule"
        " FROM claims c JOIN claim_current cc ON cc.claim_id = c.id LEFT JOIN claim_corrections k ON k.claim_id = c.id"
        " WHERE c.article_id = ? AND cc.excluded = 0 ORDER BY coalesce(k.start, c.start), c.id", (article_id,)))
    return ArticleText(*row, claims=claims)
