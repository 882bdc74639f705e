"""Provides the app process of one browser session: the review UI as the reviewer the server named.

``workbench serve`` starts ``python -m workbench.serve.session --db FILE`` for
each browser session and puts the reviewer name, which it read from the
session's token, in :data:`REVIEWER_ENV`. Nothing the browser sends reaches
this process except key presses and the terminal size.
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
from pathlib import Path

REVIEWER_ENV = "WORKBENCH_SERVE_REVIEWER"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.serve.session")
    parser.add_argument("--db", required=True)
    args = parser.parse_args(argv)
    reviewer = os.environ.get(REVIEWER_ENV)
    if not reviewer:
        # Never fall back to a login name: a served session must carry the token's name.
        print(f"{REVIEWER_ENV} is not set: this process is started by 'workbench serve'", file=sys.stderr)
        return 2
    served_app(args.db, reviewer).run()
    return 0


def served_app(db_path: str, reviewer: str):
    """The review app as a browser session runs it: with the keyboard as soon as the page has it.

    Textual's web driver starts an app "blurred" by posting an AppBlur of its
    own, which can arrive after the page has already said it has the keyboard
    (textual.js sends focus with the first bytes): the app then stayed blurred,
    its footer empty. Nothing but the page can blur a served app meaningfully,
    so that first, synthetic blur is ignored. And Textual auto-focuses a screen
    only while the app has focus: a screen pushed while blurred (the review
    screen, once the database is read) is given its default widget when focus
    comes, so ``j`` moves at once instead of after a click.
    """
    from ..tui.app import WorkbenchApp

    class ServedApp(WorkbenchApp):
        # Textual reads a relative CSS_PATH beside the module of the class that sets it.
        CSS_PATH = _beside(WorkbenchApp)
        _driver_blur_ignored = False

        def _on_app_blur(self, event) -> None:
            if not self._driver_blur_ignored:
                self._driver_blur_ignored = True
                event.prevent_default()  # WorkbenchApp's App handler does not run for this one

        def on_mount(self) -> None:
            self.watch(self, "app_focus", self._focused, init=False)

        def _focused(self, focus: bool) -> None:
            if focus:
                self.call_after_refresh(_focus_default_widget, self)

    return ServedApp(db_path, reviewer)


def _beside(cls) -> list[Path]:
    """``cls.CSS_PATH`` as absolute paths."""
    paths = cls.CSS_PATH if isinstance(cls.CSS_PATH, (list, tuple)) else [cls.CSS_PATH]
    folder = Path(inspect.getfile(cls)).parent
    return [folder / p for p in paths if p]


def _focus_default_widget(app) -> None:
    """Give the screen's AUTO_FOCUS widget the keyboard if nothing has it."""
    screen = app.screen
    if screen.focused is None and screen.AUTO_FOCUS:
        for widget in screen.query(screen.AUTO_FOCUS):
            if widget.focusable:
                widget.focus()
                return


if __name__ == "__main__":
    sys.exit(main())
