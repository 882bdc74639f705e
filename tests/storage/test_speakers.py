"""Speakers across articles: merged by name, anonymous per article, aliases kept."""

from __future__ import annotations

from workbench.domain.models import Speaker, SpeakerKind
from workbench.storage.ingest import store

from tests.helpers import make_article

KIRBY_FULL = Speaker("John Kirby", SpeakerKind.PERSON, role="Pentagon Press Secretary")


def test_same_person_is_one_row_across_articles(db):
    d1, a1 = make_article("John Kirby said the base was hit.\n", [("the base was hit", KIRBY_FULL)], source="a.txt")
    d2, a2 = make_article("Later John Kirby said no one was hurt.\n", [("no one was hurt", KIRBY_FULL)], source="b.txt")
    store(db, d1, a1, "t")
    store(db, d2, a2, "t")
    rows = db.execute("SELECT name, role FROM speakers WHERE kind = 'person'").fetchall()
    assert rows == [("John Kirby", "Pentagon Press Secretary")]


def test_bare_surname_joins_unique_person_and_is_kept_as_alias(db):
    d1, a1 = make_article("John Kirby said the base was hit.\n", [("the base was hit", KIRBY_FULL)], source="a.txt")
    store(db, d1, a1, "t")
    d2, a2 = make_article("Kirby said no one was hurt.\n", [("no one was hurt", Speaker("Kirby", SpeakerKind.PERSON))],
                          source="b.txt")
    store(db, d2, a2, "t")
    assert db.execute("SELECT count(*) FROM speakers WHERE kind = 'person'").fetchone()[0] == 1
    aliases = {r[0] for r in db.execute("SELECT alias FROM speaker_aliases")}
    assert aliases == {"John Kirby", "Kirby"}


def test_anonymous_speakers_are_per_article(db):
    official = Speaker("U.S. official", SpeakerKind.ANONYMOUS)
    d1, a1 = make_article("A U.S. official said talks stalled.\n", [("talks stalled", official)], source="a.txt")
    d2, a2 = make_article("A U.S. official said talks resumed.\n", [("talks resumed", official)], source="b.txt")
    store(db, d1, a1, "t")
    store(db, d2, a2, "t")
    assert db.execute("SELECT count(*) FROM speakers WHERE kind = 'anonymous'").fetchone()[0] == 2


def test_author_claims_belong_to_the_byline(db):
    doc, analysis = make_article("The region has seen rising tensions.\n",
                                 [("The region has seen rising tensions.", None)], author="Stephen Losey")
    store(db, doc, analysis, "t")
    row = db.execute("SELECT s.name, s.kind FROM claims c JOIN speakers s ON s.id = c.speaker_id").fetchone()
    assert row == ("Stephen Losey", "author")


def test_duplicate_content_is_a_noop(db):
    doc, analysis = make_article("John Kirby said the base was hit.\n", [("the base was hit", KIRBY_FULL)])
    first = store(db, doc, analysis, "t")
    again = store(db, doc, analysis, "t")
    assert again.duplicate and again.article_id == first.article_id
    assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == 1
