"""Provides the terminal side of ``workbench export``: pick a writer, open the output."""

from __future__ import annotations

import contextlib
import os
import sys

import click

from .storage.export import ExportFilter, iter_records, write_json, write_jsonl

WRITERS = {"jsonl": write_jsonl, "json": write_json}


def _writer(fmt: str):
    if fmt in WRITERS:
        return WRITERS[fmt]
    if fmt == "csv":
        from .storage.export_csv import write_csv
        return write_csv
    raise click.ClickException(f"unknown export format {fmt!r}")


@contextlib.contextmanager
def _output(path: str):
    if path == "-":
        yield sys.stdout
        return
    # Write beside the target and rename, so a failed export never leaves half a file.
    tmp = f"{path}.partial"
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(tmp, path)
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot write the export ({exc.strerror})") from None
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def run_export(conn, fmt: str, output: str, flt: ExportFilter) -> int:
    write = _writer(fmt)
    with _output(output) as out:
        return write(iter_records(conn, flt), out)
