"""Provides the user's settings file: the reviewer name and the adjudicators, set once instead of per command.

The file is TOML, at ``$WORKBENCH_CONFIG`` or else
``$XDG_CONFIG_HOME/claims-workbench/config.toml`` (``~/.config/...``)::

    reviewer = "alice"
    adjudicators = ["carol", "dana"]

Both keys are optional. A missing file is an empty config; a file that cannot
be read or parsed is an error naming the file.
"""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

ENV_CONFIG = "WORKBENCH_CONFIG"
ENV_REVIEWER = "WORKBENCH_REVIEWER"


class ConfigError(Exception):
    """The settings file is unreadable or malformed (the message names it)."""


@dataclass(frozen=True, slots=True)
class Config:
    """What the settings file says."""

    reviewer: str | None = None
    """Your reviewer name, used when ``--reviewer`` is not given."""
    adjudicators: tuple[str, ...] = ()
    """Reviewer names that may decide disputed claims (anyone started with ``--adjudicator`` may too)."""
    path: Path | None = None
    """The file read (None when there was none)."""


@dataclass(frozen=True, slots=True)
class Reviewer:
    """A reviewer name and where it came from, so the UI can say when it was guessed."""

    name: str
    source: str
    """``--reviewer``, ``$WORKBENCH_REVIEWER``, the config file's path, or ``login name``."""

    @property
    def guessed(self) -> bool:
        return self.source == "login name"


def config_path() -> Path:
    """Where the settings file is looked for."""
    if os.environ.get(ENV_CONFIG):
        return Path(os.environ[ENV_CONFIG]).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "claims-workbench" / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """Read the settings file (an empty :class:`Config` when there is none).

    Raises:
        ConfigError: the file cannot be read, is not TOML, or has a value of the wrong type.
    """
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the settings file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    reviewer = data.get("reviewer")
    if reviewer is not None and (not isinstance(reviewer, str) or not reviewer.strip()):
        raise ConfigError(f"{path}: reviewer must be a non-empty string, e.g. reviewer = \"alice\"")
    adjudicators = data.get("adjudicators", [])
    if not isinstance(adjudicators, list) or not all(isinstance(a, str) and a.strip() for a in adjudicators):
        raise ConfigError(f"{path}: adjudicators must be a list of names, e.g. adjudicators = [\"carol\"]")
    return Config(reviewer.strip() if reviewer else None, tuple(a.strip() for a in adjudicators), path)


def reviewer_name(flag: str | None = None, config: Config | None = None) -> Reviewer:
    """The reviewer name: ``--reviewer``, else $WORKBENCH_REVIEWER, else the config file, else the login name."""
    if flag and flag.strip():
        return Reviewer(flag.strip(), "--reviewer")
    if os.environ.get(ENV_REVIEWER, "").strip():
        return Reviewer(os.environ[ENV_REVIEWER].strip(), f"${ENV_REVIEWER}")
    config = config if config is not None else load_config()
    if config.reviewer:
        return Reviewer(config.reviewer, str(config.path))
    try:
        return Reviewer(getpass.getuser(), "login name")
    except Exception:  # no login name in some containers
        return Reviewer("reviewer", "login name")


def is_adjudicator(name: str, *, flag: bool = False, config: Config | None = None) -> bool:
    """May ``name`` decide disputed claims? (``--adjudicator``, or listed in the config file.)"""
    if flag:
        return True
    config = config if config is not None else load_config()
    return name in config.adjudicators
