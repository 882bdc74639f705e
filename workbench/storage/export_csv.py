"""Provides the CSV export: the JSONL fields flattened, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import json

from .export import FIELDS

# A cell starting with one of these is read as a formula by spreadsheet software.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Prefix a would-be formula with an apostrophe so it is shown as text."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return neutralise(value.get("text") or "")
    if isinstance(value, list):
        return neutralise("\n".join(map(str, value)))
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def write_csv(records, out) -> int:
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    n = 0
    for rec in records:
        writer.writerow([_cell(rec.get(f)) for f in FIELDS])
        n += 1
    return n
