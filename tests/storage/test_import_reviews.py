"""Tests merging reviews from another reviewer's export (import-reviews)."""

from __future__ import annotations

import io
import json

import click
import pytest
from click.testing import CliRunner

from tests.storage.test_export_support import bare_copy, build, claim_ids
from workbench.cli.export import export_command, import_reviews_command
from workbench.storage import StorageError, reviews
from workbench.storage.export import export_json, export_jsonl, iter_records
from workbench.storage.export_csv import export_csv
from workbench.storage.import_reviews import import_reviews

STATE = ("status", "reviewer", "note", "evidence", "reviewed_at")


def _state(conn) -> dict:
    return {(r["content_hash"], r["start"], r["end"]): tuple(r[k] for k in STATE) for r in iter_records(conn)}


def _events(conn) -> list[tuple]:
    return conn.execute("SELECT c.start, c.end, e.action, e.status, e.reviewer, e.note, e.evidence_url, e.created_at"
                        " FROM review_events e JOIN claims c ON c.id = e.claim_id"
                        " ORDER BY e.created_at, c.start, e.action").fetchall()


def _export(conn, path, writer, **kw):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer(conn, f, **kw)
    return path


@pytest.fixture
def alice(tmp_path):
    c = build(tmp_path / "alice.db")
    yield c
    c.close()


@pytest.fixture
def fresh(tmp_path):
    c = bare_copy(tmp_path / "fresh.db")
    yield c
    c.close()


@pytest.mark.parametrize("writer, name", [(export_jsonl, "a.jsonl"), (export_csv, "a.csv"), (export_json, "a.json")])
def test_round_trip_gives_every_claim_the_same_state(tmp_path, alice, fresh, writer, name):
    """Every claim but the disputed one: one row cannot say what each reviewer marked (that needs history)."""
    path = _export(alice, tmp_path / name, writer)
    summary = import_reviews(fresh, path)
    assert summary.added > 0 and summary.unmatched_articles == summary.unmatched_claims == 0
    assert summary.refused == {"a disputed record without its events is not importable (export with"
                               " --with-history)": 1}
    mine, theirs = _state(alice), _state(fresh)
    disputed = [k for k, v in mine.items() if v[0] == "disputed"]
    assert len(disputed) == 1 and theirs.pop(disputed[0])[0] == "unreviewed"
    mine.pop(disputed[0])
    assert theirs == mine


@pytest.mark.parametrize("writer, name", [(export_jsonl, "h.jsonl"), (export_csv, "h.csv")])
def test_round_trip_with_history_replays_every_event(tmp_path, alice, fresh, writer, name):
    path = _export(alice, tmp_path / name, writer, with_history=True)
    summary = import_reviews(fresh, path)
    assert summary.added == alice.execute("SELECT count(*) FROM review_events").fetchone()[0]
    assert _events(fresh) == _events(alice)
    assert _state(fresh) == _state(alice)
    assert {r[0] for r in fresh.execute("SELECT origin FROM review_events")} == {name}


@pytest.mark.parametrize("with_history", [False, True])
def test_importing_the_same_file_twice_adds_nothing(tmp_path, alice, fresh, with_history):
    path = _export(alice, tmp_path / "a.jsonl", export_jsonl, with_history=with_history)
    first = import_reviews(fresh, path)
    before = fresh.execute("SELECT count(*) FROM review_events").fetchone()[0]
    second = import_reviews(fresh, path)
    assert second.added == 0 and second.duplicates == first.added
    assert fresh.execute("SELECT count(*) FROM review_events").fetchone()[0] == before


def test_own_events_coming_back_are_not_doubled(tmp_path, alice):
    path = _export(alice, tmp_path / "self.jsonl", export_jsonl, with_history=True)
    before = _events(alice)
    assert import_reviews(alice, path).added == 0
    assert _events(alice) == before


def test_conflicting_marks_show_in_review_disagreements(tmp_path, alice, fresh):
    ids = claim_ids(fresh)
    reviews.mark(fresh, ids["-12 percent "], "sourced", "dave")
    reviews.mark(fresh, ids['the strike "'], "contested", "dave", note="transcript differs")
    path = _export(fresh, tmp_path / "dave.jsonl", export_jsonl)
    summary = import_reviews(alice, path)
    assert summary.disagreements == 1
    rows = alice.execute("SELECT text, marks, reviewers FROM review_disagreements ORDER BY claim_id").fetchall()
    texts = {r[0][:12]: r for r in rows}
    assert texts['the strike "'][1:] == ("alice: sourced; dave: contested", 2)
    assert "costs rose b" in texts  # alice vs bob, already in alice's copy
    assert "-12 percent " not in texts  # only dave marked it


def test_unknown_articles_and_offsets_are_skipped_and_counted(tmp_path, alice, fresh):
    records = [json.loads(x) for x in _lines(alice)]
    records[0]["content_hash"] = "0" * 64
    records[1]["start"] += 1
    if records[1].get("original_start") is not None:  # the offsets import matches on
        records[1]["original_start"] += 1
    path = tmp_path / "edited.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    s = import_reviews(fresh, path)
    assert (s.unmatched_articles, s.unmatched_claims) == (1, 1)
    assert s.without_reviews == 2  # the two never-reviewed claims (a cleared one imports its clear)
    assert s.records == 8


def _lines(conn) -> list[str]:
    out = io.StringIO()
    export_jsonl(conn, out)
    return out.getvalue().splitlines()


def test_a_malformed_record_imports_nothing(tmp_path, alice, fresh):
    lines = _lines(alice)
    bad = json.loads(lines[2])
    bad["status"] = "probably fine"
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join([lines[0], json.dumps(bad)] + lines[3:]) + "\n", encoding="utf-8")
    with pytest.raises(StorageError, match=r"bad\.jsonl:2: unknown status"):
        import_reviews(fresh, path)
    assert fresh.execute("SELECT count(*) FROM review_events").fetchone()[0] == 0


def test_not_an_export(tmp_path, fresh):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(StorageError, match="not a workbench export"):
        import_reviews(fresh, path)
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "no offsets"}\n', encoding="utf-8")
    with pytest.raises(StorageError, match="content_hash, start and end"):
        import_reviews(fresh, path)


def test_cli_export_then_import(tmp_path, alice, fresh):
    cli = click.Group(commands={"export": export_command, "import-reviews": import_reviews_command})
    runner = CliRunner()
    out = tmp_path / "alice.jsonl"
    res = runner.invoke(cli, ["export", "--db", str(tmp_path / "alice.db"), "--with-history", "-o", str(out)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["import-reviews", str(out), "--db", str(tmp_path / "fresh.db")])
    assert res.exit_code == 0, res.output
    assert "review events added" in res.output
    res = runner.invoke(cli, ["import-reviews", str(out), "--db", str(tmp_path / "fresh.db")])
    assert "0 review events added" in res.output
    assert _state(fresh) == _state(alice)


def test_review_of_a_span_corrected_claim_is_imported(tmp_path):
    """The export gives corrected offsets; import matches on the extractor's (original) ones."""
    from tests.helpers import SIMPLE_TEXT, KIRBY, OFFICIAL, make_article
    from workbench.storage import open_db, reviews
    from workbench.storage.corrections import adjust_span
    from workbench.storage.export import iter_records
    from workbench.storage.import_reviews import import_reviews
    from workbench.storage.ingest import store
    import json

    claims = [("the strikes hit three facilities", KIRBY), ("the pilots returned safely", OFFICIAL)]
    mine, theirs = open_db(str(tmp_path / "mine.db")), open_db(str(tmp_path / "theirs.db"))
    for conn in (mine, theirs):
        store(conn, *make_article(SIMPLE_TEXT, claims), "t")
    claim_id = theirs.execute("SELECT id FROM claims ORDER BY id LIMIT 1").fetchone()[0]
    start, end = theirs.execute("SELECT start, end FROM claims WHERE id = ?", (claim_id,)).fetchone()
    adjust_span(theirs, claim_id, start + 4, end, "carol")
    reviews.mark(theirs, claim_id, "sourced", "carol")
    out = tmp_path / "theirs.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in iter_records(theirs)))
    import_reviews(mine, str(out))
    status = mine.execute("SELECT status, reviewer FROM claim_status WHERE claim_id = ?", (claim_id,)).fetchone()
    assert status == ("sourced", "carol")
