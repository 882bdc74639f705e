"""Property tests through the whole pipeline: any text in, stored claims stay true to the stored article.

hypothesis writes article-like text (reporting verbs, quotes, names, odd
characters), ``pipeline.ingest_documents`` stores it in a fresh database, and
the stored rows are checked against the stored article text.
"""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.domain.models import Document
from workbench.services.pipeline import ingest_documents
from workbench.storage import open_db

WORDS = st.sampled_from([
    "said", "says", "told", "according to", "Kirby", "John Kirby", "the minister", "officials", "a spokesperson",
    "“", "”", '"', "'", "The", "council", "will", "not", ",", ".", "?", "!", ":", ";", "\n", "\n\n", "—",
    "Sen.", "U.S.", "Dr.", "he", "she", "they", "it", "added", "claimed", "Reuters", "AP", "(", ")", "[b]",
    "\x1b[31m", "\u200b", "مرحبا", "東京", "DROP TABLE claims;--", " ", "  ", "\t", "\r\n",
])
ARTICLE = st.one_of(
    st.lists(WORDS, min_size=1, max_size=80).map(" ".join),
    st.text(min_size=1, max_size=400),
    st.lists(st.one_of(WORDS, st.text(max_size=12)), min_size=1, max_size=60).map("".join),
)


def check_article(db: sqlite3.Connection, *, overlap: bool = True) -> int:
    checked = 0
    for article_id, text in db.execute("SELECT id, text FROM articles"):
        claims = db.execute(
            "SELECT c.start, c.end, c.text, c.mention_start, c.mention_end, c.mention_text, c.antecedent_start,"
            " c.antecedent_end, c.antecedent_text, c.cue_start, c.cue_end, c.cue_text, s.kind, s.name, a.alias"
            " FROM claims c JOIN speakers s ON s.id = c.speaker_id LEFT JOIN speaker_aliases a ON a.id = c.alias_id"
            " WHERE c.article_id = ? ORDER BY c.start", (article_id,)).fetchall()
        prev_end = 0
        for (start, end, claim, ms, me, mt, as_, ae, at, cs, ce, ct, kind, name, alias) in claims:
            assert 0 <= start < end <= len(text)
            assert text[start:end] == claim
            if overlap:
                assert start >= prev_end, f"claims overlap at {start} (previous claim ends at {prev_end})"
            prev_end = max(prev_end, end)
            for s, e, t in ((ms, me, mt), (as_, ae, at), (cs, ce, ct)):
                if t is not None:
                    assert text[s:e] == t
            if kind != "author":
                # The speaker is named by a mention (or its antecedent) found in this article.
                assert mt is not None or at is not None, f"speaker {name!r} with no mention in the article"
                if alias is not None:
                    assert alias in text, f"alias {alias!r} is not in the article"
            checked += 1
    return checked


def run_one(tmp_path_factory, text: str, *, overlap: bool = False) -> None:
    path = tmp_path_factory.mktemp("prop") / "w.db"
    conn = open_db(str(path))
    try:
        summary = ingest_documents(conn, [Document(text=text, source="generated.txt", format="txt")])
        assert summary.failed == 0 or all("could not extract" in f for f in summary.failures)
        check_article(conn, overlap=overlap)
    finally:
        conn.close()


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ARTICLE)
def test_any_text_through_the_pipeline(tmp_path_factory, text):
    run_one(tmp_path_factory, text)


@pytest.mark.soak
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ARTICLE)
def test_soak_any_text_through_the_pipeline(tmp_path_factory, text):
    run_one(tmp_path_factory, text)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ARTICLE)
def test_claims_never_overlap(tmp_path_factory, text):
    run_one(tmp_path_factory, text, overlap=True)
