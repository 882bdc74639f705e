"""Provides the Parquet export: the JSONL records as typed columns, written in row groups.

For data teams (pandas, polars, DuckDB, Spark). The columns are
``export.FIELDS`` (plus ``events`` with ``with_history``) with the same
values as the JSONL records, typed: ids and offsets ``int64``, text
``string``, ``hedged``/``corrected`` ``bool``, ``check_worthiness``
``double``, ``evidence`` and ``check_worthiness_reasons`` lists of strings,
``mention``/``antecedent``/``cue`` structs of (start, end, text), ``events``
a list of structs. Records are gathered into columns ``ROW_GROUP`` at a time
and each batch is written as one row group, so memory stays flat however
many claims there are.

Needs pyarrow, an optional dependency: ``pip install 'claims-workbench[parquet]'``.
"""

from __future__ import annotations

import sqlite3
from typing import BinaryIO

from .db import StorageError
from .export import EVENT_FIELDS, FIELDS, HISTORY_FIELD, ExportFilter, iter_records

ROW_GROUP = 20_000
_INT = ("claim_id", "article_id", "start", "end", "group_id", "group_size", "original_start", "original_end")
_BOOL = ("hedged", "corrected")
_SPAN = ("mention", "antecedent", "cue")
_LIST = ("evidence", "check_worthiness_reasons")


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise StorageError("the parquet export needs pyarrow: pip install 'claims-workbench[parquet]'") from None
    return pyarrow, pyarrow.parquet


def schema(with_history: bool = False):
    """The Arrow schema of the export: one field per ``FIELDS`` entry, in that order."""
    pa, _ = _pyarrow()
    span = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])

    def type_of(name: str):
        if name in _INT:
            return pa.int64()
        if name in _BOOL:
            return pa.bool_()
        if name in _SPAN:
            return span
        if name in _LIST:
            return pa.list_(pa.string())
        if name in ("check_worthiness", "confidence"):
            return pa.float64()
        return pa.string()

    fields = [pa.field(name, type_of(name)) for name in FIELDS]
    if with_history:
        event = pa.struct([(name, pa.string()) for name in EVENT_FIELDS])
        fields.append(pa.field(HISTORY_FIELD, pa.list_(event)))
    return pa.schema(fields)


def export_parquet(conn: sqlite3.Connection, out: BinaryIO, flt: ExportFilter | None = None, *,
                   with_history: bool = False, row_group: int = ROW_GROUP) -> int:
    """Stream the selected claims to ``out`` (a binary file) as Parquet; returns how many.

    Raises:
        StorageError: pyarrow is not installed.
    """
    pa, pq = _pyarrow()
    sch = schema(with_history)
    names = sch.names
    n = 0
    columns: dict[str, list] = {name: [] for name in names}
    with pq.ParquetWriter(out, sch, compression="zstd") as writer:
        for rec in iter_records(conn, flt, with_history=with_history):
            for name in names:
                columns[name].append(rec[name])
            n += 1
            if n % row_group == 0:
                writer.write_batch(pa.RecordBatch.from_pydict(columns, schema=sch))
                columns = {name: [] for name in names}
        if columns[names[0]] or n == 0:
            writer.write_batch(pa.RecordBatch.from_pydict(columns, schema=sch))
    return n
