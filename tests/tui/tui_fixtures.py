"""Provides deterministic test databases for the review UI, built through the storage layer.

Claims are written by hand with exact offsets (no extractor), so the UI tests
do not move when the extractor changes.
"""

from __future__ import annotations

import re
from pathlib import Path

from workbench.domain.models import (Analysis, AttributionKind, Claim, Document, Segment, Span, Speaker,
                                     SpeakerKind)
from workbench.storage import open_db
from workbench.storage.ingest import store

KIRBY = Speaker("John Kirby", SpeakerKind.PERSON, role="Pentagon Press Secretary", affiliation="Pentagon")
OFFICIAL = Speaker("U.S. official", SpeakerKind.ANONYMOUS)
PENTAGON = Speaker("Pentagon", SpeakerKind.ORGANIZATION)
REPORT = Speaker("the annual report", SpeakerKind.DOCUMENT)
JOHNNY = Speaker("Johnny Kirby", SpeakerKind.PERSON)


def _span(text: str, part: str, after: int = 0) -> Span:
    i = text.index(part, after)
    return Span(i, i + len(part), part)


def _segment_around(text: str, start: int, sep: str) -> Segment:
    a = text.rfind(sep, 0, start)
    a = 0 if a < 0 else a + len(sep)
    b = text.find(sep, start)
    b = len(text) if b < 0 else b
    return Segment(a, b, text[a:b])


def _sentence(text: str, start: int) -> Segment:
    para = _segment_around(text, start, "\n\n")
    starts = [para.start] + [para.start + m.end() for m in re.finditer(r"[.!?][\"”]?\s+(?=[\"“A-Z])", para.text)]
    a = max(s for s in starts if s <= start)
    ends = [e for e in starts[1:] if e > start] + [para.end]
    b = min(ends)
    sentence = text[a:b].rstrip()
    return Segment(a, a + len(sentence), sentence)


def make_claim(text: str, content: str, *, attribution=AttributionKind.INDIRECT, rule="said-after",
               speaker: Speaker | None = None, mention: str | None = None, antecedent: str | None = None,
               cue: str | None = None, hedge_cue: str | None = None, anonymity_cue: str | None = None,
               channel: str | None = None) -> Claim:
    c = _span(text, content)
    sentence = _sentence(text, c.start)
    m = _span(text, mention, sentence.start) if mention else None
    ant = _span(text, antecedent) if antecedent else None
    cu = _span(text, cue, sentence.start) if cue else None
    return Claim(c.start, c.end, c.text, sentence, _segment_around(text, c.start, "\n\n"), attribution, rule,
                 speaker=speaker, mention=m, antecedent=ant, cue=cu, hedge_cue=hedge_cue,
                 anonymity_cue=anonymity_cue, channel=channel)


ARTICLE_1 = (
    "Pentagon says drills will continue\n\n"
    "The drills will continue next week, Pentagon Press Secretary John Kirby said on Monday. "
    "\"We are not going to stop,\" he added.\n\n"
    "A U.S. official, speaking on condition of anonymity, said two ships were damaged.\n\n"
    "The navy is believed to have lost two ships.\n\n"
    "Defence spending rose 4 percent, according to the annual report."
)

ARTICLE_2 = (
    "Budget talks stall\n\n"
    "The budget will pass by Friday, Kirby said.\n\n"
    "The Pentagon said in a statement that costs had doubled.\n\n"
    "Johnny Kirby told reporters the talks were over."
)

# Markup and terminal escapes that must show literally and never act.
NASTY = (
    "Tricky [bold]x[/bold] headline\n\n"
    "The mayor said [@click=app.quit]quit[/] would close the app, and [/] is harmless.\n\n"
    "Officials said \x1b[31mred\x1b[0m text is just text."
)


def article_1() -> tuple[Document, Analysis]:
    t = ARTICLE_1
    claims = (
        make_claim(t, "The drills will continue next week", speaker=KIRBY,
                   mention="Pentagon Press Secretary John Kirby", cue="said"),
        make_claim(t, "We are not going to stop", attribution=AttributionKind.DIRECT, rule="quote-pronoun",
                   speaker=KIRBY, mention="he", antecedent="John Kirby", cue="added"),
        make_claim(t, "two ships were damaged", speaker=OFFICIAL, mention="A U.S. official", cue="said",
                   anonymity_cue="speaking on condition of anonymity"),
        make_claim(t, "The navy is believed to have lost two ships.", attribution=AttributionKind.UNATTRIBUTED,
                   rule="hedged-assertion", hedge_cue="is believed to"),
        make_claim(t, "Defence spending rose 4 percent", attribution=AttributionKind.ACCORDING_TO,
                   rule="according-to", speaker=REPORT, mention="the annual report", cue="according to"),
    )
    doc = Document(t, "pentagon.txt", "txt", title="Pentagon says drills will continue",
                   headline=Span(0, 34, t[:34]), author="Jane Doe", outlet="Example News",
                   url="https://example.org/pentagon")
    return doc, Analysis(claims=claims, byline="Jane Doe")


def article_2() -> tuple[Document, Analysis]:
    t = ARTICLE_2
    claims = (
        make_claim(t, "The budget will pass by Friday", speaker=Speaker("Kirby", SpeakerKind.PERSON),
                   mention="Kirby", cue="said"),
        make_claim(t, "costs had doubled", speaker=PENTAGON, mention="The Pentagon", cue="said",
                   channel="in a statement"),
        make_claim(t, "the talks were over", speaker=JOHNNY, mention="Johnny Kirby", cue="told"),
    )
    doc = Document(t, "budget.md", "md", title="Budget talks stall", author="Sam Roe", outlet="Daily Wire Service",
                   url="https://example.org/budget")
    return doc, Analysis(claims=claims, byline="Sam Roe")


def nasty() -> tuple[Document, Analysis]:
    t = NASTY
    claims = (
        make_claim(t, "[@click=app.quit]quit[/] would close the app, and [/] is harmless",
                   speaker=Speaker("[bold]Mayor[/bold]", SpeakerKind.PERSON), mention="The mayor", cue="said"),
        make_claim(t, "\x1b[31mred\x1b[0m text is just text", speaker=Speaker("Officials [/]", SpeakerKind.ANONYMOUS),
                   mention="Officials", cue="said"),
    )
    doc = Document(t, "nasty.txt", "txt", title="Tricky [bold]x[/bold] headline", author="[i]Eve[/i]",
                   url="https://example.org/[x]")
    return doc, Analysis(claims=claims)


def build_db(path: Path, *, with_nasty: bool = False) -> Path:
    """A small deterministic database: two articles, eight claims (plus the markup article)."""
    conn = open_db(str(path))
    try:
        for make in (article_1, article_2) + ((nasty,) if with_nasty else ()):
            store(conn, *make(), "test")
    finally:
        conn.close()
    return path


def build_big_db(path: Path, n_claims: int, per_article: int = 20) -> Path:
    """A large synthetic database written with executemany in one transaction (fast)."""
    import sqlite3  # noqa: F401  (the connection comes from open_db)

    from workbench.storage.db import write_transaction
    from workbench.storage.ingest import utc_now

    conn = open_db(str(path))
    now = utc_now()
    body = "Officials said the plan would work. " * per_article
    try:
        with write_transaction(conn):
            n_articles = (n_claims + per_article - 1) // per_article
            conn.executemany(
                "INSERT INTO articles (id, title, author, outlet, url, source, format, content_hash, text,"
                " ingested_at) VALUES (?, ?, 'Jane Doe', 'Example News', ?, ?, 'txt', ?, ?, ?)",
                ((a, f"Article {a}", f"https://example.org/{a}", f"a{a}.txt", f"hash{a}", body, now)
                 for a in range(1, n_articles + 1)))
            conn.executemany(
                "INSERT INTO speakers (id, name, kind, merge_key, created_at) VALUES (?, ?, ?, ?, ?)",
                ((i, f"Speaker {i}", ("person", "organization", "anonymous", "document")[i % 4], f"k:{i}", now)
                 for i in range(1, 1001)))
            words = ["plan", "budget", "ships", "drills", "costs", "talks", "navy", "report", "vote", "tax"]

            def rows():
                for i in range(1, n_claims + 1):
                    a = (i - 1) // per_article + 1
                    seq = (i - 1) % per_article
                    s = seq * 36
                    yield (i, a, seq + 1, f"claim {i} about the {words[i % 10]} and {words[(i // 10) % 10]}",
                           s + 15, s + 35, s, s + 36, 0, len(body), (i % 1000) + 1, "indirect", "said", 8 + s, 12 + s)
            conn.executemany(
                "INSERT INTO claims (id, article_id, sequence, text, start, end, sentence_start, sentence_end,"
                " paragraph_start, paragraph_end, speaker_id, attribution, rule, cue_start, cue_end)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
    finally:
        conn.close()
    return path
