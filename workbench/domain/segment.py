"""Provides paragraph and sentence segmentation of news text, by offsets.

Every segment is a ``Segment(start, end, text)`` with
``article_text[start:end] == text``. Paragraphs are non-empty lines; sentences
end at ``.``, ``!`` or ``?`` (with any closing quotes or brackets) followed by
whitespace and a capital, a digit or an opening quote, unless the word before
the period is an abbreviation ("Sen.", "Navy Cmdr.", "then-Rep.", "Feb. 25"),
an initial ("J. Edgar") or a dotted abbreviation ("U.S.") that is not followed
by a word that usually starts a sentence. A period glued to the next sentence
("... according to the rapper.Trump appeared ...", as pages lose the space
between two paragraphs' worth of text) also ends a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .lexicon import ABBREVIATIONS, MONTHS_ABBR, SENTENCE_STARTERS
from .models import Segment

# A non-empty line, trimmed of surrounding blanks. Linear: a match starts only where no blank
# precedes it, and the leading blanks are possessive; a line of 1,500 blanks was rescanned from
# each blank, each time split every way (cubic: 10 s; issue 19).
_PARAGRAPH_RE = re.compile(r"(?<![^\S\n])[^\S\n]*+([^\n]*\S)[^\S\n]*")

# A candidate sentence end: terminal punctuation, closing marks, then
# whitespace and something that can open a sentence.
# Linear: a match starts only on the first mark of a run ("?!..." is tried once, not from each
# mark, which was quadratic in a run of dots: issue 19), and the runs are possessive (giving a
# mark back can never let the lookahead's whitespace match).
_BOUNDARY_RE = re.compile(
    r"(?<![.!?])[.!?](?:[.!?]*+[\"”’')\]]*+(?=\s+[\"“‘(\[]?[A-Z0-9$])"
    # glued_sentence: "the rapper.Trump appeared" (a lower-case word of two
    # letters or more, its period, then a capitalised word with no space).
    r"|(?<=[a-z][a-z]\.)(?=[A-Z][a-z]))"
)
_NEXT_WORD_RE = re.compile(r"\s+[\"“‘(\[]?([\w$]+)")

# Titles never end a sentence ("Sen. Warren"); other abbreviations may
# ("... of Acme Inc. The company said").
_TITLE_ABBR = frozenset(
    "mr mrs ms dr sen rep gov gen lt col cmdr capt sgt adm maj cpl pvt prof "
    "rev hon atty supt st messrs pres".split()
)


def paragraphs(text: str) -> Iterator[Segment]:
    """Yield each non-empty line of ``text`` as a paragraph, trimmed."""
    for m in _PARAGRAPH_RE.finditer(text):
        s, e = m.span(1)
        if e > s:
            yield Segment(s, e, m.group(1))


# "'Why?' she asked." / "'No!' said Kirby": the quotation's cue follows.
_CUE_AFTER_QUOTE_RE = re.compile(
    r"\s+(?:(?:[A-Z][\w.'’-]*|he|she|they|I|we|the|a|an|[a-z]+man|[a-z]+woman|official|"
    r"spokesperson)\s+){0,5}(?:said|says|asked|asks|added|told|wrote|explained|continued|"
    r"recalled|noted|tweeted|replied|exclaimed|shouted|insisted|yelled|wondered|"
    r"declared|warned|chanted|sang|sings)\b"
)


def _is_boundary(text: str, m: re.Match) -> bool:
    punct_end = m.start()
    if text[punct_end] in "?!" and m.end() - punct_end > 1 and text[m.end() - 1] in "\"”’'":
        if _CUE_AFTER_QUOTE_RE.match(text, m.end()):
            return False
    if text[punct_end] != "." or m.end() - punct_end > 1 and text[punct_end + 1] in ".!?":
        return True
    # Find the word the period closes.
    lo = max(0, punct_end - 100)  # bounded: linear in the text length
    ws = max(text.rfind(" ", lo, punct_end), text.rfind("\n", lo, punct_end), lo - 1)
    word = text[ws + 1 : punct_end].lstrip("\"“‘('[")
    low = word.lower()
    if m.end() < len(text) and not text[m.end()].isspace():
        # glued_sentence: "rapper.Trump", but not a dotted word ("e.g.The").
        return "." not in word
    # "then-Rep." and "ex-Gov." are titles too.
    if low.rpartition("-")[2] in _TITLE_ABBR:
        return False
    if not (low in MONTHS_ABBR or low == "no" or low in ABBREVIATIONS or "." in word
            or (len(word) == 1 and word.isupper())):
        return True  # an ordinary word: the next word does not matter
    nxt = _NEXT_WORD_RE.match(text, m.end())
    next_word = nxt.group(1) if nxt else ""
    if low in MONTHS_ABBR and next_word[:1].isdigit():
        return False
    if low == "no" and next_word[:1].isdigit():
        return False
    if low in ABBREVIATIONS or "." in word or (len(word) == 1 and word.isupper()):
        # "U.S.", "Jr.", "Inc.", initials: a boundary only before a word that
        # usually opens a sentence.
        return next_word in SENTENCE_STARTERS
    return True


def sentences(text: str, para: Segment) -> list[Segment]:
    """Split one paragraph into sentences (offsets into ``text``)."""
    out: list[Segment] = []
    start = para.start
    end = para.end
    for m in _BOUNDARY_RE.finditer(text, para.start, para.end):
        if not _is_boundary(text, m):
            continue
        e = m.end()
        if e > start:
            out.append(Segment(start, e, text[start:e]))
        # Skip the whitespace to the next sentence.
        start = e
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append(Segment(start, end, text[start:end]))
    return out


def segment(text: str) -> list[tuple[Segment, list[Segment]]]:
    """Return each paragraph of ``text`` with its sentences."""
    return [(p, sentences(text, p)) for p in paragraphs(text)]
