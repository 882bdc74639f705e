"""Provides the subject_verb_object rule: the object of a named subject's verb ("Graham has been critical of Trump" -> "Trump"), as the reporter's claim."""

from __future__ import annotations

import re

from .content_span import trim
from .coref import SpeakerBook
from .lexicon import DETERMINERS, NP_STOP, SENTENCE_STARTERS
from .models import AttributionKind, Claim, Segment
from .quote_spans import _kind_for
from .reporter_claims import _strip_period


SVO_HEAD_NOUNS = frozenset(
    "nominee candidate campaign administration senator governor president official officials "
    "lawmakers leaders spokesman spokeswoman party committee company group court".split()
)

# subject_verb_object: a sentence no cue attributes, whose subject is a name
# or an organisation, reports what that subject does to something: "Graham
# has been critical of Trump since ..." -> "Trump"; "Last week, Republicans
# on the House committee approved a bill designed to hamstring the CFPB." ->
# "a bill designed to hamstring the CFPB". The object is the claim, up to the
# first clause break.
_SVO_LEAD_RE = re.compile(
    r"(?:(?:On|At|During|After|Before|Since|Last|Earlier|Later|This|For|Over|Under|With|By|Until|Already)"
    r"\b[^,;:\"“”]{0,100},\s+)?"
    r"(?:(?:The|Many|Some|Most|Several|Few|All|Other|Both)\s+)?"
)

_SVO_NAME_RE = re.compile(
    r"(?:[A-Z][\w.&'’-]*(?:\s+(?:of|for|on|at|in|and|the|de|van|von)){0,2}\s+){0,6}"
    r"[A-Z][\w.&'’-]*(?<![.,])(?:\s+(?:" + "|".join(sorted(SVO_HEAD_NOUNS, key=len, reverse=True)) + r")\b)?"
    r"|(?:He|She|They|We)\b"
)

_SVO_PRONOUNS = frozenset("He She They We".split())
# Words that open a sentence as an adverb, not as its subject ("Overall, about 3% of kids ...").
_SENTENCE_ADVERBS = frozenset(
    "Overall However Meanwhile Still Instead Moreover Indeed Also Yet Now Then Today Yesterday Separately "
    "Similarly Finally Ultimately Additionally Nevertheless Nonetheless Otherwise Besides Thus Hence Therefore "
    "Altogether Typically Generally Historically Initially Eventually Previously Currently Recently".split())

_SVO_APPOSITIVE_RE = re.compile(r",\s+[^,;:\"“”()]{3,120},\s+")

_SVO_WORD_RE = re.compile(r"\s+([A-Za-z’'-]+)")

_SVO_AUX = frozenset(
    "has have had is was are were be been being will would could should may might must can do does did "
    "also not never still now already just recently openly privately repeatedly long often always "
    "again even".split()
)

_SVO_BE = frozenset("is was are were be been being".split())

_SVO_NOT_VERB = NP_STOP | DETERMINERS | frozenset(
    "he she they it we i you his her him them their its our who which that what this these those "
    "news series species bus gas".split()
)

_SVO_IRREGULAR = frozenset(
    "took made gave won lost led met sent sought brought bought kept held left paid put ran set "
    "spent struck stood wrote sang took began became drew drove fought felt found forgot got grew hid "
    "hit hung knew laid lent let meant rode rose saw shot shut sold sat slept spoke stole swore swept "
    "taught tore threw understood wore withdrew".split()
)

_SVO_PRONOUN_OBJECTS = frozenset(
    "him her them it us me you this that these those himself herself themselves itself".split()
)

_SVO_PREP = frozenset("of about over on with to for against toward towards in at from into".split())

_SVO_ADV_PREP_RE = re.compile(r"(?:\s+\w+ly)+\s+(?:of|about|on|with|to|for|against)\b")

_SVO_REST_LEAD_RE = re.compile(r"[\s,;:()—–-]*")

# A comma or colon inside a number ("157,000", "8:51") is not a clause break.
_SVO_END_RE = re.compile(
    r"\s*(?:[;()—–]|(?<!\d)[,:]|[,:](?!\d))|\s+-{1,2}\s|\s+(?:since|because|after|before|when|while|whereas|although|though|"
    r"despite|until|unless|during|following|amid|which|who|where|but|so|if)\b"
)


def _svo_claim(text: str, cs: int, ce: int, sent: Segment, para: Segment, book: SpeakerBook) -> list[Claim] | None:
    lead = _SVO_LEAD_RE.match(text, cs, ce)
    pos = lead.end() if lead else cs
    name = _SVO_NAME_RE.match(text, pos, ce)
    if name is None:
        return None
    ns, ne = name.span()
    first = text[ns:ne].split()[0]
    if first in SENTENCE_STARTERS and first not in _SVO_PRONOUNS or first in ("It", "There", "Here", "What", "Why",
                                                                            "How") or first in _SENTENCE_ADVERBS:
        return None
    pos = ne
    app = _SVO_APPOSITIVE_RE.match(text, pos, ce)
    if app is not None:
        pos = app.end() - 1
    be = False
    aux = 0
    while True:
        m = _SVO_WORD_RE.match(text, pos, ce)
        if m is None:
            return None
        w = m.group(1)
        wl = w.lower()
        if wl in _SVO_AUX or (wl.endswith("ly") and len(wl) > 4):
            be = be or wl in _SVO_BE
            aux += 1
            pos = m.end()
            if aux > 4:
                return None
            continue
        break
    if not w[0].islower() or wl in _SVO_NOT_VERB:
        if not (be and wl in DETERMINERS):
            return None
    verb_end = m.end()
    if be and wl.endswith("ed"):
        return None  # a passive: the subject is not the one acting
    if be and wl.endswith("ing"):
        be = False  # "is casting": a verb
    if not be:
        # "spoke emotionally of X": an adverb and a preposition after the verb.
        m2 = _SVO_ADV_PREP_RE.match(text, verb_end, ce)
        if m2 is not None:
            verb_end = m2.end()
    if be:
        # "has been critical of", "were coy about", "is a supporter of".
        k = 0
        p2 = m.start()
        while k < 6:
            m2 = _SVO_WORD_RE.match(text, p2, ce)
            if m2 is None:
                return None
            if m2.group(1).lower() in _SVO_PREP and k > 0:
                verb_end = m2.end()
                break
            p2 = m2.end()
            k += 1
        else:
            return None
    elif not (aux or wl.endswith(("ed", "es")) or (wl.endswith("s") and not wl.endswith(("ss", "us", "is")))
              or wl in _SVO_IRREGULAR):
        return None
    elif not aux and wl.endswith("s"):
        # "Ticket prices rose ...": a plural noun before the verb.
        m2 = _SVO_WORD_RE.match(text, verb_end, ce)
        if m2 is not None and (m2.group(1) in _SVO_IRREGULAR or m2.group(1).endswith("ed")
                               or m2.group(1) in _SVO_AUX):
            return None
    end = _SVO_END_RE.search(text, verb_end, ce)
    o_s, o_e, _ = trim(text, verb_end, end.start() if end else ce)
    o_e = _strip_period(text, o_s, o_e)
    if o_e - o_s < 3 or 3 * (o_e - o_s) >= ce - cs:
        # The sentence itself is at most three times the object: keep it whole.
        return None
    if text[o_s:o_e].lower() in _SVO_PRONOUN_OBJECTS:
        # "Paramedics could not revive him.": a pronoun is no claim of its own.
        return None
    out = [Claim(o_s, o_e, text[o_s:o_e], sent, para, _kind_for(text, o_s, o_e, [], "subject_verb_object"),
                 "subject_verb_object")]
    if end is not None:
        # The rest of the sentence stays the reporter's claim.
        r_s, r_e, _ = trim(text, end.start(), ce)
        m3 = _SVO_REST_LEAD_RE.match(text, r_s, r_e)
        if m3:
            r_s = m3.end()
        if r_e - r_s >= 20:
            out.append(Claim(r_s, r_e, text[r_s:r_e], sent, para, AttributionKind.UNATTRIBUTED, "author_default"))
    return out
