"""Shared test helpers: paths, hand-made analysed articles, and the fixtures conftest.py exposes."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.domain.models import Analysis, AttributionKind, Claim, Document, Segment, Span, Speaker, SpeakerKind
from workbench.storage import open_db
from workbench.storage.ingest import store

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_TEXT = SHARED / "eval" / "seed" / "militia-strikes.txt"
SEED_GOLD = SHARED / "eval" / "seed" / "militia-strikes.gold.json"


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "workbench.db"


@pytest.fixture
def db(db_path):
    conn = open_db(str(db_path))
    yield conn
    conn.close()


def make_article(text: str, claims: list[tuple[str, Speaker | None]], *, source: str = "test.txt",
                 title: str | None = "Test article", author: str | None = None) -> tuple[Document, Analysis]:
    """An analysed article built by hand: each claim is (exact substring, speaker or None)."""
    out = []
    for claim_text, speaker in claims:
        start = text.index(claim_text)
        end = start + len(claim_text)
        mention = None
        if speaker is not None:
            at = text.find(speaker.name)
            if at >= 0:
                mention = Span(at, at + len(speaker.name), speaker.name)
        out.append(Claim(
            start=start, end=end, text=claim_text,
            sentence=Segment(start, end, claim_text), paragraph=Segment(start, end, claim_text),
            attribution=AttributionKind.INDIRECT if speaker else AttributionKind.UNATTRIBUTED,
            rule="test" if speaker else "author_default", speaker=speaker, mention=mention,
        ))
    out.sort(key=lambda c: c.start)
    doc = Document(text=text, source=source, format="txt", title=title, author=author)
    return doc, Analysis(claims=tuple(out))


KIRBY = Speaker("John Kirby", SpeakerKind.PERSON, role="Pentagon Press Secretary")
OFFICIAL = Speaker("U.S. defense official", SpeakerKind.ANONYMOUS)

SIMPLE_TEXT = (
    "Strikes hit the border\n\n"
    "John Kirby said the strikes hit three facilities. A U.S. defense official said the pilots returned safely.\n\n"
    "The region has seen rising tensions.\n"
)


@pytest.fixture
def simple_article(db):
    """The migrated db with one article of three claims; returns (conn, article_id)."""
    doc, analysis = make_article(SIMPLE_TEXT, [
        ("the strikes hit three facilities", KIRBY),
        ("the pilots returned safely", OFFICIAL),
        ("The region has seen rising tensions.", None),
    ])
    stored = store(db, doc, analysis, "test")
    return db, stored.article_id
