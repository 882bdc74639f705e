"""Provides the reviewers' work as annotated articles, for ``workbench learn``.

An article counts once a reviewer marked or corrected one of its claims.
Its annotations are its claims as reviewers left them (corrected span,
speaker and mention; claims marked not-a-claim or merged away left out):
a claim with a source is an attribution (content = the claim, source = the
words that name the speaker, cue = the extractor's cue unless the claim was
reassigned to the reporter); a claim of the reporter's is no attribution.
Only the paragraphs holding a marked or corrected claim are learnt from:
the others are the extractor's own output, not a reviewer's.
"""

from __future__ import annotations

import sqlite3

from ..domain.segment import paragraphs
from .reextract import _headline

_CLAIMS = """
SELECT c.article_id, coalesce(k.start, c.start), coalesce(k.end, c.end), s.kind, s.name,
       CASE WHEN k.speaker_id IS NOT NULL AND k.speaker_id <> c.speaker_id THEN k.mention_start
            ELSE coalesce(k.mention_start, c.mention_start) END,
       CASE WHEN k.speaker_id IS NOT NULL AND k.speaker_id <> c.speaker_id THEN k.mention_end
            ELSE coalesce(k.mention_end, c.mention_end) END,
       c.cue_start, c.cue_end, k.speaker_id IS NOT NULL AND k.speaker_id <> c.speaker_id,
       EXISTS (SELECT 1 FROM review_events r WHERE r.claim_id = c.id)
           OR EXISTS (SELECT 1 FROM correction_events e WHERE e.claim_id = c.id)
FROM claims c
LEFT JOIN claim_corrections k ON k.claim_id = c.id
JOIN speakers s0 ON s0.id = coalesce(k.speaker_id, c.speaker_id)
JOIN speakers s ON s.id = coalesce(s0.merged_into, s0.id)
WHERE c.article_id = ? AND k.excluded IS NULL
ORDER BY 2
"""

_REVIEWED = """
SELECT DISTINCT c.article_id FROM claims c
WHERE EXISTS (SELECT 1 FROM review_events r WHERE r.claim_id = c.id)
   OR EXISTS (SELECT 1 FROM correction_events e WHERE e.claim_id = c.id)
ORDER BY 1
"""


def _span(text: str, start: int | None, end: int | None) -> dict | None:
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    return {"start": start, "end": end, "text": text[start:end]}


def reviewed_articles(conn: sqlite3.Connection, article_ids: list[int] | None = None) -> list[dict]:
    """The articles reviewers worked on, as annotated articles (see the module docstring).

    Each is ``{"id", "text", "headline", "reviewed", "attributions"}`` in the
    form ``workbench.domain.model`` trains on.
    """
    ids = article_ids if article_ids is not None else [r[0] for r in conn.execute(_REVIEWED)]
    out = []
    for aid in ids:
        row = conn.execute("SELECT title, text FROM articles WHERE id = ?", (aid,)).fetchone()
        if row is None:
            continue
        title, text = row
        atts = []
        touched: list[tuple[int, int]] = []
        for _, start, end, kind, _name, m0, m1, q0, q1, reassigned, was_touched in conn.execute(_CLAIMS, (aid,)):
            if was_touched:
                touched.append((start, end))
            if kind == "author":
                continue
            atts.append({
                "source": _span(text, m0, m1),
                # A reviewer who gave the claim another speaker did not vouch for the old cue.
                "cue": None if reassigned else _span(text, q0, q1),
                "content": {"start": start, "end": end, "text": text[start:end]},
            })
        if not touched:
            continue
        reviewed = [(p.start, p.end) for p in paragraphs(text)
                    if any(s < p.end and p.start < e for s, e in touched)]
        head = _headline(title, text)
        out.append({"id": f"article-{aid}", "text": text, "attributions": atts, "reviewed": reviewed,
                    "headline": (head.start, head.end) if head else None})
    return out
