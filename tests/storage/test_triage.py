"""Triage storage: scores, near-duplicate grouping (incremental and full), group marking, the worthiness queue."""

from __future__ import annotations

import json

import pytest

from workbench.domain.fingerprint import FINGERPRINT_VERSION, MIN_WORDS, fingerprint, numbers, same_claim
from workbench.domain.models import Speaker, SpeakerKind
from workbench.storage import StorageError, write_transaction
from workbench.storage import triage as st
from workbench.storage.db import database
from workbench.storage.ingest import store
from workbench.storage.migrations.triage_tables import m0xx_triage
from workbench.storage.reviews import history, mark
from workbench.services.triage import mark_group, regroup_all, rescore_all, triage_article

from tests.helpers import KIRBY, OFFICIAL, make_article

# Three ways to introduce the same claim, so the articles are not byte-identical.
LEADS = ("Kirby said", "Kirby told reporters", "John Kirby said on Monday")
MCNULTY = Speaker("Jessica McNulty", SpeakerKind.PERSON, role="spokeswoman")


@pytest.fixture
def tdb(db):
    """The migrated db with the triage tables (applied here until the migration is registered)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'claim_scores'").fetchone():
        with write_transaction(db):
            m0xx_triage(database(db))
    return db


def add(conn, text, claims, source):
    """Store and triage one hand-made article; returns {claim text: claim id}."""
    doc, analysis = make_article(text, claims, source=source, title=source)
    article_id = store(conn, doc, analysis, "test").article_id
    triage_article(conn, article_id)
    return {t: i for i, t in conn.execute("SELECT id, text FROM claims WHERE article_id = ?", (article_id,))}


def group(conn, claim_id):
    return {m.claim_id for m in st.group_members(conn, claim_id, include_self=True)}


# ------------------------------------------------------------------ fingerprints (pure)

@pytest.mark.parametrize(("text", "expected"), [
    ("five one-way drone attacks", {"5", "1"}),
    ("$3 million", {"3000000"}),
    ("3,000,000 dollars", {"3000000"}),
    ("$3m", {"3000000"}),
    ("three million dollars", {"3000000"}),
    ("twenty-five people", {"25"}),
    ("a dozen rockets", {"12"}),
    ("2,500 troops", {"2500"}),
    ("40% of voters", {"40"}),
    ("one hundred and five", {"105"}),
    ("the strikes hit the facilities", set()),
])
def test_numbers_are_canonical(text, expected):
    assert numbers(text) == expected


SAME = [
    ("the Iran-backed militias had carried out at least five one-way drone attacks against U.S. forces",
     "The Iran-backed militias have carried out at least five one-way drone attacks against US forces."),
    ("the targeted structures were operational weapons storage facilities, two in Syria and one in Iraq",
     "the targeted structures were weapons storage facilities, two in Syria and one in Iraq"),
    ('"We will take necessary and appropriate measures to defend U.S. personnel"',
     "we will take necessary and appropriate measures to defend U.S. personnel"),
    ("the council approved $3 million for road repairs this year",
     "the council approved 3,000,000 dollars for road repairs this year"),
]
DIFFERENT = [
    # merely similar: different numbers
    ("the militias carried out five drone attacks against U.S. forces in Iraq since April",
     "the militias carried out six drone attacks against U.S. forces in Iraq since April"),
    ("the council approved $3 million for road repairs this year",
     "the council approved $4 million for road repairs this year"),
    ("the militias carried out five drone attacks against U.S. forces in Iraq since April",
     "the militias carried out drone attacks against U.S. forces in Iraq since April"),
    # opposite polarity
    ("the pilots made it back safely from the mission over Syria",
     "the pilots didn't make it back safely from the mission over Syria"),
    # same topic, different statement
    ("the Pentagon is now assessing the effects of the airstrike on the militias",
     "the Pentagon said the airstrike destroyed two weapons depots used by the militias"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_true_duplicates_match_and_share_a_band(a, b):
    fa, fb = fingerprint(a), fingerprint(b)
    assert same_claim(fa, fb)
    assert set(fa.bands) & set(fb.bands), "LSH would not have proposed this pair"


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_similar_but_different_claims_do_not_match(a, b):
    assert not same_claim(fingerprint(a), fingerprint(b))


def test_short_claims_are_not_groupable():
    assert not fingerprint("he said it was necessary").groupable
    assert len("the strikes were necessary and limited".split()) >= MIN_WORDS
    assert fingerprint("the strikes were necessary and limited").groupable


# ------------------------------------------------------------------ grouping in the database

A1 = ("Kirby said the targeted structures were operational weapons storage facilities, two in Syria and one in Iraq. "
      "A U.S. defense official said the pilots made it back safely from the mission.\n")
A2 = ("The Pentagon's John Kirby said the targeted structures were weapons storage facilities, two in Syria and one "
      "in Iraq. An official said the pilots made it back safely from the mission over the border.\n")


def test_true_duplicates_across_two_articles_are_grouped(tdb):
    a = add(tdb, A1, [("the targeted structures were operational weapons storage facilities, two in Syria and one "
                       "in Iraq", KIRBY),
                      ("the pilots made it back safely from the mission", OFFICIAL)], "a1.txt")
    b = add(tdb, A2, [("the targeted structures were weapons storage facilities, two in Syria and one in Iraq", KIRBY),
                      ("the pilots made it back safely from the mission over the border", OFFICIAL)], "a2.txt")
    (a_struct, a_pilots), (b_struct, b_pilots) = sorted(a.values()), sorted(b.values())
    assert group(tdb, a_struct) == group(tdb, b_struct) == {a_struct, b_struct}
    assert group(tdb, a_pilots) == group(tdb, b_pilots) == {a_pilots, b_pilots}
    # The detail pane's list: the other claim, its article, speaker and status.
    (other,) = st.group_members(tdb, a_struct)
    assert (other.claim_id, other.article_title, other.speaker, other.status) == (
        b_struct, "a2.txt", "John Kirby", "unreviewed")
    # group id is the smallest claim id
    assert st.groups_of(tdb, [b_struct]) == {b_struct: a_struct}


def test_same_speaker_repeating_a_claim_is_grouped(tdb):
    text = ("McNulty said the militias had carried out at least five drone attacks against coalition forces. "
            "Later she repeated that the militias have carried out at least five drone attacks against "
            "coalition forces.\n")
    ids = add(tdb, text, [
        ("the militias had carried out at least five drone attacks against coalition forces", MCNULTY),
        ("the militias have carried out at least five drone attacks against coalition forces", MCNULTY),
    ], "repeat.txt")
    first, second = sorted(ids.values())
    assert group(tdb, first) == {first, second}


def test_similar_claims_with_different_numbers_are_not_grouped(tdb):
    a = add(tdb, "Officials said the militias carried out five drone attacks against U.S. forces in Iraq since "
                 "April. The council approved $3 million for road repairs this year.\n",
            [("the militias carried out five drone attacks against U.S. forces in Iraq since April", OFFICIAL),
             ("The council approved $3 million for road repairs this year.", None)], "n1.txt")
    b = add(tdb, "Officials said the militias carried out six drone attacks against U.S. forces in Iraq since "
                 "April. The council approved $4 million for road repairs this year.\n",
            [("the militias carried out six drone attacks against U.S. forces in Iraq since April", OFFICIAL),
             ("The council approved $4 million for road repairs this year.", None)], "n2.txt")
    for cid in [*a.values(), *b.values()]:
        assert st.group_members(tdb, cid) == []
    # They were candidates (same bands) and the numbers guard refused them.
    assert tdb.execute("SELECT count(*) FROM claim_groups").fetchone()[0] == 0


def test_short_claims_are_not_grouped(tdb):
    a = add(tdb, "Kirby said it was necessary.\n", [("it was necessary", KIRBY)], "s1.txt")
    b = add(tdb, "Kirby said again it was necessary.\n", [("it was necessary", KIRBY)], "s2.txt")
    assert st.group_members(tdb, next(iter(a.values()))) == []
    assert tdb.execute("SELECT count(*) FROM claim_bands WHERE claim_id IN (?, ?)",
                       (*a.values(), *b.values())).fetchone()[0] == 0


def test_a_third_article_joins_and_merges_groups(tdb):
    claim = "the targeted structures were operational weapons storage facilities, two in Syria and one in Iraq"
    ids = [next(iter(add(tdb, f"{lead} {claim}.\n", [(claim, KIRBY)], f"t{i}.txt").values())) for i, lead in enumerate(LEADS)]
    assert group(tdb, ids[2]) == set(ids)
    assert set(st.groups_of(tdb, ids).values()) == {min(ids)}


def test_triage_again_is_idempotent(tdb):
    ids = add(tdb, A1, [("the pilots made it back safely from the mission", OFFICIAL)], "a1.txt")
    add(tdb, A2, [("the pilots made it back safely from the mission over the border", OFFICIAL)], "a2.txt")
    before = tdb.execute("SELECT * FROM claim_groups ORDER BY claim_id").fetchall()
    bands = tdb.execute("SELECT count(*) FROM claim_bands").fetchone()[0]
    article_id = tdb.execute("SELECT article_id FROM claims WHERE id = ?", (next(iter(ids.values())),)).fetchone()[0]
    result = triage_article(tdb, article_id)
    assert (result.scored, result.grouped, result.stale_index) == (1, 1, False)
    assert tdb.execute("SELECT * FROM claim_groups ORDER BY claim_id").fetchall() == before
    assert tdb.execute("SELECT count(*) FROM claim_bands").fetchone()[0] == bands


def test_full_regroup_matches_incremental(tdb):
    add(tdb, A1, [("the targeted structures were operational weapons storage facilities, two in Syria and one "
                   "in Iraq", KIRBY), ("the pilots made it back safely from the mission", OFFICIAL)], "a1.txt")
    add(tdb, A2, [("the targeted structures were weapons storage facilities, two in Syria and one in Iraq", KIRBY),
                  ("the pilots made it back safely from the mission over the border", OFFICIAL)], "a2.txt")
    add(tdb, "Officials said the militias carried out six drone attacks against U.S. forces in Iraq since April.\n",
        [("the militias carried out six drone attacks against U.S. forces in Iraq since April", OFFICIAL)], "n.txt")
    incremental = tdb.execute("SELECT claim_id, group_id FROM claim_groups ORDER BY claim_id").fetchall()
    bands = tdb.execute("SELECT band_hash, claim_id FROM claim_bands ORDER BY 1, 2").fetchall()
    stats = regroup_all(tdb)
    assert tdb.execute("SELECT claim_id, group_id FROM claim_groups ORDER BY claim_id").fetchall() == incremental
    assert tdb.execute("SELECT band_hash, claim_id FROM claim_bands ORDER BY 1, 2").fetchall() == bands
    assert (stats.claims, stats.groups, stats.grouped_claims) == (5, 2, 4)
    assert st.get_meta(tdb, "fingerprint_version") == str(FINGERPRINT_VERSION)


def test_deleting_claims_takes_their_triage_rows(tdb):
    ids = add(tdb, A1, [("the pilots made it back safely from the mission", OFFICIAL)], "a1.txt")
    add(tdb, A2, [("the pilots made it back safely from the mission over the border", OFFICIAL)], "a2.txt")
    cid = next(iter(ids.values()))
    with write_transaction(tdb):
        tdb.execute("DELETE FROM claims WHERE id = ?", (cid,))
    for table in ("claim_scores", "claim_bands", "claim_groups"):
        assert tdb.execute(f"SELECT count(*) FROM {table} WHERE claim_id = ?", (cid,)).fetchone()[0] == 0


# ------------------------------------------------------------------ group marking

def _three_copies(tdb):
    claim = "the targeted structures were operational weapons storage facilities, two in Syria and one in Iraq"
    ids = [next(iter(add(tdb, f"{lead} {claim}.\n", [(claim, KIRBY)], f"g{i}.txt").values())) for i, lead in enumerate(LEADS)]
    lone = add(tdb, "Officials said the militias carried out six drone attacks against U.S. forces since April.\n",
               [("the militias carried out six drone attacks against U.S. forces since April", OFFICIAL)], "l.txt")
    return ids, next(iter(lone.values()))


def status(tdb, cid):
    return tdb.execute("SELECT status FROM claim_current WHERE claim_id = ?", (cid,)).fetchone()[0]


def test_group_mark_writes_one_event_per_claim_and_statuses_follow(tdb):
    ids, lone = _three_copies(tdb)
    events_before = tdb.execute("SELECT count(*) FROM review_events").fetchone()[0]
    event_ids = mark_group(tdb, ids[1], "unsourced", "ana")
    assert len(event_ids) == 3
    assert tdb.execute("SELECT count(*) FROM review_events").fetchone()[0] == events_before + 3
    rows = tdb.execute("SELECT claim_id, action, status, reviewer, origin FROM review_events"
                       " WHERE id IN (SELECT value FROM json_each(?)) ORDER BY claim_id",
                       (json.dumps(event_ids),)).fetchall()
    assert rows == [(cid, "mark", "unsourced", "ana", f"group:{ids[1]}") for cid in ids]
    assert [status(tdb, cid) for cid in ids] == ["unsourced"] * 3
    assert status(tdb, lone) == "unreviewed"
    assert [len(history(tdb, cid)) for cid in ids] == [1, 1, 1]


def test_group_mark_applies_the_highlighted_claims_status(tdb):
    ids, _ = _three_copies(tdb)
    mark(tdb, ids[0], "contested", "ana")
    mark_group(tdb, ids[0], None, "ana")
    assert [status(tdb, cid) for cid in ids] == ["contested"] * 3


def test_group_mark_on_an_ungrouped_claim_marks_just_it(tdb):
    _, lone = _three_copies(tdb)
    assert len(mark_group(tdb, lone, "sourced", "ana")) == 1
    assert status(tdb, lone) == "sourced"


def test_group_mark_refuses_without_a_decision(tdb):
    ids, _ = _three_copies(tdb)
    with pytest.raises(StorageError, match="no decision"):
        mark_group(tdb, ids[0], None, "ana")
    with pytest.raises(StorageError, match="not a decision|no decision"):
        mark_group(tdb, ids[0], "unreviewed", "ana")
    with pytest.raises(StorageError, match="no claim"):
        mark_group(tdb, 999_999, "sourced", "ana")
    assert tdb.execute("SELECT count(*) FROM review_events").fetchone()[0] == 0


# ------------------------------------------------------------------ scores and the worthiness queue

def test_scores_are_stored_with_reasons(tdb):
    ids = add(tdb, A1, [("the targeted structures were operational weapons storage facilities, two in Syria and one "
                         "in Iraq", KIRBY), ("the pilots made it back safely from the mission", OFFICIAL)], "a1.txt")
    structures, pilots = sorted(ids.values())
    score, reasons = st.score_of(tdb, structures)
    assert reasons[0] == "quantity: two in" or reasons[0].startswith("quantity: two")
    assert 0 < score <= 1
    assert "anonymous source" in st.score_of(tdb, pilots)[1]
    raw = tdb.execute("SELECT reasons FROM claim_scores WHERE claim_id = ?", (pilots,)).fetchone()[0]
    assert json.loads(raw) == list(st.score_of(tdb, pilots)[1])
    assert rescore_all(tdb) == 2


def test_queue_by_worthiness_orders_filters_and_pages(tdb):
    text = ("Kirby said the strikes hit three facilities, the largest raid this year. "
            "Kirby said the region has seen rising tensions. "
            "Kirby said I think the strikes were a mistake. "
            "An official said the pilots made it back safely.\n")
    ids = add(tdb, text, [("the strikes hit three facilities, the largest raid this year", KIRBY),
                          ("the region has seen rising tensions", KIRBY),
                          ("I think the strikes were a mistake", KIRBY),
                          ("the pilots made it back safely", OFFICIAL)], "q.txt")
    rows = st.queue_by_worthiness(tdb)
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)
    assert rows[0].text == "the strikes hit three facilities, the largest raid this year"
    assert rows[-1].text == "I think the strikes were a mistake"
    # keyset paging walks the same order
    page1 = st.queue_by_worthiness(tdb, limit=2)
    page2 = st.queue_by_worthiness(tdb, after=(page1[-1].score, page1[-1].claim_id), limit=2)
    assert [r.claim_id for r in page1 + page2] == [r.claim_id for r in rows]
    # "most check-worthy unsourced first"
    mark(tdb, ids["the region has seen rising tensions"], "unsourced", "ana")
    mark(tdb, ids["the strikes hit three facilities, the largest raid this year"], "unsourced", "ana")
    unsourced = st.queue_by_worthiness(tdb, status="unsourced")
    assert [r.text for r in unsourced] == ["the strikes hit three facilities, the largest raid this year",
                                          "the region has seen rising tensions"]
    assert all(r.status == "unsourced" for r in unsourced)


def test_worthiness_queue_uses_the_score_index(tdb):
    plan = " ".join(r[-1] for r in tdb.execute(
        "EXPLAIN QUERY PLAN SELECT claim_id FROM claim_scores ORDER BY score DESC, claim_id LIMIT 50"))
    assert "claim_scores_score" in plan and "TEMP B-TREE" not in plan


def test_triage_inside_an_ingest_batch_uses_a_savepoint(tdb):
    """The pipeline stores articles inside ``batch()``; triage right after store() joins that transaction."""
    from workbench.storage.ingest import batch

    claim = "the targeted structures were operational weapons storage facilities, two in Syria and one in Iraq"
    with batch(tdb):
        ids = []
        for i, lead in enumerate(LEADS[:2]):
            doc, analysis = make_article(f"{lead} {claim}.\n", [(claim, KIRBY)], source=f"b{i}.txt")
            article_id = store(tdb, doc, analysis, "test").article_id
            triage_article(tdb, article_id)
            ids.append(tdb.execute("SELECT id FROM claims WHERE article_id = ?", (article_id,)).fetchone()[0])
        assert tdb.in_transaction
    assert not tdb.in_transaction
    assert group(tdb, ids[0]) == set(ids)


def test_matching_many_at_once_agrees_with_same_claim():
    from workbench.domain.fingerprint import matching

    query = fingerprint(SAME[0][0])
    others = [fingerprint(b) for _, b in SAME + DIFFERENT] + [fingerprint(SAME[0][1])]
    assert matching(query, others) == [i for i, o in enumerate(others) if same_claim(query, o)] == [0, 9]
    assert matching(query, []) == []


def test_band_filter_sees_other_connections_and_rollbacks(tdb, db_path):
    """The per-connection band bitset never hides a band: another connection's claims and a rolled-back article."""
    from workbench.storage.db import connect

    struct = ("the targeted structures were operational weapons storage facilities, two in Syria and one in Iraq",
              KIRBY)
    pilots = ("the pilots made it back safely from the mission", OFFICIAL)
    add(tdb, "Filler article. Nothing to see here at all today.\n", [], "f.txt")  # builds tdb's filter
    other = connect(db_path)
    try:
        b = add(other, A1, [struct, pilots], "a1.txt")
    finally:
        other.close()
    # tdb's filter was built before the other connection stored a1: it must still find a1's bands.
    c = add(tdb, A2, [("the targeted structures were weapons storage facilities, two in Syria and one in Iraq",
                       KIRBY)], "a2.txt")
    (b_struct, _), (c_struct,) = sorted(b.values()), c.values()
    assert group(tdb, c_struct) == {b_struct, c_struct}
    # A rolled-back article leaves no rows; the bits it set only cost a lookup.
    with pytest.raises(RuntimeError), write_transaction(tdb):
        add(tdb, A1.replace("Kirby", "He"), [pilots], "r.txt")
        raise RuntimeError
    assert tdb.execute("SELECT count(*) FROM claims WHERE article_id NOT IN (SELECT id FROM articles)").fetchone() == (0,)
    full = {r for r in tdb.execute("SELECT band_hash, claim_id FROM claim_bands")}
    regroup_all(tdb)
    assert {r for r in tdb.execute("SELECT band_hash, claim_id FROM claim_bands")} == full
