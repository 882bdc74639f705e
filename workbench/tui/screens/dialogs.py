"""Provides small modal dialogs: a text prompt, a choice list, a confirmation, and the key help screen."""

from __future__ import annotations

import textwrap

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..literal import one_line


def help_lines(rows: list[tuple[str, str, str]], screen_width: int) -> list[Content]:
    """Key, name and explanation per binding; the explanation wraps under the name, so nothing is cut."""
    width = max(30, min(70, int(screen_width * 0.95)) - 6)  # the dialog's width, less border, padding, scrollbar
    key_w = min(12, max(len(k) for k, _, _ in rows))
    lines = []
    for key, desc, tip in rows:
        wrapped = textwrap.wrap(tip, max(12, width - key_w - 4)) or [""]
        first = f"  {wrapped[0]}" if len(desc) + len(wrapped[0]) + 2 <= width - key_w - 2 else ""
        lines.append(Content.assemble((f"{key:>{key_w}}  ", "bold $accent"), (desc, "bold"), (first, "dim")))
        rest = wrapped[1:] if first else [w for w in wrapped if w]
        lines += [Content.assemble((" " * (key_w + 4), ""), (part, "dim")) for part in rest]
    return lines


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


class TextDialog(ModalScreen[None]):
    """Show a text to read or select by hand (a citation the clipboard would not take). Escape closes."""

    BINDINGS = [Binding("escape,enter,q", "close", "Close")]

    def __init__(self, title: str, text: str, hint: str = "") -> None:
        super().__init__()
        self.dialog_title = title
        self.text = text
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(one_line(self.dialog_title)), classes="dialog-title")
            yield Static(Content(one_line(self.text)), id="dialog-text")
            yield Label(Content((self.hint + " " if self.hint else "") + "Escape to close."), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)


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
                rows = [*self.bindings_list, ("ctrl+p", "Command palette", "every action by name")]
                yield Static(Content("\n").join(help_lines(rows, self.app.size.width)), id="help-keys")
            yield Label(Content("Escape or ? to close"), classes="dialog-hint")

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
