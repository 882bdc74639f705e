"""Shared helpers for the extraction-layer tests."""

from __future__ import annotations

import pathlib

import pytest

from workbench.domain.extract import analyse_rules

SHARED = pathlib.Path(__file__).resolve().parents[2].parent / "shared" / "eval"


def claims_of(text: str):
    """The rules extractor's claims for ``text`` (no headline): these tests pin the rules down.

    The attribution model that re-reads them is tested on its own
    (test_model.py, test_attribution_table.py, test_seed.py).
    """
    return analyse_rules(text).claims


@pytest.fixture
def seed_paths():
    txt = SHARED / "seed" / "militia-strikes.txt"
    gold = SHARED / "seed" / "militia-strikes.gold.json"
    if not txt.exists() or not gold.exists():
        pytest.skip("../shared/eval/seed is not available")
    return txt, gold
