"""Issue 14: an updated article carries every kind of correction (or says which it could not), its old version
is superseded (out of the queue, exports and reports unless asked for), and diff shows corrected values."""

from __future__ import annotations

import dataclasses
import io

from workbench.storage import corrections, queue as q
from workbench.storage.added_claims import add_claim
from workbench.storage.disputes import adjudicate
from workbench.storage.export import ExportFilter, iter_records
from workbench.storage.export_markdown import export_markdown
from workbench.storage.ingest import store
from workbench.storage.reviews import mark
from workbench.storage.versions import diff

from tests.helpers import KIRBY, OFFICIAL, make_article

URL = "https://example.com/port"
V1 = ("John Kirby said the port will reopen on Monday. An official said the ships were checked twice. "
      "John Kirby said the unions agreed.\n")
V2 = ("John Kirby said the port will reopen on Monday. An official said the ships were checked twice. "
      "John Kirby said the unions have not agreed yet.\n")
V1_CLAIMS = [("the port will reopen on Monday", KIRBY), ("the ships were checked twice", OFFICIAL),
             ("the unions agreed", KIRBY)]
V2_CLAIMS = [("the port will reopen on Monday", KIRBY), ("the ships were checked twice", OFFICIAL),
             ("the unions have not agreed yet", KIRBY)]


def _store(db, text, claims):
    doc, analysis = make_article(text, claims, title="Port to reopen")
    return store(db, dataclasses.replace(doc, url=URL), analysis, "test").article_id


def _ids(db, article_id):
    return {t: i for i, t in db.execute("SELECT id, coalesce(k.text, c.text) FROM claims c LEFT JOIN"
                                        " claim_corrections k ON k.claim_id = c.id WHERE c.article_id = ?"
                                        " AND coalesce(k.excluded, '') = ''", (article_id,))}


def _queue(db):
    return [(r.article_id, r.text) for r in q.page_after(db, q.QueueFilter(), None, 50)]


def test_split_is_carried_with_the_second_part_right_after_the_first(db):
    old = _store(db, V1, V1_CLAIMS)
    port = _ids(db, old)["the port will reopen on Monday"]
    at = V1.index("on Monday")
    _, second = corrections.split(db, port, at, "ana")
    mark(db, second, "unsourced", "ana")
    new = _store(db, V2, V2_CLAIMS)
    assert _queue(db)[:3] == [(new, "the port will reopen"), (new, "on Monday"), (new, "the ships were checked twice")]
    carried = _ids(db, new)["on Monday"]
    assert db.execute("SELECT status, rule FROM claim_current cc JOIN claims c ON c.id = cc.claim_id"
                      " WHERE claim_id = ?", (carried,)).fetchone() == ("unsourced", "reviewer_split")
    result = diff(db, URL)
    assert "removed" not in {c.kind for c in result.changes if c.new_text != "the unions have not agreed yet"}
    assert [c.kind for c in result.changes if c.old_text == "the unions agreed"] == ["changed"]
    assert result.not_carried == []


def test_merge_is_carried_when_both_claims_are_and_reported_when_not(db):
    old = _store(db, V1, V1_CLAIMS)
    ids = _ids(db, old)
    corrections.merge_next(db, ids["the port will reopen on Monday"], "ana")  # with "the ships were checked twice"
    corrections.adjust_span(db, ids["the unions agreed"], V1.index("the unions"), V1.index("agreed"), "ana")
    new = _store(db, V2, V2_CLAIMS)
    texts = [t for a, t in _queue(db) if a == new]
    assert texts[0].startswith("the port will reopen on Monday. An official said the ships")
    assert "the ships were checked twice" not in texts  # merged away in the new version too
    result = diff(db, URL)
    assert [(n.old_claim_id, n.what) for n in result.not_carried] == [(ids["the unions agreed"], "span")]


def test_adjudication_and_reporter_reassignment_are_carried_and_diff_shows_corrected_values(db):
    old = _store(db, V1, V1_CLAIMS)
    ids = _ids(db, old)
    ships = ids["the ships were checked twice"]
    mark(db, ships, "sourced", "ana")
    mark(db, ships, "unsourced", "ben")
    adjudicate(db, ships, "sourced", "cleo", note="the harbour log shows it")
    reporter = db.execute("SELECT id FROM speakers WHERE kind = 'author'").fetchone()
    if reporter is None:  # no byline: the article's reporter
        from workbench.storage.added_claims import reporter as find_reporter
        from workbench.storage.db import write_transaction
        with write_transaction(db):
            reporter = (find_reporter(db, old),)
    corrections.reassign_speaker(db, ids["the port will reopen on Monday"], reporter[0], "ana")
    new = _store(db, V2, V2_CLAIMS)
    new_ids = _ids(db, new)
    assert db.execute("SELECT status, adjudication_id IS NOT NULL FROM claim_current WHERE claim_id = ?",
                      (new_ids["the ships were checked twice"],)).fetchone() == ("sourced", 1)
    rec = next(r for r in iter_records(db) if r["claim_id"] == new_ids["the port will reopen on Monday"])
    assert (rec["speaker_kind"], rec["attribution"], rec["mention"]) == ("author", "unattributed", None)
    port = next(c for c in diff(db, URL).changes if c.new_claim_id == new_ids["the port will reopen on Monday"])
    assert port.speaker != "John Kirby"  # the corrected speaker, not the extractor's


def test_added_claim_is_carried_and_an_uncarriable_one_reported(db):
    old = _store(db, V1, V1_CLAIMS)
    at = V1.index("An official said")
    _, added = add_claim(db, old, at, at + len("An official said"), "ana")
    gone = V1.index("John Kirby said the unions")
    _, lost = add_claim(db, old, gone, gone + len("John Kirby said the unions agreed"), "ana")
    new = _store(db, V2, V2_CLAIMS)
    assert "An official said" in _ids(db, new)
    assert [(n.old_claim_id, n.what) for n in diff(db, URL).not_carried] == [(lost, "added by a reviewer")]


def test_the_superseded_version_leaves_queue_exports_and_report_unless_asked_for(db):
    old = _store(db, V1, V1_CLAIMS)
    mark(db, _ids(db, old)["the unions agreed"], "contested", "ana")
    new = _store(db, V2, V2_CLAIMS)
    assert {a for a, _ in _queue(db)} == {new}
    assert sum(q.status_counts(db).values()) == 3 and q.status_counts(db)["contested"] == 0
    assert {r["article_id"] for r in iter_records(db)} == {new}
    assert {r["article_id"] for r in iter_records(db, ExportFilter(include_superseded=True))} == {old, new}
    # Chosen by id (the articles screen), the old version is still there to read.
    assert {r.article_id for r in q.page_after(db, q.QueueFilter(article_id=old), None, 50)} == {old}
    progress = {a.article_id: a for a in q.list_articles(db)}
    assert (progress[old].version_label, progress[new].version_label) == ("v1 of 2, superseded", "v2 of 2")
    out = io.StringIO()
    export_markdown(db, out, ExportFilter(include_superseded=True), now="2024-06-01")
    report = out.getvalue()
    assert f"## Port to reopen (version 1 of 2, superseded by article {new})" in report
    assert "## Port to reopen (version 2 of 2)" in report
