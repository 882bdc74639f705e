"""Issue 19 item 14: keys pressed while the app quits open no dialog (no NoMatches traceback)."""

from __future__ import annotations

import pytest
from textual import events
from tests.tui.tui_helpers import settle

# Each key opens a dialog or a screen on the review screen: note, evidence, search, help, article, go to.
KEYS = ["n", "e", "slash", "question_mark", "v", "g"]


@pytest.mark.parametrize("key", KEYS)
async def test_no_dialog_opens_once_quitting_has_begun(db_path, make_app, key):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Both keys queued at once, as a fast typist's are: the second arrives while the app quits.
        for name in ("q", key):
            app.post_message(events.Key(name, name if len(name) == 1 else None))
        await pilot.pause(0.5)
    # The app quit cleanly: no exception (NoMatches from a half-mounted dialog) ended it.
    assert app._exception is None
    assert app.return_code == 0


async def test_dialogs_still_open_before_quitting(db_path, make_app):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "PromptDialog"
