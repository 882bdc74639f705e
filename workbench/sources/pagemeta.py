"""Provides clean page metadata: an HTML page's headline and its authors.

trafilatura reads both from the page's markup, where they often come with
page furniture attached. The rules:

- ``site_suffix``: "How Butterflies Get Their Shine | WIRED" -> "How
  Butterflies Get Their Shine" (the part after the last " | ", " - ", " – "
  or " — " names the site).
- ``promo_title``: a title that is a section name or a promotion ("Allergies
  Health Center"), while the page's ``<title>`` is a headline the article
  text opens with, gives way to that ``<title>``.
- ``author_parts``: an author field is split into people at ";" and each part
  is kept only if it reads as a name: the date that followed a byline
  ("Joshua Sokol May", "GILLIAN MOHNEY March", "Posted Feb"), handles and
  sites ("Lberry Com"), degrees ("MA"), job titles ("Staff Writer"), page
  words ("No Author", "Username", "Account You're logged") and script
  debris ("Googletag Cmd Push ...") are dropped; ALL CAPS names are set in
  title case and repeats are dropped.
"""

from __future__ import annotations

import html
import re

from workbench.domain.furniture import furniture

_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_SUFFIX = re.compile(r"^(.{12,}?)\s+(?:\||-|–|—|::|·|»)\s+([^|]{2,60})$")
_WORD = re.compile(r"[\w’']+")

_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun".split()
)
# Words of a page's byline furniture, never of a name.
_PAGE_WORDS = frozenset(
    "author authors by posted updated published written follow email contact username user admin account "
    "view share comment comments rss feed logged login unknown anonymous none no staff desk team editor "
    "editors writer writers reporter reporters contributor contributors correspondent com www http https "
    "googletag cmd push ad ads pg sec var function null undefined".split()
)
_DEGREES = frozenset("ma md phd ms msc mba bs ba rn dds mph jd esq dr".split())
_PARTICLES = frozenset("de da van von der den bin al el la le del di du dos das ibn st".split())
_ORG_WORDS = frozenset(
    "news media group press times post daily journal network magazine inc ltd llc corp company "
    "associated agency service services center centre institute university foundation "
    "herald tribune gazette chronicle telegraph guardian observer review report".split()
)
_MAX_NAME_WORDS = 5
# A job title inside a word: "Editor-at-large", "Writer/Editor".
_ROLE = re.compile(r"editor|writer|reporter|correspondent|contributor|columnist")


def page_title(page: str) -> str | None:
    """The text of a page's ``<title>``, unescaped, spaces collapsed."""
    m = _TITLE_TAG.search(page, 0, 200_000)
    if m is None:
        return None
    return " ".join(html.unescape(m.group(1)).split()) or None


def _key(s: str) -> str:
    return "".join(ch for ch in s.casefold() if ch.isalnum())


def same_text(a: str, b: str) -> bool:
    """Whether two lines say the same, but for case, spaces and punctuation."""
    return _key(a) == _key(b)


def strip_site(title: str, *names: str | None) -> str:
    """site_suffix: drop " | Site" when it names the site or the author."""
    m = _SUFFIX.match(title)
    if m is None:
        return title
    head, tail = m.group(1).strip(), _key(m.group(2))
    for name in names:
        key = _key(name or "")
        if tail and key and (tail in key or key in tail):
            return head
    return title


def _shared(a: str, b: str) -> float:
    wa = {w.casefold() for w in _WORD.findall(a)}
    wb = {w.casefold() for w in _WORD.findall(b)}
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def page_headline(title: str | None, page: str, opening: list[str], outlet: str | None,
                  author: str | None = None) -> str | None:
    """The article's headline.

    Args:
        title: trafilatura's title.
        page: the page's HTML (its ``<title>`` is read).
        opening: the first few blocks of the extracted text.
        outlet: the site's name, if known.
        author: the author field, if any ("Headline | Jane Doe").
    """
    title = " ".join(html.unescape(title or "").split()) or None
    tag = page_title(page)
    tag = strip_site(tag, outlet, author) if tag else None
    if title is not None:
        title = strip_site(title, outlet, author)
    if title is None or not tag or _key(tag) == _key(title):
        return title or tag
    kind = furniture(title)
    if kind is not None and kind[0] != "subheading":
        return tag  # promo_title: the title is a call to action or a date
    if _shared(title, tag) < 0.34 and _key(tag) in {_key(b) for b in opening}:
        return tag  # promo_title: the <title> is the headline the text opens with
    return title


def clean_author(raw: str | None, *, published: str | None = None, outlet: str | None = None) -> str | None:
    """author_parts: the people an author field names, joined by "; "."""
    if not raw:
        return None
    month = _month_of(published)
    people: list[str] = []
    for part in re.split(r"\s*[;|]\s*|\s+and\s+|,\s+(?=[A-Z])", raw):
        name = _name(part, month)
        if name and _key(name) not in {_key(p) for p in people} and _key(name) != _key(outlet or "-"):
            people.append(name)
    return "; ".join(people) or None


def _month_of(published: str | None) -> str | None:
    m = re.match(r"\d{4}-(\d\d)", published or "")
    if m is None:
        return None
    names = "january february march april may june july august september october november december".split()
    return names[int(m.group(1)) - 1] if 1 <= int(m.group(1)) <= 12 else None


def _is_date_word(word: str, month: str | None, n: int) -> bool:
    """A weekday, or a month after a name of two words or more (the page's
    own month, when its date is known: "Theresa May" keeps her name)."""
    if word in _WEEKDAYS:
        return True
    if word not in _MONTHS:
        return False
    return month.startswith(word[:3]) if month is not None else n >= 3


def _name(part: str, month: str | None) -> str | None:
    words = part.split()
    # A date that followed the byline: "Joshua Sokol May", "Posted Feb".
    while words and _is_date_word(words[-1].casefold().strip(".,"), month, len(words)):
        words.pop()
    while words and words[-1].casefold().strip(".,") in _DEGREES:
        words.pop()
    if not 2 <= len(words) <= _MAX_NAME_WORDS:
        return None
    low = [w.casefold().strip(".,") for w in words]
    if any(w in _PAGE_WORDS or any(ch.isdigit() for ch in w) or _ROLE.search(w) for w in low):
        return None
    if low[0] == "the" or any(w in _ORG_WORDS for w in low):
        return None
    if not all(any(ch.isupper() for ch in w) or w.casefold() in _PARTICLES for w in words):
        return None
    if all(w.isupper() for w in words if len(w) > 1):
        words = [w.capitalize() if len(w) > 1 else w for w in words]
    return " ".join(words)
