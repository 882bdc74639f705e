"""The seed article against its hand-made gold (read from ../shared at test time)."""

from __future__ import annotations

import json
import re

import pytest

from workbench.domain import analyse
from workbench.domain.extract import analyse_rules
from workbench.domain.models import Span

_TOK = re.compile(r"[a-z0-9]+")
_DROP = {"the", "a", "an", "mr", "mrs", "ms", "sen", "president", "secretary"}


def _toks(s: str) -> set[str]:
    return {t for t in _TOK.findall(s.casefold().replace("’", "'").replace("'s", "")) if t not in _DROP}


def _headline(text: str) -> Span:
    line = text.split("\n", 1)[0]
    return Span(0, len(line), line)


def _load(seed_paths, extractor=analyse):
    txt, gold = seed_paths
    text = open(txt, encoding="utf-8", newline="").read()
    return text, json.loads(gold.read_text(encoding="utf-8")), extractor(text, _headline(text))


def _match(g, claims):
    """The scorer's rule: cover >= 50% of the gold span, at most 3x its length."""
    best = None
    for c in claims:
        ov = max(0, min(c.end, g["end"]) - max(c.start, g["start"]))
        n = g["end"] - g["start"]
        if ov >= 0.5 * n and c.end - c.start <= 3 * n and (best is None or ov > best[0]):
            best = (ov, c)
    return best[1] if best else None


def test_offsets_valid_and_no_overlap(seed_paths):
    text, _, a = _load(seed_paths)
    for c in a.claims:
        assert text[c.start : c.end] == c.text
        assert text[c.sentence.start : c.sentence.end] == c.sentence.text
        assert text[c.paragraph.start : c.paragraph.end] == c.paragraph.text
        for span in (c.mention, c.antecedent, c.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text
    spans = sorted((c.start, c.end) for c in a.claims) + []
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2


@pytest.mark.parametrize(("extractor", "speaker_misses"), [(analyse_rules, 0), (analyse, 1)],
                         ids=["rules", "rules+model"])
def test_all_gold_claims_found_with_right_speakers(seed_paths, extractor, speaker_misses):
    # The target for the product: 25/25 claims, at least 24/25 speakers. The
    # model credits "Biden previously ordered airstrikes ..." to Biden (cue "ordered",
    # as the training corpus often does); the gold says it is the reporter's.
    _, gold, a = _load(seed_paths, extractor)
    misses = []
    for g in gold["claims"]:
        c = _match(g, a.claims)
        if c is None:
            misses.append(("missing", g["text"]))
            continue
        if g["speaker"] is None:
            if c.speaker is not None:
                misses.append(("speaker", g["text"], c.speaker.name))
        elif c.speaker is None or not (_toks(c.speaker.name) <= _toks(g["speaker"])
                                       or _toks(g["speaker"]) <= _toks(c.speaker.name)):
            misses.append(("speaker", g["text"], c.speaker and c.speaker.name))
        elif c.attribution != g["attribution"]:
            misses.append(("attribution", g["text"], c.attribution))
    assert not [m for m in misses if m[0] == "missing"], misses
    assert len([m for m in misses if m[0] == "speaker"]) <= speaker_misses, misses
    assert len(misses) <= speaker_misses, misses


def test_non_claims_and_byline(seed_paths):
    _, gold, a = _load(seed_paths)
    for nc in gold["not_claims"]:
        for c in a.claims:
            assert not (c.start < nc["end"] and nc["start"] < c.end), (nc["text"], c.text)
    assert a.byline == "Stephen Losey"
    kinds = {n.kind for n in a.non_claims}
    # The headline is the reporter's claim now, not a non-claim.
    assert {"related", "byline", "boilerplate"} <= kinds


def test_canonical_speakers(seed_paths):
    _, _, a = _load(seed_paths)
    by_name = {c.speaker.name: c.speaker for c in a.claims if c.speaker}
    assert by_name["John Kirby"].role == "Pentagon Press Secretary"
    mc = by_name["Jessica McNulty"]
    assert mc.affiliation == "Pentagon" and "spokeswoman" in mc.role
    assert by_name["U.S. defense official"].kind == "anonymous"
    assert by_name["Pentagon"].kind == "organization"
    assert by_name["U.S. Central Command"].kind == "organization"
