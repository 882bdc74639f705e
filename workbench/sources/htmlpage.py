"""Provides the HTML reader: main text and metadata via trafilatura.

trafilatura does no network access when given a string, and its loggers
(and those of htmldate, courlan and justext, which it uses) are cut off
from the root logger here, so their warnings ("discarding data") never
reach the user's terminal, whatever logging the CLI or UI sets up.

The stored text is the headline, a blank line, then the main text's blocks
separated by blank lines, as in the plain-text samples; the headline span is
the first line. Page furniture trafilatura keeps (related links, share bars,
galleries, code) is taken out first (``pageblocks``), and the headline and
authors are cleaned (``pagemeta``).
"""

from __future__ import annotations

import logging
import re
import warnings
from copy import deepcopy

import lxml.html
from trafilatura import bare_extraction
from trafilatura.settings import DEFAULT_CONFIG
from trafilatura.xml import xmltotxt

from workbench.domain.models import Document, Span
from workbench.sources import limits
from workbench.sources.errors import SourceProblem
from workbench.sources.pageblocks import mark_links, prune, unmark
from workbench.sources.pagemeta import clean_author, page_headline, same_text

for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    _logger = logging.getLogger(_name)
    _logger.addHandler(logging.NullHandler())
    _logger.propagate = False
# htmldate's date parsing warns through dateutil ("tzname EST identified but
# not understood") straight onto the terminal.
warnings.filterwarnings("ignore", module=r"dateutil(\.|$)")

_CONFIG = deepcopy(DEFAULT_CONFIG)
# Our own limit is enforced before reading; trafilatura's default is the same
# number of characters, but a multi-byte text could cross it at fewer bytes.
_CONFIG.set("DEFAULT", "MAX_FILE_SIZE", str(limits.MAX_ARTICLE_BYTES * 4))

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

_BLANKS = re.compile(r"[^\S\n]{2,}")

NO_TEXT = "no article text found in HTML"


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its start."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def read_html(text: str, *, source: str, format: str, extra: dict) -> Document:
    """Build the Document for a decoded HTML page.

    Raises:
        SourceProblem: no main text, or the page defeats the parser.
    """
    try:
        result = bare_extraction(
            # Link text is marked to tell furniture by (a block that is all link).
            mark_links(text),
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            config=_CONFIG,
        )
    except RecursionError:
        raise SourceProblem("HTML nested too deeply to parse") from None
    except Exception as error:  # a bug in a third-party parser must not end a batch
        raise SourceProblem(
            f"HTML extraction failed ({type(error).__name__}: {error})"
        ) from None
    body = _main_text(result.body) if result is not None and result.body is not None else None
    if not body or not body.strip():
        raise SourceProblem(_why_no_text(text))
    blocks = [block.strip() for block in body.split("\n") if block.strip()]
    outlet = unmark(result.sitename or "") or None
    author = clean_author(unmark(result.author or ""), published=result.date, outlet=outlet)
    title = page_headline(unmark(result.title or ""), text, blocks[:3], outlet, author)
    if title and blocks and same_text(blocks[0], title):
        blocks = blocks[1:]  # trafilatura keeps the <h1> that repeats the headline
    parts = ([title] if title else []) + blocks
    stored = "\n\n".join(parts)
    headline = Span(0, len(title), title) if title else None
    return Document(
        text=stored,
        source=source,
        format=format,
        title=title,
        headline=headline,
        author=author,
        outlet=outlet,
        url=unmark(result.url or "") or None,
        published=result.date or None,
        extra=extra,
    )


def _main_text(tree) -> str:
    """The article's text from trafilatura's tree, page furniture removed."""
    prune(tree)
    for el in tree.iter():
        # Without the link marks, and without the double blank a mark kept.
        if el.text:
            el.text = _BLANKS.sub(" ", unmark(el.text))
        if el.tail:
            el.tail = _BLANKS.sub(" ", unmark(el.tail))
    return xmltotxt(tree, include_formatting=False)


def _why_no_text(text: str) -> str:
    """Say why a page gave no text, naming libxml2's depth limit when hit."""
    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(text, parser=parser)
    except Exception:
        return NO_TEXT
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        return f"{NO_TEXT} (elements nested over 255 deep are dropped by the parser)"
    return NO_TEXT
