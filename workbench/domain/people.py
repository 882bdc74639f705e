"""Provides the people an article names, in text order, for pronoun back-references.

``people(text)`` yields ``Person`` mentions: a name of two or more
capitalised words whose first word is a known first name ("Hillary
Clinton"), a name after a personal title ("Sen. Warren", "Mrs. Clinton",
"President Obama"), or a lone surname that an earlier full name ends with
("Clinton" after "Hillary Clinton"). Each carries the gender its first name
or title gives, when they give one. The speaker book (``coref``) reads these
as the article goes, so "he" can go back to a person who was named but has
not spoken yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .lexicon import FEMALE_NAMES, MALE_NAMES, ORG_WORDS, SENTENCE_STARTERS
from .source_parse import gender_of

# Titles that only ever come before a person's name.
_PERSON_TITLES = (
    "Mr Mrs Ms Miss Dr Sen Rep Gov Gen Lt Col Cmdr Capt Sgt Adm Maj Prof Rev Hon Atty Gov.-elect "
    "President Vice-President Senator Representative Congressman Congresswoman Governor Mayor Secretary "
    "Judge Justice Ambassador Chairman Chairwoman Speaker Sheriff Pope King Queen Prince Princess "
    "Chancellor Premier Minister Candidate Nominee Director Commissioner Attorney General Pastor Rabbi "
    "Bishop Reverend Sir Lady Lord"
).split()
_TITLE_RE = r"(?:(?:" + "|".join(sorted((re.escape(t) for t in _PERSON_TITLES), key=len, reverse=True)) \
    + r")\.?[ \u00a0]+)"
# A name-like word; name parts never cross a line break.
_CAP = r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:[’'-][A-Z]?[a-z]+)*"
_NAME_RE = re.compile(
    r"(?<![\w.])(" + _TITLE_RE + r"{1,3})?"
    r"(" + _CAP + r"(?:[ \u00a0]+[A-Z]\.)?(?:[ \u00a0]+(?:(?:de|van|von|der|del|la|bin|al)[ \u00a0]+)?" + _CAP
    + r"){0,3})"
    r"(?:[ \u00a0]+(?:Jr|Sr|II|III)\.?)?"
)
_NOT_NAME = frozenset(w.lower() for w in SENTENCE_STARTERS) | frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday god".split()
)


@dataclass(frozen=True, slots=True)
class Person:
    """One mention of a person by name."""

    start: int
    end: int
    name: str  # without the titles: "Hillary Clinton", "Warren"
    gender: str | None  # "f", "m" or None
    titled: bool


def _gender(titles: str, first: str) -> str | None:
    return gender_of(titles.lower().replace(".", " ").split(), first)


def people(text: str, start: int = 0, end: int | None = None) -> Iterator[Person]:
    """The person mentions of ``text[start:end]``, in order."""
    end = len(text) if end is None else end
    surnames: dict[str, Person] = {}
    for m in _NAME_RE.finditer(text, start, end):
        titles, name = m.group(1) or "", m.group(2)
        words = name.split()
        if any(w.lower() in ORG_WORDS for w in words):
            continue
        first = words[0]
        if not titles and first.lower() in _NOT_NAME:
            if len(words) < 2:
                continue
            words = words[1:]
            first = words[0]
            name = " ".join(words)
        known_first = first.lower() in FEMALE_NAMES or first.lower() in MALE_NAMES
        if titles:
            g = _gender(titles, first)
            p = Person(m.start(2) if not titles else m.start(1), m.end(2), name, g, True)
        elif len(words) >= 2 and known_first:
            p = Person(m.start(2), m.end(2), name, _gender("", first), False)
        elif len(words) == 1 and first in surnames:
            earlier = surnames[first]
            p = Person(m.start(2), m.end(2), earlier.name, earlier.gender, False)
        else:
            continue
        if len(words) >= 2 or titles:
            surnames[words[-1]] = p if len(words) >= 2 else surnames.get(words[-1], p)
        yield p
