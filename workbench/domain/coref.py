"""Provides back-references: who "he", "the official" or "Kirby" is.

``SpeakerBook`` keeps the article's speakers in order of mention and
resolves each new source phrase to a canonical ``Speaker``:

- a surname ("Kirby") to the one earlier full name that ends with it ("John
  Kirby"); when two earlier people share it ("Hillary Clinton", "Bill
  Clinton") a gender title decides ("Mrs. Clinton"), else the surname stays
  as written: two Clintons are never merged blindly;
- "he"/"she" to the nearest earlier person of that gender (or of unknown
  gender, which the pronoun then fixes); "they" to the nearest group,
  organisation or plural description; "it" to the nearest organisation or
  document;
- "the official", "the spokeswoman", "the senator" to the nearest earlier
  speaker whose role or description has that head noun;
- "the Pentagon" to the earlier "Pentagon" by name.

When nothing fits, the phrase stays as written and no antecedent is given.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from .lexicon import TITLE_NOUNS
from .models import Speaker, SpeakerKind, Span
from .pronouns import Candidate, PronounContext
from .sources import NP
from .source_parse import parse_source

_PLURAL_HINTS = frozenset(
    "officials sources aides people insiders staffers advisers critics experts "
    "analysts voters supporters republicans democrats lawmakers leaders "
    "members residents economists polls surveys documents records".split()
)


#: Who a pronoun with nobody to refer to names: not the pronoun itself.
UNIDENTIFIED = Speaker("unidentified speaker", SpeakerKind.ANONYMOUS)

_GENDERED = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
# Object and possessive forms read as their subject form.
_SUBJECT_FORM = {"him": "he", "his": "he", "her": "she", "hers": "she", "them": "they", "their": "they",
                 "theirs": "they", "its": "it", "me": "i", "my": "i", "us": "we", "our": "we"}
#: Every pronoun a source phrase may be.
SOURCE_PRONOUNS = frozenset(("he", "she", "they", "it", "i", "we", "you", "who", *_SUBJECT_FORM))


@dataclass(slots=True)
class _Entity:
    speaker: Speaker
    gender: str | None
    heads: set[str]
    mention: Span
    plural: bool
    proper: bool
    last: int = 0
    seq: int = 0
    tokens: tuple[str, ...] = field(default_factory=tuple)


@lru_cache(maxsize=4096)
def _norm(name: str) -> tuple[str, ...]:
    """The lower-case name tokens of ``name`` (cached: an article names the
    same people again and again)."""
    return tuple(t.strip(".,'’").lower() for t in name.split() if t.strip(".,'’"))


# Back-references look this many speakers back at most (a long article with
# thousands of speakers stays linear).
_LOOK_BACK = 200


class SpeakerBook:
    """The speakers of one article, in order of mention."""

    def __init__(self, context: PronounContext | None = None) -> None:
        # With the article's sentences and named people, "he"/"she" are
        # searched sentence by sentence (``pronouns``); without, among the
        # speakers only.
        self._context = context
        self._spoken: list[Candidate] = []
        self._gender_of: dict[str, str | None] = {}
        self._entities: list[_Entity] = []
        # The entities by id, least recently mentioned first.
        self._order: dict[int, _Entity] = {}
        # The entities by their name tokens, and by each name token.
        self._by_tokens: dict[tuple[str, ...], list[_Entity]] = {}
        self._by_token: dict[str, list[_Entity]] = {}
        self._tick = 0

    def _add(self, ent: _Entity) -> None:
        ent.seq = len(self._entities)
        self._entities.append(ent)
        self._by_tokens.setdefault(ent.tokens, []).append(ent)
        for t in set(ent.tokens):
            self._by_token.setdefault(t, []).append(ent)

    def _touch(self, ent: _Entity, mention: Span | None) -> None:
        self._tick += 1
        ent.last = self._tick
        self._order.pop(id(ent), None)
        self._order[id(ent)] = ent
        if mention is not None:
            ent.mention = mention
            if self._context is not None and ent.speaker.kind is SpeakerKind.PERSON and not ent.plural:
                insort(self._spoken, Candidate(mention.start, mention.end, ent.speaker.name, ent.gender, True, ent),
                       key=lambda c: c.start)

    def _recent(self) -> list[_Entity]:
        """The most recently mentioned entities, latest first."""
        return list(islice(reversed(self._order.values()), _LOOK_BACK))

    def last_speaker(self) -> Speaker | None:
        if not self._order:
            return None
        return next(reversed(self._order.values())).speaker

    def resolve(self, text: str, np: NP) -> tuple[Speaker, Span | None]:
        """Return the canonical speaker for a source phrase, and its antecedent."""
        speaker, _, antecedent = self.resolve_mention(text, np)
        return speaker, antecedent

    def resolve_mention(self, text: str, np: NP) -> tuple[Speaker, Span, Span | None]:
        """``resolve``, also returning the phrase's mention span (so callers
        need not build a second, equal one)."""
        mention = Span(np.start, np.end, text[np.start : np.end])
        if np.pronoun:
            speaker, antecedent = self._pronoun(mention)
            return speaker, mention, antecedent
        speaker, antecedent = self._resolve_phrase(text, np, mention)
        return speaker, mention, antecedent

    def _resolve_phrase(self, text: str, np: NP, mention: Span) -> tuple[Speaker, Span | None]:
        appositive = text[np.app_start : np.app_end] if np.app_start >= 0 else None
        parsed = parse_source(mention.text, appositive)
        low_name = _norm(parsed.name)
        if not parsed.proper:
            words = mention.text.split()
            det = words[0].lower() if words else ""
            if det in ("the", "this", "that") and parsed.kind is not SpeakerKind.ORGANIZATION \
                    or (det in ("the",) and len(words) == 2):
                # "the official", "the spokeswoman", "the campaign": by head noun.
                head = low_name[-1] if low_name else ""
                head_alias = TITLE_NOUNS.get(head, head)
                for ent in self._recent():
                    if ent.speaker.kind is SpeakerKind.DOCUMENT and parsed.kind is not SpeakerKind.DOCUMENT:
                        continue
                    if head in ent.heads or head_alias in ent.heads or low_name == ent.tokens:
                        self._touch(ent, None)
                        ant = ent.mention
                        self._touch(ent, mention)
                        return ent.speaker, ant
                if parsed.kind is SpeakerKind.PERSON and self._context is not None and det == "the":
                    # "the billionaire", "the former mayor": a person named just before, when
                    # no speaker has that role (the sentence-by-sentence search "he" uses).
                    found = self._description_in_context(mention, parsed.gender)
                    if found is not None:
                        return found
        # By name.
        same = [e for e in self._by_tokens.get(low_name, ()) if e.speaker.kind == parsed.kind] if low_name else []
        if same:
            ent = max(same, key=lambda e: e.last)
            ant = ent.mention if ent.mention.text != mention.text else None
            self._touch(ent, mention)
            return ent.speaker, ant
        if parsed.proper and len(low_name) == 1:
            # A surname after a full name.
            cands = [e for e in self._by_token.get(low_name[0], ()) if e.proper and len(e.tokens) > 1
                     and (e.tokens[-1] == low_name[0] or e.tokens[0] == low_name[0])]
            if len(cands) > 1 and parsed.gender:
                cands = [e for e in cands if e.gender in (parsed.gender, None)]
            names = {e.tokens for e in cands}
            if len(names) == 1:
                ent = max(cands, key=lambda e: e.last)
                if parsed.gender and ent.gender is None:
                    ent.gender = parsed.gender
                ant = ent.mention
                self._touch(ent, mention)
                return ent.speaker, ant
        kind = parsed.kind
        if (kind is SpeakerKind.PERSON and parsed.proper and len(low_name) == 1 and not parsed.role
                and parsed.gender is None and self._context is not None
                and not self._context.is_surname(parsed.name)):
            # A lone capitalised word that never follows a first name in the
            # article ("Microsoft said"): an organisation, not a person.
            kind = SpeakerKind.ORGANIZATION
        speaker = Speaker(parsed.name, kind, parsed.role, parsed.affiliation)
        plural = bool(low_name) and (low_name[-1] in _PLURAL_HINTS or (
            not parsed.proper and low_name[-1].endswith("s") and not low_name[-1].endswith("ss")))
        ent = _Entity(speaker, parsed.gender, set(parsed.heads), mention, plural, parsed.proper,
                      tokens=low_name)
        self._add(ent)
        self._touch(ent, mention)
        return speaker, None

    def _pronoun(self, mention: Span) -> tuple[Speaker, Span | None]:
        w = mention.text.lower()
        if self._context is not None and w in _GENDERED:
            return self._pronoun_in_context(mention, _GENDERED[w])
        w = _SUBJECT_FORM.get(w, w)
        if self._context is not None and w == "they":
            found = self._plural_in_context(mention)
            if found is not None:
                return found
        for ent in self._recent():
            k = ent.speaker.kind
            if w in ("he", "she"):
                g = "m" if w == "he" else "f"
                if k is SpeakerKind.PERSON and not ent.plural and ent.gender in (g, None):
                    if ent.gender is None:
                        ent.gender = g
                    break
            elif w == "they":
                if ent.plural or k in (SpeakerKind.ORGANIZATION,):
                    break
            elif w == "it":
                if k in (SpeakerKind.ORGANIZATION, SpeakerKind.DOCUMENT) and not ent.plural:
                    break
            else:
                return UNIDENTIFIED, None
        else:
            return UNIDENTIFIED, None
        ant = ent.mention
        self._touch(ent, None)
        return ent.speaker, ant

    def _description_in_context(self, mention: Span, gender: str | None) -> tuple[Speaker, Span | None] | None:
        cands = [gender] if gender else ["m", "f"]
        best = None
        for g in cands:
            c = self._context.resolve(mention.start, g, self._spoken, self._gender_of)
            if c is not None and (best is None or c.start > best.start):
                best = c
        if best is None:
            return None
        ent = best.key if isinstance(best.key, _Entity) else self._entity_for_name(best)
        ant = Span(best.start, best.end, self._context.text[best.start : best.end])
        self._touch(ent, mention)
        return ent.speaker, ant

    def _pronoun_in_context(self, mention: Span, gender: str) -> tuple[Speaker, Span | None]:
        cand = self._context.resolve(mention.start, gender, self._spoken, self._gender_of)
        if cand is None:
            return UNIDENTIFIED, None
        ent = cand.key if isinstance(cand.key, _Entity) else self._entity_for_name(cand)
        if ent.gender is None:
            ent.gender = gender
        self._gender_of[cand.name] = gender
        self._touch(ent, None)
        return ent.speaker, Span(cand.start, cand.end, self._context.text[cand.start : cand.end])

    def _plural_in_context(self, mention: Span) -> tuple[Speaker, Span | None] | None:
        """ "they": a plural or organisation speaker, or a plural subject, of the last few sentences."""
        spoken = [(e.mention.start, e) for e in self._recent() if e.plural or e.speaker.kind is SpeakerKind.ORGANIZATION]
        phrase = self._context.plural_subject(mention.start, [s for s, _ in spoken])
        if phrase is None:
            return None
        if isinstance(phrase, int):
            ent = next(e for s, e in spoken if s == phrase)
            ant = ent.mention
            self._touch(ent, None)
            return ent.speaker, ant
        np = NP(phrase[0], phrase[1], phrase[1])
        return self._resolve_phrase(self._context.text, np, Span(np.start, np.end, self._context.text[np.start:np.end]))

    def _entity_for_name(self, cand: Candidate) -> _Entity:
        """The speaker entity a named person is, made when they have not spoken yet."""
        low = _norm(cand.name)
        same = [e for e in self._by_tokens.get(low, ()) if e.speaker.kind is SpeakerKind.PERSON]
        if not same and len(low) == 1:
            same = [e for e in self._by_token.get(low[0], ()) if e.proper and e.tokens[-1] == low[0]]
        if same:
            return max(same, key=lambda e: e.last)
        mention = Span(cand.start, cand.end, self._context.text[cand.start : cand.end])
        ent = _Entity(Speaker(cand.name, SpeakerKind.PERSON), cand.gender, set(), mention, False, True,
                      tokens=low)
        self._add(ent)
        return ent

    def note(self, text: str, np: NP) -> None:
        """Record a person named as a sentence subject, for later pronouns."""
        mention = Span(np.start, np.end, text[np.start : np.end])
        parsed = parse_source(mention.text, None)
        if not parsed.proper or parsed.kind is not SpeakerKind.PERSON:
            return
        low = _norm(parsed.name)
        cands = self._by_tokens.get(low, []) + ([e for e in self._by_token.get(low[0], ()) if e.proper]
                                                 if len(low) == 1 else [])
        if cands:
            # The earliest such entity, as a scan in order of first mention finds.
            self._touch(min(cands, key=lambda e: e.seq), mention)
            return
        if len(low) < 2:
            return
        ent = _Entity(Speaker(parsed.name, parsed.kind, parsed.role, parsed.affiliation),
                      parsed.gender, set(parsed.heads), mention, False, True, tokens=low)
        self._add(ent)
        self._touch(ent, mention)
