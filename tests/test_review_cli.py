"""The review commands of issue 14 from the shell: claims add, adjudicate, the config file, one definition of
"the claims to review" in stats, the markdown report and publication_readiness.sql."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from tests.helpers import REPO
from tests.storage.test_export_support import build, claim_ids
from workbench.cli import main
from workbench.storage import corrections, open_db, reviews


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def test_claims_add_from_the_shell_is_a_correction_and_an_extractor_miss(tmp_path):
    db = tmp_path / "w.db"
    conn = build(db, reviewed=False)
    text = conn.execute("SELECT text FROM articles WHERE id = 1").fetchone()[0]
    conn.close()
    start = text.index("The bridge")
    result = run("claims", "add", 1, start, start + len("The bridge"), "--speaker", "jane byline",
                 "--reviewer", "ana", "--db", db)
    assert result.exit_code == 0, result.output
    claim_id = int(result.output.split()[1])
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT rule, text FROM claims WHERE id = ?", (claim_id,)).fetchone() == (
        "reviewer_added", "The bridge")
    assert conn.execute("SELECT action, origin, reviewer FROM correction_events WHERE claim_id = ?",
                        (claim_id,)).fetchall() == [("span", "added", "ana")]
    conn.close()
    assert "Missed by the extractor (claims reviewers added): 1 in 1 article(s)" in run("rules", "--db", db).output
    wrong = run("claims", "add", 1, start, start + 10, "--speaker", "Nobody Known", "--db", db)
    assert wrong.exit_code == 1 and "no speaker 'Nobody Known' in article 1" in wrong.stderr


def test_claims_with_a_filter_that_matches_nothing_says_so(tmp_path):
    db = tmp_path / "w.db"
    build(db).close()
    assert "no claims match these filters" in run("claims", "--speaker", "nobody", "--db", db).output
    empty = tmp_path / "empty.db"
    open_db(str(empty)).close()
    assert "no claims yet; load articles with 'workbench ingest PATH'" in run("claims", "--db", empty).output


def test_adjudicate_needs_the_role_from_the_config_file_or_the_flag(tmp_path):
    db = tmp_path / "w.db"
    conn = build(db)
    costs = claim_ids(conn)["costs rose b"]  # alice: sourced, bob: unsourced
    conn.close()
    config = tmp_path / "config.toml"
    config.write_text('reviewer = "carol"\nadjudicators = ["dana"]\n')
    env = {"WORKBENCH_CONFIG": str(config), "WORKBENCH_REVIEWER": ""}
    refused = run("adjudicate", costs, "unsourced", "--db", db, env=env)
    assert refused.exit_code == 1 and "carol is not an adjudicator" in refused.stderr
    done = run("adjudicate", costs, "unsourced", "--reviewer", "dana", "--note", "no public report", "--db", db,
               env=env)
    assert done.exit_code == 0, done.output
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT status, reviewer, note FROM claim_status WHERE claim_id = ?",
                        (costs,)).fetchone() == ("unsourced", "dana", "no public report")
    conn.close()
    # The config file's reviewer is who marks when --reviewer is not given.
    marked = run("mark", claim_ids(sqlite3.connect(db))["The council "], "sourced", "--db", db, env=env)
    assert "(by carol," in marked.output


def test_one_definition_of_the_claims_to_review_reaches_100_percent(tmp_path):
    """Claims taken out (not a claim, merged) no longer count as unreviewed anywhere."""
    db = tmp_path / "w.db"
    conn = build(db, reviewed=False)
    ids = [r[0] for r in conn.execute("SELECT id FROM claims WHERE article_id = 1 ORDER BY sequence")]
    corrections.not_claim(conn, ids[0], "ana")
    corrections.merge_next(conn, ids[1], "ana")  # ids[2] merged away
    for cid in ids[1:2] + ids[3:]:
        reviews.mark(conn, cid, "sourced", "ana")
    progress = conn.execute("SELECT claims, reviewed, unreviewed FROM article_progress WHERE article_id = 1").fetchone()
    ready = [r for r in conn.execute((REPO / "db/queries/publication_readiness.sql").read_text()) if r[0] == 1]
    conn.close()
    assert progress == (len(ids) - 2, len(ids) - 2, 0)
    assert ready[0][4] == 100.0  # pct_decided
    report = run("export", "--format", "markdown", "--article", 1, "--db", db).output
    assert f"Progress: {len(ids) - 2} of {len(ids) - 2} claims decided (100%)." in report
    stats = run("stats", "--db", db).output
    assert f"{len(ids) - 2} (100%)" in stats.replace("│", " ")
