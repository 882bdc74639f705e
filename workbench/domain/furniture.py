"""Provides ``furniture``: what kind of web-page furniture a line is, if any.

A line here is a paragraph of the stored text. These rules catch the pieces of
a page that surround an article and survive main-text extraction or a
copy-and-paste: each names a kind of line (a credit, a counter, a call to
action, a heading) rather than any publisher's wording. Every rule only ever
takes a whole line out, never part of a sentence.
"""

from __future__ import annotations

import re

from .lexicon import FINITE_CUE_FORMS

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|van|von|bin|al|el|la|le|del|di|du)){0,4}"
_WORD_RE = re.compile(r"[a-z]+")
_SENTENCE_END = re.compile(r"[.!?…:;,][\"”’')\]]*$|[\"”’]$")

# section_heading: the heading of what surrounds an article: related stories,
# galleries, comments, newsletters ("You Might Also Like", "Comments",
# "Today on WebMD", "You may also like..."). A whole line, never a sentence.
SECTION_HEADING = re.compile(
    r"(?:you\s+(?:might|may)\s+also\s+(?:like|enjoy)|related(?:\s+\w+)?|more\s+(?:from|on|in|stories|news|videos?|"
    r"coverage|articles)\b.*|recommended(?:\s+\w+)?|trending(?:\s+\w+){0,3}|most\s+(?:popular|read|viewed|"
    r"shared|emailed)(?:\s+\w+)?|popular(?:\s+\w+)?|featured(?:\s+\w+){0,2}|(?:recent|latest)\s+(?:\w+\s+)?"
    r"(?:slide\s*shows?|galleries|videos|stories|posts|news)|(?:top\s+)?stories|comments?|"
    r"(?:join|read)\s+the\s+(?:discussion|conversation)|today\s+on\s+\S+|(?:sign\s+up\s+for|subscribe\s+to)"
    r"\b.*|newsletters?|follow\s+us\b.*|share\s+this\b.*|around\s+the\s+web|(?:sponsored|partner)\s+"
    r"(?:content|stories|links)|promoted\s+stories|what\s+to\s+read\s+next|in\s+case\s+you\s+missed\s+it)"
    r"\W*",
    re.I,
)
# date_line: "24 July 2015", "On May 23, 2014 at 1:30 PM", "12:03 pm |",
# "Updated 6:15 a.m. ET, Tue February 3, 2015": nothing but a date or a time.
_DATE_PART_RE = re.compile(
    r"\b(?:" + _MONTH + "|" + _DAY + r"|\d{1,4}(?::\d\d)?(?:st|nd|rd|th)?|[ap]\.?m\.?|[AP]M|GMT|UTC|"
    r"[ECMP][SD]?T|ET|BST|CET|on|at|Updated|Published|Posted|Last\s+updated|Modified|ago|hours?|"
    r"minutes?|days?|weeks?|by|in|posted\s+in|categories|tags|comments?|permalink|share)\b|[|/·•,-]",
    re.I,
)
# count_line: "941 comments", "14 Photos", "3 min read", "1 of 5", and a
# gallery counter opening a slide's caption ("1/50 United goin down ...").
_COUNT_RE = re.compile(
    r"(?:\d[\d,.]*[KkMm]?\s+(?:comments?|replies|responses|shares?|likes?|views?|reads?|photos?|images?|"
    r"pictures?|slides?|videos?|min(?:ute)?s?\s+read|reactions?)|\d{1,3}\s+of\s+\d{1,3}|"
    r"(?:Photo|Image|Slide|Picture)s?\s+\d{1,3}\s*(?:/|of)\s*\d{1,3})\W*$"
    r"|\d{1,3}\s*/\s*\d{1,3}\s+(?-i:(?=[A-Z\"“]))"
    r"|(?:Gallery|Slideshow|Photos|In\s+pictures|Video)\s*:.*(?:\|\s*\d+\s+(?:Photos|Images|Pictures|Slides))\W*$",
    re.I,
)
# embed_signature: the signature under an embedded post:
# "— Justyna Miszkiewicz (@bioanth_pal) December 22, 2014".
_EMBED_SIGNATURE_RE = re.compile(
    r"[—–-]*\s*[^()\n]{0,60}\(@\w{1,30}\)\s*(?:" + _MONTH + r"\s+\d{1,2},\s+\d{4}|\d{1,2}\s+" + _MONTH
    + r"\s+\d{4})?\W*$"
)
# ui_message: what a page's scripts say to the reader: "This is a modal
# window.", "Unfortunately, this video is not available in your region.",
# "Please try again later.", "Loading Comments...", "Next video starts in : 7".
_UI_MESSAGE_RE = re.compile(
    r"(?:.{0,40}\b(?:(?:this|the)\s+video\s+(?:is\s+)?(?:not|no\s+longer|un)\s*available|not\s+available\s+in\s+"
    r"your\s+(?:region|country|area)|this\s+is\s+a\s+modal\s+window|(?:please\s+)?try\s+again\s+later|"
    r"please\s+wait|temporarily\s+unavailable|your\s+browser\s+(?:does\s+not|doesn't)\s+support|"
    r"(?:enable|turn\s+on)\s+javascript|javascript\s+is\s+(?:disabled|required)|ad\s*-?\s*blocker|"
    r"next\s+video\s+starts|(?:now|currently)\s+(?:watching|playing)|up\s+next|autoplay|"
    r"already\s+a\s+(?:subscriber|member)|to\s+continue\s+reading|you\s+have\s+reached\s+your|"
    r"sign\s+up\s+for\s+(?:our|the|free)|thanks?\s+for\s+(?:signing\s+up|subscribing|reading)|"
    r"there\s+was\s+(?:an\s+error|a\s+problem)|error\s+(?:processing|loading))\b"
    r"|Loading\b|Please\s+(?:log|sign)\s+in\b|Story\s+continues\s+below|Scroll\s+(?:down\s+)?to\s+continue|"
    r"Skip\s+(?:ad|advertisement)\b|(?:To\s+)?(?:read|view|see|continue\s+reading)\s+the\s+(?:full|rest\s+of\s+the|"
    r"entire)\s+(?:story|article|report)\b)",
    re.I,
)
# player_text: a video player's own dialog, however long the line: "This is a
# modal window. Beginning of dialog window. Escape will cancel ...".
_PLAYER_RE = re.compile(
    r".*\b(?:this\s+is\s+a\s+modal\s+window|(?:beginning|end)\s+of\s+dialog\s+window|escape\s+will\s+cancel"
    r"\s+and\s+close|close\s+modal\s+dialog|restore\s+all\s+settings\s+to\s+the\s+default|no\s+compatible\s+"
    r"source\s+was\s+found|the\s+media\s+could\s+not\s+be\s+loaded)\b",
    re.I | re.S,
)
# helpline: a help box: "If you or someone you know is struggling, call or
# text 988", "In the UK, Samaritans can be contacted on 116 123".
_HELPLINE_RE = re.compile(
    r".{0,200}\b(?:helpline|hotline|lifeline|samaritans|crisis\s+(?:text\s+)?line|support\s+line|call\s+or\s+text)"
    r"\b.{0,120}?(?:\b\d{3}[-. ]\d{3}[-. ]\d{4}\b|\b1-8\d\d-[\dA-Z-]{7,}|\b\d{3}\s\d{3}\b|\b988\b|\b\d{4}\s\d{3}\s\d{3,4}\b)",
    re.I,
)
# newsletter: "Get New York Today in your inbox.", "Sign up for our daily
# newsletter", "The Morning newsletter, delivered free to your inbox".
_NEWSLETTER_RE = re.compile(
    r".{0,120}\b(?:your\s+inbox|newsletters?\b.{0,60}\b(?:sign\s+up|subscribe|delivered|free)|"
    r"(?:sign\s+up|subscribe)\b.{0,60}\bnewsletters?)\b",
    re.I,
)
# reference_line: a citation or a link out: "Citation: ... retrieved 6 March
# 2019 from https://phys.org/...", "More information: ... DOI: 10.1038/...",
# "Provided by University of Leeds", "Explore further".
_REFERENCE_RE = re.compile(
    r"(?:Citation|More\s+information|Journal\s+(?:information|reference)|Reference|Provided\s+by|Source\s+link)\b"
    r"|.{0,300}\b(?:retrieved\s+.{0,40}\bfrom\s+https?://|DOI:\s*10\.\d{4,}|doi\.org/10\.)"
    r"|.{0,120}\bsubject\s+to\s+copyright\b"
    r"|\W*https?://\S+\W*$",
    re.I,
)
_UI_MESSAGE_WORDS = 16
# call_to_action: a short line that tells the reader to act on the page:
# "Share on Facebook", "Tweet this", "Follow Reuters on Twitter", "Continue
# reading the main story", "Get the latest news on the go.", "Take Quiz".
_CTA_RE = re.compile(
    r"(?:Share|Tweet|Retweet|Pin|E-?mail|Print|Follow|Subscribe|Sign\s+(?:up|in)|Log\s*in|Register|"
    r"Click|Tap|Download|Join|Like\s+us|Comment|Reply|View|Watch|Listen|Read|Continue|See|Load|Show|Visit|"
    r"Learn\s+more|Get|Take|Check\s+out|Find\s+(?:us|out)|Don['’]t\s+miss|Never\s+miss|Want\s+(?:more|to)|"
    r"Catch\s+up|Discover|Explore|Send|Submit|Contact|Reprints?|Permalink|Close|Next|Previous|Back\s+to|"
    r"Skip|Enlarge|Expand|Fullscreen|Thumbnails|Bookmark|Save|Buy|Shop|Order|Book\s+now|Play|Tell\s+us|Reach|"
    r"Like\s+this)(?![\w-])",
)
_CTA_WORDS = 15
# ... and names a thing on the page (or is three words at most: "Take Quiz").
_CTA_OBJECT_RE = re.compile(
    r"\b(?:us|our|here|now|more|full|all|latest|free|today|below|above|app|apps|newsletters?|inbox|email|"
    r"alerts?|updates|story|stories|article|gallery|galleries|slideshow|photos?|images?|pictures?|videos?|"
    r"comments?|quiz(?:zes)?|link|page|site|website|feed|podcast|episode|Facebook|Twitter|Instagram|YouTube|"
    r"LinkedIn|Pinterest|TikTok|WhatsApp|Reddit|Flipboard|RSS|friends?|think|@\w+)\b",
    re.I,
)
# credit_line: "(Reporting by Indulal PM; Editing by Sunil Nair)", "Additional
# reporting by ...", "Heba Habib contributed to this report."
_CREDIT_RE = re.compile(
    r"\(?\s*(?:Additional\s+|Further\s+|Editing\s+and\s+)?(?:reporting|writing|editing|research|compiled|"
    r"compilation|produced|production|graphics?|photography|photos?|images?|video|illustrations?|design|"
    r"translation|translated|text)\s+(?:by|from)\b"
    r"|.{0,120}\b(?:contributed|contributing)\s+(?:reporting\s+|research\s+)?(?:to|for)\s+this\s+"
    r"(?:report|story|article|post)\W*$",
    re.I,
)
# photo_credit: a line that is only a credit: "Mark Metcalfe/Getty Images",
# "Photo: Jo Lee/AP", "(AP Photo/Jo Lee)", "Credit: NASA".
_PHOTO_CREDIT_RE = re.compile(
    r"\(?(?:(?:Photo(?:graph)?|Image|Picture|Illustration|Video|Credit|Source)s?(?:\s+by|\s+credit)?\s*[:|]\s*)?"
    r"(?:" + _NAME + r"|AP|AFP)\s*/\s*(?:" + _NAME + r"|AP|AFP)(?:\s*(?:/|via)\s*" + _NAME + r")?\s*\)?\.?$"
    r"|(?:Photo(?:graph)?|Image|Picture|Illustration|Credit|Source)s?(?:\s+by|\s+credit)?\s*:\s*.{2,80}$",
)
# copyright: "© 2019 Science X Network", "Copyright 2015 The Associated Press.
# All rights reserved."
_COPYRIGHT_RE = re.compile(r"(?:©|\(c\)\s|Copyright\b)|.{0,120}\bAll\s+rights\s+reserved\b", re.I)
# tag_line: "Topics: uber, libertarians, Sydney", "Filed under: ...",
# "News date : 04/21/2022 Category : Press Releases" (a line of page fields).
_TAG_LINE_RE = re.compile(
    r"(?:.{0,60}\b)?(?:Topics?|Tags?|Tagged(?:\s+with)?|Filed\s+(?:under|in)|Categor(?:y|ies)|Keywords|"
    r"Related\s+topics|More\s+on|Sections?)\s*:|Filed\s+under\W*$"
    # breadcrumbs: "From the section US & Canada", "Home > News > World".
    r"|(?:From|More\s+from)\s+the\s+section\b|(?:[\w&' -]{1,30}\s*[>»›]\s*){2,}[\w&' -]{1,30}$",
    re.I,
)
_TAG_LINE_WORDS = 20
# promo_line: the site's own advertising: "For the latest stories ...
# download the Nationnews apps for iOS and Android.", "To view the full
# story, please subscribe to ...", "If you enjoyed reading this post, ...".
_PROMO_RE = re.compile(
    r".{0,80}\b(?:download\s+(?:the|our)\s+(?:[\w.&-]+\s+){0,3}apps?\b|(?:please|,)\s*(?:subscribe|sign\s+up|"
    r"register|log\s+in)\b|if\s+you\s+(?:enjoyed|liked|like|love)\s+(?:reading\s+)?this\b|(?:sign\s+up|subscribe)"
    r"\s+(?:to|for)\s+(?:get|our|the\s+\w+\s+newsletter))",
    re.I,
)
_PROMO_WORDS = 30
# byline_line: "By U.S. CUSTOMS AND BORDER PROTECTION" (a byline of capitalised words).
_BYLINE_RE = re.compile(r"By\s+((?:[A-Z][\w.&'’-]*\s*){1,8})$")
# disclosure: "If you buy something through this post, IGN may get a share of
# the sale.", "BGR may receive a commission on orders placed through this article."
_DISCLOSURE_RE = re.compile(
    r".{0,120}\b(?:may|might|could)\s+(?:get|receive|earn|collect)\s+(?:a\s+)?(?:small\s+)?(?:share|commission|"
    r"portion|fee)\s+(?:of\s+(?:the\s+)?sales?(?=\W*$)|from\s+(?:purchases|sales|links)|on\s+(?:orders|purchases|sales))\b"
    r"|.{0,80}\baffiliate\s+(?:links?|commission|partnerships?)\b",
    re.I,
)
# contact_line: "Amy Kuperinsky may be reached at akuperinsky@example.com."
_CONTACT_RE = re.compile(r"(" + _NAME + r")\s+(?:may|can)\s+be\s+(?:reached|contacted)\s+(?:at|on|via)\b")
# bio_line: "Lucas Nolan is a reporter for Breitbart Tech covering ...",
# "Drew DeSilver is a Senior Writer at the Pew Research Center."
_BIO_RE = re.compile(
    r"(" + _NAME + r")\s+is\s+(?:(?:a|an|the)\s+)?(?:[\w/&-]+\s+){0,4}?(?i:(?:reporter|writer|editor|"
    r"correspondent|columnist|contributor|journalist|blogger|producer|author|photographer|intern|"
    r"writer/editor|editor-at-large|bureau\s+chief)s?|(?:senior|staff|contributing|chief|deputy|associate|"
    r"managing|executive)\s+\w+\s+(?:at|for|of|with)\s)\b"
)
_BIO_WORDS = 45
# subheading: a line with no verb that does not end a sentence, of at most
# three words ("Pros", "Kenya trip", "REUTERS SHOWCASE") or in title case
# and at most fifteen ("Photo of Baby Wrapped in US Flag Seen as
# Unpatriotic"); a short list item in sentence case ("Drink during your
# workout") stays a line of the article.
_SHORT_SUBHEAD_WORDS = 3
_TITLE_CASE_WORDS = 15
_CELL_WORDS = 8
_MAX_LINE = 2000
_SMALL_WORDS = frozenset("a an the and or but of in on at to for by with from as vs via is".split())


# A word that makes a line a sentence rather than a heading: an auxiliary, a
# past participle or a contraction, in lower case ("- I inherited a shoddy
# system", "• There are no walk-ins allowed"), or a reporting verb ("Ann
# Cole claims victory").
_VERB_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|am|has|have|had|do|does|did|will|would|can|could|should|may|might|"
    r"must|says?|said|[a-z]{2,}ed|[a-z]+['’](?:s|re|ve|ll|d|t))\b"
)


def _has_cue(t: str) -> bool:
    """Whether a line reports what someone said ("..., the mayor told residents")."""
    return any(w in FINITE_CUE_FORMS for w in _WORD_RE.findall(t))


def _is_sentence(t: str) -> bool:
    return bool(_VERB_RE.search(t)) or _has_cue(t)


def _is_date_line(t: str) -> bool:
    rest = _DATE_PART_RE.sub("", t)
    return any(ch.isdigit() for ch in t) and not any(ch.isalnum() for ch in rest)


def _is_title_case(words: list[str]) -> bool:
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(big) and sum(w[:1].isupper() or w[:1].isdigit() for w in big) >= 0.8 * len(big)


def _is_table_row(t: str) -> bool:
    """table_row: "| HTML | 57Kb | 59Kb | +4% |", a row of short cells."""
    if len(t) < 3 or t[0] != "|" or t[-1] != "|":
        return False
    return all(len(cell.split()) <= _CELL_WORDS for cell in t[1:-1].split("|"))


def furniture(t: str) -> tuple[str, str | None] | None:
    """Say what kind of page furniture the line ``t`` is.

    Returns:
        ``(kind, byline)``: kind is "boilerplate", "related", "credit",
        "byline", "table" or "subheading"; byline is the person a bio line
        or a byline names.
        None for a line of prose.
    """
    if len(t) > _MAX_LINE:
        return None  # a paragraph of prose: every rule here is for a line of a few words
    if not any(ch.isalnum() for ch in t):
        return "boilerplate", None  # punctuation_only: "]", "...", "|---|"
    words = t.split()
    n = len(words)
    if _is_table_row(t):
        return "table", None
    if t[0] == "[" and t[-1] == "]" and n >= 3:
        return "related", None  # bracketed_teaser: "[Read: Why Tunisia ...]"
    if _is_date_line(t) or _COUNT_RE.match(t) or _COPYRIGHT_RE.match(t):
        return "boilerplate", None
    if _EMBED_SIGNATURE_RE.match(t) or _CREDIT_RE.match(t) or (n <= 12 and _PHOTO_CREDIT_RE.match(t)):
        return "credit", None
    if n <= _UI_MESSAGE_WORDS and _UI_MESSAGE_RE.match(t) or _PLAYER_RE.match(t):
        return "boilerplate", None
    if n <= _PROMO_WORDS and (_HELPLINE_RE.match(t) or _NEWSLETTER_RE.match(t) or _REFERENCE_RE.match(t)):
        return "boilerplate", None
    if n <= _CTA_WORDS and _CTA_RE.match(t) and (n <= 3 or _CTA_OBJECT_RE.search(t)) and not _has_cue(t):
        return "boilerplate", None
    if (n <= _TAG_LINE_WORDS or not _SENTENCE_END.search(t)) and _TAG_LINE_RE.match(t):
        return "related", None
    if n <= _PROMO_WORDS and _PROMO_RE.match(t):
        return "boilerplate", None
    byline = _BYLINE_RE.match(t)
    if byline is not None:
        return "byline", byline.group(1).strip()
    if n <= _PROMO_WORDS and _DISCLOSURE_RE.match(t) and not _has_cue(t):
        return "boilerplate", None
    if n <= _TAG_LINE_WORDS and SECTION_HEADING.fullmatch(t):
        return "related", None
    bio = (_BIO_RE.match(t) or _CONTACT_RE.match(t)) if n <= _BIO_WORDS else None
    if bio is not None:
        return "byline", bio.group(1)
    if not _SENTENCE_END.search(t) and t[0] not in "\"“‘'(" and not _is_sentence(t) and (
        n <= _SHORT_SUBHEAD_WORDS or (n <= _TITLE_CASE_WORDS and _is_title_case(words))
    ):
        return "subheading", None
    return None
