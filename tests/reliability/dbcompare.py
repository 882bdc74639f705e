"""Provides ``dump``: every row of a workbench database, ids included, for comparing two ingests row by row.

Left out, as two runs of the same ingest cannot share them: wall-clock
timestamps (``ingested_at``, ``created_at``, ``applied_at``) and ``triage_meta``'s random
``band_generation`` token. The FTS tables are compared by their indexed
content (rowid and text), which is what a search reads.

    python -m tests.reliability.dbcompare A.db B.db     # prints the first difference, exits 1 if any
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

_SKIP_COLUMNS = {"ingested_at", "created_at", "applied_at"}
_SKIP_TABLES = {"fts_deferred"}


def dump(path: Path | str) -> dict[str, list[tuple]]:
    """table -> its rows ordered by every column (ids first), timestamps left out."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE '%_fts_%' ORDER BY name")]
        out: dict[str, list[tuple]] = {}
        for table in tables:
            if table in _SKIP_TABLES:
                continue
            if table.endswith("_fts"):
                cols = ["rowid", *(r[1] for r in conn.execute(f'PRAGMA table_info("{table}")'))]
            else:
                cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")') if r[1] not in _SKIP_COLUMNS]
            where = " WHERE key != 'band_generation'" if table == "triage_meta" else ""
            listed = ", ".join(f'"{c}"' if c != "rowid" else c for c in cols)
            out[table] = conn.execute(f'SELECT {listed} FROM "{table}"{where} ORDER BY {listed}').fetchall()
        return out
    finally:
        conn.close()


def first_difference(a: dict[str, list[tuple]], b: dict[str, list[tuple]]) -> str | None:
    """A line naming the first table and row where two dumps differ, or None if they are equal."""
    for table in sorted(a.keys() | b.keys()):
        ra, rb = a.get(table), b.get(table)
        if ra == rb:
            continue
        if ra is None or rb is None:
            return f"{table}: only in {'the second' if ra is None else 'the first'} database"
        for i, (x, y) in enumerate(zip(ra, rb)):
            if x != y:
                return f"{table} row {i}: {x!r} != {y!r}"
        return f"{table}: {len(ra)} rows != {len(rb)} rows"
    return None


if __name__ == "__main__":
    diff = first_difference(dump(sys.argv[1]), dump(sys.argv[2]))
    print(diff or "identical")
    sys.exit(1 if diff else 0)
