"""Provides the readable schema: what the migrations produce, as SQL text.

``db/schema.sql`` is this dump of a freshly migrated database; a test compares
the two, so the file never drifts from the code. Regenerate it with
``python -m workbench.storage.schema > db/schema.sql``.
"""

from __future__ import annotations

import sqlite3

HEADER = """-- The workbench database schema, as the migrations produce it.
-- Generated: python -m workbench.storage.schema > db/schema.sql  (do not edit by hand)
-- Documented table by table in db/README.md.
"""


def dump_schema(conn: sqlite3.Connection) -> str:
    """All user-visible schema objects, in creation order, as SQL statements."""
    rows = conn.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"
        " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'"
        " AND name NOT LIKE '%_fts_%' ORDER BY rowid"
    ).fetchall()
    return HEADER + "\n" + "".join(f"{sql.strip()};\n\n" for (sql,) in rows)


def main() -> None:
    from . import open_db

    conn = open_db(":memory:")
    print(dump_schema(conn), end="")


if __name__ == "__main__":
    main()
