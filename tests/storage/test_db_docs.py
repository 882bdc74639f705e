"""Tests db/README.md, db/metadata.yml and db/queries against a real, populated database.

Every documented command runs exactly as written (through a shell, with
``sqlite3`` and ``sqlite-utils`` on the PATH; a missing ``sqlite3`` binary
falls back to running the same SQL with Python's sqlite3). Every table, view
and column must be documented, in the README and in the Datasette metadata.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.storage.test_export_support import article_1, build
from workbench.domain.models import Analysis, Document
from workbench.storage import open_db
from workbench.storage.ingest import store

DB_DIR = Path(__file__).resolve().parents[2] / "db"
README = (DB_DIR / "README.md").read_text(encoding="utf-8")
QUERIES = sorted((DB_DIR / "queries").glob("*.sql"))
# FTS5's own storage tables and hidden columns are not the user's business.
_FTS_SHADOW = re.compile(r".*_fts_(data|idx|docsize|config|content)$")


def _commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines()
            if line.strip().startswith(("sqlite3 ", "sqlite-utils "))]


COMMANDS = _commands()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A folder holding workbench.db (both sample articles, reviewed, with a disagreement) and db/queries."""
    folder = tmp_path_factory.mktemp("docs")
    conn = build(folder / "workbench.db")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copytree(DB_DIR / "queries", folder / "db" / "queries")
    return folder


def _objects(conn) -> dict[str, list[str]]:
    """Every user-facing table and view with its columns."""
    out = {}
    for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'view')"
                                  " AND name NOT LIKE 'sqlite_%' ORDER BY name"):
        if _FTS_SHADOW.match(name):
            continue
        cols = [r[1] for r in conn.execute(f'PRAGMA table_xinfo("{name}")') if r[6] in (0, 2, 3)]
        out[name] = cols
    return out


def _readme_sections() -> dict[str, str]:
    sections = {}
    for chunk in re.split(r"^### ", README, flags=re.M)[1:]:
        name, body = chunk.split("\n", 1)
        sections[name.strip()] = body.split("\n## ")[0]
    return sections


def test_documented_commands_were_found():
    assert len(COMMANDS) >= 15
    assert any(c.startswith("sqlite-utils query workbench.db ") for c in COMMANDS)
    assert any("< db/queries/" in c for c in COMMANDS)


def _run_sqlite3_in_python(command: str, cwd: Path) -> str:
    if "<" in command:
        head, file = command.split("<", 1)
        sql = (cwd / file.strip()).read_text(encoding="utf-8")
    else:
        head, sql = command, shlex.split(command)[-1]
    assert shlex.split(head)[-1] == "workbench.db" or "workbench.db" in shlex.split(head)
    conn = sqlite3.connect(cwd / "workbench.db")
    try:
        return repr(conn.execute(sql).fetchall())
    finally:
        conn.close()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_documented_query_runs_as_written(workdir, command):
    tool = command.split()[0]
    bindir = str(Path(sys.executable).parent)  # where the venv's sqlite-utils lives
    env_path = f"{bindir}:{Path('/usr/bin')}:{Path('/bin')}:{Path('/usr/local/bin')}"
    if tool == "sqlite3" and shutil.which("sqlite3", path=env_path) is None:
        out = _run_sqlite3_in_python(command, workdir)
    else:
        if tool == "sqlite-utils" and shutil.which("sqlite-utils", path=env_path) is None:
            pytest.skip("sqlite-utils command not installed")
        res = subprocess.run(["bash", "-c", command], cwd=workdir, capture_output=True, text=True,
                             env={"PATH": env_path, "LANG": "C.UTF-8"}, timeout=60)
        assert res.returncode == 0 and not res.stderr, res.stderr
        out = res.stdout
    assert out.strip() and out.strip() not in ("[]", "[\n]")


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_saved_queries_run_and_return_rows(workdir, path):
    conn = sqlite3.connect(workdir / "workbench.db")
    try:
        rows = conn.execute(path.read_text(encoding="utf-8")).fetchall()
    finally:
        conn.close()
    assert rows
    assert path.read_text(encoding="utf-8").startswith("-- ")  # each says what it answers


def test_saved_queries_are_listed_in_the_readme():
    for path in QUERIES:
        assert f"`{path.name}`" in README and f"db/queries/{path.name}" in README


def test_every_table_view_and_column_is_documented(workdir):
    conn = sqlite3.connect(workdir / "workbench.db")
    objects = _objects(conn)
    conn.close()
    sections = _readme_sections()
    missing = []
    for name, cols in objects.items():
        if name not in sections:
            missing.append(name)
            continue
        documented = set(re.findall(r"^\| `([^`]+)` \|", sections[name], flags=re.M))
        missing += [f"{name}.{c}" for c in cols if c not in documented]
        # And nothing documented that does not exist.
        missing += [f"{name}.{c} (documented, not in the schema)" for c in documented - set(cols)]
    assert not missing, f"db/README.md does not document: {', '.join(missing)}"


def test_the_views_the_issue_asks_for(workdir):
    conn = sqlite3.connect(workdir / "workbench.db")
    try:
        speakers = {r[0]: r[1:] for r in conn.execute(
            "SELECT name, claims, sourced, unsourced, contested, share_unsourced, articles FROM speaker_summary")}
        progress = conn.execute("SELECT claims, reviewed, sourced, unsourced, contested, unreviewed"
                                " FROM article_progress ORDER BY article_id").fetchall()
        disagreements = conn.execute("SELECT text, marks FROM review_disagreements").fetchall()
        one_row_per_claim = conn.execute("SELECT count(*), count(DISTINCT claim_id) FROM claim_review").fetchone()
    finally:
        conn.close()
    assert speakers["John Kirby"] == (1, 1, 0, 0, 0.0, 1)
    # reviewed = decided: the claim alice and bob disagree on is disputed, not done (issue 14)
    assert progress == [(5, 3, 1, 1, 1, 1), (3, 1, 0, 1, 0, 2)]
    assert disagreements == [("costs rose by 40% @ the site", "alice: sourced; bob: unsourced")]
    assert one_row_per_claim == (8, 8)


def test_foreign_keys_are_declared_and_hold(workdir):
    conn = sqlite3.connect(workdir / "workbench.db")
    try:
        refs = {(t, r[2], r[3]) for t in ("claims", "speakers", "speaker_aliases", "review_events", "claim_current",
                                           "speaker_events")
                for r in conn.execute(f"PRAGMA foreign_key_list({t})")}
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    for expected in [("claims", "articles", "article_id"), ("claims", "speakers", "speaker_id"),
                     ("review_events", "claims", "claim_id"), ("claim_current", "claims", "claim_id"),
                     ("speakers", "speakers", "merged_into"), ("speaker_aliases", "speakers", "speaker_id")]:
        assert expected in refs


def test_full_text_search_is_kept_in_sync_on_ingest(tmp_path):
    conn = open_db(str(tmp_path / "workbench.db"))
    try:
        store(conn, Document(text="Zanzibar ferries resumed.", source="z.txt", format="txt", title="Ferries"),
              Analysis(claims=()), "test")
        doc, analysis = article_1()
        store(conn, doc, analysis, "test")
        hits = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'zanzibar'").fetchall()
        assert hits == [(1,)]
        claim = conn.execute("SELECT c.text FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid"
                             " WHERE claims_fts MATCH 'military'").fetchall()
        assert claim == [('the strike "hit only military targets."',)]
        assert conn.execute("SELECT count(*) FROM claims_fts").fetchone()[0] == 5
    finally:
        conn.close()


def test_indexes_serve_the_common_filters(workdir):
    conn = sqlite3.connect(workdir / "workbench.db")
    try:
        def plan(sql):
            return " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "claim_current_status" in plan("SELECT claim_id FROM claim_current WHERE status = 'unsourced'")
        assert "claims_article_span" in plan("SELECT id FROM claims WHERE article_id = 1 AND start = 3 AND end = 9")
        assert "review_events_reviewer" in plan("SELECT claim_id FROM review_events WHERE reviewer = 'bob'")
        assert "review_events_created" in plan("SELECT claim_id FROM review_events WHERE created_at >= '2024'")
        assert "speakers_name_nocase" in plan("SELECT id FROM speakers WHERE name = 'x' COLLATE NOCASE")
    finally:
        conn.close()


# --- Datasette metadata -------------------------------------------------------------------

def _metadata() -> dict:
    yaml_mod = pytest.importorskip("yaml")
    return yaml_mod.safe_load((DB_DIR / "metadata.yml").read_text(encoding="utf-8"))


def test_metadata_describes_every_table_view_and_column(workdir):
    meta = _metadata()["databases"]["workbench"]
    conn = sqlite3.connect(workdir / "workbench.db")
    objects = _objects(conn)
    conn.close()
    missing = []
    for name, cols in objects.items():
        table = meta["tables"].get(name)
        if not table or not table.get("description"):
            missing.append(name)
            continue
        missing += [f"{name}.{c}" for c in cols if not (table.get("columns") or {}).get(c)]
    assert not missing, f"db/metadata.yml does not describe: {', '.join(missing)}"


def test_metadata_canned_queries_are_the_saved_queries_and_run(workdir):
    queries = _metadata()["databases"]["workbench"]["queries"]
    assert {"unsourced_claims_by_speaker", "anonymous_sources_by_article"} <= set(queries)
    conn = sqlite3.connect(workdir / "workbench.db")
    try:
        for name, q in queries.items():
            assert q["title"] and q["description"]
            saved = DB_DIR / "queries" / f"{name}.sql"
            assert q["sql"].strip() == saved.read_text(encoding="utf-8").strip(), f"{name} differs from {saved}"
            assert conn.execute(q["sql"]).fetchall()
    finally:
        conn.close()


def test_datasette_accepts_the_metadata(workdir):
    """Only when Datasette happens to be installed: it is not a dependency."""
    pytest.importorskip("datasette")
    import asyncio

    from datasette.app import Datasette

    async def check():
        ds = Datasette([str(workdir / "workbench.db")], metadata=_metadata())
        await ds.invoke_startup()
        for path in ("/workbench/claim_review.json", "/workbench/unsourced_claims_by_speaker.json",
                     "/workbench/anonymous_sources_by_article.json", "/workbench/claims.json?_search=military"):
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.text[:300])
        page = await ds.client.get("/workbench/claim_review")
        assert "One row per claim" in page.text

    asyncio.run(check())
