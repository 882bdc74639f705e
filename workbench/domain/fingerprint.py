"""Provides near-duplicate fingerprints of claim text: normal form, MinHash LSH bands, numbers, negation.

Two claims are the *same claim* when, after normalising (case-folded, quotes and
punctuation dropped), their texts are at least :data:`MATCH_RATIO` similar by
rapidfuzz's ``fuzz.ratio`` (an edit-distance ratio), they state the same
numbers, and both or neither are negated. "Five attacks" and "six attacks"
stay apart however alike the rest is.

Comparing every pair is quadratic, so candidates come from locality-sensitive
hashing: the content words' character 5-grams are MinHashed and the signature
is cut into :data:`BANDS` bands of :data:`ROWS` values; two claims are
candidates when any band hash is equal. The numbers and the polarity are
mixed into every band hash, so claims that the exact check would refuse for
those reasons are never even candidates. With 21 bands of 3 rows a pair with
5-gram Jaccard 0.5 is a candidate 94% of the time, at 0.6 99.4%, and unrelated
claims (Jaccard around 0.02) about 0.02% of the time. Claims that pass
``MATCH_RATIO`` have a 5-gram Jaccard of about 0.55 or more.

The MinHash is one-permutation hashing with densification (Shrivastava & Li,
2014): one 64-bit hash per shingle, split into 64 bins by its low bits, the
minimum kept per bin, empty bins filled from the next non-empty bin. A shingle's
hash is a polynomial of its five code points, mod 2**64, through the splitmix64
finaliser. Everything from the shingles to the band hashes is computed for all
the claims of an article at once in NumPy (:func:`fingerprints`), about 20 times
faster than a loop in Python (version 1 hashed each shingle with BLAKE2b). The band
hashes are stored, so they must not change between versions: any change to
normalisation, shingling or hashing bumps :data:`FINGERPRINT_VERSION` and needs
a full regroup (``workbench ingest`` runs it once when it finds an index built by
another version).
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rapidfuzz import fuzz, process

FINGERPRINT_VERSION = 2
#: Claims shorter than this (in words) are too generic to group ("he said it was necessary").
MIN_WORDS = 6
#: rapidfuzz ``fuzz.ratio`` (0-100) two normal forms must reach to be the same claim.
MATCH_RATIO = 85.0
SHINGLE = 5
BINS = 64
BANDS = 21
ROWS = 3

_MASK = BINS - 1
_M64 = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_PERSON = b"wb-claims-v%d" % FINGERPRINT_VERSION

# Words too common to carry a claim's identity; dropped before shingling only (the ratio
# check sees them). Negations are kept: they are compared separately as well.
STOPWORDS = frozenset(
    "a an the of to in on at by for from and or as is are was were be been being that this these those "
    "it its with said says say he she they we has have had his her their our there which who would also "
    "about into than then so".split())
# Days and months are compared like numbers: "scheduled for Sunday" is not "scheduled for Friday".
# ("may" and "march" are left out: they are mostly a verb.)
_NAMED_DAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february april june july august "
    "september october november december".split())
NEGATIONS = frozenset("not no never none nobody nothing neither nor cannot without".split())

_WORD = re.compile(r"[^\W_]+")
_NT = re.compile(r"n['’]t\b")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What grouping needs of one claim's text."""

    #: Case-folded words joined by single spaces ("the strikes hit three facilities").
    norm: str
    #: Every number stated, canonical ("5", "3000000", "2.5"), so "five" equals "5"; and
    #: any day or month named ("sunday"), which must agree just as numbers must.
    numbers: frozenset[str]
    negated: bool
    #: LSH band hashes (signed 64-bit); empty for claims too short to group, or not computed.
    bands: tuple[int, ...]
    #: A hash of the exact claim (normal form, numbers, polarity), indexed beside the bands: a
    #: claim whose key a stored claim holds is that claim's exact duplicate and needs no band
    #: lookup, which is most of the work on wire copy. None for claims too short to group.
    key: int | None = None

    @property
    def groupable(self) -> bool:
        return self.key is not None

    def without_bands(self) -> Fingerprint:
        """The same fingerprint with no LSH bands (an exact duplicate's: its key alone finds its match)."""
        return Fingerprint(self.norm, self.numbers, self.negated, (), self.key)

    @property
    def index_hashes(self) -> tuple[int, ...]:
        """What goes in the band index for this claim: its key, then its bands."""
        return () if self.key is None else (self.key, *self.bands)


def normalise(text: str) -> str:
    """Case-fold, spell out "n't", drop quotes and punctuation: "Didn't" -> "did not"."""
    return " ".join(_WORD.findall(_NT.sub(" not", text.casefold())))


def fingerprint(text: str, *, with_bands: bool = True) -> Fingerprint:
    """Fingerprint one claim's text; :func:`fingerprints` does many at once, much faster per claim."""
    return fingerprints([text], with_bands=with_bands)[0]


def fingerprints(texts: Sequence[str], *, with_bands: bool = True) -> list[Fingerprint]:
    """Fingerprint claim texts (about 10 us per claim, plus ~100 us per call for the bands).

    Args:
        texts: claim texts as stored.
        with_bands: compute the LSH bands (:func:`banded` adds them later); the exact key
            alone finds exact duplicates, and a stored candidate only needs the rest for
            :func:`same_claim`.
    """
    out = []
    for text in texts:
        norm = normalise(text)
        words = norm.split()
        stated = numbers(text) | _NAMED_DAYS.intersection(words)
        negated = not NEGATIONS.isdisjoint(words)
        key = None
        if len(words) >= MIN_WORDS and len(_content(words)) >= SHINGLE:
            key = _signed(int.from_bytes(hashlib.blake2b(norm.encode() + b"\0" + _guard_key(stated, negated),
                                                         digest_size=8, person=_PERSON).digest(), "little"))
        out.append(Fingerprint(norm, stated, negated, (), key))
    return banded(out) if with_bands else out


def banded(fps: Sequence[Fingerprint]) -> list[Fingerprint]:
    """``fps`` with their LSH bands (those too short to group, or already banded, unchanged)."""
    todo = [i for i, fp in enumerate(fps) if fp.key is not None and not fp.bands]
    out = list(fps)
    if todo:
        bands = _band_hashes([_content(fps[i].norm.split()) for i in todo],
                             [_guard_key(fps[i].numbers, fps[i].negated) for i in todo])
        for i, b in zip(todo, bands):
            fp = fps[i]
            out[i] = Fingerprint(fp.norm, fp.numbers, fp.negated, b, fp.key)
    return out


def pack_bands(bands: Sequence[int]) -> str:
    """Band hashes as one hex string (8 bytes each, little-endian): a claim's bands in a record or shard line."""
    return struct.pack(f"<{len(bands)}q", *bands).hex()


def unpack_bands(packed: str) -> tuple[int, ...]:
    """The band hashes :func:`pack_bands` packed."""
    data = bytes.fromhex(packed)
    return struct.unpack(f"<{len(data) // 8}q", data)


def _content(words: list[str]) -> str:
    """What is shingled: the content words run together."""
    return "".join(w for w in words if w not in STOPWORDS)


def _signed(h: int) -> int:
    """An unsigned 64-bit value as SQLite's signed INTEGER."""
    return h - (1 << 64) if h >> 63 else h


def _guard_key(stated: frozenset[str], negated: bool) -> bytes:
    """The part of :func:`same_claim` that must be equal, mixed into every band hash.

    Claims whose numbers or polarity differ can never match, so they need never
    be candidates: "five attacks" and "six attacks" land in different buckets,
    which keeps buckets small on templated copy ("the program covers N residents").
    """
    return ",".join(sorted(stated)).encode() + (b"!" if negated else b"")


_MUL = 0x9FB21C651E98DF25  # odd 64-bit constants (from splitmix64 / rrmxmx)
_MUL2 = 0xBF58476D1CE4E5B9
_MUL3 = 0x94D049BB133111EB
_MUL_POW2 = _MUL * _MUL & _M64
_MUL_POW3 = _MUL_POW2 * _MUL & _M64
assert ROWS == 3  # _band_hashes writes the three rows out
_BAND_SALTS = tuple(int.from_bytes(hashlib.blake2b(bytes([b]), digest_size=8, person=_PERSON).digest(), "little")
                    for b in range(BANDS))
_SHINGLE_SEED = int.from_bytes(hashlib.blake2b(b"shingle", digest_size=8, person=_PERSON).digest(), "little")

# Guard key (numbers, polarity) -> each band's starting value ((seed ^ salt) * M**3 mod 2**64):
# most claims share a handful of keys.
_BASES: dict[bytes, tuple[int, ...]] = {}
_CACHE_MAX = 100_000


def _bases(key: bytes) -> tuple[int, ...]:
    bases = _BASES.get(key)
    if bases is None:
        if len(_BASES) > _CACHE_MAX:
            _BASES.clear()
        seed = int.from_bytes(hashlib.blake2b(key, digest_size=8, person=_PERSON).digest(), "little")
        bases = _BASES[key] = tuple((seed ^ salt) * _MUL_POW3 & _M64 for salt in _BAND_SALTS)
    return bases


def _mix(np, h):
    """The splitmix64 finaliser, in place on a uint64 array: every input bit moves every output bit."""
    h ^= h >> np.uint64(30)
    h *= np.uint64(_MUL2)
    h ^= h >> np.uint64(27)
    h *= np.uint64(_MUL3)
    h ^= h >> np.uint64(31)
    return h


def signatures(contents: Sequence[str]):
    """The densified one-permutation MinHash of each content's character 5-grams: a (n, 64) uint64 array.

    Each content must be at least :data:`SHINGLE` characters long.
    """
    import numpy as np

    n = len(contents)
    lens = np.fromiter(map(len, contents), dtype=np.int64, count=n)
    cps = np.frombuffer("".join(contents).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    total = len(cps)
    # Every 5-gram of the joined text, as a polynomial of its code points; those that run
    # across two contents are dropped below.
    m = np.uint64(_MUL)
    h = cps[: total - 4].copy()
    for k in range(1, SHINGLE):
        h *= m
        h += cps[k: total - 4 + k]
    h += np.uint64(_SHINGLE_SEED)
    h = _mix(np, h)
    starts = np.zeros(n, dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    owner = np.repeat(np.arange(n), lens)[: total - 4]
    keep = np.arange(total - 4) - starts[owner] <= lens[owner] - SHINGLE
    h, owner = h[keep], owner[keep]
    # The minimum per (content, bin): sort by slot then value, keep each slot's first.
    slot = owner * BINS + (h & np.uint64(_MASK)).astype(np.int64)
    order = np.lexsort((h, slot))
    slot, h = slot[order], h[order]
    first = np.ones(len(slot), dtype=bool)
    first[1:] = slot[1:] != slot[:-1]
    sig = np.zeros(n * BINS, dtype=np.uint64)
    filled = np.zeros(n * BINS, dtype=bool)
    sig[slot[first]] = h[first]
    filled[slot[first]] = True
    sig, filled = sig.reshape(n, BINS), filled.reshape(n, BINS)
    # An empty bin j takes the next filled bin k round the ring, plus (k - j) golden steps:
    # on the ring written out twice, the nearest filled position at or after j.
    j = np.arange(BINS)
    pos = np.where(np.concatenate([filled, filled], axis=1), np.arange(2 * BINS), 4 * BINS)
    nxt = np.minimum.accumulate(pos[:, ::-1], axis=1)[:, ::-1][:, :BINS]
    out = sig[np.arange(n)[:, None], nxt % BINS]
    out += (nxt - j).astype(np.uint64) * np.uint64(_GOLDEN)
    return out


def _band_hashes(contents: Sequence[str], keys: Sequence[bytes]) -> list[tuple[int, ...]]:
    """Per content, one signed 64-bit hash per band of :data:`ROWS` signature values, its ``key`` mixed in.

    The signature values are already random 64-bit hashes, so a band needs no
    cryptographic hash of its own: a multiply-add with fixed odd constants, then
    the splitmix64 finaliser, in uint64 arithmetic that is the same on every platform.
    """
    import numpy as np

    sig = signatures(contents)
    bases = np.array([_bases(k) for k in keys], dtype=np.uint64)
    m, m2 = np.uint64(_MUL), np.uint64(_MUL_POW2)
    h = bases + sig[:, 0:3 * BANDS:3] * m2 + sig[:, 1:3 * BANDS:3] * m + sig[:, 2:3 * BANDS:3]
    return [tuple(row) for row in _mix(np, h).view(np.int64).tolist()]


def matching(fp: Fingerprint, others: Sequence[Fingerprint]) -> list[int]:
    """Indices of ``others`` that are the same claim as ``fp``: :func:`same_claim` for many at once."""
    hits = similar(fp.norm, [o.norm for o in others])
    return [i for i in hits if others[i].numbers == fp.numbers and others[i].negated == fp.negated]


def similar(norm: str, norms: Sequence[str]) -> list[int]:
    """Indices of ``norms`` within :data:`MATCH_RATIO` of ``norm``, ascending.

    The ratio runs over all of them in one rapidfuzz call (C++, with its
    length and bit-parallel cut-offs), which is what keeps a full regroup fast.
    """
    if not norms:
        return []
    return sorted(i for _, _, i in process.extract(norm, norms, scorer=fuzz.ratio, score_cutoff=MATCH_RATIO,
                                                     limit=None))


def same_claim(a: Fingerprint, b: Fingerprint) -> bool:
    """The exact check behind a candidate pair: same numbers, same polarity, similar enough text."""
    return (a.numbers == b.numbers and a.negated == b.negated
            and fuzz.ratio(a.norm, b.norm, score_cutoff=MATCH_RATIO) > 0)


# ------------------------------------------------------------------ numbers

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
           "dozen": 12, "bn": 10**9, "m": 10**6, "k": 1000}
_NUMBER_WORDS = (*_UNITS, *_TENS, "hundred", "thousand", "million", "billion", "trillion", "dozen", "a dozen")
# Digits ("2,500", "3.5", "40%") or a run of number words ("twenty-five", "three million"), matched
# on lower-cased text: without IGNORECASE, and with the lookahead on the words' first letters
# failing fast, the scan is about three times faster.
_NUMBER = re.compile(
    r"\d+(?:,\d{3})*(?:\.\d+)?(?:\s*(?:hundred|thousand|million|billion|trillion|bn|m|k)\b)?"
    r"|\b(?=[" + "".join(sorted({w[0] for w in _NUMBER_WORDS})) + r"])"
    r"(?:(?:" + "|".join(_NUMBER_WORDS) + r")\b[\s-]*(?:and\s+)?)+"
)
_DIGITS = re.compile(r"([\d,.]+)\s*([a-z]*)")


def numbers(text: str) -> frozenset[str]:
    """Every number ``text`` states, in canonical form: "$3 million" and "3,000,000" both give "3000000"."""
    out: set[str] = set()
    for m in _NUMBER.finditer(text.lower()):
        s = m.group().strip()
        if s[0].isdigit():
            d = _DIGITS.match(s)
            try:
                value = Decimal(d.group(1).replace(",", ""))
            except InvalidOperation:
                continue
            out.add(_canonical(value * _SCALES.get(d.group(2), 1)))
        else:
            out.update(_canonical(Decimal(v)) for v in _word_values(s))
    return frozenset(out)


def _word_values(s: str) -> list[int]:
    """The numbers in a run of number words: "twenty-five" -> [25]; "five one" (as in "five one-way") -> [5, 1]."""
    values: list[int] = []
    total, current, last = 0, 0, ""
    for w in re.split(r"[\s-]+", s):
        if w in _UNITS or w in _TENS:
            # A unit after a unit or teen ("five one") starts a new number; after a tens word it adds up.
            if last in _UNITS or last in _TENS and w in _TENS:
                values.append(total + current)
                total, current = 0, 0
            current += _UNITS.get(w, 0) + _TENS.get(w, 0)
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES:  # thousand, million, ..., dozen
            total += (current or 1) * _SCALES[w]
            current = 0
        elif w in ("a", "and"):
            continue
        last = w
    values.append(total + current)
    return values


def _canonical(value: Decimal) -> str:
    return format(value.normalize(), "f")
