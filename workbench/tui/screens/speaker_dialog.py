"""Provides the reassign-speaker dialog: pick one of the article's speakers (type to filter) or create one.

Dismisses with the write payload for :mod:`workbench.tui.writer` (``speaker_id``
or ``new_speaker``, and ``mention_words`` when the reviewer typed the words
that name the speaker), or None on Escape. Names, roles and affiliations are
shown literally, never as markup.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ...domain.models import Speaker, SpeakerKind
from ...storage.corrections import SpeakerChoice
from ..literal import one_line

NEW = "new-speaker"


def _label(s: SpeakerChoice) -> Content:
    extra = ", ".join(one_line(x) for x in (s.role, s.affiliation) if x)
    return Content.assemble((one_line(s.name), "bold"), (f" ({s.kind})", "dim"),
                            (f"  {extra}" if extra else "", "italic"),
                            (f"  {s.claims} claim{'s' * (s.claims != 1)}", "dim"), strip_control_codes=False)


class ReassignSpeakerDialog(ModalScreen[dict | None]):
    """Choose the claim's speaker; ``n``ew speaker opens a small form (name, kind, role, affiliation)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("down", "focus_list", "Speakers", show=False)]

    def __init__(self, claim_id: int | None, current: str, speakers: list[SpeakerChoice], *,
                 title: Content | None = None) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.current = current
        self.speakers = speakers
        # A claim being added has no id yet: its caller words the question.
        self.title_content = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="reassign"):
            yield Label(self.title_content or Content.assemble(
                f"Speaker of claim #{self.claim_id} (now ", (one_line(self.current), "bold"), ")",
                strip_control_codes=False), classes="dialog-title")
            yield Input(placeholder="type to filter, or the name of a new speaker", id="speaker-filter")
            yield OptionList(id="speaker-options")
            with Vertical(id="new-speaker-form"):
                yield Label(Content("New speaker"), classes="dialog-title")
                yield Input(placeholder="name", id="new-name")
                yield OptionList(*[Option(str(k), id=str(k)) for k in SpeakerKind if k != SpeakerKind.AUTHOR],
                                 id="new-kind")
                yield Input(placeholder="role (optional)", id="new-role")
                yield Input(placeholder="affiliation (optional)", id="new-affiliation")
            yield Input(placeholder="words that name the speaker in the text (optional)", id="mention-words")
            yield Label(Content("Enter to choose · ↓ to the list · Escape to cancel"), classes="dialog-hint",
                        id="reassign-hint")

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False
        self.query_one("#new-speaker-form").display = False
        self.query_one("#new-kind", OptionList).highlighted = 0
        self._fill("")
        self.query_one("#speaker-filter", Input).focus()

    def _matches(self, text: str) -> list[SpeakerChoice]:
        t = text.strip().casefold()
        return [s for s in self.speakers
                if not t or any(t in (x or "").casefold() for x in (s.name, s.role, s.affiliation))]

    def _fill(self, text: str) -> None:
        options = self.query_one("#speaker-options", OptionList)
        options.clear_options()
        matches = self._matches(text)
        options.add_options([Option(_label(s), id=str(s.speaker_id)) for s in matches])
        label = f"+ new speaker “{one_line(text.strip())}”…" if text.strip() else "+ new speaker…"
        options.add_option(Option(Content(label), id=NEW))
        options.highlighted = 0

    @on(Input.Changed, "#speaker-filter")
    def filter_speakers(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#speaker-filter")
    def choose_highlighted(self) -> None:
        options = self.query_one("#speaker-options", OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#speaker-options")
    def choose_option(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id == NEW:
            self.query_one("#new-speaker-form").display = True
            name = self.query_one("#new-name", Input)
            name.value = self.query_one("#speaker-filter", Input).value.strip()
            (self.query_one("#new-kind", OptionList) if name.value else name).focus()
            self.query_one("#reassign-hint", Label).update(
                Content("Enter in a field to create · Tab between fields · Escape to cancel"))
            return
        if option_id is not None:
            self.dismiss(self._with_mention({"speaker_id": int(option_id)}))

    @on(Input.Submitted, "#new-name, #new-role, #new-affiliation, #mention-words")
    @on(OptionList.OptionSelected, "#new-kind")
    def create(self) -> None:
        if not self.query_one("#new-speaker-form").display:
            self.choose_highlighted()
            return
        name = self.query_one("#new-name", Input).value.strip()
        if not name:
            self.app.notify("A new speaker needs a name", severity="warning", markup=False)
            self.query_one("#new-name", Input).focus()
            return
        kinds = self.query_one("#new-kind", OptionList)
        kind = kinds.get_option_at_index(kinds.highlighted or 0).id
        speaker = Speaker(name, SpeakerKind(kind), role=self.query_one("#new-role", Input).value.strip() or None,
                          affiliation=self.query_one("#new-affiliation", Input).value.strip() or None)
        self.dismiss(self._with_mention({"new_speaker": speaker}))

    def _with_mention(self, payload: dict) -> dict:
        words = self.query_one("#mention-words", Input).value.strip()
        if words:
            payload["mention_words"] = words
        return payload

    def action_focus_list(self) -> None:
        if self.focused is self.query_one("#speaker-filter", Input):
            self.query_one("#speaker-options", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
