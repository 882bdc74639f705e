"""Provides the articles screen's reads: each article's progress over its claims to review, and its version.

Reviewed means decided (sourced, unsourced or contested): a disputed claim is
not done. A superseded version (a newer one was ingested under the same url or
external id) says so, so two versions with one title can be told apart.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .review_set import DECIDED_SQL


@dataclass(frozen=True, slots=True)
class ArticleProgress:
    article_id: int
    title: str | None
    source: str | None
    claims: int
    """Claims to review (not excluded)."""
    reviewed: int
    """Claims decided (sourced, unsourced or contested)."""
    disputed: int = 0
    version: int = 1
    versions: int = 1
    """How many versions the article's lineage has."""
    superseded_by: int | None = None
    """The latest version's article id, when this one is superseded."""

    @property
    def version_label(self) -> str:
        """"" for a single version; "v2 of 2"; "v1 of 2, superseded"."""
        if self.versions <= 1:
            return ""
        return f"v{self.version} of {self.versions}" + (", superseded" if self.superseded_by else "")


# Counts over an article's claims to review: (claims, decided, disputed).
_COUNTS = (f"count(*), coalesce(sum(cc.status IN {DECIDED_SQL}), 0), coalesce(sum(cc.status = 'disputed'), 0)"
           " FROM claims c JOIN claim_current cc ON cc.claim_id = c.id WHERE cc.excluded = 0")
# Version, number of versions and the latest version's id, per article a.
_VERSION = ("a.version, (SELECT max(v.version) FROM articles v WHERE v.id = coalesce(a.version_of, a.id)"
            " OR v.version_of = coalesce(a.version_of, a.id)),"
            " (SELECT v.id FROM articles v WHERE (v.id = coalesce(a.version_of, a.id)"
            " OR v.version_of = coalesce(a.version_of, a.id)) AND v.version > a.version"
            " ORDER BY v.version DESC, v.id DESC LIMIT 1)")


def article_progress(conn: sqlite3.Connection, article_id: int) -> ArticleProgress | None:
    """Decided of total for one article (reads only that article's claims)."""
    row = conn.execute(f"SELECT a.id, a.title, a.source, {_VERSION} FROM articles a WHERE a.id = ?",
                       (article_id,)).fetchone()
    if row is None:
        return None
    counts = conn.execute(f"SELECT {_COUNTS} AND c.article_id = ?", (article_id,)).fetchone()
    return ArticleProgress(*row[:3], *counts, *row[3:])


def list_articles(conn: sqlite3.Connection, after: int | None = None, limit: int = 200) -> list[ArticleProgress]:
    """A keyset page of articles with their progress and version (counts only for this page's articles)."""
    rows = conn.execute(f"SELECT a.id, a.title, a.source, {_VERSION} FROM articles a WHERE a.id > ?"
                        " ORDER BY a.id LIMIT ?", (after if after is not None else -1, limit)).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    progress = {aid: counts for aid, *counts in conn.execute(
        f"SELECT c.article_id, {_COUNTS} AND c.article_id IN ({marks}) GROUP BY c.article_id", ids)}
    return [ArticleProgress(*r[:3], *progress.get(r[0], (0, 0, 0)), *r[3:]) for r in rows]


def article_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
