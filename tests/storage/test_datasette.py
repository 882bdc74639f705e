"""Tests db/metadata.yml against a real Datasette server (issue 15).

The server (installed by the test extra) is started on 127.0.0.1 with a free
port, on a populated ``workbench.db``, and stopped after the module. The
pages are fetched over HTTP as a user's browser or ``curl`` would.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.storage.test_export_support import add_triage, build

METADATA = Path(__file__).resolve().parents[2] / "db" / "metadata.yml"
HIDDEN = ("claim_bands", "triage_meta", "fts_deferred", "_sqlite_migrations", "claims_fts", "claims_fts_data",
          "articles_fts_idx")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def datasette_exe() -> str:
    exe = Path(sys.executable).parent / "datasette"
    found = str(exe) if exe.exists() else shutil.which("datasette")
    if not found:
        pytest.fail("datasette is not installed: pip install -e '.[test]'")
    return found


def wait_for(proc: subprocess.Popen, base: str) -> None:
    """Wait until the server at ``base`` answers (or fail with its output)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
            return
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode(errors="replace") if proc.poll() is not None else ""
                pytest.fail(f"datasette did not start: {out[-2000:]}")
            time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def populated(folder: Path) -> Path:
    """workbench.db in ``folder``: both sample articles reviewed, plus a scored and grouped repeat."""
    conn = build(folder / "workbench.db")
    add_triage(conn)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return folder / "workbench.db"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = populated(tmp_path_factory.mktemp("datasette"))
    port = free_port()
    proc = subprocess.Popen([datasette_exe(), "serve", str(db), "--metadata", str(METADATA),
                             "-h", "127.0.0.1", "-p", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(proc, base)
        yield base
    finally:
        stop(proc)


def _get(base: str, path: str, **params) -> str:
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=30) as r:
        assert r.status == 200
        return r.read().decode("utf-8")


def test_search_on_the_view_finds_claims_not_every_row(server):
    everything = json.loads(_get(server, "/workbench/claim_review.json", _shape="array", _size="max"))
    hits = json.loads(_get(server, "/workbench/claim_review.json", _search="military", _shape="array"))
    assert len(everything) == 10
    assert sorted(r["article_id"] for r in hits) == [1, 3]
    assert all("military" in r["text"] for r in hits)
    page = _get(server, "/workbench/claim_review", _search="military")
    assert 'name="_search"' in page  # the view has a search box


def test_preset_facets_on_the_view(server):
    data = json.loads(_get(server, "/workbench/claim_review.json"))
    facets = data["facet_results"]
    assert {"status", "speaker_kind", "article_outlet", "attribution"} <= set(facets)
    status = {f["value"]: f["count"] for f in facets["status"]["results"]}
    # alice and bob disagree on one claim: disputed (issue 14), not the last mark
    assert status == {"unreviewed": 5, "unsourced": 2, "sourced": 1, "contested": 1, "disputed": 1}
    outlets = {f["value"]: f["count"] for f in facets["article_outlet"]["results"]}
    assert outlets["The Daily"] == 5 and outlets["The Other Daily"] == 2


def test_canned_query_runs_and_queries_are_listed_first(server):
    rows = json.loads(_get(server, "/workbench/unsourced_claims_by_speaker.json", _shape="array"))
    # "the report"'s claim is disputed (alice: sourced, bob: unsourced), so not counted unsourced (issue 14)
    assert {r["speaker"]: r["unsourced_claims"] for r in rows} == {"a U.S. official": 1, "the reporter": 1}
    page = _get(server, "/workbench")
    assert 'id="queries"' in page and page.index('id="queries"') < page.index('id="tables"')
    assert page.index("Unsourced claims by speaker") < page.index('id="tables"')


def test_internal_tables_are_hidden_and_not_listed(server):
    tables = {t["name"]: t for t in json.loads(_get(server, "/workbench.json"))["tables"]}
    page = _get(server, "/workbench")
    for name in HIDDEN:
        assert tables[name]["hidden"] is True, name
        assert f'href="/workbench/{name}"' not in page, name
    for name in ("claims", "articles", "review_events", "claim_scores", "claim_groups"):
        assert tables[name]["hidden"] is False and f'href="/workbench/{name}"' in page


def test_new_view_columns_are_served(server):
    rows = json.loads(_get(server, "/workbench/claim_review.json", _shape="array", group_size__gte="2"))
    assert len(rows) == 2 and {r["group_size"] for r in rows} == {2}
    assert all(r["check_worthiness"] is not None for r in rows)
