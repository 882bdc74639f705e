"""Provides the analysed article: a document with its claims, speakers, scores and fingerprints as plain values.

An ingest worker makes one per document (:func:`analyse_item`); the writer
stores it (:func:`unpack` gives what storage and triage take); ``workbench
extract`` writes it as one line of a JSONL shard and ``workbench load`` reads
it back (:func:`from_json`). It holds only lists, strings, numbers and None:
cheap to pickle between processes and to write as JSON, whatever extractor
made it (the extractor's objects never leave the worker).

A record::

    {"format": "workbench-analysed/1", "extractor": "0.1.0",
     "doc": {"text": ..., "source": ..., "format": "txt", "title": ..., ...},   # DOC_FIELDS
     "byline": "Jane Doe" | null,
     "speakers": [[name, kind, role, affiliation], ...],                      # distinct, first-seen order
     "claims": [[...], ...]}                                                  # CLAIM_FIELDS, in article order

A claim's ``speaker`` is an index into ``speakers`` (null: the reporter), its
``fingerprint`` is ``[normal form, [numbers], negated, exact key, band
hashes]`` (the key a signed 64-bit integer, which JSON readers other than
Python's may round; the 21 band hashes packed as 336 hex digits), and ``score``/``reasons`` are its check-worthiness as
``claim_scores`` stores them.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from .. import __version__
from ..domain.fingerprint import Fingerprint, fingerprints, pack_bands
from ..domain.models import Document, Speaker, SpeakerKind
from ..sources import ReadError
from ..storage.ingest import CLAIM_VALUE_COLUMNS, claim_surfaces, claim_values
from .triage import ClaimInputs, score_json

#: Stored with each article: the version of the workbench (and so of its extractor) that analysed it.
EXTRACTOR_VERSION = __version__
FORMAT = "workbench-analysed/2"  # 2: claims carry a confidence
DOC_FIELDS = ("text", "source", "format", "title", "author", "outlet", "url", "published", "external_id", "line")
CLAIM_FIELDS = (*CLAIM_VALUE_COLUMNS, "speaker", "surface", "speaker_kind", "score", "reasons", "fingerprint")

_N = len(CLAIM_VALUE_COLUMNS)
_TEXT, _START, _END, _S0, _S1 = (CLAIM_VALUE_COLUMNS.index(c) for c in ("text", "start", "end", "sentence_start",
                                                                          "sentence_end"))
_HEDGE, _ANON = CLAIM_VALUE_COLUMNS.index("hedge_cue"), CLAIM_VALUE_COLUMNS.index("anonymity_cue")
_AUTHOR = str(SpeakerKind.AUTHOR)
_FP_SLICE = 2000


class Outcome(NamedTuple):
    """What the writer receives for one input, in input order."""

    source: str
    #: The analysed article, or None when the input failed.
    record: dict | None
    #: The one-line error for an input that could not be read or analysed.
    failure: str | None


class Unpacked(NamedTuple):
    """A record as storage and triage take it."""

    doc: Document
    byline: str | None
    speakers: list[Speaker | None]
    surfaces: list[str | None]
    rows: list[tuple]
    triage: list[ClaimInputs]
    extractor: str


def analyse_item(item: Document | ReadError) -> Outcome:
    """Analyse one document (or pass a read error through); a document the extractor refuses is a failure."""
    if isinstance(item, ReadError):
        return Outcome(item.source, None, str(item))
    try:
        return Outcome(item.source, analyse_document(item), None)
    except (ValueError, RecursionError) as exc:
        return Outcome(item.source, None, failure_line(item, exc))


def failure_line(doc: Document, exc: BaseException) -> str:
    where = f"{doc.source}:{doc.line}" if doc.line else doc.source
    return f"{where}: could not extract claims ({exc})"


def analyse_document(doc: Document) -> dict:
    """Everything about ``doc`` that needs no database: claims, speakers, scores, fingerprints."""
    from ..domain import analyse  # the extractor, whichever it is; loaded once per process

    analysis = analyse(doc.text, doc.headline)
    claims = analysis.claims
    text = doc.text
    speakers: dict[Speaker, int] = {}
    rows = []
    # A slice at a time: NumPy's temporaries grow with the claims fingerprinted together
    # (a 5 MB single-line article has 70,000 claims); the results do not depend on the slicing.
    fps = [fp for i in range(0, len(claims), _FP_SLICE) for fp in fingerprints([c.text for c in claims[i:i + _FP_SLICE]])]
    for c, surface, fp in zip(claims, claim_surfaces(claims), fps):
        values = claim_values(c)
        sp = c.speaker
        if sp is None:
            index, kind = None, _AUTHOR
        else:
            index = speakers.setdefault(sp, len(speakers))
            kind = str(sp.kind)
        # The sentence as storage will slice it from the article text (what triage scores).
        worth, reasons = score_json(c.text, text[values[_S0]:values[_S1]], kind, c.hedge_cue, c.anonymity_cue)
        rows.append([*values, index, surface, kind, worth, reasons,
                     [fp.norm, sorted(fp.numbers), fp.negated, fp.key, pack_bands(fp.bands)]])
    return {
        "format": FORMAT,
        "extractor": EXTRACTOR_VERSION,
        "doc": {name: getattr(doc, name) for name in DOC_FIELDS},
        "byline": analysis.byline,
        "speakers": [[s.name, str(s.kind), s.role, s.affiliation] for s in speakers],
        "claims": rows,
    }


def unpack(record: dict) -> Unpacked:
    """What :func:`~workbench.storage.ingest.store_claims` and :func:`~workbench.services.triage.triage_inputs` take."""
    doc = Document(**record["doc"])
    people = [Speaker(name, SpeakerKind(kind), role, affiliation) for name, kind, role, affiliation
              in record["speakers"]]
    text = doc.text
    speakers, surfaces, rows, triage = [], [], [], []
    for r in record["claims"]:
        index = r[_N]
        speakers.append(None if index is None else people[index])
        surfaces.append(r[_N + 1])
        rows.append(r)  # store_claims reads only the column values at its head
        norm, numbers, negated, key, bands = r[_N + 5]
        triage.append(ClaimInputs(r[_TEXT], text, r[_S0], r[_S1], r[_HEDGE], r[_ANON], r[_N + 2], r[_N + 3],
                                  r[_N + 4], Fingerprint(norm, frozenset(numbers), negated, (), key), bands))
    return Unpacked(doc, record["byline"], speakers, surfaces, rows, triage, record["extractor"])


def to_json(record: dict) -> str:
    """One shard line (ASCII: a lone surrogate in an article survives the round trip)."""
    return json.dumps(record, separators=(",", ":"))


def from_json(line: str) -> dict:
    """A record from one shard line, checked; raises ValueError with what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    check(record)
    return record


def check(record: object) -> None:
    """Raise ValueError unless ``record`` is a well-formed analysed article whose offsets fit its text."""
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise ValueError(f"not an analysed article (expected \"format\": \"{FORMAT}\")")
    doc = record.get("doc")
    if not isinstance(doc, dict) or set(doc) != set(DOC_FIELDS) or not isinstance(doc["text"], str):
        raise ValueError(f"\"doc\" must hold exactly {', '.join(DOC_FIELDS)}")
    speakers, claims = record.get("speakers"), record.get("claims")
    if not isinstance(speakers, list) or not isinstance(claims, list) or not isinstance(record.get("extractor"), str):
        raise ValueError("\"extractor\", \"speakers\" and \"claims\" are missing or of the wrong type")
    if any(not isinstance(s, list) or len(s) != 4 or s[1] not in _KINDS for s in speakers):
        raise ValueError("a speaker is not [name, kind, role, affiliation] with a known kind")
    text = doc["text"]
    for i, c in enumerate(claims, start=1):
        if not isinstance(c, list) or len(c) != len(CLAIM_FIELDS):
            raise ValueError(f"claim {i}: expected {len(CLAIM_FIELDS)} fields ({', '.join(CLAIM_FIELDS)})")
        start, end = c[_START], c[_END]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)
                and text[start:end] == c[_TEXT]):
            raise ValueError(f"claim {i}: its text is not the article text at its offsets {start}-{end}")
        if c[_N] is not None and not (isinstance(c[_N], int) and 0 <= c[_N] < len(speakers)):
            raise ValueError(f"claim {i}: speaker {c[_N]!r} is not an index into \"speakers\"")
        fp = c[_N + 5]
        if not isinstance(fp, list) or len(fp) != 5 or not isinstance(fp[4], str) or len(fp[4]) % 16:
            raise ValueError(f"claim {i}: fingerprint is not [norm, numbers, negated, key, packed bands]")


_KINDS = frozenset(str(k) for k in SpeakerKind)
