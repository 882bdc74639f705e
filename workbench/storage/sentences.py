"""Provides each claim's stored sentence: filled once from the article text, read without scanning it.

SQLite's ``substr()`` counts characters from the start of the text, so slicing
a sentence out of a 19 MB article costs a scan of the article per claim, and
reading every claim's sentence the square of the article's size. The sentence
(``claims.sentence``, the text between ``sentence_start`` and ``sentence_end``)
is stored when a claim is written; a claim whose offsets move loses it (a
trigger), and :func:`fill_sentences` slices it again in Python, one pass over
each article's text. ``claim_review`` falls back to ``substr()`` while a
sentence is missing, so a missing one costs time, never a wrong answer.
"""

from __future__ import annotations

import sqlite3

_MISSING = "SELECT id, sentence_start, sentence_end FROM claims WHERE article_id = ? AND sentence IS NULL"


def fill_sentences(conn: sqlite3.Connection, article_id: int | None = None, text: str | None = None) -> int:
    """Store the sentence of every claim that has none (of one article, or all). Caller's transaction.

    Args:
        article_id: only this article's claims; every article's when None.
        text: the article's text when the caller has it (saves reading it again).

    Returns:
        how many sentences were stored.
    """
    if article_id is None:
        ids = [r[0] for r in conn.execute("SELECT DISTINCT article_id FROM claims WHERE sentence IS NULL")]
        return sum(fill_sentences(conn, aid) for aid in ids)
    rows = conn.execute(_MISSING, (article_id,)).fetchall()
    if not rows:
        return 0
    if text is None:
        text = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    conn.executemany("UPDATE claims SET sentence = ? WHERE id = ?", ((text[s:e], cid) for cid, s, e in rows))
    return len(rows)


def missing_sentences(conn: sqlite3.Connection) -> int:
    """Claims without a stored sentence (the partial index makes this cheap)."""
    return conn.execute("SELECT count(*) FROM claims WHERE sentence IS NULL").fetchone()[0]


def offset_problems(conn: sqlite3.Connection) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Claims whose text, or stored sentence, differs from their article's text at their offsets.

    One article's text is read once and every claim of it compared in Python:
    time grows with the articles' size plus the claims, not their product.

    Returns:
        (claim id, article id) of the claims whose text does not match, and of
        those whose stored sentence does not match.
    """
    bad_text: list[tuple[int, int]] = []
    bad_sentence: list[tuple[int, int]] = []
    # A database not yet upgraded has no stored sentences (check reads without upgrading).
    stored = any(r[1] == "sentence" for r in conn.execute("PRAGMA table_info(claims)"))
    sentence_sql = "sentence" if stored else "NULL"
    for (article_id,) in conn.execute("SELECT id FROM articles ORDER BY id").fetchall():
        text = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
        n = len(text)
        for cid, start, end, claim_text, s0, s1, sentence in conn.execute(
                f"SELECT id, start, end, text, sentence_start, sentence_end, {sentence_sql} FROM claims"
                " WHERE article_id = ?", (article_id,)):
            if start < 0 or end > n or text[start:end] != claim_text:
                bad_text.append((cid, article_id))
            if sentence is not None and text[s0:s1] != sentence:
                bad_sentence.append((cid, article_id))
    return bad_text, bad_sentence
