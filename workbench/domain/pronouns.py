"""Provides who "he" or "she" is: the sentence-by-sentence search for a person who fits.

Centering, made simple: look in the pronoun's own sentence (before it),
then in each earlier sentence in turn, at most ``_SENTENCES_BACK`` of them;
in the first sentence that names a person of a fitting gender, prefer the
one named at the sentence start (its subject), then one who spoke there,
then the last one named. A name inside a quotation is passed over unless
the pronoun is quoted too ("'He lied,' she said" is not about a person the
quotation names). Measured on the PolNeAR training articles with their
annotated speakers: 0.65 of "he"/"she" sources resolved to the right
person, against 0.56 for "the most recent name that fits".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .lexicon import FEMALE_NAMES, GROUP_NOUNS, MALE_NAMES, ORG_WORDS
from .people import Person, people

_SENTENCES_BACK = 8
# A name this close to its sentence's start is the sentence's subject.
_SUBJECT_CHARS = 25


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person a pronoun may refer to: a name in the text, or an earlier speaker's mention."""

    start: int
    end: int
    name: str
    gender: str | None
    spoke: bool
    key: object = None  # the caller's handle (a speaker entity) for a speaker's mention


class PronounContext:
    """An article's sentences, quotations and named people, for pronoun searches."""

    def __init__(self, text: str, sentences: list[tuple[int, int]], quotes: list[tuple[int, int]]) -> None:
        self.text = text
        self.sent_starts = [s for s, _ in sentences]
        self.sent_ends = [e for _, e in sentences]
        self.quotes = sorted(quotes)
        self._quote_starts = [q[0] for q in self.quotes]
        self._people: list[Person] | None = None
        self._people_starts: list[int] = []
        self._surnames: frozenset[str] | None = None

    @property
    def people(self) -> list[Person]:
        """The named people of the article (found the first time they are asked for)."""
        if self._people is None:
            self._people = list(people(self.text))
            self._people_starts = [p.start for p in self._people]
        return self._people

    def is_surname(self, word: str) -> bool:
        """Whether ``word`` follows another capitalised word somewhere in the article ("Tad Devine")."""
        if self._surnames is None:
            self._surnames = frozenset(
                m.group(2) for m in _PAIR_RE.finditer(self.text)
                if m.group(1).lower() not in ORG_WORDS and m.group(2).lower() not in ORG_WORDS)
        return word in self._surnames or word.lower() in FEMALE_NAMES or word.lower() in MALE_NAMES

    def quoted(self, pos: int) -> bool:
        i = bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and pos < self.quotes[i][1]

    def resolve(self, pos: int, gender: str, speakers: list[Candidate],
                gender_of: dict[str, str | None] | None = None) -> Candidate | None:
        """The person a pronoun at ``pos`` of ``gender`` ("m"/"f") most likely names.

        Args:
            pos: the pronoun's offset.
            gender: "m" or "f".
            speakers: earlier speakers' mentions, ordered by start.
            gender_of: genders learned since (a name's person was called
                "she"), by name; they override the name's own guess.
        """
        gender_of = gender_of or {}
        pin = self.quoted(pos)
        si = bisect_right(self.sent_starts, pos) - 1
        sp_starts = [c.start for c in speakers]
        people_ = self.people
        for back in range(_SENTENCES_BACK):
            k = si - back
            if k < 0:
                break
            s, e = self.sent_starts[k], self.sent_ends[k]
            hi = pos if back == 0 else e
            found: list[Candidate] = []
            for p in people_[bisect_left(self._people_starts, s) : bisect_left(self._people_starts, hi)]:
                g = gender_of.get(p.name, p.gender)
                found.append(Candidate(p.start, p.end, p.name, g, False))
            found.extend(speakers[bisect_left(sp_starts, s) : bisect_left(sp_starts, hi)])
            fits = [c for c in found if c.gender in (gender, None) and (pin or not self.quoted(c.start))]
            if fits:
                return max(fits, key=lambda c: (c.start - s < _SUBJECT_CHARS, c.spoke, c.start))
        return None

    def plural_subject(self, pos: int, speaker_starts: list[int]) -> int | tuple[int, int] | None:
        """What "they" at ``pos`` names: a plural speaker's mention start, or a plural subject's span.

        Looks in the pronoun's sentence and up to three before it: a plural
        or organisation speaker named there, else a sentence that opens
        with a plural noun phrase ("Republicans", "Mr. Grassley and Mr.
        Leahy", "the lawmakers").
        """
        si = bisect_right(self.sent_starts, pos) - 1
        for back in range(4):
            k = si - back
            if k < 0:
                break
            s, e = self.sent_starts[k], self.sent_ends[k]
            hi = pos if back == 0 else e
            inside = [x for x in speaker_starts if s <= x < hi]
            if inside:
                return max(inside)
            m = _PLURAL_SUBJECT_RE.match(self.text, s, hi)
            if m is not None and _plural(m.group(1)):
                return m.span(1)
        return None


_CAP_WORD = r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:[’'-][A-Z]?[a-z]+)*"
# Two capitalised words in a row (overlapping): "Tad Devine", "President Obama".
_PAIR_RE = re.compile(r"(?<![\w])(?=(" + _CAP_WORD + r")[ \u00a0]+(?:[A-Z]\.[ \u00a0]+)?(" + _CAP_WORD + r")\b)")

_PLURAL_SUBJECT_RE = re.compile(
    r"(?:(?:But|And|Still|Yet|However|Meanwhile|Now|Instead),?\s+)?"
    r"((?:(?:[Tt]he|[Mm]any|[Ss]ome|[Mm]ost|[Bb]oth|[Tt]hose|[Tt]hese|[Oo]ther)\s+)?"
    r"(?:[\w.’'-]+\s+){0,3}?[\w’'-]+)(?=\s+(?:have|had|are|were|say|said|think|believe|want|argue|"
    r"contend|claim|insist|fear|hope|expect|worry|also|may|might|will|would|could|should|can|do|did)\b)"
)


def _plural(phrase: str) -> bool:
    words = phrase.split()
    head = words[-1].strip(".,’'").lower()
    if " and " in phrase:
        return True
    if head in GROUP_NOUNS:
        return True
    return head.endswith("s") and not head.endswith(("ss", "us", "is")) and not words[-1][:1].isupper()
