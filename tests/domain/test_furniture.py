"""Web-page furniture lines are no claims; article lines of the same shape are (issue 13).

Each line is set in a small article of our own between two ordinary
paragraphs, as it would stand in a page's extracted text.
"""

from __future__ import annotations

import pytest

from workbench.domain import analyse
from workbench.domain.furniture import furniture

BEFORE = "The council approved the budget on Tuesday after a long debate."
AFTER = "The mayor said the vote was a relief for the city's schools."


def in_article(line: str) -> str:
    return f"Council passes budget\n\n{BEFORE}\n\n{line}\n\n{AFTER}\n"


def on_line(line: str) -> tuple[list[str], list[str]]:
    """The claims and the kinds of non-claims found on ``line`` in an article."""
    text = in_article(line)
    start = text.index(line)
    end = start + len(line)
    a = analyse(text, None)
    claims = [c.text for c in a.claims if c.start < end and start < c.end]
    kinds = [n.kind for n in a.non_claims if n.start < end and start < n.end]
    return claims, kinds


FURNITURE = [
    # galleries and slideshows
    ("1/50 United goin down in the second half", "boilerplate"),
    ("1 of 5", "boilerplate"),
    ("Gallery: Harbour Bridge at night | 14 Photos", "boilerplate"),
    ("View photo", "boilerplate"),
    # share bars and counters
    ("Share on Facebook", "boilerplate"),
    ("Tweet this", "boilerplate"),
    ("Reprints", "boilerplate"),
    ("941 comments", "boilerplate"),
    ("Loading Comments...", "boilerplate"),
    # scripts and players
    ("This is a modal window.", "boilerplate"),
    ("Unfortunately, this video is not available in your region.", "boilerplate"),
    ("Please try again later.", "boilerplate"),
    ("Next video starts in : 7", "boilerplate"),
    ("Story continues below advertisement", "boilerplate"),
    # teasers and calls to action
    ("Continue reading the main story", "boilerplate"),
    ("[Read: Why the harbour plan stalled for a decade]", "related"),
    ("[What you need to know today: Get Harbour Daily in your inbox.]", "related"),
    ("Sign up for our daily newsletter", "related"),
    ("Keep an eye on your inbox for the latest harbour news.", "boilerplate"),
    ("There was an error processing your subscription.", "boilerplate"),
    ("To Read the Full Story", "boilerplate"),
    ("You may also like...", "related"),
    ("Like this story?", "boilerplate"),
    ("If you buy something through this post, Harbour News may get a share of the sale.", "boilerplate"),
    ("Ana Ruiz may be reached at aruiz@example.com.", "byline"),  # an older rule takes "Sign up" lines
    ("For the latest stories download the Harbour News apps for iOS and Android.", "boilerplate"),
    ("Topics: budget, schools, harbour", "related"),
    ("From the section Harbour & Islands", "related"),
    ("Home > News > Harbour", "related"),
    # credits and bylines
    ("(Additional reporting by Ana Ruiz; Editing by Li Wei)", "credit"),
    ("(Reporting by Ana Ruiz in Lisbon; Writing by Li Wei)", "credit"),
    ("Tom Berg contributed to this report.", "credit"),
    ("Mark Hollis/Getty Images", "credit"),
    ("Photo: Jo Lee/AP", "credit"),
    ("— Ana Ruiz (@anaruiz) December 22, 2014", "credit"),
    ("Follow Ana Ruiz on Twitter @anaruiz", "byline"),
    ("Ana Ruiz is a reporter for Harbour News covering city hall.", "byline"),
    ("© 2019 Harbour Media Network", "boilerplate"),
    ("Citation: Budget passes (2019, March 5) retrieved 6 March 2019 from https://example.org/b", "boilerplate"),
    # help boxes
    ("If you or someone you know is struggling, call or text the lifeline at 988.", "boilerplate"),
    # dates, headings, markup debris
    ("24 July 2015", "boilerplate"),
    ("On May 23, 2014 at 1:30 PM", "boilerplate"),
    ("Kenya trip", "subheading"),
    ("REUTERS SHOWCASE", "subheading"),
    ("Photo of Baby Wrapped in a Flag Seen as Unpatriotic", "subheading"),
    ("]", "boilerplate"),
    ("...", "boilerplate"),
    ("|---|---|", "boilerplate"),
    ("| HTML | 57Kb | 59Kb | +4% |", "table"),
]

ARTICLE = [
    "Officials counted 941 comments at the hearing, more than at any meeting before.",
    "The video shows a second officer grabbing the passenger by the ankles.",
    "Share prices fell 4 percent after the report, traders said.",
    "Follow-up inspections found 12 more cracks in the bridge.",
    "Continued rain will delay the harbour works until May, the council said.",
    "The hotline received 5,000 calls last year, officials said.",
    "Netflix added 2 million subscribers in the quarter, the company said.",
    "By Tuesday the plan had failed.",
    "The photo, from a family's newborn shoot, showed an infant wrapped in a flag.",
    "John Berg was a reporter for the Post before he ran for office in 2010.",
    "- I inherited a shoddy system",
    "• There are no walk-ins allowed",
    "Ann Cole claims victory",
    "Drink water during your workout",
    "Share your stories with us, the mayor told residents at the meeting.",
    "The company may receive a share of the profits, the filing said.",
    "Reach for the stars.",
]


@pytest.mark.parametrize("line, kind", FURNITURE)
def test_furniture_line_is_no_claim(line, kind):
    assert on_line(line) == ([], [kind])


@pytest.mark.parametrize("line", ARTICLE)
def test_article_line_is_a_claim(line):
    claims, kinds = on_line(line)
    assert claims and kinds == [], f"{line!r}: claims {claims}, non-claims {kinds}"


def test_the_paragraphs_around_stay_claims():
    text = in_article("Share on Facebook")
    claims = analyse(text, None).claims
    covered = "".join(text[c.start : c.end] + " " + (c.cue.text if c.cue else "") for c in claims)
    assert "the budget" in covered and "relief for the city" in covered
    assert not [c for c in claims if "Share" in c.text]


def test_bio_line_names_the_byline():
    kind = furniture("Ana Ruiz is a senior writer at Harbour News.")
    assert kind == ("byline", "Ana Ruiz")
