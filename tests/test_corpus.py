"""The benchmark corpus generator: deterministic for a seed, about 4 KB, with the variety the issue lists."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

# Loaded by path: benchmarks/ is a folder of scripts, not a package (and some
# wheels install a top-level "benchmarks" package that would shadow it).
_SPEC = importlib.util.spec_from_file_location(
    "bench_corpus", Path(__file__).resolve().parent.parent / "benchmarks" / "corpus.py")
corpus = importlib.util.module_from_spec(_SPEC)
sys.modules["bench_corpus"] = corpus
_SPEC.loader.exec_module(corpus)


@pytest.fixture(scope="module")
def articles() -> list[str]:
    return list(corpus.generate(12, seed=0))


def test_same_seed_same_texts(articles):
    assert list(corpus.generate(12, seed=0)) == articles


def test_other_seed_other_texts(articles):
    assert list(corpus.generate(3, seed=1)) != articles[:3]


def test_article_i_depends_only_on_seed_and_i(articles):
    assert corpus.article(7, seed=0) == articles[7]


def test_about_four_kilobytes(articles):
    for text in articles:
        assert 3500 <= len(text.encode("utf-8")) <= 4800


def test_title_line_first_then_byline(articles):
    for text in articles:
        title, blank, byline = text.split("\n")[:3]
        assert title and title[0].isupper() and not title.endswith(".")
        assert blank == ""
        assert byline.startswith("By ") or " | " in byline


@pytest.mark.parametrize("feature, pattern", [
    ("direct quote", r"[\"\u201c][A-Z][^\"\u201d]+[,.][\"\u201d]"),
    ("indirect speech", r"\b(said|warned|argued|told reporters|noted) (that )?[a-z]"),
    ("according to", r"According to "),
    ("anonymous source", r"condition of anonymity|not authorized|requested anonymity"),
    ("organisational speaker", r"\b(Inc\.|Co\.|Ltd\.|Department|Authority|Board|Council|Agency|Office)\b[^.]* (said|announced|confirmed|denied)"),
    ("document", r"(report|poll|memo|study|audit|[Ff]ilings|Data from)\b.* (found|shows|suggests|concluded|estimated)"),
    ("hedge", r"is believed to|is thought to|reportedly|is said to|appears to|is expected to"),
    ("boilerplate", r"^(Read more:|Related:|Advertisement$|Sign up for|Copyright \d{4})"),
    ("caption credit", r"\([A-Z][a-z]+ [A-Z][\w-]+ / [^)]+\)"),
    ("abbreviation", r"\b(Sen|Rep|Gov|Dr|Gen|Prof|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\. |U\.S\. "),
])
def test_corpus_has_feature(articles, feature, pattern):
    hits = sum(bool(re.search(pattern, text, flags=re.M)) for text in articles)
    assert hits >= 1, f"no article has a {feature}"


def test_speakers_recur_across_articles(articles):
    names = [set(re.findall(r"\b([A-Z][a-z]+ [A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:,| said| told)", t)) for t in articles]
    shared = set.union(*[a & b for i, a in enumerate(names) for b in names[i + 1:]])
    assert shared, "no named speaker appears in two articles"


def test_write_corpus(tmp_path):
    paths = corpus.write_corpus(3, tmp_path, seed=0, jsonl=True)
    assert [p.name for p in paths] == ["article-000001.txt", "article-000002.txt", "article-000003.txt"]
    assert paths[0].read_text(encoding="utf-8") == corpus.article(0, seed=0)
    assert len((tmp_path / "corpus.jsonl").read_text(encoding="utf-8").splitlines()) == 3
