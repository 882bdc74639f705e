"""Fixtures for the review UI tests: small deterministic databases and a helper to settle the app."""

from __future__ import annotations

import pytest
from tests.tui.tui_fixtures import build_db

from workbench.tui.app import WorkbenchApp


@pytest.fixture
def db_path(tmp_path):
    return str(build_db(tmp_path / "workbench.db"))


@pytest.fixture
def nasty_db_path(tmp_path):
    return str(build_db(tmp_path / "workbench.db", with_nasty=True))


@pytest.fixture
def make_app():
    def make(path: str, reviewer: str = "alice") -> WorkbenchApp:
        return WorkbenchApp(path, reviewer, refresh_interval=None)

    return make
