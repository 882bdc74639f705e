"""Shared helpers for the extraction-layer tests."""

from __future__ import annotations

import pathlib

import pytest

from workbench.domain import analyse

SHARED = pathlib.Path(__file__).resolve().parents[2].parent / "shared" / "eval"


def claims_of(text: str):
    """Analyse ``text`` (no headline) and return its claims."""
    return analyse(text).claims


@pytest.fixture
def seed_paths():
    txt = SHARED / "seed" / "militia-strikes.txt"
    gold = SHARED / "seed" / "militia-strikes.gold.json"
    if not txt.exists() or not gold.exists():
        pytest.skip("../shared/eval/seed is not available")
    return txt, gold
