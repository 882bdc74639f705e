"""Provides source noun phrases: finding them next to a cue, and parsing them.

``np_before`` walks back from a cue verb over the words of a noun phrase
("Pentagon Press Secretary John Kirby", "A U.S. defense official", "he",
"Navy Cmdr. Jessica McNulty, a spokeswoman for the Pentagon,"); ``np_after``
walks forward ("said Kirby", "according to people familiar with the
matter"). ``parse_source`` splits a phrase into name, role, affiliation and
kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import (
    ANON_HEADS,
    ANON_POSTMODIFIERS,
    DETERMINERS,
    DOCUMENT_HEADS,
    FEMALE_NAMES,
    FINITE_CUE_FORMS,
    FEMALE_WORDS,
    GROUP_NOUNS,
    HEARER_NOUNS,
    MALE_NAMES,
    MALE_WORDS,
    NAME_SUFFIXES,
    NP_STOP,
    ORG_WORDS,
    ROLE_NOUNS,
    SENTENCE_STARTERS,
    TITLES,
)
from .models import SpeakerKind, quick_init

_TOKEN_RE = re.compile(r"\S+")
_TRAIL_PUNCT = ",;:.!?\"”’)"
_LEAD_PUNCT = "\"“‘("
_EDGE_PUNCT = _TRAIL_PUNCT + _LEAD_PUNCT

PRONOUNS = frozenset("he she they it i we you who".split())
_OBJECT_PRONOUNS = frozenset("him her them me us you it".split())
# Capitalised words that open a clause, not a name.
_CAP_STOP = (SENTENCE_STARTERS - DETERMINERS) | frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Yesterday Today "
    "Now Later Earlier Instead Asked Speaking Writing Separately Still Yet "
    "Although Though Since Until Because Once During Despite Like Unlike "
    "Last Next Like Even Indeed Thus Also Now Mr Ms".split()
) - {"Mr", "Ms"}
_PREP_IN_NP = frozenset("of for at from with to".split())
_MAX_NP_TOKENS = 12


@quick_init
@dataclass(frozen=True, slots=True)
class NP:
    """A source phrase found in the text (absolute offsets)."""

    start: int
    end: int
    # The whole phrase including an appositive (", a spokeswoman for X").
    full_end: int
    pronoun: bool = False
    # A relative "who" resolved to the phrase before it.
    relative: bool = False
    app_start: int = -1
    app_end: int = -1


def _is_cap(tok: str) -> bool:
    c = tok[:1]
    return c.isupper() or (c.isdigit() and "-" in tok)


def _word(tok: str) -> str:
    return tok.strip(_EDGE_PUNCT).lower()


def _np_ok(words: list[str], caps: int, det: bool) -> bool:
    """Whether the walked words form a plausible source phrase."""
    if not words:
        return False
    head = words[-1]
    if caps:
        return True
    if _known_noun(head):
        return True
    return det and len(words) >= 2


def plausible_source(text: str, np: NP) -> bool:
    """Whether a phrase can say or believe things: a name, a pronoun, or a
    person, group, organisation or document noun ("the tax plan" cannot:
    "Trump's tax plan would ..." is not "plan" as a verb)."""
    if np.pronoun:
        return True
    phrase = text[np.start : np.end]
    head = phrase.rsplit(None, 1)[-1].strip(_EDGE_PUNCT)
    if head.lower() in _NOT_SOURCE_HEADS or head.isdigit() or "<" in phrase or ">" in phrase or "=" in phrase or (
            head == phrase.strip(_EDGE_PUNCT) and head in _CAP_STOP):
        # time_not_source: "In April, prosecutors charged ..." -- a month, a
        # year, a markup fragment or a lone clause opener ("As") says nothing.
        return False
    if not head or head[0].isupper() or head[0].isdigit():
        return True
    w = head.lower()
    return _known_noun(w) or w in ORG_WORDS or w.endswith(_PERSON_SUFFIXES)


_NOT_SOURCE_HEADS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight".split()
)
_PERSON_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ents", "ants", "ees", "ives")


def _known_noun(w: str) -> bool:
    return (w in ROLE_NOUNS or w in ANON_HEADS or w in DOCUMENT_HEADS or w in GROUP_NOUNS
            or w in HEARER_NOUNS or w.rstrip("s") in ROLE_NOUNS
            # plural people nouns by suffix: "environmentalists", "historians"
            or (len(w) > 6 and w.endswith(("ists", "ians"))))


def _walk_back(text: str, toks: list[tuple[int, int]], i: int) -> int:
    """Walk back from token ``i`` (inclusive); return the first token index.

    Returns -1 when no phrase ends at token ``i``.
    """
    words: list[str] = []
    caps = 0
    det = False
    first = -1
    lower_run = 0
    j = i
    while j >= 0 and i - j < _MAX_NP_TOKENS:
        s, e = toks[j]
        tok = text[s:e]
        if j != i and tok[-1] in ",;:\"”)":
            break
        if (tok[0] in "\"“(" or tok.startswith("''") or tok.endswith("''")) and j != i:
            break
        w = _word(tok)
        if not w:
            break
        if w in DETERMINERS and w not in ("that", "this", "these", "those") or (
            w in ("this", "these", "those") and j != i
        ):
            words.insert(0, w)
            det = True
            first = j
            break
        if _is_cap(tok):
            if tok.strip(_LEAD_PUNCT) in _CAP_STOP and j != i:
                break
            caps += 1
            words.insert(0, w)
            first = j
            lower_run = 0
        elif w in _PREP_IN_NP and first == j + 1 and j > 0:
            # "Secretary of State John Kerry", "people familiar with ...":
            # only inside a phrase, and only before a title or noun.
            prev = _word(text[toks[j - 1][0] : toks[j - 1][1]])
            pt = text[toks[j - 1][0] : toks[j - 1][1]]
            if prev in NP_STOP or pt[-1:] in ",;:" or not (
                _is_cap(pt) or prev in ROLE_NOUNS or prev in ANON_HEADS
                or prev in DOCUMENT_HEADS or prev in TITLES or prev in ORG_WORDS
                or prev in ("familiar", "close", "knowledge")
            ):
                break
            words.insert(0, w)
        elif w in NP_STOP or w in FINITE_CUE_FORMS or w.endswith("ly") or not w.replace("-", "").replace("'", "").replace("’", "").isalnum():
            break
        else:
            if w in PRONOUNS and j == i:
                return j if w != "who" else -1
            if w in PRONOUNS or w in _OBJECT_PRONOUNS or (w.endswith("ing") and not _known_noun(w)):
                break
            lower_run += 1
            if lower_run > 4:
                break
            words.insert(0, w)
            first = j
        j -= 1
    if first < 0 or not _np_ok(words, caps, det):
        return -1
    if not det and not caps and not _is_cap(text[toks[first][0] : toks[first][1]]) and not _known_noun(words[-1]):
        # A bare lower-case phrase must end in a known noun ("officials").
        return -1
    # Do not start on a bare preposition.
    while first <= i and _word(text[toks[first][0] : toks[first][1]]) in _PREP_IN_NP:
        first += 1
    return first if first <= i else -1


def np_before(text: str, lo: int, pos: int) -> NP | None:
    """Find the source phrase that ends right before ``pos``.

    Args:
        text: the article text.
        lo: where the search may start (the clause or sentence start).
        pos: the start of the cue verb, after any auxiliaries and adverbs.
    """
    toks = [m.span() for m in _TOKEN_RE.finditer(text, max(lo, pos - 120), pos)]
    if not toks:
        return None
    i = len(toks) - 1
    s, e = toks[i]
    last = text[s:e]
    w = _word(last)
    if last[-1] in ",)" and i > 0:
        # An appositive: "Jessica McNulty, a spokeswoman for the Pentagon, said"
        # or a party label: "Sen. Bob Corker (R-Tenn.) said".
        if last[-1] == ")":
            k = i
            while k >= 0 and "(" not in text[toks[k][0] : toks[k][1]]:
                k -= 1
            if k <= 0 or i - k > 4:
                return None
            f = _walk_back(text, toks, k - 1)
            if f < 0:
                return None
            return NP(toks[f][0], toks[k - 1][1], e)
        k = i - 1
        while k >= 0 and text[toks[k][1] - 1] != "," and i - k < 16:
            k -= 1
        if k < 0 or text[toks[k][1] - 1] != ",":
            return None
        app_first = _word(text[toks[k + 1][0] : toks[k + 1][1]])
        if not (app_first in DETERMINERS or app_first in ("who", "whose", "former", "now") or not _is_cap(text[toks[k + 1][0] : toks[k + 1][1]]) or True):
            return None
        f = _walk_back(text, toks, k)
        if f < 0:
            return None
        name_end = toks[k][1] - 1
        app_s = toks[k + 1][0]
        app_e = e - 1
        # The name must look like a name (capitalised), or the appositive
        # like a description.
        name_tok = text[toks[k][0] : toks[k][1]]
        if not (_is_cap(name_tok) or _known_noun(_word(name_tok))):
            return None
        if app_first in ("who", "which", "whose") and app_first != "whose":
            # "Trump, who ..., said": a relative clause is not an appositive.
            return NP(toks[f][0], name_end, e - 1, relative=True)
        return NP(toks[f][0], name_end, app_e, app_start=app_s, app_end=app_e)
    if w in PRONOUNS and last[-1] not in _TRAIL_PUNCT:
        if w == "who":
            # "Kirby, who ..., said" or "..., Kirby, who said": the phrase before ", who".
            if i == 0 or text[toks[i - 1][1] - 1] != ",":
                return None
            f = _walk_back(text, toks[: i - 1] + [(toks[i - 1][0], toks[i - 1][1] - 1)], i - 1)
            if f < 0:
                return None
            return NP(toks[f][0], toks[i - 1][1] - 1, toks[i - 1][1] - 1, relative=True)
        return NP(s, e, e, pronoun=True)
    if last[-1] in _TRAIL_PUNCT:
        return None
    f = _walk_back(text, toks, i)
    if f < 0:
        return None
    start = toks[f][0]
    if f > 0 and _word(text[toks[f - 1][0] : toks[f - 1][1]]) in _POST_LAST:
        # "people familiar with the matter", "sources close to the campaign".
        ms = _anon_post_start(text, max(lo, start - 90), start)
        if ms >= 0:
            start = ms
    while text[start] in _LEAD_PUNCT:
        start += 1
    if start >= e:
        return None
    return NP(start, e, e)


_POST_LAST = frozenset(p.split()[-1] for p in ANON_POSTMODIFIERS)
# "people familiar with", "sources close to": the head and its postmodifier
# right before the cue; up to three words before them belong to the phrase.
_ANON_CORE_RE = re.compile(
    r"(?<!\S)(?:" + "|".join(sorted(ANON_HEADS | {"person", "persons"}, key=len, reverse=True)) + r")\s+"
    r"(?:" + "|".join(p.replace(" ", r"\s+") for p in ANON_POSTMODIFIERS) + r")\s+$",
    re.IGNORECASE,
)
_ANON_PRE_WORD_RE = re.compile(r"[A-Za-z][\w.-]*")


def _anon_post_start(text: str, lo: int, pos: int) -> int:
    """Where "two people familiar with" starts before ``pos`` (-1 if none)."""
    m = _ANON_CORE_RE.search(text, lo, pos)
    if m is None:
        return -1
    s = m.start()
    for _ in range(3):
        e = s
        while e > lo and text[e - 1].isspace():
            e -= 1
        if e == s or e <= lo:
            break
        k = e
        while k > lo and not text[k - 1].isspace():
            k -= 1
        if not _ANON_PRE_WORD_RE.fullmatch(text, k, e):
            break
        s = k
    return s


def np_after(text: str, pos: int, hi: int, appositive: bool = True) -> NP | None:
    """Find the source phrase that starts at ``pos`` (after "said", "according to")."""
    toks = [m.span() for m in _TOKEN_RE.finditer(text, pos, min(hi, pos + 300))]
    if not toks:
        return None
    s0, e0 = toks[0]
    first = text[s0:e0]
    w0 = _word(first)
    if w0 in PRONOUNS:
        end = e0
        while end > s0 and text[end - 1] in _TRAIL_PUNCT:
            end -= 1
        return NP(s0, end, end, pronoun=True)
    words: list[str] = []
    caps = 0
    det = False
    end = -1
    lower_run = 0
    n = 0
    for j, (s, e) in enumerate(toks):
        tok = text[s:e]
        w = _word(tok)
        if not w:
            break
        n += 1
        if n > _MAX_NP_TOKENS:
            break
        stop_after = tok[-1] in ",;:.!?" and not (
            tok.endswith(".") and (w.rstrip(".") in TITLES or len(w.rstrip(".")) <= 2 or "." in w.rstrip("."))
            and j + 1 < len(toks)
        )
        if j == 0 and w in DETERMINERS:
            det = True
            words.append(w)
        elif _is_cap(tok):
            if tok.strip(_LEAD_PUNCT) in _CAP_STOP and j:
                break
            caps += 1
            words.append(w)
            end = e
            lower_run = 0
        elif w in _PREP_IN_NP and words and j + 1 < len(toks):
            nxt = text[toks[j + 1][0] : toks[j + 1][1]]
            nw = _word(nxt)
            if not (_is_cap(nxt) or nw in DETERMINERS or nw in ROLE_NOUNS or nw in ("the",)):
                break
            if words[-1] not in ROLE_NOUNS and words[-1] not in ANON_HEADS and words[-1] not in TITLES \
                    and words[-1] not in ("familiar", "close", "knowledge") and not caps:
                break
            words.append(w)
            continue
        elif w in NP_STOP or w.endswith("ly"):
            break
        elif w in ("familiar", "close") and words:
            words.append(w)
            continue
        else:
            if w in _OBJECT_PRONOUNS or (caps and not _known_noun(w)) or w.endswith("ing"):
                break
            lower_run += 1
            if lower_run > 4:
                break
            words.append(w)
            end = e
        if stop_after:
            break
        if j + 1 < len(toks) and text[toks[j + 1][0]] == "(" and caps:
            # A party label: "Sen. Bob Corker (R-Tenn.)" is not part of the name.
            break
    if end < 0 or not _np_ok([x for x in words if x not in _PREP_IN_NP], caps, det):
        return None
    while end > s0 and text[end - 1] in _TRAIL_PUNCT and not (
        text[end - 1] == "." and _word(text[s0:end]).split(" ")[-1].rstrip(".") in _KEEPS_PERIOD
    ):
        end -= 1
    start = s0
    while text[start] in _LEAD_PUNCT:
        start += 1
    if end <= start:
        return None
    full_end = end
    app_s = app_e = -1
    if appositive and end < hi and text.startswith(", ", end):
        # ", a spokeswoman for the Pentagon" up to the next comma or the end.
        m = _APPOSITIVE_RE.match(text, end, hi)
        if m:
            app_s, app_e = m.start(1), m.end(1)
            full_end = app_e
    return NP(start, end, full_end, app_start=app_s, app_end=app_e)


# Last words whose period belongs to the phrase: titles ("Sen.") and name endings ("Co.", "Jr.").
_KEEPS_PERIOD = TITLES | NAME_SUFFIXES

_APPOSITIVE_RE = re.compile(
    r",\s+([^;:\"“”]{1,240}?)(?=[,;:.\"”]?\s*$)"
)


# ----------------------------------------------------------- phrase parsing

@dataclass(frozen=True, slots=True)
class ParsedSource:
    """A source phrase split into its parts."""

    name: str
    kind: SpeakerKind
    role: str | None
    affiliation: str | None
    gender: str | None  # "f", "m" or None
    # Lowercase head nouns a later "the official" may refer back to.
    heads: frozenset[str]
    # A proper name (not a description).
    proper: bool


#: Unnamed people: a description with one of these heads names nobody ("a spokesman", "experts").
UNNAMED_HEADS = frozenset(
    "spokesman spokeswoman spokesperson spokespeople spokesmen expert experts analyst analysts observer "
    "observers witness witnesses resident residents investigator investigators researcher researchers "
    "scientist scientists economist economists strategist strategists insider insiders".split()
)
#: Heads of a description that is an organisation: "the campaign", "the airline".
ORG_HEADS = frozenset(
    "campaign administration government committee newspaper network agency department company group party "
    "court ministry military paper magazine organization organisation team office airline carrier firm "
    "hospital navy army police school university bank regulator council union manufacturer retailer "
    "broadcaster publisher prosecutors website".split()
)

# Common nouns a capital at the start of a sentence does not make a name ("Officials said").
_COMMON_HEADS = ANON_HEADS | UNNAMED_HEADS | DOCUMENT_HEADS | ORG_HEADS | frozenset(
    "police prosecutors lawmakers critics supporters opponents democrats republicans voters".split())

_HEAD_PREPOSITIONS = frozenset(("of", "for", "at", "from", "in"))
_AFFIL_RE = re.compile(r"\b(?:for|of|at|with|from)\s+(?:the\s+)?(.+)$")


def _gender(words: list[str], first: str | None) -> str | None:
    for w in words:
        if w in FEMALE_WORDS:
            return "f"
        if w in MALE_WORDS:
            return "m"
    if first:
        f = first.lower()
        if f in FEMALE_NAMES:
            return "f"
        if f in MALE_NAMES:
            return "m"
    return None


def _heads(words: list[str]) -> frozenset[str]:
    from .lexicon import TITLE_NOUNS

    out = set()
    for w in words:
        w = w.rstrip(".").lower()
        if w in ROLE_NOUNS or w in ANON_HEADS or w in DOCUMENT_HEADS or w in TITLES:
            out.add(w)
        if w in TITLE_NOUNS:
            out.add(TITLE_NOUNS[w])
    return frozenset(out)


@lru_cache(maxsize=4096)
def parse_source(phrase: str, appositive: str | None = None) -> ParsedSource:
    """Split a source phrase into name, role, affiliation and kind.

    "Pentagon Press Secretary John Kirby" -> name "John Kirby", role
    "Pentagon Press Secretary"; "A U.S. defense official" -> name
    "U.S. defense official", kind anonymous; "the Pentagon" -> organisation.
    """
    toks = phrase.split()
    det = None
    if toks and toks[0].lower() in DETERMINERS:
        det = toks[0].lower()
        toks = toks[1:]
    if not toks:
        return ParsedSource(phrase, SpeakerKind.PERSON, None, None, None, frozenset(), False)
    low = [t.lower().strip(_EDGE_PUNCT) for t in toks]
    if len(toks) <= 2 and toks[0][:1].isupper() and (toks[0][1:].islower() or len(toks[0]) == 1) \
            and low[-1] in _COMMON_HEADS and all(t.islower() for t in toks[1:]):
        # "Officials said", "Energy experts say": a description that opens a sentence.
        toks = [toks[0].lower(), *toks[1:]]
    elif len(toks) > 2 and toks[0][1:].islower() and low[0] in _COMMON_HEADS \
            and low[1] in ("of", "for", "at", "from", "in"):
        # "Residents of Lindenfield", "Officials at the Pentagon": the capital is the sentence's.
        toks = [toks[0].lower(), *toks[1:]]
    app_words = appositive.lower().split() if appositive else []
    role_parts: list[str] = []
    affiliation = None
    if appositive and not appositive.split()[0].lower().endswith(("ing", "ed")):
        a = appositive
        aw = a.split()
        if aw and aw[0].lower() in DETERMINERS:
            a = " ".join(aw[1:])
        m = _AFFIL_RE.search(a)
        if m:
            affiliation = m.group(1).strip(" ,.")
            a = a[: m.start()].strip()
        if a and not a.lower().startswith(("who", "which", "whose")):
            role_parts.append(a)
    text_l = " ".join(low)
    # Anonymous: "people familiar with the matter", "a senior official".
    if any(p in text_l for p in ANON_POSTMODIFIERS):
        return ParsedSource(" ".join(toks), SpeakerKind.ANONYMOUS, None, affiliation, None,
                            _heads(low) | {low[0]}, False)
    head = low[-1]
    last_cap = _is_cap(toks[-1])
    if not last_cap:
        # A description: "the official", "a U.S. defense official", "the poll"; its head comes
        # before a preposition ("experts at the university").
        prep = next((k for k in range(1, len(low)) if low[k] in _HEAD_PREPOSITIONS), None)
        if prep is not None:
            head = low[prep - 1]
        name = " ".join(toks)
        head_s = head[:-1] if head.endswith("s") and head[:-1] in ANON_HEADS | DOCUMENT_HEADS else head
        if head in DOCUMENT_HEADS or head_s in DOCUMENT_HEADS:
            kind = SpeakerKind.DOCUMENT
        elif head in ANON_HEADS or head_s in ANON_HEADS or head in UNNAMED_HEADS or head_s in UNNAMED_HEADS:
            # "a U.S. defense official", "a spokesman", "energy experts": nobody named.
            kind = SpeakerKind.ANONYMOUS
        elif head in ORG_HEADS or head in ORG_WORDS:
            # "the navy", "the hospital", "the airline".
            kind = SpeakerKind.ORGANIZATION
        elif det in ("a", "an") or (det is None and head.endswith("s") and not head.endswith("ss")):
            # "a city engineer", "local engineers": an unnamed person or people.
            kind = SpeakerKind.ANONYMOUS
        else:
            kind = SpeakerKind.PERSON
        return ParsedSource(name, kind, " ".join(role_parts) or None, affiliation,
                            _gender(low + app_words, None), _heads(low + app_words) | {head}, False)
    # A proper name, maybe after titles and roles.
    last_title = -1
    for k, w in enumerate(low):
        if (w in TITLES or w.rstrip(".") in TITLES or w in ROLE_NOUNS) and k < len(low) - 1:
            last_title = k
    # Lower-case words before the name are its role: "airline boss Tony Fernandes",
    # "psychologist Elaine Ducharme".
    first_cap = next((k for k, t in enumerate(toks) if _is_cap(t)), len(toks))
    if 1 < first_cap < len(toks) and low[first_cap - 1] in ("of", "for", "at", "from", "in") \
            and all(t[:1].islower() for t in toks[:first_cap]):
        # "the police of Surabaya", "a spokesman for Acme": a description, its head before the preposition.
        head = low[first_cap - 2]
        kind = (SpeakerKind.ANONYMOUS if head in ANON_HEADS or head in UNNAMED_HEADS
                else SpeakerKind.ORGANIZATION if head in ORG_HEADS or head in ORG_WORDS else SpeakerKind.PERSON)
        return ParsedSource(" ".join(toks), kind, None, " ".join(toks[first_cap:]), None,
                            _heads(low) | {head}, False)
    if 0 < first_cap < len(toks) and all(t[:1].islower() for t in toks[:first_cap]):
        last_title = max(last_title, first_cap - 1)
    name_toks = toks[last_title + 1 :]
    prefix = toks[: last_title + 1]
    name = " ".join(name_toks)
    if prefix:
        role_parts.insert(0, " ".join(prefix))
    is_org = (
        any(w in ORG_WORDS for w in low[last_title + 1 :])
        or (det == "the" and not prefix)
        or (len(name_toks) == 1 and name_toks[0].isupper() and len(name_toks[0]) > 1
            and "." not in name_toks[0])
    )
    if any(w.endswith(("'s", "’s")) for w in low[:-1]):
        # "Clinton's campaign": the possessor's organisation.
        is_org = True
        name = " ".join(toks)
    if low[-1] in GROUP_NOUNS:
        kind = SpeakerKind.PERSON
    elif is_org:
        kind = SpeakerKind.ORGANIZATION
    else:
        kind = SpeakerKind.PERSON
    first = name_toks[0] if name_toks and kind is SpeakerKind.PERSON else None
    gender = _gender(low + app_words, first) if kind is SpeakerKind.PERSON else None
    return ParsedSource(name, kind, " ".join(role_parts) or None, affiliation, gender,
                        _heads(low + app_words), kind is SpeakerKind.PERSON)


def hearer_after(text: str, pos: int, hi: int) -> int:
    """Return where the hearer of "told" ends ("told reporters", "told him").

    Returns ``pos`` when no hearer is found.
    """
    m = _HEARER_RE.match(text, pos, hi)
    return m.end() if m else pos


_HEARER_RE = re.compile(
    r"\s+(?:him|her|them|me|us|you|"
    r"(?:(?:the|a|an|his|her|their|its|several|some|local|foreign)\s+)?"
    r"(?:[a-z][\w-]*\s+){0,2}(?:" + "|".join(sorted(HEARER_NOUNS, key=len, reverse=True)) + r")|"
    r"(?:[Tt]he\s+)?(?:[A-Z][\w.&'’-]*\s*){1,5}(?<!\s))(?=[\s,.;:])"
)
