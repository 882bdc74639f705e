"""Tests that ``export --format csv`` then ``import-reviews`` keeps every text exact (issue 15).

Reviewer names, notes and evidence URLs that look like formulas, start with
apostrophes, hold quotes, separators, line breaks and non-ASCII go through a
CSV file (neutralised, raw, with and without history) into a fresh copy of
the database, through the real commands, and come out byte for byte.
"""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from tests.storage.test_export_support import bare_copy, build, claim, claim_ids
from workbench.domain.models import Analysis, AttributionKind, Document
from workbench.cli.export import export_command, import_reviews_command
from workbench.storage import open_db, reviews
from workbench.storage.ingest import store, utc_now

# (reviewer, note, evidence URL) for each claim: OWASP's payloads and the texts issue 15 saw altered.
HOSTILE = [
    ("=evil", '=1+2";=1+2', "=HYPERLINK(\"http://evil.example\")"),
    ("'alice", "''Parasite' scores, said the critic", "'https://quoted.example"),
    ("-bob", "-3 degrees", "-https://dash.example"),
    ("@carol", "-2+3+cmd|' /C calc'!A0", "@https://at.example"),
    ("\tdan", "'=already an apostrophe", "https://fine.example/?a=1&b=2"),
    ("erin", "line one\r\nline two, \"quoted\"; and a tab\there", "https://e.example/x,y"),
    ("fay", "+5 degrees; María's naïve ünïcode “curly”", "https://f.example"),
    ("'", "@SUM(1+9)*cmd|' /C calc'!A0", "\r=cr"),
]


PLAIN = "The council met on Tuesday and agreed the budget."


def _cli():
    return click.Group(commands={"export": export_command, "import-reviews": import_reviews_command})


def _hostile_db(path):
    conn = build(path, reviewed=False)
    for (reviewer, note, url), claim_id in zip(HOSTILE, claim_ids(conn).values()):
        reviews.mark(conn, claim_id, "contested", reviewer, note=note)
        # The review UI and `mark` take only http(s) evidence (issue 14); a copy written before that, or an
        # import, can still hold any text, which must survive the round trip too.
        conn.execute("INSERT INTO review_events (claim_id, action, status, reviewer, evidence_url, created_at)"
                     " VALUES (?, 'evidence', 'contested', ?, ?, ?)", (claim_id, reviewer, url, utc_now()))
        reviews.add_note(conn, claim_id, note + " (again)", reviewer)
    return conn


def _texts(conn) -> list[tuple]:
    return conn.execute(
        "SELECT c.start, c.end, e.action, e.status, e.reviewer, e.note, e.evidence_url, e.created_at"
        " FROM review_events e JOIN claims c ON c.id = e.claim_id ORDER BY c.start, e.created_at, e.id").fetchall()


def _current(conn) -> list[tuple]:
    return conn.execute("SELECT c.start, c.end, cc.status, cc.reviewer, cc.note, cc.evidence FROM claim_current cc"
                        " JOIN claims c ON c.id = cc.claim_id ORDER BY c.start, c.end").fetchall()


@pytest.mark.parametrize("with_history", [False, True])
@pytest.mark.parametrize("raw", [False, True])
def test_csv_and_import_reviews_keep_every_text_exact(tmp_path, with_history, raw):
    theirs = _hostile_db(tmp_path / "theirs.db")
    ours = bare_copy(tmp_path / "ours.db")
    ours.close()
    out = tmp_path / "theirs.csv"
    args = ["export", "--db", str(tmp_path / "theirs.db"), "--format", "csv", "-o", str(out)]
    res = CliRunner().invoke(_cli(), args + (["--with-history"] if with_history else [])
                             + (["--csv-raw"] if raw else []))
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(_cli(), ["import-reviews", str(out), "--db", str(tmp_path / "ours.db")])
    assert res.exit_code == 0, res.output
    ours = open_db(str(tmp_path / "ours.db"), create=False)
    try:
        if with_history:
            assert _texts(ours) == _texts(theirs)
        assert _current(ours) == _current(theirs)
        assert {r[3] for r in _current(ours)} >= {"=evil", "'alice", "-bob", "@carol", "\tdan", "'"}
    finally:
        ours.close()
        theirs.close()


def test_import_reviews_csv_raw_flag_settles_an_ambiguous_raw_file(tmp_path):
    """A raw file whose only formula-like cells already start with an apostrophe looks neutralised."""
    for name in ("theirs", "ours0", "ours1"):
        conn = open_db(str(tmp_path / f"{name}.db"))
        store(conn, Document(text=PLAIN, source="plain.txt", format="txt", title="Plain"),
              Analysis(claims=(claim(PLAIN, [PLAIN], PLAIN[:-1], None, AttributionKind.UNATTRIBUTED),)), "test")
        if name == "theirs":
            claim_id = conn.execute("SELECT id FROM claims").fetchone()[0]
            reviews.mark(conn, claim_id, "sourced", "alice", note="'=1+2 is how the sheet showed it")
        conn.close()
    out = tmp_path / "raw.csv"
    assert CliRunner().invoke(_cli(), ["export", "--db", str(tmp_path / "theirs.db"), "--format", "csv",
                                       "--csv-raw", "-o", str(out)]).exit_code == 0
    notes = {}
    for flag in ([], ["--csv-raw"]):
        db = tmp_path / f"ours{len(flag)}.db"
        res = CliRunner().invoke(_cli(), ["import-reviews", *flag, str(out), "--db", str(db)])
        assert res.exit_code == 0, res.output
        conn = open_db(str(db), create=False)
        notes[bool(flag)] = [r[0] for r in conn.execute("SELECT note FROM review_events")]
        conn.close()
    assert notes[True] == ["'=1+2 is how the sheet showed it"]
    assert notes[False] == ["=1+2 is how the sheet showed it"]  # read as a neutralised cell: why the flag exists
