"""Provides ``record``: each reliability test's figures, printed and (for the soak script) saved as JSON lines."""

from __future__ import annotations

import json
import os


def record(name: str, **figures) -> None:
    """Print the figures; append them to $WORKBENCH_RELIABILITY_REPORT when set."""
    line = json.dumps({"test": name, **figures}, default=str)
    print(line)
    path = os.environ.get("WORKBENCH_RELIABILITY_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(line + "\n")
