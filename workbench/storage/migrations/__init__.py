"""Provides the versioned schema: every migration, registered in order, and the upgrade that applies them.

Migrations are applied with sqlite-utils' ``Migrations``; each runs in a
transaction with the record of it having run. ``PRAGMA user_version`` mirrors
the number of applied migrations so other tools can read the version cheaply.
A database that has applied a migration this version does not know was written
by a newer workbench and is refused rather than touched.

One module per migration (``mNNN_<name>.py``), each named after the function it
registers; the names are recorded in users' databases, so neither a name nor the
order below ever changes, and a merged migration is never edited. A new one is
a new module imported at the end of the list.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils
from sqlite_utils.migrations import Migrations  # noqa: F401  (tests build a set of their own)

from ..transactions import StorageError, database, write_transaction
from .registry import _run, migrations  # noqa: F401  (the one set, and the runner the modules share)

# Registration order is application order.
from . import m001_initial  # noqa: E402,F401
from . import m002_export_views_and_indexes  # noqa: E402,F401
from . import m003_triage  # noqa: E402,F401
from . import m004_corrections  # noqa: E402,F401
from . import m005_versions  # noqa: E402,F401
from . import m006_carried_corrections  # noqa: E402,F401
from . import m007_fts_filled_per_batch  # noqa: E402,F401
from . import m008_partial_claims_previous  # noqa: E402,F401
from . import m009_claim_review_triage_columns  # noqa: E402,F401
from . import m010_reviewer_tokens  # noqa: E402,F401
from . import m011_review_state  # noqa: E402,F401
from . import m012_claim_confidence  # noqa: E402,F401
from . import m013_claim_sentences  # noqa: E402,F401


def known_migrations() -> list[str]:
    return [m.name for m in migrations._migrations]


def check_version(db: sqlite_utils.Database) -> None:
    """Refuse a database that a newer workbench has migrated."""
    applied = {m.name for m in migrations.applied(db)}
    unknown = applied - set(known_migrations())
    if unknown:
        raise StorageError(
            "this database was written by a newer version of the workbench "
            f"(unknown schema migrations: {', '.join(sorted(unknown))}); upgrade the workbench to open it"
        )


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema up to date in place; refuse a newer database."""
    db = database(conn)
    try:
        check_version(db)
        if not migrations.pending(db):
            return
        # Take the write lock first so two processes opening a new file do not
        # both try to create the schema; the loser finds nothing pending.
        with write_transaction(conn):
            if migrations.pending(db):
                migrations.apply(db)
                conn.execute(f"PRAGMA user_version = {len(known_migrations())}")
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc):
            raise StorageError(f"the database needs a schema upgrade but is read-only ({exc})") from exc
        raise
