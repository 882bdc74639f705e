"""Provides the review UI's queue: keyset-paged claims in queue order, filters, search, counts.

Every query here is bounded so the UI stays fast on a database of millions of
claims:

- the queue is paged by KEYSET on ``(claim_current.sort_key, claim_id)``
  (``> (?, ?)`` / ``< (?, ?)`` with ``LIMIT``), never ``OFFSET``. The sort key
  is the claim id for every extracted claim (an article's claims are inserted
  together, in order), and sits between its neighbours' keys for a claim a
  reviewer split off or added, so it appears beside them;
- the queue holds the claims to review (:mod:`workbench.storage.review_set`):
  the indexes ``claim_current_queue`` / ``claim_current_status`` lead with the
  flags that define them, then the queue order;
- status counts come from the trigger-kept ``status_counts`` table, never a
  ``GROUP BY`` over claims;
- full-text search draws a bounded candidate set from ``claims_fts`` per page;
- counts that could scan without bound (a position deep inside a filtered
  queue) stop at :data:`COUNT_CAP` and say so.

Nothing here writes. The claim detail, article text, articles and speakers
lists live in their own modules and are re-exported here for the UI.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from ..domain.models import ReviewStatus, SpeakerKind
from .articles_list import ArticleProgress, article_count, article_progress, list_articles  # noqa: F401
from .claim_detail import ArticleClaim, ArticleText, ClaimDetail, article_text, claim_detail  # noqa: F401
from .review_set import TO_REVIEW, TO_REVIEW_WITH_SUPERSEDED
from .speaker_list import Alias, SpeakerRow, list_speakers, speaker_aliases  # noqa: F401

# Rows per queue page; the UI keeps about three pages around the cursor.
PAGE_SIZE = 50
# FTS candidates considered per page: bounds the work of one search page.
SEARCH_CANDIDATES = 2000
# Filtered counts (totals, positions) stop here and are shown as "N+".
COUNT_CAP = 100_000

STATUSES = tuple(str(s) for s in ReviewStatus)
KINDS = tuple(str(k) for k in SpeakerKind)
# Queue orders: article order (claim_current.sort_key, claim id), check-worthiness (score DESC, claim id;
# unscored last) or confidence (the extractor's least certain claims first; claims without one last).
ORDERS = ("article", "worthiness", "confidence")


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


# Corrections (claim_corrections, alias k) override the extractor's text and speaker.
_ROW_SELECT = (
    "SELECT c.id, c.article_id, c.sequence, coalesce(k.text, c.text), cc.status, s.name, s.kind, a.title,"
    " coalesce(c.changed_since_version, 0), cs.score"
    " FROM claim_current cc"
    " JOIN claims c ON c.id = cc.claim_id"
    " LEFT JOIN claim_corrections k ON k.claim_id = c.id"
    " JOIN speakers s0 ON s0.id = coalesce(k.speaker_id, c.speaker_id)"
    " JOIN speakers s ON s.id = coalesce(s0.merged_into, s0.id)"
    " JOIN articles a ON a.id = c.article_id"
    " LEFT JOIN claim_scores cs ON cs.claim_id = c.id"
)
_ORDER_ASC = "cc.sort_key, cc.claim_id"
_ORDER_DESC = "cc.sort_key DESC, cc.claim_id DESC"


def _where(flt: QueueFilter, *, search_after: float | None = None, search_before: float | None = None
           ) -> tuple[list[str], list]:
    """SQL conditions and parameters for a filter (aliases: c, cc, k, s).

    ``search_after`` / ``search_before`` bound the FTS candidates around a sort key.
    """
    # An article chosen by id is shown even when a newer version superseded it.
    clauses: list[str] = [TO_REVIEW_WITH_SUPERSEDED if flt.article_id is not None else TO_REVIEW]
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
            clauses.append(_search_clause(search_after, search_before))
            params += [q] * (2 if search_before is not None else 1)
    return clauses, params


def _search_clause(after: float | None, before: float | None) -> str:
    """A bounded FTS candidate set, itself keyset-bounded, so a page never reads more than SEARCH_CANDIDATES.

    A claim's id is never below its sort key, so every claim after key k has an
    id >= floor(k); before k, extracted claims have ids <= k, and the few claims
    a reviewer split off or added (their key below their id) are checked one by one.
    """
    if before is not None:
        return (f"(c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? AND rowid <= {int(before) + 1}"
                f" ORDER BY rowid DESC LIMIT {SEARCH_CANDIDATES})"
                " OR (cc.sort_key <> cc.claim_id"
                " AND EXISTS (SELECT 1 FROM claims_fts WHERE claims_fts MATCH ? AND rowid = c.id)))")
    bound = f" AND rowid >= {int(after)}" if after is not None else ""
    return (f"c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?{bound}"
            f" ORDER BY rowid LIMIT {SEARCH_CANDIDATES})")


def _rows(cur: sqlite3.Cursor) -> list[QueueRow]:
    return [QueueRow(*r[:8], bool(r[8]), r[9]) for r in cur]


def sort_key(conn: sqlite3.Connection, claim_id: int) -> tuple[float, int] | None:
    """The claim's place in queue order: (sort key, claim id), or None if there is no such claim."""
    row = conn.execute("SELECT sort_key FROM claim_current WHERE claim_id = ?", (claim_id,)).fetchone()
    return (row[0], claim_id) if row else None


# -- ranked orders: check-worthiness, confidence -----------------------------
#
# Keyset on (rank, claim id) over the rank's index, then the unranked claims
# by claim id. A page is at most two bounded queries: the ranked part and,
# when it runs out, the unranked part. The key of a row is looked up from its
# claim id, so the UI keeps paging by claim id.

@dataclass(frozen=True, slots=True)
class _Rank:
    expr: str  # the rank's column in _ROW_SELECT
    key_sql: str  # a claim id -> its rank
    desc: bool  # highest first

    def cond(self, forward: bool, op: str) -> str:
        """Rows after (``forward``) or before a key (rank, rank, claim id) in this order."""
        cmp = "<" if self.desc == forward else ">"
        return f"({self.expr} {cmp} ? OR ({self.expr} = ? AND c.id {op} ?))"

    def order(self, forward: bool) -> str:
        d = "DESC" if self.desc == forward else "ASC"
        return f"{self.expr} {d}, c.id {'ASC' if forward else 'DESC'}"


_RANKS = {
    # Most check-worthy first (claim_scores_score index).
    "worthiness": _Rank("cs.score", "SELECT score FROM claim_scores WHERE claim_id = ?", desc=True),
    # Least confident first: the claims the extractor was least sure of (claims_confidence index).
    "confidence": _Rank("c.confidence", "SELECT confidence FROM claims WHERE id = ?", desc=False),
}


def _rank_key(conn: sqlite3.Connection, rank: _Rank, claim_id: int) -> float | None:
    row = conn.execute(rank.key_sql, (claim_id,)).fetchone()
    return row[0] if row else None


def _ranked_query(conn: sqlite3.Connection, flt: QueueFilter, cond: str, cond_params: list, order: str,
                  limit: int) -> list[QueueRow]:
    if limit <= 0:
        return []
    clauses, params = _where(flt)
    sql = f"{_ROW_SELECT} WHERE {cond} AND {' AND '.join(clauses)} ORDER BY {order} LIMIT ?"
    return _rows(conn.execute(sql, (*cond_params, *params, limit)))


def _ranked_after(conn: sqlite3.Connection, flt: QueueFilter, rank: _Rank, after: int | None, limit: int,
                  inclusive: bool) -> list[QueueRow]:
    op = ">=" if inclusive else ">"
    rows: list[QueueRow] = []
    key = _rank_key(conn, rank, after) if after is not None else None
    if after is None or key is not None:
        cond, cp = f"{rank.expr} IS NOT NULL", []
        if after is not None:
            cond += " AND " + rank.cond(True, op)
            cp = [key, key, after]
        rows = _ranked_query(conn, flt, cond, cp, rank.order(True), limit)
    last = after if after is not None and key is None else -1
    rows += _ranked_query(conn, flt, f"{rank.expr} IS NULL AND c.id {op if last >= 0 else '>'} ?", [last], "c.id",
                          limit - len(rows))
    return rows


def _ranked_before(conn: sqlite3.Connection, flt: QueueFilter, rank: _Rank, before: int | None,
                   limit: int) -> list[QueueRow]:
    rows: list[QueueRow] = []
    key = _rank_key(conn, rank, before) if before is not None else None
    if key is None:
        rows = _ranked_query(conn, flt, f"{rank.expr} IS NULL AND c.id < ?",
                             [before if before is not None else 2**62], "c.id DESC", limit)
        cond, cp = f"{rank.expr} IS NOT NULL", []
    else:
        cond, cp = f"{rank.expr} IS NOT NULL AND " + rank.cond(False, "<"), [key, key, before]
    rows += _ranked_query(conn, flt, cond, cp, rank.order(False), limit - len(rows))
    rows.reverse()
    return rows


# -- article (queue) order ---------------------------------------------------

def page_after(conn: sqlite3.Connection, flt: QueueFilter, after: int | None = None,
               limit: int = PAGE_SIZE, *, inclusive: bool = False) -> list[QueueRow]:
    """The next ``limit`` queue rows after claim ``after`` in the filter's order (keyset)."""
    if flt.order in _RANKS:
        return _ranked_after(conn, flt, _RANKS[flt.order], after, limit, inclusive)
    key = sort_key(conn, after) if after is not None else None
    clauses, params = _where(flt, search_after=key[0] if key else None)
    if key is not None:
        clauses.insert(0, f"(cc.sort_key, cc.claim_id) {'>=' if inclusive else '>'} (?, ?)")
        params[0:0] = key
    sql = f"{_ROW_SELECT} WHERE {' AND '.join(clauses)} ORDER BY {_ORDER_ASC} LIMIT ?"
    return _rows(conn.execute(sql, (*params, limit)))


def page_before(conn: sqlite3.Connection, flt: QueueFilter, before: int | None = None,
                limit: int = PAGE_SIZE) -> list[QueueRow]:
    """The ``limit`` queue rows just before claim ``before`` in the filter's order (keyset), in queue order."""
    if flt.order in _RANKS:
        return _ranked_before(conn, flt, _RANKS[flt.order], before, limit)
    key = sort_key(conn, before) if before is not None else None
    clauses, params = _where(flt, search_before=key[0] if key else 2.0**62)
    if key is not None:
        clauses.insert(0, "(cc.sort_key, cc.claim_id) < (?, ?)")
        params[0:0] = key
    sql = f"{_ROW_SELECT} WHERE {' AND '.join(clauses)} ORDER BY {_ORDER_DESC} LIMIT ?"
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


def page_end(conn: sqlite3.Connection, flt: QueueFilter, limit: int = PAGE_SIZE * 3) -> list[QueueRow]:
    """The last ``limit`` rows of the queue (the true end, for End)."""
    return page_before(conn, flt, None, limit)


def count(conn: sqlite3.Connection, flt: QueueFilter, *, below: int | None = None,
          cap: int = COUNT_CAP) -> Count:
    """How many claims match ``flt`` (before claim ``below`` in queue order when given), cheaply.

    Unfiltered and status-only totals come from ``status_counts``; positions
    without other filters read only the queue indexes of ``claim_current``;
    any other count stops at ``cap``.
    """
    only_status = flt.article_id is None and flt.speaker_id is None and not flt.speaker_kind and not flt.search
    if below is not None and flt.order in _RANKS:
        only_status = False  # "before" is in rank order: the bounded general count below
    if only_status and below is None:
        if flt.status:
            row = conn.execute("SELECT n FROM status_counts WHERE status = ?", (flt.status,)).fetchone()
            return Count(row[0] if row else 0)
        return Count(conn.execute("SELECT coalesce(sum(n), 0) FROM status_counts").fetchone()[0])
    key = sort_key(conn, below) if below is not None else None
    if below is not None and key is None:
        return Count(0)
    if only_status:
        # Keys below, plus the few with the same key and a smaller id: two range scans of the covering
        # index, cheaper than comparing the row value (sort_key, claim_id) on every entry.
        status = " AND cc.status = ?" if flt.status else ""
        extra = [flt.status] if flt.status else []
        sql = (f"SELECT (SELECT count(*) FROM claim_current cc WHERE {TO_REVIEW} AND cc.sort_key < ?{status})"
               f" + (SELECT count(*) FROM claim_current cc WHERE {TO_REVIEW} AND cc.sort_key = ?"
               f" AND cc.claim_id < ?{status})")
        return Count(conn.execute(sql, [key[0], *extra, key[0], key[1], *extra]).fetchone()[0])
    clauses, params = _where(flt)
    if below is not None and flt.order in _RANKS:
        rank = _RANKS[flt.order]
        key = _rank_key(conn, rank, below)
        if key is None:
            clauses.insert(0, f"({rank.expr} IS NOT NULL OR c.id < ?)")
            params.insert(0, below)
        else:
            clauses.insert(0, rank.cond(False, "<"))
            params[0:0] = [key, key, below]
    elif key is not None:
        clauses.insert(0, "(cc.sort_key, cc.claim_id) < (?, ?)")
        params[0:0] = key
    sql = (f"SELECT count(*) FROM (SELECT 1 {_ROW_SELECT[_ROW_SELECT.index(' FROM '):]}"
           f" WHERE {' AND '.join(clauses)} LIMIT ?)")
    n = conn.execute(sql, (*params, cap + 1)).fetchone()[0]
    return Count(min(n, cap), capped=n > cap)


def status_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Claims to review per status, from the trigger-kept ``status_counts`` table."""
    counts = dict.fromkeys(STATUSES, 0)
    counts.update(conn.execute("SELECT status, n FROM status_counts").fetchall())
    return counts


def has_claims(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM claims LIMIT 1").fetchone() is not None


def claim_statuses(conn: sqlite3.Connection, claim_ids: list[int]) -> dict[int, str]:
    """Current status of a handful of claims (for refreshing visible rows)."""
    if not claim_ids:
        return {}
    marks = ",".join("?" * len(claim_ids))
    return dict(conn.execute(f"SELECT claim_id, status FROM claim_current WHERE claim_id IN ({marks})",
                             claim_ids).fetchall())
