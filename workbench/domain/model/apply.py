"""Provides ``refine``: the rules extractor's analysis, re-read by the attribution model.

The rules run first; their claims are features for the model and the
fallback where it is silent. The model tags the paragraphs that hold a cue
word, a colon or a quotation; its attributions (``decode``) become claims
with the speaker resolved in article order (``coref``, with the article's
people for "he"/"she"). Then, per rules claim:

- a claim of a rule in ``manifest["rules_over_model"]`` (transcript turns,
  captions: measured more precise than the model) stands, and model claims
  overlapping it give way;
- otherwise a model claim overlapping it replaces it;
- an attributed rules claim the model did not touch keeps its speaker when
  its rule's measured precision is at least ``manifest["rule_keep"]``, and
  becomes the reporter's claim otherwise.

Every claim carries a confidence: the model's probability for its spans,
or the measured precision of the rule that made it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from itertools import accumulate

import numpy as np

from ..content_span import trim
from ..lexicon import TIME_WORDS
from ..coref import SOURCE_PRONOUNS, UNIDENTIFIED, SpeakerBook

from ..models import Analysis, AttributionKind, Claim, Segment, Speaker, SpeakerKind, Span
from ..pronouns import PronounContext
from ..quotes import Quote
from ..sources import NP, PRONOUNS, np_before
from . import stack, tagger
from .decode import Attribution, Run, attributions
from .paragraphs import ArticleTokens, ModelParagraph, read_article
from .store import AttributionModel

_RELATIVE = frozenset(("who", "which", "that"))
# The comma that opens an appositive: followed by a blank (not the one inside "12,000").
_APPOSITIVE_COMMA = re.compile(r",(?=\s)")
# A conjunction left at the end of a content, and words that name nobody on their own
# ("while another may offer ...": another what?).
_DANGLING_CONJ = re.compile(r"[,;]?\s+(?:while|and|but|or|as|because|although|whereas|though)$", re.I)
_NOT_SOURCES = frozenset("another other others one some any each either neither both this that these those which "
                         "what whom whose".split())
# A source phrase that ends in a preposition, and the name that may follow it.
_DANGLING_PREP = re.compile(r"\s+(?:of|for|at|from|in|with|on)$", re.I)
_NAME_AFTER = re.compile(r"(?:\s+(?:the\s+)?[A-Z][\w.'’&-]*){1,4}")
# Time words that end a cue: the cue stops before them.
_CUE_TIME = re.compile(r"[\s,]+(?:" + TIME_WORDS + r")\b")
# The complementiser opening a reported clause ("said that ...").
_THAT = re.compile(r"that\s+(?=\S)")
_TRAIL = ',.:;"”’ '
_LEAD = '"“‘( '


def _source_np(text: str, para: ModelParagraph, run: Run) -> NP | None:
    """The source run as a noun phrase: an appositive after its first comma is kept apart."""
    s, e = run.start, run.end
    while s < e and text[s] in _LEAD:
        s += 1
    while e > s and text[e - 1] in _TRAIL:
        e -= 1
    if e <= s:
        return None
    word = text[s:e].lower()
    if word in _RELATIVE:
        # "Kirby, who said ...": the phrase before the relative pronoun.
        c = s
        while c > para.segment.start and text[c - 1] in " ,":
            c -= 1
        return np_before(text, para.segment.start, c + 1 if text[c:c + 1] == "," else c) if c > para.segment.start \
            else None
    # "Residents of" + "Lindenfield": a phrase the tagger cut after its preposition takes the
    # name that follows; with no name there, the preposition goes.
    dangling = _DANGLING_PREP.search(text, s, e)
    if dangling is not None:
        name = _NAME_AFTER.match(text, e)
        e = name.end() if name is not None else dangling.start()
        if e <= s:
            return None
        word = text[s:e].lower()
    # "the billionaire": the determiner the tagger left out belongs to the phrase.
    before = text[max(para.segment.start, s - 4) : s]
    if before.lower() in ("the ", " the") or before.endswith(("the ", "The ")):
        s = s - 4
    comma = _APPOSITIVE_COMMA.search(text, s, e)
    k = comma.start() if comma else -1
    if k > s:
        a = k + 1
        while a < e and text[a] == " ":
            a += 1
        return NP(s, k, e, app_start=a if e > a else -1, app_end=e if e > a else -1)
    return NP(s, e, e, pronoun=word in SOURCE_PRONOUNS)


def _kind(text: str, cs: int, ce: int, quoted: bool, cue: Run | None) -> AttributionKind:
    if cue is not None and text[cue.start : cue.end].lower().startswith("according"):
        return AttributionKind.ACCORDING_TO
    if quoted:
        return AttributionKind.DIRECT
    if any(ch in text[cs:ce] for ch in '"“”') or "''" in text[cs:ce]:
        return AttributionKind.PARTIAL
    return AttributionKind.INDIRECT


def _confidence(a: Attribution) -> float:
    c = a.content.confidence
    c *= a.cue.confidence if a.cue is not None else 0.5
    if a.source is not None:
        c *= a.source.confidence
    return round(float(c), 3)


def tag_article(model: AttributionModel, toks: ArticleTokens) -> tuple[np.ndarray, np.ndarray]:
    """The model's tags and tag probabilities for an article's tokens (both passes)."""
    lay = toks.layout
    p = model.taggers[0].probs(toks.ids)
    for t in model.taggers[1:]:
        extra = stack.stack_ids(p, lay.para, lay.sent, model.stack_offsets)
        p = t.probs(np.concatenate((toks.ids, extra), axis=1))
    first = np.ones(len(p), bool)
    first[1:] = lay.para[1:] != lay.para[:-1]
    trans = model.manifest.get("transitions")
    if trans is None:
        return tagger.best_tags(p, first), p
    weight = float(model.manifest.get("transition_weight", 0.3))
    return tagger.viterbi(np.log(p + 1e-9), weight * np.asarray(trans), first), p


def _model_claims(model: AttributionModel, text: str, toks: ArticleTokens, tags: np.ndarray,
                  probs: np.ndarray, book: SpeakerBook) -> list[Claim]:
    paras = toks.paragraphs
    out: list[Claim] = []
    last: Speaker | None = None
    tag = model.tag
    min_conf = float(model.manifest.get("min_confidence", 0.0))
    for para, found in attributions(paras, [tags[p.first : p.last] for p in paras],
                                    [probs[p.first : p.last] for p in paras]):
        pseg = para.segment
        for a in found:
            cs, ce, quoted = trim(text, a.content.start, a.content.end)
            while ce > cs and text[ce - 1] == ".":
                ce -= 1
            dangling = _DANGLING_CONJ.search(text, cs, ce)
            if dangling is not None and dangling.start() > cs:
                ce = dangling.start()  # "a way to stem that rise, while": the clause ends at the comma
            if a.cue is not None and not quoted and _THAT.match(text, cs, ce):
                # "said that the strikes ...": the claim is what follows "that".
                cs = _THAT.match(text, cs, ce).end()
            if ce <= cs:
                continue
            conf = _confidence(a)
            if conf < min_conf:
                continue
            mention = antecedent = None
            if a.source is not None:
                src = _source_np(text, para, a.source)
                if src is None or src.end <= src.start:
                    continue
                speaker, mention, antecedent = book.resolve_mention(text, src)
            elif a.continuation and last is not None and quoted:
                speaker = last
            else:
                continue
            if speaker.name.lower() in SOURCE_PRONOUNS or speaker.name.lower() in _NOT_SOURCES \
                    or speaker == UNIDENTIFIED:
                # An unresolved pronoun names nobody: leave the sentence to the rules.
                continue
            last = speaker
            cue = _cue_span(text, a.cue.start, a.cue.end) if a.cue is not None else None
            out.append(Claim(cs, ce, text[cs:ce], _sentence_of(text, para, cs), pseg,
                             _kind(text, cs, ce, quoted, a.cue), tag, speaker, mention=mention,
                             antecedent=antecedent, cue=cue, confidence=conf))
    return out


def _cue_span(text: str, start: int, end: int) -> Span:
    # "said Monday", "said on Tuesday": the cue is the verb; when is not how.
    m = _CUE_TIME.search(text, start, end)
    if m is not None and m.start() > start:
        end = m.start()
    return Span(start, end, text[start:end])


def _sentence_of(text: str, para: ModelParagraph, pos: int) -> Segment:
    starts = para.sent_starts
    i = max(0, bisect_left(starts, pos + 1) - 1)
    s = starts[i]
    e = starts[i + 1] if i + 1 < len(starts) else para.segment.end
    while e > s and text[e - 1].isspace():
        e -= 1
    return Segment(s, e, text[s:e])


def _overlaps(claims: list[Claim], starts: list[int], c: Claim) -> bool:
    # ``claims`` are disjoint and ordered: only the last one starting before
    # ``c`` ends can reach into it.
    i = bisect_left(starts, c.end) - 1
    return i >= 0 and claims[i].end > c.start


def _overlaps_any(starts: list[int], reach: list[int], c: Claim) -> bool:
    # ``reach[i]``: the furthest end of the spans up to the i-th by start
    # (they may overlap one another: non-claims and claims).
    i = bisect_left(starts, c.end) - 1
    return i >= 0 and reach[i] > c.start


def refine(model: AttributionModel, text: str, headline: Span | None, rules: Analysis,
           lay: list[tuple[Segment, list[Segment], list[Quote]]], context: PronounContext) -> Analysis:
    """The final analysis: model claims merged with the rules' (see the module docstring).

    Args:
        model: the attribution model.
        text: the article text.
        headline: the headline span, if the title is part of the text.
        rules: the rules extractor's analysis of ``text``.
        lay: each paragraph with its sentences and quotations (``extract.layout``).
        context: the article's people, for pronoun back-references.
    """
    head = Segment(headline.start, headline.end, headline.text) if headline is not None else None
    toks = read_article(model.table, model.offsets, text, rules.claims, head, lay)
    if toks is None:
        return _with_rule_confidence(model, rules)
    over = frozenset(model.manifest.get("rules_over_model", ()))
    fixed = [c for c in rules.claims if c.rule in over and c.speaker is not None]
    tags, probs = tag_article(model, toks)
    # Lines the rules found not to be claims (captions, bylines, furniture) stay out.
    fixed = sorted([*fixed, *rules.non_claims], key=lambda c: c.start)
    fixed_starts = [c.start for c in fixed]
    reach = list(accumulate((c.end for c in fixed), max))
    mclaims = [c for c in _model_claims(model, text, toks, tags, probs, SpeakerBook(context))
               if not _overlaps_any(fixed_starts, reach, c)]
    content_p = probs[:, tagger.B_CON] + probs[:, tagger.I_CON]
    tok_starts = toks.layout.starts
    support_min = float(model.manifest.get("rule_support", 2.0))
    mclaims.sort(key=lambda c: c.start)
    m_starts = [c.start for c in mclaims]
    keep = float(model.manifest.get("rule_keep", 0.0))
    out: list[Claim] = list(mclaims)
    for c in rules.claims:
        if c.rule not in over and mclaims and _overlaps(mclaims, m_starts, c):
            out.extend(_leftovers(model, text, c, mclaims, m_starts))
            continue
        conf = model.rule_confidence(c.rule)
        if c.speaker is not None and c.rule not in over and (conf is None or conf < keep) \
                and _support(tok_starts, content_p, c) < support_min:
            # A rule the model outdoes where it is silent: the reporter's claim.
            c = Claim(c.start, c.end, c.text, c.sentence, c.paragraph, AttributionKind.UNATTRIBUTED, c.rule,
                      hedge_cue=c.hedge_cue, confidence=model.rule_confidence("author_default"))
        else:
            c = replace(c, confidence=conf)
        out.append(c)
    out.sort(key=lambda c: (c.start, -c.end))
    return Analysis(tuple(out), rules.non_claims, rules.byline)


# A leftover of at least this many words stays a claim of the reporter's.
_LEFTOVER_WORDS = 4
_WORD_RE = re.compile(r"\w+")


def _leftovers(model: AttributionModel, text: str, c: Claim, mclaims: list[Claim], m_starts: list[int]) -> list[Claim]:
    """What a rules claim the model overrode still says besides the model's claims, cues and sources.

    "The council approved the budget on Tuesday after a long debate": the
    model's claim is "the budget on Tuesday", its cue "approved" and source
    "The council"; "after a long debate" stays the reporter's claim, so no
    part of the sentence drops out of review.
    """
    taken: list[tuple[int, int]] = []
    i = bisect_left(m_starts, c.end) - 1
    while i >= 0 and mclaims[i].end > c.start - 400:
        m = mclaims[i]
        for span in (m, m.cue, m.mention):
            if span is not None and span.start < c.end and c.start < span.end:
                taken.append((span.start, span.end))
        i -= 1
    taken.sort()
    out = []
    pos = c.start
    for s0, e0 in [*taken, (c.end, c.end)]:
        if s0 > pos:
            a, b, _ = trim(text, pos, s0)
            while b > a and text[b - 1] == ".":
                b -= 1
            if len(_WORD_RE.findall(text, a, b)) >= _LEFTOVER_WORDS:
                out.append(Claim(a, b, text[a:b], c.sentence, c.paragraph, AttributionKind.UNATTRIBUTED,
                                 "author_default" if c.speaker is not None else c.rule, hedge_cue=c.hedge_cue,
                                 confidence=model.rule_confidence("author_default")))
        pos = max(pos, e0)
    return out


def _support(tok_starts: np.ndarray, content_p: np.ndarray, c: Claim) -> float:
    """How likely the model finds the words of a rules claim to be reported content (mean probability)."""
    a = int(np.searchsorted(tok_starts, c.start, side="left"))
    b = int(np.searchsorted(tok_starts, c.end, side="left"))
    if b <= a or tok_starts[a] >= c.end:
        return 0.0
    return float(content_p[a:b].mean())


def _with_rule_confidence(model: AttributionModel, rules: Analysis) -> Analysis:
    return Analysis(tuple(replace(c, confidence=model.rule_confidence(c.rule)) for c in rules.claims),
                    rules.non_claims, rules.byline)

