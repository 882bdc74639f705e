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


def test_offsets_and_paragraphs():
    text = "  First line here.  \n\nSecond para. Two sentences.\n"
    paras = list(paragraphs(text))
    assert [p.text for p in paras] == ["First line here.", "Second para. Two sentences."]
    for p in paras:
        assert text[p.start : p.end] == p.text
        for s in sentences(text, p):
            assert text[s.start : s.end] == s.text
