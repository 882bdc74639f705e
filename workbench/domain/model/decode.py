"""Provides the model's tags read back as attributions: content, cue and source spans.

A paragraph's tags give runs of source (``SRC``), cue (``CUE``) and content
(``CON``) tokens. Each content run takes the nearest cue of its paragraph
(a cue across a sentence boundary costs more than one in the same
sentence, and a quotation's own sentence is joined to the cue's), and each
cue takes the nearest source of its sentence, else of its paragraph, else
the source of the attribution before it in the paragraph ("..., adding
that ..."). A content with no cue in its paragraph continues the speaker
of the paragraph before when it is a quotation; otherwise it is left to the
rules (the reporter's own claim).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import tagger
from .paragraphs import ModelParagraph


@dataclass(frozen=True, slots=True)
class Run:
    """A run of tokens with one role: character offsets and token indexes."""

    role: str  # "SRC", "CUE", "CON"
    start: int
    end: int
    first: int
    last: int  # inclusive
    sentence: int
    confidence: float


@dataclass(frozen=True, slots=True)
class Attribution:
    """One content span with its cue and source, as the model read them."""

    content: Run
    cue: Run | None
    source: Run | None
    # No cue in the paragraph: a quotation that continues the previous speaker.
    continuation: bool = False


_ROLES = ("", "SRC", "CUE", "CON")
# Tag -> role number (0 none, 1 source, 2 cue, 3 content).
_ROLE_OF_TAG = np.array([0, 1, 1, 2, 2, 3, 3])
# A gap of at most this many tokens inside a content, each at least this
# likely to be content, is content (one unsure word does not cut a claim in two).
_GAP_TOKENS = 2
_GAP_P = 0.25
_SENTENCE_END = frozenset((".", "!", "?"))


def _segments(role: np.ndarray) -> list[tuple[int, int, int]]:
    """(role, start, end) of each maximal stretch of one role."""
    bounds = np.flatnonzero(np.diff(role)) + 1
    starts = [0, *bounds.tolist()]
    ends = [*bounds.tolist(), len(role)]
    return [(int(role[a]), a, b) for a, b in zip(starts, ends)]


def runs(para: ModelParagraph, tags: np.ndarray, probs: np.ndarray | None) -> list[Run]:
    """Maximal runs of one role; short unsure gaps inside a content are closed, and a
    content runs on over likely-content words to its clause end."""
    role = _ROLE_OF_TAG[tags]
    n = len(role)
    words = para.words
    segs = _segments(role)
    if probs is not None and n:
        con = probs[:, tagger.B_CON] + probs[:, tagger.I_CON]
        for i, (r, a, b) in enumerate(segs):
            if r != 0 or i == 0 or segs[i - 1][0] != 3:
                continue
            if i + 1 < len(segs) and segs[i + 1][0] == 3 and b - a <= _GAP_TOKENS and (con[a:b] >= _GAP_P).all() \
                    and not any(w in _SENTENCE_END for w in words[a:b]):
                role[a:b] = 3  # a gap inside a content
            else:
                j = a
                while j < b and con[j] >= TAIL and words[j] not in _SENTENCE_END:
                    j += 1
                role[a:j] = 3  # the content's tail
        segs = _segments(role)
    sents = np.searchsorted(np.asarray(para.sent_starts), para.starts, side="right") - 1
    out: list[Run] = []
    for r, a, b in segs:
        if r == 0:
            continue
        if r == 3 and not any(ch.isalnum() for w in words[a:b] for ch in w):
            continue  # a content of marks only ('"', "...") says nothing
        conf = 1.0
        if probs is not None:
            conf = float(probs[a:b, 2 * r - 1 : 2 * r + 1].sum()) / (b - a)
        out.append(Run(_ROLES[r], int(para.starts[a]), int(para.ends[b - 1]), a, b - 1, int(max(sents[a], 0)), conf))
    return out


def _gap(a: Run, b: Run) -> int:
    """Tokens between two runs (0 when adjacent)."""
    if a.last < b.first:
        return b.first - a.last - 1
    if b.last < a.first:
        return a.first - b.last - 1
    return 0


def _cue_cost(con: Run, cue: Run, quoted_sentences: frozenset[int]) -> float:
    cost = float(_gap(con, cue))
    same = con.sentence == cue.sentence or (
        abs(con.sentence - cue.sentence) == 1 and con.sentence in quoted_sentences)
    if not same:
        cost += 40.0
    if cue.last < con.first:
        cost -= 0.5  # the content follows its cue most often
    return cost


def _nearest(runs: list[Run], firsts: list[int], anchor: Run, cost: Callable[[Run], float],
             slack: float) -> Run | None:
    """The run of lowest ``(cost, first token)``, where ``cost(run) >= gap(anchor, run) - slack``.

    ``runs`` are in text order (``firsts``: their first tokens) and do not
    overlap ``anchor``: the search goes outwards from the anchor on each side
    and stops where the gap alone costs more than the best so far, so a long
    paragraph costs the runs near each anchor, not all of them.
    """
    best: Run | None = None
    best_key: tuple[float, int] | None = None
    i = bisect_left(firsts, anchor.first)
    for side in (range(i - 1, -1, -1), range(i, len(runs))):
        for j in side:
            r = runs[j]
            if best_key is not None and _gap(anchor, r) - slack > best_key[0]:
                break
            key = (cost(r), r.first)
            if best_key is None or key < best_key:
                best, best_key = r, key
    return best


def attributions(paras: list[ModelParagraph], tags: list[np.ndarray],
                 probs: list[np.ndarray] | None = None) -> list[tuple[ModelParagraph, list[Attribution]]]:
    """Group each paragraph's runs into attributions, in text order."""
    out = []
    for pi, (para, t) in enumerate(zip(paras, tags)):
        if not t.any():
            out.append((para, []))
            continue
        rs = runs(para, t, probs[pi] if probs is not None else None)
        cons = [r for r in rs if r.role == "CON"]
        cues = [r for r in rs if r.role == "CUE"]
        srcs = [r for r in rs if r.role == "SRC"]
        # A content may take a cue of the sentence before or after it when both hold content (one
        # quotation over two sentences) and its own sentence has no cue of its own.
        quoted = frozenset(r.sentence for r in cons) - frozenset(c.sentence for c in cues)
        cue_firsts = [c.first for c in cues]
        src_firsts = [s.first for s in srcs]
        by_sentence: dict[int, tuple[list[Run], list[int]]] = {}
        for s in srcs:
            runs_s, firsts_s = by_sentence.setdefault(s.sentence, ([], []))
            runs_s.append(s)
            firsts_s.append(s.first)
        found: list[Attribution] = []
        prev_source: Run | None = None
        for con in cons:
            cue = _nearest(cues, cue_firsts, con, lambda c: _cue_cost(con, c, quoted), slack=0.5)
            if cue is not None and _cue_cost(con, cue, quoted) >= 40.0:
                # Its nearest cue is in another sentence and no quotation joins them ("... an
                # allergy. Now research shows ..."): nobody is reported saying this content.
                cue = None
            if cue is None:
                found.append(Attribution(con, None, None, continuation=True))
                continue
            pool, firsts = by_sentence.get(cue.sentence) or (srcs, src_firsts)
            source = _nearest(pool, firsts, cue, lambda s: _gap(s, cue) + (0 if s.last < cue.first else 2),
                              slack=0.0) or prev_source
            prev_source = source or prev_source
            found.append(Attribution(con, cue, source))
        out.append((para, _join_interrupted(para, found)))
    return out


# A content runs on over following words the tagger gives at least this content probability.
TAIL = 0.2
# Words that open a clause of its own after a comma.
_CLAUSE_OPENERS = frozenset("but and or yet so while although though whereas because since if as".split())
_QUOTE_MARKS = frozenset(('"', "“", "''", "‘"))


def _words(para: ModelParagraph, run: Run) -> int:
    return sum(1 for w in para.words[run.first : run.last + 1] if w[0].isalnum())


def _opens_quote(para: ModelParagraph, run: Run) -> bool:
    """Whether a run starts at (or just after) an opening quotation mark."""
    return any(w in _QUOTE_MARKS for w in para.words[max(0, run.first - 1) : run.first + 1])


MIN_WORDS = 15


def _join_interrupted(para: ModelParagraph, found: list[Attribution]) -> list[Attribution]:
    """One content the attribution interrupts is one claim.

    Two contents of one cue, one before it and one after it, become one
    content spanning both:

    - interrupted_quote: two quoted pieces whose cue clause ends with a comma
      ('"A," he said, "b ..."': the quoted sentence goes on), or one of them
      shorter than ``MIN_WORDS`` words; two full quoted statements after a
      full stop ('"A," he said. "B."') stay two claims;
    - parenthetical: two unquoted pieces around a cue clause set off by
      commas, the second not opening a clause of its own ("This campaign, he
      says, is different."; but "S, the official said, but S2" stays two).
    """
    if len(found) < 2:
        return found
    out: list[Attribution] = []
    for a in found:
        prev = out[-1] if out else None
        if prev is not None and a.cue is not None and prev.cue is a.cue \
                and prev.content.last < a.cue.first and a.content.first > a.cue.last:
            mid_from = max(a.cue.last, a.source.last if a.source is not None else -1) + 1
            between = para.words[mid_from : a.content.first]
            quoted = _opens_quote(para, prev.content) and _opens_quote(para, a.content)
            if quoted:
                short = min(_words(para, prev.content), _words(para, a.content)) < MIN_WORDS
                join = ("," in between and "." not in between) or short
            else:
                before = para.words[prev.content.last + 1 : min(a.cue.first, (a.source.first if a.source else a.cue.first))]
                join = bool(before) and before[0] == "," and between[-1:] == [","] \
                    and para.words[a.content.first].lower() not in _CLAUSE_OPENERS \
                    and not _opens_quote(para, prev.content) and not _opens_quote(para, a.content)
            if join:
                c = Run("CON", prev.content.start, a.content.end, prev.content.first, a.content.last,
                        prev.content.sentence, min(prev.content.confidence, a.content.confidence))
                out[-1] = Attribution(c, prev.cue, prev.source or a.source)
                continue
        out.append(a)
    return out
