"""Snapshot tests of the main screens (pytest-textual-snapshot), fixed sizes and deterministic data."""

from __future__ import annotations

import pytest

from workbench.storage import connect, open_db
from workbench.tui.app import WorkbenchApp

from tests.tui.tui_fixtures import build_db
from tests.tui.tui_helpers import settle


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the app shows its db path: keep it the same in every run
    build_db(tmp_path / "workbench.db")
    return WorkbenchApp("workbench.db", "alice", refresh_interval=None)


@pytest.fixture
def nasty_app(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    build_db(tmp_path / "workbench.db", with_nasty=True)
    return WorkbenchApp("workbench.db", "alice", refresh_interval=None)


def keys(*presses: str):
    """A run_before that settles the app, presses keys, and settles again."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.fixture
def disputed_app(tmp_path, monkeypatch):
    """Two reviewers disagree on claim 3 and claim 7 (fixed times, so the snapshot is stable)."""
    monkeypatch.chdir(tmp_path)
    build_db(tmp_path / "workbench.db")
    conn = connect(str(tmp_path / "workbench.db"))
    for claim, reviewer, status, note in ((3, "bob", "sourced", "named in the navy's statement"),
                                          (3, "carol", "unsourced", "the statement names nobody"),
                                          (7, "bob", "contested", None), (7, "carol", "sourced", "in the release")):
        conn.execute("INSERT INTO review_events (claim_id, action, status, reviewer, note, created_at)"
                     " VALUES (?, 'mark', ?, ?, ?, '2024-05-01T09:30:00.000000Z')", (claim, status, reviewer, note))
    conn.close()
    return WorkbenchApp("workbench.db", "alice", refresh_interval=None, adjudicator=True)


class TestReviewScreen:
    def test_main_100x30(self, snap_compare, app):
        assert snap_compare(app, terminal_size=(100, 30), run_before=keys())

    def test_main_80x24(self, snap_compare, app):
        assert snap_compare(app, terminal_size=(80, 24), run_before=keys("j"))

    def test_main_120x40(self, snap_compare, disputed_app):
        assert snap_compare(disputed_app, terminal_size=(120, 40), run_before=keys("j", "j"))

    def test_after_marks(self, snap_compare, app):
        assert snap_compare(app, terminal_size=(100, 30), run_before=keys("s", "u", "c"))

    def test_filtered(self, snap_compare, app):
        assert snap_compare(app, terminal_size=(100, 30),
                            run_before=keys("t", "down", "enter", "slash", "w", "i", "l", "l", "enter"))

    def test_help(self, snap_compare, app):
        assert snap_compare(app, terminal_size=(80, 24), run_before=keys("question_mark"))

    def test_after_corrections(self, snap_compare, app, monkeypatch):
        """Merge claim 1 with the next, then shrink its end: the detail shows extractor and corrections."""
        # The detail shows when each correction was made: a fixed clock keeps the snapshot stable.
        monkeypatch.setattr("workbench.storage.corrections.utc_now", lambda: "2024-05-01T09:30:00.000000Z")
        assert snap_compare(app, terminal_size=(100, 45), run_before=keys("m", "less_than_sign"))


# Mark claim 1, open the article on claim 2, then "a", five words back to "\"We", space, three words on,
# Enter, the speaker "kirby": "\"We are not going" becomes a claim, shown highlighted.
ADD_CLAIM = ("s", "v", "a", *["left"] * 5, "space", "right", "right", "right", "enter", *"kirby", "enter")


class TestArticleScreen:
    def test_article(self, snap_compare, app):
        assert snap_compare(app, terminal_size=(80, 24), run_before=keys("s", "j", "v", "j"))

    def test_added_claim_80x24(self, snap_compare, app, monkeypatch):
        monkeypatch.setattr("workbench.storage.corrections.utc_now", lambda: "2024-05-01T09:30:00.000000Z")
        assert snap_compare(app, terminal_size=(80, 24), run_before=keys(*ADD_CLAIM))

    def test_added_claim_120x40(self, snap_compare, app, monkeypatch):
        monkeypatch.setattr("workbench.storage.corrections.utc_now", lambda: "2024-05-01T09:30:00.000000Z")
        assert snap_compare(app, terminal_size=(120, 40), run_before=keys(*ADD_CLAIM))


class TestDisputesScreen:
    def test_disputes_80x24(self, snap_compare, disputed_app):
        assert snap_compare(disputed_app, terminal_size=(80, 24), run_before=keys("D"))

    def test_disputes_120x40(self, snap_compare, disputed_app):
        assert snap_compare(disputed_app, terminal_size=(120, 40), run_before=keys("D"))


class TestSpeakersScreen:
    def test_speakers(self, snap_compare, app):
        assert snap_compare(app, terminal_size=(100, 30), run_before=keys("u", "p"))


class TestWelcomeScreen:
    def test_welcome(self, snap_compare, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        open_db("empty.db").close()
        assert snap_compare(WorkbenchApp("empty.db", "alice", refresh_interval=None), terminal_size=(80, 24),
                            run_before=keys())


class TestMarkupSafety:
    def test_markup_article(self, snap_compare, nasty_app):
        assert snap_compare(nasty_app, terminal_size=(100, 30), run_before=keys(*["j"] * 8))
