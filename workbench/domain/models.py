"""Provides the domain types that flow from article text to review events.

Everything here is plain, immutable Python: no SQL, no UI. Offsets are Python
``str`` indices (code points) into the article text exactly as stored, so
``text[claim.start:claim.end] == claim.text`` always holds.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum


def quick_init(cls: type) -> type:
    """Give a frozen, slotted dataclass a quicker ``__init__``; returns ``cls``.

    A frozen class forbids assignment, so the generated ``__init__`` sets
    each field through ``object.__setattr__``. The extractor builds hundreds
    of spans, segments and claims per article; writing the slots through
    their descriptors is about 40% quicker. Same parameters, order and
    defaults. Apply it above ``@dataclass(frozen=True, slots=True)``.
    """
    params, body, env = [], [], {}
    for i, f in enumerate(fields(cls)):
        if f.default_factory is not MISSING or not f.init:
            raise ValueError(f"quick_init supports plain fields and defaults, not {f.name!r}")
        params.append(f.name if f.default is MISSING else f"{f.name}=_default{i}")
        env[f"_default{i}"] = f.default
        env[f"_set{i}"] = getattr(cls, f.name).__set__
        body.append(f"    _set{i}(self, {f.name})")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body), env)
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init
    return cls


class ReviewStatus(StrEnum):
    """A reviewer's decision on a claim's sourcing (not on its truth)."""

    SOURCED = "sourced"
    UNSOURCED = "unsourced"
    CONTESTED = "contested"
    # Not a decision: the state of a claim with no review event, or after "clear".
    UNREVIEWED = "unreviewed"
    # Not a decision either, and never stored in an event: reviewers' latest decisions differ
    # and no adjudicator has settled them (derived by the storage layer).
    DISPUTED = "disputed"


DECISIONS = (ReviewStatus.SOURCED, ReviewStatus.UNSOURCED, ReviewStatus.CONTESTED)


class SpeakerKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    ANONYMOUS = "anonymous"
    DOCUMENT = "document"
    # The reporter's own, unattributed assertion.
    AUTHOR = "author"


class AttributionKind(StrEnum):
    DIRECT = "direct"  # wholly inside quotation marks
    PARTIAL = "partial"  # a quoted fragment inside paraphrase
    INDIRECT = "indirect"  # reported speech
    ACCORDING_TO = "according_to"
    UNATTRIBUTED = "unattributed"  # the reporter's own assertion
    CAPTION = "caption"  # image caption with a credit


@quick_init
@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: ``article_text[start:end] == text``."""

    start: int
    end: int
    text: str


@quick_init
@dataclass(frozen=True, slots=True)
class Segment:
    """A paragraph or sentence of the article, by offsets."""

    start: int
    end: int
    text: str


@quick_init
@dataclass(frozen=True, slots=True)
class Speaker:
    """Who made a claim, as the article names them.

    ``name`` is the canonical form within the article ("John Kirby", not
    "Kirby"; "U.S. defense official"; "Pentagon"). ``role`` and
    ``affiliation`` are only what the text says ("Pentagon Press Secretary";
    "Pentagon").
    """

    name: str
    kind: SpeakerKind
    role: str | None = None
    affiliation: str | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Claim:
    """One claim with its provenance in the article text.

    ``speaker`` is None for the reporter's own assertions (kind ``author``);
    storage then links the claim to the article's byline author.
    """

    start: int
    end: int
    text: str
    sentence: Segment
    paragraph: Segment
    attribution: AttributionKind
    rule: str
    speaker: Speaker | None = None
    # The words in this claim's sentence that name the speaker ("he", "Kirby").
    mention: Span | None = None
    # When the mention is a pronoun or back-reference: the earlier mention it resolves to.
    antecedent: Span | None = None
    cue: Span | None = None
    # How it was said, when given: "in a statement", "on Twitter".
    channel: str | None = None
    # Unattributed hedges ("are believed to", "reportedly"): the hedge words.
    hedge_cue: str | None = None
    # For anonymous sources: "on condition of anonymity", "not authorized to speak".
    anonymity_cue: str | None = None
    # Nested attribution ("X said Y told him ..."): the outer speakers, outermost first.
    chain: tuple[Speaker, ...] = ()
    # How likely the claim and its speaker are right, 0..1: the model's
    # probability, or the measured precision of the rule that made it.
    confidence: float | None = None

    @property
    def hedged(self) -> bool:
        return self.hedge_cue is not None

    @property
    def speaker_kind(self) -> SpeakerKind:
        return self.speaker.kind if self.speaker else SpeakerKind.AUTHOR


@quick_init
@dataclass(frozen=True, slots=True)
class NonClaim:
    """Text that stays in the article but is not a claim (boilerplate, bylines)."""

    start: int
    end: int
    text: str
    kind: str  # "headline", "byline", "related", "caption-credit", "boilerplate", ...


@quick_init
@dataclass(frozen=True, slots=True)
class Analysis:
    """What the extractor found in one article."""

    claims: tuple[Claim, ...]
    non_claims: tuple[NonClaim, ...] = ()
    # The author named by a byline or footer ("Stephen Losey"), if any.
    byline: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """An article as read from a file, before analysis.

    ``text`` is what will be stored; for a ``.txt`` file it is the decoded file
    content, unchanged. ``headline`` is the span of the title line inside
    ``text`` when the title comes from the text itself.
    """

    text: str
    source: str
    format: str
    title: str | None = None
    headline: Span | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    external_id: str | None = None
    # 1-based line number inside a JSONL file, for error messages.
    line: int | None = None
    extra: dict = field(default_factory=dict)
