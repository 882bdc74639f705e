"""Provides annotated articles for training: reading them, their gold tags, and matching claims to them.

An annotated article is a dict ``{"id", "text", "attributions": [...]}``;
each attribution has ``source``, ``cue`` and ``content`` spans
(``{"start", "end", "text"}``, ``source`` and ``cue`` may be None, a
content may have ``fragments``) -- the PolNeAR-style JSONL the evaluation
data uses, and what ``workbench learn`` builds from reviewers' corrections.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from . import tagger
from .paragraphs import ModelParagraph


def read_jsonl(path: str | Path) -> list[dict]:
    """The annotated articles of a JSONL file (one article per line)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                art = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: not JSON ({e.msg})") from None
            if not isinstance(art, dict) or not isinstance(art.get("text"), str) \
                    or not isinstance(art.get("attributions"), list):
                raise ValueError(f"{path}:{n}: an article needs 'text' and 'attributions'")
            out.append(art)
    return out


def data_hash(articles: Iterable[dict]) -> str:
    """A SHA-256 of the articles' texts and annotations, in order (the manifest's training data hash)."""
    h = hashlib.sha256()
    for a in articles:
        h.update(json.dumps([a["text"], a["attributions"]], sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


def headline_span(text: str) -> tuple[int, int] | None:
    """The first non-empty line (a .txt file's title line), as offsets."""
    m = re.search(r"\S[^\n]*", text)
    if m is None:
        return None
    e = m.end()
    while e > m.start() and text[e - 1].isspace():
        e -= 1
    return m.start(), e


def gold_tags(para: ModelParagraph, attributions: list[dict]) -> np.ndarray:
    """The gold BIO tags of a paragraph's tokens: cue over source over content."""
    n = len(para.words)
    tags = np.zeros(n, np.int64)
    st = para.starts
    ps, pe = para.segment.start, para.segment.end

    def mark(s: int, e: int, b: int, i: int, override: bool) -> None:
        if e <= ps or s >= pe:
            return
        a = int(np.searchsorted(st, s, "left"))
        z = int(np.searchsorted(st, e, "left"))
        if z <= a:
            return
        seg = tags[a:z]
        if override:
            seg[:] = i
        else:
            seg[seg == tagger.O] = i
        if override or tags[a] == i:
            tags[a] = b

    for g in attributions:
        c = g["content"]
        for f in c.get("fragments") or [c]:
            mark(f["start"], f["end"], tagger.B_CON, tagger.I_CON, False)
    for g in attributions:
        if g.get("source"):
            mark(g["source"]["start"], g["source"]["end"], tagger.B_SRC, tagger.I_SRC, True)
    for g in attributions:
        if g.get("cue"):
            mark(g["cue"]["start"], g["cue"]["end"], tagger.B_CUE, tagger.I_CUE, True)
    # An inside tag after another role opens a run.
    for k in range(n):
        t = tags[k]
        if t in (tagger.I_SRC, tagger.I_CUE, tagger.I_CON):
            prev = tags[k - 1] if k else tagger.O
            if prev not in (t, t - 1):
                tags[k] = t - 1
    return tags


# ---------------------------------------------------------------- matching

_DROP = frozenset(
    "the a an this that these those some his her their its our my your mr mrs ms miss dr sen senator rep "
    "representative gov governor president secretary gen general prof professor judge mayor".split()
)


def name_tokens(name: str) -> frozenset[str]:
    """A speaker name as a set of lower-case tokens without titles and determiners."""
    s = unicodedata.normalize("NFKD", name or "").casefold()
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).replace("’", "'")
    s = re.sub(r"'s\b", " ", s)
    return frozenset(t for t in re.findall(r"[a-z0-9]+", s) if t not in _DROP)


def same_speaker(name: str, source_text: str) -> bool:
    """Whether a claim's speaker name fits an annotated source phrase (token subsets)."""
    a = name_tokens(name)
    if not a:
        return False
    for part in re.split(r"[,;()\u2013\u2014]", source_text):
        b = name_tokens(part)
        if b and (a <= b or b <= a):
            return True
    return False


def content_match(start: int, end: int, attribution: dict) -> bool:
    """A claim matches an annotated content when it covers half of it and is at most three times as long."""
    c = attribution["content"]
    frags = c.get("fragments") or [c]
    size = sum(f["end"] - f["start"] for f in frags)
    if size <= 0 or end - start > 3 * size:
        return False
    covered = sum(max(0, min(end, f["end"]) - max(start, f["start"])) for f in frags)
    return covered >= 0.5 * size
