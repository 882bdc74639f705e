"""Fixtures for every test: a migrated database per test (see tests/helpers.py)."""

from tests.helpers import db, db_path, simple_article  # noqa: F401  (pytest fixtures)
