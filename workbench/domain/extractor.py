"""Provides ``analyse``: an article's claims and speakers, by the rules and the attribution model.

The rules extractor (``extract``) runs first; the attribution model
(``model``) re-reads its output where it was trained to do better. Which
model: the one named by ``$WORKBENCH_MODEL`` (a model file, or ``rules``
for none), else the one shipped with the package; or one passed in.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from .extract import analyse_rules, layout, pronoun_context
from .model.apply import refine
from .model.store import AttributionModel, ModelError, load
from .models import Analysis, Span

#: The model file shipped inside the package.
SHIPPED_MODEL = Path(__file__).resolve().parent / "model" / "attribution.npz"


#: The environment variable that picks the model: a file, or ``rules`` for none.
MODEL_ENV = "WORKBENCH_MODEL"
RULES_ONLY = "rules"


class _Default:
    """Marker for "the model $WORKBENCH_MODEL names, else the shipped one" (``analyse``'s default)."""

    def __repr__(self) -> str:
        return "DEFAULT"


DEFAULT = _Default()


@lru_cache(maxsize=8)
def load_model(path: str | None = None) -> AttributionModel:
    """The model in ``path`` (the shipped one when None), loaded once per process.

    Raises:
        ModelError: the file is missing, damaged, or made for other features.
    """
    return load(path or SHIPPED_MODEL)


def default_model() -> AttributionModel | None:
    """The model ``analyse`` uses unless told otherwise: ``$WORKBENCH_MODEL``'s, else the shipped one."""
    choice = os.environ.get(MODEL_ENV) or None
    if choice == RULES_ONLY:
        return None
    return load_model(choice)


def analyse(text: str, headline: Span | None = None,
            model: AttributionModel | _Default | None = DEFAULT) -> Analysis:
    """Split an article into claims and work out who made each one.

    Args:
        text: the article text as stored.
        headline: the span of the title line inside ``text``, if the title is
            part of the text; it yields no claim.
        model: the attribution model; by default ``default_model()``
            (``$WORKBENCH_MODEL``, else the shipped one); None for the rules alone.

    Returns:
        The claims (ordered by start, pairwise disjoint), each with the rule
        or model that made it and a confidence; the non-claim lines; the
        byline author when the article names one.
    """
    lay = layout(text)
    context = pronoun_context(text, lay)
    if isinstance(model, _Default):
        model = default_model()
    rules = analyse_rules(text, headline, lay, context)
    if model is None:
        return rules
    return refine(model, text, headline, rules, lay, context)


__all__ = ["DEFAULT", "MODEL_ENV", "RULES_ONLY", "SHIPPED_MODEL", "AttributionModel", "ModelError", "analyse",
           "default_model", "load_model"]
