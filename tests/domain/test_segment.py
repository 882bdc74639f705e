"""Sentence and paragraph segmentation on news text (golden cases)."""

from __future__ import annotations

import pytest

from workbench.domain.segment import paragraphs, segment, sentences


def split(text: str) -> list[str]:
    return [s.text for _, sents in segment(text) for s in sents]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. Navy said so. It was late.", ["The U.S. Navy said so.", "It was late."]),
        ("Navy Cmdr. Jessica Lane spoke. She left.", ["Navy Cmdr. Jessica Lane spoke.", "She left."]),
        ("The strike was on Feb. 25 in Syria. Then it ended.",
         ["The strike was on Feb. 25 in Syria.", "Then it ended."]),
        ("Sen. Ann Cole and Martin Fry Jr. agreed. Nobody else did.",
         ["Sen. Ann Cole and Martin Fry Jr. agreed.", "Nobody else did."]),
        ("Growth was 2.5 percent. Prices rose.", ["Growth was 2.5 percent.", "Prices rose."]),
        ("J. Edgar Smith wrote it. He said so.", ["J. Edgar Smith wrote it.", "He said so."]),
        ("They moved to the U.S. The move was costly.", ["They moved to the U.S.", "The move was costly."]),
        ('"We will win." He smiled.', ['"We will win."', "He smiled."]),
        ("“Why now?” she asked. “Because.”", ["“Why now?” she asked.", "“Because.”"]),
        ("It was a risk -- a big one. Few saw it.", ["It was a risk -- a big one.", "Few saw it."]),
        ("He met No. 2 officials at 5 p.m. Tuesday.", ["He met No. 2 officials at 5 p.m. Tuesday."]),
    ],
)
def test_sentences(text, expected):
    assert split(text) == expected


# Regressions from issue 13 (real web pages): numbers and titles stay whole.
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Officials counted about 157,000 cases. Then it slowed.",
         ["Officials counted about 157,000 cases.", "Then it slowed."]),
        ("The call came at 8:51 p.m. on Tuesday. Police came.", ["The call came at 8:51 p.m. on Tuesday.", "Police came."]),
        ("It opened at 6:15 a.m. The line was long.", ["It opened at 6:15 a.m.", "The line was long."]),
        ("The index fell 403.54 points. It was the worst day.",
         ["The index fell 403.54 points.", "It was the worst day."]),
        ("The bill was written by then-Rep. Mike Pence of Indiana. It failed.",
         ["The bill was written by then-Rep. Mike Pence of Indiana.", "It failed."]),
        ("She met ex-Gov. Ann Cole. They spoke.", ["She met ex-Gov. Ann Cole.", "They spoke."]),
        # A page that lost the space between two sentences.
        ("West met Trump today, according to the rapper.Trump saw it differently.",
         ["West met Trump today, according to the rapper.", "Trump saw it differently."]),
        # ... but a dotted word, a domain or a title glued to a name is not an end.
        ("He cited e.g.The Times and Amazon.com today.", ["He cited e.g.The Times and Amazon.com today."]),
        ("He moved to St.Louis in May.", ["He moved to St.Louis in May."]),
    ],
)
def test_issue_13_numbers_and_titles(text, expected):
    assert split(text) == expected


def test_offsets_and_paragraphs():
    text = "  First line here.  \n\nSecond para. Two sentences.\n"
    paras = list(paragraphs(text))
    assert [p.text for p in paras] == ["First line here.", "Second para. Two sentences."]
    for p in paras:
        assert text[p.start : p.end] == p.text
        for s in sentences(text, p):
            assert text[s.start : s.end] == s.text
