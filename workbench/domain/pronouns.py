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

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

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
        self.people: list[Person] = list(people(text))
        self._people_starts = [p.start for p in self.people]

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
        for back in range(_SENTENCES_BACK):
            k = si - back
            if k < 0:
                break
            s, e = self.sent_starts[k], self.sent_ends[k]
            hi = pos if back == 0 else e
            found: list[Candidate] = []
            for p in self.people[bisect_left(self._people_starts, s) : bisect_left(self._people_starts, hi)]:
                g = gender_of.get(p.name, p.gender)
                found.append(Candidate(p.start, p.end, p.name, g, False))
            found.extend(speakers[bisect_left(sp_starts, s) : bisect_left(sp_starts, hi)])
            fits = [c for c in found if c.gender in (gender, None) and (pin or not self.quoted(c.start))]
            if fits:
                return max(fits, key=lambda c: (c.start - s < _SUBJECT_CHARS, c.spoke, c.start))
        return None
