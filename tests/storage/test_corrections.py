"""Corrections: append-only events, claim_review's corrected and original values, rule_precision, re-extraction."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from click.testing import CliRunner

from tests.tui.tui_fixtures import ARTICLE_1, ARTICLE_2, article_1, article_2, build_db
from workbench.cli import main
from workbench.domain.models import Analysis, Speaker, SpeakerKind
from workbench.storage import StorageError, connect, open_db
from workbench.storage import corrections as k
from workbench.storage import correction_history, reextract, span_steps
from workbench.storage import reviews
from workbench.storage.rule_precision import rule_precision
from workbench.storage.ingest import store


@pytest.fixture
def path(tmp_path):
    return build_db(tmp_path / "workbench.db")


@pytest.fixture
def conn(path):
    c = connect(path)
    yield c
    c.close()


def review_row(conn, claim_id):
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute("SELECT * FROM claim_review WHERE claim_id = ?", (claim_id,)).fetchone())
    finally:
        conn.row_factory = None


def test_reassign_to_existing_speaker_keeps_original(conn):
    pentagon = conn.execute("SELECT id FROM speakers WHERE name = 'Pentagon'").fetchone()[0]
    k.reassign_speaker(conn, 1, pentagon, "alice", mention=(ARTICLE_1.index("Pentagon Press"),
                                                             ARTICLE_1.index("Pentagon Press") + 8))
    row = review_row(conn, 1)
    assert (row["speaker"], row["original_speaker"], row["corrected"]) == ("Pentagon", "John Kirby", 1)
    assert row["mention"] == "Pentagon" and row["original_mention"] == "Pentagon Press Secretary John Kirby"
    assert row["corrected_by"] == "alice" and row["corrected_at"]
    # The extractor's value stays on claims.
    assert conn.execute("SELECT s.name FROM claims c JOIN speakers s ON s.id = c.speaker_id WHERE c.id = 1"
                        ).fetchone() == ("John Kirby",)


def test_reassign_to_new_speaker(conn):
    k.reassign_speaker(conn, 4, None, "bob", new_speaker=Speaker("Navy analysts", SpeakerKind.ORGANIZATION,
                                                                 role="analysts", affiliation="US Navy"))
    row = review_row(conn, 4)
    assert (row["speaker"], row["speaker_kind"], row["speaker_role"], row["speaker_affiliation"]) == (
        "Navy analysts", "organization", "analysts", "US Navy")
    assert row["original_speaker_kind"] == "author" and row["corrected"] == 1
    names = [s.name for s in k.article_speakers(conn, 1)]
    assert "Navy analysts" in names and "John Kirby" in names
    with pytest.raises(StorageError, match="kind"):
        k.reassign_speaker(conn, 4, None, "bob", new_speaker=Speaker("X", "wizard"))  # type: ignore[arg-type]


def test_events_are_append_only(conn):
    k.not_claim(conn, 2, "alice")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE correction_events SET reviewer = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM correction_events")


def test_not_claim_and_undo(conn):
    event = k.not_claim(conn, 2, "alice")
    assert review_row(conn, 2)["excluded"] == "not_claim"
    assert review_row(conn, 2)["corrected"] == 1
    [undo] = correction_history.undo(conn, event.id, "alice")
    assert (undo.action, undo.undoes_event_id) == ("restore", event.id)
    row = review_row(conn, 2)
    assert row["excluded"] is None and row["corrected"] == 0
    assert [e.action for e in correction_history.history(conn, 2)] == ["not_claim", "restore"]


def test_span_adjust_keeps_offsets_exact(conn):
    span = k.current(conn, 1)
    s, e = span_steps.grow_end(ARTICLE_1, span.start, span.end)
    assert ARTICLE_1[s:e] == "The drills will continue next week,"
    s, e = span_steps.shrink_end(ARTICLE_1, s, e)
    assert ARTICLE_1[s:e] == "The drills will continue next"
    s, e = span_steps.shrink_start(ARTICLE_1, s, e)
    assert ARTICLE_1[s:e] == "drills will continue next"
    assert span_steps.grow_start(ARTICLE_1, s, e) == (span.start, e)
    k.adjust_span(conn, 1, s, e, "alice")
    row = review_row(conn, 1)
    assert (row["start"], row["end"], row["text"]) == (s, e, "drills will continue next")
    assert ARTICLE_1[row["start"]:row["end"]] == row["text"]
    assert (row["original_start"], row["original_end"]) == (span.start, span.end)
    with pytest.raises(StorageError):
        k.adjust_span(conn, 1, 10, 10_000, "alice")


def test_split_and_undo(conn):
    span = k.current(conn, 3)  # "two ships were damaged"
    at = span.start + len("two ships ")
    event, new_id = k.split(conn, 3, at, "alice")
    first, second = review_row(conn, 3), review_row(conn, new_id)
    assert first["text"] == "two ships" and second["text"] == "were damaged"
    for r in (first, second):
        assert ARTICLE_1[r["start"]:r["end"]] == r["text"]
    assert second["rule"] == "reviewer_split" and second["status"] == "unreviewed"
    assert second["speaker"] == "U.S. official" and second["sequence"] == 6
    assert [b[1] for b in span_steps.word_boundaries(ARTICLE_1, span.start, span.end)] == [
        "two", "two ships", "two ships were"]
    correction_history.undo(conn, event.id, "alice")
    assert review_row(conn, 3)["text"] == "two ships were damaged"
    assert review_row(conn, new_id)["excluded"] == "not_claim"


def test_merge_with_next_and_undo(conn):
    event, other = k.merge_next(conn, 1, "alice")
    assert other == 2
    row = review_row(conn, 1)
    assert row["text"] == ARTICLE_1[row["start"]:row["end"]]
    assert row["text"].startswith("The drills") and row["text"].endswith("We are not going to stop")
    assert review_row(conn, 2)["excluded"] == "merged"
    assert k.next_claim(conn, 1) == 3  # the merged claim is skipped
    correction_history.undo(conn, event.id, "alice")
    assert review_row(conn, 1)["text"] == "The drills will continue next week"
    assert review_row(conn, 2)["excluded"] is None
    with pytest.raises(StorageError, match="last claim"):
        k.merge_next(conn, 5, "alice")


# Rule precision on the UI fixture (rules: said-after 1,3,6,7,8; quote-pronoun 2; hedged-assertion 4;
# according-to 5):
#   2 speaker changed               -> quote-pronoun: 1 claim, 1 reviewed, 1 corrected, precision 0
#   3 not a claim, 6 span changed   -> said-after: 5 claims; reviewed 3, 6, 7 (corrected, then undone) and
#   7 speaker changed then undone      8 (marked) = 4; corrected 3, 6 = 2; precision 1 - 2/4 = 0.5
#   8 marked sourced
#   4 marked unsourced              -> hedged-assertion: 1, 1, 0, precision 1.0
#   5 nothing                       -> according-to: 1, 0, 0, precision None (listed last)
def test_rule_precision_known_answers(conn):
    pentagon = conn.execute("SELECT id FROM speakers WHERE name = 'Pentagon'").fetchone()[0]
    k.reassign_speaker(conn, 2, pentagon, "alice")
    k.not_claim(conn, 3, "alice")
    s6 = k.current(conn, 6)
    k.adjust_span(conn, 6, *span_steps.shrink_end(ARTICLE_2, s6.start, s6.end), "alice")
    e7 = k.reassign_speaker(conn, 7, pentagon, "alice")
    correction_history.undo(conn, e7.id, "alice")
    reviews.mark(conn, 8, "sourced", "alice")
    reviews.mark(conn, 4, "unsourced", "alice")
    rows = [(r.rule, r.claims, r.reviewed, r.corrected, r.speaker_changed, r.not_claim, r.span_changed, r.precision)
            for r in rule_precision(conn)]
    assert rows == [
        ("quote-pronoun", 1, 1, 1, 1, 0, 0, 0.0),
        ("said-after", 5, 4, 2, 0, 1, 1, 0.5),
        ("hedged-assertion", 1, 1, 0, 0, 0, 0, 1.0),
        ("according-to", 1, 0, 0, 0, 0, 0, None),
    ]


def test_rules_command(path, conn):
    k.not_claim(conn, 2, "alice")
    result = CliRunner().invoke(main, ["rules", "--db", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines.index(next(x for x in lines if "quote-pronoun" in x)) < \
        lines.index(next(x for x in lines if "said-after" in x))
    assert "0.000" in result.output


def test_correction_survives_reingest(path, conn):
    k.not_claim(conn, 2, "alice")
    span = k.current(conn, 1)
    k.adjust_span(conn, 1, *span_steps.shrink_end(ARTICLE_1, span.start, span.end), "alice")
    reviews.mark(conn, 1, "sourced", "alice")
    before = review_row(conn, 1)
    again = store(conn, *article_1(), "test")
    assert again.duplicate
    assert review_row(conn, 1) == before
    assert review_row(conn, 2)["excluded"] == "not_claim"


def test_correction_survives_reextract(path, conn):
    kirby = conn.execute("SELECT id FROM speakers WHERE name = 'Pentagon'").fetchone()[0]
    k.reassign_speaker(conn, 3, kirby, "alice")  # claim 3 kept: same span and text
    reviews.mark(conn, 3, "contested", "alice")
    reviews.mark(conn, 4, "sourced", "alice")  # claim 4 vanishes but has history: kept
    doc, analysis = article_1()
    c1, c2, c3, c4, c5 = analysis.claims
    changed = replace(c1, end=c1.end - len(" next week"), text=c1.text[:-len(" next week")])

    def newer(text, headline=None):
        assert text == ARTICLE_1
        return Analysis(claims=(changed, c3, replace(c5, rule="according-to-v2")), byline="Jane Doe")

    result = reextract.reextract(conn, 1, newer, "v2")
    assert (result.kept, result.added, result.removed, result.dropped_with_history) == (2, 1, 2, 1)
    row = review_row(conn, 3)
    assert (row["speaker"], row["original_speaker"], row["status"]) == ("Pentagon", "U.S. official", "contested")
    assert [e.action for e in correction_history.history(conn, 3)] == ["speaker"]
    assert review_row(conn, 4)["extractor_dropped"] == 1 and review_row(conn, 4)["status"] == "sourced"
    assert review_row(conn, 5)["rule"] == "according-to-v2"
    assert conn.execute("SELECT count(*) FROM claims WHERE id IN (1, 2)").fetchone()[0] == 0
    new = conn.execute("SELECT id, text FROM claims WHERE article_id = 1 AND id > 8").fetchall()
    assert [t for _, t in new] == ["The drills will continue"]
    seqs = conn.execute("SELECT sequence FROM claims WHERE article_id = 1 ORDER BY sequence").fetchall()
    assert [s for (s,) in seqs] == [1, 2, 3, 4]
    assert conn.execute("SELECT extractor_version FROM articles WHERE id = 1").fetchone() == ("v2",)
    for r in conn.execute("SELECT c.start, c.end, c.text, a.text FROM claims c JOIN articles a"
                          " ON a.id = c.article_id"):
        assert r[3][r[0]:r[1]] == r[2]


def test_reextract_command_with_real_extractor(tmp_path):
    db = tmp_path / "w.db"
    conn = open_db(str(db))
    store(conn, *article_2(), "test")
    reviews.mark(conn, 1, "sourced", "alice")
    conn.close()
    result = CliRunner().invoke(main, ["reextract", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "article 1:" in result.output
    conn = connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM review_events WHERE claim_id = 1").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM claims WHERE id = 1").fetchone()[0] == 1
    finally:
        conn.close()
    bad = CliRunner().invoke(main, ["reextract", "--db", str(db), "--article", "99"])
    assert bad.exit_code == 1 and "no article with id 99" in bad.output


def test_export_shows_corrected_values_and_originals(conn):
    import csv
    import io
    import json

    from workbench.storage.export import iter_json_lines, iter_records
    from workbench.storage.export_csv import export_csv, write_csv

    pentagon = conn.execute("SELECT id FROM speakers WHERE name = 'Pentagon'").fetchone()[0]
    k.reassign_speaker(conn, 1, pentagon, "alice")
    k.merge_next(conn, 3, "alice")  # 3 grows over 4; 4 is merged away
    k.not_claim(conn, 5, "alice")
    records = {r["claim_id"]: r for r in iter_records(conn)}
    assert set(records) == {1, 2, 3, 6, 7, 8}  # not-a-claim and merged claims are not exported
    one, three, two = records[1], records[3], records[2]
    assert (one["speaker"], one["original_speaker"], one["corrected"]) == ("Pentagon", "John Kirby", True)
    assert (one["start"], one["end"]) == (one["original_start"], one["original_end"])
    assert three["corrected"] and three["text"] == ARTICLE_1[three["start"]:three["end"]]
    assert three["text"].endswith("lost two ships.") and three["original_end"] < three["end"]
    assert three["sentence"].startswith("A U.S. official") and three["sentence"].endswith("two ships.")
    assert not two["corrected"] and two["original_speaker"] == two["speaker"]
    for flt_history in (False, True):
        fast = [json.loads(line) for line in iter_json_lines(conn, with_history=flt_history)]
        assert fast == list(iter_records(conn, with_history=flt_history))
    out_fast, out_slow = io.StringIO(newline=""), io.StringIO(newline="")
    export_csv(conn, out_fast)
    write_csv(iter_records(conn), out_slow)
    assert list(csv.reader(io.StringIO(out_fast.getvalue()))) == list(csv.reader(io.StringIO(out_slow.getvalue())))
