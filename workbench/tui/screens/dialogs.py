"""Provides small modal dialogs: a text prompt, a choice list, a confirmation, and the key help screen."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..literal import one_line


class PromptDialog(ModalScreen[str | None]):
    """Ask for one line of text (note, evidence URL, search). Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, *, placeholder: str = "", value: str = "", hint: str = "") -> None:
        super().__init__()
        self.prompt_title = title
        self.placeholder = placeholder
        self.value = value
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.prompt_title), classes="dialog-title")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label(Content(self.hint or "Enter to save · Escape to cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(ModalScreen[str | None]):
    """Pick one of a few options (status, kind, alias). Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]], *, hint: str = "") -> None:
        """``choices`` are (id, label); labels are shown literally."""
        super().__init__()
        self.prompt_title = title
        self.choices = choices
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.prompt_title), classes="dialog-title")
            yield OptionList(*[Option(Content(one_line(label)), id=cid) for cid, label in self.choices],
                             id="choices")
            yield Label(Content(self.hint or "Enter to choose · Escape to cancel"), classes="dialog-hint")

    @on(OptionList.OptionSelected)
    def choose(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Yes or no (y / n / Escape)."""

    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, question: Content) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title")
            yield Label(Content("y to confirm · n or Escape to cancel"), classes="dialog-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class HelpScreen(ModalScreen[None]):
    """Every key of the screen underneath, from its bindings (so it never goes stale)."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss_help", "Close")]

    def __init__(self, bindings: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.bindings_list = bindings

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label(Content("Keys"), classes="dialog-title")
            with VerticalScroll():
                lines = [Content.assemble((f"{key:>10}  ", "bold $accent"), (desc, "bold"),
                                          (f"  {tip}" if tip else "", "dim"))
                         for key, desc, tip in self.bindings_list]
                lines.append(Content.assemble((f"{'ctrl+p':>10}  ", "bold $accent"), ("Command palette", "bold"),
                                              ("  every action by name", "dim")))
                yield Static(Content("\n").join(lines), id="help-keys")
            yield Label(Content("Escape or ? to close"), classes="dialog-hint")

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
