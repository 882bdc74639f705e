"""Tests the Parquet export: the JSONL records as typed columns, in row groups (issue 15)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.storage.test_export_support import add_triage, build
from workbench.cli.export import export_command
from workbench.storage import StorageError
from workbench.storage.export import FIELDS, HISTORY_FIELD, ExportFilter, iter_records
from workbench.storage.export_parquet import export_parquet, schema

pa = pytest.importorskip("pyarrow")  # installed by the test extra
pq = pytest.importorskip("pyarrow.parquet")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    c = build(tmp_path_factory.mktemp("parquet") / "workbench.db")
    add_triage(c)
    yield c
    c.close()


def _write(conn, flt=None, **kw) -> pa.Table:
    buf = io.BytesIO()
    export_parquet(conn, buf, flt, **kw)
    return pq.read_table(io.BytesIO(buf.getvalue()))


@pytest.mark.parametrize("with_history", [False, True])
@pytest.mark.parametrize("flt", [ExportFilter(), ExportFilter(status="unsourced"), ExportFilter(article_id=3)])
def test_rows_are_the_jsonl_records(conn, flt, with_history):
    table = _write(conn, flt, with_history=with_history)
    assert table.column_names == list(FIELDS) + ([HISTORY_FIELD] if with_history else [])
    assert table.to_pylist() == list(iter_records(conn, flt, with_history=with_history))


def test_columns_are_typed(conn):
    types = {f.name: str(f.type) for f in _write(conn).schema}
    assert types["claim_id"] == types["start"] == types["group_size"] == "int64"
    assert types["hedged"] == types["corrected"] == "bool"
    assert types["check_worthiness"] == "double"
    assert types["evidence"] == types["check_worthiness_reasons"] == "list<element: string>"
    assert types["mention"] == "struct<start: int64, end: int64, text: string>"
    assert types["article_published"] == types["text"] == "string"


def test_written_in_row_groups(conn):
    buf = io.BytesIO()
    assert export_parquet(conn, buf, row_group=3) == 10
    meta = pq.ParquetFile(io.BytesIO(buf.getvalue())).metadata
    assert meta.num_row_groups == 4 and [meta.row_group(i).num_rows for i in range(4)] == [3, 3, 3, 1]


def test_no_claims_is_an_empty_table_with_the_schema(conn):
    table = _write(conn, ExportFilter(article_id=404))
    assert table.num_rows == 0 and table.schema.equals(schema())


def test_cli_writes_a_file_and_a_pipe(conn, tmp_path):
    db = tmp_path / "workbench.db"
    c = build(db)
    c.close()
    out = tmp_path / "claims.parquet"
    res = CliRunner().invoke(click.Group(commands={"export": export_command}),
                             ["export", "--db", str(db), "--format", "parquet", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert pq.read_table(out).num_rows == 8
    piped = subprocess.run([sys.executable, "-m", "workbench", "export", "--db", str(db), "--format", "parquet"],
                           capture_output=True, cwd=REPO, timeout=120)
    assert piped.returncode == 0, piped.stderr.decode()
    assert pq.read_table(io.BytesIO(piped.stdout)).num_rows == 8


def test_without_pyarrow_the_error_says_what_to_install(conn, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(StorageError, match=r"pip install 'claims-workbench\[parquet\]'"):
        export_parquet(conn, io.BytesIO())
