"""Provides the review UI's reads: keyset-paged claim queue, filters, search, detail, speakers, counts.

Every query here is bounded so the UI stays fast on a database of millions of
claims:

- the queue is paged by KEYSET on ``claims.id`` (``id > ?`` / ``id < ?`` with
  ``LIMIT``), never ``OFFSET``; claim ids follow (article, sequence) order
  because an article's claims are inserted together in sequence;
- status counts come from the trigger-kept ``status_counts`` table, never a
  ``GROUP BY`` over claims;
- full-text search draws a bounded candidate set from ``claims_fts`` per page;
- counts that could scan without bound (a position deep inside a filtered
  queue) stop at :data:`COUNT_CAP` and say so.

Nothing here writes; review writes go through :mod:`workbench.storage.reviews`
and speaker edits through :mod:`workbench.storage.speaker_ops`.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from ..domain.models import ReviewStatus, SpeakerKind
from .corrections import CorrectionEvent
from .corrections import history as correction_history
from .reviews import ReviewEvent, history
from .triage import GroupMember, group_members, score_of

# Rows per queue page; the UI keeps about three pages around the cursor.
PAGE_SIZE = 50
# FTS candidates considered per page: bounds the work of one search page.
SEARCH_CANDIDATES = 2000
# Filtered counts (totals, positions) stop here and are shown as "N+".
COUNT_CAP = 100_000

STATUSES = tuple(str(s) for s in ReviewStatus)
KINDS = tuple(str(k) for k in SpeakerKind)
# Queue orders: article order (claim id) or check-worthiness (score DESC, claim id; unscored last).
ORDERS = ("article", "worthiness")


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the queue shows; every field is optional and they combine with AND."""

    status: str | None = None
    article_id: int | None = None
    speaker_id: int | None = None
    speaker_kind: str | None = None
    search: str | None = None
    # A sort, not a filter: clearing the filters keeps it.
    order: str = "article"
    # Display labels for the filter bar (not used in SQL).
    article_label: str | None = field(default=None, compare=False)
    speaker_label: str | None = field(default=None, compare=False)

    @property
    def empty(self) -> bool:
        return not (self.status or self.article_id is not None or self.speaker_id is not None
                    or self.speaker_kind or self.search)


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One line of the claims queue."""

    claim_id: int
    article_id: int
    sequence: int
    text: str
    status: str
    speaker: str
    speaker_kind: str
    article_title: str | None
    # Flagged by a new article version (no identical claim in the previous version).
    changed: bool = False
    # Check-worthiness score (None: not scored).
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Count:
    """A count that may have stopped at a cap (``capped`` means "at least n")."""

    n: int
    capped: bool = False

    def __str__(self) -> str:
        return f"{self.n:,}+" if self.capped else f"{self.n:,}"


def fts_query(text: str) -> str | None:
    """Turn what a reviewer typed into a safe FTS5 query: every word must occur, the last as a prefix.

    Quotes every token, so FTS5 syntax (``AND``, ``*``, ``:``, quotes) in the
    input is matched literally instead of raising a syntax error.
    """
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


# Corrections (claim_corrections, alias k) override the extractor's text and
# speaker; claims a reviewer took out (not a claim, merged) are not in the queue.
_ROW_SELECT = (
    "SELECT c.id, c.article_id, c.sequence, coalesce(k.text, c.text), cc.status, s.name, s.kind, a.title,"
    " coalesce(c.changed_since_version, 0), cs.score"
    " FROM claims c"
    " JOIN claim_current cc ON cc.claim_id = c.id"
    " LEFT JOIN claim_corrections k ON k.claim_id = c.id"
    " JOIN speakers s0 ON s0.id = coalesce(k.speaker_id, c.speaker_id)"
    " JOIN speakers s ON s.id = coalesce(s0.merged_into, s0.id)"
    " JOIN articles a ON a.id = c.article_id"
    " LEFT JOIN claim_scores cs ON cs.claim_id = c.id"
)


def _where(flt: QueueFilter, *, search_bound: str | None = None) -> tuple[list[str], list]:
    """SQL conditions and parameters for a filter (aliases: c, cc, k, s)."""
    clauses: list[str] = ["k.excluded IS NULL"]
    params: list = []
    if flt.status:
        clauses.append("cc.status = ?")
        params.append(flt.status)
    if flt.article_id is not None:
        clauses.append("c.article_id = ?")
        params.append(flt.article_id)
    if flt.speaker_id is not None:
        clauses.append("coalesce(k.speaker_id, c.speaker_id) IN (SELECT id FROM speakers WHERE id = ? OR merged_into = ?)")
        params += [flt.speaker_id, flt.speaker_id]
    if flt.speaker_kind:
        clauses.append("s.kind = ?")
        params.append(flt.speaker_kind)
    if flt.search:
        q = fts_query(flt.search)
        if q is None:
            clauses.append("0")
        else:
            # A bounded candidate set, itself keyset-bounded, so a search page
            # never reads more than SEARCH_CANDIDATES index entries.
            bound = f" AND {search_bound}" if search_bound else ""
            order = "DESC" if search_bound and "<" in search_bound else "ASC"
            clauses.append(
                f"c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?{bound}"
                f" ORDER BY rowid {order} LIMIT {SEARCH_CANDIDATES})"
            )
            params.append(q)
    return clauses, params


def _key_column(flt: QueueFilter) -> str:
    """The claim id column to page on: the one the driving index is ordered by.

    With a status filter SQLite walks ``claim_current_status (status,
    claim_id)``; ordering by ``cc.claim_id`` (equal to ``c.id``) lets it read
    the index in order instead of sorting every match.
    """
    return "cc.claim_id" if flt.status else "c.id"


def _rows(cur: sqlite3.Cursor) -> list[QueueRow]:
    return [QueueRow(*r[:8], bool(r[8]), r[9]) for r in cur]


# -- check-worthiness order ------------------------------------------------
#
# Keyset on (score DESC, claim id) over the claim_scores_score index, then the
# unscored claims by claim id. A page is at most two bounded queries: the
# scored part and, when it runs out, the unscored part. The key of a row is
# looked up from its claim id, so the UI keeps paging by claim id.

def _score_key(conn: sqlite3.Connection, claim_id: int) -> float | None:
    row = conn.execute("SELECT score FROM claim_scores WHERE claim_id = ?", (claim_id,)).fetchone()
    return row[0] if row else None


def _worthy_query(conn: sqlite3.Connection, flt: QueueFilter, cond: str, cond_params: list, order: str,
                  limit: int) -> list[QueueRow]:
    if limit <= 0:
        return []
    clauses, params = _where(flt)
    sql = f"{_ROW_SELECT} WHERE {cond} AND {' AND '.join(clauses)} ORDER BY {order} LIMIT ?"
    return _rows(conn.execute(sql, (*cond_params, *params, limit)))


def _worthy_after(conn: sqlite3.Connection, flt: QueueFilter, after: int | None, limit: int,
                  inclusive: bool) -> list[QueueRow]:
    op = ">=" if inclusive else ">"
    rows: list[QueueRow] = []
    score = _score_key(conn, after) if after is not None else None
    if after is None or score is not None:
        cond, cp = "cs.score IS NOT NULL", []
        if after is not None:
            cond += f" AND (cs.score < ? OR (cs.score = ? AND c.id {op} ?))"
            cp = [score, score, after]
        rows = _worthy_query(conn, flt, cond, cp, "cs.score DESC, c.id", limit)
    key = after if after is not None and score is None else -1
    rows += _worthy_query(conn, flt, f"cs.score IS NULL AND c.id {op if key >= 0 else '>'} ?", [key], "c.id",
                          limit - len(rows))
    return rows


def _worthy_before(conn: sqlite3.Connection, flt: QueueFilter, before: int | None, limit: int) -> list[QueueRow]:
    rows: list[QueueRow] = []
    score = _score_key(conn, before) if before is not None else None
    if score is None:
        rows = _worthy_query(conn, flt, "cs.score IS NULL AND c.id < ?", [before if before is not None else 2**62],
                             "c.id DESC", limit)
        cond, cp = "cs.score IS NOT NULL", []
    else:
        cond, cp = "cs.score IS NOT NULL AND (cs.score > ? OR (cs.score = ? AND c.id < ?))", [score, score, before]
    rows += _worthy_query(conn, flt, cond, cp, "cs.score ASC, c.id DESC", limit - len(rows))
    rows.reverse()
    return rows


def page_after(conn: sqlite3.Connection, flt: QueueFilter, after: int | None = None,
               limit: int = PAGE_SIZE, *, inclusive: bool = False) -> list[QueueRow]:
    """The next ``limit`` queue rows after claim ``after`` in the filter's order (keyset)."""
    if flt.order == "worthiness":
        return _worthy_after(conn, flt, after, limit, inclusive)
    op = ">=" if inclusive else ">"
    key = after if after is not None else -1
    clauses, params = _where(flt, search_bound=f"rowid {op} {int(key)}")
    col = _key_column(flt)
    clauses.insert(0, f"{col} {op} ?")
    params.insert(0, key)
    sql = f"{_ROW_SELECT} WHERE {' AND '.join(clauses)} ORDER BY {col} LIMIT ?"
    return _rows(conn.execute(sql, (*params, limit)))


def page_before(conn: sqlite3.Connection, flt: QueueFilter, before: int | None = None,
                limit: int = PAGE_SIZE) -> list[QueueRow]:
    """The ``limit`` queue rows just before claim ``before`` in the filter's order (keyset), in queue order."""
    if flt.order == "worthiness":
        return _worthy_before(conn, flt, before, limit)
    key = before if before is not None else 2**62
    clauses, params = _where(flt, search_bound=f"rowid < {int(key)}")
    col = _key_column(flt)
    clauses.insert(0, f"{col} < ?")
    params.insert(0, key)
    sql = f"{_ROW_SELECT} WHERE {' AND '.join(clauses)} ORDER BY {col} DESC LIMIT ?"
    rows = _rows(conn.execute(sql, (*params, limit)))
    rows.reverse()
    return rows


def page_around(conn: sqlite3.Connection, flt: QueueFilter, claim_id: int | None,
                limit: int = PAGE_SIZE * 3) -> list[QueueRow]:
    """A window of about ``limit`` rows with ``claim_id`` (or the next match) near its top third."""
    return page_around_at(conn, flt, claim_id, limit)[0]


def page_around_at(conn: sqlite3.Connection, flt: QueueFilter, claim_id: int | None,
                   limit: int = PAGE_SIZE * 3) -> tuple[list[QueueRow], int]:
    """:func:`page_around`, and the index of ``claim_id`` (or of the next match in queue order) in it."""
    if claim_id is None:
        return page_after(conn, flt, None, limit), 0
    before = page_before(conn, flt, claim_id, limit // 3)
    after = page_after(conn, flt, claim_id, limit - len(before), inclusive=True)
    if len(after) < limit - len(before) and len(before) == limit // 3 and before:
        # Near the end: fill the window from the front instead.
        more = page_before(conn, flt, before[0].claim_id, limit - len(before) - len(after))
        before = more + before
    return before + after, min(len(before), max(0, len(before) + len(after) - 1))


def count(conn: sqlite3.Connection, flt: QueueFilter, *, below: int | None = None,
          cap: int = COUNT_CAP) -> Count:
    """How many claims match ``flt`` (with claim id < ``below`` when given), cheaply.

    Unfiltered and status-only totals come from ``status_counts``; positions
    without other filters read only the narrow ``claim_current`` table; any
    other count stops at ``cap``.
    """
    only_status = flt.article_id is None and flt.speaker_id is None and not flt.speaker_kind and not flt.search
    if below is not None and flt.order == "worthiness":
        only_status = False  # "before" is in score order: the bounded general count below
    if only_status and below is None:
        if flt.status:
            row = conn.execute("SELECT n FROM status_counts WHERE status = ?", (flt.status,)).fetchone()
            return Count((row[0] if row else 0) - _excluded(conn, flt.status))
        return Count(conn.execute("SELECT coalesce(sum(n), 0) FROM status_counts").fetchone()[0] - _excluded(conn))
    if only_status:
        if flt.status:
            n = conn.execute("SELECT count(*) FROM claim_current WHERE status = ? AND claim_id < ?",
                             (flt.status, below)).fetchone()[0]
        else:
            n = conn.execute("SELECT count(*) FROM claim_current WHERE claim_id < ?", (below,)).fetchone()[0]
        return Count(n - _excluded(conn, flt.status, below))
    clauses, params = _where(flt)
    if below is not None and flt.order == "worthiness":
        score = _score_key(conn, below)
        if score is None:
            clauses.insert(0, "(cs.score IS NOT NULL OR c.id < ?)")
            params.insert(0, below)
        else:
            clauses.insert(0, "(cs.score > ? OR (cs.score = ? AND c.id < ?))")
            params[0:0] = [score, score, below]
    elif below is not None:
        clauses.insert(0, "c.id < ?")
        params.insert(0, below)
    sql = (f"SELECT count(*) FROM (SELECT 1 {_ROW_SELECT[_ROW_SELECT.index(' FROM '):]}"
           f" WHERE {' AND '.join(clauses)} LIMIT ?)")
    n = conn.execute(sql, (*params, cap + 1)).fetchone()[0]
    return Count(min(n, cap), capped=n > cap)


def _excluded(conn: sqlite3.Connection, status: str | None = None, below: int | None = None) -> int:
    """Claims taken out of the queue (not a claim, merged), by the partial index on excluded: few rows."""
    sql = ("SELECT count(*) FROM claim_corrections k CROSS JOIN claim_current cc ON cc.claim_id = k.claim_id"
           " WHERE k.excluded IS NOT NULL")
    params: list = []
    if status:
        sql += " AND cc.status = ?"
        params.append(status)
    if below is not None:
        sql += " AND k.claim_id < ?"
        params.append(below)
    return conn.execute(sql, params).fetchone()[0]


def status_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Claims per status, from the trigger-kept ``status_counts`` table, less those out of the queue."""
    counts = dict.fromkeys(STATUSES, 0)
    counts.update(conn.execute("SELECT status, n FROM status_counts").fetchall())
    # CROSS JOIN keeps claim_corrections (its partial index: few rows) as the outer loop; with
    # a plain JOIN the planner scanned all of claim_current for the GROUP BY (35 ms at 1M).
    for status, n in conn.execute(
            "SELECT cc.status, count(*) FROM claim_corrections k CROSS JOIN claim_current cc"
            " ON cc.claim_id = k.claim_id WHERE k.excluded IS NOT NULL GROUP BY cc.status"):
        counts[status] -= n
    return counts


def has_claims(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM claims LIMIT 1").fetchone() is not None


def article_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


@dataclass(frozen=True, slots=True)
class ArticleProgress:
    article_id: int
    title: str | None
    source: str | None
    claims: int
    reviewed: int


def article_progress(conn: sqlite3.Connection, article_id: int) -> ArticleProgress | None:
    """Reviewed of total for one article (reads only that article's claims)."""
    row = conn.execute(
        "SELECT a.id, a.title, a.source,"
        " (SELECT count(*) FROM claims c LEFT JOIN claim_corrections k ON k.claim_id = c.id"
        "   WHERE c.article_id = a.id AND k.excluded IS NULL),"
        " (SELECT count(*) FROM claims c JOIN claim_current cc ON cc.claim_id = c.id"
        "   LEFT JOIN claim_corrections k ON k.claim_id = c.id"
        "   WHERE c.article_id = a.id AND cc.status <> 'unreviewed' AND k.excluded IS NULL)"
        " FROM articles a WHERE a.id = ?", (article_id,)).fetchone()
    return ArticleProgress(*row) if row else None


def list_articles(conn: sqlite3.Connection, after: int | None = None, limit: int = 200) -> list[ArticleProgress]:
    """A keyset page of articles with their progress (counts only for this page's articles)."""
    rows = conn.execute(
        "SELECT id, title, source FROM articles WHERE id > ? ORDER BY id LIMIT ?",
        (after if after is not None else -1, limit)).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    progress = {
        aid: (n, reviewed) for aid, n, reviewed in conn.execute(
            f"SELECT c.article_id, count(*), coalesce(sum(cc.status <> 'unreviewed'), 0) FROM claims c"
            f" JOIN claim_current cc ON cc.claim_id = c.id LEFT JOIN claim_corrections k ON k.claim_id = c.id"
            f" WHERE c.article_id IN ({marks}) AND k.excluded IS NULL"
            f" GROUP BY c.article_id", ids)
    }
    return [ArticleProgress(aid, title, source, *progress.get(aid, (0, 0))) for aid, title, source in rows]


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """A speaker (after merges) with claim counts by status."""

    speaker_id: int
    name: str
    kind: str
    role: str | None
    affiliation: str | None
    sourced: int = 0
    unsourced: int = 0
    contested: int = 0
    unreviewed: int = 0
    articles: int = 0
    aliases: tuple[str, ...] = ()

    @property
    def claims(self) -> int:
        return self.sourced + self.unsourced + self.contested + self.unreviewed


def list_speakers(conn: sqlite3.Connection, *, name: str | None = None, after: tuple[str, int] | None = None,
                  limit: int = 200) -> list[SpeakerRow]:
    """A keyset page of effective (unmerged) speakers by name, with counts for that page only.

    Args:
        name: keep speakers whose name or an alias contains this (case-insensitive).
        after: the (name, id) of the last row of the previous page.
    """
    clauses = ["s.merged_into IS NULL"]
    params: list = []
    if after is not None:
        clauses.append("(s.name, s.id) > (?, ?)")
        params += list(after)
    if name:
        like = f"%{name}%"
        clauses.append(
            "(s.name LIKE ? OR s.id IN (SELECT coalesce(sp.merged_into, sp.id) FROM speaker_aliases al"
            " JOIN speakers sp ON sp.id = al.speaker_id WHERE al.alias LIKE ?))")
        params += [like, like]
    rows = conn.execute(
        f"SELECT s.id, s.name, s.kind, s.role, s.affiliation FROM speakers s WHERE {' AND '.join(clauses)}"
        f" ORDER BY s.name, s.id LIMIT ?", (*params, limit)).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    counts: dict[int, dict[str, int]] = {}
    effective = (f"FROM speakers s0 JOIN claims c ON c.speaker_id = s0.id JOIN claim_current cc ON cc.claim_id = c.id"
                 f" WHERE s0.id IN ({marks}) OR s0.merged_into IN ({marks})")
    for eff, status, n in conn.execute(
            f"SELECT coalesce(s0.merged_into, s0.id) AS eff, cc.status, count(*) {effective} GROUP BY eff, cc.status",
            ids + ids):
        counts.setdefault(eff, {})[status] = n
    for eff, arts in conn.execute(
            f"SELECT coalesce(s0.merged_into, s0.id) AS eff, count(DISTINCT c.article_id) {effective} GROUP BY eff",
            ids + ids):
        counts.setdefault(eff, {})["articles"] = arts
    aliases: dict[int, list[str]] = {}
    for eff, alias in conn.execute(
        f"SELECT coalesce(sp.merged_into, sp.id), al.alias FROM speaker_aliases al JOIN speakers sp"
        f" ON sp.id = al.speaker_id WHERE sp.id IN ({marks}) OR sp.merged_into IN ({marks}) ORDER BY al.id",
            ids + ids):
        aliases.setdefault(eff, []).append(alias)
    out = []
    for sid, sname, kind, role, aff in rows:
        d = counts.get(sid, {})
        out.append(SpeakerRow(sid, sname, kind, role, aff, d.get("sourced", 0), d.get("unsourced", 0),
                              d.get("contested", 0), d.get("unreviewed", 0), d.get("articles", 0),
                              tuple(aliases.get(sid, ()))))
    return out


@dataclass(frozen=True, slots=True)
class Alias:
    """A surface form of a speaker; ``speaker_id`` is the row it hangs on (maybe merged away)."""

    alias_id: int
    speaker_id: int
    alias: str
    claims: int


def speaker_aliases(conn: sqlite3.Connection, speaker_id: int) -> list[Alias]:
    """Every alias of an effective speaker, including those of speakers merged into it."""
    return [Alias(*r) for r in conn.execute(
        "SELECT al.id, al.speaker_id, al.alias, (SELECT count(*) FROM claims c WHERE c.alias_id = al.id)"
        " FROM speaker_aliases al JOIN speakers sp ON sp.id = al.speaker_id"
        " WHERE sp.id = ? OR sp.merged_into = ? ORDER BY al.alias, al.id", (speaker_id, speaker_id))]


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

    @property
    def notes(self) -> list[ReviewEvent]:
        return [e for e in self.history if e.note]


def claim_detail(conn: sqlite3.Connection, claim_id: int) -> ClaimDetail | None:
    """The claim, its paragraph (not the whole article), speaker, provenance and history."""
    r = conn.execute(
        "SELECT c.id, c.article_id, c.sequence, coalesce(k.text, c.text), cc.status, cc.reviewer, cc.reviewed_at,"
        " substr(a.text, c.paragraph_start + 1, c.paragraph_end - c.paragraph_start), c.paragraph_start,"
        " c.paragraph_end, c.sentence_start, c.sentence_end, coalesce(k.start, c.start), coalesce(k.end, c.end),"
        " coalesce(k.mention_start, c.mention_start), coalesce(k.mention_end, c.mention_end),"
        " c.cue_start, c.cue_end,"
        " s.id, s.name, s.kind, s.role, s.affiliation, s0.name, al.alias,"
        " coalesce(k.mention_text, c.mention_text), c.antecedent_text, c.antecedent_start,"
        " CASE WHEN c.antecedent_start IS NOT NULL THEN"
        "   substr(a.text, max(1, c.antecedent_start + 1 - 40), c.antecedent_end - c.antecedent_start + 80) END,"
        " c.attribution, c.cue_text, c.channel, c.rule, c.hedged, c.hedge_cue, c.anonymity_cue, c.chain,"
        " a.title, a.outlet, a.author, a.url, a.source, a.published, cc.evidence,"
        " so.name, c.text, c.start, c.end, c.mention_text, k.reviewer, k.corrected_at, k.excluded"
        " FROM claims c JOIN articles a ON a.id = c.article_id"
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
     corrected_at, excluded) = r

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
        *_triage_and_version(conn, cid),
    )


def _triage_and_version(conn: sqlite3.Connection, claim_id: int) -> tuple:
    """(score, reasons, group, changed, previous claim id, previous text) for :class:`ClaimDetail`."""
    scored = score_of(conn, claim_id)
    changed, prev_id, prev_text = conn.execute(
        "SELECT coalesce(c.changed_since_version, 0), c.previous_claim_id, p.text FROM claims c"
        " LEFT JOIN claims p ON p.id = c.previous_claim_id WHERE c.id = ?", (claim_id,)).fetchone()
    return (scored[0] if scored else None, scored[1] if scored else (), tuple(group_members(conn, claim_id)),
            bool(changed), prev_id, prev_text)


@dataclass(frozen=True, slots=True)
class ArticleClaim:
    claim_id: int
    sequence: int
    start: int
    end: int
    status: str


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
        "SELECT c.id, c.sequence, coalesce(k.start, c.start), coalesce(k.end, c.end), cc.status FROM claims c"
        " JOIN claim_current cc ON cc.claim_id = c.id LEFT JOIN claim_corrections k ON k.claim_id = c.id"
        " WHERE c.article_id = ? AND k.excluded IS NULL ORDER BY coalesce(k.start, c.start), c.id", (article_id,)))
    return ArticleText(*row, claims=claims)


def claim_statuses(conn: sqlite3.Connection, claim_ids: list[int]) -> dict[int, str]:
    """Current status of a handful of claims (for refreshing visible rows)."""
    if not claim_ids:
        return {}
    marks = ",".join("?" * len(claim_ids))
    return dict(conn.execute(f"SELECT claim_id, status FROM claim_current WHERE claim_id IN ({marks})",
                             claim_ids).fetchall())
