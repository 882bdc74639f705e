"""The extractor's fast paths give exactly what the plain versions give."""

from __future__ import annotations

import dataclasses
import random
import re

import pytest

from workbench.domain import cues as attribution  # the cue forms and their pattern (were in attribution.py)
from workbench.domain import reporter_claims as extract  # the clause and hedge rules (were in extract.py)
from workbench.domain.lexicon import HEDGE_PATTERN
from workbench.domain.models import AttributionKind, Claim, Segment, Span
from workbench.domain.wordscan import WordPattern

# The clause break as the rule states it (extract._CLAUSE_RE is the same
# regex, reordered to open with a character class).
CLAUSE_SPEC = re.compile(
    r"\s*(?:;|\s—\s|\s--\s|―|:)\s*|,\s+|\s+(?=(?:that|because|since|after|while|although|despite|amid)\s)"
)

# The cue and hedge patterns as written (searched through WordPattern).
CUE_SPEC = re.compile(r"\b(?:[Aa]ccording to|" + attribution.trie_pattern(list(attribution.FORMS)) + r")\b")
HEDGE_SPEC = re.compile(HEDGE_PATTERN)

CUE_TEXTS = [
    "Kirby said the strikes were defensive.",
    "said Kirby, according to the Pentagon.",
    "According to officials, it was unsaid and résaid; _said 2said Said.",
    "He pointed out that the report, which she told him about, was late.",
    "ésaid said",
    "It was reportedly late; they are widely believed to be, it is said, rumours have it.",
    "éreportedly xreportedly _is believed to",
    "",
]
CLAUSE_TEXTS = [
    "The bridge reopened in May after two years of repairs, and the toll, which had doubled, fell again.",
    "A; B — C -- D ―E: F,G , H  that  because\tx",
    " \u00a0that amid ,\n,  ;;: --x —",
]


def _windows(text: str):
    yield 0, len(text)
    for a in range(len(text) + 1):
        yield a, len(text)
        yield 0, a


@pytest.mark.parametrize("text", CUE_TEXTS)
@pytest.mark.parametrize("spec, fast", [(CUE_SPEC, attribution._CUES), (HEDGE_SPEC, extract._HEDGES)])
def test_word_patterns_match_the_plain_regex(text, spec, fast):
    for a, b in _windows(text):
        want = [(m.start(), m.end(), m.group()) for m in spec.finditer(text, a, b)]
        assert list(fast.finditer(text, a, b)) == want
        assert fast.search(text, a, b) == (want[0] if want else None)


def test_word_pattern_needs_a_word_boundary():
    with pytest.raises(ValueError):
        WordPattern.from_regex("said")


@pytest.mark.parametrize("text", CLAUSE_TEXTS)
def test_clause_breaks_match_the_rule(text):
    for a, b in _windows(text):
        want = [m.span() for m in CLAUSE_SPEC.finditer(text, a, b)]
        assert [m.span() for m in extract._CLAUSE_RE.finditer(text, a, b)] == want


def test_clause_breaks_on_random_text():
    rnd = random.Random(0)
    parts = [" ", "\n", "\u00a0", ",", ";", ":", "―", "—", "-", "--", "that", "amid", "x", "thatx"]
    for _ in range(3000):
        text = "".join(rnd.choice(parts) for _ in range(rnd.randrange(1, 16)))
        want = [m.span() for m in CLAUSE_SPEC.finditer(text)]
        assert [m.span() for m in extract._CLAUSE_RE.finditer(text)] == want


def test_quick_init_keeps_the_dataclass_contract():
    seg = Segment(0, 3, "abc")
    claim = Claim(0, 3, "abc", seg, seg, AttributionKind.DIRECT, "r", cue=Span(0, 1, "a"))
    assert claim.speaker is None and claim.chain == () and claim.cue == Span(0, 1, "a")
    assert dataclasses.replace(claim, rule="s").rule == "s"
    with pytest.raises(dataclasses.FrozenInstanceError):
        seg.start = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        Segment(0, 3)  # type: ignore[call-arg]
