"""Tests for workbench.sources: each bad input is read exactly or gives one
clear ReadError, and large inputs are handled in bounded memory."""

from __future__ import annotations

import io
import json
import logging
import os
import socket
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.badinput.make_large import (
    make_huge_article,
    make_jsonl_with_long_line,
    make_long_line,
)
from workbench.domain.models import Document
from workbench.sources import (
    SUPPORTED_EXTENSIONS,
    ReadError,
    discover,
    iter_documents,
    limits,
    rawfile,
    read,
)

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "badinput"
MB = 1_000_000


def read_all(*paths: str | Path, stdin=None) -> list[Document | ReadError]:
    return list(iter_documents([str(p) for p in paths], stdin=stdin))


def read_one(path: str | Path, stdin=None) -> Document | ReadError:
    items = read_all(path, stdin=stdin)
    assert len(items) == 1, items
    return items[0]


def assert_headline_consistent(doc: Document) -> None:
    if doc.headline is not None:
        assert doc.text[doc.headline.start : doc.headline.end] == doc.headline.text


# --- fixtures read correctly: (file, exact text, title, encoding) ---------------

GOOD_FIXTURES = [
    (
        "utf16-bom.txt",
        "Café owners protest new tax\r\n\r\n“We cannot pay this,” said Marie Dubois,"
        " who runs a café on the square.\r\n",
        "Café owners protest new tax",
        "utf-16",
    ),
    (
        "utf8-bom.txt",
        "Harbour ferry fares to rise\n\nFares will rise 5% in June, the operator said.\n",
        "Harbour ferry fares to rise",
        "utf-8-sig",
    ),
    (
        "latin1.txt",
        "Le maire promet une nouvelle bibliothèque\n\n« Nous sommes prêts », a déclaré le"
        " maire de la ville, selon qui les travaux débuteront à l'été. Die Brücke über"
        " den Fluß bleibt geöffnet.\n",
        "Le maire promet une nouvelle bibliothèque",
        "cp1252",
    ),
    (
        "cp1252-quotes.txt",
        "Minister defends €40m budget\n\n“We will not back down,” the minister said —"
        " aides called the plan ‘final’… It costs €40 million.\n",
        "Minister defends €40m budget",
        "cp1252",
    ),
    (
        "crlf.txt",
        "Council delays vote\r\n\r\nThe council said on Monday it would delay the"
        ' vote.\r\n"We need more time," a spokesperson said.\r\n',
        "Council delays vote",
        "utf-8",
    ),
    (
        "markup-ansi.txt",
        "[bold]Not bold[/bold] and [red]not red[/] headline\n\nThe ministry said"
        " \x1b[31mred alert\x1b[0m was \x1b[1mover\x1b[0m. [link=https://example.org]"
        "click[/link] and [/] and \\[escaped] and $variable and {braces} and"
        ' <b>tag</b>.\n"An unbalanced quote, the spokesman said.\n',
        "[bold]Not bold[/bold] and [red]not red[/] headline",
        "utf-8",
    ),
    (
        "sql-looking.txt",
        "Robert'); DROP TABLE articles;-- named as suspect\n\nPolice said the suspect,"
        " who calls himself Robert'); DROP TABLE articles;--, was released."
        ' "SELECT * FROM claims WHERE 1=1; --" was painted on the wall, officials'
        " said. 100% of O'Brien's votes were counted.\n",
        "Robert'); DROP TABLE articles;-- named as suspect",
        "utf-8",
    ),
    (
        "rtl-cjk.txt",
        "وزير النقل يعلن خطة جديدة\n\nقال الوزير إن الجسر سيفتح في مايو.\n"
        "ראש העיר אמר כי הגשר ייפתח במאי.\n"
        "東京都の知事は「来月発表する」と述べた。市长表示，大桥将于五月开通。\n",
        "وزير النقل يعلن خطة جديدة",
        "utf-8",
    ),
    (
        "zero-width-control.txt",
        "Zero\u200bwidth\u200d head\u2060line\n\nThe mayor\u200b said\u00a0the vote was"
        " \u202eoverridden\u202c today.\x07 A bell\x08 and a form feed\x0c and DEL\x7f"
        " stay, officials said.\ufeff\n",
        "Zero\u200bwidth\u200d head\u2060line",
        "utf-8",
    ),
]


@pytest.mark.parametrize(
    "name, text, title, encoding", GOOD_FIXTURES, ids=[row[0] for row in GOOD_FIXTURES]
)
def test_fixture_is_read_exactly(name, text, title, encoding):
    doc = read_one(BAD / name)
    assert isinstance(doc, Document), doc
    assert doc.text == text
    assert doc.title == title
    assert doc.headline is not None and doc.headline.text == title
    assert_headline_consistent(doc)
    assert doc.extra["encoding"] == encoding
    assert doc.format == "txt"
    assert doc.source == str(BAD / name)


def test_guessed_encoding_is_flagged():
    assert read_one(BAD / "latin1.txt").extra.get("encoding_guessed") is True
    assert "encoding_guessed" not in read_one(BAD / "crlf.txt").extra


# --- fixtures that give one ReadError: (file, key phrase) ----------------------

BAD_FIXTURES = [
    ("binary.txt", "binary file, not an article"),
    ("control-heavy.txt", "binary file, not an article"),
    ("empty.txt", "empty file"),
    ("whitespace-only.md", "empty file"),
    ("invalid-utf8.txt", "cannot decode: not UTF-8 and no other text encoding fits; re-save it as UTF-8"),
    ("json-not-object.json", "expected a JSON object or a list of objects, got a string"),
    ("json-missing-text.json", "no 'text' or 'body' field"),
    ("json-invalid.json", "invalid JSON"),
    ("utf16-bom.jsonl", "JSON Lines must be UTF-8"),
    ("deeply-nested.html", "no article text found in HTML"),
    ("scripts-only.html", "no article text found in HTML"),
    (
        "notes.xyz",
        "unsupported file type '.xyz' (supported: .txt, .md, .markdown, .html, .htm, .json, .jsonl)",
    ),
]


@pytest.mark.parametrize("name, phrase", BAD_FIXTURES, ids=[row[0] for row in BAD_FIXTURES])
def test_bad_fixture_gives_one_read_error(name, phrase):
    error = read_one(BAD / name)
    assert isinstance(error, ReadError), error
    assert error.source == str(BAD / name)
    assert error.line is None
    assert phrase in error.message
    assert "\n" not in error.message


def test_deep_nesting_names_the_parser_limit():
    assert "nested over 255 deep" in read_one(BAD / "deeply-nested.html").message


def test_read_error_str():
    assert str(ReadError("a.jsonl", "invalid JSON", line=3)) == "a.jsonl:3: invalid JSON"
    assert str(ReadError("a.txt", "empty file")) == "a.txt: empty file"


# --- JSON and JSON Lines ---------------------------------------------------------


def test_jsonl_good_lines_survive_bad_lines():
    path = str(BAD / "jsonl-one-bad-line.jsonl")
    items = read_all(path)
    summary = [
        (type(item).__name__, item.line, getattr(item, "external_id", None)) for item in items
    ]
    assert summary == [
        ("Document", 1, "r1"),
        ("Document", 2, "2"),
        ("ReadError", 3, None),
        # line 4 is blank and skipped
        ("Document", 5, "r4"),
        ("ReadError", 6, None),
        ("ReadError", 7, None),
    ]
    assert all(item.source == path for item in items)
    first, second, bad, fourth, not_object, no_text = items
    assert first.title == "Water rates frozen"
    assert first.author == "Li Wei, Sam Ode"
    assert first.published == "2024-05-01"
    assert first.url == "https://example.org/r1"
    assert first.format == "jsonl"
    assert first.headline.text == "Water rates frozen"
    assert second.published == "2024-05-02"  # from "date"
    assert bad.message == "invalid JSON: Unterminated string starting at column 51"
    assert str(bad).startswith(f"{path}:3: invalid JSON")
    # A given title that the body does not start with: text as given, no headline.
    assert fourth.text == "Free school meals will reach 20,000 more pupils, officials said."
    assert fourth.title == "School meals expanded"
    assert fourth.headline is None
    assert fourth.outlet == "Valley Courier"
    assert "got a list" in not_object.message
    assert no_text.message == "no 'text' or 'body' field"


def test_jsonl_that_is_not_json_lines_stops_early(tmp_path):
    path = tmp_path / "prose.jsonl"
    path.write_text("A line of prose.\n" * 500, encoding="utf-8")
    items = read_all(path)
    assert len(items) == 21
    assert all(isinstance(i, ReadError) for i in items)
    assert [i.line for i in items[:20]] == list(range(1, 21))
    assert items[20].line is None
    assert items[20].message == "stopped after 20 bad lines and no good one: is this JSON Lines?"


def test_json_list_yields_good_items_and_names_bad_ones():
    path = str(BAD / "json-list-mixed.json")
    items = read_all(path)
    assert [type(item).__name__ for item in items] == ["Document", "ReadError", "ReadError"]
    assert items[0].external_id == "a1"
    assert items[0].text == "Port strike ends\n\nDock workers returned on Friday, the union said."
    assert items[1].message == "item 2: expected a JSON object, got a number"
    assert items[2].message == "item 3: no 'text' or 'body' field"


RECORD_ERRORS = [
    ('{"text": ["a", "b"]}', "'text' must be a string, got a list"),
    ('{"body": "   "}', "empty 'body' field"),
    ('{"text": "Body.", "author": ["Ana", 3]}', "'author' must be a string or a list of strings"),
    ('{"text": "Body.", "id": true}', "'id' must be a string or an integer, got a boolean"),
    ('{"text": "Body.", "title": 12}', "'title' must be a string, got a number"),
    ("[]", "empty JSON list"),
    ('{"text": "The storm destroyed \\ud800 forty homes."}', "'text' field: holds half of a surrogate pair ('\\ud800')"),
    ('{"text": "Body.", "title": "Storm \\udc00"}', "'title' field: holds half of a surrogate pair ('\\udc00')"),
    ("[" * 100_000 + "]" * 100_000, "invalid JSON"),
]


@pytest.mark.parametrize("content, phrase", RECORD_ERRORS)
def test_json_record_errors(tmp_path, content, phrase):
    path = tmp_path / "record.json"
    path.write_text(content, encoding="utf-8")
    error = read_one(path)
    assert isinstance(error, ReadError), error
    assert phrase in error.message


def test_json_title_rules(tmp_path):
    path = tmp_path / "records.json"
    path.write_text(
        '[{"title": "Bridge  opens", "text": "\\n  Bridge opens\\n\\nThe mayor said so."},'
        ' {"text": "Ferry halted\\n\\nStorms closed the route."},'
        ' {"title": "Only metadata", "text": "The council met."}]',
        encoding="utf-8",
    )
    matched, untitled, separate = read_all(path)
    assert matched.title == "Bridge opens"
    assert matched.headline.start == 3 and matched.headline.text == "Bridge opens"
    assert untitled.title == "Ferry halted" and untitled.headline.start == 0
    assert separate.text == "The council met." and separate.headline is None
    assert separate.title == "Only metadata"


# --- nothing raises -----------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    extension=st.sampled_from(sorted(SUPPORTED_EXTENSIONS)),
    data=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: st.lists(inner, max_size=4)
            | st.dictionaries(st.sampled_from(["text", "body", "title", "id", "author", "date"]), inner, max_size=4),
            max_leaves=10,
        ).map(lambda v: json.dumps(v).encode()),
    ),
)
def test_arbitrary_bytes_never_raise(tmp_path_factory, extension, data):
    path = tmp_path_factory.mktemp("any") / f"input{extension}"
    path.write_bytes(data)
    items = read_all(path)
    assert items, "every input gives at least one Document or ReadError"
    for item in items:
        assert isinstance(item, (Document, ReadError))
        if isinstance(item, Document):
            assert item.text.strip()
            assert_headline_consistent(item)
        else:
            assert item.message and "\n" not in item.message


# --- plain text ------------------------------------------------------------------


def test_txt_text_is_the_decoded_file_byte_for_byte():
    path = BAD / "crlf.txt"
    doc = read_one(path)
    assert doc.text == path.read_bytes().decode("utf-8")
    assert doc.text.count("\r\n") == 4


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        min_size=1,
    ).filter(lambda t: t.strip() and limits_ok(t))
)
def test_any_utf8_text_round_trips(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("rt") / "article.txt"
    path.write_bytes(text.encode("utf-8"))
    doc = read_one(path)
    # A leading U+FEFF is a BOM by definition; everything else is kept.
    assert doc.text == text.removeprefix("\ufeff")
    assert_headline_consistent(doc)


def limits_ok(text: str) -> bool:
    from workbench.sources.decode import control_share

    return control_share(text) <= limits.MAX_CONTROL_SHARE


def test_first_line_too_long_for_a_headline(tmp_path):
    path = make_long_line(tmp_path)
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert len(doc.text) == path.stat().st_size == 5 * 1024 * 1024
    assert doc.headline is None
    assert doc.title.endswith("…") and len(doc.title) <= limits.MAX_TITLE_CHARS + 1


def test_lone_carriage_returns_end_lines(tmp_path):
    path = tmp_path / "mac.txt"
    path.write_bytes(b"\r  Old Mac title  \rBody text.\r")
    doc = read_one(path)
    assert doc.title == "Old Mac title"
    assert doc.headline.start == 3
    assert doc.text == "\r  Old Mac title  \rBody text.\r"


def test_undecodable_utf16_after_bom(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\xff\xfeA\x00\x00\xd8")  # a lone surrogate after the BOM
    assert "not valid UTF-16" in read_one(path).message


# --- Markdown ----------------------------------------------------------------------


def test_markdown_front_matter_and_heading(tmp_path):
    path = tmp_path / "story.md"
    path.write_bytes(
        b"---\r\ntitle: \"Harbour wall to be rebuilt\"\r\nauthor: Ines Carvalho\r\n"
        b"date: 2024-06-03\r\nurl: https://example.org/wall\r\noutlet: Coast Post\r\n"
        b"tags: [a, b]\r\n---\r\n# Harbour wall  to be rebuilt #\r\n\r\nThe port said so.\r\n"
    )
    doc = read_one(path)
    assert doc.text == "# Harbour wall  to be rebuilt #\r\n\r\nThe port said so.\r\n"
    assert doc.title == "Harbour wall to be rebuilt"
    assert doc.headline.text == "Harbour wall  to be rebuilt"
    assert doc.headline.start == 2
    assert (doc.author, doc.published, doc.url, doc.outlet) == (
        "Ines Carvalho",
        "2024-06-03",
        "https://example.org/wall",
        "Coast Post",
    )
    assert doc.extra["front_matter"]["tags"] == "a, b"
    assert doc.format == "md"


MARKDOWN_TITLES = [
    ("Intro line\n\n# Real Title\n", "Real Title"),
    ("```\n# not a heading\n```\n\n# Heading\n", "Heading"),
    ("## Second level first\n\nBody.\n", "Second level first"),
    ("Plain first line\nBody.\n", "Plain first line"),
    ("#hashtag is not a heading\n", "#hashtag is not a heading"),
]


@pytest.mark.parametrize("text, title", MARKDOWN_TITLES)
def test_markdown_titles(tmp_path, text, title):
    path = tmp_path / "t.markdown"
    path.write_text(text, encoding="utf-8")
    doc = read_one(path)
    assert doc.text == text
    assert doc.title == title
    assert doc.headline.text == title
    assert_headline_consistent(doc)


def test_markdown_with_only_front_matter(tmp_path):
    path = tmp_path / "meta.md"
    path.write_text("---\ntitle: x\n---\n\n", encoding="utf-8")
    assert read_one(path).message == "no article text after the front matter"


# --- HTML --------------------------------------------------------------------------


def test_html_main_text_excludes_script_style_and_nav():
    doc = read_one(BAD / "script-style-heavy.html")
    assert isinstance(doc, Document), doc
    assert "SECRET" not in doc.text
    assert "tracker" not in doc.text and "color:red" not in doc.text
    assert doc.text == (
        "Tram line opens after delays\n\n"
        "The new tram line opened on Saturday, two years later than planned, the regional"
        " transport authority said.\n\n"
        "“This is a good day for commuters,” said Transport Minister Ana Ruiz at the"
        " opening ceremony in the city centre.\n\n"
        "A report released Tuesday found the project ran 30% over budget, according to"
        " the auditor."
    )
    assert doc.headline.start == 0 and doc.headline.text == "Tram line opens after delays"
    assert doc.format == "html"


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="windows-1252">
<title>Ferry fares frozen | Coast Post</title>
<meta name="author" content="Ines Carvalho">
<meta property="article:published_time" content="2024-06-03T08:00:00Z">
<meta property="og:site_name" content="Coast Post">
<meta property="og:url" content="https://example.org/ferry">
<meta property="og:title" content="Ferry fares frozen">
</head><body><nav>Home News Sport</nav>
<article><h1>Ferry fares frozen</h1>
<p>Ferry fares will not rise this year, the operator said on Monday, after a caf\xe9 owners\x92 petition.</p>
<p>\x93We listened,\x94 said chief executive Tom Ashby, who added that fuel costs had fallen.</p>
</article><footer>Copyright Coast Post</footer></body></html>
"""


def test_html_metadata_and_declared_charset(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes(PAGE.encode("latin-1"))
    doc = read_one(path)
    assert isinstance(doc, Document), doc
    assert doc.title == "Ferry fares frozen"
    assert doc.author == "Ines Carvalho"
    assert doc.published == "2024-06-03"
    assert doc.url == "https://example.org/ferry"
    assert doc.outlet == "Coast Post"
    assert doc.extra["encoding"] == "cp1252"
    assert doc.text.startswith("Ferry fares frozen\n\nFerry fares will not rise")
    assert "café owners’ petition" in doc.text and "“We listened,”" in doc.text
    assert "Home News" not in doc.text and "Copyright" not in doc.text


def test_html_needs_no_network(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.encode("latin-1"))
    assert isinstance(read_one(path), Document)


def test_html_log_noise_stays_out_of_the_terminal(capfd):
    seen: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record):
            seen.append(record)

    root = logging.getLogger()
    handler = Collect(level=logging.DEBUG)
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        # trafilatura logs "discarding data" at WARNING for pages with no text.
        assert isinstance(read_one(BAD / "scripts-only.html"), ReadError)
        assert isinstance(read_one(BAD / "script-style-heavy.html"), Document)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    noisy = ("trafilatura", "htmldate", "courlan", "justext")
    assert [r.name for r in seen if r.name.split(".")[0] in noisy] == []
    out, err = capfd.readouterr()
    assert out == "" and err == ""


# --- stdin -------------------------------------------------------------------------

STDIN_CASES = [
    (b"  Bridge opens\n\nThe mayor said so.\n", "txt", "Bridge opens"),
    (b'\n {"title": "From pipe", "text": "From pipe\\n\\nBody."}', "json", "From pipe"),
    (
        b"<html><head><title>Piped page</title></head><body><article><p>The council said"
        b" the piped page has enough words to count as an article body.</p></article>"
        b"</body></html>",
        "html",
        "Piped page",
    ),
    ("Caf\u00e9 d\u00e9cid\u00e9\n\nLe maire a parl\u00e9.\n".encode("cp1252"), "txt", "Café décidé"),
]


@pytest.mark.parametrize("data, detected, title", STDIN_CASES)
def test_stdin_formats(data, detected, title):
    doc = read_one("-", stdin=io.BytesIO(data))
    assert isinstance(doc, Document), doc
    assert (doc.source, doc.format) == ("-", "stdin")
    assert doc.extra["detected_format"] == detected
    assert doc.title == title
    assert_headline_consistent(doc)


def test_stdin_html_uses_its_declared_charset():
    doc = read_one("-", stdin=io.BytesIO(PAGE.encode("latin-1")))
    assert doc.extra["encoding"] == "cp1252" and "encoding_guessed" not in doc.extra
    assert "café owners’ petition" in doc.text


def test_stdin_text_stream_is_read_through_its_buffer():
    stream = io.TextIOWrapper(io.BytesIO(b"Title\r\n\r\nBody.\r\n"), encoding="ascii")
    doc = read_one("-", stdin=stream)
    assert doc.text == "Title\r\n\r\nBody.\r\n"


def test_stdin_string_stream():
    doc = read_one("-", stdin=io.StringIO("Título\n\nCuerpo.\n"))
    assert doc.text == "Título\n\nCuerpo.\n"


def test_stdin_json_lines():
    data = b'{"id": 1, "text": "One\\n\\nA."}\n{"id": 2, "text": "Two\\n\\nB."}\n{oops}\n'
    items = read_all("-", stdin=io.BytesIO(data))
    assert [(type(i).__name__, i.line) for i in items] == [
        ("Document", 1),
        ("Document", 2),
        ("ReadError", 3),
    ]
    assert items[0].external_id == "1" and items[0].format == "stdin"
    assert items[0].extra["detected_format"] == "jsonl"
    assert str(items[2]).startswith("-:3: invalid JSON")


@pytest.mark.parametrize(
    "data, phrase",
    [(b"", "empty file"), (b"\x00\x01\x02binary", "binary file"), (b" \n\n", "empty file")],
)
def test_stdin_errors(data, phrase):
    error = read_one("-", stdin=io.BytesIO(data))
    assert isinstance(error, ReadError) and error.source == "-"
    assert phrase in error.message


def test_stdin_over_the_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ARTICLE_BYTES", 1000)
    error = read_one("-", stdin=io.BytesIO(b"x" * 5000))
    assert error.message == "too large (over the 0.001 MB limit)"


# --- discovery ---------------------------------------------------------------------


def make_tree(root: Path) -> None:
    for rel in [
        "b.txt",
        "a.md",
        "sub/z.json",
        "sub/deeper/c.jsonl",
        "sub/.hidden.txt",
        ".git/config.txt",
        "README.md",
        "notes.pdf",
        "page.HTML",
    ]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")


def test_discover_recurses_sorted_and_skips_hidden(tmp_path):
    make_tree(tmp_path)
    top = str(tmp_path) + "/"
    assert discover([top]) == [
        top + "a.md",
        top + "b.txt",
        top + "page.HTML",
        top + "sub/deeper/c.jsonl",
        top + "sub/z.json",
    ]


def test_discover_keeps_files_stdin_and_reports_missing(tmp_path):
    make_tree(tmp_path)
    hidden = str(tmp_path / "sub" / ".hidden.txt")
    missing = str(tmp_path / "gone.txt")
    result = discover([hidden, "-", missing, str(tmp_path / "notes.pdf")])
    assert result[:2] == [hidden, "-"]
    assert result[2] == ReadError(missing, "no such file or directory")
    assert result[3] == str(tmp_path / "notes.pdf")


def test_folder_without_supported_files(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x.pdf").write_bytes(b"%PDF")
    (tmp_path / "other" / ".hidden.txt").write_text("x")
    [empty] = discover([str(tmp_path / "empty")])
    [other] = discover([str(tmp_path / "other")])
    assert isinstance(empty, ReadError) and empty.message.startswith("no supported files in folder")
    assert "1 other file(s) skipped" in other.message


def test_source_joins_the_given_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "arts" / "sub").mkdir(parents=True)
    (tmp_path / "arts" / "sub" / "one.txt").write_text("One\n\nBody.\n")
    assert [d.source for d in read_all("arts")] == ["arts/sub/one.txt"]
    assert [d.source for d in read_all("arts/")] == ["arts/sub/one.txt"]


def test_supported_extensions():
    assert set(SUPPORTED_EXTENSIONS) == {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}


# --- unreadable and special files --------------------------------------------------


def test_permission_denied_is_a_read_error(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Title\n\nBody.\n")

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(rawfile, "open", deny, raising=False)
    error = read_one(path)
    assert isinstance(error, ReadError)
    assert error.message.startswith("permission denied")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_for_real(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Title\n\nBody.\n")
    path.chmod(0)
    assert read_one(path).message.startswith("permission denied")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert read_one(path).message == "not a regular file"


# --- large inputs and memory -------------------------------------------------------


def test_huge_file_is_refused_from_its_size_alone(tmp_path, monkeypatch):
    path = make_huge_article(tmp_path)

    def no_open(*args, **kwargs):
        raise AssertionError("an oversized file was opened")

    monkeypatch.setattr(rawfile, "open", no_open, raising=False)
    tracemalloc.start()
    try:
        error = read_one(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error == ReadError(str(path), "too large (52.4 MB > 20 MB limit)")
    assert peak < 1 * MB


def test_jsonl_line_over_the_limit_is_skipped_in_bounded_memory(tmp_path, monkeypatch):
    path = make_jsonl_with_long_line(tmp_path)
    monkeypatch.setattr(limits, "MAX_ARTICLE_BYTES", 1 * MB)
    tracemalloc.start()
    try:
        items = read_all(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(type(i).__name__, i.line) for i in items] == [
        ("Document", 1),
        ("ReadError", 2),
        ("Document", 3),
    ]
    assert items[1].message == "line too large (5.2 MB > 1 MB limit)"
    assert items[2].external_id == "s3"
    assert peak < 3 * MB  # the 5 MB line is never held whole (readline may copy once)


def test_jsonl_long_line_within_the_limit_is_read(tmp_path):
    path = make_jsonl_with_long_line(tmp_path)
    items = read_all(path)
    assert [i.external_id for i in items] == ["s1", "big", "s3"]
    assert len(items[1].text) == 5 * 1024 * 1024


def test_folder_is_read_lazily(tmp_path, monkeypatch):
    for n in range(30):
        (tmp_path / f"{n:02}.txt").write_text(f"Story {n}\n\nBody.\n")
    calls: list[str] = []
    real = read.read_article_bytes

    def counting(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(read, "read_article_bytes", counting)
    items = iter_documents([str(tmp_path)])
    first = next(items)
    assert first.title == "Story 0"
    assert len(calls) == 1


def test_folder_memory_is_bounded(tmp_path):
    body = ("The council said the plan would go ahead. " * 1200).encode()  # ~50 kB
    for n in range(200):  # ~10 MB in all
        (tmp_path / f"{n:03}.txt").write_bytes(b"Story\n\n" + body)
    tracemalloc.start()
    try:
        count = sum(1 for item in iter_documents([str(tmp_path)]) if isinstance(item, Document))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 200
    assert peak < 2 * MB


# --- boundaries ----------------------------------------------------------------------


def test_sources_never_import_storage_or_ui_libraries():
    code = (
        "import sys, workbench.sources;"
        "bad = {'sqlite3', 'sqlite_utils', 'textual', 'click'} & set(sys.modules);"
        "print(sorted(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
