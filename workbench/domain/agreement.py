"""Provides inter-reviewer agreement: percent agreement, Cohen's kappa and Krippendorff's alpha (nominal).

Pure functions over plain data (no SQL): storage reads each reviewer's latest
decision per claim and hands it here as ``{claim: {reviewer: status}}``. The
database views ``reviewer_pairs`` and ``reviewer_alpha`` compute the same
figures in SQL; a test checks the two agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """Two reviewers on the claims both decided."""

    reviewer_a: str
    reviewer_b: str
    claims: int
    agreements: int
    # None when chance agreement is 1 (both always chose the same single status).
    kappa: float | None

    @property
    def percent(self) -> float:
        return 100.0 * self.agreements / self.claims if self.claims else 0.0


@dataclass(frozen=True, slots=True)
class Alpha:
    """Krippendorff's alpha over every reviewer, on units with two or more values."""

    units: int
    reviewers: int
    pairable_values: int
    # None when undefined (fewer than two pairable values, or one status throughout).
    alpha: float | None


def cohen_kappa(pairs: list[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa for two raters' labels on the same items.

    ``kappa = (po - pe) / (1 - pe)``, with ``po`` the share of items labelled
    alike and ``pe = sum_c pa(c) * pb(c)`` the agreement expected by chance
    from each rater's own label shares. Returns None when there are no items or
    ``pe == 1``.
    """
    n = len(pairs)
    if not n:
        return None
    po = sum(a == b for a, b in pairs) / n
    ca = Counter(a for a, _ in pairs)
    cb = Counter(b for _, b in pairs)
    pe = sum(ca[c] * cb[c] for c in ca) / (n * n)
    if pe == 1:
        return None
    return (po - pe) / (1 - pe)


def krippendorff_alpha_nominal(units: Mapping[Hashable, Mapping[str, Hashable]]) -> Alpha:
    """Krippendorff's alpha for nominal data.

    Args:
        units: for each unit (claim), each rater's value; units with fewer
            than two values are not pairable and are left out.

    ``alpha = 1 - Do / De``: ``Do = (1/n) sum_u (m_u^2 - sum_c n_uc^2) / (m_u - 1)``
    and ``De = (n^2 - sum_c n_c^2) / (n (n - 1))``, where ``m_u`` is the number
    of values in unit u, ``n_uc`` how many of them are c, ``n = sum_u m_u`` and
    ``n_c = sum_u n_uc``.
    """
    pairable = {u: v for u, v in units.items() if len(v) >= 2}
    n = sum(len(v) for v in pairable.values())
    raters = {r for v in pairable.values() for r in v}
    if n < 2:
        return Alpha(len(pairable), len(raters), n, None)
    totals: Counter = Counter()
    d_sum = 0.0
    for values in pairable.values():
        counts = Counter(values.values())
        totals.update(counts)
        m = len(values)
        d_sum += (m * m - sum(k * k for k in counts.values())) / (m - 1)
    expected = (n * n - sum(k * k for k in totals.values())) / (n * (n - 1))
    if expected == 0:
        return Alpha(len(pairable), len(raters), n, None)
    return Alpha(len(pairable), len(raters), n, 1 - (d_sum / n) / expected)


def pair_agreements(units: Mapping[Hashable, Mapping[str, Hashable]]) -> list[PairAgreement]:
    """Percent agreement and Cohen's kappa for every pair of raters with common units, by name."""
    raters = sorted({r for v in units.values() for r in v})
    out = []
    for a, b in combinations(raters, 2):
        pairs = [(v[a], v[b]) for v in units.values() if a in v and b in v]
        if pairs:
            out.append(PairAgreement(a, b, len(pairs), sum(x == y for x, y in pairs), cohen_kappa(pairs)))
    return out
