"""The README stays true: its test command is what CI runs, and every command is documented."""

from __future__ import annotations

import re

from workbench.cli import main
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    """The indented command lines before the first horizontal rule."""
    head = README.split("\n---\n", 1)[0]
    return [line.strip() for line in head.splitlines() if line.startswith("    ")]


def test_readme_opens_with_two_setup_commands():
    commands = _setup_commands()
    assert len(commands) == 2
    install_and_run, run_tests = commands
    assert "pip install -e ." in install_and_run and "workbench ingest samples/" in install_and_run
    assert "pytest" in run_tests


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert _setup_commands()[1] in ci.splitlines()


def test_every_cli_command_is_in_the_readme():
    for name in main.commands:
        assert re.search(rf"`workbench {re.escape(name)}\b", README), f"'workbench {name}' missing from README"


def test_every_command_has_an_example():
    for name, command in main.commands.items():
        assert "Example:" in (command.help or ""), f"workbench {name} --help has no Example: block"
