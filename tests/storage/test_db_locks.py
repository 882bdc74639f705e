"""Opening another connection must not drop this process's SQLite locks on the file.

Closing any file descriptor of a file releases every POSIX lock the process holds
on it, including those of live SQLite connections. If ``connect()`` read the
header with ``open()`` each time, another process closing its connection would
believe it was the last user and delete the WAL under a reader in the middle of
a read transaction: the review UI then failed with "disk I/O error" while an
ingest ran.
"""

from __future__ import annotations

import subprocess
import sys

from workbench.storage.db import connect


def test_a_second_connection_keeps_the_first_ones_locks(tmp_path):
    db = tmp_path / "w.db"
    writer = connect(db)
    writer.execute("CREATE TABLE t (x)")
    writer.execute("INSERT INTO t VALUES (1)")
    reader = connect(db)
    reader.execute("BEGIN")
    assert reader.execute("SELECT x FROM t").fetchall() == [(1,)]
    connect(db).close()  # as the UI does for each worker
    writer.close()
    # Another process writes and closes; it must see that this one still uses the file.
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('INSERT INTO t VALUES (2)');"
            " c.commit(); c.close()")
    subprocess.run([sys.executable, "-c", code, str(db)], check=True)
    assert (tmp_path / "w.db-wal").exists(), "the other process deleted the WAL under a live reader"
    assert reader.execute("SELECT x FROM t").fetchall() == [(1,)]  # still its snapshot
    reader.execute("COMMIT")
    assert reader.execute("SELECT x FROM t ORDER BY x").fetchall() == [(1,), (2,)]
    reader.close()
