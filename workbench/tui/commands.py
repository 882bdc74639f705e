"""Provides command-palette entries for every described key binding of the active screen.

The palette is built from the same ``BINDINGS`` as the footer and the help
screen, so every action is reachable by name and none can be forgotten.
Textual reads a command's title and help text as markup: the help is given as
``Content`` (never parsed) and the title escaped, so a key such as ``/`` or
``[`` is shown as typed instead of closing a tag.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.markup import escape
from textual.screen import Screen


# Textual's key names for the punctuation keys bound on the review screen, as typed.
KEY_LABELS = {"question_mark": "?", "slash": "/", "greater_than_sign": ">", "less_than_sign": "<",
              "left_square_bracket": "[", "right_square_bracket": "]", "vertical_line": "|", "number_sign": "#",
              "left_parenthesis": "(", "right_parenthesis": ")", "space": "space"}


def key_label(key: str) -> str:
    """A key as the reviewer types it (``>`` rather than ``greater_than_sign``)."""
    key = key.strip()
    return KEY_LABELS.get(key, key)


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
        key = key_label(binding.key.split(",")[0])
        help_text = Content(f"{binding.tooltip or binding.description}  [{key}]")
        yield SystemCommand(escape(binding.description), help_text,  # type: ignore[arg-type]
                            partial(screen.run_action, binding.action))
