"""Provides check-worthiness: a 0-1 score per claim with the reasons that produced it.

The score is built from transparent rules. Each rule has a name, a weight and
its cue words (data, not logic); a few use the facts the extractor already
found (a hedge, an anonymous speaker). Rules that make a claim *more* worth
checking are combined as a noisy-OR over a small prior::

    raw = 1 - (1 - PRIOR) * prod(1 - weight of each positive rule that fired)

so every extra feature helps but no number of them passes 1. Rules that make a
claim *less* worth checking (opinions, questions, personal experience) then
multiply the result by their factor. Each fired rule leaves one short reason
naming its evidence ("quantity: five attacks", "superlative: largest",
"anonymous source", "opinion: i think"); the reviewer sees those, not weights.

This runs on every claim at ingest, so the text is tokenised once and the cue
phrases are looked up by their first word (20-30 us per claim), rather than
running one regular expression per rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Claim, SpeakerKind

#: What a claim with no feature at all scores: a bare assertion is a little worth checking.
PRIOR = 0.1


@dataclass(frozen=True, slots=True)
class Worthiness:
    """A claim's check-worthiness: ``score`` in [0, 1] and the reasons, positive evidence first."""

    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rule:
    """One cue-phrase feature: a weight (positive rules) or factor (negative rules), a label, the phrases."""

    name: str
    label: str
    weight: float
    phrases: tuple[str, ...]


def _expand(*parts: str) -> tuple[str, ...]:
    """All phrases made of one choice from each ``|``-separated part: ("is|are", "believed to")."""
    out = [""]
    for part in parts:
        out = [f"{a} {b}".strip() for a in out for b in part.split("|")]
    return tuple(out)


# ------------------------------------------------------------------ positive rules

POSITIVE: tuple[Rule, ...] = (
    # A comparison is checkable against the thing compared; "more/fewer ... than" is matched by
    # COMPARATIVES below. Example: "Attacks rose sharply after April."
    Rule("comparison", "comparison", 0.25, (
        "compared with", "compared to", "twice as", "doubled", "tripled", "halved", "rose", "fell",
        "jumped", "dropped", "surged", "plunged", "soared", "increased", "decreased", "declined",
        "up from", "down from",
    )),
    # A superlative claims a ranking. Example: "the deadliest attack this year". "at least"/"at most"
    # are quantity hedges, not superlatives, and are skipped.
    Rule("superlative", "superlative", 0.3, (
        "largest", "biggest", "highest", "lowest", "smallest", "greatest", "worst", "best", "deadliest",
        "longest", "shortest", "strongest", "weakest", "fastest", "slowest", "oldest", "youngest",
        "richest", "poorest", "most", "least", "unprecedented", "first ever", "record", "record high",
        "record low", "the first", "the only", "the last", "sole",
    )),
    # A causal claim asserts why. Example: "The strikes were in response to drone attacks."
    Rule("causal", "causal", 0.25, (
        "because", "because of", "due to", "caused", "causes", "causing", "led to", "lead to", "leads to",
        "resulted in", "results in", "as a result", "blamed for", "blamed on", "responsible for",
        "in response to", "triggered", "sparked", "thanks to", "owing to", "linked to", "contributed to",
        "so that", "in order to",
    )),
    # A prediction can be checked later, and its basis now. Example: "Prices will fall next year."
    Rule("prediction", "prediction", 0.15, (
        "will", "won't", "going to", "expected to", "expects", "forecast", "forecasts", "predicted",
        "projected", "likely to", "set to", "on track to", "poised to",
    )),
    # Laws, courts and rules can be checked against the rule's text. Example: "The strikes were legal
    # under the 2001 authorization."
    Rule("law", "law", 0.25, (
        "law", "laws", "legal", "legally", "illegal", "illegally", "unlawful", "lawful", "unconstitutional",
        "constitution", "constitutional", "statute", "regulation", "regulations", "legislation", "bill",
        "treaty", "ban", "bans", "banned", "court", "ruling", "ruled", "judge", "lawsuit", "sued",
        "indicted", "indictment", "charged with", "convicted", "violate", "violates", "violated",
        "violating", "violation", "violations", "prohibit", "prohibits", "prohibited", "mandate",
        "mandated", "sanction", "sanctions", "authorization", "authorisation",
    )),
    # A hedge marks an assertion nobody stands behind yet. Example: "buildings believed to be used by
    # militias". The extractor's own hedge cue, when it found one, is used first.
    Rule("hedge", "hedge", 0.2, (
        *_expand("is|are|was|were|being|be", "believed|thought|said|understood|reported|suspected", "to"),
        "believed to", "believes", "reportedly", "allegedly", "alleged", "appears to", "appear to", "appeared to",
        "seems to", "seem to", "seemed to", "may have", "might have", "could have", "possibly",
        "apparently", "unconfirmed", "according to reports",
    )),
)

#: Comparatives that make a comparison when "than" follows within a few words ("more attacks than").
COMPARATIVES = frozenset(
    "more less fewer greater higher lower larger smaller bigger faster slower cheaper worse better".split())

# ------------------------------------------------------------------ negative rules

NEGATIVE: tuple[Rule, ...] = (
    # Opinion and judgement: a view, not a fact to check. Example: "I think the strikes were a mistake."
    # Evaluative words (EVALUATIVE) count only in lower case: "great" is a judgement, "Great Britain" is not.
    Rule("opinion", "opinion", 0.35, (
        *_expand("i|we", "think|believe|feel|guess|reckon|suppose|hope"), "in my view", "in our view",
        "in my opinion", "in our opinion", "i'm sure", "i am sure", "i'm convinced", "should", "ought to",
        "must",
    )),
    # Personal experience: what the speaker lived through; a desk cannot check it. Example:
    # "I saw the smoke from my house."
    Rule("personal", "personal experience", 0.4, (
        *_expand("i", "was|saw|felt|remember|lived|had|heard|watched|grew"), "i have been", "i've been",
        "i used to", "when i", "i've", "i'd",
        *_expand("my", "family|mother|father|mom|dad|son|daughter|wife|husband|kids|children|friend"
                       "|friends|life|home|house|experience|neighbours|neighbors"),
    )),
)

EVALUATIVE = frozenset(
    "wonderful terrible disgraceful shameful outrageous ridiculous great awful amazing fantastic beautiful "
    "horrible unacceptable appalling disgusting tragic brave heroic".split())

# Weights of the rules that are not phrase tables.
W_QUANTITY = 0.35  # numbers are the part of a claim most often wrong
W_DATE = 0.1
W_NAMED = 0.1
W_ANONYMOUS = 0.2
F_QUESTION = 0.15  # a question asserts nothing

# Number words that make a quantity. "one" is left out: it is mostly a pronoun ("no one",
# "one of them", "one-way").
NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands million millions billion billions dozen dozens half".split())
# Words that continue a quantity ("$3 million", "40 percent").
MULTIPLIERS = frozenset("million billion trillion thousand hundred percent bn m k".split())
MONTHS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
    "oct october nov november dec december".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

# Anonymous sourcing in the sentence (the speaker may be named elsewhere). Example: "an official, who
# spoke on condition of anonymity, said ...". Only run when a cheap substring test passes.
ANONYMITY = re.compile(
    r"\b(?:on (?:the )?condition of anonymity|not authori[sz]ed to|spoke anonymously|declined to be named"
    r"|asked not to be (?:named|identified)|sources? (?:said|say|familiar|close))\b", re.IGNORECASE)
_ANONYMITY_HINTS = ("anonym", "authori", "named", "identified", "source")

# Capitalised words that do not make a name: sentence-initial function words, pronouns, titles.
NOT_NAMES = frozenset(
    "The A An In On At As By For From Of To And Or But If When While After Before Since Through Given "
    "He She They We I It Its His Her Their Our This That These Those There Here Some All Many Most "
    "Mr Mrs Ms Dr Sen Rep Gov Gen Col Cmdr Lt Capt Sgt President Secretary Minister Officials Official "
    "Read Related Story".split())

NAME_PARTICLES = frozenset("al el bin ibn de del da di van von der la le du".split())

# (separator before the token, token). Tokens: model designations ("F-15", "COVID-19": names, not
# quantities), amounts ("$3.5", "40%", "2,500"), abbreviations ("U.S."), words with apostrophes
# ("won't", "Kata'ib").
_TOKEN = re.compile(r"([^\w$£€]*)([A-Z]+-\d+\b|[$£€]?\d+(?:[.,]\d+)*%?|(?:[A-Za-z]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]+)*)")
# _TOKEN.findall rescans a separator run that no token follows from each of its characters:
# quadratic in the run (2,000 dots: 1 s; issue 19). Text with such a long run takes _tokens,
# which finds the tokens alone (every branch starts on a word character or currency sign,
# possessive, so linear) and takes each separator from the gap before its token.
_LONG_RUN = re.compile(r"[^\w$£€]{12}")
_WORD_TOKEN = re.compile(r"[A-Z]++-\d+\b|[$£€]?\d++(?:[.,]\d+)*+%?|(?:[A-Za-z]\.){2,}+|[^\W\d_]++(?:['’][^\W\d_]+)*+")
_SEP_TAIL = re.compile(r"[^\w$£€]*+")  # matched at 0 of the reversed gap


def _tokens(text: str) -> list[tuple[str, str]]:
    """``_TOKEN.findall(text)`` in linear time: ``"in 2020, $3m"`` -> ``[("", "in"), (" ", "2020"), (", ", "$3"), ("", "m")]``."""
    if _LONG_RUN.search(text) is None:
        return _TOKEN.findall(text)  # runs under 12 characters: findall's rescans are bounded
    pairs = []
    end = 0
    for m in _WORD_TOKEN.finditer(text):
        gap = text[end:m.start()]
        if gap and gap != " ":
            gap = gap[len(gap) - _SEP_TAIL.match(gap[::-1]).end():]
        pairs.append((gap, m.group()))
        end = m.end()
    return pairs


def _index(rules: tuple[Rule, ...]) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for i, rule in enumerate(rules):
        for phrase in rule.phrases:
            words = tuple(phrase.split())
            by_first.setdefault(words[0], []).append((i, words))
    for hits in by_first.values():
        hits.sort(key=lambda h: -len(h[1]))  # longest phrase first: "believed to" before "believed"
    return by_first


_POSITIVE_BY_FIRST = _index(POSITIVE)
_NEGATIVE_BY_FIRST = _index(NEGATIVE)
# Each word the rules care about, with what it can be (bit flags), so the scan does one
# dictionary lookup per token; most tokens are in no list at all.
_MONTH, _WEEKDAY, _NUMBER, _COMPARATIVE, _EVALUATIVE, _POS_PHRASE, _NEG_PHRASE = (1 << k for k in range(7))
_KIND: dict[str, int] = {}
for _flag, _words in ((_MONTH, MONTHS), (_WEEKDAY, WEEKDAYS), (_NUMBER, NUMBER_WORDS),
                      (_COMPARATIVE, COMPARATIVES), (_EVALUATIVE, EVALUATIVE),
                      (_POS_PHRASE, _POSITIVE_BY_FIRST), (_NEG_PHRASE, _NEGATIVE_BY_FIRST)):
    for _w in _words:
        _KIND[_w] = _KIND.get(_w, 0) | _flag
_AMOUNT_START = frozenset("0123456789$£€")
_CLOSERS = " \t\n\"'”’»)]"
_OPENERS = " \t\n\"'“‘«(["


def score(text: str, sentence: str = "", *, speaker_kind: str | None = None, hedge_cue: str | None = None,
          anonymity_cue: str | None = None) -> Worthiness:
    """Score one claim from its text and the sentence it came from.

    Args:
        text: the claim's content (what a checker would verify).
        sentence: the whole sentence, where anonymity cues live ("..., an official said on
            condition of anonymity").
        speaker_kind: a :class:`SpeakerKind` value; ``anonymous`` counts as anonymous sourcing.
        hedge_cue: the extractor's hedge words, if it found any ("are believed to").
        anonymity_cue: the extractor's anonymity words, if any.

    Returns:
        The score (rounded to 3 places) and the reasons, positive evidence first.
    """
    pairs = _tokens(text)
    toks = [t for _, t in pairs]
    low = [t.lower() for t in toks]
    n = len(low)

    dates: set[int] = set()  # token positions inside a date
    date = quantity = None
    pos: dict[int, str] = {}  # positive rule index -> evidence
    neg: dict[int, str] = {}
    evaluative = None
    for i, w in enumerate(low):
        kind = _KIND.get(w)
        if kind is None:
            if w[0] in _AMOUNT_START:
                if i in dates:
                    pass
                elif len(w) == 4 and w[:2] in ("19", "20") and w.isdigit():
                    # A 4-digit 19xx/20xx number on its own is a year.
                    dates.add(i)
                    date = date or toks[i]
                elif quantity is None:
                    quantity = _quantity(pairs, low, i)
            continue
        if kind & _MONTH and (w != "may" or toks[i][0] == "M"):
            # "February 25", "June 27, 2021", "since April".
            span = [i]
            if i + 1 < n and low[i + 1].isdigit() and len(low[i + 1]) <= 2:
                span.append(i + 1)
                if i + 2 < n and len(low[i + 2]) == 4 and low[i + 2].isdigit():
                    span.append(i + 2)
            dates.update(span)
            date = date or _join(pairs, span[0], span[-1] + 1)
        elif kind & _WEEKDAY:
            dates.add(i)
            date = date or toks[i]
        elif kind & _NUMBER and quantity is None:
            quantity = _quantity(pairs, low, i)
        if kind & _COMPARATIVE and 0 not in pos and "than" in low[i + 1:i + 5]:
            pos[0] = _join(pairs, i, i + 2 + low[i + 1:i + 5].index("than"))
        if kind & _POS_PHRASE:
            for rule_i, words in _POSITIVE_BY_FIRST[w]:
                if rule_i not in pos and tuple(low[i:i + len(words)]) == words:
                    # "at least five" is a quantity hedge, not a superlative.
                    if w in ("least", "most") and i and low[i - 1] == "at":
                        continue
                    pos[rule_i] = _join(pairs, i, i + len(words))
                    break
        if kind & _NEG_PHRASE:
            for rule_i, words in _NEGATIVE_BY_FIRST[w]:
                if rule_i not in neg and tuple(low[i:i + len(words)]) == words:
                    neg[rule_i] = _join(pairs, i, i + len(words))
                    break
        if kind & _EVALUATIVE and evaluative is None and toks[i] == w:
            evaluative = w

    keep = 1.0 - PRIOR
    reasons: list[str] = []
    if quantity is not None:
        keep *= 1.0 - W_QUANTITY
        reasons.append(f"quantity: {quantity}")
    if hedge_cue:
        pos[len(POSITIVE) - 1] = hedge_cue
    for rule_i, rule in enumerate(POSITIVE):
        if rule_i in pos:
            keep *= 1.0 - rule.weight
            reasons.append(f"{rule.label}: {pos[rule_i]}")
    if (speaker_kind == SpeakerKind.ANONYMOUS or anonymity_cue
            or (sentence and any(h in sentence for h in _ANONYMITY_HINTS) and ANONYMITY.search(sentence))):
        keep *= 1.0 - W_ANONYMOUS
        reasons.append("anonymous source")
    names = _names(pairs, dates, starts_sentence=not sentence or sentence.lstrip(_OPENERS).startswith(
        text.lstrip(_OPENERS)[:20]))
    if names:
        keep *= 1.0 - W_NAMED
        reasons.append("named: " + ", ".join(names[:2]))
    if date is not None:
        keep *= 1.0 - W_DATE
        reasons.append(f"date: {date}")

    value = 1.0 - keep
    if text.rstrip(_CLOSERS).endswith("?"):
        value *= F_QUESTION
        reasons.append("question")
    if evaluative is not None and 0 not in neg:
        neg[0] = evaluative
    for rule_i, rule in enumerate(NEGATIVE):
        if rule_i in neg:
            value *= rule.weight
            reasons.append(f"{rule.label}: {neg[rule_i]}")
    return Worthiness(round(min(1.0, max(0.0, value)), 3), tuple(reasons))


def score_claim(claim: Claim, sentence_text: str | None = None) -> Worthiness:
    """Score an extracted :class:`Claim` (the sentence defaults to the claim's own sentence)."""
    return score(
        claim.text,
        claim.sentence.text if sentence_text is None else sentence_text,
        speaker_kind=str(claim.speaker_kind),
        hedge_cue=claim.hedge_cue,
        anonymity_cue=claim.anonymity_cue,
    )


_NOT_UNIT = frozenset(("and", "or", "in", "of", "to", "the", "a", "an", "at", "on", "for", "from", "by"))


def _quantity(pairs: list[tuple[str, str]], low: list[str], i: int) -> str:
    """The number at token ``i`` with its multiplier and the word it counts: "$3 million", "five one-way"."""
    n = len(low)
    end = i + 1
    if end < n and low[end] in MULTIPLIERS:
        end += 1
    if end < n and low[end] not in _NOT_UNIT:
        end += 1
        while end < n and pairs[end][0] == "-":  # "one-way", "precision-guided"
            end += 1
    return _join(pairs, i, end)


def _join(pairs: list[tuple[str, str]], start: int, end: int) -> str:
    """Tokens ``start:end`` as written, keeping hyphens and single spaces between them."""
    out = pairs[start][1]
    for sep, tok in pairs[start + 1:end]:
        out += ("-" if sep == "-" else " ") + tok
    return out


def _names(pairs: list[tuple[str, str]], dates: set[int], *, starts_sentence: bool) -> list[str]:
    """Distinct named people and organisations: runs of capitalised tokens ("Kata'ib Hezbollah", "U.S.").

    A claim that opens its sentence has a capitalised first word anyway; it only counts as a name
    when another capitalised word follows it ("Joe Biden ordered", not "Strikes hit").
    """
    out: list[str] = []
    run = ""
    padded = pairs + [("", "")]
    # A headline in Title Case capitalises every word: there only abbreviations and model
    # designations ("US", "F-15") are names.
    words = [t for _, t in pairs if t[:1].isalpha()]
    title_case = len(words) >= 5 and sum(t[:1].isupper() for t in words) > 0.7 * len(words)
    for i, (sep, tok) in enumerate(padded):
        if title_case and not (tok.isupper() or "." in tok):
            tok = tok.lower() if tok[:1].isupper() else tok
        named = (tok[:1].isupper() and i not in dates and tok not in NOT_NAMES
                 and (i > 0 or not starts_sentence or "." in tok or tok.isupper()
                      or len(pairs) > 1 and pairs[1][1][:1].isupper() and pairs[1][0] in (" ", "-")))
        joined = sep in (" ", "-")
        # "Sayyid al-Shuhada", "Osama bin Laden": a particle between two name words.
        particle = (run and joined and tok in NAME_PARTICLES and padded[i + 1][1][:1].isupper()
                    and padded[i + 1][0] in (" ", "-"))
        if run and joined and (named or particle):
            run += ("-" if sep == "-" else " ") + tok
            continue
        if run and run not in out:
            out.append(run)
        run = tok if named else ""
    return out
