"""Provides the review screen's keys: its bindings (footer, help screen and command palette) and their help rows.

Only the keys a reviewer needs on every claim are in the footer, so it fits
80 columns; every key is on ``?`` and in the command palette (``ctrl+p``).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen

from ..commands import key_label

# Actions that need a highlighted claim (greyed out without one).
MARK_ACTIONS = {"mark", "clear_mark", "note", "evidence", "article_view", "reassign", "mention", "not_claim",
                "span", "split", "merge", "mark_group", "copy_citation", "open_url",
                "more_group"}

REVIEW_BINDINGS = [
    Binding("s", "mark('sourced')", "Sourced", tooltip="Mark the claim sourced, then move to the next",
            id="mark-sourced"),
    Binding("u", "mark('unsourced')", "Unsourced", tooltip="Mark the claim unsourced, then move to the next",
            id="mark-unsourced"),
    Binding("c", "mark('contested')", "Contested", tooltip="Mark the claim contested, then move to the next",
            id="mark-contested"),
    Binding("x", "clear_mark", "Clear", tooltip="Take back your mark on the claim (history is kept)",
            id="mark-clear", show=False),
    Binding("z", "undo", "Undo", tooltip="Undo your last mark, note, evidence or correction (appends events)",
            id="undo"),
    Binding("J", "jump_unreviewed(1)", "Next todo", tooltip="Next unreviewed claim in the queue", id="next-unreviewed"),
    Binding("K", "jump_unreviewed(-1)", "Prev todo", tooltip="Previous unreviewed claim in the queue",
            id="prev-unreviewed", show=False),
    Binding("D", "disputes", "Disputes", tooltip="Disputed claims: each reviewer's mark side by side; an adjudicator"
            " decides", id="disputes"),
    Binding("n", "note", "Note", tooltip="Add a note to the claim", id="note", show=False),
    Binding("e", "evidence", "Evidence", tooltip="Add an evidence URL to the claim", id="evidence", show=False),
    Binding("slash", "search", "Search", tooltip="Full-text search over claims", id="search", show=False),
    Binding("f", "filter_status", "Status", tooltip="Filter the queue by status", id="filter-status", show=False),
    Binding("t", "filter_kind", "Kind", tooltip="Filter the queue by speaker kind", id="filter-kind", show=False),
    Binding("a", "articles", "Articles", tooltip="Pick an article to filter the queue by (old versions too)",
            id="articles", show=False),
    Binding("p", "speakers", "Speakers", tooltip="Speakers: counts, filter, merge and split", id="speakers",
            show=False),
    Binding("v,enter", "article_view", "Article", tooltip="Read the whole article, claims coloured by status; add a"
            " claim the extractor missed", id="article-view", show=False),
    Binding("backspace", "clear_filters", "Unfilter", tooltip="Clear every filter", id="clear-filters", show=False),
    # Priority: the table's own Home/End only reach the ends of the rows it has loaded.
    Binding("home", "queue_start", "First", tooltip="The first claim of the queue", id="queue-start", show=False,
            priority=True),
    Binding("end", "queue_end", "Last", tooltip="The last claim of the queue", id="queue-end", show=False,
            priority=True),
    Binding("number_sign", "goto", "Go to #", tooltip="Go to a claim by its id", id="goto", show=False),
    Binding("y", "copy_citation", "Copy", tooltip="Copy the claim with its citation (speaker, article, url)",
            id="copy", show=False),
    Binding("b", "open_url", "Open url", tooltip="Open the article's url in your web browser", id="open-url",
            show=False),
    Binding("o", "cycle_order", "Order",
            tooltip="Sort the queue: article order / most check-worthy first / least confident first",
            id="order", show=False),
    Binding("W", "worthy_unsourced", "Worthy unsourced",
            tooltip="Most check-worthy unsourced claims first (status unsourced, check-worthiness order)",
            id="worthy-unsourced", show=False),
    Binding("g", "mark_group", "Mark group",
            tooltip="Apply the claim's status to every claim in its group (same claim elsewhere; z undoes)",
            id="mark-group", show=False),
    Binding("G", "more_group", "More matches", tooltip="Show the next matches of the claim's group in the detail pane",
            id="more-group", show=False),
    Binding("r", "reassign", "Speaker", tooltip="Reassign the claim's speaker: pick one of the article's (the"
            " reporter too) or create one", id="reassign", show=False),
    Binding("w", "mention", "Mention", tooltip="Re-point the mention at the words that name the speaker",
            id="mention", show=False),
    Binding("d", "not_claim", "Not claim", tooltip="Not a claim: out of the queue, kept in history (z undoes)",
            id="not-claim", show=False),
    Binding("greater_than_sign", "span('grow_end')", "Grow end", tooltip="Add the next word to the claim",
            id="span-grow-end", show=False),
    Binding("less_than_sign", "span('shrink_end')", "Shrink end", tooltip="Drop the claim's last word",
            id="span-shrink-end", show=False),
    Binding("left_square_bracket", "span('grow_start')", "Grow start",
            tooltip="Add the word before the claim", id="span-grow-start", show=False),
    Binding("right_square_bracket", "span('shrink_start')", "Shrink start",
            tooltip="Drop the claim's first word", id="span-shrink-start", show=False),
    Binding("S", "span('sentence')", "To sentence", tooltip="Make the claim its whole sentence (claims it now"
            " covers are merged into it)", id="span-sentence", show=False),
    Binding("vertical_line", "split", "Split", tooltip="Split the claim in two at a word you choose",
            id="split", show=False),
    Binding("m", "merge", "Merge next", tooltip="Merge the claim with the next claim of its article",
            id="merge", show=False),
    Binding("f5,ctrl+r", "reload", "Refresh", tooltip="Re-read the queue and counts (other reviewers' marks)",
            id="refresh", show=False),
    Binding("question_mark", "help", "Help", tooltip="List every key", id="help"),
    Binding("q", "app.quit", "Quit", tooltip="Quit (every mark is already stored)", id="quit"),
]


def cut_label(first: str, second: str, context: int = 28) -> str:
    """One line around a possible cut: the end of the first part | the start of the second."""
    head = first if len(first) <= context else "…" + first[-context:]
    tail = second if len(second) <= context else second[:context] + "…"
    return f"{head}  |  {tail}"


def binding_rows(screen: Screen) -> list[tuple[str, str, str]]:
    """(keys, description, tooltip) for each described binding of a screen, for the help screen."""
    rows = []
    seen = set()
    for binding in screen.BINDINGS:
        if isinstance(binding, Binding) and binding.description and binding.action not in seen:
            seen.add(binding.action)
            keys = ", ".join(key_label(k) for k in binding.key.split(","))
            rows.append((keys, binding.description, binding.tooltip or ""))
    rows.insert(0, ("j, ↓ / k, ↑", "Next / previous claim", "also PgDn, PgUp"))
    return rows
