"""Attribution errors seen on real pages (issue 20), each in a short article of our own with the same shape.

Each row: an article, words of the claim to look at, and what its speaker
must be (name, kind) -- or None when the sentence is the reporter's own.
Run through ``analyse`` with the shipped model, as ingest does.
"""

from __future__ import annotations

import pytest

from workbench.domain import analyse

AIRLINE = """Search for missing jet widens to the Java Sea

Ships and aircraft from five countries joined the search on Monday.

The airline said that it was inviting families of the passengers to a hotel near the airport in Surabaya.

"We are deeply saddened by this tragedy and will do everything we can," airline boss Tony Fernandes tweeted.

All of the crew members were experienced, the police of Surabaya said.
"""

OFFICIALS = """Bridge repairs run late

The main bridge has been closed since March for repairs to its deck.

Officials said the bridge would reopen in May.

The repairs would cost more than 4 million dollars, officials said.

A spokesman said the company would not comment on the delay.

Energy experts say the price of asphalt will rise again next year.
"""

ORGS = """Markets wait for the quarter's results

Shares moved little on Monday ahead of a week of company results.

Microsoft said the update would ship to customers in June.

The navy said two sailors were injured in the fire on Sunday.

The hospital said the patient was in stable condition.

New York state now has more than 157,000 cases of the virus.
"""

BLOOMBERG = """A late entry reshapes the race

Michael Bloomberg entered the race in November, long after the other candidates.

The former mayor has spent heavily on television advertisements since then.

The billionaire said that he would not take donations from anyone.

He said the campaign would run through the conventions in July.
"""

QUOTES = """Campaign looks to the Midwest

The campaign held rallies in three states over the weekend.

"Michigan is a state we have to work hard in, and we are working hard on. We want to make sure that we protect that lead," campaign chairman John Podesta told reporters.

"It's not nearly as hard as people think," psychologist Elaine Ducharme says.

After the meeting, he said nothing more about the schedule.
"""

RESIDENTS = """Park pages show the wrong notice

Residents of Lindenfield said on Saturday that the park pages listed every park as closed.

Experts at the university say the fault came from a software update.
"""

CASES = [
    (AIRLINE, "it was inviting families", ("airline", "organization")),
    (AIRLINE, "We are deeply saddened", ("Tony Fernandes", "person")),
    (AIRLINE, "All of the crew members were experienced", ("police of Surabaya", None)),
    (OFFICIALS, "the bridge would reopen in May", ("officials", "anonymous")),
    (OFFICIALS, "The repairs would cost", ("officials", "anonymous")),
    (OFFICIALS, "the company would not comment", ("spokesman", "anonymous")),
    (OFFICIALS, "the price of asphalt", ("energy experts", "anonymous")),
    (ORGS, "the update would ship", ("Microsoft", "organization")),
    (ORGS, "two sailors were injured", ("navy", "organization")),
    (ORGS, "the patient was in stable condition", ("hospital", "organization")),
    (ORGS, "157,000 cases", None),
    (BLOOMBERG, "he would not take donations", ("Michael Bloomberg", "person")),
    (BLOOMBERG, "the campaign would run through", ("Michael Bloomberg", "person")),
    (QUOTES, "Michigan is a state", ("John Podesta", "person")),
    (QUOTES, "It's not nearly as hard", ("Elaine Ducharme", "person")),
    (RESIDENTS, "listed every park as closed", ("residents of Lindenfield", "anonymous")),
    (RESIDENTS, "the fault came from", ("experts at the university", "anonymous")),
]


def _claim_with(article: str, words: str):
    an = analyse(article, None)
    hits = [c for c in an.claims if words in c.text]
    assert len(hits) == 1, [c.text for c in an.claims]
    return hits[0], an


@pytest.mark.parametrize(("article", "words", "want"), CASES, ids=[c[1][:30] for c in CASES])
def test_speaker_of_real_page_shapes(article, words, want):
    claim, _ = _claim_with(article, words)
    if want is None:
        assert claim.speaker is None, claim.speaker
        return
    name, kind = want
    assert claim.speaker is not None, f"credited to the reporter: {claim.text!r}"
    assert claim.speaker.name.lower() == name.lower()
    if kind is not None:
        assert claim.speaker.kind.value == kind


def test_a_quotation_holding_a_full_stop_is_one_claim():
    claim, _ = _claim_with(QUOTES, "Michigan is a state")
    assert claim.text.endswith("protect that lead")


def test_one_person_is_one_speaker_however_named():
    _, an = _claim_with(BLOOMBERG, "he would not take donations")
    assert {c.speaker.name for c in an.claims if c.speaker is not None} == {"Michael Bloomberg"}


@pytest.mark.parametrize("article", [AIRLINE, OFFICIALS, ORGS, BLOOMBERG, QUOTES, RESIDENTS])
def test_no_pronoun_or_function_word_is_a_speaker(article):
    for c in analyse(article, None).claims:
        if c.speaker is not None:
            first = c.speaker.name.split()[0].lower()
            assert first not in {"he", "she", "they", "it", "after", "all", "of", "at", "for", "the", "a"}, c.speaker


PEANUTS = """Babies who eat peanuts early may avoid allergy

Parents have been told for years to avoid giving foods with nuts to toddlers for fear of starting an allergy. Now research shows the reverse is true: feeding toddlers nut snacks before their second birthday seems to prevent it.

A new study may offer a way to stem that rise, while another may offer some hope for those who are already allergic.
"""


def test_a_cue_in_the_next_sentence_does_not_claim_this_one():
    for c in analyse(PEANUTS, None).claims:
        if c.speaker is not None and c.speaker.name.lower() == "research":
            assert "fear of starting an allergy" not in c.text, c.text


def test_an_elliptical_word_is_no_speaker_and_no_claim_ends_on_a_conjunction():
    for c in analyse(PEANUTS, None).claims:
        assert c.speaker is None or c.speaker.name.lower() not in {"another", "one", "some"}, c.speaker
        if c.rule.startswith("model:"):
            assert not c.text.rstrip().endswith((" while", " and", " but")), c.text


def test_a_sentence_opened_by_an_adverb_keeps_all_its_words():
    text = ("Peanut study\n\nOverall, about 3% of kids who ate peanut snacks before their first birthday got an "
            "allergy, compared to about 17% of kids who did not eat them.\n")
    covered = "".join(c.text for c in analyse(text, None).claims)
    for words in ("about 3% of kids", "got an allergy", "17% of kids"):
        assert words in covered
