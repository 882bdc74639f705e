"""Claims start and end on word boundaries: never inside a number ("157,000",
"8:51", "403.54") or a word, never a lone fragment of their sentence (issue 13)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.domain import analyse


def cut_edges(text: str) -> list[tuple[str, str]]:
    """The claims of ``text`` that start or end inside a word or a number."""
    out = []
    for c in analyse(text).claims:
        s, e = c.start, c.end
        if s > 0 and text[s - 1].isalnum() and text[s].isalnum():
            out.append(("starts inside a word", c.text))
        if e < len(text) and text[e - 1].isalnum() and text[e].isalnum():
            out.append(("ends inside a word", c.text))
        if s >= 2 and text[s].isdigit() and text[s - 1] in ",.:" and text[s - 2].isdigit():
            out.append(("starts inside a number", c.text))
        if e + 1 < len(text) and text[e - 1].isdigit() and text[e] in ",.:" and text[e + 1].isdigit():
            out.append(("ends inside a number", c.text))
    return out


def claim_texts(text: str) -> list[str]:
    return [c.text for c in analyse(text).claims]


@pytest.mark.parametrize(
    "text",
    [
        "Health officials counted about 157,000 cases in the state by Friday, up from the week before.",
        "The shooting happened at 8:51 p.m. on Tuesday near the corner of Main and Elm, police said.",
        "He arrived at 6:15 a.m. and left by noon, witnesses said.",
        "The Sensex gained 0.03 percent at 27,403.54 points, while the broader Nifty ended flat.",
        "He bought a Land Rover for about $4,000 and leased it back to the Special Forces.",
        "The airport reported that crews had restored power at about 5:30 p.m. local time (12:30 p.m. EST).",
    ],
)
def test_numbers_stay_whole(text):
    assert cut_edges(text) == []


@pytest.mark.parametrize(
    "text, claim",
    [
        # A pronoun object is no claim: the sentence stays whole.
        ("Paramedics arrived within minutes. Paramedics could not revive him.",
         "Paramedics could not revive him."),
        # A list is not cut at its commas.
        ("Figures from Louisiana, Mississippi, Michigan and Ohio show the rate of new infections "
         "climbing sharply since June.",
         "Figures from Louisiana, Mississippi, Michigan and Ohio show the rate of new infections climbing sharply"),
    ],
)
def test_no_fragment_of_a_sentence(text, claim):
    assert claim in claim_texts(text)


def test_clauses_still_split_at_commas_that_open_a_clause():
    text = ("The bridge reopened in May after two years of repairs, and the toll, which had doubled, "
            "fell again because traffic returned.")
    assert "and the toll, which had doubled" in claim_texts(text)


SUBJECT = st.sampled_from(["He", "Kirby", "The official", "Police", "Health officials", "Sen. Ann Cole",
                           "then-Rep. Mike Pence", "Reuters", "The index"])
VERB = st.sampled_from(["arrived at", "reported", "fell", "gained", "said", "told reporters",
                        "has been critical of", "could not revive", "calls", "approved", "was", "won"])
NUMBER = st.sampled_from(["157,000 cases", "8:51 p.m.", "6:15 a.m.", "403.54 points", "$4,000",
                          "about 27,403.54 points", "2.5 percent", "No. 1", "1,200", "3:30", "10.5%",
                          "$1.2 billion", "12,000-strong"])
FILLER = st.sampled_from(["the bill", "him", "into question", "Louisiana", "Mississippi", "and", "or",
                          "on Tuesday", "in the state", "from", "that", "because", "the U.S.", "Feb. 25",
                          "local time", "a rally", "“we will win”", "according to officials"])
BREAK = st.sampled_from([" ", ", ", " (", ") ", "; ", " -- ", ": ", " — "])
END = st.sampled_from([".", ", police said.", ", according to officials.", "!", "?", ".\""])
SENTENCE = st.tuples(
    SUBJECT, VERB, st.lists(st.tuples(st.one_of(NUMBER, FILLER), BREAK).map("".join), min_size=1, max_size=8),
    END,
).map(lambda t: f"{t[0]} {t[1]} {''.join(t[2]).strip()}{t[3]}")
ARTICLE = st.lists(st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=3).map(
    "\n\n".join
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLE)
def test_no_claim_starts_or_ends_inside_a_number_or_a_word(text):
    assert cut_edges(text) == []
