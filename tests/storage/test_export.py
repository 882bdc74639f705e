"""Tests the JSON/JSONL export: record shape, filters, the fast path, the CLI and streaming."""

from __future__ import annotations

import gc
import io
import json
import tracemalloc

import click
import pytest
from click.testing import CliRunner

from tests.storage.test_export_support import TEXT_1, build, claim_ids
from workbench.cli.export import export_command, import_reviews_command
from workbench.storage import StorageError, open_db
from workbench.storage.export import (
    FIELDS, ExportFilter, export_json, export_jsonl, iter_json_lines, iter_records, normalise_since,
)

SCORER_KEYS = ("source", "start", "end", "text", "speaker", "speaker_kind", "attribution", "mention")


@pytest.fixture
def conn(tmp_path):
    c = build(tmp_path / "workbench.db")
    yield c
    c.close()


def test_one_record_per_claim_with_every_field(conn):
    records = list(iter_records(conn))
    assert len(records) == conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 8
    for rec in records:
        assert tuple(rec) == FIELDS


def test_offsets_sentence_and_mention_are_exact(conn):
    for rec in iter_records(conn):
        article = conn.execute("SELECT text FROM articles WHERE id = ?", (rec["article_id"],)).fetchone()[0]
        assert article[rec["start"]:rec["end"]] == rec["text"]
        assert rec["text"] in rec["sentence"] or rec["sentence"] in article
        if rec["mention"] is not None:
            m = rec["mention"]
            assert set(m) == {"start", "end", "text"}
            assert article[m["start"]:m["end"]] == m["text"]


def test_scorer_fields_keep_their_shape(conn):
    """/work/shared/eval/score.py adapt_export_record() reads these keys as they are."""
    by_text = {r["text"][:12]: r for r in iter_records(conn)}
    kirby = by_text['the strike "']
    assert {k: kirby[k] for k in SCORER_KEYS} == {
        "source": "samples/strike.txt", "start": TEXT_1.index("the strike"),
        "end": TEXT_1.index("the strike") + len('the strike "hit only military targets."'),
        "text": 'the strike "hit only military targets."', "speaker": "John Kirby", "speaker_kind": "person",
        "attribution": "partial",
        "mention": {"start": TEXT_1.index("John Kirby"), "end": TEXT_1.index("John Kirby") + 10,
                    "text": "John Kirby"},
    }
    author = by_text["The bridge w"]
    assert author["speaker_kind"] == "author" and author["speaker"] == "Jane Byline"
    assert author["mention"] is None and author["attribution"] == "unattributed"


def test_review_state_is_exported(conn):
    by_text = {r["text"][:12]: r for r in iter_records(conn)}
    kirby = by_text['the strike "']
    assert (kirby["status"], kirby["reviewer"], kirby["note"]) == ("sourced", "alice", "On the record; =see transcript")
    assert kirby["evidence"] == ["https://defense.example/transcript", "https://video.example/briefing"]
    # alice said sourced, bob later unsourced: disputed until an adjudicator decides (issue 14)
    assert by_text["costs rose b"]["status"] == "disputed"
    assert by_text["+5 degrees i"]["status"] == "unreviewed"  # cleared
    assert by_text["-12 percent "]["reviewer"] is None and by_text["-12 percent "]["evidence"] == []


@pytest.mark.parametrize("with_history", [False, True])
@pytest.mark.parametrize("flt", [ExportFilter(), ExportFilter(status="sourced"), ExportFilter(speaker_kind="author")])
def test_fast_json_lines_decode_to_the_records(conn, with_history, flt):
    lines = list(iter_json_lines(conn, flt, with_history=with_history))
    records = list(iter_records(conn, flt, with_history=with_history))
    assert [json.loads(line) for line in lines] == records
    assert lines  # every filter here selects something


def test_history_lists_every_event_oldest_first(conn):
    rec = next(r for r in iter_records(conn, with_history=True) if r["text"].startswith("the strike"))
    assert [(e["action"], e["status"], e["reviewer"]) for e in rec["events"]] == [
        ("mark", "sourced", "alice"), ("evidence", "sourced", "alice")]
    assert set(rec["events"][0]) == {"action", "status", "reviewer", "note", "evidence_url", "created_at", "origin"}


def test_jsonl_and_json_writers(conn):
    out = io.StringIO()
    assert export_jsonl(conn, out) == 8
    lines = out.getvalue().splitlines()
    assert len(lines) == 8 and all(json.loads(x)["claim_id"] for x in lines)
    out = io.StringIO()
    assert export_json(conn, out, ExportFilter(status="contested")) == 1
    assert [r["status"] for r in json.loads(out.getvalue())] == ["contested"]
    out = io.StringIO()
    assert export_json(conn, out, ExportFilter(article_id=999)) == 0
    assert json.loads(out.getvalue()) == []


@pytest.mark.parametrize("flt, expected", [
    (ExportFilter(status="unsourced"), {"=HYPERLINK(\"", "The council "}),
    (ExportFilter(status="disputed"), {"costs rose b"}),
    (ExportFilter(article_id=2), {"+5 degrees i", "\tTabs lead t", "The council "}),
    (ExportFilter(speaker="john kirby"), {'the strike "'}),
    (ExportFilter(speaker="the PENTAGON"), {"-12 percent "}),  # an alias, any case
    (ExportFilter(speaker_kind="anonymous"), {"=HYPERLINK(\""}),
    (ExportFilter(reviewer="bob"), {"The bridge w", "costs rose b"}),
    (ExportFilter(reviewer="bob", status="contested"), {"The bridge w"}),
    (ExportFilter(since="2000-01-01"), {'the strike "', "=HYPERLINK(\"", "The bridge w", "costs rose b",
                                        "+5 degrees i", "The council "}),
    (ExportFilter(since="2999-01-01T00:00:00+02:00"), set()),
])
def test_filters(conn, flt, expected):
    assert {r["text"][:12] for r in iter_records(conn, flt)} == expected


def test_since_is_normalised_to_utc_or_refused():
    assert normalise_since("2024-05-01") == "2024-05-01"
    assert normalise_since("2024-05-01T12:00:00+02:00") == "2024-05-01T10:00:00.000000Z"
    assert normalise_since("2024-05-01T10:00") == "2024-05-01T10:00:00.000000Z"
    with pytest.raises(StorageError, match="ISO date"):
        normalise_since("last tuesday")


def _cli():
    return click.Group(commands={"export": export_command, "import-reviews": import_reviews_command})


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "markdown", "claimreview", "parquet"])
def test_cli_writes_every_format(tmp_path, conn, fmt, monkeypatch):
    monkeypatch.setenv("WORKBENCH_ORG_NAME", "Standards Desk")
    monkeypatch.setenv("WORKBENCH_ORG_URL", "https://desk.example")
    out = tmp_path / f"out.{fmt}"
    res = CliRunner().invoke(_cli(), ["export", "--db", str(tmp_path / "workbench.db"), "--format", fmt,
                                      "-o", str(out)])
    assert res.exit_code == 0, res.output
    if fmt == "parquet":
        assert out.read_bytes().startswith(b"PAR1")
    else:
        assert out.read_text(encoding="utf-8").strip()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_cli_stdout_and_filters(tmp_path, conn):
    res = CliRunner().invoke(_cli(), ["export", "--db", str(tmp_path / "workbench.db"), "--status", "contested",
                                      "--reviewer", "bob"])
    assert res.exit_code == 0, res.output
    assert [json.loads(x)["note"] for x in res.output.splitlines()] == ["City says June [not May]"]


def test_cli_refuses_claimreview_without_organisation_and_writes_nothing(tmp_path, conn, monkeypatch):
    monkeypatch.delenv("WORKBENCH_ORG_NAME", raising=False)
    monkeypatch.delenv("WORKBENCH_ORG_URL", raising=False)
    out = tmp_path / "reviews.json"
    res = CliRunner().invoke(_cli(), ["export", "--db", str(tmp_path / "workbench.db"), "--format", "claimreview",
                                      "-o", str(out)])
    assert res.exit_code == 1 and "--org-name" in res.output
    assert not out.exists()


def test_cli_bad_since_is_a_clean_error(tmp_path, conn):
    res = CliRunner().invoke(_cli(), ["export", "--db", str(tmp_path / "workbench.db"), "--since", "soon"])
    assert res.exit_code == 1 and "ISO date" in res.output


def test_cli_missing_database(tmp_path):
    res = CliRunner().invoke(_cli(), ["export", "--db", str(tmp_path / "nope.db")])
    assert res.exit_code == 1 and "no such database" in res.output


class _Sink:
    """Counts what is written and keeps nothing, so only the exporter's memory is measured."""

    def __init__(self):
        self.chars = 0

    def write(self, s: str) -> int:
        self.chars += len(s)
        return len(s)


def _peak_export_bytes(path, fmt: str) -> tuple[int, int]:
    import functools

    from benchmarks.bench_export import BinaryDiscard
    from workbench.storage.export_csv import export_csv
    from workbench.storage.export_parquet import export_parquet

    # Parquet (slower per claim): the sourced claims only (1 in 9), in row groups of 200, so both
    # sizes fill several groups and any growth across groups shows.
    write = {"jsonl": export_jsonl, "csv": export_csv,
             "parquet": functools.partial(export_parquet, flt=ExportFilter(status="sourced"), row_group=200)}[fmt]
    conn = open_db(str(path), create=False)
    try:
        gc.collect()
        tracemalloc.start()
        tracemalloc.reset_peak()
        n = write(conn, _Sink() if fmt != "parquet" else BinaryDiscard())
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        conn.close()
    return n, peak


@pytest.fixture(scope="module")
def bulk_dbs(tmp_path_factory):
    from benchmarks.bench_export import bulk_build

    folder = tmp_path_factory.mktemp("bulk")
    paths = {}
    for n in (10_000, 100_000):
        paths[n] = folder / f"claims-{n}.db"
        # The claims FTS trigger is dropped in these throwaway files: exports
        # never read it, and it is half of the build time.
        bulk_build(paths[n], n, fts=False)
    return paths


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_of_100000_claims_streams(bulk_dbs, fmt):
    """Peak traced memory for 100,000 claims is no more than for 10,000 (plus slack for noise)."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    n_small, peak_small = _peak_export_bytes(bulk_dbs[10_000], fmt)
    n_big, peak_big = _peak_export_bytes(bulk_dbs[100_000], fmt)
    assert (n_small, n_big) == ((10_000, 100_000) if fmt != "parquet" else (1_112, 11_112))
    # Holding even 100 bytes per extra claim would add 9 MB; allow 256 KB.
    assert peak_big - peak_small < 256 * 1024, (peak_small, peak_big)
    assert peak_big < 4 * 1024 * 1024


def test_ids_helper_sees_every_claim(conn):
    assert len(claim_ids(conn)) == 8
