"""Fixtures for every test: a migrated database per test (see tests/helpers.py)."""

import pytest

from tests.helpers import db, db_path, simple_article  # noqa: F401  (pytest fixtures)


@pytest.fixture(autouse=True)
def _no_model_choice_leaks(monkeypatch):
    """In-process CLI runs put their --model choice in $WORKBENCH_MODEL (for worker processes):
    undo it after each test, so no test runs with the previous one's extractor."""
    monkeypatch.delenv("WORKBENCH_MODEL", raising=False)
