"""Provides the speakers screen: counts by status per speaker, filter the queue, merge and split.

Counts are computed for the visible page of speakers only (keyset pages by
name), so the screen opens fast on a large database.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static
from textual.worker import get_current_worker

from ...storage import connect, speaker_ops
from ...storage import queue as q
from ...storage.db import StorageError
from ..literal import one_line
from ..messages import SpeakerEdited, SpeakersLoaded
from ..widgets.claim_table import KIND_TAGS
from .dialogs import ChoiceDialog, ConfirmDialog

PAGE = 200


class AliasesLoaded(Message):
    def __init__(self, speaker: q.SpeakerRow, aliases: list[q.Alias]) -> None:
        super().__init__()
        self.speaker = speaker
        self.aliases = aliases


class SpeakersScreen(Screen[tuple[int, str] | None]):
    """Every speaker with sourced / unsourced / contested / unreviewed counts."""

    CSS_PATH = "lists.tcss"
    # Typing goes to the search box from the first key (keys typed before it had focus went to the table:
    # "l" opened the split dialog, "m" tried a merge). Enter chooses the highlighted speaker; ↓ moves to the list.
    AUTO_FOCUS = "#speaker-search"
    BINDINGS = [
        Binding("enter", "choose", "Filter queue", tooltip="Show only this speaker's claims", id="speakers-choose"),
        Binding("space", "pick", "Pick to merge", tooltip="Pick this speaker to merge into another",
                id="speakers-pick"),
        Binding("m", "merge", "Merge into", tooltip="Merge the picked speaker into the highlighted one",
                id="speakers-merge"),
        Binding("l", "split", "Split alias", tooltip="Split a wrongly merged alias off into its own speaker",
                id="speakers-split"),
        Binding("slash", "find", "Find", tooltip="Find speakers by name or alias", id="speakers-find"),
        Binding("down", "to_list", "List", tooltip="From the search box to the list", id="speakers-list", show=False),
        Binding("escape,p,q", "back", "Back", id="speakers-back"),
    ]

    def __init__(self, reviewer: str) -> None:
        super().__init__()
        self.reviewer = reviewer
        self.speakers: list[q.SpeakerRow] = []
        self.picked: q.SpeakerRow | None = None
        self.query_text: str | None = None
        self.exhausted = False

    def compose(self) -> ComposeResult:
        yield Static("Speakers — type to find · Enter filters the queue · ↓ to the list · space picks ·"
                     " m merges picked into highlighted · l splits an alias", classes="list-title", markup=False)
        yield Input(placeholder="find speaker by name or alias (/)", id="speaker-search")
        yield DataTable(cursor_type="row", id="speakers-table")
        yield Static(Content(""), id="speaker-hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        table = self.query_one(DataTable)
        for key, label, width in (("name", "Speaker", 26), ("kind", "Kind", 6), ("sourced", "✔ src", 6),
                                  ("unsourced", "✘ uns", 6), ("contested", "⚑ con", 6), ("unreviewed", "· unr", 6),
                                  ("articles", "Arts", 4), ("aliases", "Aliases", 30)):
            table.add_column(label, key=key, width=width)
        self.load_speakers(None, None)

    @work(thread=True, group="load", exclusive=True)
    def load_speakers(self, query: str | None, after: tuple[str, int] | None) -> None:
        conn = connect(self.app.db_path)
        try:
            rows = q.list_speakers(conn, name=query, after=after, limit=PAGE)
        finally:
            conn.close()
        if not get_current_worker().is_cancelled:
            self.post_message(SpeakersLoaded(rows, query if after is None else "\0more"))

    @on(SpeakersLoaded)
    def show_speakers(self, message: SpeakersLoaded) -> None:
        if message.query != "\0more" and message.query != self.query_text:
            return  # typed on since: a newer search is on its way
        table = self.query_one(DataTable)
        if message.query != "\0more":
            table.clear()
            self.speakers = []
        self.exhausted = len(message.rows) < PAGE
        for s in message.rows:
            self.speakers.append(s)
            name = Text(one_line(s.name), no_wrap=True, overflow="ellipsis")
            if self.picked and self.picked.speaker_id == s.speaker_id:
                name.stylize("reverse")
            table.add_row(name, Text(KIND_TAGS.get(s.kind, s.kind), style="dim"), Text(str(s.sourced)), Text(str(s.unsourced)),
                          Text(str(s.contested)), Text(str(s.unreviewed)), Text(str(s.articles)),
                          Text(one_line(" · ".join(s.aliases)), style="dim", no_wrap=True, overflow="ellipsis"),
                          key=str(s.speaker_id))
        self._hint()

    @on(DataTable.RowHighlighted)
    def more(self, event: DataTable.RowHighlighted) -> None:
        if not self.exhausted and self.speakers and event.cursor_row >= len(self.speakers) - 10:
            self.exhausted = True
            last = self.speakers[-1]
            self.load_speakers(self.query_text, (last.name, last.speaker_id))

    @on(Input.Changed, "#speaker-search")
    def find(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip() or None
        self.load_speakers(self.query_text, None)

    @on(Input.Submitted, "#speaker-search")
    def found(self) -> None:
        """Enter in the search box: filter the queue by the highlighted speaker (↓ goes to the list instead)."""
        self.action_choose()

    def action_find(self) -> None:
        self.query_one(Input).focus()

    def action_to_list(self) -> None:
        if self.focused is self.query_one(Input):
            self.query_one(DataTable).focus()

    @property
    def current(self) -> q.SpeakerRow | None:
        table = self.query_one(DataTable)
        if 0 <= table.cursor_row < len(self.speakers):
            return self.speakers[table.cursor_row]
        return None

    @on(DataTable.RowSelected)
    def chosen(self) -> None:
        self.action_choose()

    def action_choose(self) -> None:
        s = self.current
        if s is not None:
            self.dismiss((s.speaker_id, s.name))

    def action_pick(self) -> None:
        s = self.current
        if s is None:
            return
        self.picked = None if self.picked and self.picked.speaker_id == s.speaker_id else s
        self.load_speakers(self.query_text, None)

    def _hint(self) -> None:
        hint = self.query_one("#speaker-hint", Static)
        if self.picked:
            hint.update(Content.assemble("Picked ", (one_line(self.picked.name), "bold"),
                                         " — move to the speaker to merge it into and press m",
                                         strip_control_codes=False))
        else:
            hint.update(Content(f"{len(self.speakers)} speakers shown"))

    def action_merge(self) -> None:
        source, target = self.picked, self.current
        if source is None or target is None:
            self.app.notify("Pick a speaker with space first, then highlight the one to merge it into.",
                            severity="warning", markup=False)
            return
        if source.speaker_id == target.speaker_id:
            self.app.notify("Highlight a different speaker to merge into.", severity="warning", markup=False)
            return
        question = Content.assemble("Merge ", (one_line(source.name), "bold"), f" ({source.claims} claims) into ",
                                    (one_line(target.name), "bold"), "? Aliases are kept.",
                                    strip_control_codes=False)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.merge(source.speaker_id, target.speaker_id, source.name, target.name)

        self.app.push_screen(ConfirmDialog(question), confirmed)

    @work(thread=True, group="write")
    def merge(self, source_id: int, target_id: int, source_name: str, target_name: str) -> None:
        conn = connect(self.app.db_path)
        try:
            edit = speaker_ops.merge(conn, source_id, target_id, self.reviewer)
            self.post_message(SpeakerEdited(f"Merged {source_name} into {target_name} ({edit.claims_moved} claims)"))
        except StorageError as exc:
            self.post_message(SpeakerEdited("", str(exc)))
        finally:
            conn.close()

    def action_split(self) -> None:
        s = self.current
        if s is not None:
            self.load_aliases(s)

    @work(thread=True, group="load-aliases", exclusive=True)
    def load_aliases(self, speaker: q.SpeakerRow) -> None:
        conn = connect(self.app.db_path)
        try:
            aliases = q.speaker_aliases(conn, speaker.speaker_id)
        finally:
            conn.close()
        self.post_message(AliasesLoaded(speaker, aliases))

    @on(AliasesLoaded)
    def choose_alias(self, message: AliasesLoaded) -> None:
        if len(message.aliases) < 2:
            self.app.notify(f"{one_line(message.speaker.name)} has only one alias; nothing to split off.",
                            severity="warning", markup=False)
            return
        choices = [(str(a.alias_id), f"{a.alias}  ({a.claims} claims)") for a in message.aliases]

        def chosen(alias_id: str | None) -> None:
            if alias_id is not None:
                self.split(int(alias_id))

        self.app.push_screen(ChoiceDialog(f"Split which alias off {one_line(message.speaker.name)}?", choices),
                             chosen)

    @work(thread=True, group="write")
    def split(self, alias_id: int) -> None:
        conn = connect(self.app.db_path)
        try:
            edit = speaker_ops.split(conn, alias_id, self.reviewer)
            self.post_message(SpeakerEdited(f"Split “{edit.alias}” off into a new speaker ({edit.claims_moved} claims)"))
        except StorageError as exc:
            self.post_message(SpeakerEdited("", str(exc)))
        finally:
            conn.close()

    @on(SpeakerEdited)
    def edited(self, message: SpeakerEdited) -> None:
        if message.error:
            self.app.notify(f"Not done: {message.error}", severity="error", markup=False)
        else:
            self.app.notify(message.summary, markup=False)
        self.picked = None
        self.load_speakers(self.query_text, None)

    def action_back(self) -> None:
        self.dismiss(None)
