"""Table-driven attribution tests: made-up sentences, one construction each."""

from __future__ import annotations

import pytest

from workbench.domain.extract import analyse_rules

from .conftest import claims_of

# (text, claim text, speaker name, attribution kind, rule)
GOLDEN = [
    # said_that
    ("Mayor Ann Cole said that the bridge will reopen in May.",
     "the bridge will reopen in May.", "Ann Cole", "indirect", "said_that"),
    ("Ann Cole said the bridge will reopen in May.",
     "the bridge will reopen in May.", "Ann Cole", "indirect", "said_that"),
    # inflections of other reporting verbs
    ("The treasurer warned that the budget would run out by June.",
     "the budget would run out by June.", "treasurer", "indirect", "said_that"),
    ("Victor Ramos insisted the vote had been fair.",
     "the vote had been fair.", "Victor Ramos", "indirect", "said_that"),
    ("Dana Ortiz tweeted that the plant would close.",
     "the plant would close.", "Dana Ortiz", "indirect", "said_that"),
    # trailing "..., X said."
    ("The bridge will reopen in May, Cole said.",
     "The bridge will reopen in May", "Cole", "indirect", "trailing_said"),
    # inverted "..., said X."
    ("The bridge will reopen in May, said Ann Cole, a city engineer.",
     "The bridge will reopen in May", "Ann Cole", "indirect", "inverted_said"),
    # parenthetical
    ("The repairs, she said, were finished early.",
     "The repairs, she said, were finished early.", "unidentified speaker", "indirect", "parenthetical"),
    # according to
    ("According to the city council, the repairs cost $4 million.",
     "the repairs cost $4 million.", "city council", "according_to", "according_to"),
    ("The repairs cost $4 million, according to a city official.",
     "The repairs cost $4 million", "city official", "according_to", "according_to"),
    # a name ending in an abbreviation keeps its period, and the content starts after the comma
    ("According to Brightline Energy Co., the fare freeze was never funded.",
     "the fare freeze was never funded.", "Brightline Energy Co.", "according_to", "according_to"),
    ("Sales fell sharply, said John Smith Jr., the company's founder.",
     "Sales fell sharply", "John Smith Jr.", "indirect", "inverted_said"),
    # told
    ("Ann Cole told reporters that the bridge was safe.",
     "the bridge was safe.", "Ann Cole", "indirect", "told"),
    ("Ann Cole told The Daily Ledger the bridge was safe.",
     "the bridge was safe.", "Ann Cole", "indirect", "told"),
    # described ... as
    ('Cole described the plan as "a disaster for commuters."',
     'the plan as "a disaster for commuters."', "Cole", "partial", "described_as"),
    # direct quotations, cue after and before
    ('"We are ready," Cole said.', "We are ready", "Cole", "direct", "trailing_said"),
    ('“We are ready,” said Ann Cole.', "We are ready", "Ann Cole", "direct", "inverted_said"),
    ('Cole said: "We are ready for the storm."', "We are ready for the storm.", "Cole", "direct",
     "colon_intro"),
    # belief and intent verbs
    ("Ann Cole believes the bridge is safe.", "the bridge is safe.", "Ann Cole", "indirect",
     "belief_verb"),
    ("Senator Ray Tull wants to repeal the tax.", "to repeal the tax.", "Ray Tull", "indirect",
     "belief_verb"),
    # documents and polls
    ("A new poll shows the mayor trailing by 10 points.",
     "the mayor trailing by 10 points.", "new poll", "indirect", "document_finding"),
    ("The report found that the dam was poorly maintained.",
     "the dam was poorly maintained.", "report", "indirect", "document_finding"),
    # anonymous sources
    ("A senior defense official said the drones were shot down.",
     "the drones were shot down.", "senior defense official", "indirect", "said_that"),
    ("People familiar with the matter said the deal was off.",
     "the deal was off.", "People familiar with the matter", "indirect", "said_that"),
    # said_that with an adverbial after the cue and no text before the source
    ("Ann Cole said after the vote she would not resign.",
     "after the vote she would not resign.", "Ann Cole", "indirect", "said_that"),
    # coordinated_subject: no cue before "and said", the subject is the source
    ("Ann Cole toured the plant and said the repairs would take a year.",
     "the repairs would take a year.", "Ann Cole", "indirect", "coordinated_subject"),
    # transcript_label
    ("HOST: Welcome back to the program, senator.",
     "Welcome back to the program, senator.", "HOST", "indirect", "transcript_label"),
]


@pytest.mark.parametrize("text, content, speaker, kind, rule", GOLDEN)
def test_golden(text, content, speaker, kind, rule):
    claims = claims_of(text)
    match = [c for c in claims if c.text == content]
    assert match, [c.text for c in claims]
    c = match[0]
    assert c.speaker is not None and c.speaker.name == speaker
    assert c.attribution == kind
    assert c.rule == rule


# Sentences no rule may attribute: one author claim each.
NO_ATTRIBUTION = [
    "The bridge reopened in May after two years of repairs.",
    "The report was published on Tuesday.",
    "Her claim was rejected by the court.",
    "Officials were told to leave the building.",
    "The said property was sold in 2010.",
    "Voters head to the polls in November.",
    "It rained all day in Springfield.",
]


@pytest.mark.parametrize("text", NO_ATTRIBUTION)
def test_no_attribution(text):
    claims = claims_of(text)
    assert len(claims) == 1
    assert claims[0].speaker is None
    assert claims[0].attribution == "unattributed"
    assert claims[0].rule == "author_default"


def test_hedge_is_recorded():
    (c,) = claims_of("The rebels reportedly seized the airport.")
    assert c.speaker is None and c.hedge_cue == "reportedly"


def test_hedged_relative_clause_is_its_own_claim():
    text = "Jets struck depots near the river that are believed to store rockets for the militia."
    claims = claims_of(text)
    assert [c.text for c in claims] == [
        "Jets struck depots near the river",
        "are believed to store rockets for the militia.",
    ]
    assert claims[1].hedge_cue == "are believed to"


def test_surname_resolves_to_full_name_and_pronoun_to_antecedent():
    text = ("Defense Secretary Maria Lopez said the base would close.\n\n"
            "Lopez said the move would save money. She said workers would be moved.")
    claims = claims_of(text)
    assert [c.speaker.name for c in claims] == ["Maria Lopez"] * 3
    first, second, third = claims
    assert first.speaker.role == "Defense Secretary"
    assert second.mention.text == "Lopez"
    assert third.mention.text == "She"
    assert third.antecedent is not None and third.antecedent.text == "Lopez"


def test_appositive_role_and_affiliation():
    text = "Navy Cmdr. Ruth Hale, a spokeswoman for the Pentagon, said the ship had docked."
    (c,) = claims_of(text)
    assert c.speaker.name == "Ruth Hale"
    assert c.speaker.affiliation == "Pentagon"
    assert "spokeswoman" in c.speaker.role and "Cmdr." in c.speaker.role
    assert c.mention.text == "Navy Cmdr. Ruth Hale"


def test_nominal_back_reference():
    text = ("A state official said the audit was finished. "
            "The report will be public next week, the official said.")
    claims = claims_of(text)
    assert claims[1].speaker.name == "state official"
    assert claims[1].speaker.kind == "anonymous"
    assert claims[1].antecedent.text == "A state official"


def test_two_people_with_one_surname_are_not_merged():
    text = ("Hillary Clinton said the plan was sound.\n\n"
            "Bill Clinton said the plan was late.\n\n"
            "Clinton said the plan would pass.")
    claims = claims_of(text)
    assert [c.speaker.name for c in claims] == ["Hillary Clinton", "Bill Clinton", "Clinton"]


def test_gender_title_picks_the_right_namesake():
    text = ("Hillary Clinton said the plan was sound.\n\n"
            "Bill Clinton said the plan was late.\n\n"
            "Mrs. Clinton said the plan would pass.")
    hillary = Hillary = claims_of(text)[2]
    assert Hillary.speaker.name in ("Hillary Clinton", "Clinton")
    assert hillary.mention.text == "Mrs. Clinton"


def test_unknown_pronoun_is_not_guessed():
    # Nobody named before: an unidentified speaker (anonymous), not a speaker called "She".
    (c,) = claims_of("She said the vote was rigged.")
    assert (c.speaker.name, str(c.speaker.kind)) == ("unidentified speaker", "anonymous")
    assert c.mention.text == "She" and c.antecedent is None


def test_quote_continuation_and_multi_sentence_quote():
    text = ('"We will rebuild the school," Principal Ada Grant said. "It will take a year. '
            'We start Monday."\n\n"Nobody was hurt," she added.')
    claims = claims_of(text)
    assert [c.rule for c in claims] == ["trailing_said", "quote_continuation", "trailing_said"]
    assert claims[1].text == "It will take a year. We start Monday."
    assert all(c.speaker.name == "Ada Grant" for c in claims)
    assert claims[1].mention is None
    assert claims[1].attribution == "direct"


def test_quotation_over_paragraphs_continues_speaker():
    text = ('Ada Grant said: "The school will reopen.\n\n'
            '"The children will be back by spring."\n\n'
            "The weather turned cold.")
    claims = claims_of(text)
    assert claims[0].speaker.name == "Ada Grant"
    assert claims[1].speaker is not None and claims[1].speaker.name == "Ada Grant"
    assert claims[2].speaker is None


def test_colon_intro_next_paragraph():
    text = 'The governor wrote:\n\n"Our state will not back down."'
    claims = claims_of(text)
    assert len(claims) == 1
    assert claims[0].rule == "colon_intro"
    assert claims[0].speaker.name == "governor"


def test_two_clauses_two_claims():
    text = ("Kim Park described the deal as unfair, and said the union would strike.")
    claims = claims_of(text)
    assert [c.text for c in claims] == ["the deal as unfair", "the union would strike."]
    assert [c.rule for c in claims] == ["described_as", "coordinated"]
    assert all(c.speaker.name == "Kim Park" for c in claims)


def test_nested_report_keeps_the_outer_claim_only():
    text = "Ann Cole said the contractor told her that the steel was defective."
    (outer,) = claims_of(text)
    assert outer.text == "the contractor told her that the steel was defective."
    assert outer.speaker.name == "Ann Cole" and outer.chain == ()


# nested_report: (text, outer claim, outer speaker). The report inside the
# outer content is found but not emitted: claims are pairwise disjoint.
NESTED = [
    ("Ann Cole said the engineers believe the bridge is safe.",
     "the engineers believe the bridge is safe.", "Ann Cole"),
    ("The mayor thinks the council wants to raise taxes, the aide said.",
     "The mayor thinks the council wants to raise taxes", "aide"),
]


@pytest.mark.parametrize("text, outer, ospk", NESTED)
def test_nested_report(text, outer, ospk):
    claims = claims_of(text)
    assert [c.text for c in claims] == [outer]
    assert claims[0].speaker.name == ospk


# (text, claims as (text, speaker)): claims never overlap, and a verb form
# right before ";" takes no content (no_complement).
NO_OVERLAP = [
    ("Kirby said DROP TABLE claims;-- said", [("DROP TABLE claims;-- said", "Kirby")]),
    ("Ada Lind said the board claims; the rest is silence.",
     [("the board claims; the rest is silence.", "Ada Lind")]),
    ("B claims B claim:0", [("B claim:0", "B")]),
]


@pytest.mark.parametrize("text, expected", NO_OVERLAP)
def test_claims_never_overlap(text, expected):
    claims = claims_of(text)
    assert [(c.text, c.speaker.name if c.speaker else None) for c in claims] == expected
    for a, b in zip(claims, claims[1:]):
        assert a.end <= b.start


def test_coordinated_clause_inherits_the_outer_speaker_not_the_nested_one():
    text = "Ann Cole said the engineers believe the bridge is safe, and added that repairs would end soon."
    claims = claims_of(text)
    last = [c for c in claims if c.rule == "coordinated"]
    assert last and last[0].speaker.name == "Ann Cole"


def test_channel_and_anonymity():
    text = ("A senior official, speaking on condition of anonymity, said in a statement "
            "that talks had failed.")
    (c,) = claims_of(text)
    assert c.channel == "in a statement"
    assert c.anonymity_cue == "on condition of anonymity"


def test_i_inside_quote_is_the_speaker():
    text = '"I voted against it," Ray Tull said.'
    (c,) = claims_of(text)
    assert c.speaker.name == "Ray Tull"


def test_straight_and_curly_quotes_agree():
    a = claims_of('"We are ready," Cole said.')[0]
    b = claims_of("“We are ready,” Cole said.")[0]
    assert (a.text, a.speaker.name, a.attribution) == (b.text, b.speaker.name, b.attribution)


# Headlines: (headline, claim text, speaker or None, rule)
HEADLINES = [
    # sieve on a title-case headline: "Says" read as "says"
    ("Bridge Reopens Early, Mayor Says", "Bridge Reopens Early", "Mayor", "trailing_said"),
    ("Governor Lee Says Schools Will Stay Open", "Schools Will Stay Open", "Lee", "said_that"),
    ("New Survey Shows Farmers Favor the Levy", "Farmers Favor the Levy", "New Survey",
     "document_finding"),
    # headline_colon
    ("Ortiz: Budget talks will resume next week", "Budget talks will resume next week", "Ortiz",
     "headline_colon"),
    # headline_author: no attribution, the reporter's claim
    ("Bridge Reopens After Two Years", "Bridge Reopens After Two Years", None, "headline_author"),
]


@pytest.mark.parametrize("head, content, speaker, rule", HEADLINES)
def test_headline_claims(head, content, speaker, rule):
    from workbench.domain.models import Span

    text = head + "\n\nThe bridge reopened on Monday."
    a = analyse_rules(text, Span(0, len(head), head))
    hc = [c for c in a.claims if c.end <= len(head) and c.text == content]
    assert hc, [c.text for c in a.claims]
    assert (hc[0].speaker.name if hc[0].speaker else None) == speaker or speaker in hc[0].speaker.name
    assert hc[0].rule == rule
    assert not [n for n in a.non_claims if n.kind == "headline"]


SOURCE_NOUNS = [
    # A noun that cannot speak is no source: "plan" here is a noun, not a verb.
    "The tax plan would cost billions over a decade.",
    "The curfew demands that residents stay home.",
]


@pytest.mark.parametrize("text", SOURCE_NOUNS)
def test_implausible_source_is_not_a_speaker(text):
    assert all(c.speaker is None for c in claims_of(text))


# subject_verb_object: a named subject acting on an object; the object is the
# reporter's claim, the rest of the sentence after a clause break another one.
SVO = [
    ("Mara Quill has been critical of the mayor since the two of them ran for the same seat in the spring.",
     ["the mayor", "since the two of them ran for the same seat in the spring."]),
    ("Last week, Democrats on the Harbor Finance and Budget Committee passed a plan to tax ferries.",
     ["a plan to tax ferries"]),
    ("Ivo Brand spoke warmly of the old harbor and its boats, which the city sold off years ago.",
     ["the old harbor and its boats", "which the city sold off years ago."]),
]


@pytest.mark.parametrize("text, expected", SVO)
def test_subject_verb_object(text, expected):
    claims = claims_of(text)
    assert [c.text for c in claims] == expected
    assert claims[0].rule == "subject_verb_object" and claims[0].speaker is None


# Not split: the sentence is short next to its object, a passive, or no name.
NO_SVO = [
    "Mara Quill painted the old fence.",
    "The budget, which was late again this year, was approved by the council in a long and stormy session.",
    "Officer Lee Dunn was charged with assault after the long inquiry into the events of that night in May.",
]


@pytest.mark.parametrize("text", NO_SVO)
def test_no_subject_verb_object(text):
    assert all(c.rule != "subject_verb_object" for c in claims_of(text))


# lead_adverbial: a short opener before the source is not a trailing content.
LEAD_ADVERBIAL = [
    ("In May, the harbor master wrote in a letter that the pier would fall.",
     "the pier would fall.", "harbor master"),
    ("Still, the Daily Ledger reported at the time that the pier was unsafe.",
     "the pier was unsafe.", "Daily Ledger"),
]


@pytest.mark.parametrize("text, content, speaker", LEAD_ADVERBIAL)
def test_lead_adverbial(text, content, speaker):
    claims = claims_of(text)
    assert [c.text for c in claims if c.speaker is not None] == [content]
    assert claims[-1].speaker.name == speaker


# clause_split: (text, claims) for the reporter's long sentences.
CLAUSES = [
    ("The bridge reopened in May after two years of repairs, and the toll, which had doubled, fell again "
     "because the county paid off its debt.",
     ["The bridge reopened in May", "after two years of repairs", "and the toll, which had doubled",
      "fell again because the county paid off its debt."]),
    ("The ferry runs twice a day in summer.", ["The ferry runs twice a day in summer."]),
    ("Ticket prices rose sharply in the spring; the number of riders fell by a third over the same months.",
     ["Ticket prices rose sharply in the spring", "the number of riders fell by a third over the same months."]),
]


@pytest.mark.parametrize("text, expected", CLAUSES)
def test_clause_split(text, expected):
    claims = claims_of(text)
    assert [c.text for c in claims] == expected
    assert all(c.speaker is None for c in claims)


# time_not_source: a month, a markup fragment or a lone opener is no speaker;
# "in April" before the verb is a time, skipped to reach the source.
TIME_NOT_SOURCE = [
    ("More recently, harbor police in April charged two clerks with fraud.",
     "two clerks with fraud.", "harbor police"),
    ("As noted in the report, the pier is unsafe.", None, None),
]


@pytest.mark.parametrize("text, content, speaker", TIME_NOT_SOURCE)
def test_time_not_source(text, content, speaker):
    attributed = [(c.text, c.speaker.name) for c in claims_of(text) if c.speaker is not None]
    assert attributed == ([(content, speaker)] if content else [])


def test_inherited_speaker_points_back_to_its_mention():
    text = 'Reuters said said \n “'
    for c in claims_of(text):
        assert c.speaker is None or c.mention is not None or c.antecedent is not None
    text = 'Ann Cole said the bridge is safe.\n\n"It will stand for a century."'
    last = claims_of(text)[-1]
    assert last.rule == "quote_continuation" and last.antecedent.text == "Ann Cole"


def test_prose_after_a_long_quotation_is_not_a_continuation():
    text = ('"The bridge is safe and it will stand for a hundred years, whatever the critics say," '
            'Ann Cole said. Traffic resumed.')
    claims = claims_of(text)
    assert [(c.text, c.rule) for c in claims][-1] == ("Traffic resumed.", "author_default")
    assert claims[-1].speaker is None
