"""Property-based tests: any text, offsets valid, claims pairwise disjoint, never over non-claims."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain import analyse
from workbench.domain.models import Span

WORDS = st.sampled_from(
    "said says told according to he she they it Kirby John Kirby the official a U.S. "
    "defense official Sen. Cmdr. Feb. 25 , . : ; -- — \" “ ” ' ’ '' ( ) \n \n\n that as "
    "described warned believes wants poll shows report found reportedly Read Next: "
    "Related: Story Continues By -- Jane Doe can be reached at (AP Photo/Jo Lee) I we "
    "DROP TABLE claims;-- claim: B 0".split(" ")
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(WORDS, max_size=80).map(" ".join),
    st.lists(WORDS, max_size=80).map("".join),
)


def _check(text: str, headline: Span | None = None) -> None:
    a = analyse(text, headline)
    prev_start = -1
    for c in a.claims:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
        assert c.start >= prev_start, "claims out of order"
        prev_start = c.start
    spans = [(c.start, c.end) for c in a.claims]
    for i, (s1, e1) in enumerate(spans):
        for s2, e2 in spans[i + 1 :]:
            assert e1 <= s2 or e2 <= s1, "claims overlap"
        for seg in (c.sentence, c.paragraph):
            assert text[seg.start : seg.end] == seg.text
        for span in (c.mention, c.antecedent, c.cue):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start : span.end] == span.text
        if c.speaker is None:
            assert c.mention is None
    for n in a.non_claims:
        assert text[n.start : n.end] == n.text
        for c in a.claims:
            assert not (c.start < n.end and n.start < c.end), "claim overlaps a non-claim"


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_any_text(text):
    _check(text)


@settings(max_examples=100, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=50))
def test_any_text_with_headline(text, cut):
    line_end = text.find("\n")
    end = min(cut, len(text)) if line_end < 0 else min(cut, line_end)
    _check(text, Span(0, end, text[:end]) if end > 0 else None)


def test_time_is_linear_in_paragraph_length():
    """One long paragraph: 4x the text takes about 4x the time, never 16x."""
    import time

    sentence = 'Ann Cole said the "plan would fail," officials said; the mayor, she said, agreed. '

    def timed(n: int) -> float:
        text = (sentence * (n // len(sentence) + 1))[:n]
        best = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            analyse(text)
            best = min(best, time.perf_counter() - t0)
        return best

    small, large = timed(25_000), timed(100_000)
    assert large < 8 * max(small, 1e-3), (small, large)


def test_sentence_with_no_end_is_cut_into_windows():
    text = "Ann Cole said the plan would fail, and " * 3000
    a = analyse(text)
    assert a.claims and all(c.end - c.start <= 2000 for c in a.claims)
