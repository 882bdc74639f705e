"""Provides big review databases built fast (offsets computed, no extractor): a huge group, a multi-MB article."""

from __future__ import annotations

from pathlib import Path

from workbench.domain.models import Analysis, AttributionKind, Claim, Document, Segment, Span, Speaker, SpeakerKind
from workbench.storage import open_db
from workbench.storage.ingest import store

KIRBY = Speaker("John Kirby", SpeakerKind.PERSON)


def _article(paragraphs: list[str], source: str, claim_in=lambda i: True, sep: str = "\n\n") -> tuple:
    """Each paragraph "Kirby said X." holds one claim, X (when ``claim_in(i)``)."""
    text, claims, at = "", [], 0
    parts = []
    for i, p in enumerate(paragraphs):
        start = at
        parts.append(p)
        if claim_in(i):
            c0 = start + p.index(" said ") + len(" said ")
            c1 = start + len(p) - 1
            para = Segment(start, start + len(p), p)
            claims.append(Claim(start=c0, end=c1, text=p[c0 - start:c1 - start], sentence=para, paragraph=para,
                                attribution=AttributionKind.INDIRECT, rule="test", speaker=KIRBY,
                                mention=Span(start, start + len("John Kirby"), "John Kirby")))
        at += len(p) + len(sep)
    text = sep.join(parts)
    return Document(text=text, source=source, format="txt", title=source), Analysis(claims=tuple(claims))


def big_group_db(path: Path, members: int) -> Path:
    """One article whose ``members`` claims all say the same thing: one near-duplicate group of them all."""
    paragraphs = [f"John Kirby said the ferry subsidy will rise by ten percent {i % 1}." for i in range(members)]
    conn = open_db(str(path))
    try:
        store(conn, *_article(paragraphs, "group.txt"), "test")
        # Grouped as triage would group them (one group, named by its first claim), written directly: fast.
        with conn:
            conn.execute("BEGIN")
            conn.execute("INSERT INTO claim_groups (claim_id, group_id) SELECT id, (SELECT min(id) FROM claims)"
                         " FROM claims")
    finally:
        conn.close()
    return path


def big_article_db(path: Path, size: int, *, one_line: bool = False) -> Path:
    """One article of about ``size`` characters: paragraphs (or one line) with a claim every tenth sentence."""
    sentence = "John Kirby said the budget for the harbour road will rise again next year."
    n = size // (len(sentence) + 2)
    paragraphs = [sentence for _ in range(n)]
    conn = open_db(str(path))
    try:
        store(conn, *_article(paragraphs, "big.txt", lambda i: i % 10 == 5, sep=" " if one_line else "\n\n"),
              "test")
    finally:
        conn.close()
    return path
