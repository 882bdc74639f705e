"""Provides the detail pane: where the highlighted claim and its speaker come from.

Shows the claim highlighted in its sentence and paragraph, the speaker and the
words that name them, the attribution, flags, the provenance chain, notes,
evidence and review history, and beside what a reviewer corrected, what the
extractor said (with who corrected it and when). Every piece of stored text
goes in as literal ``Content``, never markup.
"""

from __future__ import annotations

from dataclasses import replace

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...storage.claim_detail import GROUP_PAGE
from ...storage.queue import ClaimDetail
from ..literal import literal, one_line

STATUS_STYLE = {"sourced": "bold $success", "unsourced": "bold $error", "contested": "bold $warning",
                "unreviewed": "dim", "disputed": "bold $accent"}
# The claim inside its paragraph, by status (theme colours, so it follows the theme).
CLAIM_STYLE = {"sourced": "bold $text on $success-muted", "unsourced": "bold $text on $error-muted",
               "contested": "bold $text on $warning-muted", "unreviewed": "bold $text on $primary-muted",
               "disputed": "bold $text on $accent-muted"}


def _label(text: str) -> tuple[str, str]:
    return (f"{text:<12}", "bold $accent")


def _line(label: str, *parts: str | tuple[str, str] | Content) -> Content:
    return Content.assemble(_label(label), *parts, "\n", strip_control_codes=False)


def _lit(text: str | None, style: str = "") -> tuple[str, str]:
    return (one_line(text), style)


def paragraph_content(d: ClaimDetail) -> Content:
    """The paragraph, sentence not dimmed, claim highlighted, mention and cue underlined."""
    content = Content(literal(d.paragraph), strip_control_codes=False)
    s0, s1 = d.sentence_span
    if s1 > s0:
        content = content.stylize("dim", 0, s0).stylize("dim", s1)
    c0, c1 = d.claim_span
    content = content.stylize(CLAIM_STYLE.get(d.status, CLAIM_STYLE["unreviewed"]), c0, c1)
    if d.mention_span:
        content = content.stylize("underline $accent", *d.mention_span)
    if d.cue_span:
        content = content.stylize("italic underline", *d.cue_span)
    return content


def render_detail(d: ClaimDetail) -> Content:
    """The whole pane as one Content (literal text, theme styles)."""
    parts: list[Content] = []
    add = parts.append
    add(Content.assemble(("Claim #", "dim"), (str(d.claim_id), "bold"), ("  ", ""),
                         (d.status.upper(), STATUS_STYLE.get(d.status, "")),
                         (f"  by {one_line(d.reviewer)} at {d.reviewed_at}" if d.reviewer else "", "dim"),
                         "\n", strip_control_codes=False))
    add(paragraph_content(d))
    add(Content("\n\n"))
    add_dispute(d, add)
    if d.superseded:
        add(_line("Version", ("a newer version of this article exists: this claim is out of the queue", "bold $warning")))
    if d.rule == "reviewer_added":
        add(_line("Added", ("by a reviewer: the extractor missed this claim", "italic")))
    if d.changed:
        add(_line("Changed", ("changed since the last version", "bold $warning"),
                  (f" (was claim #{d.previous_claim_id})" if d.previous_claim_id else " (new in this version)", "dim")))
        if d.previous_text is not None:
            add(_line("", ("was “", "dim"), _lit(d.previous_text), ("”", "dim")))
    speaker_bits: list = [_lit(d.speaker, "bold"), (f" ({d.speaker_kind})", "dim")]
    if d.speaker_role:
        speaker_bits += [", ", _lit(d.speaker_role)]
    if d.speaker_affiliation:
        speaker_bits += [", ", _lit(d.speaker_affiliation, "italic")]
    add(_line("Speaker", *speaker_bits))
    if d.original_speaker:
        add(_line("", ("merged from ", "dim"), _lit(d.original_speaker)))
    if d.mention:
        named = [("“", "dim"), _lit(d.mention, "underline"), ("”", "dim"), " → ", _lit(d.speaker, "bold")]
        if d.antecedent:
            named += [("  (resolves to earlier “", "dim"), _lit(d.antecedent, "bold"),
                      (f"” at offset {d.antecedent_start})", "dim")]
        add(_line("Named by", *named))
        if d.antecedent_context:
            add(_line("", ("…", "dim"), _lit(d.antecedent_context, "dim"), ("…", "dim")))
    if d.alias and d.alias != d.speaker:
        add(_line("Alias", _lit(d.alias)))
    attribution = [(d.attribution, "bold")]
    if d.cue:
        attribution += [("  cue “", "dim"), _lit(d.cue), ("”", "dim")]
    if d.channel:
        attribution += [("  ", ""), _lit(d.channel, "italic")]
    attribution += [("  rule ", "dim"), _lit(d.rule)]
    if d.confidence is not None:
        attribution += [(f"  confidence {d.confidence:.2f}", "bold $warning" if d.confidence < LOW_CONFIDENCE else "dim")]
    add(_line("Attribution", *attribution))
    flags: list = []
    if d.hedged:
        flags += [("HEDGED", "bold $warning"), " “", _lit(d.hedge_cue), "”  "]
    if d.anonymity_cue:
        flags += [("ANONYMOUS", "bold $warning"), " “", _lit(d.anonymity_cue), "”"]
    if d.chain:
        flags += [("  chain ", "dim"), _lit(d.chain)]
    add(_line("Flags", *(flags or [("none", "dim")])))
    add_worthiness(d, add)
    add(_line("Provenance", ("claim ", "dim"), (f"#{d.claim_id}", ""), (" → mention ", "dim"),
              _lit(d.mention or "—"), (" → speaker ", "dim"), (f"#{d.speaker_id} ", ""), _lit(d.speaker),
              (" → article ", "dim"), (f"#{d.article_id}.{d.sequence}", "")))
    add(_line("Article", _lit(d.article_title or "(untitled)", "italic")))
    add(_line("", ("outlet ", "dim"), _lit(d.article_outlet or "—"), ("  author ", "dim"),
              _lit(d.article_author or "—"), ("  published ", "dim"), _lit(d.article_published or "—")))
    add(_line("", ("url ", "dim"), _lit(d.article_url or "—", "underline")))
    add(_line("", ("file ", "dim"), _lit(d.article_source or "—")))
    add_corrections(d, add)
    notes = d.notes
    if notes:
        for i, e in enumerate(notes):
            add(_line("Notes" if i == 0 else "", _lit(e.note), (f"  — {one_line(e.reviewer)}, {e.created_at}", "dim")))
    else:
        add(_line("Notes", ("none (n to add)", "dim")))
    if d.evidence:
        for i, url in enumerate(d.evidence):
            add(_line("Evidence" if i == 0 else "", _lit(url, "underline")))
    else:
        add(_line("Evidence", ("none (e to add)", "dim")))
    if d.history:
        for i, e in enumerate(reversed(d.history)):
            what = e.action if e.action in ("note", "evidence") else f"{e.action} → {e.status}"
            add(_line("History" if i == 0 else "", (e.created_at, "dim"), "  ", _lit(e.reviewer, "bold"), "  ",
                      (what, STATUS_STYLE.get(e.status, "") if e.action in ("mark", "clear", "undo") else ""),
                      (_origin(e.origin), "italic dim")))
    else:
        add(_line("History", ("not reviewed yet", "dim")))
    return Content("").join(parts)


def add_dispute(d: ClaimDetail, add) -> None:
    """Each reviewer's decision side by side when they differ, and the adjudication that settles them."""
    if len({m.status for m in d.marks}) < 2 and d.adjudication is None:
        return
    marks: list = []
    for m in d.marks:
        marks += [_lit(m.reviewer, "bold"), (" ", ""), (m.status, STATUS_STYLE.get(m.status, "")),
                  *([("  “", "dim"), _lit(m.note, "italic"), ("”", "dim")] if m.note else []), ("   ", "")]
    add(_line("Marks", *marks))
    a = d.adjudication
    if a is not None:
        add(_line("Decided", (a.status or "", STATUS_STYLE.get(a.status or "", "")), (" by ", "dim"),
                  _lit(a.reviewer, "bold"), (f" (adjudicator, {a.created_at[:16].replace('T', ' ')})", "dim"),
                  *([("  “", "dim"), _lit(a.note, "italic"), ("”", "dim")] if a.note else [])))
    else:
        add(_line("Disputed", ("reviewers disagree; an adjudicator decides (D: the disputed queue)", "bold $accent")))


def _origin(origin: str | None) -> str:
    """Where an event came from, when not typed on this claim: carried from a version, or a group mark."""
    if not origin:
        return ""
    kind, _, ref = origin.partition(":")
    if kind == "carried":
        return f"  (carried from the previous version, event #{ref})"
    if kind == "group":
        return f"  (group mark from claim #{ref})"
    return f"  ({one_line(origin)})"


# Below this the extractor's confidence is shown as a warning.
LOW_CONFIDENCE = 0.5


def add_worthiness(d: ClaimDetail, add) -> None:
    """The check-worthiness score with its reasons, and the same claim elsewhere (its group)."""
    if d.score is None:
        add(_line("Worthiness", ("not scored", "dim")))
    else:
        add(_line("Worthiness", (f"{d.score:.2f}", "bold"),
                  *([("  ", ""), _lit("; ".join(d.reasons))] if d.reasons else [("  no reasons", "dim")])))
    if not d.group:
        add(_line("Elsewhere", ("no matching claims in other articles", "dim")))
        return
    n = max(d.group_total, len(d.group))
    add(_line("Elsewhere", (f"Same claim elsewhere: {n:,} match{'es' * (n != 1)}", "bold"),
              ("  (g applies this claim's status to all)", "dim")))
    for m in d.group:
        add(_line("", (f"#{m.claim_id} ", "dim"), (m.status, STATUS_STYLE.get(m.status, "")), ("  ", ""),
                  _lit(m.speaker, "bold"), ("  in ", "dim"), _lit(m.article_title or f"article {m.article_id}", "italic"),
                  *([("  (", "dim"), _lit(m.article_outlet), (")", "dim")] if m.article_outlet else [])))
        add(_line("", ("  “", "dim"), _lit(m.text), ("”", "dim")))
    if n > len(d.group):
        add(_line("", (f"… {n - len(d.group):,} more (G shows the next {GROUP_PAGE})", "dim")))


def _correction_what(e) -> list:
    if e.action == "speaker":
        bits: list = [("speaker → ", "dim"), _lit(e.speaker or f"#{e.speaker_id}", "bold")]
        if e.mention_text:
            bits += [("  named by “", "dim"), _lit(e.mention_text), ("”", "dim")]
        return bits
    if e.action == "mention":
        return [("mention → “", "dim"), _lit(e.mention_text or "—"), ("”", "dim")]
    if e.action in ("span", "split", "merge"):
        bits = [(f"{e.action} → ", "dim"), (f"{e.start}-{e.end} ", "dim"), ("“", "dim"), _lit(e.text), ("”", "dim")]
        if e.other_claim_id:
            bits.append((f"  (with claim #{e.other_claim_id})", "dim"))
        return bits
    if e.action == "merged":
        return [(f"merged into claim #{e.other_claim_id}", "bold $warning")]
    return [(e.action.replace("_", " "), "bold $warning" if e.action == "not_claim" else "bold")]


def add_corrections(d: ClaimDetail, add) -> None:
    """What the extractor said beside what reviewers corrected, then each correction event."""
    if not d.corrections:
        return
    if d.excluded:
        add(_line("Excluded", ("NOT A CLAIM" if d.excluded == "not_claim" else "MERGED into another claim",
                               "bold $warning"), ("  (out of the queue; z undoes)", "dim")))
    said: list = []
    if d.extractor_speaker:
        said.append(_line("Extractor", ("speaker ", "dim"), _lit(d.extractor_speaker, "bold"),
                          ("  (corrected to ", "dim"), _lit(d.speaker, "bold"), (")", "dim")))
    if d.extractor_span:
        said.append(_line("" if said else "Extractor", ("span ", "dim"), (f"{d.extractor_span[0]}-{d.extractor_span[1]} ",
                                                                          "dim"), ("“", "dim"),
                          _lit(d.extractor_text), ("”", "dim")))
    if d.extractor_mention:
        said.append(_line("" if said else "Extractor", ("mention “", "dim"), _lit(d.extractor_mention), ("”", "dim")))
    if not said:
        said.append(_line("Extractor", ("as corrected (corrections undone)", "dim")))
    for part in said:
        add(part)
    for i, e in enumerate(reversed(d.corrections)):
        add(_line("Corrected" if i == 0 else "", (e.created_at, "dim"), "  ", _lit(e.reviewer, "bold"), "  ",
                  *_correction_what(e), (f"  (undoes #{e.undoes_event_id})" if e.undoes_event_id else "", "dim")))


class DetailPane(VerticalScroll, can_focus=False):
    """Shows one claim's detail; the screen sets :attr:`detail`."""

    def compose(self):
        yield Static(Content("No claim selected."), id="detail-body")

    detail: ClaimDetail | None = None

    def add_group_members(self, claim_id: int, members: tuple) -> None:
        """Append a further page of the shown claim's group (ignored if another claim is shown now)."""
        if self.detail is None or self.detail.claim_id != claim_id or not members:
            return
        y = self.scroll_y
        self.detail = replace(self.detail, group=self.detail.group + tuple(members))
        self.query_one("#detail-body", Static).update(render_detail(self.detail))
        self.scroll_to(y=y, animate=False)

    def show(self, detail: ClaimDetail | None, message: str | None = None) -> None:
        self.detail = detail
        body = self.query_one("#detail-body", Static)
        if detail is None:
            body.update(Content(message or "No claim selected."))
        else:
            body.update(render_detail(detail))
        self.scroll_home(animate=False)
