"""Provides parse_source: a source phrase split into name, role, affiliation, kind and gender ("Navy Cmdr. Jessica McNulty, a spokeswoman for the Pentagon")."""

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
    FEMALE_WORDS,
    GROUP_NOUNS,
    MALE_NAMES,
    MALE_WORDS,
    ORG_WORDS,
    ROLE_NOUNS,
    TITLES,
)
from .models import SpeakerKind
from .sources import _EDGE_PUNCT, _is_cap


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


def gender_of(words: list[str], first: str | None) -> str | None:
    """'f', 'm' or None from gendered words (titles, roles) or a first name."""
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
                            gender_of(low + app_words, None), _heads(low + app_words) | {head}, False)
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
    gender = gender_of(low + app_words, first) if kind is SpeakerKind.PERSON else None
    return ParsedSource(name, kind, " ".join(role_parts) or None, affiliation, gender,
                        _heads(low + app_words), kind is SpeakerKind.PERSON)
