"""Issue 14's defects, one Pilot test each: split and span loose ends, reassigning to the reporter, rescoring,
x on an unreviewed claim, undoing notes and evidence, evidence that is no URL, the guessed reviewer name,
progress that reaches 100%, 80x24, notifications that do not pile up, updated versions."""

from __future__ import annotations

import dataclasses

from textual.widgets import DataTable

from workbench.domain.checkworthy import score
from workbench.storage import connect
from workbench.storage.added_claims import add_claim
from workbench.storage.ingest import store
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.articles import ArticlesScreen
from workbench.tui.widgets.claim_table import ClaimTable

from tests.tui.tui_fixtures import ARTICLE_1, article_1
from tests.tui.tui_helpers import events, settle, status_of


def _rows(app) -> list[int]:
    return [r.claim_id for r in app.screen.query_one(ClaimTable).rows_window]


def _one(db_path: str, sql: str, *params):
    conn = connect(db_path)
    try:
        return conn.execute(sql, params).fetchone()
    finally:
        conn.close()


def _last_notice(app) -> str:
    return str(list(app._notifications)[-1].message)


async def test_split_puts_the_second_part_right_after_the_first(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("vertical_line")
        await settle(pilot)
        await pilot.press("down", "enter")  # the second cut: "The drills | will continue next week"
        await settle(pilot)
        rows = _rows(app)
        assert rows[:3] == [1, 9, 2]  # not at the end of the article or the queue
        assert app.screen.query_one(ClaimTable).rows_window[1].text == "will continue next week"


async def test_to_sentence_absorbs_the_claims_it_now_covers_and_undo_gives_them_back(db_path, make_app):
    conn = connect(db_path)
    at = ARTICLE_1.index("A U.S. official")
    _, fragment = add_claim(conn, 1, at, at + len("A U.S. official"), "bob")
    conn.close()
    before = score("two ships were damaged", "A U.S. official, speaking on condition of anonymity, said two ships"
                   " were damaged.", speaker_kind="anonymous", anonymity_cue="speaking on condition of anonymity")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j")  # claim 3: "two ships were damaged"
        await settle(pilot)
        assert app.screen.query_one(ClaimTable).current.claim_id == 3
        await pilot.press("S")
        await settle(pilot)
        assert fragment not in _rows(app)
        assert _one(db_path, "SELECT action, other_claim_id FROM correction_events WHERE claim_id = ? ORDER BY id DESC",
                    fragment) == ("merged", 3)
        # Check-worthiness follows the corrected span (the whole sentence, anonymity cue and all).
        after = _one(db_path, "SELECT score FROM claim_scores WHERE claim_id = 3")
        assert after is not None and after[0] != before.score
        await pilot.press("z")
        await settle(pilot)
        assert fragment in _rows(app)


async def test_reassigning_to_the_reporter_drops_mention_cue_and_indirect_attribution(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press(*"jane doe", "enter")  # the article's reporter is offered
        await settle(pilot)
        assert _one(db_path, "SELECT speaker, speaker_kind, attribution, mention, cue FROM claim_review"
                             " WHERE claim_id = 1") == ("Jane Doe", "author", "unattributed", None, None)


async def test_clear_on_an_unreviewed_claim_writes_nothing(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert events(db_path) == []
        assert "is unreviewed: there is no mark to clear" in _last_notice(app)


async def test_notes_and_evidence_can_be_undone_and_evidence_must_be_a_url(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"check the log", "enter")
        await settle(pilot)
        assert _one(db_path, "SELECT note FROM claim_current WHERE claim_id = 1") == ("check the log",)
        await pilot.press("z")
        await settle(pilot)
        assert _one(db_path, "SELECT note FROM claim_current WHERE claim_id = 1") == (None,)
        await pilot.press("e", *"see the transcript", "enter")
        await settle(pilot)
        assert "is not a web address" in _last_notice(app)
        await pilot.press("e", *"https://example.org/log", "enter")
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        assert _one(db_path, "SELECT evidence FROM claim_current WHERE claim_id = 1") == (None,)
        assert [e[1] for e in events(db_path)] == ["note", "undo", "evidence", "undo"]


async def test_a_guessed_reviewer_name_is_said_on_the_status_line(db_path):
    app = WorkbenchApp(db_path, "root", refresh_interval=None, reviewer_source="login name")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "root (login name)" in str(app.screen.query_one("#status-line").render())
        assert "your login name" in str(list(app._notifications)[0].message)


async def test_progress_reaches_100_percent_when_the_rest_is_not_a_claim(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("d")  # claim 1: not a claim
        await settle(pilot)
        await pilot.press("s", "s", "u", "c")
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        app.screen.refresh_counts()
        await settle(pilot)
        assert "art 4/4 done" in str(app.screen.query_one("#status-line").render())
        assert status_of(db_path, 5) == "contested"


async def test_80x24_keeps_a_40_column_claim_the_footer_and_one_notification(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        widths = {c.key.value: c.width for c in table.columns.values()}
        assert widths["claim"] >= 40 and "article" not in widths
        footer = " ".join(b.binding.description for b in app.screen.active_bindings.values() if b.binding.show)
        for needed in ("Sourced", "Unsourced", "Contested", "Undo", "Help", "Quit"):
            assert needed in footer
        await pilot.press("x", "x", "x")
        await settle(pilot)
        assert len(app._notifications) == 1  # a new message replaces the last instead of piling up
        await pilot.press("a")
        await settle(pilot)
        articles = app.screen.query_one(DataTable)
        assert sum(c.width for c in articles.columns.values()) + 2 * len(articles.columns) <= 80


async def test_an_updated_article_supersedes_the_old_version(db_path, make_app):
    conn = connect(db_path)
    doc, analysis = article_1()
    text = doc.text.replace("4 percent", "5 percent")
    claims = tuple(dataclasses.replace(c, text=text[c.start:c.end]) for c in analysis.claims)
    store(conn, dataclasses.replace(doc, text=text), dataclasses.replace(analysis, claims=claims), "test")
    conn.close()
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert set(_rows(app)) & {1, 2, 3, 4, 5} == set()  # the old version's claims left the queue
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticlesScreen)
        labels = {a.article_id: a.version_label for a in screen.articles}
        assert labels[1] == "v1 of 2, superseded" and labels[max(labels)] == "v2 of 2"
        await pilot.press("enter")  # article 1, the superseded version: its claims, on purpose
        await settle(pilot)
        assert _rows(app) == [1, 2, 3, 4, 5]
