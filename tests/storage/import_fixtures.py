"""Provides a database of many claims, built by hand (no extraction), and review files for it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import KIRBY, make_article
from workbench.storage import open_db
from workbench.storage.ingest import content_hash, store


def many_claims_db(path: Path, n: int) -> tuple[str, list[tuple[int, int]]]:
    """A database with one article of ``n`` claims; returns its content hash and the claims' spans."""
    text = "Many claims\n\n" + " ".join(f"Kirby said claim {i} holds." for i in range(n)) + "\n"
    doc, analysis = make_article(text, [(f"claim {i} holds", KIRBY) for i in range(n)])
    conn = open_db(str(path))
    try:
        store(conn, doc, analysis, "test")
        spans = [tuple(r) for r in conn.execute("SELECT start, end FROM claims ORDER BY start")]
    finally:
        conn.close()
    return content_hash(text), spans


def history_file(path: Path, digest: str, spans: list[tuple[int, int]], events_per_claim: int) -> Path:
    """A ``--with-history`` JSONL export giving each claim ``events_per_claim`` notes by bob."""
    with path.open("w", encoding="utf-8") as f:
        for start, end in spans:
            events = [{"action": "note", "status": "unreviewed", "reviewer": "bob", "note": f"note {k}",
                       "created_at": f"2024-01-01T00:{k // 60 % 60:02d}:{k % 60:02d}.000000Z"}
                      for k in range(events_per_claim)]
            f.write(json.dumps({"content_hash": digest, "start": start, "end": end, "events": events}) + "\n")
    return path
