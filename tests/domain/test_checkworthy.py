"""Check-worthiness rules on a table of sentences: what fires, what scores high, what must score low."""

from __future__ import annotations

import time

import pytest

from workbench.domain.checkworthy import PRIOR, score, score_claim
from workbench.domain.models import AttributionKind, Claim, Segment, Speaker, SpeakerKind

# (claim text, reason prefixes that must appear, reason prefixes that must not)
FEATURES = [
    # quantities and numbers
    ("the militias had carried out at least five one-way drone attacks since April",
     ["quantity: five one-way", "date: April"], ["superlative"]),
    ("The council approved $3 million for road repairs", ["quantity: $3 million"], []),
    ("Unemployment reached 4.5% last month", ["quantity: 4.5% last"], []),
    ("about 2,500 troops remain in the country", ["quantity: 2,500 troops"], []),
    ("a dozen rockets landed near the base", ["quantity: dozen rockets"], []),
    # dates are dates, not quantities
    ("President Biden ordered airstrikes on a border control point on February 25",
     ["date: February 25", "named: Biden"], ["quantity"]),
    ("The agency was founded in 1998", ["date: 1998"], ["quantity"]),
    # a Title Case headline: only abbreviations and designations count as names
    ("US F-15, F-16 Fighters Strike Militia Groups on Iraq-Syria Border", ["named: US F-15, F-16"],
     ["named: US F-15, F-16 Fighters"]),
    # model designations are names, not quantities
    ("F-15 and F-16 fighter aircraft carried out the airstrikes", ["named: F-15, F-16"], ["quantity"]),
    # comparisons and superlatives
    ("there were more attacks this year than in all of 2019", ["comparison: more attacks this year than"], []),
    ("violent crime rose sharply after the law changed", ["comparison: rose", "law: law"], []),
    ("it was the deadliest attack on U.S. forces in a decade", ["superlative: deadliest", "named: U.S."], []),
    ("this is the largest deployment since the war", ["superlative: largest"], []),
    # causal claims
    ("the strikes were carried out in response to drone attacks", ["causal: in response to"], []),
    ("prices went up because of the new tariff", ["causal: because of"], []),
    # predictions
    ("inflation will fall below two percent next year", ["prediction: will", "quantity: two percent next"], []),
    ("the company is expected to cut jobs", ["prediction: expected to"], []),
    # laws and rules
    ("the strikes were legal under international law", ["law: legal"], []),
    ("the court ruled the ban unconstitutional", ["law: court"], []),
    # hedges
    ("buildings are believed to be used by militia groups", ["hedge: are believed to"], []),
    ("the commander was reportedly killed in the strike", ["hedge: reportedly"], []),
    ("the military believes each strike hit the targets", ["hedge: believes"], ["opinion"]),
    # named people and organisations (a claim opening its sentence needs two capitalised words)
    ("groups such as Kata'ib Hezbollah and Kata'ib Sayyid al-Shuhada used the facilities",
     ["named: Kata'ib Hezbollah, Kata'ib Sayyid al-Shuhada"], []),
    ("John Kirby announced the strikes", ["named: John Kirby"], []),
    ("Strikes hit the facilities", [], ["named"]),
    # opinions, questions, personal experience: must score low
    ("I think the strikes were a mistake", ["opinion: I think"], []),
    ("We believe the policy is working", ["opinion: We believe"], []),
    ("the response was disgraceful", ["opinion: disgraceful"], []),
    ("the government should do more to protect civilians", ["opinion: should"], []),
    ("Will the strikes deter further attacks?", ["question"], []),
    ("Why did the Pentagon wait so long?", ["question"], []),
    ("I saw the smoke from my house", ["personal experience: I saw"], []),
    ("my family has lived here for generations", ["personal experience: my family"], []),
    # nothing at all
    ("the region has seen rising tensions", [], ["quantity", "named", "opinion"]),
    # "Great Britain" is a name, not a judgement
    ("Great Britain joined the operation", ["named: Great Britain"], ["opinion"]),
]


@pytest.mark.parametrize(("text", "present", "absent"), FEATURES, ids=[f[0][:40] for f in FEATURES])
def test_features(text, present, absent):
    w = score(text, text)
    for prefix in present:
        assert any(r.startswith(prefix) for r in w.reasons), (prefix, w.reasons)
    for prefix in absent:
        assert not any(r.startswith(prefix) for r in w.reasons), (prefix, w.reasons)
    assert 0.0 <= w.score <= 1.0


LOW = [
    "I think the strikes were a mistake",
    "We believe the policy is working",
    "Will the strikes deter further attacks?",
    "Why did the Pentagon wait so long?",
    "I saw the smoke from my house",
    "my family has lived here for generations",
    "the response was disgraceful",
]
HIGH = [
    "the militias had carried out at least five one-way drone attacks since April",
    "it was the deadliest attack on U.S. forces in a decade",
    "crime rose 40% last year because of the new law",
    "buildings are believed to be used by militia groups to carry out 20 attacks",
]


@pytest.mark.parametrize("text", LOW)
def test_opinions_questions_and_experience_score_low(text):
    assert score(text, text).score < PRIOR


@pytest.mark.parametrize("text", HIGH)
def test_specific_factual_claims_score_high(text):
    assert score(text, text).score >= 0.4


def test_more_evidence_scores_higher():
    plain = score("the strikes hit the facilities").score
    one = score("the strikes hit three facilities").score
    two = score("the strikes hit three facilities, the largest raid in Iraq").score
    assert PRIOR == plain < one < two < 1.0


def test_anonymous_sourcing_from_speaker_sentence_or_cue():
    text = "the pilots made it back safely"
    assert "anonymous source" not in score(text, text).reasons
    assert "anonymous source" in score(text, text, speaker_kind="anonymous").reasons
    assert "anonymous source" in score(text, "An official, speaking on condition of anonymity, said " + text).reasons
    assert "anonymous source" in score(text, text, anonymity_cue="not authorized to speak").reasons


def test_extractor_hedge_cue_is_used():
    w = score("militias use the buildings", hedge_cue="are believed to")
    assert "hedge: are believed to" in w.reasons


def test_score_claim_reads_the_claim():
    text = "A U.S. defense official said the fighters hit five targets."
    start = text.index("the fighters")
    claim = Claim(start=start, end=len(text) - 1, text=text[start:-1], sentence=Segment(0, len(text), text),
                  paragraph=Segment(0, len(text), text), attribution=AttributionKind.INDIRECT, rule="test",
                  speaker=Speaker("U.S. defense official", SpeakerKind.ANONYMOUS))
    w = score_claim(claim)
    assert w.reasons[:1] == ("quantity: five targets",)
    assert "anonymous source" in w.reasons


def test_fast_enough_for_every_claim_at_ingest():
    text = ("McNulty said the Iran-backed militias had carried out at least five one-way unmanned aerial "
            "vehicle attacks against facilities used by U.S. and coalition personnel in Iraq since April")
    n = 2000
    t0 = time.perf_counter()
    for _ in range(n):
        score(text, text)
    per_claim = (time.perf_counter() - t0) / n
    # Budget is about 20 us on a quiet machine; the bound leaves room for a busy CI runner.
    assert per_claim < 200e-6
