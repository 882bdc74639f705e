"""Provides the lines of an article that are not claims.

Related links ("Read Next:", "Related:"), page furniture ("Story Continues",
"Advertisement"), byline footers ("-- Stephen Losey can be reached at ...",
"By Jane Doe"), social handles ("Follow him on Twitter"), image captions with
a credit ("... (Jack Holt /U.S. Central Command)") and the short untitled
lines above them. A caption is not a non-claim: it is a claim credited to
whoever took the picture (see ``caption``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .furniture import furniture
from .models import Segment

_NAME = r"[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|al-\w+)){1,3}"

# "Read Next: ...", "Related: ...", "Read the rest here."
_RELATED_RE = re.compile(
    r"(?:Read\s+(?:Next|More|Also|the\s+rest|the\s+full|more)|Related(?:\s+(?:Stories|Coverage|Articles?))?|"
    r"RELATED|READ\s+(?:MORE|NEXT)|See\s+[Aa]lso|ALSO\s+READ|Also\s+[Rr]ead|More\s+[Ff]rom|"
    r"WATCH|Watch|Recommended|Trending|Click\s+here|Sign\s+up|Subscribe)\b"
)
_FURNITURE_RE = re.compile(
    r"(?:Story\s+[Cc]ontinues(?:\s+[Bb]elow)?|Advertisement|ADVERTISEMENT|Continue\s+[Rr]eading|"
    r"Scroll\s+down|Share\s+this|Share|Comments?|Loading\.*|Photo|Video|Embed)\W*$"
)
# "-- Stephen Losey can be reached at ..." and the like.
_FOOTER_RE = re.compile(
    r"(?:--|—|–)\s*(" + _NAME + r")\s+(?:can\s+be\s+reached|is\s+an?\s|writes|covers|reports\s+on|"
    r"contributed)"
)
_BY_RE = re.compile(r"By\s+(" + _NAME + r")(?:\s*(?:,|\||and\b|$))")
_FOLLOW_RE = re.compile(r"(?:Follow|Contact|Email|E-mail)\s+(?:\w+\s+){0,3}(?:on|at|@)\b|Follow\s+@")
# A caption ends with a parenthesised credit: "(Jack Holt /U.S. Central Command)".
_CREDIT_RE = re.compile(r"\(([^()]{2,100})\)\s*\.?$")
_CREDIT_HINT_RE = re.compile(r"/|\b(?:Photo|photo|AP|Getty|Reuters|AFP|Images?|Credit|Courtesy|File)\b")
_CAPTION_LEAD_RE = re.compile(
    r"(?:(?:This|The|A|An|In\s+this)\s+)?(?:[\w-]+\s+){0,2}?(?:screenshot|photo|image|picture|"
    r"still|photograph|file\s+photo)(?:\s+\w+){0,3}?\s+(?:shows|show|depicts)\s+"
)
_CAPTION_DATE_RE = re.compile(
    r",?\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})\.?\s*$"
)
_TERMINAL = ".!?\"”’')]:"


@dataclass(frozen=True, slots=True)
class LineKind:
    """What a paragraph is, when it is not ordinary prose."""

    kind: str  # "related", "boilerplate", "byline", "caption", "caption-title", "credit", "subheading"
    byline: str | None = None


def classify(text: str, para: Segment, next_para: Segment | None) -> LineKind | None:
    """Say what ``para`` is when it is not a run of claims."""
    t = para.text
    if _FOOTER_RE.match(t):
        return LineKind("byline", _FOOTER_RE.match(t).group(1))
    m = _BY_RE.match(t)
    if m and len(t) < 120:
        return LineKind("byline", m.group(1))
    if _RELATED_RE.match(t) and (":" in t[:25] or len(t) < 60 or t.startswith(("Read", "READ"))):
        return LineKind("related")
    if _FURNITURE_RE.match(t):
        return LineKind("boilerplate")
    if _FOLLOW_RE.match(t) and len(t) < 160:
        return LineKind("byline")
    if is_caption(t):
        return LineKind("caption")
    if t[-1] not in _TERMINAL and len(t) < 200:
        # A label above a caption, or a kicker in lower case.
        adjacent = next_para is not None and "\n\n" not in text[para.end : next_para.start]
        if t[0].islower() or (adjacent and next_para is not None and is_caption(next_para.text)):
            return LineKind("caption-title")
    page = furniture(t)
    if page is not None:
        return LineKind(*page)
    return None


def is_caption(t: str) -> bool:
    m = _CREDIT_RE.search(t)
    return bool(m and _CREDIT_HINT_RE.search(m.group(1)))


def caption(text: str, para: Segment) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Return (content span, credit span) of a caption paragraph."""
    m = _CREDIT_RE.search(text, para.start, para.end)
    if not m:
        return None
    credit_s, credit_e = m.span(1)
    inner = text[credit_s:credit_e]
    if "/" in inner:
        credit_s += inner.rindex("/") + 1
    while credit_s < credit_e and text[credit_s].isspace():
        credit_s += 1
    for prefix in ("Photo:", "Photo by", "Credit:", "Courtesy of", "Courtesy"):
        if text.startswith(prefix, credit_s):
            credit_s += len(prefix)
            while credit_s < credit_e and text[credit_s].isspace():
                credit_s += 1
    while credit_e > credit_s and text[credit_e - 1].isspace():
        credit_e -= 1
    cs, ce = para.start, m.start()
    lead = _CAPTION_LEAD_RE.match(text, cs, ce)
    if lead:
        cs = lead.end()
    d = _CAPTION_DATE_RE.search(text, cs, ce)
    if d:
        ce = d.start()
    while ce > cs and text[ce - 1] in " .,":
        ce -= 1
    if ce <= cs or credit_e <= credit_s:
        return None
    return (cs, ce), (credit_s, credit_e)
