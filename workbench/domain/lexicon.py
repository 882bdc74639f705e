"""Provides the word lists the extractor uses: data, not logic.

Verbs are listed by lemma and grouped by the pattern they take; their
inflections are generated (``inflect``), so "warn" covers warns, warned and
warning. Add words to a class, not strings to a rule.
"""

from __future__ import annotations

# --------------------------------------------------------------------- verbs

#: Irregular verbs: lemma -> (3rd person, past, past participle, -ing).
IRREGULAR: dict[str, tuple[str, str, str, str]] = {
    "say": ("says", "said", "said", "saying"),
    "tell": ("tells", "told", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "think": ("thinks", "thought", "thought", "thinking"),
    "feel": ("feels", "felt", "felt", "feeling"),
    "know": ("knows", "knew", "known", "knowing"),
    "find": ("finds", "found", "found", "finding"),
    "show": ("shows", "showed", "shown", "showing"),
    "see": ("sees", "saw", "seen", "seeing"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "tweet": ("tweets", "tweeted", "tweeted", "tweeting"),
    "put": ("puts", "put", "put", "putting"),
    "swear": ("swears", "swore", "sworn", "swearing"),
    "forecast": ("forecasts", "forecast", "forecast", "forecasting"),
    "understand": ("understands", "understood", "understood", "understanding"),
    "hold": ("holds", "held", "held", "holding"),
    "foresee": ("foresees", "foresaw", "foreseen", "foreseeing"),
    "predict": ("predicts", "predicted", "predicted", "predicting"),
    "admit": ("admits", "admitted", "admitted", "admitting"),
    "commit": ("commits", "committed", "committed", "committing"),
    "plan": ("plans", "planned", "planned", "planning"),
    "regret": ("regrets", "regretted", "regretted", "regretting"),
    "quip": ("quips", "quipped", "quipped", "quipping"),
    "blog": ("blogs", "blogged", "blogged", "blogging"),
    "dispute": ("disputes", "disputed", "disputed", "disputing"),
}

#: Speech and writing verbs that take a clause: "X said (that) S", "S, X said".
SPEECH_VERBS = (
    "say tell add note warn confirm deny claim argue insist write tweet estimate "
    "explain announce report suggest acknowledge admit declare state assert "
    "contend maintain predict promise pledge vow reply answer ask "
    "recall observe remark comment emphasize emphasise stress caution complain "
    "concede conclude continue counter disclose reveal indicate mention boast "
    "brag joke quip testify allege charge reiterate repeat agree disagree "
    "propose demand threaten hint speculate recount "
    "acknowledge affirm assure inform remind explain clarify lament "
    "complain protest scoff shout yell whisper muse opine "
    "retort concur guarantee swear predict forecast urge advise "
    "concede acknowledge point_out"
).split()

#: Belief and intention verbs: "X believes (that) S", "X wants to VP".
BELIEF_VERBS = (
    "believe think feel want expect hope fear worry doubt know suspect assume "
    "wish plan intend understand guess suppose reckon imagine foresee "
    "regret decline refuse seek aim vow pledge promise threaten"
).split()

#: Verbs a document, poll or study takes: "the poll shows S".
DOCUMENT_VERBS = "show find suggest indicate reveal conclude estimate report say note".split()

#: Verbs whose object NP is the content: "X called for A", "X criticized A".
OBJECT_VERBS = (
    "call describe criticize criticise praise condemn attack blast slam "
    "accuse blame defend endorse reject dismiss cite question "
    "dispute downplay welcome applaud mock ridicule denounce decry tout "
    "highlight portray characterize characterise label dub brand support oppose "
    "advocate recommend propose unveil request demand favor favour "
    "recognize recognise applaud hail lambaste chide scold rebuke "
    "acknowledge emphasize emphasise underscore stress"
).split()

#: Verbs that take a hearer before the content: "X told reporters (that) S".
HEARER_VERBS = "tell inform assure remind warn promise convince persuade urge ask advise".split()

#: Nouns that are documents, polls, data: "a poll shows", "the report found".
DOCUMENT_HEADS = frozenset(
    "poll polls survey surveys study studies report reports analysis memo "
    "document documents letter filing filings data research audit review "
    "investigation index figures numbers statistics estimate estimates "
    "forecast projection projections model census paper papers email emails "
    "records record ruling indictment complaint lawsuit affidavit transcript "
    "tally count results exit website site video videos footage statement "
    "statements article articles story stories book tweet tweets post op-ed "
    "column editorial slide slides chart graph".split()
)

#: Heads of anonymous sources: "a U.S. defense official", "sources".
ANON_HEADS = frozenset(
    "official officials source sources aide aides person people insider "
    "insiders staffer staffers diplomat diplomats operative operatives "
    "adviser advisers advisor advisors someone associate associates "
    "confidant confidants ally allies".split()
)

#: Postmodifiers that make a plain noun an anonymous source.
ANON_POSTMODIFIERS = (
    "familiar with", "close to", "with knowledge of", "briefed on",
    "involved in", "knowledgeable about", "with direct knowledge of",
)

#: Role nouns (lowercase) that name what a person is.
ROLE_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson secretary official aide adviser advisor "
    "director chairman chairwoman chair chief leader minister president "
    "senator congressman congresswoman representative governor mayor "
    "commander general admiral colonel captain lieutenant sergeant officer "
    "ambassador envoy analyst expert professor economist strategist "
    "pollster consultant researcher scientist lawyer attorney candidate "
    "nominee founder executive ceo manager member members reporter "
    "correspondent editor columnist writer author host anchor judge "
    "justice prosecutor investigator staffer operative lawmaker lawmakers "
    "businessman businesswoman billionaire activist organizer voter voters "
    "supporter supporters critic critics analysts experts officials "
    "observers residents protesters protestors students workers "
    "republicans democrats conservatives liberals progressives "
    "economists strategists pollsters scholars historians "
    "spokespeople spokesmen advocates opponents backers donors "
    "delegates leaders allies friends sources aides insiders candidates "
    "surrogate surrogates owner partner fellow head counsel press "
    "deputy assistant vice commissioner administrator speaker whip "
    "physician doctor nurse expert witness resident veteran father mother "
    "wife husband son daughter brother sister friend neighbor neighbour "
    "man woman men women people person everyone everybody nobody mogul "
    "citizens country countries parties society management enemies ex-wife "
    "regulars public media".split()
)

#: Nouns that can be the hearer of "told": "told reporters", "told the newspaper".
HEARER_NOUNS = frozenset(
    "reporters journalists newspaper paper network station magazine outlet "
    "audience crowd crowds supporters voters viewers listeners readers "
    "interviewer host anchor committee panel lawmakers senators donors "
    "students members attendees delegates congress investigators "
    "police officers agents jurors court judge people guests".split()
)

#: Title words before a name: "Sen.", "Navy Cmdr.", "Press Secretary".
TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. sen sen. rep rep. gov gov. gen gen. "
    "lt lt. col col. cmdr cmdr. capt capt. sgt sgt. adm adm. maj maj. cpl cpl. "
    "pvt pvt. prof prof. rev rev. hon hon. gov.-elect atty atty. supt supt. "
    "president secretary senator representative congressman congresswoman "
    "governor mayor chairman chairwoman chair director spokesman "
    "spokeswoman spokesperson commander general admiral colonel captain "
    "lieutenant sergeant ambassador judge justice minister premier "
    "chancellor king queen prince princess pope sheriff attorney "
    "press leader chief candidate nominee speaker whip deputy "
    "vice former acting interim assistant executive founder ceo "
    "treasurer comptroller commissioner administrator counsel principal coach "
    "superintendent dean pastor bishop rabbi imam cardinal provost".split()
)

#: Title abbreviations and the role noun each stands for ("the senator").
TITLE_NOUNS: dict[str, str] = {
    "sen": "senator", "rep": "representative", "gov": "governor",
    "gen": "general", "lt": "lieutenant", "col": "colonel", "cmdr": "commander",
    "capt": "captain", "sgt": "sergeant", "adm": "admiral", "maj": "major",
    "prof": "professor", "dr": "doctor", "rev": "reverend",
    "congressman": "representative", "congresswoman": "representative",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson",
}

#: Words that make a capitalised name an organisation.
ORG_WORDS = frozenset(
    "pentagon department ministry agency committee commission council party "
    "campaign administration post times journal news network institute "
    "foundation association union inc inc. corp corp. company co co. "
    "university college court congress senate house command center centre "
    "bureau office service services group organization organisation "
    "government police army navy force forces guard fund bank board "
    "authority press tribune herald gazette telegraph magazine reuters "
    "cnn nbc abc cbs fox msnbc npr bbc ap afp upi politico breitbart "
    "kremlin whitehouse church federation league club team coalition "
    "movement alliance council parliament assembly cabinet state "
    "clinic hospital school library museum project initiative caucus "
    "pac super-pac fbi cia nsa doj dhs irs epa fda cdc nato un eu gop "
    "dnc rnc".split()
)

#: Plural group nouns that are people: "Republicans said".
GROUP_NOUNS = frozenset(
    "republicans democrats conservatives liberals progressives americans "
    "independents evangelicals".split()
)

FEMALE_WORDS = frozenset(
    "mrs mrs. ms ms. miss spokeswoman congresswoman chairwoman businesswoman "
    "woman mother wife daughter sister queen princess lady madam".split()
)
MALE_WORDS = frozenset(
    "mr mr. spokesman congressman chairman businessman man father husband "
    "son brother king prince sir lord".split()
)

#: Common first names by gender: a small sample to guess he/she antecedents.
FEMALE_NAMES = frozenset(
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen "
    "nancy lisa betty margaret sandra ashley kimberly emily donna michelle "
    "dorothy carol amanda melissa deborah stephanie rebecca sharon laura "
    "cynthia kathleen amy shirley angela helen anna brenda pamela nicole "
    "emma samantha katherine christine debra rachel catherine carolyn janet "
    "ruth maria heather diane virginia julie joyce victoria kelly christina "
    "lauren joan evelyn olivia judith megan cheryl martha andrea hannah "
    "jacqueline gloria teresa kathryn sara janice jean alice madison doris "
    "abigail julia judy grace denise amber marilyn beverly danielle theresa "
    "sophia marie diana brittany natalie isabella charlotte rose alexis kayla "
    "hillary chelsea melania ivanka kellyanne huma hope sheryl condoleezza "
    "nikki kamala elizabeth donna jill michele tulsi dianne nancy maxine "
    "kirsten amy claire susan lisa loretta sally janet gina samantha "
    "stephanie katie megyn robin marsha tammy debbie jeanne jen jen "
    "melanie sonia ruth angela theresa marine".split()
)
MALE_NAMES = frozenset(
    "james john robert michael william david richard joseph thomas charles "
    "christopher daniel matthew anthony mark donald steven paul andrew joshua "
    "kenneth kevin brian george timothy ronald edward jason jeffrey ryan "
    "jacob gary nicholas eric jonathan stephen larry justin scott brandon "
    "benjamin samuel gregory alexander frank patrick raymond jack dennis "
    "jerry tyler aaron jose adam nathan henry douglas zachary peter kyle "
    "walter ethan jeremy harold keith christian roger noah gerald carl "
    "terry sean austin arthur lawrence jesse dylan bryan joe jordan billy "
    "bruce albert willie gabriel logan alan juan wayne roy ralph randy "
    "eugene vincent russell elijah louis bobby philip johnny barack bill "
    "mike ted marco jeb ben chris rand bernie tim newt rudy reince corey "
    "paul mitch harry chuck rick jim tom bob dick al ash lindsey "
    "vladimir xi recep hassan boris nigel francois angelo sean steve "
    "jared eric kellyanne reince rudy newt herman marco lindsey jeb "
    "rick bobby hugh pat ken dan doug gov jimmy ronald lyndon dwight "
    "franklin woodrow abraham ulysses".split()
) - {"kellyanne", "gov"}

#: Upper-case paragraph labels that are not a transcript's speaker ("UPDATE:").
NOT_SPEAKER_LABELS = frozenset(
    "UPDATE UPDATED NOTE CORRECTION CLARIFICATION EDITOR'S EDITOR’S WATCH RELATED READ "
    "VIDEO PHOTO PHOTOS AUDIO LISTEN BREAKING EXCLUSIVE ANALYSIS OPINION Q A FACT CHECK "
    "BACKGROUND SOURCE SOURCES DISCLAIMER".split()
) | frozenset(("EDITOR'S NOTE", "EDITOR’S NOTE", "READ MORE", "FACT CHECK", "BREAKING NEWS"))

# ------------------------------------------------------------ cue phrases

#: How it was said: "in a statement", "on Twitter" (regex alternation).
CHANNEL_PATTERN = (
    r"(?:in|on|at|during|via|through|over)\s+"
    r"(?:(?:a|an|the|his|her|their|its|Sunday's|Monday's|Tuesday's|Wednesday's|"
    r"Thursday's|Friday's|Saturday's)\s+)?"
    r"(?:[\w.'’-]+\s+){0,3}?"
    r"(?:statement|interview|email|e-mail|speech|tweet|tweets|post|posts|blog|"
    r"op-ed|letter|memo|press\s+release|release|news\s+conference|press\s+"
    r"conference|conference\s+call|call|briefing|hearing|rally|event|town\s+hall|"
    r"debate|podcast|broadcast|appearance|video|testimony|radio|television|TV|"
    r"Twitter|Facebook|Instagram|YouTube|CNN|Fox|MSNBC|NBC|ABC|CBS|NPR|"
    r"Fox\s+News|the\s+Senate\s+floor|the\s+floor|remarks|address|meeting|"
    r"forum|summit|session|filing|report|column|essay|book|message|text|"
    r"show|program|programme)\b"
)

#: Hedges that make an unsourced claim a classic unattributed assertion.
HEDGE_PATTERN = (
    r"\b(?:(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+"
    r"(?:widely\s+|generally\s+|also\s+)?"
    r"(?:believed|thought|said|reported|alleged|rumou?red|suspected|understood|"
    r"estimated|expected|considered|known|feared|presumed|claimed)\s+to\b|"
    r"reportedly|allegedly|purportedly|supposedly|apparently|presumably|"
    r"it\s+(?:is|was|has\s+been)\s+(?:widely\s+)?(?:reported|alleged|claimed|"
    r"said|believed|rumou?red|understood|thought)\b|"
    r"rumou?rs?\s+(?:has|have|had)\s+it)"
)

#: Why a source is anonymous.
ANONYMITY_PATTERN = (
    r"\b(?:on\s+(?:the\s+)?condition\s+(?:of\s+anonymity|that\s+(?:he|she|they)\s+not\s+be\s+"
    r"(?:named|identified))|"
    r"(?:was|were|is|are)\s+not\s+authori[sz]ed\s+to\s+(?:speak|discuss|comment|talk)|"
    r"(?:requested|asked\s+for|demanded|sought)\s+anonymity|"
    r"declined\s+to\s+be\s+(?:named|identified)|"
    r"speaking\s+anonymously|who\s+asked\s+not\s+to\s+be\s+(?:named|identified))"
)

#: Adverbs and auxiliaries between a source and its verb: "has also said".
VERB_PREFIX_WORDS = frozenset(
    "has have had also would will did does do not never later previously "
    "recently repeatedly once then again publicly privately frequently often "
    "earlier further reportedly allegedly even still already long first "
    "initially quickly flatly bluntly simply separately subsequently "
    "explicitly openly directly specifically finally always "
    "is was are were be been has been may might could should can "
    "just clearly strongly".split()
)

#: Time words that may follow the verb: "said Monday".
TIME_WORDS = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
    "tonight|earlier|later|recently|previously|again|afterward|afterwards|once|"
    "repeatedly|then|at\\s+the\\s+time|last\\s+(?:week|month|year|night)|this\\s+(?:week|month|year|"
    "morning)|on\\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)

#: Words that cannot be part of a source noun phrase (stop the backward walk).
NP_STOP = frozenset(
    "and or but that which who whom whose what when where while because if "
    "as than to of in on at by for with from into about after before "
    "over under between through during without against among is was are "
    "were be been being has have had do does did not no so also it its "
    "this these those there here then will would can could should may might "
    "must said says say told tells asked".split()
)

#: Determiners and quantifiers that open a description: "a", "another".
DETERMINERS = frozenset(
    "a an the another some many most several two three four five few both "
    "his her their its our my your one other any each every this that "
    "these those such".split()
)

#: Sentence starters after which "U.S." or "Jr." can end a sentence.
SENTENCE_STARTERS = frozenset(
    "The A An He She It They We I But And In On At This That These Those "
    "His Her Their Its Our As After Before When While If So Yet Still "
    "There Then However Meanwhile Also".split()
)

#: Abbreviations whose period does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr sen rep gov gen lt col cmdr capt sgt adm maj cpl pvt prof "
    "rev hon st ave blvd mt ft no vs etc jan feb mar apr jun jul aug sep sept "
    "oct nov dec inc corp co ltd bros dept univ est approx fig vol pp atty "
    "supt sr messrs mmes rs pres".split()
)

#: Abbreviated name endings whose period is part of the name: "Acme Co., the firm said" keeps "Co.".
NAME_SUFFIXES = frozenset("inc corp co ltd bros jr sr".split())

MONTHS_ABBR = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())


def inflect(lemma: str) -> tuple[str, ...]:
    """Return the forms of a verb: lemma, 3rd person, past, participle, -ing.

    Multi-word lemmas use ``_`` ("point_out") and inflect the first word.
    """
    if "_" in lemma:
        head, rest = lemma.split("_", 1)
        rest = rest.replace("_", " ")
        return tuple(f"{f} {rest}" for f in inflect(head))
    if lemma in IRREGULAR:
        return (lemma, *IRREGULAR[lemma])
    if lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return (lemma, third, past, past, ing)


def _finite_cue_forms() -> frozenset[str]:
    """Third-person and past forms of the cue verbs ("shows", "warned"): a
    source phrase never runs back over one ("the survey shows farmers favor")."""
    out: set[str] = set()
    for lemma in (*SPEECH_VERBS, *BELIEF_VERBS, *DOCUMENT_VERBS, *OBJECT_VERBS):
        if "_" in lemma:
            continue
        fs = inflect(lemma)
        out.update((fs[1], fs[2]))
    nouns = DOCUMENT_HEADS | ROLE_NOUNS | ANON_HEADS | GROUP_NOUNS | HEARER_NOUNS
    return frozenset(w for w in out if w not in nouns and w.rstrip("s") not in nouns)


FINITE_CUE_FORMS = _finite_cue_forms()
