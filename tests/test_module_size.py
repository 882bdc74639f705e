"""Small modules with one job: no Python module in workbench/ grows over 400 lines, and each says what it provides."""

from __future__ import annotations

import ast

import pytest

from tests.helpers import REPO

LIMIT = 400
# Generated modules are exempt (paths relative to the repository). None today: the model's
# weights are package data (attribution.npz), not Python.
GENERATED: frozenset[str] = frozenset()

MODULES = sorted(p for p in (REPO / "workbench").rglob("*.py") if p.relative_to(REPO).as_posix() not in GENERATED)


def test_the_package_has_modules():
    assert len(MODULES) > 100


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_module_is_at_most_400_lines(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= LIMIT, (f"{path.relative_to(REPO)} has {n} lines (limit {LIMIT}): split it by responsibility"
                        " (see docs/ARCHITECTURE.md)")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_module_opens_with_provides(path):
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc and doc.startswith("Provides"), f"{path.relative_to(REPO)}: open with a one-line \"Provides ...\" docstring"
