"""Updated articles (issue 9): a new version beside the old, reviews carried, changed claims flagged, the diff."""

from __future__ import annotations

import dataclasses

import pytest

from workbench.storage import StorageError
from workbench.storage.ingest import store
from workbench.storage.reviews import mark
from workbench.storage.versions import diff, word_diff

from tests.helpers import KIRBY, OFFICIAL, make_article

URL = "https://example.com/strikes"
V1 = ("John Kirby said the strikes hit three facilities. An official said the pilots returned safely. "
      "John Kirby said the region was calm.\n")
V2 = ("John Kirby said the strikes hit four facilities. An official said the pilots returned safely. "
      "John Kirby said more strikes may follow.\n")


def _store(db, text, claims, url=URL):
    doc, analysis = make_article(text, claims)
    return store(db, dataclasses.replace(doc, url=url), analysis, "test")


def _v1(db):
    return _store(db, V1, [("the strikes hit three facilities", KIRBY), ("the pilots returned safely", OFFICIAL),
                           ("the region was calm", KIRBY)])


def _v2(db):
    return _store(db, V2, [("the strikes hit four facilities", KIRBY), ("the pilots returned safely", OFFICIAL),
                           ("more strikes may follow", KIRBY)])


def _ids(db, article_id):
    return {t: i for i, t in db.execute("SELECT id, text FROM claims WHERE article_id = ?", (article_id,))}


def test_carrying_reviews_across_an_updated_article(db):
    first = _v1(db)
    old = _ids(db, first.article_id)
    e1 = mark(db, old["the pilots returned safely"], "sourced", "ana", note="named in the release")
    mark(db, old["the strikes hit three facilities"], "unsourced", "ana")
    second = _v2(db)
    assert not second.duplicate and second.article_id != first.article_id
    assert db.execute("SELECT version_of, version FROM articles WHERE id = ?", (second.article_id,)).fetchone() == (
        first.article_id, 2)
    new = _ids(db, second.article_id)
    pilots = new["the pilots returned safely"]
    # Unchanged claim: status carried by a new event pointing to the original one.
    assert db.execute("SELECT status, note FROM claim_current WHERE claim_id = ?", (pilots,)).fetchone() == (
        "sourced", "named in the release")
    event_id = e1 if isinstance(e1, int) else e1.id
    assert db.execute("SELECT action, status, reviewer, origin FROM review_events WHERE claim_id = ?",
                      (pilots,)).fetchall() == [("mark", "sourced", "ana", f"carried:{event_id}")]
    assert db.execute("SELECT changed_since_version, previous_claim_id FROM claims WHERE id = ?",
                      (pilots,)).fetchone() == (0, old["the pilots returned safely"])
    # Changed and new claims: unreviewed, flagged.
    for text in ("the strikes hit four facilities", "more strikes may follow"):
        assert db.execute("SELECT c.changed_since_version, cc.status FROM claims c JOIN claim_current cc"
                          " ON cc.claim_id = c.id WHERE c.id = ?", (new[text],)).fetchone() == (1, "unreviewed")
    # The old version keeps its claims and reviews; nothing old was rewritten.
    assert db.execute("SELECT status FROM claim_current WHERE claim_id = ?",
                      (old["the strikes hit three facilities"],)).fetchone() == ("unsourced",)
    assert len(_ids(db, first.article_id)) == 3


def test_same_text_again_is_still_a_duplicate(db):
    first = _v1(db)
    again = _v1(db)
    assert again.duplicate and again.article_id == first.article_id
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_no_url_no_version(db):
    _store(db, V1, [("the strikes hit three facilities", KIRBY)], url=None)
    second = _store(db, V2, [("the strikes hit four facilities", KIRBY)], url=None)
    assert db.execute("SELECT version_of, version FROM articles WHERE id = ?", (second.article_id,)).fetchone() == (
        None, 1)


def test_a_third_version_points_to_the_first(db):
    first = _v1(db)
    _v2(db)
    third = _store(db, V2 + "Update.\n", [("the pilots returned safely", OFFICIAL)])
    assert db.execute("SELECT version_of, version FROM articles WHERE id = ?", (third.article_id,)).fetchone() == (
        first.article_id, 3)


def test_diff_claim_by_claim(db):
    first = _v1(db)
    mark(db, _ids(db, first.article_id)["the pilots returned safely"], "sourced", "ana")
    _v2(db)
    result = diff(db, URL)
    assert (result.old_version, result.new_version) == (1, 2)
    kinds = [(c.kind, c.old_text, c.new_text) for c in result.changes]
    assert kinds == [
        ("changed", "the strikes hit three facilities", "the strikes hit four facilities"),
        ("unchanged", "the pilots returned safely", "the pilots returned safely"),
        ("changed", "the region was calm", "more strikes may follow"),
    ] or kinds == [
        ("changed", "the strikes hit three facilities", "the strikes hit four facilities"),
        ("unchanged", "the pilots returned safely", "the pilots returned safely"),
        ("added", None, "more strikes may follow"),
        ("removed", "the region was calm", None),
    ]
    assert result.changes[1].status == "sourced"
    assert diff(db, str(first.article_id)).new_article_id == result.new_article_id


def test_removed_claims_are_listed(db):
    _v1(db)
    _store(db, V2, [("the pilots returned safely", OFFICIAL)])
    kinds = [(c.kind, c.old_text or c.new_text) for c in diff(db, URL).changes]
    assert kinds == [("removed", "the strikes hit three facilities"), ("unchanged", "the pilots returned safely"),
                     ("removed", "the region was calm")]


def test_diff_errors(db):
    _v1(db)
    with pytest.raises(StorageError, match="one version"):
        diff(db, URL)
    with pytest.raises(StorageError, match="no article"):
        diff(db, "nope")


def test_word_diff():
    assert word_diff("the strikes hit three facilities", "the strikes hit four facilities") == [
        ("=", "the strikes hit"), ("-", "three"), ("+", "four"), ("=", "facilities")]


def test_corrections_carry_to_the_new_version_with_shifted_offsets(db):
    from workbench.storage import corrections

    url = "https://example.com/weather"
    t1 = ("John Kirby said the strikes hit three facilities. An official said the pilots returned safely. "
          "John Kirby said the weather was clear.\n")
    t2 = t1.replace("three", "four")
    claims = [("the strikes hit three facilities", KIRBY), ("the pilots returned safely", OFFICIAL),
              ("the weather was clear", KIRBY)]
    first = _store(db, t1, claims, url=url)
    old = _ids(db, first.article_id)
    kirby = db.execute("SELECT speaker_id FROM claims WHERE id = ?", (old["the weather was clear"],)).fetchone()[0]
    m = t1.index("An official")
    moved = corrections.reassign_speaker(db, old["the pilots returned safely"], kirby, "ana",
                                         mention=(m, m + len("An official")))
    dropped = corrections.not_claim(db, old["the weather was clear"], "ana")
    second = _store(db, t2, [(t.replace("three", "four"), s) for t, s in claims], url=url)
    new = _ids(db, second.article_id)
    pilots, weather = new["the pilots returned safely"], new["the weather was clear"]
    rows = db.execute("SELECT claim_id, action, reviewer, speaker_id, mention_start, mention_end, mention_text, origin"
                      " FROM correction_events WHERE claim_id IN (?, ?) ORDER BY id", (pilots, weather)).fetchall()
    m2 = t2.index("An official")
    assert m2 == m - 1  # "four" is one character shorter than "three"
    assert rows == [(pilots, "speaker", "ana", kirby, m2, m2 + len("An official"), "An official", f"carried:{moved.id}"),
                    (weather, "not_claim", "ana", None, None, None, None, f"carried:{dropped.id}")]
    cur = corrections.current(db, pilots)
    assert cur.speaker_id == kirby and t2[cur.mention_start:cur.mention_end] == "An official"
    assert corrections.current(db, weather).excluded == "not_claim"
    # The old version keeps its own events; nothing was updated in place.
    assert db.execute("SELECT count(*) FROM correction_events WHERE claim_id IN (?, ?)",
                      (old["the pilots returned safely"], old["the weather was clear"])).fetchone()[0] == 2
