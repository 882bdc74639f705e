"""Provides ``analyse``: an article's claims and speakers, by the rules and the attribution model.

The rules extractor (``extract``) runs first; the attribution model
(``model``) re-reads its output where it was trained to do better. Which
model: the one shipped with the package by default, another file
(``load_model``), or none (rules alone).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .extract import analyse_rules, layout, pronoun_context
from .model.apply import refine
from .model.store import AttributionModel, ModelError, load
from .models import Analysis, Span

#: The model file shipped inside the package.
SHIPPED_MODEL = Path(__file__).resolve().parent / "model" / "attribution.npz"


class _Shipped:
    """Marker for "the shipped model" (the default of ``analyse``)."""

    def __repr__(self) -> str:
        return "SHIPPED"


SHIPPED = _Shipped()


@lru_cache(maxsize=8)
def load_model(path: str | None = None) -> AttributionModel:
    """The model in ``path`` (the shipped one when None), loaded once per process.

    Raises:
        ModelError: the file is missing, damaged, or made for other features.
    """
    return load(path or SHIPPED_MODEL)


def analyse(text: str, headline: Span | None = None,
            model: AttributionModel | _Shipped | None = SHIPPED) -> Analysis:
    """Split an article into claims and work out who made each one.

    Args:
        text: the article text as stored.
        headline: the span of the title line inside ``text``, if the title is
            part of the text; it yields no claim.
        model: the attribution model; ``SHIPPED`` (default) for the one in
            the package, None for the rules alone.

    Returns:
        The claims (ordered by start, pairwise disjoint), each with the rule
        or model that made it and a confidence; the non-claim lines; the
        byline author when the article names one.
    """
    lay = layout(text)
    context = pronoun_context(text, lay)
    rules = analyse_rules(text, headline, lay, context)
    if model is None:
        return rules
    if isinstance(model, _Shipped):
        model = load_model()
    return refine(model, text, headline, rules, lay, context)


__all__ = ["SHIPPED", "SHIPPED_MODEL", "AttributionModel", "ModelError", "analyse", "load_model"]
