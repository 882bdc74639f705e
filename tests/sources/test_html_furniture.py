"""Real-page shapes, on small pages of our own: furniture out of the stored
text, article text kept whole, metadata right (issue 13)."""

from __future__ import annotations

import pytest
from lxml import etree
from trafilatura import extract

from workbench.domain import analyse
from workbench.sources import iter_documents
from workbench.sources.pageblocks import LINK_START, LINK_END, mark_links, prune, unmark
from workbench.sources.pagemeta import clean_author

ARTICLE = [
    "The harbour bridge will reopen to traffic in May after two years of repairs, the city council said on Tuesday.",
    "Engineers found about 157,000 square feet of corroded steel, and the work ran over budget by $4.2 million, "
    "according to a report released at 8:51 p.m. on Monday.",
    '"We are nearly there," said Mayor Tom Berg, who took office in January. "The last coat of paint goes on '
    'next month."',
    "Drivers have used a detour through the old town since the closure, adding about 20 minutes to a typical "
    "commute, residents said.",
]


def page(*blocks: str, title: str = "Harbour bridge to reopen in May, council says | Harbour News",
         h1: str = "Harbour bridge to reopen in May, council says", meta: str = "") -> str:
    body = "\n".join(blocks)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="og:site_name" content="Harbour News">{meta}</head>'
            f"<body><article><h1>{h1}</h1>\n{body}\n</article></body></html>")


def p(text: str) -> str:
    return f"<p>{text}</p>"


def read(tmp_path, html: str):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (doc,) = list(iter_documents([str(path)]))
    return doc


FURNITURE_BLOCKS = {
    "share bar": "<ul><li>Share on Facebook</li><li>Tweet this</li><li>Reprints</li></ul>",
    "link teaser": '<p><a href="/news/ferry">[Read: Ferry fares rise again as the bridge stays shut]</a></p>',
    "code": "<pre><code>for span in bridge.spans: span.paint()</code></pre>",
}


@pytest.mark.parametrize("name", FURNITURE_BLOCKS)
def test_furniture_block_is_not_stored(tmp_path, name):
    block = FURNITURE_BLOCKS[name]
    html = page(p(ARTICLE[0]), p(ARTICLE[1]), block, p(ARTICLE[2]), p(ARTICLE[3]))
    furniture_text = extract(block) or block.split(">", 2)[-1].split("<")[0]
    marker = furniture_text.strip().split()[0].strip("[")
    assert marker in (extract(html, include_comments=False) or ""), "trafilatura alone keeps it"
    doc = read(tmp_path, html)
    assert marker not in doc.text
    for para in ARTICLE:
        assert para in doc.text


def test_furniture_section_goes_up_to_the_next_heading(tmp_path):
    html = page(*map(p, ARTICLE), "<h3>You Might Also Like</h3>", p("Loading Comments..."),
                "<h3>Comments</h3>", p("Please sign in to comment on this story."))
    doc = read(tmp_path, html)
    assert "You Might Also Like" not in doc.text and "Loading" not in doc.text
    assert doc.text.rstrip().endswith(ARTICLE[-1])


def test_a_related_box_inside_the_article_keeps_the_article_after_it(tmp_path):
    html = page(p(ARTICLE[0]), "<h3>Related</h3>", '<ul><li><a href="/x">Old town plan approved</a></li>'
                '<li><a href="/y">Ferry route opens</a></li></ul>', *map(p, ARTICLE[1:]))
    doc = read(tmp_path, html)
    for para in ARTICLE:
        assert para in doc.text
    assert "Ferry route opens" not in doc.text


def test_teasers_under_a_linked_headline_are_not_stored(tmp_path):
    html = page(*map(p, ARTICLE), '<h2><a href="/z">Ferry strike ends</a></h2>',
                '<p>Crews return to work after a week-long strike over pay. <a href="/z">Full Article</a></p>')
    doc = read(tmp_path, html)
    assert "Ferry strike" not in doc.text and "Crews return" not in doc.text


def test_list_items_that_open_with_a_linked_headline_are_not_stored(tmp_path):
    items = "".join(f'<li><h3><a href="/{i}">{head}</a></h3><h4>{dek}</h4></li>' for i, (head, dek) in enumerate([
        ("Ferry strike ends", "Crews return to work after a week-long strike over pay"),
        ("Old town plan approved", "The council backs a car-free centre from next year"),
    ]))
    doc = read(tmp_path, page(*map(p, ARTICLE), f"<ul>{items}</ul>"))
    assert "Crews return" not in doc.text and "car-free" not in doc.text
    assert ARTICLE[-1] in doc.text


def test_a_list_item_that_opens_with_a_link_inside_its_sentence_is_kept(tmp_path):
    item = '<ul><li><a href="/eu">The city must keep the ferry</a> to serve the islands, the mayor said</li></ul>'
    doc = read(tmp_path, page(*map(p, ARTICLE[:2]), item, *map(p, ARTICLE[2:])))
    assert "The city must keep the ferry to serve the islands, the mayor said" in doc.text


def test_a_closing_run_of_truncated_excerpts_is_not_stored(tmp_path):
    teasers = [
        "The founder of a yoga chain was found dead at a home in San Diego on Monday, and police said they "
        "received a call for a welfare check at about 12:15 p.m. Officers found a man identified as",
        "A photographer and Navy veteran is fighting back after a photo she posted to Facebook started an "
        "online backlash over the flag, which she said was meant as an honor and a tribute to her",
        "An eight-year-old boy has been credited with saving his mother and his dog after the two fell into an "
        "icy pond in Illinois this past weekend, and the boy called for help from a",
    ]
    doc = read(tmp_path, page(*map(p, ARTICLE + teasers)))
    assert ARTICLE[-1] in doc.text
    assert "yoga" not in doc.text and "icy pond" not in doc.text


def test_one_paragraph_cut_short_is_kept(tmp_path):
    cut = ("Crews will repaint the towers next, a job the council expects to take most of the spring and "
           "which the mayor called the last step before")
    doc = read(tmp_path, page(*map(p, ARTICLE[:2]), p(cut), *map(p, ARTICLE[2:])))
    assert cut in doc.text


def tree(xml: str) -> etree._Element:
    """trafilatura-shaped XML, each <ref> standing for a marked link."""
    return etree.fromstring(f"<body>{xml}</body>".replace("<ref>", LINK_START).replace("</ref>", LINK_END))


def pruned(xml: str) -> str:
    """The text left of trafilatura-shaped XML after ``prune``."""
    body = tree(xml)
    prune(body)
    return " ".join(unmark("".join(body.itertext())).split())


def test_marked_links_leave_the_text_as_it_was():
    html = '<p>Apple will <a href="/k">transition its lineup</a>, and <a href="/m"> MacBook</a>s too <a href="/i"><img></a>'
    marked = mark_links(html)
    assert marked.count(LINK_START) == marked.count(LINK_END) == 2
    assert unmark(marked) == html
    assert f">{LINK_START}transition its lineup{LINK_END}</a>," in marked
    assert f"> {LINK_START}MacBook{LINK_END}</a>s" in marked


@pytest.mark.parametrize(
    "xml, kept",
    [
        # A sentence of the article's own that is all link stays.
        ('<p><ref>The council report found that the repairs cost far more than planned because '
         "of corrosion.</ref></p>", True),
        # A linked headline in title case does not.
        ('<p><ref>Council Report Finds Repairs Cost Far More Than Planned Because Of Corrosion '
         "Damage.</ref></p>", False),
        ("<p>See the <ref>council report</ref> for the figures the engineers gave the city.</p>", True),
        ("<list><item>Previous</item><item>Next</item></list>", False),
        ("<list><item>Crews work at night.</item><item>Traffic moves.</item></list>", True),
        ("<code>span.paint()</code>", False),
        ("<p>Crews use <code>span.paint()</code> daily.</p>", True),
    ],
)
def test_prune_rules_on_trafilatura_trees(xml, kept):
    before = " ".join(unmark("".join(tree(xml).itertext())).split())
    assert (pruned(xml) == before) is kept


def test_embedded_post_keeps_its_text_and_its_signature_is_no_claim(tmp_path):
    tweet = ('<blockquote class="twitter-tweet"><p>Bridge is finally getting its paint, what a day</p>'
             '<p>— Ana Ruiz (@anaruiz) <a href="https://x.com/anaruiz/status/1">May 3, 2015</a></p></blockquote>')
    doc = read(tmp_path, page(*map(p, ARTICLE[:2]), tweet, *map(p, ARTICLE[2:])))
    line = doc.text.index("Bridge is finally")
    claims = analyse(doc.text, doc.headline).claims
    assert any(line <= c.start < line + 50 for c in claims)
    assert not any("@anaruiz" in c.text for c in claims)


def test_headline_drops_the_site_suffix_and_is_stored_once(tmp_path):
    doc = read(tmp_path, page(*map(p, ARTICLE)))
    assert doc.title == "Harbour bridge to reopen in May, council says"
    assert doc.text.count(doc.title) == 1 and doc.text.startswith(doc.title)


def test_a_section_name_in_h1_gives_way_to_the_title_the_text_opens_with(tmp_path):
    html = page("<h2>Harbour bridge to reopen in May</h2>", *map(p, ARTICLE),
                title="Harbour bridge to reopen in May", h1="Transport Health Center")
    doc = read(tmp_path, html)
    assert doc.title == "Harbour bridge to reopen in May"
    assert "Transport Health Center" not in (doc.title or "")


@pytest.mark.parametrize(
    "raw, published, expected",
    [
        ("No Author", None, None),
        ("Username", None, None),
        ("CBS News February", None, None),
        ("GILLIAN MOHNEY March", "2015-03-12", "Gillian Mohney"),
        ("Joshua Sokol May", "2017-05-20", "Joshua Sokol"),
        ("Theresa May", None, "Theresa May"),
        ("Brenda Goodman; MA", None, "Brenda Goodman"),
        ("Lucy Berry; Lberry Com", None, "Lucy Berry"),
        ("Stevie Martin; Staff Writer; Tuesday", None, "Stevie Martin"),
        ("Keith Spera; NOLA com; The Times-Picayune", None, "Keith Spera"),
        ("Jeffrey Gettleman; JEFFREY GETTLEMAN", None, "Jeffrey Gettleman"),
        ("Fox News View author archive Get author RSS feed Name Email Comment", None, None),
        ("Googletag Cmd Push Dfp Ad Pg Author Sec 1", None, None),
        ("Steve Matthews; Alex Tanzi", None, "Steve Matthews; Alex Tanzi"),
        ("Lena deCasparis", None, "Lena deCasparis"),
    ],
)
def test_author_field_keeps_only_names(raw, published, expected):
    assert clean_author(raw, published=published) == expected


def test_junk_author_is_not_the_reporter(tmp_path):
    doc = read(tmp_path, page(*map(p, ARTICLE), meta='<meta name="author" content="No Author">'))
    assert doc.author is None


def test_caption_on_the_first_line_of_a_text_file_is_not_the_title(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Crews paint the harbour bridge in Lisbon, May 3, 2015. (AP Photo/Jo Lee)\n\n"
                    "Harbour bridge to reopen in May\n\n" + "\n\n".join(ARTICLE) + "\n", encoding="utf-8")
    (doc,) = list(iter_documents([str(path)]))
    assert doc.title == "Harbour bridge to reopen in May"
    assert doc.text[doc.headline.start : doc.headline.end] == doc.title
