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
from dataclasses import dataclass

from .lexicon import (
    BELIEF_VERBS,
    CHANNEL_PATTERN,
    DETERMINERS,
    DOCUMENT_HEADS,
    DOCUMENT_VERBS,
    HEARER_VERBS,
    OBJECT_VERBS,
    SPEECH_VERBS,
    TIME_WORDS,
    VERB_PREFIX_WORDS,
    inflect,
)
from .quotes import Quote, quote_at
from .sources import NP, hearer_after, np_after, np_before, plausible_source
from .wordscan import WordPattern

SPEECH, BELIEF, DOC, OBJECT, HEARER = 1, 2, 4, 8, 16


def _build_forms() -> dict[str, tuple[str, int, bool]]:
    forms: dict[str, tuple[str, int, bool]] = {}
    for cls, lemmas in ((SPEECH, SPEECH_VERBS), (BELIEF, BELIEF_VERBS), (DOC, DOCUMENT_VERBS),
                        (OBJECT, OBJECT_VERBS), (HEARER, HEARER_VERBS)):
        for lemma in lemmas:
            fs = inflect(lemma)
            for k, f in enumerate(fs):
                old = forms.get(f)
                ing = k == 4
                forms[f] = (lemma, (old[1] if old else 0) | cls, ing)
    return forms


def trie_pattern(words: list[str]) -> str:
    """A regex alternation factored by common prefixes (fast in ``re``)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if end else body

    return emit(trie)


FORMS = _build_forms()
_CUES = WordPattern(r"(?:[Aa]ccording to|" + trie_pattern(list(FORMS)) + r")\b")
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
_TRAIL_ONLY_RE = re.compile(r"[\s.,;:!?\"”’)\]]*$")
_DATELINE_RE = re.compile(
    r"(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*,?\s*(?:[A-Z][a-z]+\.?\s+\d{1,2}\s*)?"
    r"(?:\([A-Za-z. ]+\)\s*)?(?:—|–|--)\s*)"
)
_CLAUSE_BREAK_RE = re.compile(r"(?:[,;]\s*(?:and|but|while|whereas|although|though)?|\s(?:and|but|while|whereas))\s*$")
_OPEN_MARKS = "\"“"
_CLOSE_MARKS = "\"”"
_NOT_FINITE = frozenset("to of for in on at with from by about into".split())
_PASSIVE_AUX = frozenset("is was are were be been being".split())
_PROGRESSIVE_AUX = frozenset("is was are were been".split())
_PREFIX = VERB_PREFIX_WORDS - _PASSIVE_AUX
_DESCRIBE_AS_RE = re.compile(r"\bas\b")
_OUTER_RULES = frozenset(("trailing_said", "inverted_said", "parenthetical", "according_to"))


@dataclass(slots=True)
class Found:
    """One attribution found in a unit (absolute offsets)."""

    rule: str
    content_start: int
    content_end: int
    cue_start: int
    cue_end: int
    cls: int
    source: NP | None = None
    # The source is the one before in this unit ("and added", ", saying").
    inherit: bool = False
    # Where this attribution's own clause starts (source or ", and").
    zone_start: int = 0
    # The clause before ends here: an earlier content stops at zone_start.
    clause_break: bool = False
    channel: tuple[int, int] | None = None
    # "X said:" at the end of a paragraph: the content is what follows.
    colon: bool = False
    direct_hint: bool = False
    # Set when this attribution sits inside another's content.
    outer: "Found | None" = None
    dropped: bool = False


def _prev_word(text: str, lo: int, pos: int) -> tuple[str, int]:
    """The word before ``pos`` (and where it starts), skipping blanks."""
    e = pos
    while e > lo and text[e - 1].isspace():
        e -= 1
    if e == pos or e <= lo:
        return "", pos
    # Bounded: a "word" longer than 200 characters is cut (linear time).
    lo2 = max(lo, e - 200)
    s = max(text.rfind(" ", lo2, e), text.rfind("\n", lo2, e), lo2 - 1) + 1
    return text[s:e], s


_TIME_NOUNS = frozenset("week month year night morning".split())
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = ("January February March April May June July August September October November December "
           "Jan. Feb. Aug. Sept. Oct. Nov. Dec.").split()
_TIME_BEFORE_RE = re.compile(
    r"(?:,\s*)?(?:on|last|this|early|late)\s+(?:" + "|".join(_DAYS + "week month year night morning".split())
    + r")(?:\s*,)?\s+$|"
    r"(?:,\s*)?(?:in|on|since|by)\s+(?:" + "|".join(map(re.escape, _MONTHS))
    + r")(?:\s+\d{1,2})?(?:,?\s+\d{4})?\s+$|"
    r",\s+(?:in\s+particular|however|meanwhile|too|though|for\s+example|for\s+instance|"
    r"in\s+turn|in\s+contrast|by\s+contrast|in\s+fact|of\s+course),\s+$"
)
# The words _TIME_BEFORE_RE can end with, before the blanks (else a comma or
# a number ends it).
_TIME_LAST_WORDS = frozenset(_DAYS) | _TIME_NOUNS | frozenset(_MONTHS)


def _may_end_time_phrase(w: str) -> bool:
    """Whether ``_TIME_BEFORE_RE`` can match before the blanks after ``w``.

    Its last word is a day, month, time noun or number, or ends with a
    comma; this test is much cheaper than the regex search it saves (the
    word before a cue is most often a name).
    """
    t = w.rsplit(None, 1)[-1]
    return t[-1] == "," or t in _TIME_LAST_WORDS or t.isdigit()


def _skip_prefix(text: str, lo: int, pos: int, prev: tuple[str, int] | None = None) -> tuple[int, str]:
    """Skip auxiliaries, adverbs and time words before a verb ("has also said").

    ``prev`` is ``_prev_word(text, lo, pos)`` when the caller has it already.
    """
    while True:
        w, s = _prev_word(text, lo, pos) if prev is None else prev
        prev = None
        wl = w.lower()
        if (wl in _PREFIX or wl.endswith("ly") and len(wl) > 4) and w[-1:].isalpha():
            pos = s
            continue
        m = _TIME_BEFORE_RE.search(text, max(lo, pos - 40), pos) if (
            (w[:1].isupper() or w.endswith(",") or wl in _TIME_NOUNS) and _may_end_time_phrase(w)) else None
        if m:
            pos = m.start()
            continue
        return pos, wl


def _mark_at(text: str, i: int, marks: str) -> int:
    """Width of the quotation mark at ``i`` (0 when none): '' counts as one mark."""
    if text.startswith("''", i):
        return 2
    return 1 if i < len(text) and text[i] in marks else 0


def _mark_before(text: str, e: int, marks: str) -> int:
    if e >= 2 and text[e - 2 : e] == "''":
        return 2
    return 1 if e >= 1 and text[e - 1] in marks else 0


def trim(text: str, s: int, e: int) -> tuple[int, int, bool]:
    """Trim blanks, edge commas and wrapping quotation marks off a content.

    Returns (start, end, direct): direct when the content was wholly quoted.
    """
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    direct = False
    w = _mark_at(text, s, _OPEN_MARKS)
    if e - s >= 2 and w:
        inner = text[s + w : e]
        close = inner.rstrip(",.!?;: ")
        cw = _mark_before(close, len(close), _CLOSE_MARKS)
        body = close[: len(close) - cw]
        # Wholly quoted: no other mark inside, a closing mark at (or near) the end.
        if cw and not has_mark(body):
            direct = True
            e = s + w + len(body)
            s += w
        elif not has_mark(inner):
            # An open quotation that runs on to the next paragraph.
            direct = True
            s += w
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return s, e, direct


def has_mark(seg: str) -> bool:
    """Whether ``seg`` holds a quotation mark: straight, curly or ''."""
    return '"' in seg or "“" in seg or "”" in seg or "''" in seg


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


def dateline_end(text: str, s: int, e: int) -> int:
    m = _DATELINE_RE.match(text, s, e)
    return m.end() if m else s


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


def _resolve_overlaps(text: str, found: list[Found]) -> list[Found]:
    """Cut contents at the next clause's attribution; settle nesting.

    A content stops where a later coordinated clause starts ("..., and said
    S2"). An attribution whose cue lies inside another's content is nested:
    a nested speech verb ("X said Y told him S") keeps the inner content and
    records the outer attribution; a nested belief or document verb ("X said
    the military believes S") is dropped in favour of the outer one.
    """
    if len(found) < 2:
        return found
    found.sort(key=lambda f: f.cue_start)
    # Drop a cue that sits inside another's source phrase ("the report found").
    for f in found:
        for g in found:
            if g is not f and g.source is not None and g.source.start <= f.cue_start < g.source.full_end:
                f.dropped = True
    live = [f for f in found if not f.dropped]
    for f in live:
        for g in live:
            if g is f or g.dropped or f.dropped or f.outer is g:
                continue
            if not (f.content_start <= g.cue_start < f.content_end):
                continue
            # g's cue is inside f's content.
            if f.rule in _OUTER_RULES:
                if g.source is not None and not g.inherit and g.source.start >= f.content_start \
                        and f.content_start <= g.content_start < f.content_end:
                    # nested_report: "Police believe the man fled, the mayor said."
                    if g.content_end > f.content_end:
                        _, g.content_end, _ = trim(text, g.content_start, f.content_end)
                    g.outer = f
                else:
                    g.dropped = True
            elif g.rule in _OUTER_RULES:
                if g.content_start <= f.cue_start < g.content_end:
                    if f.source is not None and not f.inherit and f.source.start >= g.content_start \
                            and g.content_start <= f.content_start < g.content_end and g.outer is not f:
                        # nested_report: "The mayor thinks S, the aide said."
                        if f.content_end > g.content_end:
                            _, f.content_end, _ = trim(text, f.content_start, g.content_end)
                        f.outer = g
                    else:
                        f.dropped = True
                else:
                    g.dropped = True
            elif g.source is not None and not g.inherit and g.source.start - f.content_start <= 1:
                # nested_report: "X said Y told him S" / "X said the military
                # believes S": both claims stand, the inner one nested in the
                # outer content and recording the outer source in its chain.
                if g.content_end > f.content_end:
                    g.content_end = f.content_end
                g.outer = f
            elif g.clause_break and g.zone_start > f.content_start:
                e = g.zone_start
                while e > f.content_start and text[e - 1] in " ,;—–-":
                    e -= 1
                f.content_end = e
            elif g.source is not None and not g.inherit and g.source.start >= f.content_start \
                    and g.content_end <= f.content_end:
                # nested_report deeper in the content: "X said the plan, which
                # critics called a giveaway, would pass."
                g.outer = f
            else:
                g.dropped = True
    live = [f for f in live if not f.dropped and (f.outer is None or not f.outer.dropped)]
    live.sort(key=lambda f: (f.content_start, -f.content_end))
    # Contents nest or are disjoint, never partly overlap: a content that
    # starts inside an earlier one and runs past its end starts after it.
    res: list[Found] = []
    stack: list[Found] = []
    for f in live:
        while True:
            while stack and stack[-1].content_end <= f.content_start:
                stack.pop()
            if not stack or f.content_end <= stack[-1].content_end:
                break
            cs, ce, _ = trim(text, stack[-1].content_end, f.content_end)
            f.content_start, f.content_end = cs, ce
            if ce <= cs:
                break
        if f.content_end <= f.content_start:
            continue
        if stack and f.content_start == stack[-1].content_start and f.content_end == stack[-1].content_end:
            continue  # the same span twice
        if stack and f.outer is None:
            f.outer = stack[-1]
        res.append(f)
        stack.append(f)
    return res
