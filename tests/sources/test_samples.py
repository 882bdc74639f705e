"""Tests that every sample reads cleanly and carries the metadata the
samples README promises: it is what a new user ingests first."""

from __future__ import annotations

from pathlib import Path

from workbench.domain.models import Document
from workbench.sources import ReadError, discover, iter_documents

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
SEED = REPO.parent / "shared" / "eval" / "seed" / "militia-strikes.txt"


def samples() -> list[Document | ReadError]:
    return list(iter_documents([str(SAMPLES)]))


def test_every_sample_reads_without_error():
    items = samples()
    assert [i for i in items if isinstance(i, ReadError)] == []
    assert len(items) == 8  # five single-article files and three JSON Lines records
    for doc in items:
        assert doc.title
        if doc.headline is not None:
            assert doc.text[doc.headline.start : doc.headline.end] == doc.headline.text


def test_readme_is_not_ingested():
    assert not any(path.endswith("README.md") for path in discover([str(SAMPLES)]))


def test_formats_covered():
    assert {doc.format for doc in samples()} == {"txt", "md", "html", "jsonl"}


def test_seed_copy_is_byte_exact():
    copy = (SAMPLES / "militia-strikes.txt").read_bytes()
    if SEED.exists():  # shared/ sits beside the repository on project machines
        assert copy == SEED.read_bytes()
    [doc] = iter_documents([str(SAMPLES / "militia-strikes.txt")])
    assert doc.text == copy.decode("utf-8")


def test_html_sample_keeps_only_the_article():
    [doc] = iter_documents([str(SAMPLES / "council-budget.html")])
    assert (doc.author, doc.published, doc.outlet) == (
        "Daniel Mwangi",
        "2024-06-19",
        "The Riverton Ledger",
    )
    assert doc.url == "https://rivertonledger.example/news/2024/06/council-budget-library-cuts"
    assert doc.text.startswith(
        "Riverton Council Approves Budget With Library Cuts, Pool Reprieve\n\n"
        "The Riverton City Council voted 6-3"
    )
    for junk in ("gtag", "dataLayer", "font-family", "Subscribe", "Most Read", "Privacy Policy",
                 "free articles", "Search the Ledger", "Obituaries"):
        assert junk not in doc.text, junk
    assert "Library Director Susan Oyelaran said" in doc.text


def test_jsonl_sample_metadata():
    docs = list(iter_documents([str(SAMPLES / "wire-briefs.jsonl")]))
    assert [(d.external_id, d.line) for d in docs] == [
        ("cw-2024-0412", 1),
        ("cw-2024-0415", 2),
        ("20240418", 3),
    ]
    assert docs[1].author == "Samuel Osei, Marta Kowal"
    assert docs[1].headline is None and docs[1].title == "Court Orders Release of Port Expansion Study"
    assert docs[2].published == "2024-04-18"
    assert all(d.url.startswith("https://coastalwire.example/") for d in docs)


def test_markdown_sample_front_matter():
    [doc] = iter_documents([str(SAMPLES / "measles-clinic.md")])
    assert doc.author == "Priya Raman" and doc.outlet == "Valley Courier"
    assert doc.text.startswith("# Measles Cases Rise to 19")
    assert "author:" not in doc.text


def test_bracket_sample_is_literal():
    [doc] = iter_documents([str(SAMPLES / "website-glitch.txt")])
    raw = (SAMPLES / "website-glitch.txt").read_text(encoding="utf-8")
    assert doc.text == raw
    assert "[bold]CLOSED[/bold]" in doc.text and "[link=/pools]" in doc.text
