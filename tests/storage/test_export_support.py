"""Provides small, exact test databases for the export, import and docs tests.

Articles go in through the real ``store()`` with hand-made claims whose
offsets are computed from the text, so ``text[start:end] == claim.text``.
The articles are chosen to be awkward: cells that look like spreadsheet
formulas, Markdown brackets and stars, non-ASCII, quotes, every speaker kind.
"""

from __future__ import annotations

from pathlib import Path

from workbench.domain.models import (
    Analysis, AttributionKind, Claim, Document, Segment, Span, Speaker, SpeakerKind,
)
from workbench.storage import open_db
from workbench.storage import reviews
from workbench.storage.ingest import store

KIRBY = Speaker("John Kirby", SpeakerKind.PERSON, role="Pentagon Press Secretary", affiliation="Pentagon")
OFFICIAL = Speaker("a U.S. official", SpeakerKind.ANONYMOUS, role="defense official")
REPORT = Speaker("the report", SpeakerKind.DOCUMENT, affiliation="Government Accountability Office")
PENTAGON = Speaker("Pentagon", SpeakerKind.ORGANIZATION)
MARIA = Speaker("María López", SpeakerKind.PERSON, role="council member")

SENTENCES_1 = [
    'Pentagon Press Secretary John Kirby said the strike "hit only military targets." ',
    '=HYPERLINK("http://evil.example","click") was pasted into the form, a U.S. official said on condition of anonymity. ',
    "The bridge will reopen in May [according to *plans*]. ",
    "According to the report, costs rose by 40% @ the site.\n\n",
    "-12 percent was the drop, the Pentagon said.",
]
TEXT_1 = "".join(SENTENCES_1)

SENTENCES_2 = [
    "+5 degrees is the forecast, María López said. ",
    "\tTabs lead this unattributed line. ",
    "The council met on Tuesday.",
]
TEXT_2 = "".join(SENTENCES_2)


def _sentence(sentences: list[str], sub_start: int) -> Segment:
    pos = 0
    for s in sentences:
        if pos <= sub_start < pos + len(s):
            body = s.rstrip()
            return Segment(pos, pos + len(body), body)
        pos += len(s)
    raise AssertionError("offset outside the text")


def claim(full: str, sentences: list[str], sub: str, speaker: Speaker | None, attribution: AttributionKind,
          mention: str | None = None, rule: str = "test-rule", **extra) -> Claim:
    """A claim over ``sub`` (first occurrence) with exact offsets."""
    start = full.index(sub)
    sentence = _sentence(sentences, start)
    m = None
    if mention is not None:
        ms = full.index(mention, sentence.start)
        m = Span(ms, ms + len(mention), mention)
    return Claim(start=start, end=start + len(sub), text=sub, sentence=sentence,
                 paragraph=Segment(0, len(full), full), attribution=attribution, rule=rule,
                 speaker=speaker, mention=m, **extra)


def article_1() -> tuple[Document, Analysis]:
    t, s = TEXT_1, SENTENCES_1
    claims = (
        claim(t, s, 'the strike "hit only military targets."', KIRBY, AttributionKind.PARTIAL, "John Kirby"),
        claim(t, s, '=HYPERLINK("http://evil.example","click") was pasted into the form', OFFICIAL,
              AttributionKind.INDIRECT, "a U.S. official", anonymity_cue="on condition of anonymity"),
        claim(t, s, "The bridge will reopen in May [according to *plans*].", None, AttributionKind.UNATTRIBUTED),
        claim(t, s, "costs rose by 40% @ the site", REPORT, AttributionKind.ACCORDING_TO, "the report"),
        claim(t, s, "-12 percent was the drop", PENTAGON, AttributionKind.INDIRECT, "the Pentagon"),
    )
    doc = Document(text=t, source="samples/strike.txt", format="txt", title="Strike [update]",
                   author="Jane Byline", outlet="The Daily", url="https://daily.example/strike",
                   published="2024-05-01")
    return doc, Analysis(claims=claims)


def article_2() -> tuple[Document, Analysis]:
    t, s = TEXT_2, SENTENCES_2
    claims = (
        claim(t, s, "+5 degrees is the forecast", MARIA, AttributionKind.INDIRECT, "María López"),
        claim(t, s, "\tTabs lead this unattributed line.", None, AttributionKind.UNATTRIBUTED),
        claim(t, s, "The council met on Tuesday.", None, AttributionKind.UNATTRIBUTED),
    )
    # No byline, no outlet, no URL: the fallbacks.
    doc = Document(text=t, source="samples/weather.md", format="md", title=None)
    return doc, Analysis(claims=claims)


def build(path: Path, *, reviewed: bool = True):
    """A migrated database with both articles and, when ``reviewed``, a spread of review events.

    Returns:
        the open connection.
    """
    conn = open_db(str(path))
    for doc, analysis in (article_1(), article_2()):
        store(conn, doc, analysis, "test")
    if reviewed:
        review(conn)
    return conn


def claim_ids(conn) -> dict[str, int]:
    """Claim id by the first 12 characters of its text."""
    return {text[:12]: cid for cid, text in conn.execute("SELECT id, text FROM claims ORDER BY id")}


def review(conn) -> None:
    """Alice and bob review some claims; bob contradicts alice once; one claim is cleared."""
    ids = claim_ids(conn)
    reviews.mark(conn, ids["the strike \""], "sourced", "alice", note="On the record; =see transcript",
                 evidence_url="https://defense.example/transcript")
    reviews.add_evidence(conn, ids["the strike \""], "https://video.example/briefing", "alice")
    reviews.mark(conn, ids['=HYPERLINK("'], "unsourced", "alice", note="+anonymous, no second source")
    reviews.mark(conn, ids["The bridge w"], "contested", "bob", note="City says June [not May]")
    reviews.mark(conn, ids["costs rose b"], "sourced", "alice")
    reviews.mark(conn, ids["costs rose b"], "unsourced", "bob", note="-report not public")
    reviews.mark(conn, ids["+5 degrees i"], "sourced", "alice")
    reviews.clear(conn, ids["+5 degrees i"], "alice")
    reviews.mark(conn, ids["The council "], "unsourced", "@carol")


# A third article repeating the Kirby claim of article 1 word for word: a near-duplicate group.
TEXT_3 = ('Pentagon Press Secretary John Kirby said the strike "hit only military targets." '
          "Five people were hurt in the blast, the health ministry said.")


def add_triage(conn) -> None:
    """Score every claim and group near-duplicates the way ingest does (adds article 3, a repeat)."""
    from workbench.services.triage import regroup_all, rescore_all

    sentences = [TEXT_3[: TEXT_3.index("Five")], TEXT_3[TEXT_3.index("Five"):]]
    claims = (
        claim(TEXT_3, sentences, 'the strike "hit only military targets."', KIRBY, AttributionKind.PARTIAL,
              "John Kirby"),
        claim(TEXT_3, sentences, "Five people were hurt in the blast", Speaker("health ministry",
              SpeakerKind.ORGANIZATION), AttributionKind.INDIRECT, "the health ministry"),
    )
    store(conn, Document(text=TEXT_3, source="samples/repeat.txt", format="txt", title="Blast",
                         outlet="The Other Daily", url="https://other.example/blast", published="2024-05-02"),
          Analysis(claims=claims), "test")
    regroup_all(conn)
    rescore_all(conn)


def bare_copy(path: Path):
    """A fresh database from the same articles, with no reviews (another reviewer's copy)."""
    return build(path, reviewed=False)
