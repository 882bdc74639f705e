"""Provides paging through a claim's near-duplicate group in the detail pane (``G``: the next page).

A mixin for the review screen. A group can hold hundreds of thousands of
claims: the detail pane is given its size and first page only, and each ``G``
reads the next page (keyset on claim id) in a thread worker.
"""

from __future__ import annotations

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from ...storage import connect
from ...storage.claim_detail import GROUP_PAGE
from ...storage.triage import GroupMember, group_members
from ..widgets.detail_pane import DetailPane


class GroupPageLoaded(Message, bubble=False):
    """A further page of a claim's group, read by :meth:`GroupPagingMixin.load_group_page`."""

    def __init__(self, claim_id: int, members: list[GroupMember]) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.members = members


class GroupPagingMixin:
    """``G`` on the review screen: the next page of the highlighted claim's group."""

    def action_more_group(self) -> None:
        pane = self.query_one(DetailPane)
        d = pane.detail
        if d is None or not d.group:
            self.app.notify("This claim has no matches elsewhere", severity="warning")
            return
        if len(d.group) >= d.group_total:
            self.app.notify(f"All {d.group_total:,} matches are shown")
            return
        self.load_group_page(d.claim_id, d.group[-1].claim_id)

    @work(thread=True, group="group-page", exclusive=True)
    def load_group_page(self, claim_id: int, after: int) -> None:
        conn = connect(self.app.db_path)
        try:
            members = group_members(conn, claim_id, limit=GROUP_PAGE, after=after)
        finally:
            conn.close()
        if not get_current_worker().is_cancelled:
            self.post_message(GroupPageLoaded(claim_id, members))

    def on_group_page_loaded(self, message: GroupPageLoaded) -> None:
        self.query_one(DetailPane).add_group_members(message.claim_id, tuple(message.members))
