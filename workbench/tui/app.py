"""Provides the review app: wires the screens, the review writer and the command palette.

``run_app(db_path, reviewer)`` is what ``workbench review`` calls.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widget import AwaitMount

from ..storage import connect
from ..storage import queue as q
from .commands import binding_commands
from .writer import ReviewWriter, WriteRequest


class DatabaseChecked(Message):
    def __init__(self, has_claims: bool) -> None:
        super().__init__()
        self.has_claims = has_claims


class WorkbenchApp(App):
    """The fact-check review workbench."""

    CSS_PATH = "app.tcss"
    TITLE = "Claims workbench"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(self, db_path: str, reviewer: str, *, refresh_interval: float | None = 5.0,
                 reviewer_source: str = "--reviewer", adjudicator: bool = False) -> None:
        super().__init__()
        self.db_path = str(db_path)
        self.reviewer = reviewer
        # Where the name came from ("login name" when nobody set it) and whether it may decide disputes.
        self.reviewer_source = reviewer_source
        self.adjudicator = adjudicator
        self.refresh_interval = refresh_interval
        self.writer = ReviewWriter(self.db_path, reviewer)
        self.sub_title = reviewer
        # Set when quitting begins: from then on no screen or dialog opens (a key pressed
        # after q would mount a dialog into an app that is tearing down).
        self.quitting = False

    def on_mount(self) -> None:
        self.check_database()
        if self.reviewer_source == "login name":
            from ..services.config import config_path

            self.notify(f"Reviewing as {self.reviewer}, your login name. Set your name once with"
                        f" reviewer = \"...\" in {config_path()} (or --reviewer).", timeout=10)

    def notify(self, message: str, *, title: str = "", severity: str = "information", timeout: float | None = None,
               markup: bool = True) -> None:
        """One notification at a time (a new one replaces the last, so they never pile over the detail
        pane), and always literal: messages quote claims, names and file names."""
        self.clear_notifications()
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def submit_write(self, request: WriteRequest) -> None:
        """Queue a review write and start the worker that stores it (in order, at once)."""
        self.writer.enqueue(request)
        self.store_review()

    @work(thread=True, group="write", exit_on_error=False)
    def store_review(self) -> None:
        self.writer.write_next()

    @work(thread=True, group="load", exclusive=True)
    def check_database(self) -> None:
        """Is there anything to review? (one indexed row read)"""
        conn = connect(self.db_path)
        try:
            has = q.has_claims(conn)
        finally:
            conn.close()
        self.post_message(DatabaseChecked(has))

    @on(DatabaseChecked)
    def open_first_screen(self, message: DatabaseChecked) -> None:
        from .screens.review import ReviewScreen
        from .screens.welcome import WelcomeScreen

        if message.has_claims:
            if isinstance(self.screen, WelcomeScreen):
                self.switch_screen(ReviewScreen(self.reviewer, self.refresh_interval))
            elif not isinstance(self.screen, ReviewScreen):
                self.push_screen(ReviewScreen(self.reviewer, self.refresh_interval))
        elif not isinstance(self.screen, WelcomeScreen):
            self.push_screen(WelcomeScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from binding_commands(screen)
        yield from super().get_system_commands(screen)

    def push_screen(self, screen, callback=None, wait_for_dismiss: bool = False, *, mode: str | None = None):
        """Push ``screen``, unless quitting has begun (then nothing opens; its callback never runs)."""
        if self.quitting:
            return AwaitMount(self.screen, [])
        return super().push_screen(screen, callback, wait_for_dismiss, mode=mode)

    def exit(self, *args, **kwargs) -> None:
        self.quitting = True
        super().exit(*args, **kwargs)

    async def action_quit(self) -> None:
        self.quitting = True
        # Every mark is committed as it is made; this only waits for one in flight.
        await self.workers.wait_for_complete([w for w in self.workers if w.group == "write"])
        self.exit()


def run_app(db_path: str, reviewer: str, *, reviewer_source: str = "--reviewer", adjudicator: bool = False) -> None:
    """Open the review UI on ``db_path`` as ``reviewer`` (blocks until quit).

    Args:
        reviewer_source: where the name came from; "login name" makes the UI say it was guessed.
        adjudicator: the reviewer may decide disputed claims.
    """
    WorkbenchApp(db_path, reviewer, reviewer_source=reviewer_source, adjudicator=adjudicator).run()
