"""Provides command-palette entries for every described key binding of the active screen.

The palette is built from the same ``BINDINGS`` as the footer and the help
screen, so every action is reachable by name and none can be forgotten.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen


def binding_commands(screen: Screen) -> Iterable[SystemCommand]:
    seen: set[str] = set()
    for binding in screen.BINDINGS:
        if not isinstance(binding, Binding) or not binding.description or binding.action in seen:
            continue
        if binding.action.startswith("app.quit"):
            continue  # the App's own Quit command covers it
        seen.add(binding.action)
        if screen.check_action(binding.action.split("(")[0], ()) is not True:
            continue
        key = binding.key.split(",")[0].replace("question_mark", "?").replace("slash", "/")
        help_text = f"{binding.tooltip or binding.description}  [{key}]"
        yield SystemCommand(binding.description, help_text, partial(screen.run_action, binding.action))
