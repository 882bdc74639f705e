"""Layer boundaries: the domain and storage layers never pull in the UI or the CLI."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import REPO


@pytest.mark.parametrize("module, forbidden", [
    ("workbench.domain", ["textual", "click", "sqlite3", "sqlite_utils", "workbench.storage", "workbench.tui"]),
    # sqlite-utils itself imports click, so only our own imports of click are
    # checked for storage, by the import-linter contract below.
    ("workbench.storage", ["textual", "workbench.tui", "workbench.cli"]),
    ("workbench.storage.export", ["textual", "workbench.tui", "workbench.cli"]),
    ("workbench.sources", ["textual", "click", "sqlite3", "workbench.tui"]),
    ("workbench.services.pipeline", ["textual", "workbench.tui", "workbench.cli", "workbench.serve"]),
    ("workbench.services.triage", ["textual", "workbench.tui", "workbench.cli", "workbench.serve"]),
])
def test_layer_does_not_import(module, forbidden):
    code = (f"import sys, {module}; "
            f"print(','.join(m for m in {forbidden!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "", f"{module} imported {out.stdout.strip()}"


def test_import_linter_contracts_hold():
    lint = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command as c; c(['--no-cache'])"],
        capture_output=True, text=True, cwd=REPO)
    assert "Contracts:" in lint.stdout, lint.stdout + lint.stderr
    assert lint.returncode == 0, lint.stdout + lint.stderr
