"""Provides the welcome screen shown on an empty database: how to load articles, or load the samples."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, LoadingIndicator, Static

from ..literal import one_line
from ..messages import SamplesLoaded

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


class WelcomeScreen(Screen):
    """No claims yet: say how to load some, and offer the bundled samples."""

    CSS_PATH = "welcome.tcss"
    BINDINGS = [
        Binding("l", "load_samples", "Load samples", tooltip="Ingest the bundled samples/ folder", id="load-samples"),
        Binding("r,f5", "recheck", "Refresh", tooltip="Check the database again (after an ingest elsewhere)",
                id="recheck"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def compose(self) -> ComposeResult:
        db = one_line(str(self.app.db_path))
        with Center(), Vertical(id="welcome"):
            yield Static(Content.assemble(("Claims workbench", "bold $accent")), id="welcome-title")
            yield Static(Content.assemble(
                "This database has no claims yet:\n", (db, "italic"), "\n\n",
                "Load articles from a terminal, then press ", ("r", "bold"), ":\n\n",
                ("  workbench ingest --db ", "bold"), (db, "bold"), (" ARTICLES/", "bold"), "\n\n",
                "Files: .txt .md .html .json .jsonl (folders are read recursively).\n",
                "Or load the bundled samples now (", ("l", "bold"), ").", strip_control_codes=False),
                id="welcome-text")
            yield Button("Load the bundled samples", id="load-samples", variant="primary")
            yield LoadingIndicator(id="welcome-loading")

    def on_mount(self) -> None:
        self.query_one("#welcome-loading").display = False
        if not SAMPLES.is_dir():
            self.query_one(Button).disabled = True

    @on(Button.Pressed, "#load-samples")
    def action_load_samples(self) -> None:
        self.query_one(Button).disabled = True
        self.query_one("#welcome-loading").display = True
        self.ingest_samples()

    @work(thread=True, group="write")
    def ingest_samples(self) -> None:
        """Read and analyse samples/ through the normal ingest pipeline, in a thread."""
        from ...storage import open_db

        try:
            from ...services.pipeline import ingest_documents
            from ...sources import iter_documents
        except ImportError as exc:
            self.post_message(SamplesLoaded(0, 0, f"the ingest pipeline is not available yet ({exc})"))
            return
        if not SAMPLES.is_dir():
            self.post_message(SamplesLoaded(0, 0, f"no samples folder at {SAMPLES}"))
            return
        try:
            conn = open_db(str(self.app.db_path))
            try:
                summary = ingest_documents(conn, iter_documents([str(SAMPLES)]))
            finally:
                conn.close()
        except Exception as exc:  # report any failure instead of crashing the UI
            self.post_message(SamplesLoaded(0, 0, str(exc)))
            return
        self.post_message(SamplesLoaded(summary.added, summary.claims,
                                        "; ".join(summary.failures[:3]) if summary.failures else None))

    @on(SamplesLoaded)
    def samples_loaded(self, message: SamplesLoaded) -> None:
        self.query_one("#welcome-loading").display = False
        self.query_one(Button).disabled = False
        if message.error:
            self.app.notify(f"Samples: {message.error}", severity="warning" if message.claims else "error",
                            markup=False)
        if message.claims:
            self.app.notify(f"Loaded {message.added} articles with {message.claims} claims", markup=False)
        self.action_recheck()

    def action_recheck(self) -> None:
        self.app.check_database()
