"""Provides the attribution sieve: cues, sources and content spans in a sentence.

``find_attributions`` looks at one unit (a sentence, or several sentences
joined by one quotation) and returns ``Found`` records: where the content
is, which rule found it, the source phrase (or that the source is inherited
from the clause before), the cue and the channel. Speakers are resolved
later, in article order (``coref``).

Rules, most precise first (each records its name on the claims it makes):

- ``according_to``: "According to X, S." / "S, according to X."
- ``inverted_said``: "S, said X." / "'S,' said X, a spokesman."
- ``parenthetical``: "The facilities, he said, were used by ..."
- ``trailing_said``: "S, X said." / "'S,' Kirby said."
- ``told``: "X told reporters (that) S."
- ``colon_intro``: "X said: 'S'" (or the quotation in the next paragraph).
- ``described_as``: "X described the bombings as 'defensive'."
- ``said_that``: "X said (that) S." (speech verbs of any inflection)
- ``object_verb``: "X criticized the plan." (the object is the content)
- ``belief_verb``: "X believes (that) S." / "X wants to VP."
- ``document_finding``: "The poll shows S." / "The report found S."
- ``coordinated``: "X said A, and added B." (the same source again)
- ``participle``: "X spoke Monday, saying S." (the clause's source)

Guards: ``no_complement`` ("DROP TABLE claims;-- said": a verb form right
before ";" takes no content), ``lead_adverbial`` ("In June, the senator
called on ...": a short opener is no trailing content), ``time_not_source``
(sources.plausible_source: "April", "As", markup are no speakers).
"""

from __future__ import annotations

import re

from .lexicon import CHANNEL_PATTERN, DETERMINERS, DOCUMENT_HEADS, TIME_WORDS
from .quotes import Quote, quote_at
from .sources import NP, np_before, plausible_source
from .source_after import hearer_after, np_after
from .content_span import _TRAIL_ONLY_RE, dateline_end, has_mark, trim
from .cues import BELIEF, DOC, FORMS, HEARER, OBJECT, SPEECH, _CUES, _PASSIVE_AUX, _prev_word, _skip_prefix
from .found import Found, _resolve_overlaps


# The separator is possessive: "\s*,?\s*" split a run of blanks between its two halves in every
# way before failing, quadratic in the run (issue 19); no branch starts with a blank or comma.
_ADVERBIALS_RE = re.compile(
    r"(?:\s*+(?:,\s*+)?(?:(?:" + TIME_WORDS + r")\b|" + CHANNEL_PATTERN
    + r"(?:\s+(?:with|to|on|in|at)\s+(?:the\s+)?(?:[A-Z][\w.&'’-]*\s*){1,4})?"
    + r"|(?:in|at|from|to)\s+(?:[A-Z][\w.'’-]*\s*){1,3}(?=,)"
    + r"|in\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}(?:interview|statement)"
    + r"|(?:(?:on|in)\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    + r"(?:\s+(?:morning|afternoon|evening|night))?)"
    + r"|(?:on|in|during)\s+(?:\w+\s+){0,3}(?:[A-Z][\w.'’-]*\s*){1,3}(?=\s*[,.:]|\s+that\b)"
    + r"))*"
)
_CHANNEL_RE = re.compile(CHANNEL_PATTERN)
_THAT_RE = re.compile(r"\s*[,:]?\s*(?:that\b\s*)?")
_CLAUSE_BREAK_RE = re.compile(r"(?:[,;]\s*(?:and|but|while|whereas|although|though)?|\s(?:and|but|while|whereas))\s*$")
_NOT_FINITE = frozenset("to of for in on at with from by about into".split())
_PROGRESSIVE_AUX = frozenset("is was are were been".split())
_DESCRIBE_AS_RE = re.compile(r"\bas\b")


def _after_cue(text: str, pos: int, hi: int) -> tuple[int, tuple[int, int] | None]:
    """Skip time words and channels after a cue; return (position, channel)."""
    m = _ADVERBIALS_RE.match(text, pos, hi)
    channel = None
    if m and m.end() > pos:
        c = _CHANNEL_RE.search(text, pos, m.end())
        if c:
            channel = c.span()
        pos = m.end()
    return pos, channel


def find_attributions(text: str, us: int, ue: int, qs: list[Quote]) -> list[Found]:
    """Find the attributions in one unit ``text[us:ue]``."""
    out: list[Found] = []
    for ms, me, form in _CUES.finditer(text, us, ue):
        if qs and quote_at(qs, ms) is not None:
            continue
        if form[0] in "Aa" and form.lower() == "according to":
            f = _according_to(text, us, ue, ms, me)
            if f:
                out.append(f)
            continue
        lemma, cls, ing = FORMS[form]
        prev, prev_s = _prev_word(text, us, ms)
        pl = prev.lower()
        if lemma == "state" and (prev[:1].isupper() or form == "state"
                                 and not text.startswith((" that", ":", " in a"), me)):
            continue  # state_noun: "New York state now has", "the state said" (a noun, not a verb)
        if pl in DETERMINERS or pl.endswith(("'s", "’s")) and pl not in ("he's", "she's", "it's"):
            continue  # a noun: "the report", "Kirby's claim"
        if pl in _NOT_FINITE:
            continue  # an infinitive or a noun after a preposition: "to support", "of record"
        if ing:
            f = _participle(text, us, ue, ms, me, prev, prev_s, cls, out)
            if f:
                out.append(f)
            continue
        if pl in _PASSIVE_AUX:
            continue  # "was told", "is expected": no source here
        pos, _ = _skip_prefix(text, us, ms, (prev, prev_s))
        src = np_before(text, us, pos)
        if src is not None and (src.start < us or not plausible_source(text, src)):
            src = None
        if src is not None:
            f = _source_first(text, us, ue, src, ms, me, lemma, cls, out)
        else:
            f = _no_source_before(text, us, ue, ms, me, pos, lemma, cls, out)
        if f:
            out.extend(f if isinstance(f, list) else [f])
    for f in out:
        if not f.clause_break and f.zone_start > us:
            f.clause_break = bool(_CLAUSE_BREAK_RE.search(text, max(us, f.zone_start - 12), f.zone_start))
    return _resolve_overlaps(text, out)


def _pre_region_end(text: str, us: int, zone: int) -> int:
    e = zone
    while e > us and text[e - 1].isspace():
        e -= 1
    return e


def _region_start(text: str, us: int, out: list[Found]) -> int:
    s = dateline_end(text, us, us + 80)
    return s


def _source_first(text, us, ue, src: NP, ms, me, lemma, cls, out) -> list[Found] | Found | None:
    zone = src.start
    pre_end = _pre_region_end(text, us, zone)
    pre_char = text[pre_end - 1] if pre_end > us else ""
    # Documents take document verbs; people take the rest.
    src_head = text[src.start : src.end].split()[-1].lower().strip(".,")
    if cls & DOC and not cls & (SPEECH | BELIEF | OBJECT | HEARER):
        if src_head not in DOCUMENT_HEADS and src_head.rstrip("s") not in DOCUMENT_HEADS \
                and not text.startswith(" that ", me):
            return None
    pos = me
    if cls & HEARER and lemma in ("tell", "inform", "assure", "remind", "convince", "persuade"):
        pos = hearer_after(text, me, ue)
    elif cls & HEARER:
        p2 = hearer_after(text, me, ue)
        # "warned reporters that", "urged voters to": a hearer before "that"/"to".
        if p2 > me and re.match(r"\s+(?:that|to)\b", text[p2 : p2 + 6]):
            pos = p2
    pos, channel = _after_cue(text, pos, ue)
    if _NO_COMPLEMENT_RE.match(text, pos, ue):
        # no_complement: "DROP TABLE claims;-- said": a verb form right
        # before ";" takes no content here (a noun, or a fragment).
        return None
    rest_trail = _TRAIL_ONLY_RE.match(text, pos, ue)
    src_zone = zone
    rule = _rule_for(lemma, cls, src_head)
    as_said = _AS_BEFORE_RE.search(text, max(us, zone - 8), zone)
    if as_said and cls & SPEECH:
        # "S, as police have said."
        pre_end = _pre_region_end(text, us, as_said.start() + 1)
        pre_char = ","
        zone = as_said.start()
    if cls & SPEECH and text.startswith(":", pos) or (text.startswith(" :", pos)):
        cpos = text.index(":", pos) + 1
        cs, ce, direct = trim(text, cpos, ue)
        # The clause break before the source phrase itself (zone may have moved).
        clause_break = bool(_CLAUSE_BREAK_RE.search(text, max(us, src_zone - 12), src_zone)) \
            if src_zone > us else False
        return Found("colon_intro", cs, ce, ms, me, cls, src, zone_start=zone,
                     clause_break=clause_break, channel=channel, colon=ce <= cs, direct_hint=direct)
    post_prep = (_POST_PREP_RE.match(text, pos, ue) and pre_char != "" and pre_char in ",”\"'") or (
        # "'S,' she said several months later": a quotation before the cue.
        pre_end - us >= 2 and text[pre_end - 1] in "”\"'" and text[pre_end - 2] in ",.?!'")
    if post_prep and not (rest_trail and rest_trail.end() == ue) and not as_said \
            and _lead_adverbial(text, _region_start(text, us, out), pre_end):
        # lead_adverbial: "In June, the senator called on Republicans to ...":
        # a short unquoted opener before the source is no content.
        post_prep = False
    if rest_trail and rest_trail.end() == ue or post_prep or as_said:
        # "S, X said." / "'S,' Kirby said."
        if pre_end <= us or pre_char not in ",”\"'—–-:":
            return None
        cs, ce, direct = trim(text, _region_start(text, us, out), pre_end)
        if ce <= cs:
            return None
        return Found("as_said" if as_said else "trailing_said", cs, ce, ms, me, cls, src,
                     zone_start=zone, channel=channel, direct_hint=direct)
    if text.startswith(",", pos) and pre_end > us and pre_char in ",”\"'—–-":
        # Parenthetical: "The facilities, he said, were used ..." or
        # "S, the official said, but S2."
        rs = _region_start(text, us, out)
        before = text[rs:pre_end]
        after_s = pos + 1
        m2 = _CONJ_RE.match(text, after_s, ue)
        if m2:
            after_s = m2.end()
        ue2 = _subordinate_end(text, after_s, ue)
        if not (m2 and m2.group().strip()):
            # One claim around the cue: "The facilities, he said, were ...".
            cs, ce, direct = trim(text, rs, ue2)
            return Found("parenthetical", cs, ce, ms, me, cls, src, zone_start=zone, channel=channel)
        ue = ue2
        res = []
        cs, ce, direct = trim(text, rs, pre_end)
        if ce > cs:
            res.append(Found("parenthetical", cs, ce, ms, me, cls, src, zone_start=zone,
                             channel=channel, direct_hint=direct))
        cs, ce, direct = trim(text, after_s, ue)
        if ce > cs and not _TRAIL_ONLY_RE.fullmatch(text, cs, ce):
            res.append(Found("parenthetical", cs, ce, ms, me, cls, src, inherit=False,
                             zone_start=zone, channel=channel, direct_hint=direct))
        return res or None
    m3 = _THAT_RE.match(text, pos, ue)
    cpos = m3.end() if m3 and rule != "object_verb" else pos
    # object_verb: "calls that into question" -- "that" is the object, not a clause opener.
    cs, ce, direct = trim(text, cpos, ue)
    if ce <= cs:
        return None
    if rule == "object_verb" and lemma in ("describe", "call") and _DESCRIBE_AS_RE.search(text, cs, ce):
        rule = "described_as"
    if lemma == "tell" and rule == "said_that":
        rule = "told"
    # find_attributions sets clause_break from zone_start (here the source's start).
    return Found(rule, cs, ce, ms, me, cls, src, zone_start=zone, channel=channel)


def _lead_adverbial(text: str, s: int, e: int) -> bool:
    """A short unquoted opener: "In June", "Still", "Last week" (at most three words)."""
    seg = text[s:e].strip(" ,")
    return 0 < len(seg.split()) <= 3 and not has_mark(seg)


def _rule_for(lemma: str, cls: int, head: str) -> str:
    if cls & DOC and (head in DOCUMENT_HEADS or head.rstrip("s") in DOCUMENT_HEADS):
        return "document_finding"
    if lemma == "tell":
        return "told"
    if cls & SPEECH or cls & HEARER:
        return "said_that"
    if cls & BELIEF:
        return "belief_verb"
    if cls & OBJECT:
        return "object_verb"
    return "said_that"


def _no_source_before(text, us, ue, ms, me, pos, lemma, cls, out) -> list[Found] | Found | None:
    pre_end = _pre_region_end(text, us, pos)
    pre_char = text[pre_end - 1] if pre_end > us else ""
    if pre_char and pre_char in ",”\"'—–" and cls & SPEECH:
        # Inverted: "S, said Kirby." / "'S,' said a spokesman for X."
        src = np_after(text, me, ue)
        if src is None:
            return None
        after, channel = _after_cue(text, src.full_end, ue)
        rs = _region_start(text, us, out)
        cs, ce, direct = trim(text, rs, pre_end)
        if ce <= cs:
            return None
        res = [Found("inverted_said", cs, ce, ms, me, cls, src, zone_start=ms, channel=channel,
                     direct_hint=direct)]
        rest = _TRAIL_ONLY_RE.match(text, after, ue)
        m2 = _INVERTED_MORE_RE.match(text, after, ue)
        if not (rest and rest.end() == ue) and m2:
            a2 = m2.end()
            cs2, ce2, d2 = trim(text, a2, ue)
            if ce2 > cs2:
                res.append(Found("inverted_said", cs2, ce2, ms, me, cls, src, zone_start=ms,
                                 channel=channel, direct_hint=d2))
        return res
    # Coordination: "Kirby described ... , and said S": the source before.
    w, s = _prev_word(text, us, pos)
    if w.lower() in ("and", "but") and not out and cls & SPEECH:
        # coordinated_subject: "Cruz urged restraint and said S": no cue
        # before, so the source is the sentence's subject.
        ds = dateline_end(text, us, us + 80)
        subj = np_after(text, ds, s, appositive=False)
        if subj is not None and subj.start == ds and (not subj.pronoun or text[subj.start : subj.end].lower()
                                                      in ("he", "she", "they")) \
                and len(text[subj.start : subj.end].split()) <= 4 and plausible_source(text, subj):
            pos2, channel = _after_cue(text, me, ue)
            if cls & HEARER and lemma == "tell":
                pos2, channel = _after_cue(text, hearer_after(text, me, ue), ue)
            m3 = _THAT_RE.match(text, pos2, ue)
            cs, ce, direct = trim(text, m3.end() if m3 else pos2, ue)
            if ce > cs:
                return Found("coordinated_subject", cs, ce, ms, me, cls, subj, zone_start=subj.start,
                             channel=channel)
        return None
    if w.lower() in ("and", "but") and out:
        pos2, channel = _after_cue(text, me, ue)
        if cls & HEARER and lemma == "tell":
            pos2, channel = _after_cue(text, hearer_after(text, me, ue), ue)
        m3 = _THAT_RE.match(text, pos2, ue)
        cs, ce, direct = trim(text, m3.end() if m3 else pos2, ue)
        if ce <= cs:
            return None
        zone = s
        while zone > us and text[zone - 1] in " ,":
            zone -= 1
        return Found("coordinated", cs, ce, ms, me, cls, None, inherit=True, zone_start=zone,
                     clause_break=True, channel=channel)
    return None


def _participle(text, us, ue, ms, me, prev, prev_s, cls, out) -> Found | None:
    if not cls & (SPEECH | HEARER):
        return None
    pl = prev.lower()
    if prev.endswith(",") or pl in ("and", "while", "before", "after", "by"):
        # "..., saying S": the source of the clause before.
        pos, channel = _after_cue(text, me, ue)
        m3 = _THAT_RE.match(text, pos, ue)
        cs, ce, direct = trim(text, m3.end() if m3 else pos, ue)
        if ce <= cs:
            return None
        zone = prev_s + len(prev) - 1 if prev.endswith(",") else prev_s
        src = None
        inherit = True
        if not out:
            # The subject at the sentence start: "Kirby spoke Monday, saying ..."
            ds = dateline_end(text, us, us + 80)
            src = np_after(text, ds, ms, appositive=False)
            if src is None or src.pronoun and text[src.start : src.end].lower() not in ("he", "she", "they"):
                return None
            inherit = False
        return Found("participle", cs, ce, ms, me, cls, src, inherit=inherit, zone_start=zone,
                     clause_break=True, channel=channel)
    if pl in _PROGRESSIVE_AUX:
        # "Kirby was saying S".
        pos, _ = _skip_prefix(text, us, prev_s)
        src = np_before(text, us, pos)
        if src is None:
            return None
        m3 = _THAT_RE.match(text, me, ue)
        cs, ce, direct = trim(text, m3.end() if m3 else me, ue)
        if ce <= cs:
            return None
        return Found("said_that", cs, ce, ms, me, cls, src, zone_start=src.start)
    return None


_NO_COMPLEMENT_RE = re.compile(r"\s*;")
_ACC_TAIL_RE = re.compile(r"\s*,\s*")
# Possessive blanks: "\s*[,;:]?\s*" split a run of blanks in every way before failing (issue 19).
_INVERTED_MORE_RE = re.compile(r"\s*+(?:,\s*+(?:and|but)\b|[,;:]?\s*+[\"“])\s*+")
_CONJ_RE = re.compile(r"\s*(?:(?:and|but|adding|while|yet)\b\s*)?(?:that\s+)?")
_AS_BEFORE_RE = re.compile(r",\s*as\s+$")
_POST_PREP_RE = re.compile(
    r"\s*(?:after|before|during|at|in|on|when|while|as|about|from|outside|inside|near|following|"
    r"via|through|last|earlier|later|this)\b"
)
_SUBORDINATE_RE = re.compile(r",\s+(?:although|though|whereas|even\s+though|while)\b")


def _subordinate_end(text: str, s: int, e: int) -> int:
    """Where a content stops before ", although ..." (the reporter's aside)."""
    m = _SUBORDINATE_RE.search(text, s, e)
    return m.start() if m else e


def _according_to(text, us, ue, ms, me) -> Found | None:
    """ "According to X, S." / "S, according to X." """
    rs = _region_start(text, us, [])
    pre_end = _pre_region_end(text, us, ms)
    initial = pre_end <= rs or text[rs:pre_end].strip(" ,\"“”") == ""
    src = np_after(text, me, ue, appositive=not initial)
    if src is None:
        return None
    after, channel = _after_cue(text, src.full_end, ue)
    if initial:
        # Sentence-initial: the content follows.
        m2 = _ACC_TAIL_RE.match(text, after, ue)
        cs, ce, _ = trim(text, m2.end() if m2 else after, ue)
    else:
        rest = _TRAIL_ONLY_RE.match(text, after, ue)
        if rest and rest.end() == ue:
            cs, ce, _ = trim(text, rs, pre_end)
        else:
            # Mid-sentence: "S, according to X, S2": all of it.
            cs, ce, _ = trim(text, rs, ue)
    if ce <= cs:
        return None
    return Found("according_to", cs, ce, ms, me, SPEECH, src, zone_start=ms, channel=channel)
