"""Regressions for issue 19 items 12 and 13: a NUL is refused at read time, and a lone surrogate names its field."""

from __future__ import annotations

import json

import pytest

from workbench.domain.models import Document
from workbench.sources import ReadError, iter_documents

TEXT = "Budget\n\nThe mayor said the budget rose."


def _read(path) -> list:
    return list(iter_documents([str(path)]))


@pytest.mark.parametrize(("record", "field"), [
    ({"id": "a\ud800", "text": TEXT}, "id"),
    ({"id": "b", "author": "Ann \udfff", "text": TEXT}, "author"),
    ({"id": "c", "author": ["Ann", "Bo\ud83d"], "text": TEXT}, "author"),
    ({"id": "d", "outlet": "\udc80", "text": TEXT}, "outlet"),
])
def test_a_lone_surrogate_is_named_by_its_field(tmp_path, record, field):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps({"id": "ok", "text": TEXT}) + "\n", encoding="utf-8")
    first, second = _read(path)
    assert isinstance(first, ReadError)
    assert str(first).startswith(f"{path}:1: '{field}' field: holds half of a surrogate pair")
    assert isinstance(second, Document) and second.external_id == "ok"


@pytest.mark.parametrize("record", [{"text": "Budget\n\nThe mayor\u0000 said it."},
                                    {"text": TEXT, "author": "A\u0000"}, {"text": TEXT, "title": "T\u0000"}])
def test_a_nul_from_a_json_escape_is_refused(tmp_path, record):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert "\\u0000" in path.read_text(encoding="utf-8")
    (error,) = _read(path)
    assert isinstance(error, ReadError)
    assert "holds a NUL character (U+0000)" in error.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_a_nul_in_a_text_file_with_a_byte_order_mark_is_refused(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes("Budget\n\nThe mayor\x00 said it.".encode(encoding))
    (error,) = _read(path)
    assert isinstance(error, ReadError) and "NUL character (U+0000) at character 17" in error.message
