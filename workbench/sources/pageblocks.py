"""Provides ``prune``: page furniture taken out of trafilatura's main-text tree.

trafilatura keeps the article and, on many pages, some of what surrounds it.
These rules look at the shape of the extracted tree (which text is a link,
which block is a heading, a list or code), not at any publisher's wording.
Link text is told by marks that ``mark_links`` puts inside each ``<a>`` of
the page before extraction (trafilatura's own link output drops the spaces
around links and splits paragraphs at them); ``unmark`` takes them out.

- ``code_block``: program code set apart from the prose (``<code>``, or a
  quotation that is only code) is no claim.
- ``link_only``: a paragraph, heading or list item whose text is (almost) all
  link: related stories ("[Read: Why Tunisia ...]"), topic tags, an author
  line that links to the author's page.
- ``teaser``: the summary under a heading that is itself a link, and a list
  item that opens with a linked headline (a related story and its dek).
- ``menu_list``: a list of two or more items of at most four words none of
  which ends a sentence: share bars ("Tweet this", "Reprints"), slideshow
  controls ("Previous", "Next", "1 of 5"), page menus.
- ``furniture_section``: a heading that announces what surrounds an article
  ("You Might Also Like", "Comments", "Today on WebMD") and everything under
  it, up to the next heading of the same or higher rank.
- ``truncated_teasers``: a run of three or more paragraphs at the end of which
  most stop mid-sentence ("... a successful career as a writer, producer
  and"): excerpts of other stories.
"""

from __future__ import annotations

import re

from lxml import etree

from workbench.domain.furniture import SECTION_HEADING

# Blocks that hold prose or a line of it.
_BLOCKS = ("p", "head", "item", "quote", "code", "row", "div")
# A link-only block: at least this share of its letters and digits are link text.
_LINK_SHARE = 0.8
_MENU_WORDS = 4
_PROSE_WORDS = 12
_PROSE_RUN = 3
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
# A paragraph that stops mid-sentence: its last word is followed by nothing,
# a comma or a dash, and it is long enough to be an excerpt.
_TRUNCATED_MIN = 100
_TEASER_RUN = 3


# Private-use characters around the text of each link.
LINK_START, LINK_END = "\ue000", "\ue001"
# An <a> element and its end (within 2,000 characters, so a page with
# unclosed links costs linear time).
_A_OPEN = re.compile(r"<a\b[^>]{0,2000}>", re.I)
_A_CLOSE = re.compile(r"</a\s*>", re.I)
_A_REACH = 2000
_TAGS = re.compile(r"<[^>]*>")
_ALNUM = re.compile(r"[^\W_]")
_LINKED = re.compile(LINK_START + "([^" + LINK_END + "]*)" + LINK_END)


def mark_links(page: str) -> str:
    """The page with the text of each link between LINK_START and LINK_END,
    inside the link's own blanks (any such character the page had of its own
    is dropped first)."""
    page = unmark(page)
    out: list[str] = []
    pos = 0
    for m in _A_OPEN.finditer(page):
        if m.start() < pos:
            continue  # an <a> inside the link before: left as it is
        close = _A_CLOSE.search(page, m.end(), m.end() + _A_REACH)
        if close is None:
            continue
        inner = page[m.end() : close.start()]
        if not _ALNUM.search(_TAGS.sub("", inner)):
            continue  # an image or an empty link
        lead = m.end() + len(inner) - len(inner.lstrip())
        trail = m.end() + len(inner.rstrip())
        out += (page[pos:lead], LINK_START, page[lead:trail], LINK_END)
        pos = trail
    out.append(page[pos:])
    return "".join(out)


def unmark(text: str) -> str:
    """``text`` without link marks."""
    if LINK_START in text or LINK_END in text:
        return text.replace(LINK_START, "").replace(LINK_END, "")
    return text


def _words(el: etree._Element) -> str:
    return " ".join(unmark("".join(el.itertext())).split())


def _alnum(s: str) -> int:
    return len(_ALNUM.findall(s))


def _is_link_only(el: etree._Element) -> bool:
    marked = "".join(el.itertext())
    total = _alnum(marked)
    if total == 0:
        return False
    linked = sum(_alnum(m.group(1)) for m in _LINKED.finditer(marked))
    return linked >= _LINK_SHARE * total and not _is_prose(_words(el))


def _is_prose(words: str) -> bool:
    """A sentence of the article's own, even if all of it is a link: twelve
    words or more, a sentence end, and not a headline in title case."""
    tokens = words.split()
    if len(tokens) < _PROSE_WORDS or not _SENTENCE_END.search(words):
        return False
    capitalised = sum(t[:1].isupper() for t in tokens)
    return capitalised < 0.6 * len(tokens)


def _rank(head: etree._Element) -> int:
    m = re.fullmatch(r"h([1-6])", head.get("rend") or "")
    return int(m.group(1)) if m else 3


def _remove(el: etree._Element) -> None:
    """Take an element out, keeping the text that follows it in its parent."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _is_code(el: etree._Element) -> bool:
    if el.tag == "code":
        # A block of its own (not "index.php" inside a sentence), and not an
        # embedded post that trafilatura keeps as <code> around paragraphs.
        parent = el.getparent()
        return (parent is not None and parent.tag not in ("p", "head", "hi", "ref", "cell")
                and not any(child.tag in _BLOCKS or child.tag == "list" for child in el))
    if el.tag == "quote":
        code = sum(_alnum("".join(c.itertext())) for c in el.iter("code"))
        return code > 0 and code >= _LINK_SHARE * _alnum("".join(el.itertext()))
    return False


def _is_menu(lst: etree._Element) -> bool:
    items = [it for it in lst if it.tag == "item"]
    if len(items) < 2:
        return False
    for it in items:
        words = _words(it)
        if len(words.split()) > _MENU_WORDS or _SENTENCE_END.search(words):
            return False
    return True


def _is_truncated(el: etree._Element) -> bool:
    if el.tag != "p":
        return False
    words = _words(el)
    return len(words) >= _TRUNCATED_MIN and (words[-1].isalnum() or words[-1] in ",;-–—")


def prune(body: etree._Element) -> int:
    """Remove page furniture from trafilatura's ``body`` in place.

    Returns:
        The number of blocks removed.
    """
    removed = _prune_teasers(body)
    # code_block, link_only and menu_list, innermost first.
    for el in reversed(list(body.iter(*_BLOCKS, "list"))):
        if el.getparent() is None:
            continue
        if el.tag == "list":
            drop = _is_menu(el) or not any(_words(it) for it in el if it.tag == "item")
        else:
            drop = _is_code(el) or _is_link_only(el)
        if drop:
            _remove(el)
            removed += 1
    removed += _prune_sections(body)
    removed += _prune_truncated_run(body)
    return removed


def _ends_with_link(el: etree._Element) -> bool:
    """Whether a paragraph ends with a link ("... Full Article")."""
    marked = "".join(el.itertext()).rstrip()
    return marked.endswith(LINK_END) and _alnum(marked[marked.rfind(LINK_START) :]) > 0


def _prune_teasers(body: etree._Element) -> int:
    """teaser: after a heading that is a link, the paragraphs that end with a
    link ("... suggest more central bank action Full Article") and a lower
    heading (the story's dek); a list item that opens with a block that is a
    link (a linked headline, then its dek)."""
    removed = 0
    link_rank: int | None = None  # the rank of the linked heading just passed
    for el in list(body):
        if el.tag == "head" and link_rank is not None and _rank(el) > link_rank and not _is_link_only(el):
            _remove(el)
            removed += 1
        elif el.tag == "head":
            link_rank = _rank(el) if _is_link_only(el) else None
        elif link_rank is not None and el.tag == "p" and _ends_with_link(el):
            _remove(el)
            removed += 1
        else:
            link_rank = None
    for item in list(body.iter("item")):
        first = next((c for c in item if c.tag in ("head", "p")), None)
        if (first is not None and not (item.text or "").strip() and _is_link_only(first)
                and any(_words(c) for c in first.itersiblings())):
            _remove(item)
            removed += 1
    return removed


def _prune_sections(body: etree._Element) -> int:
    """furniture_section: a furniture heading and the blocks under it, up to
    the next heading of its rank or higher, or up to the article going on (a
    run of three paragraphs of prose: a "Related" box inside the article)."""
    removed = 0
    dropping: int | None = None  # the rank of the heading whose section is dropped
    blocks = list(body)
    for i, el in enumerate(blocks):
        if el.tag == "head":
            rank = _rank(el)
            furniture = bool(SECTION_HEADING.fullmatch(_words(el)))
            if dropping is not None and rank <= dropping and not furniture:
                dropping = None
            if dropping is None and furniture:
                dropping = rank
        elif dropping is not None and el.tag == "p" and _prose_run(blocks, i):
            dropping = None
        if dropping is not None:
            _remove(el)
            removed += 1
    return removed


def _prose_run(blocks: list[etree._Element], i: int) -> bool:
    """Whether blocks[i] opens a run of three paragraphs of prose."""
    run = blocks[i : i + _PROSE_RUN]
    return len(run) == _PROSE_RUN and all(
        b.tag == "p" and _is_prose(_words(b)) and not _is_link_only(b) for b in run
    )


def _prune_truncated_run(body: etree._Element) -> int:
    """truncated_teasers: from the first paragraph cut mid-sentence to the end,
    when at least three paragraphs and most of them are cut."""
    blocks = [el for el in body if el.tag == "p" and _words(el)]
    for i, el in enumerate(blocks):
        if not _is_truncated(el):
            continue
        rest = blocks[i:]
        cut = sum(_is_truncated(b) for b in rest)
        if cut >= _TEASER_RUN and cut >= 0.6 * len(rest):
            for b in rest:
                _remove(b)
            return len(rest)
        return 0
    return 0
