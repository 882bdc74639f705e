"""Provides the typed messages that workers post back to the UI thread.

Workers never touch widgets: they post one of these, and a handler on the
screen sets attributes on its children (messages up, attributes down).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ..storage.queue import (ArticleProgress, ArticleText, ClaimDetail, Count, QueueFilter, QueueRow,
                             SpeakerRow)
from ..storage.corrections import CorrectionEvent
from ..storage.disputes import Adjudication, Dispute
from ..storage.reviews import ReviewEvent


@dataclass
class QueueLoaded(Message, bubble=False):
    """A window of queue rows around ``anchor`` for filter ``flt``."""

    flt: QueueFilter
    rows: list[QueueRow]
    anchor: int | None
    at_start: bool
    at_end: bool
    total: Count
    base: Count | None
    reason: str
    # Where the anchor (or the next match in queue order) is in ``rows``.
    cursor_index: int | None = None


@dataclass
class PositionLoaded(Message, bubble=False):
    """How many matching claims come before ``first_claim`` (the window's first row)."""

    flt: QueueFilter
    first_claim: int
    base: Count


@dataclass
class QueueExtended(Message, bubble=False):
    """More rows at one end of the current window."""

    flt: QueueFilter
    rows: list[QueueRow]
    direction: str  # "down" or "up"
    exhausted: bool


@dataclass
class CountsLoaded(Message, bubble=False):
    """Overall status counts and the current article's progress."""

    counts: dict[str, int]
    progress: ArticleProgress | None
    statuses: dict[int, str]


@dataclass
class DetailLoaded(Message, bubble=False):
    claim_id: int
    detail: ClaimDetail | None


@dataclass
class ReviewStored(Message, bubble=False):
    """A review event is committed to the database.

    ``claim_status`` is the claim's status as stored after it: the event's own
    status, unless the reviewers now disagree ("disputed") or an adjudication decides.
    """

    action: str
    claim_id: int
    event: ReviewEvent
    claim_status: str | None = None


@dataclass
class Adjudicated(Message, bubble=False):
    """An adjudication (or its undo) is committed; ``status`` is the claim's status after it."""

    claim_id: int
    decision: Adjudication
    status: str
    undone: bool = False


@dataclass
class DisputesLoaded(Message, bubble=False):
    """A page of disputed claims with each reviewer's mark."""

    rows: list[Dispute]
    append: bool


@dataclass
class JumpTarget(Message, bubble=False):
    """Where a navigation key leads: a claim to show, or why there is none."""

    claim_id: int | None
    flt: QueueFilter
    message: str | None = None


@dataclass
class ClaimAdded(Message, bubble=False):
    """A claim a reviewer added in the article view is stored (or failed, with ``error``)."""

    claim_id: int | None
    error: str | None = None


@dataclass
class GroupMarked(Message, bubble=False):
    """A status was applied to a claim's whole group (one event per claim), or a group mark was undone."""

    claim_id: int
    status: str
    statuses: dict[int, str]
    undone: bool = False


@dataclass
class CorrectionStored(Message, bubble=False):
    """A correction of the extraction (or its undo) is committed.

    ``other_claim_id`` is the second claim of a split, the claim merged away,
    or the partner an undo restored or took out.
    """

    action: str
    claim_id: int
    events: list[CorrectionEvent]
    other_claim_id: int | None = None


@dataclass
class SpeakersForClaim(Message, bubble=False):
    """The speakers a claim can be reassigned to, and the article text around it."""

    claim_id: int
    speakers: list
    article_text: str
    span: object


@dataclass
class ReviewFailed(Message, bubble=False):
    """A write could not be stored; ``claim_id`` is None for undo with nothing to undo."""

    action: str
    claim_id: int | None
    error: str


@dataclass
class ArticleLoaded(Message, bubble=False):
    article: ArticleText | None
    #: Blocks, claims per block and the word cursor, worked out in the worker (an ArticleLayout).
    layout: object = None


@dataclass
class SpeakersLoaded(Message, bubble=False):
    rows: list[SpeakerRow]
    query: str | None


@dataclass
class SpeakerEdited(Message, bubble=False):
    """A merge or split is committed (or failed, with ``error``)."""

    summary: str
    error: str | None = None


@dataclass
class SamplesLoaded(Message, bubble=False):
    """The bundled samples were ingested (``error`` says why not)."""

    added: int
    claims: int
    error: str | None = None
