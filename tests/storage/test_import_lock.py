"""Issue 19 item 10: a large import commits in short chunks, so a reviewer's mark gets in meanwhile."""

from __future__ import annotations

import threading
import time

import pytest

from tests.storage.import_fixtures import history_file, many_claims_db
from workbench.storage import connect, open_db, reviews
from workbench.storage.import_reviews import import_reviews


def _import(db, path, out: dict) -> None:
    conn = open_db(db)
    try:
        out["summary"] = import_reviews(conn, path, events_per_commit=400)
    except BaseException as exc:  # reported by the test, not lost in the thread
        out["error"] = exc
    finally:
        conn.close()


def _run_import_with_a_mark(tmp_path, claims: int, events_per_claim: int):
    db = str(tmp_path / "w.db")
    digest, spans = many_claims_db(tmp_path / "w.db", claims)
    path = history_file(tmp_path / "bob.jsonl", digest, spans, events_per_claim)
    out: dict = {}
    thread = threading.Thread(target=_import, args=(db, path, out))
    thread.start()
    reader = connect(db)
    deadline = time.monotonic() + 60
    # Wait until the import is writing (its first commit is visible), as a reviewer would be mid-session.
    while reader.execute("SELECT count(*) FROM review_events").fetchone()[0] == 0 and thread.is_alive():
        assert time.monotonic() < deadline
        time.sleep(0.005)
    conn = connect(db)
    conn.execute("PRAGMA busy_timeout = 2000")  # a reviewer waits at most 2 s, as the UI's writer would
    t0 = time.monotonic()
    try:
        mark_id = reviews.mark(conn, 1, "sourced", "alice").id
        waited = time.monotonic() - t0
    except Exception as exc:  # noqa: BLE001 (the failure is what the test reports)
        mark_id, waited = exc, time.monotonic() - t0
    finally:
        conn.close()
    thread.join()
    assert "error" not in out, out.get("error")
    last = reader.execute("SELECT max(id) FROM review_events WHERE origin = 'bob.jsonl'").fetchone()[0]
    total = reader.execute("SELECT count(*) FROM review_events WHERE origin = 'bob.jsonl'").fetchone()[0]
    reader.close()
    return out["summary"], mark_id, waited, last, total


def test_a_mark_succeeds_while_a_large_import_runs(tmp_path):
    summary, mark_id, waited, last, total = _run_import_with_a_mark(tmp_path, claims=1500, events_per_claim=8)
    assert isinstance(mark_id, int), f"the mark failed after {waited:.1f} s: {mark_id}"
    # The mark went in between the import's commits, not after the whole file.
    assert mark_id < last, "the mark waited for the whole import"
    assert waited < 1.0
    assert summary.added == total == 1500 * 8


def test_an_import_run_again_adds_nothing_and_a_cut_import_completes(tmp_path):
    db = str(tmp_path / "w.db")
    digest, spans = many_claims_db(tmp_path / "w.db", 300)
    path = history_file(tmp_path / "bob.jsonl", digest, spans, 3)
    conn = open_db(db)
    try:
        # A first import cut short after its first commits (as a kill would): claims are whole or absent.
        from workbench.storage import import_reviews as module

        calls = {"n": 0}
        real = module.write_transaction

        def dying(c):
            calls["n"] += 1
            if calls["n"] > 2:
                raise KeyboardInterrupt
            return real(c)

        module.write_transaction = dying
        try:
            with pytest.raises(KeyboardInterrupt):
                import_reviews(conn, path, events_per_commit=120)
        finally:
            module.write_transaction = real
        per_claim = {n for (n,) in conn.execute("SELECT count(*) FROM review_events GROUP BY claim_id")}
        assert per_claim == {3}
        assert conn.execute("SELECT count(DISTINCT claim_id) FROM review_events").fetchone()[0] == 80
        again = import_reviews(conn, path)
        assert again.added == (300 - 80) * 3 and again.duplicates == 80 * 3
        third = import_reviews(conn, path)
        assert third.added == 0 and third.duplicates == 900
    finally:
        conn.close()


@pytest.mark.soak
def test_a_mark_succeeds_while_a_700k_event_import_runs(tmp_path):
    summary, mark_id, waited, last, _ = _run_import_with_a_mark(tmp_path, claims=35_000, events_per_claim=20)
    assert isinstance(mark_id, int) and mark_id < last and waited < 1.0
